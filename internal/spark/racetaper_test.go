package spark

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

// The race idea without a race calendar writes its race week with the same
// generator as a race from the calendar (race.PlanTaper, the taper the races
// page shows): the 7 days before the race hold the runner's usual running
// days and rest on the others, a few minutes at race pace 3–5 days out, a
// shake-out with strides the day before when that is a running day, the
// race last; the card shows exactly the sessions written. Spark's former
// taper (5 days cut by 40%, rest the day before) is gone.
func TestRaceIdeaWithoutCalendarUsesTheRaceTaper(t *testing.T) {
	checked := 0
	for name, mk := range map[string]func() *Input{"fading": fadingRunner, "postMarathon": postMarathonRunner,
		"overreached": overreachedRunner, "freshFlat": freshFlatRunner, "happy": happyRunner} {
		in := mk()
		in.Races = nil
		r := findRec(Evaluate(in), rekindle.StrategyRace)
		if r == nil || r.ID != "race-local" || len(r.Plan) == 0 {
			continue
		}
		checked++
		h := newHistory(in)
		usual := map[time.Weekday]bool{}
		for _, d := range h.usualPlan(h.signals()) {
			usual[d.Day] = true
		}
		if got, want := r.Actions[:len(r.Plan)], plan.Describes(r.Plan, in.Unit, in.Locale); !slices.Equal(got, want) {
			t.Errorf("%s: the card says %q, the sessions written %q", name, got, want)
		}
		last := r.Plan[len(r.Plan)-1]
		raceDay, err := last.Date()
		if last.Kind != plan.KindRace || err != nil || raceDay.Weekday() != time.Saturday {
			t.Fatalf("%s: the last session is not the race on a Saturday: %+v", name, last)
		}
		quality := 0
		for _, s := range r.Plan[:len(r.Plan)-1] {
			d, _ := s.Date()
			out := int(raceDay.Sub(d).Hours()/24 + 0.5)
			if strings.Contains(s.Note, "40% less") {
				t.Errorf("%s: %s: spark's former taper: %q", name, s.Day, s.Note)
			}
			switch {
			case out < 1 || out > 7:
				t.Errorf("%s: %s is %d days before the race, outside its 7-day taper", name, s.Day, out)
			case !usual[d.Weekday()]:
				if s.Kind != plan.KindRest {
					t.Errorf("%s: %s (%s) is no usual running day, yet %s", name, s.Day, d.Weekday(), s.Kind)
				}
			case out == 1:
				if s.Kind != plan.KindEasy || s.DistanceM > 3000 || !strings.Contains(s.Note, "shake-out") || !strings.Contains(s.Note, "strides") {
					t.Errorf("%s: the day before the race, a running day: %+v, want a shake-out ≤ 3 km with strides", name, s)
				}
			case s.Kind == plan.KindQuality:
				quality++
				if out < 3 || out > 5 || !strings.Contains(s.Note, "at race pace") {
					t.Errorf("%s: race-pace session %d days out: %+v", name, out, s)
				}
			case s.Kind != plan.KindEasy || s.DistanceM <= 0:
				t.Errorf("%s: %s, a usual running day: %+v, want an easy run", name, s.Day, s)
			}
		}
		if quality > 1 {
			t.Errorf("%s: %d race-pace sessions, want at most one", name, quality)
		}
	}
	if checked == 0 {
		t.Fatal("no persona got the race idea without a calendar")
	}
}
