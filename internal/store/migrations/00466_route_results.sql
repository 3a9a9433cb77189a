-- A route source's whole result for an athlete (issue 19): the route
-- groups with their names, the usual routes' fingerprints, the latest
-- run's start and, with a street graph, the grouping, the representative
-- runs' street names and the edges the runner has run (the fold of every
-- stored match). Kept per athlete for the stamp it was built at (key: the
-- athlete's routes and athlete counters, the street graph's version and the
-- formats' versions), so that a replica, or a restarted one, meeting the
-- athlete reads one row instead of every fingerprint and match. A row
-- whose key is not the current one says nothing (it is overwritten when
-- the result is built again). Derived data: writing it does not bump the
-- stamp.

-- +goose Up
CREATE TABLE route_results (
    athlete_id BIGINT NOT NULL PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    result_key TEXT   NOT NULL,
    data       BYTEA  NOT NULL
);

-- +goose Down
DROP TABLE route_results;
