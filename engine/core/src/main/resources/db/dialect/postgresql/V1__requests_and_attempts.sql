-- PostgreSQL's form of the SQLite V1 (db/dialect/sqlite): the same tables and columns; an identity
-- id in place of AUTOINCREMENT, and double precision for cost (REAL is 4 bytes here). Later
-- migrations in db/ledger are shared by both databases and must stay portable.
CREATE TABLE requests (
    id                BIGSERIAL PRIMARY KEY,
    decision_id       TEXT    NOT NULL UNIQUE,
    started_at        TEXT    NOT NULL,            -- ISO-8601, UTC
    profile           TEXT    NOT NULL,
    requested_model   TEXT    NOT NULL,
    model             TEXT,
    provider          TEXT,
    free              INTEGER,
    prompt_tokens     BIGINT  NOT NULL DEFAULT 0,
    completion_tokens BIGINT  NOT NULL DEFAULT 0,
    usage_estimated   INTEGER NOT NULL DEFAULT 0,
    cost_usd          DOUBLE PRECISION NOT NULL DEFAULT 0,
    outcome           TEXT    NOT NULL,
    http_status       INTEGER NOT NULL,
    latency_ms        BIGINT  NOT NULL,
    stream            INTEGER NOT NULL,
    decision          TEXT    NOT NULL,
    error             TEXT
);
CREATE INDEX requests_started_at ON requests (started_at);

CREATE TABLE attempts (
    request_id  BIGINT  NOT NULL REFERENCES requests (id),
    seq         INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    http_status INTEGER NOT NULL,
    latency_ms  BIGINT  NOT NULL,
    message     TEXT,
    PRIMARY KEY (request_id, seq)
);
