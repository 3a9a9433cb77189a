-- Gear (package gear): shoes and bikes per athlete with the distance at which
-- to retire them, the sports they are the default for, and the activities
-- assigned to them by hand (the rest are assigned by the activity's gear name
-- or the default for its sport, computed, not stored).

-- +goose Up
CREATE TABLE gear (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id            BIGINT NOT NULL,
    kind          TEXT NOT NULL,
    name          TEXT NOT NULL,
    brand         TEXT NOT NULL DEFAULT '',
    retire_at_m   DOUBLE PRECISION NOT NULL DEFAULT 0,
    start_m       DOUBLE PRECISION NOT NULL DEFAULT 0,
    default_for   TEXT NOT NULL DEFAULT '',
    added_ms      BIGINT NOT NULL,
    retired_ms    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, id)
);

CREATE TABLE gear_assignments (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL,
    gear_id     BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, gear_id) REFERENCES gear (athlete_id, id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE gear_assignments;
DROP TABLE gear;
