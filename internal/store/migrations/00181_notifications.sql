-- Notifications (issue 18): the moments told to a runner, kept exactly once
-- per (athlete, kind, moment key); the in-app list reads them, and e-mail
-- sends claim one (emailed_ms) before sending so that a restart never sends
-- it twice. email_state: '' not for e-mail yet, pending, sent, failed.

-- +goose Up
CREATE TABLE notifications (
    athlete_id   BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id           BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    moment_key   TEXT NOT NULL,
    day          TEXT NOT NULL,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    link         TEXT NOT NULL DEFAULT '',
    created_ms   BIGINT NOT NULL,
    read_ms      BIGINT NOT NULL DEFAULT 0,
    email_state  TEXT NOT NULL DEFAULT '',
    emailed_ms   BIGINT NOT NULL DEFAULT 0,
    email_tries  INTEGER NOT NULL DEFAULT 0,
    email_error  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX notifications_once ON notifications (athlete_id, kind, moment_key);

-- +goose Down
DROP TABLE notifications;
