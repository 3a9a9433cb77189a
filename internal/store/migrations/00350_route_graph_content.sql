-- The street graph's version is the SHA-256 of the graph as stored (issue
-- 16): loading the same map again keeps every stored route match, where
-- the version used to include the build time and rematched every run.
-- Graphs saved before this migration keep their old version (source
-- checksum and build time) until they are loaded again.

-- +goose Up
ALTER TABLE route_graphs ADD COLUMN data_sha TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE route_graphs DROP COLUMN data_sha;
