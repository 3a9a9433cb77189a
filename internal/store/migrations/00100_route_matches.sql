-- Stored route results (issue 16): each run's matched street edges per
-- street-graph version, and the grouping of an athlete's runs (the set of
-- runs it was computed over and each group's representative run), so
-- 'rekindle routes', coverage, novelty and the spark read them instead of
-- matching and grouping every run again.

-- +goose Up
CREATE TABLE route_matches (
    athlete_id    BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    activity_id   BIGINT NOT NULL,
    graph_version TEXT NOT NULL,
    version       INTEGER NOT NULL,
    data          BYTEA NOT NULL,
    updated_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, activity_id)
);

CREATE TABLE route_groupings (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    runs_key   TEXT NOT NULL,
    medoids    BYTEA NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id)
);

-- +goose Down
DROP TABLE route_groupings;
DROP TABLE route_matches;
