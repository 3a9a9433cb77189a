-- Activities set aside (issue 13): runs that overlap in time cannot all be
-- real (a hand-typed hour over a recorded run, two apps' records of one
-- session with different distances). Import keeps the best-evidenced one
-- of each overlapping set counted and sets the others aside: still stored
-- and listed, left out of every analysis. set_aside is the state the
-- analyses read; set_aside_for the activity kept in its place (0 when the
-- runner set it aside); count_override the runner's own word (NULL: the
-- overlap rule decides; 1: it counts, whatever overlaps it; 0: set aside),
-- which import and reprocess never change.

-- +goose Up
ALTER TABLE activities ADD COLUMN set_aside INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN set_aside_for BIGINT NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN count_override INTEGER;

-- +goose Down
ALTER TABLE activities DROP COLUMN count_override;
ALTER TABLE activities DROP COLUMN set_aside_for;
ALTER TABLE activities DROP COLUMN set_aside;
