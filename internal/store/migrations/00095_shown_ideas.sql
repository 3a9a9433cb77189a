-- What the spark engine's ideas the runner was shown, by day: the engine
-- rotates stock ideas by what was shown, not by the week number.

-- +goose Up
CREATE TABLE shown_ideas (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    rec_id     TEXT NOT NULL,
    items      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (athlete_id, day, rec_id)
);

-- +goose Down
DROP TABLE shown_ideas;
