-- The training plan (package plan): planned sessions per athlete and day
-- (the athlete's calendar day, YYYY-MM-DD), written by hand or from an
-- accepted spark idea (experiment_id).

-- +goose Up
CREATE TABLE planned_sessions (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id            BIGINT NOT NULL,
    day           TEXT NOT NULL,
    sport         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    distance_m    DOUBLE PRECISION NOT NULL DEFAULT 0,
    duration_s    DOUBLE PRECISION NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT '',
    experiment_id BIGINT NOT NULL DEFAULT 0,
    created_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX planned_sessions_by_day ON planned_sessions (athlete_id, day);

-- +goose Down
DROP TABLE planned_sessions;
