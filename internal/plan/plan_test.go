package plan

import (
	"slices"
	"testing"
	"time"

	"rekindle"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		s  Session
		ok bool
	}{
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindEasy, DistanceM: 8000}, true},
		{Session{Day: "2025-03-10", Kind: KindRest}, true},
		{Session{Day: "2025-03-10", Sport: rekindle.SportYoga, Kind: KindCross, DurationS: 3600}, true},
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindRace, DistanceM: 10000, Note: "Harbour 10K"}, true},
		{Session{Day: "10/03/2025", Sport: rekindle.SportRunning, Kind: KindEasy}, false},
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: "tempo"}, false},
		{Session{Day: "2025-03-10", Kind: KindEasy}, false},
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindCross}, false},
		{Session{Day: "2025-03-10", Kind: KindRest, DistanceM: 5000}, false},
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindEasy, DistanceM: -1}, false},
		{Session{Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindLong, DurationS: 8 * 86400}, false},
	}
	for _, tc := range tests {
		if err := tc.s.Validate(); (err == nil) != tc.ok {
			t.Errorf("%+v: %v", tc.s, err)
		} else if err != nil && rekindle.ErrorCode(err) != rekindle.CodeInvalid {
			t.Errorf("%+v: code %s", tc.s, rekindle.ErrorCode(err))
		}
	}
}

func TestDaysSumReplace(t *testing.T) {
	ss := []Session{
		{ID: 3, Day: "2025-03-12", Sport: rekindle.SportRunning, Kind: KindQuality, DistanceM: 10000, ExperimentID: 1},
		{ID: 1, Day: "2025-03-10", Sport: rekindle.SportRunning, Kind: KindEasy, DistanceM: 8000, DurationS: 2700},
		{ID: 2, Day: "2025-03-11", Kind: KindRest, ExperimentID: 1},
		{ID: 4, Day: "2025-03-12", Sport: rekindle.SportYoga, Kind: KindCross, DurationS: 3600},
		{ID: 5, Day: "2025-03-20", Sport: rekindle.SportRunning, Kind: KindLong, DistanceM: 20000},
	}
	days := Days(ss, time.Date(2025, 3, 10, 18, 0, 0, 0, time.UTC), 7)
	if len(days) != 7 || days[0].Day != "2025-03-10" || days[0].Weekday != "Mon" || days[6].Day != "2025-03-16" {
		t.Fatalf("days %+v", days)
	}
	if len(days[2].Sessions) != 2 || days[2].Sessions[0].ID != 3 || len(days[3].Sessions) != 0 || days[3].Sessions == nil {
		t.Errorf("day 3 %+v, day 4 %+v", days[2], days[3])
	}
	tot := Sum(ss)
	if tot.RunDistanceM != 38000 || tot.Sessions != 4 || tot.RestDays != 1 || tot.DurationS != 6300 {
		t.Errorf("totals %+v", tot)
	}
	incoming := []Session{{Day: "2025-03-11", Sport: rekindle.SportRunning, Kind: KindEasy}, {Day: "2025-03-12", Kind: KindRest}, {Day: "2025-03-10", Kind: KindRest}}
	drop := Replace(ss, incoming)
	slices.Sort(drop)
	if !slices.Equal(drop, []int64{2, 3}) { // by hand (1, 4) stays
		t.Errorf("drop %v", drop)
	}
}

func TestFromIdea(t *testing.T) {
	in := []Session{
		{ID: 9, Day: "2025-03-10", Sport: "running", Kind: KindEasy, DistanceM: 6000},
		{Day: "2025-03-11", Kind: KindRest, Note: "off"},
	}
	got := FromIdea(42, "Take a light week", in)
	if len(got) != 2 {
		t.Fatalf("%d sessions", len(got))
	}
	for i, s := range got {
		if s.ExperimentID != 42 || s.ID != 0 {
			t.Errorf("session %d: experiment %d id %d", i, s.ExperimentID, s.ID)
		}
	}
	if got[0].Note != "Take a light week" || got[1].Note != "off" {
		t.Errorf("notes %q, %q", got[0].Note, got[1].Note)
	}
	if in[0].ExperimentID != 0 || in[0].ID != 9 {
		t.Errorf("input changed: %+v", in[0])
	}
	if got := FromIdea(1, "x", nil); len(got) != 0 {
		t.Errorf("no sessions gave %d", len(got))
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		s    Session
		u    rekindle.Unit
		want string
	}{
		{Session{Day: "2026-12-16", Sport: rekindle.SportRunning, Kind: KindEasy, DistanceM: 8000, Note: "light week"}, rekindle.UnitKm, "Wed 16 Dec: 8.0 km easy — light week"},
		{Session{Day: "2026-12-16", Sport: rekindle.SportRunning, Kind: KindQuality, DistanceM: 11000, PaceMS: 1000.0 / 280}, rekindle.UnitKm, "Wed 16 Dec: 11.0 km quality session at about 4:40/km"},
		{Session{Day: "2026-12-17", Sport: rekindle.SportYoga, Kind: KindCross, DurationS: 3600, Time: "18:30", Place: "Studio Azur", Note: "Yoga Flow"}, rekindle.UnitKm, "Thu 17 Dec 18:30: yoga, 60 min at Studio Azur — Yoga Flow"},
		{Session{Day: "2026-12-19", Sport: rekindle.SportRunning, Kind: KindRace, DistanceM: 10000, Note: "Harbour 10K"}, rekindle.UnitMi, "Sat 19 Dec: race, 6.2 mi — Harbour 10K"},
		{Session{Day: "2026-12-18", Kind: KindRest, Note: "taper"}, rekindle.UnitKm, "Fri 18 Dec: rest — taper"},
		{Session{Day: "2026-12-18", Kind: KindStep, Note: "Book the massage"}, rekindle.UnitKm, "Fri 18 Dec: Book the massage"},
		{Session{Day: "2026-12-20", Sport: rekindle.SportRunning, Kind: KindEasy, DistanceM: 7900, Route: &Route{Name: "A new loop by Rue Grimaldi", NewShare: 0.7}}, rekindle.UnitKm,
			"Sun 20 Dec: 7.9 km easy on A new loop by Rue Grimaldi (70% on streets you have never run)"},
	}
	for _, tc := range tests {
		if got := Describe(tc.s, tc.u, ""); got != tc.want {
			t.Errorf("Describe = %q, want %q", got, tc.want)
		}
		if err := tc.s.Validate(); err != nil {
			t.Errorf("%q: %v", tc.want, err)
		}
	}
	bad := []Session{
		{Day: "2026-12-18", Kind: KindStep},
		{Day: "2026-12-18", Kind: KindStep, Note: "x", Sport: rekindle.SportRunning},
		{Day: "2026-12-18", Kind: KindCross, Sport: rekindle.SportYoga, Time: "25:99"},
	}
	for _, s := range bad {
		if s.Validate() == nil {
			t.Errorf("%+v validates", s)
		}
	}
}
