package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestActivityChunks: an INSERT's rows are powers of two, largest first,
// adding up to the batch.
func TestActivityChunks(t *testing.T) {
	for n, want := range map[int][]int{0: nil, 1: {1}, 5: {4, 1}, 32: {32}, 37: {32, 4, 1}, 95: {32, 32, 16, 8, 4, 2, 1}} {
		if got := activityChunks(n); !reflect.DeepEqual(got, want) {
			t.Errorf("activityChunks(%d) = %v, want %v", n, got, want)
		}
	}
}

// TestActivitiesManyPerInsert writes a batch of 37 activities (INSERTs of
// 32, 4 and 1 rows on SQLite) and the same activities one batch each (one
// row a statement, as every batch was written before): the activities'
// rows, their tracks and the athlete's stamp (its trigger fires once a row)
// are the same, and the batch's statements are kept prepared for the next.
func TestActivitiesManyPerInsert(t *testing.T) {
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC) }
	base := time.Date(2023, 1, 1, 7, 0, 0, 0, time.UTC)
	batch := func() []*PreparedActivity {
		var out []*PreparedActivity
		for i := range 37 {
			a := sampleActivity(base.Add(time.Duration(i)*time.Hour), 5+i)
			a.ID = int64(1000 + i)
			a.Source.File = fmt.Sprintf("f%d.fit", i)
			p, err := Prepare(a)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, p)
		}
		return out
	}
	dump := func(s *Store, athleteID int64) []string {
		var out []string
		for _, q := range []string{
			`SELECT quote(` + strings.Join(activityInsertCols, ") || '|' || quote(") + `) FROM activities ORDER BY id`,
			`SELECT activity_id || '|' || hex(data) FROM tracks ORDER BY activity_id`,
			`SELECT data || '|' || routes FROM athlete_stamps WHERE athlete_id = ` + fmt.Sprint(athleteID),
		} {
			rows, err := s.DB().QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				out = append(out, v)
			}
			rows.Close()
		}
		return out
	}
	var dumps [2][]string
	for way := range 2 {
		s, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		s.SetClock(clock)
		ath, _ := s.DefaultAthlete(ctx)
		ps := batch()
		if way == 0 {
			if err := s.WriteBatch(ctx, ath.ID, &Batch{New: ps}); err != nil {
				t.Fatal(err)
			}
			for _, k := range []int{32, 4, 1} {
				if s.writeStmt(activityInsertSQL(k)) == nil {
					t.Errorf("the %d-row insert is not kept prepared", k)
				}
			}
			if s.writeStmt(trackInsert) == nil {
				t.Error("the track insert is not kept prepared")
			}
		} else {
			for _, p := range ps {
				if err := s.WriteBatch(ctx, ath.ID, &Batch{New: []*PreparedActivity{p}}); err != nil {
					t.Fatal(err)
				}
			}
		}
		dumps[way] = dump(s, ath.ID)
	}
	if len(dumps[0]) != 37+37+1 {
		t.Fatalf("%d rows, want 75", len(dumps[0]))
	}
	if !reflect.DeepEqual(dumps[0], dumps[1]) {
		for i := range min(len(dumps[0]), len(dumps[1])) {
			if dumps[0][i] != dumps[1][i] {
				t.Fatalf("row %d differs:\n one batch: %.300s\n row by row: %.300s", i, dumps[0][i], dumps[1][i])
			}
		}
		t.Fatalf("%d rows against %d", len(dumps[0]), len(dumps[1]))
	}
}

// TestActivitiesInsertNamesTheFailingRow: a batch whose 13th activity of 20
// is a record already stored fails naming that activity, as a batch did
// when it inserted one row a statement, and writes nothing (both stores).
func TestActivitiesInsertNamesTheFailingRow(t *testing.T) {
	ctx := context.Background()
	base := time.Date(2023, 1, 1, 7, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, _ := s.DefaultAthlete(ctx)
			stored := sampleActivity(base.Add(-time.Hour), 5)
			stored.Source.File, stored.Source.SHA256 = "stored.fit", "dup"
			p, err := Prepare(stored)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteBatch(ctx, ath.ID, &Batch{New: []*PreparedActivity{p}}); err != nil {
				t.Fatal(err)
			}
			var ps []*PreparedActivity
			for i := range 20 {
				a := sampleActivity(base.Add(time.Duration(i)*time.Hour), 5)
				a.Source.File = fmt.Sprintf("f%d.fit", i)
				if i == 12 {
					a.Source.SHA256 = "dup"
				}
				p, err := Prepare(a)
				if err != nil {
					t.Fatal(err)
				}
				ps = append(ps, p)
			}
			err = s.WriteBatch(ctx, ath.ID, &Batch{New: ps})
			if !errors.Is(err, ErrAlreadyStored) {
				t.Fatalf("err = %v, want ErrAlreadyStored", err)
			}
			if name == "sqlite" && !strings.Contains(err.Error(), "activity f12.fit#0:") {
				t.Errorf("err = %v, want it to name activity f12.fit#0", err)
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != 1 {
				t.Errorf("%d activities stored, want the 1 from before", n)
			}
		})
	}
}
