-- Coaches (package coach): invites an athlete hands to a coach (a hashed
-- token with the scopes offered), links between an athlete and a coach (both
-- athletes/accounts) with scoped permissions, and plan-tweak requests with
-- their context and the messages exchanged on them.

-- +goose Up
CREATE TABLE coach_invites (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    token_hash TEXT NOT NULL,
    scopes     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    used_by    BIGINT NOT NULL DEFAULT 0,
    used_ms    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX coach_invites_by_token ON coach_invites (token_hash);

CREATE TABLE coach_links (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    coach_id   BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    scopes     TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    revoked_ms BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, coach_id)
);
CREATE INDEX coach_links_by_coach ON coach_links (coach_id);

CREATE TABLE coach_requests (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    coach_id   BIGINT NOT NULL,
    message    TEXT NOT NULL,
    context    TEXT NOT NULL DEFAULT '',
    state      TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX coach_requests_by_coach ON coach_requests (coach_id, created_ms);

CREATE TABLE coach_messages (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    request_id BIGINT NOT NULL,
    author_id  BIGINT NOT NULL,
    text       TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id),
    FOREIGN KEY (athlete_id, request_id) REFERENCES coach_requests (athlete_id, id) ON DELETE CASCADE
);
CREATE INDEX coach_messages_by_request ON coach_messages (athlete_id, request_id);

-- +goose Down
DROP TABLE coach_messages;
DROP TABLE coach_requests;
DROP TABLE coach_links;
DROP TABLE coach_invites;
