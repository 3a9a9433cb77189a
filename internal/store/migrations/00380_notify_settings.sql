-- Notifications, part two (issue 18): each athlete's e-mail settings (the
-- kinds turned off, quiet hours in their time zone, the key that signs
-- their unsubscribe links), a notification's detail (the weekly digest's
-- values, JSON) and when its e-mail is next tried (a retry's backoff, or
-- the end of quiet hours).

-- +goose Up
CREATE TABLE notify_settings (
    athlete_id  BIGINT NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    email_off   TEXT NOT NULL DEFAULT '',
    quiet_start INTEGER NOT NULL DEFAULT -1,
    quiet_end   INTEGER NOT NULL DEFAULT -1,
    unsub_key   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (athlete_id)
);
ALTER TABLE notifications ADD COLUMN detail TEXT NOT NULL DEFAULT '';
ALTER TABLE notifications ADD COLUMN email_next_ms BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE notifications DROP COLUMN email_next_ms;
ALTER TABLE notifications DROP COLUMN detail;
DROP TABLE notify_settings;
