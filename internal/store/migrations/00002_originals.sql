-- The runner's original files, as decoded (a decompressed FIT, GPX or TCX;
-- a CSV file as a whole), gzip-compressed, keyed by the SHA-256 of the
-- decoded bytes (files.sha256 and activities.source_sha256). Written in the
-- same transaction as the file's activities. Portable SQL.

-- +goose Up
CREATE TABLE originals (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    sha256     TEXT NOT NULL,
    name       TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL DEFAULT '',
    size       BIGINT NOT NULL DEFAULT 0,
    encoding   TEXT NOT NULL DEFAULT 'gzip',
    data       BYTEA NOT NULL,
    created_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, sha256)
);
-- The activities of one file (reprocess, export names).
CREATE INDEX activities_by_source ON activities (athlete_id, source_sha256);

-- +goose Down
DROP INDEX activities_by_source;
DROP TABLE originals;
