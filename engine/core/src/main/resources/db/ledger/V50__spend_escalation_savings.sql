-- Issue 5: what a budget, an escalation and a savings report need from each request. Portable SQL
-- (SQLite and PostgreSQL): one column per statement, types both understand.
ALTER TABLE requests ADD COLUMN cached_input_tokens BIGINT NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN rules_fired TEXT;                 -- the rules that fired, in order (JSON list)
ALTER TABLE requests ADD COLUMN escalation_trigger TEXT;          -- why a paid model was called, or denied: all_free_failed, quality_gate, complexity, context_too_long
ALTER TABLE requests ADD COLUMN escalation TEXT;                  -- the structured justification (JSON)
ALTER TABLE requests ADD COLUMN escalation_denied INTEGER NOT NULL DEFAULT 0;  -- 1 when the profile refused to escalate
ALTER TABLE requests ADD COLUMN budget TEXT;                      -- what a budget did to the request (fallback-to-free, block-paid, warn-only), or null
ALTER TABLE requests ADD COLUMN reference_model TEXT;             -- the model savings are measured against
ALTER TABLE requests ADD COLUMN would_have_cost_usd DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN saved_usd DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE requests ADD COLUMN ttft_ms BIGINT;                   -- time to the first streamed byte; null for a whole answer
CREATE INDEX requests_key_name ON requests (key_name);
