-- Privacy (issue 20): the runner's privacy zones (a point and a radius;
-- track samples inside them are cut from everything shared with someone
-- else), the activities they keep private from their coaches, and their
-- Strava grant.

-- +goose Up
CREATE TABLE privacy_zones (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    name       TEXT NOT NULL,
    lat        DOUBLE PRECISION NOT NULL,
    lon        DOUBLE PRECISION NOT NULL,
    radius_m   DOUBLE PRECISION NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);

CREATE TABLE private_activities (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL,
    created_ms  BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

-- Strava grants (package strava): the tokens sealed with AES-GCM under the
-- instance's key, never in the clear.
CREATE TABLE strava_tokens (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    sealed     BYTEA NOT NULL,
    expires_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id)
);

-- +goose Down
DROP TABLE strava_tokens;
DROP TABLE private_activities;
DROP TABLE privacy_zones;
