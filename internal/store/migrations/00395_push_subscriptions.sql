-- Web Push (issue 18): the browsers an athlete asked to be notified on.
-- The endpoint is the push service's URL for one browser and unique across
-- the instance (a browser re-subscribing for another athlete moves it).
-- The instance's VAPID key pair lives in instance_settings
-- (vapid_private_key), made once on first use.

-- +goose Up
CREATE TABLE push_subscriptions (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    endpoint   TEXT NOT NULL,
    p256dh     TEXT NOT NULL,
    auth       TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (endpoint)
);
CREATE INDEX push_subscriptions_athlete ON push_subscriptions (athlete_id);

-- +goose Down
DROP TABLE push_subscriptions;
