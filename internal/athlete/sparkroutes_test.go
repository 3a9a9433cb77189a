package athlete

import (
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/streets"
)

// The spark reads StoreRoutes' grouping only when it is the one
// loadRoutesOn would make for the spark's day: the same runs, none after it.
func TestRoutesAsOfUsesOnlyAMatchingGrouping(t *testing.T) {
	ath := &rekindle.Athlete{TimeZone: "Europe/Paris"}
	loc := ath.Location()
	d1 := time.Date(2026, 3, 1, 7, 0, 0, 0, loc)
	d2 := time.Date(2026, 3, 2, 7, 0, 0, 0, loc)
	history := []rekindle.Activity{
		{ID: 1, Start: d1, Sport: rekindle.SportRunning},
		{ID: 2, Start: d1.Add(2 * time.Hour), Sport: rekindle.SportCycling},
		{ID: 3, Start: d2, Sport: rekindle.SportRunning},
	}
	state := &RouteState{Graph: &streets.Graph{}, Acts: map[int64]*rekindle.Activity{1: &history[0], 3: &history[2]}}
	noon := func(t time.Time) time.Time { return DayAsOf(t, loc) }

	pre := &preread{history: history, state: state}
	rs := pre.routesAsOf(ath, noon(d2))
	if rs == nil {
		t.Fatal("the grouping of every run up to the day was not used")
	}
	if want := time.Date(2026, 3, 2, 0, 0, 0, 0, loc); !rs.AsOf.Equal(want) || rs.Loc.String() != loc.String() {
		t.Errorf("as of %v %v, want %v", rs.AsOf, rs.Loc, want)
	}
	if pre.routesAsOf(ath, noon(d1)) != nil {
		t.Error("used on a day before a run it holds")
	}
	short := &preread{history: history, state: &RouteState{Graph: state.Graph, Acts: map[int64]*rekindle.Activity{1: &history[0]}}}
	if short.routesAsOf(ath, noon(d2)) != nil {
		t.Error("used a grouping that misses a run of the history")
	}
	if (&preread{history: history, state: &RouteState{Acts: state.Acts}}).routesAsOf(ath, noon(d2)) != nil {
		t.Error("used a grouping without a street graph")
	}
	if (&preread{history: history}).routesAsOf(ath, noon(d2)) != nil {
		t.Error("no grouping, yet one was used")
	}
}
