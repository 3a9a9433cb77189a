package spark

import (
	"strings"
	"testing"

	"rekindle"
)

// Casebook classes (testdata/casebook/FINDINGS.md), each on a small
// synthetic runner.

// A comeback run on one short loop, with a half marathon before the break
// and a week without a run inside it (real-11's comebacks): returning, not
// stale_routine, goalless or sparked on top.
func TestComebackOnOneLoopWithAGap(t *testing.T) {
	p := newPersona(31)
	for w := range 30 {
		for i, d := range []int{1, 3, 6} {
			km := []float64{8, 8, 14}[i]
			p.add(w, d, runOpt{km: p.jitter(km, 0.05), route: routes[(w+i)%len(routes)], enjoy: 4})
		}
	}
	p.add(29, 6, runOpt{km: 21.2, pace: 300, race: true, name: "City half", route: "City"})
	for w := 40; w < 44; w++ { // 10 weeks off, then 4 weeks back on one loop
		for _, d := range []int{0, 2, 4} {
			p.add(w, d, runOpt{km: 4, route: "Riverside loop", pace: 380, hour: 7, enjoy: 4})
		}
	}
	r := Evaluate(p.asOf(44, 6)) // a week without a run, 9 days since the last
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
		t.Fatalf("diagnoses %+v, want returning first", r.Diagnoses)
	}
	for _, d := range r.Diagnoses {
		if d.Key == rekindle.DiagnosisOverreached || d.Key == rekindle.DiagnosisSparked {
			t.Errorf("a returning runner is %s: %+v", d.Key, d.Evidence)
		}
	}
}

// Six weeks after a marathon, a 5K in between: the lull is the marathon's,
// and the short race did not replace its goal (real-09 41 days after a
// marathon read "sparked").
func TestPostMarathonLullThroughAShortRace(t *testing.T) {
	p := newPersona(32)
	for w := range 24 {
		for i, d := range []int{1, 3, 6} {
			km := []float64{9, 9, 18}[i]
			p.add(w, d, runOpt{km: p.jitter(km, 0.05), route: routes[(w+i)%len(routes)], fast: i == 1})
		}
	}
	p.add(24, 6, runOpt{km: 42.4, pace: 320, race: true, name: "Marathon", route: "City"})
	for w := 25; w < 31; w++ {
		for i, d := range []int{2, 5} {
			p.add(w, d, runOpt{km: p.jitter(6, 0.05), route: routes[(w+i)%len(routes)]})
		}
	}
	p.add(28, 6, runOpt{km: 5.0, pace: 290, race: true, name: "parkrun", route: "Park"})
	r := Evaluate(p.asOf(30, 5))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Fatalf("diagnoses %+v, want goalless first", r.Diagnoses)
	}
	if ev := r.Diagnoses[0].Evidence[0].Text; !strings.Contains(ev, "big race") || !strings.Contains(ev, "Marathon") {
		t.Errorf("evidence %q, want the marathon named as the last big race", ev)
	}
}

// A thin comeback that led to a marathon ten days ago, nothing since
// (real-07): the comeback is over, the race is what counts.
func TestComebackThatLedToAMarathon(t *testing.T) {
	p := newPersona(33)
	for w := range 30 {
		for i, d := range []int{1, 3, 6} {
			p.add(w, d, runOpt{km: p.jitter([]float64{8, 8, 14}[i], 0.05), route: routes[(w+i)%len(routes)]})
		}
	}
	for w := 44; w < 47; w++ { // 14 weeks off, a thin build
		p.add(w, 2, runOpt{km: 6, route: routes[w%len(routes)]})
		p.add(w, 6, runOpt{km: float64(10 + 4*(w-44)), route: routes[(w+1)%len(routes)]})
	}
	p.add(47, 6, runOpt{km: 42.4, pace: 360, race: true, name: "Marathon", route: "City"})
	r := Evaluate(p.asOf(49, 2))
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key == rekindle.DiagnosisReturning || r.Diagnoses[0].Key == rekindle.DiagnosisOverreached {
		t.Fatalf("diagnoses %+v: a comeback that led to a marathon is over", r.Diagnoses)
	}
}
