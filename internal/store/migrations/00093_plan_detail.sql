-- An idea is its sessions (issue 15): a planned session carries its target
-- pace, the start time and place of a class or race, and the suggested
-- route it runs (name, length, never-run share and points, as JSON).

-- +goose Up
ALTER TABLE planned_sessions ADD COLUMN pace_ms DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE planned_sessions ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE planned_sessions ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE planned_sessions ADD COLUMN route TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE planned_sessions DROP COLUMN route;
ALTER TABLE planned_sessions DROP COLUMN place;
ALTER TABLE planned_sessions DROP COLUMN start_time;
ALTER TABLE planned_sessions DROP COLUMN pace_ms;
