-- Calendars (packages calendar and race): race calendars and gym class
-- schedules an athlete imported (iCalendar or CSV), and their events. A
-- feed is named per athlete and kind; re-importing it replaces its events.
-- Times are Unix milliseconds; zone is the IANA name of the event's zone.

-- +goose Up
CREATE TABLE calendar_feeds (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    id          BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    source_name TEXT NOT NULL DEFAULT '',
    events      INTEGER NOT NULL DEFAULT 0,
    imported_ms BIGINT NOT NULL,
    PRIMARY KEY (athlete_id, id)
);
CREATE UNIQUE INDEX calendar_feeds_by_name ON calendar_feeds (athlete_id, kind, name);

CREATE TABLE calendar_events (
    athlete_id  BIGINT NOT NULL,
    feed_id     BIGINT NOT NULL,
    seq         INTEGER NOT NULL,
    uid         TEXT NOT NULL DEFAULT '',
    summary     TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    location    TEXT NOT NULL DEFAULT '',
    url         TEXT NOT NULL DEFAULT '',
    categories  TEXT NOT NULL DEFAULT '',
    distance    TEXT NOT NULL DEFAULT '',
    start_ms    BIGINT NOT NULL,
    end_ms      BIGINT NOT NULL DEFAULT 0,
    all_day     INTEGER NOT NULL DEFAULT 0,
    zone        TEXT NOT NULL DEFAULT '',
    has_geo     INTEGER NOT NULL DEFAULT 0,
    lat         DOUBLE PRECISION NOT NULL DEFAULT 0,
    lon         DOUBLE PRECISION NOT NULL DEFAULT 0,
    rrule       TEXT NOT NULL DEFAULT '',
    exdates     TEXT NOT NULL DEFAULT '',
    line        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (athlete_id, feed_id, seq),
    FOREIGN KEY (athlete_id, feed_id) REFERENCES calendar_feeds (athlete_id, id) ON DELETE CASCADE
);
CREATE INDEX calendar_events_by_start ON calendar_events (athlete_id, start_ms);

-- +goose Down
DROP TABLE calendar_events;
DROP TABLE calendar_feeds;
