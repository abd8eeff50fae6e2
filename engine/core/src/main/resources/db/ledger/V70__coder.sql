-- Which coder sent each request (cline, claude-code, codex-cli…, or unknown), so that spend can be split by coder.
ALTER TABLE requests ADD COLUMN coder TEXT;
