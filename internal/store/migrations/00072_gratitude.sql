-- The gratitude journal (package gratitude): dated entries in the runner's words.

-- +goose Up
CREATE TABLE gratitude_entries (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id         BIGINT NOT NULL,
    day        TEXT NOT NULL,
    text       TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX gratitude_entries_by_day ON gratitude_entries (athlete_id, day);

-- +goose Down
DROP TABLE gratitude_entries;
