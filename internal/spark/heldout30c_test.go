package spark

import (
	"strings"
	"testing"
	"time"

	"rekindle"
)

// A first marathon's plan with its long runs on alternate weekends: long
// runs past the half marathon in three of the last six weeks, each longer
// than the last, a shorter long run between, is a marathon build and a goal
// (held-out real-106 2017-10-22: 25.8, 29.0 and 32.2 km on alternate
// weekends in 28-60 km weeks, three weeks before her first marathon, read as
// "16 weeks since your last race" and goalless). Three long runs of the
// same length on alternate weekends are no ladder (a habit), nor is a
// ladder whose newest long run lies three weeks back or more.
func TestAlternateWeekendLongRunLadderIsAMarathonBuild(t *testing.T) {
	ladder := Evaluate(buildRunner([]float64{16, 16, 24.5, 16, 27, 16, 30, 16}).asOf(26, 6))
	if d := find(ladder.Diagnoses, rekindle.DiagnosisGoalless); d != nil && d.Confidence > 0 {
		t.Errorf("long runs of 24.5, 27 and 30 km on alternate weekends: goalless (%.2f): %v", d.Confidence, d.Evidence)
	}
	if ladder.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Errorf("alternate-weekend ladder: top %s, want sparked (%v)", ladder.Diagnoses[0].Key, ladder.Diagnoses)
	}
	same := Evaluate(buildRunner([]float64{16, 16, 25, 16, 25, 16, 25, 16}).asOf(26, 6))
	if find(same.Diagnoses, rekindle.DiagnosisGoalless) == nil {
		t.Errorf("25 km on alternate weekends, none longer than the last: no goalless (%v)", same.Diagnoses)
	}
	if longLadder([]float64{0, 0, 0, 30, 27, 24.5}) {
		t.Error("a ladder whose newest long run is three weeks back: read as a ladder")
	}
	if !longLadder([]float64{30, 0, 27, 0, 24.5, 0}) || longLadder([]float64{30, 0, 29, 0, 24.5, 0}) {
		t.Error("longLadder: each long run at least buildGrowth × the one before it")
	}
}

// A log of dates without hours (a running log typed by hand, every run
// imported at midnight UTC) says nothing of when the runner starts: no
// "started within an hour of 00:00" in a rut's evidence, no "you usually
// start around 00:00" in the advice (held-out real-107 2022-07-03). The
// same runs with their clock times keep the signal.
func TestAHistoryOfDatesWithoutHoursHasNoStartHour(t *testing.T) {
	runner := func(hour float64) *Input {
		p := newPersona(31)
		for w := range 20 {
			for _, d := range []int{1, 4} {
				p.add(w, d, runOpt{km: p.jitter(3, 0.03), pace: 380, hour: hour})
			}
		}
		in := p.asOf(19, 6)
		if hour < 0 { // the day only: midnight UTC, as a date imports
			for i := range in.Sessions {
				in.Sessions[i].Start = in.Sessions[i].Start.Add(time.Hour)
			}
		}
		return in
	}
	dated := runner(-1)
	for _, s := range dated.Sessions {
		if u := s.Start.UTC(); u.Hour() != 0 || u.Minute() != 0 {
			t.Fatalf("test runner: %v not at midnight", s.Start)
		}
	}
	h := newHistory(dated)
	s := h.signals()
	if s.has(SigTimeRegular) {
		t.Errorf("dates without hours: start-hour regularity %.2f read", s.get(SigTimeRegular))
	}
	r := Evaluate(dated)
	for _, d := range r.Diagnoses {
		for _, e := range d.Evidence {
			if strings.Contains(e.Text, "within an hour of") {
				t.Errorf("dates without hours: %s evidence %q", d.Key, e.Text)
			}
		}
	}
	clocked := newHistory(runner(7)).signals()
	if !clocked.has(SigTimeRegular) || clocked.get(SigTimeRegular) < 0.9 {
		t.Errorf("runs at 07:00: start-hour regularity not read (%v)", clocked.get(SigTimeRegular))
	}
}
