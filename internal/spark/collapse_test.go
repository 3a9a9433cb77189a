package spark

import (
	"testing"

	"rekindle"
)

// collapseRunner runs four runs a week of about 10 km for 24 weeks (40 km
// weeks), a marathon at the end of week 24, three weeks of about 25 km,
// then the given weeks' single runs (km; 0 for a week without a run).
func collapseRunner(after []float64) *persona {
	p := newPersona(68)
	for w := range 24 {
		for i, d := range []int{1, 3, 5, 6} {
			p.add(w, d, runOpt{km: p.jitter(10, 0.1), route: routes[(w+i)%len(routes)], fast: i == 1})
		}
	}
	p.add(24, 6, runOpt{km: 42.2, pace: 290, race: true, name: "City Marathon", route: "City Marathon course"})
	for w := 25; w < 28; w++ {
		for i, d := range []int{2, 4, 6} {
			p.add(w, d, runOpt{km: p.jitter(8, 0.1), route: routes[(w+i)%len(routes)]})
		}
	}
	for i, km := range after {
		if km > 0 {
			p.add(28+i, 3, runOpt{km: km, route: routes[i%len(routes)]})
		}
	}
	return p
}

// Running that has all but stopped is named before the missing goal,
// however recent the race: 40 km weeks, a marathon ten weeks back, 24 km
// weeks, then 16, 12, 4, 5, 0, 5 and 8 km (held-out real-68 2020-02-23, read as
// goalless: "10 weeks since your last race … nothing has replaced it").
// A lull that is only running less (three weeks of half the usual) stays
// the race's: the goal is missing, and that comes first.
func TestCollapseComesBeforeTheMissingGoal(t *testing.T) {
	collapse := []float64{16, 12, 4, 5, 0, 5, 8}
	r := Evaluate(collapseRunner(collapse).asOf(28+len(collapse)-1, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisFading {
		t.Fatalf("16, 12, 4, 5, 0, 5, 8 km weeks after 40: diagnoses %s, want fading first", diagKeys(r))
	}
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g == nil {
		t.Errorf("the missing goal is no longer said at all: %s", diagKeys(r))
	}
	// Half the usual, not a collapse: the lull after the race.
	p := collapseRunner(nil)
	for w := 28; w < 35; w++ {
		for i, d := range []int{1, 4} {
			p.add(w, d, runOpt{km: p.jitter(10, 0.1), route: routes[(w+i)%len(routes)]})
		}
	}
	if r := Evaluate(p.asOf(34, 6)); len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("20 km weeks after 40, ten weeks after a marathon: diagnoses %s, want goalless first", diagKeys(r))
	}
}
