-- One row per request that reached a decision; one row per upstream call made for it.
CREATE TABLE requests (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    decision_id       TEXT    NOT NULL UNIQUE,
    started_at        TEXT    NOT NULL,            -- ISO-8601, UTC
    profile           TEXT    NOT NULL,
    requested_model   TEXT    NOT NULL,
    model             TEXT,                        -- the catalog model that answered, if any
    provider          TEXT,
    free              INTEGER,                     -- 1 when the answering model is free
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    usage_estimated   INTEGER NOT NULL DEFAULT 0,  -- 1 when the upstream reported no usage
    cost_usd          REAL    NOT NULL DEFAULT 0,
    outcome           TEXT    NOT NULL,            -- ok, refused, failed, upstream_error, stream_broken, client_closed, rejected, error
    http_status       INTEGER NOT NULL,
    latency_ms        INTEGER NOT NULL,
    stream            INTEGER NOT NULL,
    decision          TEXT    NOT NULL,            -- the ranking and the exclusions, with reasons
    error             TEXT
);
CREATE INDEX requests_started_at ON requests (started_at);

CREATE TABLE attempts (
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    seq         INTEGER NOT NULL,
    model       TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    http_status INTEGER NOT NULL,
    latency_ms  INTEGER NOT NULL,
    message     TEXT,
    PRIMARY KEY (request_id, seq)
);
