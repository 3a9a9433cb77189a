package spark

import (
	"encoding/json"
	"math"
	"reflect"
	"rekindle/internal/units"
	"slices"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/training"
)

// truncate keeps only what was known at the end of asOf's day.
func truncate(in *Input) *Input {
	out := *in
	end := in.AsOf.Truncate(24*time.Hour).AddDate(0, 0, 1)
	out.Sessions = slices.DeleteFunc(slices.Clone(in.Sessions), func(s Session) bool { return !s.Start.Before(end) })
	out.CheckIns = slices.DeleteFunc(slices.Clone(in.CheckIns), func(c rekindle.CheckIn) bool { return !c.At.Before(end) })
	return &out
}

// happyThenStuck is happy and varied for 20 weeks, then runs the same loop
// at the same time four times a week.
func happyThenStuck() *persona {
	p := newPersona(9)
	for w := range 32 {
		scale := 1.0 + 0.05*float64(w%4)
		if w%4 == 3 {
			scale = 0.7
		}
		for i, d := range []int{1, 3, 5, 6} {
			o := runOpt{km: p.jitter([]float64{8, 9, 6, 14}[i]*scale, 0.1), route: routes[(w*3+i)%len(routes)], fast: i == 1,
				hour: []float64{7, 18, 9, 8}[(w+i)%4], enjoy: 4 + (w+i)%2, company: []int{0, 1, 2, 0}[i]}
			if w < 20 && w%6 == 2 && d == 5 {
				o.km, o.race, o.name, o.pace, o.route = 5, true, "Parkrun", 270, "Parkrun course"
			}
			if w >= 20 {
				o = runOpt{km: p.jitter(8*scale, 0.02), route: "Riverside loop", hour: 7, enjoy: 4, fast: i == 1}
			}
			p.add(w, d, o)
		}
	}
	return p
}

func keys(r *Report) []rekindle.Diagnosis {
	var k []rekindle.Diagnosis
	for _, d := range r.Diagnoses {
		k = append(k, d.Key)
	}
	slices.Sort(k)
	return k
}

func TestReplayUsesOnlyThePast(t *testing.T) {
	p := happyThenStuck()
	for w := 1; w < 32; w++ {
		in := p.asOf(w, 6)
		full, cut := Evaluate(in), Evaluate(truncate(in))
		a, _ := json.Marshal(full)
		b, _ := json.Marshal(cut)
		if string(a) != string(b) {
			t.Fatalf("week %d: the report depends on data after as-of:\n%s\n%s", w, a, b)
		}
	}
}

func TestReplayChangesOnlyWithHistory(t *testing.T) {
	p := happyThenStuck()
	var stuckFrom int
	for w := 8; w < 32; w++ {
		k := keys(Evaluate(p.asOf(w, 6)))
		switch {
		case w < 20:
			if !reflect.DeepEqual(k, []rekindle.Diagnosis{rekindle.DiagnosisSparked}) {
				t.Errorf("week %d (history unchanged, happy): diagnoses %v, want sparked", w, k)
			}
		case slices.Contains(k, rekindle.DiagnosisStaleRoutine):
			if stuckFrom == 0 {
				stuckFrom = w
			}
		case stuckFrom != 0:
			t.Errorf("week %d: stale_routine gone again (%v) though the routine did not change", w, k)
		}
	}
	if stuckFrom == 0 || stuckFrom > 26 {
		t.Errorf("stale_routine first seen in week %d, want within 6 weeks of the change in week 20", stuckFrom)
	}
	t.Logf("same loop from week 20, stale_routine from week %d", stuckFrom)

	// The same day with the same history gives the same report; with new
	// (bad) check-ins before it, a different one.
	in := p.asOf(12, 6)
	a, b := Evaluate(in), Evaluate(in)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("same input, different reports")
	}
	in2 := *in
	in2.CheckIns = slices.Clone(in.CheckIns)
	for d := range 6 {
		in2.CheckIns = append(in2.CheckIns, rekindle.CheckIn{At: p.at(12, d, 12), Enjoyment: 1, RPE: 8})
	}
	in2.SparkChecks = []rekindle.SparkCheck{{At: p.at(12, 6, 12), Exhaustion: 4, LostInterest: 5, Stagnation: 4}}
	c := Evaluate(&in2)
	if c.Diagnosis(rekindle.DiagnosisLowEnjoyment) == nil || c.SparkScore >= a.SparkScore {
		t.Errorf("bad check-ins: diagnoses %v score %d (was %d)", keys(c), c.SparkScore, a.SparkScore)
	}
}

func TestExperimentOutcomes(t *testing.T) {
	// The same-loop runner accepts the top idea on Monday of week 17.
	base, _, _ := sameLoopRunner()
	p := &persona{in: *base, t0: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)}
	before := Evaluate(p.asOf(16, 6))
	top := before.Top()
	if top.Strategy != rekindle.StrategyVariety {
		t.Fatalf("top before: %s", top.Strategy)
	}
	exp := Experiment{ID: 1, RecID: top.ID, Strategy: top.Strategy, Title: top.Title, State: StateAccepted, At: p.at(17, 0, 9)}

	t.Run("watching", func(t *testing.T) {
		in := p.asOf(17, 6)
		in.Experiments = []Experiment{exp}
		r := Evaluate(in)
		if len(r.Experiments) != 1 || r.Experiments[0].Outcome != OutcomeWatching {
			t.Fatalf("experiments %+v", r.Experiments)
		}
		for _, rec := range r.Recommendations {
			if rec.ID == exp.RecID {
				t.Errorf("the idea being tried is offered again: %+v", rec)
			}
		}
	})
	t.Run("followed by nothing", func(t *testing.T) {
		in := p.asOf(19, 6)
		in.Experiments = []Experiment{exp}
		r := Evaluate(in)
		if len(r.Experiments) != 1 || r.Experiments[0].Outcome != OutcomeNoChange {
			t.Fatalf("experiments %+v, want no_change", r.Experiments)
		}
		if r.Top().Strategy == rekindle.StrategyVariety {
			t.Errorf("variety offered again right after it did not work: %s", strategies(r))
		}
		for _, rec := range r.Recommendations {
			if rec.Strategy == rekindle.StrategyVariety {
				t.Errorf("variety still offered: %s", rec.ID)
			}
		}
		t.Logf("next idea: %s (%s)", r.Top().ID, r.Top().Title)
	})
	t.Run("better enjoyment", func(t *testing.T) {
		in := p.asOf(19, 6)
		in.Experiments = []Experiment{exp}
		in.CheckIns = slices.Clone(in.CheckIns)
		start, end := p.at(17, 0, 0), p.at(19, 0, 0)
		for i := range in.CheckIns {
			if c := &in.CheckIns[i]; !c.At.Before(start) && c.At.Before(end) {
				c.Enjoyment = 5
			}
		}
		r := Evaluate(in)
		if len(r.Experiments) != 1 || r.Experiments[0].Outcome != OutcomeWorked {
			t.Fatalf("experiments %+v, want worked", r.Experiments)
		}
	})
	t.Run("worse", func(t *testing.T) {
		in := p.asOf(19, 6)
		in.Experiments = []Experiment{exp}
		in.CheckIns = slices.Clone(in.CheckIns)
		start, end := p.at(17, 0, 0), p.at(19, 0, 0)
		for i := range in.CheckIns {
			if c := &in.CheckIns[i]; !c.At.Before(start) && c.At.Before(end) {
				c.Enjoyment = 2
			}
		}
		if r := Evaluate(in); r.Experiments[0].Outcome != OutcomeWorse {
			t.Fatalf("experiments %+v, want worse", r.Experiments)
		}
	})
	t.Run("dismissed and snoozed", func(t *testing.T) {
		in := p.asOf(16, 6)
		in.Experiments = []Experiment{
			{RecID: "variety-route", Strategy: rekindle.StrategyVariety, State: StateDismissed, At: p.at(16, 2, 9)},
			{RecID: "variety-company-time", Strategy: rekindle.StrategyVariety, State: StateSnoozed, At: p.at(16, 2, 9)},
		}
		r := Evaluate(in)
		for _, rec := range r.Recommendations {
			if rec.ID == "variety-route" || rec.ID == "variety-company-time" {
				t.Errorf("dismissed/snoozed idea offered: %s", rec.ID)
			}
		}
		// The snooze ends after a week; the dismissal holds.
		in = p.asOf(18, 6)
		in.Experiments = []Experiment{
			{RecID: "variety-route", Strategy: rekindle.StrategyVariety, State: StateDismissed, At: p.at(16, 2, 9)},
			{RecID: "variety-company-time", Strategy: rekindle.StrategyVariety, State: StateSnoozed, At: p.at(16, 2, 9)},
		}
		r = Evaluate(in)
		var ids []string
		for _, rec := range r.Recommendations {
			ids = append(ids, rec.ID)
		}
		if slices.Contains(ids, "variety-route") || !slices.Contains(ids, "variety-company-time") {
			t.Errorf("after the snooze: %v", ids)
		}
	})
}

func TestSignalsHaveSources(t *testing.T) {
	r := Evaluate(overreachedRunner())
	for _, k := range []string{SigFitness, SigForm, SigMonotony, SigWeeksNoLight, SigWeekVsUsual, SigRouteRepeat, SigIntensityVariety,
		SigRunsPerWeek, SigEnjoyment, SigEnjoymentChange, SigCrossShare, SigAloneShare, SigVDOT, SigDistanceRegular, SigTimeRegular, SigWeekdayRegular} {
		s, ok := r.Signals[k]
		if !ok {
			t.Errorf("signal %s missing", k)
			continue
		}
		if s.Source == "" || math.IsNaN(s.Value) {
			t.Errorf("signal %s = %+v", k, s)
		}
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
}

func TestEmptyAndTinyHistories(t *testing.T) {
	r := Evaluate(&Input{AsOf: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
	if len(r.Diagnoses) != 1 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("empty: %+v", r.Diagnoses)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Fatal(err)
	}
	p := newPersona(11)
	p.add(0, 0, runOpt{km: 5})
	p.add(0, 2, runOpt{km: 0})
	p.add(0, 4, runOpt{km: 5, pace: 1e-9})
	if _, err := json.Marshal(Evaluate(p.asOf(0, 6))); err != nil {
		t.Fatal(err)
	}
}

func TestVDOTVectors(t *testing.T) {
	// science.md §5: 5K 20:00 → 49.806; 10K 40:00 → 51.944; equivalents and paces.
	tests := []struct {
		d, t, want float64
	}{{5000, 1200, 49.806}, {10000, 2400, 51.944}, {42195, 12600, 44.554}}
	for _, tt := range tests {
		if got := training.VDOT(tt.d, tt.t); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("vdot(%v, %v) = %.3f, want %.3f", tt.d, tt.t, got, tt.want)
		}
	}
	v := training.VDOT(5000, 1200)
	if got := units.Clock(training.EquivalentTime(v, 10000)); got != "41:28" {
		t.Errorf("10K equivalent %s, want 41:28", got)
	}
	h := &history{unit: rekindle.UnitKm}
	if got := h.pace(training.SpeedAtVO2Fraction(v, 0.88)); got != "4:16/km" {
		t.Errorf("T pace %s, want 4:16/km", got)
	}
	if got := h.pace(training.SpeedAtVO2Fraction(v, 0.975)); got != "3:56/km" {
		t.Errorf("I pace %s, want 3:56/km", got)
	}
}

// tenYears is a runner with ten years of four to six runs a week.
func tenYears() *Input {
	p := newPersona(42)
	for w := range 520 {
		n := 4 + w%3
		for i, d := range []int{0, 1, 3, 5, 6, 2}[:n] {
			p.add(w, d, runOpt{km: p.jitter(9, 0.3), route: routes[(w+i)%len(routes)], fast: i == 2, enjoy: 3 + (w+i)%3, company: i % 2})
		}
	}
	return p.asOf(519, 6)
}

func BenchmarkEvaluateTenYears(b *testing.B) {
	in := tenYears()
	b.ResetTimer()
	for b.Loop() {
		Evaluate(in)
	}
}

func TestScoreSparkCheck(t *testing.T) {
	all := func(v, rev int) map[string]int {
		m := map[string]int{}
		for _, q := range SparkCheckQuestions {
			m[q.ID] = v
			if q.Reverse {
				m[q.ID] = rev
			}
		}
		return m
	}
	tests := []struct {
		name    string
		answers map[string]int
		want    [3]float64
		err     bool
	}{
		{"burnt out", all(5, 1), [3]float64{5, 5, 5}, false},
		{"fine", all(1, 5), [3]float64{1, 1, 1}, false},
		{"mixed", map[string]int{"drained": 4, "heavy": 2, "care_less": 1, "look_forward": 4, "stuck": 5, "progress": 1}, [3]float64{3, 1.5, 5}, false},
		{"missing", map[string]int{"drained": 4}, [3]float64{}, true},
		{"out of range", func() map[string]int { m := all(3, 3); m["stuck"] = 6; return m }(), [3]float64{}, true},
		{"unknown", func() map[string]int { m := all(3, 3); m["mood"] = 2; return m }(), [3]float64{}, true},
	}
	for _, tt := range tests {
		e, l, s, err := ScoreSparkCheck(tt.answers)
		if (err != nil) != tt.err {
			t.Errorf("%s: err %v", tt.name, err)
			continue
		}
		if !tt.err && [3]float64{e, l, s} != tt.want {
			t.Errorf("%s: got %v %v %v, want %v", tt.name, e, l, s, tt.want)
		}
	}
}

func TestLoadSignalVectors(t *testing.T) {
	// science.md §4, population SD, RZ cap at 10.
	tests := []struct {
		week             []float64
		monotony, strain float64
	}{
		{[]float64{600, 200, 400, 500, 100, 650, 0}, 1.492, 3656.4},
		{[]float64{0, 90, 30, 120, 0, 60, 180}, 1.115, 535.1},
		{[]float64{300, 0, 0, 0, 0, 0, 0}, 0.408, 122.5},
		{[]float64{60, 60, 60, 60, 60, 60, 60}, 10, 4200},
	}
	for _, tt := range tests {
		p := newPersona(1)
		for d, l := range tt.week {
			if l > 0 {
				p.add(0, d, runOpt{km: 5})
				p.in.Sessions[len(p.in.Sessions)-1].Load = l
			}
		}
		r := Evaluate(p.asOf(0, 6))
		if got := r.Signals[SigMonotony].Value; math.Abs(got-tt.monotony) > 0.001 {
			t.Errorf("%v: monotony %.3f, want %.3f", tt.week, got, tt.monotony)
		}
		if got := r.Signals[SigStrain].Value; math.Abs(got-tt.strain) > 0.1 {
			t.Errorf("%v: strain %.1f, want %.1f", tt.week, got, tt.strain)
		}
	}
}

func TestWeeksSinceLightWeek(t *testing.T) {
	tests := []struct {
		name  string
		weeks []float64 // weekly load, oldest first; the last is the current week
		want  float64
	}{
		{"steady, light week 5 weeks ago", []float64{300, 300, 300, 200, 300, 300, 300, 300, 300}, 5},
		{"3:1", []float64{300, 330, 360, 240, 300, 330, 360, 240, 300, 330}, 2},
		{"this week is light", []float64{300, 300, 300, 300, 210}, 0},
		{"never light", []float64{300, 300, 300, 300, 300, 300}, 6},
	}
	for _, tt := range tests {
		p := newPersona(1)
		for w, l := range tt.weeks {
			for d := range 3 {
				p.add(w, d*2, runOpt{km: 5})
				p.in.Sessions[len(p.in.Sessions)-1].Load = l / 3
			}
		}
		r := Evaluate(p.asOf(len(tt.weeks)-1, 6))
		if got := r.Signals[SigWeeksNoLight].Value; got != tt.want {
			t.Errorf("%s: %v weeks, want %v", tt.name, got, tt.want)
		}
	}
}

func TestDistText(t *testing.T) {
	km, mi := &history{unit: rekindle.UnitKm}, &history{unit: rekindle.UnitMi}
	tests := []struct {
		h    *history
		m    float64
		want string
	}{{km, 8000, "8.0 km"}, {km, 999949, "999.9 km"}, {km, 3409300, "3,409 km"}, {km, 12345678, "12,346 km"}, {mi, 1609.344 * 5, "5.0 mi"}, {mi, 1609.344 * 1234567, "1,234,567 mi"}}
	for _, tt := range tests {
		if got := tt.h.dist(tt.m); got != tt.want {
			t.Errorf("dist(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}
