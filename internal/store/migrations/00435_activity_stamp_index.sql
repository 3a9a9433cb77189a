-- The activity stamp (count, highest id, latest edit of an athlete's
-- activities) is asked every few seconds by the server's caches: answered
-- from this covering index, it reads a few index pages instead of every
-- activity row (whose edited_ms lies past the summary blob, in overflow
-- pages).

-- +goose Up
CREATE INDEX activities_by_edit ON activities (athlete_id, edited_ms, id);

-- +goose Down
DROP INDEX activities_by_edit;
