package store

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/gear"
)

// addRuns stores n runs of km each, a day apart from start, with gear name gname.
func addRuns(t *testing.T, s *Store, athleteID int64, start time.Time, n int, km float64, gname string) []int64 {
	t.Helper()
	var ids []int64
	for i := range n {
		a := &rekindle.Activity{Start: start.AddDate(0, 0, i), Sport: rekindle.SportRunning, Gear: gname,
			Source:  rekindle.Source{Format: rekindle.FormatManual, SHA256: fmt.Sprint("x", start.Unix()), Index: i},
			Summary: rekindle.Summary{DistanceM: km * 1000, MovingS: km * 330, ElapsedS: km * 330}}
		if err := s.SaveActivity(context.Background(), athleteID, a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

func TestGear(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 1, 6, 7, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			peg := gear.Gear{Kind: gear.KindShoes, Name: "Pegasus 40", Brand: "Nike", RetireAtM: gear.DefaultShoeRetireM,
				DefaultFor: []rekindle.Sport{rekindle.SportRunning}, Added: day.AddDate(0, -1, 0)}
			if err := s.SaveGear(ctx, a, &peg); err != nil {
				t.Fatal(err)
			}
			sg := gear.Gear{Kind: gear.KindShoes, Name: "Speedgoat", RetireAtM: 800_000, StartM: 50_000}
			if err := s.SaveGear(ctx, a, &sg); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveGear(ctx, a, &gear.Gear{Kind: "skis", Name: "x"}); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("invalid gear: %v", err)
			}
			ids := addRuns(t, s, a, day, 70, 10, "")                            // 700 km by default on the Pegasus
			named := addRuns(t, s, a, day.AddDate(0, 3, 0), 2, 15, "Speedgoat") // by name
			if err := s.AssignGear(ctx, a, sg.ID, ids[:5]); err != nil {        // five by hand to the Speedgoat
				t.Fatal(err)
			}
			if err := s.AssignGear(ctx, b, sg.ID, ids[:1]); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("another athlete's gear: %v", err)
			}
			m, err := s.GearMileage(ctx, a, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			if len(m) != 2 || m[0].DistanceM != 650_000 || m[0].Activities != 65 || m[0].Due() {
				t.Errorf("pegasus %+v", m[0])
			}
			if m[1].DistanceM != 50_000+50_000+30_000 || m[1].Activities != 7 || len(named) != 2 {
				t.Errorf("speedgoat %+v", m[1])
			}
			// Undo the manual assignment: the Pegasus reaches 700 km on its 70th run.
			if err := s.AssignGear(ctx, a, 0, ids[:5]); err != nil {
				t.Fatal(err)
			}
			m, _ = s.GearMileage(ctx, a, time.Time{})
			if !m[0].Due() || !m[0].ReachedAt.Equal(day.AddDate(0, 0, 69)) {
				t.Errorf("pegasus after unassign %+v", m[0])
			}
			peg.Retired = day.AddDate(0, 3, 0)
			if err := s.SaveGear(ctx, a, &peg); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetGear(ctx, a, peg.ID)
			if err != nil || !got.Retired.Equal(peg.Retired) || len(got.DefaultFor) != 1 || got.Brand != "Nike" {
				t.Errorf("get %+v %v", got, err)
			}
			if _, err := s.GetGear(ctx, b, peg.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("other athlete reads gear: %v", err)
			}
			if other, _ := s.ListGear(ctx, b); len(other) != 0 {
				t.Errorf("other athlete lists %d gear", len(other))
			}
			if err := s.DeleteGear(ctx, a, sg.ID); err != nil {
				t.Fatal(err)
			}
			if list, _ := s.ListGear(ctx, a); len(list) != 1 {
				t.Errorf("after delete: %d gear", len(list))
			}
		})
	}
}
