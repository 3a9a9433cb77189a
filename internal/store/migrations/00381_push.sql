-- Web Push (issue 18): each athlete's browser subscriptions and each
-- notification's push state, kept as its e-mail state (claimed before
-- sending, retried after a backoff). The server's VAPID key is the
-- instance setting vapid_private_key, made once so every replica signs alike.

-- +goose Up
CREATE TABLE push_subscriptions (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    endpoint   TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX push_subscriptions_endpoint ON push_subscriptions (athlete_id, endpoint);
ALTER TABLE notifications ADD COLUMN push_state TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN pushed_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN push_tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notifications ADD COLUMN push_error TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN push_next_ms BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE notifications DROP COLUMN push_next_ms;
ALTER TABLE notifications DROP COLUMN push_error;
ALTER TABLE notifications DROP COLUMN push_tries;
ALTER TABLE notifications DROP COLUMN pushed_ms;
ALTER TABLE notifications DROP COLUMN push_state;
DROP TABLE push_subscriptions;
