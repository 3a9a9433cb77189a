-- The plan as an iCalendar feed (issue 18): one secret feed URL per
-- athlete, stored as the SHA-256 of its token (rotating replaces it,
-- revoking deletes the row), and when a planned session was last changed
-- (the feed's LAST-MODIFIED and SEQUENCE: edits keep the session's id and
-- so its UID).

-- +goose Up
CREATE TABLE plan_feeds (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id)
);
ALTER TABLE planned_sessions ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE planned_sessions ADD COLUMN updated_ms BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE planned_sessions DROP COLUMN updated_ms;
ALTER TABLE planned_sessions DROP COLUMN revision;
DROP TABLE plan_feeds;
