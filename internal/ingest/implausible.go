package ingest

import (
	"fmt"
	"math"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// Some activities typed as runs are not runs a person did: a drive or a
// ride the app recorded as a run (42 km in an hour), or another athlete's
// recording accepted into the runner's log while they rode beside it. Both
// are set aside by the overlap rule (decideOverlaps), as an overlapping
// duplicate is: stored and listed, left out of every analysis (load,
// weekly distance, long run, races, best efforts, VDOT), and the runner can
// restore one (--restore) or give it its sport (--sport cycling), after
// which the rule decides again.

// impossibleMargin is how much faster than the world record's speed for
// its distance a whole activity must be to be no run: 15 %, so that GPS
// distance error (a few per cent on a good track, more in towns) and a
// world-class runner's day never reach it. The speed is over the elapsed
// time, pauses included, which only makes a real run slower.
const impossibleMargin = 1.15

// impossibleMinM is the shortest activity the speed rule reads: below the
// 1500 m a sprint or a short GPS glitch is not worth a warning, and it
// weighs little in any analysis.
const impossibleMinM = 1500

// ImpossibleRun reports whether a run of distM metres over elapsedS
// seconds is faster than any runner holds for its distance: its whole
// speed beyond the world record's by impossibleMargin.
func ImpossibleRun(sport rekindle.Sport, distM, elapsedS float64) bool {
	return pastRecord(sport, distM, elapsedS, impossibleMargin)
}

// beyondRecord reports whether a run of distM in elapsedS is faster than
// the world record's pace at that distance, without ImpossibleRun's margin:
// which of two records of one session a runner could have run (score).
func beyondRecord(sport rekindle.Sport, distM, elapsedS float64) bool {
	return pastRecord(sport, distM, elapsedS, 1)
}

// pastRecord reports whether a run of distM metres (impossibleMinM or
// more) over elapsedS seconds is faster than margin times the world
// record's speed at that distance.
func pastRecord(sport rekindle.Sport, distM, elapsedS, margin float64) bool {
	if !sport.IsRun() || distM < impossibleMinM || elapsedS <= 0 {
		return false
	}
	return distM/elapsedS > margin*rekindle.WorldRecordSpeedMS(distM)
}

// vehicleSport reports whether an activity of the sport carries the
// athlete faster than running outdoors: a ride or a ski day.
func vehicleSport(s rekindle.Sport) bool {
	return s == rekindle.SportCycling || s == rekindle.SportSkiing
}

// impossibleItem reports whether a stored record is a run no runner did.
func impossibleItem(it *store.OverlapItem) bool {
	return ImpossibleRun(it.Sport, it.DistanceM, float64(it.EndMs-it.StartMs)/1000)
}

// ridden reports whether run is a run with no heart rate that overlaps in
// time (by the overlap rule's test) a ride or ski day of the athlete's
// own with heart rate: their body was on the bike, so the run is someone
// else's recording or the ride recorded twice. A run with heart rate is
// kept (a run inside a ride may be a recording left running: the rule
// weighs no sport against another on the evidence alone).
func ridden(run, other *store.OverlapItem) bool {
	return run.Sport.IsRun() && run.AvgHR <= 0 && vehicleSport(other.Sport) && other.AvgHR > 0 &&
		!(run.Multisport != "" && run.Multisport == other.Multisport && run.Source.SHA256 == other.Source.SHA256) &&
		overlapsInTime(run.StartMs, run.EndMs, other.StartMs, other.EndMs)
}

// mayBeRidden reports whether a record about to be stored may, with a
// record of another sport, make the rule set a run aside (ridden, read
// without the stored one's heart rate): the import then decides again.
func mayBeRidden(aSport rekindle.Sport, aHR float64, aStart, aEnd int64, bSport rekindle.Sport, bStart, bEnd int64) bool {
	if !(aSport.IsRun() && aHR <= 0 && vehicleSport(bSport)) && !(vehicleSport(aSport) && aHR > 0 && bSport.IsRun()) {
		return false
	}
	return overlapsInTime(aStart, aEnd, bStart, bEnd)
}

// asideNote is the warning for an activity the rule newly set aside as no
// run (nil reason otherwise): it names the activity, says why and how the
// runner fixes it.
func asideNote(it *store.OverlapItem, d store.SetAsideChange, byID map[int64]*store.OverlapItem) string {
	if !d.SetAside || it.CountOverride != nil || !it.Sport.IsRun() {
		return ""
	}
	start := time.UnixMilli(it.StartMs).UTC()
	span := float64(it.EndMs-it.StartMs) / 1000
	what := fmt.Sprintf("the run of %s (#%d, %.2f km in %s)", start.Format("2 Jan 2006 15:04 UTC"), it.ID, it.DistanceM/1000, clock(span))
	fix := fmt.Sprintf("if it was a run, count it with `rekindle activity edit %d --restore`", it.ID)
	if impossibleItem(it) {
		return fmt.Sprintf("%s is %.1f km/h, faster than any runner holds for that distance (the world record's pace there is %.1f km/h), so a ride, a drive or a time recorded wrong: "+
			"set aside, left out of load, weekly distance, races, best efforts and VDOT; if it was a ride, `rekindle activity edit %d --sport cycling`; %s",
			what, it.DistanceM/span*3.6, rekindle.WorldRecordSpeedMS(it.DistanceM)*3.6, it.ID, fix)
	}
	if o := byID[d.For]; o != nil && ridden(it, o) {
		return fmt.Sprintf("%s has no heart rate and lies in the time of your own %s #%d of %s (heart rate %.0f): "+
			"not a run you did (someone else's recording, or the ride recorded twice): set aside, left out of load, weekly distance, races, best efforts and VDOT; %s",
			what, o.Sport, o.ID, time.UnixMilli(o.StartMs).UTC().Format("15:04"), o.AvgHR, fix)
	}
	return ""
}

// clock formats seconds as h:mm:ss or m:ss.
func clock(s float64) string {
	n := int(math.Round(s))
	if n >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", n/3600, n%3600/60, n%60)
	}
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// impossiblePrepared reports whether a record about to be stored is a run
// no runner did by its speed: the import then decides again what counts.
func impossiblePrepared(p *store.PreparedActivity) bool {
	return ImpossibleRun(p.A.Sport, p.A.Summary.DistanceM, float64(p.EndMs-p.StartMs)/1000)
}

// NoRunSpeed says, for an activity set aside by the rule and not by the
// runner, why when it is a run faster than any runner ("42.0 km/h, faster
// than any runner for its distance"), or "".
func NoRunSpeed(a *rekindle.Activity) string {
	if !a.SetAside || a.CountOverride != nil {
		return ""
	}
	span := max(a.Summary.ElapsedS, a.Totals.ElapsedS)
	if !ImpossibleRun(a.Sport, a.Summary.DistanceM, span) {
		return ""
	}
	return fmt.Sprintf("%.1f km/h, faster than any runner for its distance", a.Summary.DistanceM/span*3.6)
}

// Some sources record the distance of every run right and the time wrong:
// a list whose GPS-file rows all carry moving times no runner holds (2:00
// per km over 10 km, a 40.5 km run in 1:31:49). Set aside as no run, such
// a source's runs would leave the runner's weeks nearly empty when they ran
// every other day. When most of one source's runs are faster than any
// runner and nothing says ride, the rule keeps them counted: their
// distance, their count and their weeks are the runner's; their times are
// not, and every analysis of pace, efforts, races and VDOT skips a run
// faster than the world record (rekindle.Activity.TimeImpossible).

// clockSourceMinRuns is the fewest runs of one source the rule reads as a
// source whose clock is wrong: a handful of fast runs is rides or drives.
const clockSourceMinRuns = 20

// clockSourceMaxMedianM is the longest median distance of a source's
// impossible runs read as runs with a wrong clock: a source of rides
// filed as runs goes far further than a runner's usual run.
const clockSourceMaxMedianM = 21097.5

// sourceClockWrong reports, by index, the runs no runner did by speed
// whose source (the file and the title, as "run from gpx" in one list) has
// at least clockSourceMinRuns runs, more than half of them faster than the
// world record at their distance (without the margin: a real source has
// almost none), its impossible ones at
// a runner's distances (median at most clockSourceMaxMedianM): the run
// happened, its time is wrong. Items the runner decided are not read.
func sourceClockWrong(items []store.OverlapItem) []bool {
	type key struct{ file, name string }
	runs := map[key][]int{}
	for i := range items {
		it := &items[i]
		if it.Sport.IsRun() && it.DistanceM >= impossibleMinM {
			k := key{it.Source.File, it.Name}
			runs[k] = append(runs[k], i)
		}
	}
	out := make([]bool, len(items))
	for _, idx := range runs {
		if len(idx) < clockSourceMinRuns {
			continue
		}
		var fast []float64
		beyond := 0
		for _, i := range idx {
			it := &items[i]
			if impossibleItem(it) {
				fast = append(fast, it.DistanceM)
			}
			if span := float64(it.EndMs-it.StartMs) / 1000; span > 0 && it.DistanceM/span > rekindle.WorldRecordSpeedMS(it.DistanceM) {
				beyond++
			}
		}
		if 2*beyond <= len(idx) || len(fast) == 0 {
			continue
		}
		slices.Sort(fast)
		if fast[len(fast)/2] > clockSourceMaxMedianM {
			continue
		}
		for _, i := range idx {
			if items[i].CountOverride == nil && impossibleItem(&items[i]) {
				out[i] = true
			}
		}
	}
	return out
}
