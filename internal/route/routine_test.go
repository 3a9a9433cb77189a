package route

import (
	"testing"
	"time"
)

func TestSignals(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		loc = time.UTC
	}
	mon := time.Date(2025, 3, 3, 7, 0, 0, 0, loc) // a Monday, 07:00 local
	var usual []RoutineRun
	// Four weeks of Mon/Wed/Fri 8 km on route 1, 07:00, with one Saturday long run on route 2.
	id := int64(1)
	for w := range 4 {
		for _, d := range []int{0, 2, 4} {
			usual = append(usual, RoutineRun{ID: id, Start: mon.AddDate(0, 0, 7*w+d).UTC(), DistanceM: 8000 + float64(id%3)*50, GroupID: 1, MatchedM: 8000, NoveltyM: 0})
			id++
		}
		usual = append(usual, RoutineRun{ID: id, Start: mon.AddDate(0, 0, 7*w+5).Add(2 * time.Hour).UTC(), DistanceM: 16000, GroupID: 2, MatchedM: 16000, NoveltyM: 800})
		id++
	}
	asOf := mon.AddDate(0, 0, 27)
	cases := []struct {
		name  string
		runs  []RoutineRun
		asOf  time.Time
		check func(t *testing.T, r Routine)
	}{
		{"no runs", nil, asOf, func(t *testing.T, r Routine) {
			if r.LastN != 0 || r.Stale || r.TopRouteShareN != -1 || r.NoveltyShare != -1 {
				t.Errorf("%+v", r)
			}
		}},
		{"the usual loop", usual, asOf, func(t *testing.T, r Routine) {
			if r.LastN != 10 || r.TopRouteID != 1 || r.TopRouteShareN < 0.7 || r.TopRouteShareN > 0.8 {
				t.Errorf("top route %d share %.2f of %d", r.TopRouteID, r.TopRouteShareN, r.LastN)
			}
			if r.Runs28d != 16 || r.DistinctRoutes28 != 2 || r.TopRouteShare28d != 0.75 {
				t.Errorf("28 d: %d runs, %d routes, share %.2f", r.Runs28d, r.DistinctRoutes28, r.TopRouteShare28d)
			}
			if r.SameDistanceShare < 0.7 || r.SameTimeOfDayShare < 0.7 || r.TypicalStart != "07:00" {
				t.Errorf("distance %.2f, time %.2f %s", r.SameDistanceShare, r.SameTimeOfDayShare, r.TypicalStart)
			}
			if r.NoveltyShare < 0 || r.NoveltyShare > 0.05 || !r.Stale {
				t.Errorf("novelty %.3f stale %v", r.NoveltyShare, r.Stale)
			}
		}},
		{"as-of ignores the future", usual, mon.AddDate(0, 0, 2), func(t *testing.T, r Routine) {
			if r.LastN != 2 || r.AsOf != "2025-03-05" || r.Stale {
				t.Errorf("%+v", r)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.check(t, Signals(c.runs, c.asOf, loc, 0)) })
	}
}

func BenchmarkSignals(b *testing.B) {
	var runs []RoutineRun
	t0 := time.Date(2020, 1, 1, 7, 0, 0, 0, time.UTC)
	for i := range 2000 {
		runs = append(runs, RoutineRun{ID: int64(i), Start: t0.Add(time.Duration(i) * 30 * time.Hour), DistanceM: 8000, GroupID: int64(i % 7)})
	}
	for b.Loop() {
		Signals(runs, t0.AddDate(4, 0, 0), time.UTC, 10)
	}
}
