-- Who asked (the gateway key's name, never its value), how the request was classified and routed,
-- and why a paid model was allowed to serve it.
ALTER TABLE requests ADD COLUMN key_name TEXT;
ALTER TABLE requests ADD COLUMN team TEXT;
ALTER TABLE requests ADD COLUMN task TEXT;
ALTER TABLE requests ADD COLUMN complexity TEXT;
ALTER TABLE requests ADD COLUMN route TEXT;
ALTER TABLE requests ADD COLUMN strategy TEXT;
ALTER TABLE requests ADD COLUMN experiment_arm TEXT;
ALTER TABLE requests ADD COLUMN justification TEXT;
