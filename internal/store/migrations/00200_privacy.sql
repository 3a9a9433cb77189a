-- Privacy (issue 20): the runner's privacy zones (a point and a radius;
-- track samples inside them are cut from everything shared with someone
-- else) and the activities they keep private from their coaches.

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

-- +goose Down
DROP TABLE private_activities;
DROP TABLE privacy_zones;
