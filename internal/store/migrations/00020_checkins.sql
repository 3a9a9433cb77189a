-- Check-ins after a run (enjoyment, effort, company, surface) and the
-- periodic spark check (exhaustion, lost interest, stagnation: 1–5 each,
-- 5 is worst). Times are Unix milliseconds; ids come from id_seq.

-- +goose Up
CREATE TABLE checkins (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    activity_id BIGINT NOT NULL DEFAULT 0,
    at_ms       BIGINT NOT NULL,
    enjoyment   INTEGER NOT NULL DEFAULT 0,
    rpe         DOUBLE PRECISION NOT NULL DEFAULT -1,
    note        TEXT NOT NULL DEFAULT '',
    companions  INTEGER NOT NULL DEFAULT 0,
    surface     TEXT NOT NULL DEFAULT '',
    updated_ms  BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX checkins_by_at ON checkins (athlete_id, at_ms);
CREATE UNIQUE INDEX checkins_by_activity ON checkins (athlete_id, activity_id) WHERE activity_id <> 0;

CREATE TABLE spark_checks (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id            BIGINT NOT NULL,
    at_ms         BIGINT NOT NULL,
    exhaustion    DOUBLE PRECISION NOT NULL,
    lost_interest DOUBLE PRECISION NOT NULL,
    stagnation    DOUBLE PRECISION NOT NULL,
    answers       TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    updated_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX spark_checks_by_at ON spark_checks (athlete_id, at_ms);

-- +goose Down
DROP TABLE spark_checks;
DROP TABLE checkins;
