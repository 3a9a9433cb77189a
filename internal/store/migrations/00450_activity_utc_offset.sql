-- The recording device's UTC offset at an activity (issue 13), in seconds
-- east of UTC, as the file says it (FIT's activity local_timestamp minus
-- its timestamp); NULL when the file does not say (GPX, TCX, CSV). The
-- strongest evidence of the athlete's time zone.

-- +goose Up
ALTER TABLE activities ADD COLUMN utc_offset_s INTEGER;

-- +goose Down
ALTER TABLE activities DROP COLUMN utc_offset_s;
