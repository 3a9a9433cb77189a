-- Core schema: athletes, imported files, activities with their track blobs,
-- and the duplicates that import recognised. Portable SQL (SQLite and
-- PostgreSQL): times are Unix milliseconds, ids come from id_seq.

-- +goose Up
CREATE TABLE id_seq (
    name    TEXT PRIMARY KEY,
    next_id BIGINT NOT NULL
);
INSERT INTO id_seq (name, next_id) VALUES ('athlete', 1);
INSERT INTO id_seq (name, next_id) VALUES ('activity', 1);

CREATE TABLE athletes (
    id                BIGINT PRIMARY KEY,
    name              TEXT NOT NULL DEFAULT '',
    email             TEXT NOT NULL DEFAULT '',
    sex               TEXT NOT NULL DEFAULT '',
    birth_year        INTEGER NOT NULL DEFAULT 0,
    resting_hr        DOUBLE PRECISION NOT NULL DEFAULT 0,
    max_hr            DOUBLE PRECISION NOT NULL DEFAULT 0,
    threshold_pace_ms DOUBLE PRECISION NOT NULL DEFAULT 0,
    time_zone         TEXT NOT NULL DEFAULT '',
    unit              TEXT NOT NULL DEFAULT 'km',
    home_lat          DOUBLE PRECISION NOT NULL DEFAULT 0,
    home_lon          DOUBLE PRECISION NOT NULL DEFAULT 0,
    is_default        INTEGER NOT NULL DEFAULT 0,
    created_ms        BIGINT NOT NULL
);

CREATE TABLE files (
    athlete_id   BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    sha256       TEXT NOT NULL,
    name         TEXT NOT NULL,
    format       TEXT NOT NULL DEFAULT '',
    size         BIGINT NOT NULL DEFAULT 0,
    status       TEXT NOT NULL,
    error        TEXT NOT NULL DEFAULT '',
    warnings     TEXT NOT NULL DEFAULT '',
    activity_ids TEXT NOT NULL DEFAULT '',
    imported_ms  BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, sha256)
);

CREATE TABLE activities (
    athlete_id      BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id              BIGINT NOT NULL,
    start_ms        BIGINT NOT NULL,
    end_ms          BIGINT NOT NULL,
    sport           TEXT NOT NULL,
    sub_sport       TEXT NOT NULL DEFAULT '',
    name            TEXT NOT NULL DEFAULT '',
    description     TEXT NOT NULL DEFAULT '',
    device          TEXT NOT NULL DEFAULT '',
    gear            TEXT NOT NULL DEFAULT '',
    rpe             DOUBLE PRECISION NOT NULL DEFAULT 0,
    source_format   TEXT NOT NULL,
    source_file     TEXT NOT NULL DEFAULT '',
    source_sha256   TEXT NOT NULL DEFAULT '',
    source_index    INTEGER NOT NULL DEFAULT 0,
    multisport      TEXT NOT NULL DEFAULT '',
    multisport_leg  INTEGER NOT NULL DEFAULT 0,
    distance_m      DOUBLE PRECISION NOT NULL DEFAULT 0,
    elapsed_s       DOUBLE PRECISION NOT NULL DEFAULT 0,
    moving_s        DOUBLE PRECISION NOT NULL DEFAULT 0,
    ascent_m        DOUBLE PRECISION NOT NULL DEFAULT 0,
    avg_hr          DOUBLE PRECISION NOT NULL DEFAULT 0,
    samples         INTEGER NOT NULL DEFAULT 0,
    channels        TEXT NOT NULL DEFAULT '',
    summary         BYTEA NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    created_ms      BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE INDEX activities_by_start ON activities (athlete_id, start_ms);

CREATE TABLE tracks (
    athlete_id  BIGINT NOT NULL,
    activity_id BIGINT NOT NULL,
    data        BYTEA NOT NULL,
    PRIMARY KEY (athlete_id, activity_id),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

CREATE TABLE duplicates (
    athlete_id    BIGINT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_index  INTEGER NOT NULL,
    activity_id   BIGINT NOT NULL,
    source_format TEXT NOT NULL,
    source_file   TEXT NOT NULL DEFAULT '',
    reason        TEXT NOT NULL DEFAULT '',
    created_ms    BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, source_sha256, source_index),
    FOREIGN KEY (athlete_id, activity_id) REFERENCES activities (athlete_id, id) ON DELETE CASCADE
);

-- +goose Down
DROP TABLE duplicates;
DROP TABLE tracks;
DROP TABLE activities;
DROP TABLE files;
DROP TABLE athletes;
DROP TABLE id_seq;
