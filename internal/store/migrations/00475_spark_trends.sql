-- Home's spark trend (issue 19): the weekly spark scores before a day,
-- each an evaluation of the whole spark, kept per athlete for the day and
-- the athlete's data stamp (athlete_stamps.data) they were computed at, so
-- that any replica, a restarted one or the nightly job's, reads one row
-- instead of evaluating them again. A row whose stamp is not the
-- athlete's current one says nothing (it is overwritten when the trend is
-- computed again). points is 'YYYY-MM-DD:score' items, oldest first,
-- separated by commas. Derived data: writing it does not bump the stamp.

-- +goose Up
CREATE TABLE spark_trends (
    athlete_id BIGINT NOT NULL PRIMARY KEY REFERENCES athletes (id) ON DELETE CASCADE,
    day        TEXT   NOT NULL,
    stamp      BIGINT NOT NULL,
    points     TEXT   NOT NULL
);

-- +goose Down
DROP TABLE spark_trends;
