package store

import (
	"context"
	"testing"
	"time"

	"rekindle"
)

// TestAthleteStamps: writes to an athlete's data bump their stamp in the
// writing transaction (Data for any of it, Routes only for what route
// results are made from, Athlete for the record), a rolled-back write
// bumps nothing, another athlete's stamp stays, and a route refresh's
// completion catches RoutesDone up.
func TestAthleteStamps(t *testing.T) {
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ann := &rekindle.Athlete{Name: "Ann", TimeZone: "UTC"}
			bob := &rekindle.Athlete{Name: "Bob", TimeZone: "UTC"}
			for _, a := range []*rekindle.Athlete{ann, bob} {
				if err := s.CreateAthlete(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			stamp := func(id int64) Stamp {
				t.Helper()
				st, err := s.AthleteStamp(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				return st
			}
			s0, b0 := stamp(ann.ID), stamp(bob.ID)
			if s0.Data == 0 || s0.RoutesDone != s0.Routes {
				t.Fatalf("a new athlete's stamp %+v: want a row, nothing for a route refresh to do", s0)
			}

			// A batch of activities: Data and Routes move (once or more).
			start := time.Date(2025, 5, 1, 7, 0, 0, 0, time.UTC)
			b := &Batch{}
			for i := range 3 {
				p, err := Prepare(sampleActivity(start.AddDate(0, 0, i), 20))
				if err != nil {
					t.Fatal(err)
				}
				b.New = append(b.New, p)
			}
			if err := s.WriteBatch(ctx, ann.ID, b); err != nil {
				t.Fatal(err)
			}
			s1 := stamp(ann.ID)
			if s1.Data <= s0.Data || s1.Routes <= s0.Routes || s1.RoutesDone >= s1.Routes || s1.Athlete != s0.Athlete {
				t.Fatalf("after an import %+v, before %+v", s1, s0)
			}
			if got := stamp(bob.ID); got != b0 {
				t.Fatalf("another athlete's stamp moved: %+v → %+v", b0, got)
			}

			// An edit of an activity (the runner renames a run).
			name := "Renamed"
			id := b.New[0].A.ID
			if err := s.EditActivity(ctx, ann.ID, id, ActivityEdit{Name: &name}); err != nil {
				t.Fatal(err)
			}
			s2 := stamp(ann.ID)
			if s2.Data <= s1.Data || s2.Routes <= s1.Routes {
				t.Fatalf("after an edit %+v, before %+v", s2, s1)
			}

			// A check-in: Data only.
			if err := s.SaveCheckIn(ctx, &CheckIn{CheckIn: rekindle.CheckIn{AthleteID: ann.ID, ActivityID: id, At: start, Enjoyment: 4, RPE: 5}}); err != nil {
				t.Fatal(err)
			}
			s3 := stamp(ann.ID)
			if s3.Data <= s2.Data || s3.Routes != s2.Routes || s3.Athlete != s2.Athlete {
				t.Fatalf("after a check-in %+v, before %+v", s3, s2)
			}

			// The athlete record: Data and Athlete.
			ann.Unit = rekindle.UnitMi
			if err := s.UpdateAthlete(ctx, ann); err != nil {
				t.Fatal(err)
			}
			s4 := stamp(ann.ID)
			if s4.Data <= s3.Data || s4.Athlete <= s3.Athlete || s4.Routes != s3.Routes {
				t.Fatalf("after a settings change %+v, before %+v", s4, s3)
			}

			// A write that is rolled back changes nothing.
			tx, err := s.DB().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM activities WHERE athlete_id = ?`), ann.ID); err != nil {
				t.Fatal(err)
			}
			tx.Rollback()
			if got := stamp(ann.ID); got != s4 {
				t.Fatalf("a rolled-back delete moved the stamp: %+v → %+v", s4, got)
			}

			// A route refresh that started at s4 completes: RoutesDone
			// catches up (and Data moves, for views made while pending);
			// an older refresh never takes it back.
			if err := s.SetRoutesDone(ctx, ann.ID, s4.Routes); err != nil {
				t.Fatal(err)
			}
			s5 := stamp(ann.ID)
			if s5.RoutesDone != s5.Routes || s5.Data <= s4.Data {
				t.Fatalf("after a refresh %+v", s5)
			}
			if err := s.SetRoutesDone(ctx, ann.ID, s0.Routes); err != nil {
				t.Fatal(err)
			}
			if got := stamp(ann.ID); got != s5 {
				t.Fatalf("an older refresh moved the stamp: %+v → %+v", s5, got)
			}

			// A deleted activity.
			if err := s.DeleteActivity(ctx, ann.ID, id); err != nil {
				t.Fatal(err)
			}
			if s6 := stamp(ann.ID); s6.Data <= s5.Data || s6.Routes <= s5.Routes {
				t.Fatalf("after a delete %+v, before %+v", s6, s5)
			}
		})
	}
}
