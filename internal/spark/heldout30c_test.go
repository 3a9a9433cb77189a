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

// halfLengthRunner runs 5-7 km four times a week and an 8-10 km Sunday
// long run for 16 weeks, every run at heart rate about 150, then on the
// Saturday of week 16, at hour, 21.2 km at an easy pace and the same heart
// rate, and four more ordinary weeks.
func halfLengthRunner(hour float64) *Input {
	p := newPersona(41)
	for w := range 21 {
		for i, d := range []int{0, 1, 3, 4} {
			p.add(w, d, runOpt{km: p.jitter([]float64{5, 6, 5, 7}[i], 0.05), pace: p.jitter(340, 0.03), route: routes[(w+i)%len(routes)], hour: 18})
		}
		p.add(w, 6, runOpt{km: p.jitter(9, 0.1), pace: p.jitter(355, 0.03), route: routes[(w+5)%len(routes)], hour: 9})
		if w == 16 {
			p.add(w, 5, runOpt{km: 21.2, pace: 380, route: "Canal path", hour: hour})
		}
	}
	in := p.asOf(20, 6)
	for i := range in.Sessions {
		in.Sessions[i].AvgHR = 147 + float64(i%7)
	}
	return in
}

// A run known as a race only by its half-marathon length, at the runner's
// everyday heart rate and started off a weekend morning, is a solo long
// run: no big race whose lull is goalless four weeks on (held-out real-106
// 2018-03-04: a Saturday 11:33 21.2 km at 6:20/km, heart rate 161, "the
// half marathon, 3 Feb 2018; it was a big one and nothing has replaced
// it"). The same run started at 8:00, when road races start, still leaves
// the lull.
func TestAHalfLengthLongRunOffARaceMorningLeavesNoLull(t *testing.T) {
	noon := Evaluate(halfLengthRunner(12.5))
	if d := find(noon.Diagnoses, rekindle.DiagnosisGoalless); d != nil && d.Confidence > 0 {
		t.Errorf("a 21.2 km Saturday-noon run at the everyday heart rate: goalless (%.2f): %v", d.Confidence, d.Evidence)
	}
	morning := Evaluate(halfLengthRunner(8))
	if d := find(morning.Diagnoses, rekindle.DiagnosisGoalless); d == nil || d.Confidence == 0 {
		t.Errorf("the same run on a Saturday at 8:00: no goalless (%v)", morning.Diagnoses)
	}
}
