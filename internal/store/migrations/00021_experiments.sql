-- What the runner did with the spark engine's ideas: accepted (an experiment
-- with a watch window and, once judged, an outcome), dismissed or snoozed.

-- +goose Up
CREATE TABLE spark_experiments (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    rec_id      TEXT NOT NULL,
    strategy    TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL,
    at_ms       BIGINT NOT NULL,
    window_days INTEGER NOT NULL DEFAULT 14,
    until_ms    BIGINT NOT NULL DEFAULT 0,
    outcome     TEXT NOT NULL DEFAULT '',
    judged_ms   BIGINT NOT NULL DEFAULT 0,
    evidence    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX spark_experiments_by_at ON spark_experiments (athlete_id, at_ms);

-- +goose Down
DROP TABLE spark_experiments;
