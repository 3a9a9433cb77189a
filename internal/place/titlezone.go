package place

import (
	"strings"
	"time"
	"unicode"
)

// Named is an activity's start and the name it was given.
type Named struct {
	At   time.Time
	Name string
}

// dayPart is a part of the day an app's default title names, and the local
// start hours (from…to inclusive, wrapping past midnight) the app gives it.
type dayPart struct {
	from, to int
}

func (p dayPart) holds(h int) bool {
	if p.from <= p.to {
		return h >= p.from && h <= p.to
	}
	return h >= p.from || h <= p.to
}

// The apps' cut-offs, measured on the casebook's fixtures whose true zone is
// known (testdata/casebook/FINDINGS.md, branch zonehint29): the local start
// hours of every title, in the runner's own zone, holding 99% of them.
var (
	// Strava's English titles ("Morning Run", "Lunch Ride", "Afternoon
	// Walk", "Evening Run", "Night Run"; also after the weather emoji
	// running_page puts before them): Morning 4-10 (854 runs: 4:00 the
	// earliest, 7 of 854 at 11-13), Lunch 11-12 (10 of 97 at 10), Afternoon
	// 13-17, Evening 18-20, Night 21-03 (21:00 the earliest of 302).
	// Strava's Chinese titles (晨间跑步, 午间跑步, 午后跑步, 傍晚跑步,
	// 晚间跑步, and 行走/骑行/徒步 after them) keep the same hours: 晨间 4-10
	// (708), 午间 11-12 (75), 午后 13-17 (368), 傍晚 18-20 (1,193), 晚间
	// 21-00 (684).
	morning   = dayPart{4, 10}
	lunch     = dayPart{11, 12}
	afternoon = dayPart{13, 17}
	evening   = dayPart{18, 20}
	night     = dayPart{21, 3}

	englishParts = map[string]dayPart{
		"morning": morning, "lunch": lunch, "afternoon": afternoon, "evening": evening, "night": night,
	}
	// chineseParts: Strava's prefixes (followed by a two-character activity:
	// 跑步, 骑行, 行走, 徒步, 游泳).
	chineseParts = map[string]dayPart{
		"晨间": morning, "午间": lunch, "午后": afternoon, "傍晚": evening, "晚间": night,
	}
	// chineseTitles: another app's titles (a Garmin list in Beijing,
	// real-73, positions from its GPX): 下午跑 12-16 (22), 晚间跑 17-20 (32).
	chineseTitles = map[string]dayPart{
		"下午跑": {12, 16}, "晚间跑": {17, 20},
	}
)

// partOf returns the part of the day an app's default title names: the
// first word one of Strava's English parts and a second word after it
// ("Evening Run", "🌙 Night Run", "Virtual Afternoon Ride"; not "Night" or
// "Evening with Anna at the track"), or a Chinese app title above.
func partOf(name string) (dayPart, bool) {
	s := strings.TrimSpace(name)
	if p, ok := chineseTitles[s]; ok {
		return p, true
	}
	if r := []rune(s); len(r) == 4 {
		if p, ok := chineseParts[string(r[:2])]; ok {
			return p, true
		}
	}
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	if len(words) > 0 && words[0] == "virtual" {
		words = words[1:]
	}
	if len(words) < 2 || len(words) > 3 {
		return dayPart{}, false
	}
	p, ok := englishParts[words[0]]
	return p, ok
}

// Thresholds of the titles' vote.
const (
	// minTitled: fewer titles that name the time of day are no hint.
	minTitled = 10
	// minTitleFit: the best offset fits at least this share of them. On the
	// casebook's fixed-clock runners the true offset fits 0.99-1.00 of the
	// apps' titles (real-59, 60, 61, 64, 66, 71, 76, 86, 88, 97); a list
	// whose best fits fewer was named by other rules (real-92's titles were
	// written from local hours with an evening from 17:00: best 0.92) or
	// keeps a summer time (real-57, New York: 0.90 at a fixed offset).
	minTitleFit = 0.95
	// titleTie: offsets within this share of the best fit as well.
	titleTie = 0.05
	// minTitleGain: the titles move the hours' offset only when the best
	// fits at least this many more of them.
	minTitleGain = 5
)

// TitleVotes is how the apps' default titles that name the time of day
// vote for each whole-hour offset (−11…+14): Fit[h+11] is the share of those
// titles whose start, at UTC+h, falls in the hours the app gives the name.
type TitleVotes struct {
	N   int
	Fit [26]float64
	// parts are the titled starts, for fits at real zones.
	parts []titled
}

type titled struct {
	at   time.Time
	part dayPart
}

// VoteTitles counts the titles among named that name the time of day.
func VoteTitles(named []Named) TitleVotes {
	var v TitleVotes
	for _, n := range named {
		if p, ok := partOf(n.Name); ok {
			v.parts = append(v.parts, titled{n.At.UTC(), p})
		}
	}
	v.N = len(v.parts)
	if v.N == 0 {
		return v
	}
	for off := -11; off <= 14; off++ {
		k := 0
		for _, t := range v.parts {
			if t.part.holds(((t.at.Hour()+off)%24 + 24) % 24) {
				k++
			}
		}
		v.Fit[off+11] = float64(k) / float64(v.N)
	}
	return v
}

// usable reports whether the titles settle the clock: enough of them, and
// one offset fits nearly all.
func (v TitleVotes) usable() bool {
	return v.N >= minTitled && v.best() >= minTitleFit
}

func (v TitleVotes) best() float64 {
	b := 0.0
	for _, f := range v.Fit {
		b = max(b, f)
	}
	return b
}

// fitAt is the share of the titles that fit their hours in loc.
func (v TitleVotes) fitAt(loc *time.Location) float64 {
	if v.N == 0 {
		return 0
	}
	k := 0
	for _, t := range v.parts {
		if t.part.holds(t.at.In(loc).Hour()) {
			k++
		}
	}
	return float64(k) / float64(v.N)
}

// titleWhy is Offset.Hint when the titles moved the offset.
const titleWhy = TitleHint

// TitleHint is Offset.Hint when the apps' titles moved the offset.
const TitleHint = "the apps' titles that name the time of day (Morning Run, Evening Run, 傍晚跑步)"

// settleByTitles moves the hours' offset o to the nearest offset the
// titles fit as well as the best, when they settle the clock (usable) and
// the best fits minTitleGain or more of them more than o does: an app names
// a run by its local start hour, a reading of the clock stronger than
// where the night gap lies (a night runner's own offset holds more starts
// at night than its neighbours west).
func settleByTitles(o Offset, ok bool, starts []time.Time, v TitleVotes) (Offset, bool) {
	if o.Starts < MinOffsetStarts || !v.usable() {
		return o, ok
	}
	best := v.best()
	if cur := v.Fit[o.Hours+11]; cur >= best-titleTie || (best-cur)*float64(v.N) < minTitleGain {
		return o, ok
	}
	pick, d := titledPick(o.Hours, starts, v)
	o.WasHours = o.Hours
	_, _, night := offsetFromStarts(starts)
	other := -1.0
	for off := -11; off <= 14; off++ {
		if circDist(off, pick) >= 4 && (other < 0 || night[off] < other) {
			other = night[off]
		}
	}
	o.Hours, o.Zone, o.Night, o.Other = pick, etcZone(pick), night[pick], other
	o.Confidence = 0
	if other > 0 {
		o.Confidence = max(0, 1-o.Night/other)
	}
	o.Titled, o.TitledFit = v.N, int(v.Fit[pick+11]*float64(v.N)+0.5)
	o.TitledWas = int(v.Fit[o.WasHours+11]*float64(v.N) + 0.5)
	o.Hint, o.Moved = titleWhy, d
	return o, true
}

// titleNightEnd: local hours before this one (00:00-04:59) are the night a
// runner's starts seldom fall in, when the titles leave several offsets.
const titleNightEnd = 5

// titledPick is the offset settleByTitles moves to, with its distance from
// from: among the offsets the titles fit as well as the best (titleTie),
// those whose night (00:00-04:59 local) holds no more starts than the
// quietest's plus max(nightSlack, nightSlackShare of the starts); among
// them the one the titles fit best, then the nearest to from. An early
// runner's titles ("Morning Run", 4-10) fit a span of offsets; its western
// edge puts his 6 am starts at 4 am (held-out real-118, a Beijing runner
// read as UTC+6 from the nearest fit to a night gap at UTC−3).
func titledPick(from int, starts []time.Time, v TitleVotes) (pick, d int) {
	best := v.best()
	var h [24]int
	for _, t := range starts {
		h[t.UTC().Hour()]++
	}
	nightAt := func(off int) int {
		k := 0
		for lh := range titleNightEnd {
			k += atHour(h, off, lh)
		}
		return k
	}
	minNight := -1
	for off := -11; off <= 14; off++ {
		if v.Fit[off+11] >= best-titleTie && (minNight < 0 || nightAt(off) < minNight) {
			minNight = nightAt(off)
		}
	}
	slack := max(nightSlack, int(nightSlackShare*float64(len(starts))))
	pick, d = 0, 99
	for off := -11; off <= 14; off++ {
		fit := v.Fit[off+11]
		if fit < best-titleTie || nightAt(off) > minNight+slack {
			continue
		}
		dd := circDist(off, from)
		if d == 99 || fit > v.Fit[pick+11] || fit == v.Fit[pick+11] && dd < d {
			pick, d = off, dd
		}
	}
	return pick, d
}
