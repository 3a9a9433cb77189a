-- Login and sign-up rate limits (issue 19), shared by every replica on one
-- database: one token bucket per (limit, client key), the key hashed (no
-- addresses or e-mails kept). full_ms is when the bucket is full again; a
-- row past it says nothing and is swept.

-- +goose Up
CREATE TABLE rate_limits (
    bucket   TEXT NOT NULL PRIMARY KEY,
    tokens   DOUBLE PRECISION NOT NULL,
    last_ms  BIGINT NOT NULL,
    full_ms  BIGINT NOT NULL
);
CREATE INDEX rate_limits_full ON rate_limits (full_ms);

-- +goose Down
DROP TABLE rate_limits;
