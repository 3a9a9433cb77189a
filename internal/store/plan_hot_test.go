package store

import (
	"context"
	"strings"
	"testing"
)

// hotQueries are queries every page or CLI call of a long history makes;
// each must find its rows by an index, never by reading the whole table.
var hotQueries = []struct {
	name, query, index string
	args               []any
}{
	{"check-in of an activity", checkInOfActivityQuery, "checkins_by_activity", []any{1, 5}},
	{"activity heads", activityHeadsQuery, "activities_by_start", []any{1, 5}},
	{"activity stamp", activityStampQuery, "activities_by_edit", []any{1}},
	{"dedupe candidates", overlappingQuery, "activities_by_start", []any{1, 10, 5, 0}},
	{"route matches", `SELECT activity_id, graph_version, version, data FROM route_matches WHERE athlete_id = ?`, "", []any{1}},
	{"route grouping", `SELECT runs_key, medoids FROM route_groupings WHERE athlete_id = ?`, "", []any{1}},
}

// TestHotQueriesUseIndexes reads the plan of each hot query: EXPLAIN QUERY
// PLAN on SQLite (a SEARCH, with the named index), EXPLAIN on PostgreSQL
// with sequential scans priced out (an index scan must be possible).
func TestHotQueriesUseIndexes(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			for _, q := range hotQueries {
				plan := explain(t, ctx, s, q.query, q.args)
				t.Logf("%s: %s", q.name, plan)
				switch s.dialect {
				case Postgres:
					if strings.Contains(plan, "Seq Scan") || !strings.Contains(plan, "Index") {
						t.Errorf("%s: no index scan: %s", q.name, plan)
					}
				default:
					if !strings.Contains(plan, "SEARCH") || strings.Contains(plan, "SCAN ") {
						t.Errorf("%s: not an indexed search: %s", q.name, plan)
					}
				}
				if q.index != "" && !strings.Contains(plan, q.index) {
					t.Errorf("%s: index %s unused: %s", q.name, q.index, plan)
				}
			}
		})
	}
}

func explain(t *testing.T, ctx context.Context, s *Store, query string, args []any) string {
	t.Helper()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	prefix := "EXPLAIN QUERY PLAN "
	if s.dialect == Postgres {
		prefix = "EXPLAIN "
		if _, err := tx.ExecContext(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := tx.QueryContext(ctx, prefix+s.rebind(query), args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		if v, ok := vals[len(vals)-1].(string); ok {
			lines = append(lines, v)
		} else if b, ok := vals[len(vals)-1].([]byte); ok {
			lines = append(lines, string(b))
		}
	}
	return strings.Join(lines, " | ")
}
