-- Strava sync (issue 20): which Strava athlete a grant belongs to (webhook
-- events name the owner by Strava's id), each athlete's backfill cursor,
-- the Strava activities already fetched (each stored once, also across a
-- restart), the webhook events received (an inbox: a replayed event is
-- one row, processed once) and the instance's rate-limit state, shared by
-- every replica (Strava's limits are per application).

-- +goose Up
ALTER TABLE strava_tokens ADD COLUMN strava_athlete_id BIGINT NOT NULL DEFAULT 0;
CREATE INDEX strava_tokens_owner ON strava_tokens (strava_athlete_id);

CREATE TABLE strava_sync (
    athlete_id BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    state      TEXT NOT NULL,             -- running | waiting | done | failed
    before_s   BIGINT NOT NULL,           -- list cursor: activities that started before (Unix seconds), 0 = now
    listed     BIGINT NOT NULL DEFAULT 0,
    stored     BIGINT NOT NULL DEFAULT 0,
    known      BIGINT NOT NULL DEFAULT 0, -- already here (a file import or an earlier sync)
    failed     BIGINT NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    started_ms BIGINT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id)
);

CREATE TABLE strava_activities (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    strava_id   BIGINT NOT NULL,
    activity_id BIGINT,                   -- the rekindle activity, NULL when none was stored
    outcome     TEXT NOT NULL,            -- imported | duplicate | failed | deleted
    detail      TEXT NOT NULL DEFAULT '',
    updated_ms  BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, strava_id)
);
CREATE INDEX strava_activities_activity ON strava_activities (athlete_id, activity_id);

CREATE TABLE strava_events (
    event_key   TEXT NOT NULL,            -- SHA-256 of the event's fields: a replay is the same row
    owner_id    BIGINT NOT NULL,          -- Strava's athlete id
    object_type TEXT NOT NULL,            -- activity | athlete
    object_id   BIGINT NOT NULL,
    aspect_type TEXT NOT NULL,            -- create | update | delete
    event_time  BIGINT NOT NULL,
    updates     TEXT NOT NULL DEFAULT '{}',
    state       TEXT NOT NULL,            -- pending | done | ignored | failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_ms     BIGINT NOT NULL,          -- not tried again before
    error       TEXT NOT NULL DEFAULT '',
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (event_key)
);
CREATE INDEX strava_events_pending ON strava_events (state, next_ms);

CREATE TABLE strava_rate (
    app           TEXT NOT NULL,          -- the Strava application (its client id): its limits are its own
    window_ms     BIGINT NOT NULL,        -- start of the current short window
    used_short    INTEGER NOT NULL,
    limit_short   INTEGER NOT NULL,
    day_ms        BIGINT NOT NULL,        -- start of the current UTC day
    used_day      INTEGER NOT NULL,
    limit_day     INTEGER NOT NULL,
    blocked_until BIGINT NOT NULL,        -- after a 429: no request before (Unix ms)
    updated_ms    BIGINT NOT NULL,
    PRIMARY KEY (app)
);

-- +goose Down
DROP TABLE strava_rate;
DROP TABLE strava_events;
DROP TABLE strava_activities;
DROP TABLE strava_sync;
DROP INDEX strava_tokens_owner;
ALTER TABLE strava_tokens DROP COLUMN strava_athlete_id;
