-- One activity per record of a source file: concurrent imports of the same
-- file once stored it twice (10 files sent 8 times at once gave 28
-- activities). Copies already stored are removed, keeping the first (lowest
-- id); their tracks and duplicate rows go with them (ON DELETE CASCADE,
-- and explicitly for stores that ran without foreign keys). Portable SQL.

-- +goose Up
DELETE FROM tracks WHERE EXISTS (
    SELECT 1 FROM activities a JOIN activities b
        ON b.athlete_id = a.athlete_id AND b.source_sha256 = a.source_sha256 AND b.source_index = a.source_index AND b.id < a.id
    WHERE a.athlete_id = tracks.athlete_id AND a.id = tracks.activity_id AND a.source_sha256 <> '');
DELETE FROM duplicates WHERE EXISTS (
    SELECT 1 FROM activities a JOIN activities b
        ON b.athlete_id = a.athlete_id AND b.source_sha256 = a.source_sha256 AND b.source_index = a.source_index AND b.id < a.id
    WHERE a.athlete_id = duplicates.athlete_id AND a.id = duplicates.activity_id AND a.source_sha256 <> '');
DELETE FROM activities WHERE source_sha256 <> '' AND EXISTS (
    SELECT 1 FROM activities b
    WHERE b.athlete_id = activities.athlete_id AND b.source_sha256 = activities.source_sha256
        AND b.source_index = activities.source_index AND b.id < activities.id);
CREATE UNIQUE INDEX activities_by_record ON activities (athlete_id, source_sha256, source_index) WHERE source_sha256 <> '';

-- +goose Down
DROP INDEX activities_by_record;
