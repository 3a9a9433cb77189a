-- Web accounts (each account IS an athlete), sessions kept in the database so
-- several replicas can share one PostgreSQL, hashed API tokens, invites and
-- instance-wide settings (sign-up mode).

-- +goose Up
CREATE TABLE accounts (
    athlete_id          BIGINT PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    email               TEXT NOT NULL,
    password_hash       TEXT NOT NULL,
    is_admin            INTEGER NOT NULL DEFAULT 0,
    created_ms          BIGINT NOT NULL,
    password_changed_ms BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_by_email ON accounts (email);

CREATE TABLE sessions (
    athlete_id   BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL,
    csrf         TEXT NOT NULL,
    created_ms   BIGINT NOT NULL,
    expires_ms   BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL,
    user_agent   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (athlete_id, token_hash)
);

CREATE TABLE api_tokens (
    athlete_id   BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id           BIGINT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    token_hash   TEXT NOT NULL,
    created_ms   BIGINT NOT NULL,
    last_used_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX api_tokens_by_hash ON api_tokens (athlete_id, token_hash);

CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,
    created_by BIGINT NOT NULL,
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_by    BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE instance_settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE instance_settings;
DROP TABLE invites;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE accounts;
