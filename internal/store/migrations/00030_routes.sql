-- Routes (package route): a cached fingerprint and route group per run
-- activity, and the athlete's saved street graph (built from an OSM extract).

-- +goose Up
CREATE TABLE route_fingerprints (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL,
    version     INTEGER NOT NULL,
    start_ms    BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    distance_m  DOUBLE PRECISION NOT NULL,
    data        BYTEA NOT NULL,
    group_id    BIGINT NOT NULL DEFAULT 0,
    updated_ms  BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, activity_id)
);
CREATE INDEX route_fingerprints_by_group ON route_fingerprints (athlete_id, group_id);

CREATE TABLE route_graphs (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    source_name TEXT NOT NULL,
    source_sha  TEXT NOT NULL,
    nodes       BIGINT NOT NULL,
    edges       BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    built_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id)
);

-- +goose Down
DROP TABLE route_graphs;
DROP TABLE route_fingerprints;
