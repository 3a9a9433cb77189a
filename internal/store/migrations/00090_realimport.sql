-- Real runners' histories (issue 13): how an activity's sport was decided
-- and what the runner changed by hand (import and reprocess keep it), the
-- runner's race override, the athlete's home country and how the time
-- zone was set, and saved courses (planned routes: files with no times).

-- +goose Up
ALTER TABLE activities ADD COLUMN sport_source TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN name_source TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN race_override INTEGER;
ALTER TABLE activities ADD COLUMN edited_ms BIGINT NOT NULL DEFAULT 0;
ALTER TABLE athletes ADD COLUMN country TEXT NOT NULL DEFAULT '';
ALTER TABLE athletes ADD COLUMN tz_source TEXT NOT NULL DEFAULT '';

CREATE TABLE courses (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id            BIGINT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    distance_m    DOUBLE PRECISION NOT NULL DEFAULT 0,
    ascent_m      DOUBLE PRECISION NOT NULL DEFAULT 0,
    points        BYTEA NOT NULL,
    start_lat     DOUBLE PRECISION NOT NULL DEFAULT 0,
    start_lon     DOUBLE PRECISION NOT NULL DEFAULT 0,
    source_file   TEXT NOT NULL DEFAULT '',
    source_sha256 TEXT NOT NULL DEFAULT '',
    source_index  INTEGER NOT NULL DEFAULT 0,
    created_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX courses_by_source ON courses (athlete_id, source_sha256, source_index);

-- +goose Down
DROP TABLE courses;
ALTER TABLE athletes DROP COLUMN tz_source;
ALTER TABLE athletes DROP COLUMN country;
ALTER TABLE activities DROP COLUMN edited_ms;
ALTER TABLE activities DROP COLUMN race_override;
ALTER TABLE activities DROP COLUMN name_source;
ALTER TABLE activities DROP COLUMN sport_source;
