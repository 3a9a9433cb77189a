package tcx

import (
	"fmt"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/trackbuild"
)

// activities finishes what was read.
func (d *decoder) activities() ([]*rekindle.Activity, error) {
	if !d.rootSeen {
		return nil, fmt.Errorf("tcx: empty file: %w", rekindle.ErrNotActivity)
	}
	var out []*rekindle.Activity
	for _, act := range d.acts {
		a := d.finish(act)
		if a.Track.Len() == 0 && len(a.Laps) == 0 {
			continue
		}
		a.Source.Index = len(out)
		out = append(out, a)
	}
	if len(out) == 0 {
		what := "no activity"
		if d.courses > 0 {
			what = "only courses, no activity"
		}
		return nil, fmt.Errorf("tcx: %s: %w", what, rekindle.ErrNotActivity)
	}
	return out, nil
}

func (d *decoder) finish(act *activity) *rekindle.Activity {
	a := act.a
	a.Warnings = append(a.Warnings, d.warnings...)
	a.SubSport = rekindle.SubSportName(act.sport)
	a.Sport = SportOf(act.sport)
	n := act.b.Len()
	tr, interp := act.b.Finish()
	if tr.Len() != n {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d trackpoints with neither time, position, distance, heart rate nor altitude: dropped", n))
		for i := range a.Laps {
			a.Laps[i].First, a.Laps[i].Last = -1, -1
		}
	}
	if interp > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d trackpoints without a time: times interpolated", interp))
	}
	if far, back, keep := trackbuild.SaneTimes(&tr); keep != nil {
		for i := range a.Laps {
			l := &a.Laps[i]
			l.First, l.Last = trackbuild.RemapRange(keep, l.First, l.Last)
		}
		if n := len(tr.Time); n > 0 {
			act.lastTime = tr.Time[n-1]
		}
		if far > 0 {
			a.Warnings = append(a.Warnings, fmt.Sprintf("%d trackpoints with impossible times (more than a week from the rest) dropped", far))
		}
		if back > 0 {
			a.Warnings = append(a.Warnings, fmt.Sprintf("%d trackpoints whose time goes backwards dropped", back))
		}
	}
	// SaneTimes leaves a whole stretch out of order (a device whose records
	// go back in time for a while): it is data, moved into place as the FIT
	// decoder does; each lap then spans where its samples landed.
	if moved, perm := trackbuild.SortByTime(&tr); moved > 0 {
		inv := trackbuild.Inverse(perm)
		for i := range a.Laps {
			l := &a.Laps[i]
			l.First, l.Last = trackbuild.MovedRange(inv, l.First, l.Last)
		}
		act.lastTime = tr.Time[len(tr.Time)-1]
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d trackpoints recorded out of time order moved into place", moved))
	}
	if act.badTime > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d unreadable times", act.badTime))
	}
	running := a.Sport.IsRun()
	if running {
		for i, c := range tr.Cadence {
			tr.Cadence[i] = 2 * c
		}
		for i := range a.Laps {
			a.Laps[i].AvgCadence *= 2
		}
	}
	a.Track = tr

	// Start: the activity's Id, else its first lap, else its first sample.
	start := act.idTime
	for _, s := range act.lapStarts {
		if start == trackbuild.NoTime && s != trackbuild.NoTime {
			start = s
		}
	}
	if start == trackbuild.NoTime && len(tr.Time) > 0 {
		start = tr.Time[0]
	}
	if start != trackbuild.NoTime {
		a.Start = time.UnixMilli(start).UTC()
	}

	// End: the later of the last sample and the end of the last lap's timer.
	end := act.lastTime
	for i, s := range act.lapStarts {
		if s == trackbuild.NoTime {
			continue
		}
		if e := s + int64(a.Laps[i].TimerS*1000); end == trackbuild.NoTime || e > end {
			end = e
		}
	}
	// Lap wall-clock time runs to the next lap's start.
	for i := range a.Laps {
		s := act.lapStarts[i]
		if s == trackbuild.NoTime {
			continue
		}
		next := end
		if i+1 < len(a.Laps) && act.lapStarts[i+1] != trackbuild.NoTime {
			next = act.lapStarts[i+1]
		}
		if next != trackbuild.NoTime && next >= s {
			a.Laps[i].ElapsedS = float64(next-s) / 1000
		}
	}

	t := &a.Totals
	var hrW, hrT, cadW, cadT, pwW, pwT float64
	for _, l := range a.Laps {
		t.DistanceM += l.DistanceM
		t.TimerS += l.TimerS
		t.Calories += l.Calories
		t.MaxHR = max(t.MaxHR, l.MaxHR)
		if l.AvgHR > 0 {
			hrW += l.AvgHR * l.TimerS
			hrT += l.TimerS
		}
		if l.AvgCadence > 0 {
			cadW += l.AvgCadence * l.TimerS
			cadT += l.TimerS
		}
		if l.AvgPowerW > 0 {
			pwW += l.AvgPowerW * l.TimerS
			pwT += l.TimerS
		}
	}
	if hrT > 0 {
		t.AvgHR = hrW / hrT
	}
	if cadT > 0 {
		t.AvgCadence = cadW / cadT
	}
	if pwT > 0 {
		t.AvgPowerW = pwW / pwT
	}
	if t.TimerS > 0 {
		t.AvgSpeedMS = t.DistanceM / t.TimerS
	}
	if start != trackbuild.NoTime && end != trackbuild.NoTime && end >= start {
		t.ElapsedS = float64(end-start) / 1000
	}
	return a
}

// SportOf maps a TCX Sport attribute (Running, Biking, Other; some writers
// use other words) to a sport.
func SportOf(s string) rekindle.Sport {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "running", "run":
		return rekindle.SportRunning
	case "biking", "cycling", "bike":
		return rekindle.SportCycling
	case "walking":
		return rekindle.SportWalking
	case "hiking":
		return rekindle.SportHiking
	case "swimming":
		return rekindle.SportSwimming
	}
	return rekindle.SportOther
}
