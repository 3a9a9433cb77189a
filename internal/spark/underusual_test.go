package spark

import (
	"fmt"
	"strings"
	"testing"

	"rekindle"
)

// sporadicRunner runs two short runs a week on varied routes for 40 weeks
// (5 km each, 10 km weeks; a fast one now and then), then the last weeks' runs of km each, and never
// races unless raceWeek >= 0 (a 10K in that week).
func sporadicRunner(lastWeeks int, km float64, raceWeek int) *persona {
	p := newPersona(64)
	for w := range 40 + lastWeeks {
		k := 5.0
		if w >= 40 {
			k = km
		}
		for i, d := range []int{1, 5} {
			p.add(w, d, runOpt{km: p.jitter(k, 0.15), pace: p.jitter(370, 0.08), fast: (w+i)%3 == 0, route: routes[(w*2+i)%len(routes)], hour: p.jitter(12, 0.5)})
		}
		if w == raceWeek {
			p.add(w, 6, runOpt{km: 10, pace: 300, race: true, name: "Town 10K", route: "Town"})
		}
	}
	return p
}

// A sporadic runner's flat spell under their own usual week, with no race
// to aim at, is goalless, not "nothing stands out" (held-out real-64
// 2018-04-22: 2-3 runs of 2-6 km a week, 5.3 km a week over the last 4
// weeks against a usual 9.9; 2016-10-16 and 2024-05-26 the same reading):
// their weeks are a few km and the 8 weeks before as thin, so the trend and
// habit terms of fading stay silent. At the usual week the same runner is
// left alone (sparked), and so is one who raced in the past year (the race's
// own goalless rule speaks for that).
func TestUnderTheUsualWeekWithNoRaceIsGoalless(t *testing.T) {
	r := Evaluate(sporadicRunner(12, 3.2, -1).asOf(51, 6))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Fatalf("12 weeks of 6.4 km against a usual 10: diagnoses %+v, want goalless first", r.Diagnoses)
	}
	if ev := fmt.Sprint(r.Diagnoses[0].Evidence); !strings.Contains(ev, "under your usual week of") || !strings.Contains(ev, "no race in your history") {
		t.Errorf("goalless evidence %s", ev)
	}
	if r := Evaluate(sporadicRunner(12, 5, -1).asOf(51, 6)); len(r.Diagnoses) != 1 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("at the usual week: diagnoses %+v, want sparked alone", r.Diagnoses)
	}
	if r := Evaluate(sporadicRunner(12, 3.2, 30).asOf(51, 6)); strings.Contains(fmt.Sprint(r.Diagnoses), "under your usual week of") {
		t.Errorf("a race 21 weeks before: the under-the-usual rule spoke: %+v", r.Diagnoses)
	}
}

// A plan's first week counted in the titles is a plan begun, a goal from
// its first run (held-out real-62 2026-02-08: "HM 290326 - W01 Tempo Run"
// three days before, read as the marathon's lull, "10 weeks since your last
// race … nothing has replaced it").
func TestAPlansFirstWeekIsAGoal(t *testing.T) {
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	r := Evaluate(planRunner(func(w, d int) string {
		if w < 8 {
			return ""
		}
		return fmt.Sprintf("HM 120925 - W01 %s Easy Run", days[d])
	}).asOf(27, 6))
	if g := find(r.Diagnoses, rekindle.DiagnosisGoalless); g != nil {
		t.Errorf("the first week of a titled plan: goalless (%.2f): %v", g.Confidence, g.Evidence)
	}
}
