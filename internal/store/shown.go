package store

import (
	"context"
	"fmt"
	"strings"
)

// ShownIdea is one idea the runner was shown on a day: its recommendation
// id and the concrete items it named (its actions, one a line).
type ShownIdea struct {
	Day   string // YYYY-MM-DD in the athlete's zone
	RecID string
	Items []string
}

// RecordShown records the ideas shown to the runner on a day; an idea
// already recorded that day keeps its first items.
func (s *Store) RecordShown(ctx context.Context, athleteID int64, shown []ShownIdea) error {
	for _, x := range shown {
		if _, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO shown_ideas (athlete_id, day, rec_id, items) VALUES (?, ?, ?, ?)
			ON CONFLICT (athlete_id, day, rec_id) DO NOTHING`), athleteID, x.Day, clean(x.RecID), clean(strings.Join(x.Items, "\n"))); err != nil {
			return fmt.Errorf("store: record shown idea %s: %w", x.RecID, err)
		}
	}
	return nil
}

// ListShown returns the ideas shown on days from..to-1 (YYYY-MM-DD), oldest first.
func (s *Store) ListShown(ctx context.Context, athleteID int64, from, to string) ([]ShownIdea, error) {
	return queryAll(ctx, s.rdb, "list shown ideas", s.rebind(`SELECT day, rec_id, items FROM shown_ideas
		WHERE athlete_id = ? AND day >= ? AND day < ? ORDER BY day, rec_id`), []any{athleteID, from, to}, func(r rowScanner) (ShownIdea, error) {
		var x ShownIdea
		var items string
		if err := r.Scan(&x.Day, &x.RecID, &items); err != nil {
			return x, err
		}
		if items != "" {
			x.Items = strings.Split(items, "\n")
		}
		return x, nil
	})
}
