package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// TrendPoint is the spark score on one day (Home's weekly trend).
type TrendPoint struct {
	Day   string // YYYY-MM-DD
	Score int
}

// SparkTrend returns the trend stored for the athlete on day at the data
// stamp (athlete_stamps.data); ok is false when none is stored for that day
// and stamp (see migration 00475).
func (s *Store) SparkTrend(ctx context.Context, athleteID int64, day string, stamp int64) (points []TrendPoint, ok bool, err error) {
	var text string
	err = s.rdb.QueryRowContext(ctx, s.rebind(`SELECT points FROM spark_trends WHERE athlete_id = ? AND day = ? AND stamp = ?`), athleteID, day, stamp).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: spark trend %d: %w", athleteID, err)
	}
	points = []TrendPoint{}
	for item := range strings.SplitSeq(text, ",") {
		if item == "" {
			continue
		}
		d, sc, found := strings.Cut(item, ":")
		n, err := strconv.Atoi(sc)
		if !found || err != nil {
			return nil, false, nil // not written by PutSparkTrend: computed again
		}
		points = append(points, TrendPoint{Day: d, Score: n})
	}
	return points, true, nil
}

// PutSparkTrend stores the athlete's trend on day at the data stamp,
// replacing the one stored before.
func (s *Store) PutSparkTrend(ctx context.Context, athleteID int64, day string, stamp int64, points []TrendPoint) error {
	items := make([]string, len(points))
	for i, p := range points {
		items[i] = p.Day + ":" + strconv.Itoa(p.Score)
	}
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO spark_trends (athlete_id, day, stamp, points) VALUES (?, ?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET day = excluded.day, stamp = excluded.stamp, points = excluded.points`),
		athleteID, day, stamp, strings.Join(items, ","))
	if err != nil {
		return fmt.Errorf("store: put spark trend %d: %w", athleteID, err)
	}
	return nil
}
