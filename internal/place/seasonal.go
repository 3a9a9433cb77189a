package place

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"
)

// StartZone is the zone a history without positions is placed in, from the
// hours its activities start (see ZoneFromStarts).
type StartZone struct {
	Offset // the whole-hour offset the night gap alone settles (OffsetFromStartsHinted)
	// Zone is a real zone when the start hours move with a summer time (a
	// runner keeps their clock: 7 am is 11:00 UTC in a New York summer and
	// 12:00 in its winter), else the fixed zone of Offset. Its days are the
	// runner's; its name may be another city's with the same clock.
	Zone string
	// Seasonal: Zone keeps a summer time.
	Seasonal bool
	// Lang says which language the activity names are written in, when it
	// chose among the zones whose nights are as quiet ("" when none did).
	Lang string
	// Hours is Zone's offset at the newest start.
	Hours float64
	// Guessed, when set, says why a clock with summer time that made the
	// hours more regular was not taken: the change of season showed once
	// only (a change of habit shows so too), and more people keep the
	// fixed clock at the offset of most starts ("" when no such choice).
	Guessed string
}

// Thresholds of ZoneFromStarts.
const (
	// seasonMargin: a zone with a summer time is taken over a fixed offset
	// when it makes the hours of the day at least this much more regular
	// (entropy, nats, of the starts' local half-hours), the same habit in
	// summer and winter; less is noise.
	seasonMargin = 0.02
	// seasonTie: zones whose regularity differs by less are one pattern.
	seasonTie = 0.005
	// nightSlack: a zone whose night holds at most this many starts more
	// than the quietest zone's (plus two standard deviations of a count,
	// and at least nightSlackShare of the starts) is as plausible: a few
	// late runs or a trip do not tell an hour.
	nightSlack = 2
	// nightSlackShare: and at least this share of the starts (5 of 1,000).
	nightSlackShare = 0.005
)

// seasonalOrder is the order plausible zones with a summer time are
// preferred in when nothing else tells them apart: by how many people keep
// their clock (Central Europe before Britain and Ireland, the US East
// before the Atlantic provinces).
var seasonalOrder = []string{
	"Europe/Paris", "America/New_York", "Europe/London", "America/Chicago", "Europe/Athens",
	"America/Los_Angeles", "America/Denver", "Australia/Sydney", "America/Santiago", "Pacific/Auckland",
	"America/Halifax", "Australia/Adelaide", "America/Asuncion", "America/Anchorage", "America/St_Johns",
}

// langZones are the clocks where a language's speakers mostly live: among
// zones whose nights are as quiet, names in that language prefer these.
var langZones = map[string][]string{
	"English":    {"Europe/London", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Anchorage", "America/Halifax", "America/St_Johns", "Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland"},
	"German":     {"Europe/Paris"},
	"French":     {"Europe/Paris", "America/New_York"},
	"Italian":    {"Europe/Paris"},
	"Dutch":      {"Europe/Paris"},
	"Polish":     {"Europe/Paris"},
	"Spanish":    {"Europe/Paris", "America/Santiago", "America/Asuncion"},
	"Portuguese": {"Europe/London"},
	"Finnish":    {"Europe/Athens"},
	"Swedish":    {"Europe/Paris"},
	"Danish":     {"Europe/Paris"},
	"Greek":      {"Europe/Athens"},
}

// langWords are words of activity names (the apps' default titles and
// common training words) that say the language they are written in.
var langWords = map[string][]string{
	"English":    {"run", "running", "morning", "afternoon", "evening", "lunch", "night", "easy", "long", "recovery", "jog", "miles", "mile", "treadmill", "walk", "ride", "workout", "with", "the", "and"},
	"German":     {"lauf", "laufen", "morgenlauf", "abendlauf", "mittagslauf", "am", "morgen", "abend", "nachmittag", "locker", "dauerlauf", "radfahren", "wandern", "und", "mit"},
	"French":     {"course", "pied", "matin", "soir", "midi", "après-midi", "sortie", "footing", "vélo", "marche", "le", "la", "du", "de", "récup"},
	"Italian":    {"corsa", "mattutina", "pomeridiana", "serale", "notturna", "giro", "camminata", "allenamento", "uscita"},
	"Dutch":      {"loop", "ochtendloop", "middagloop", "avondloop", "hardlopen", "duurloop", "fietsrit", "wandeling", "rustige"},
	"Polish":     {"bieg", "poranny", "popołudniowy", "wieczorny", "nocny", "jazda", "spacer"},
	"Spanish":    {"carrera", "mañana", "tarde", "noche", "rodaje", "paseo", "por", "la", "en", "bici"},
	"Portuguese": {"corrida", "manhã", "noite", "treino", "caminhada", "pedal", "à"},
	"Finnish":    {"juoksu", "aamujuoksu", "iltajuoksu", "lenkki", "kävely", "pyöräily"},
	"Swedish":    {"löpning", "morgonlöpning", "kvällslöpning", "promenad", "cykeltur"},
	"Danish":     {"løb", "morgenløb", "aftenløb", "gåtur", "cykeltur"},
	"Greek":      {"τρέξιμο", "πρωινό", "απογευματινό", "βραδινό"},
}

// minLangShare: a language is taken when its words are in at least this
// share of the names with a known word, and more than any other's.
const minLangShare = 0.5

// LangOf returns the language most activity names are written in, as far
// as langWords tell ("" when none stands out).
func LangOf(names []string) string {
	count := map[string]int{}
	named := 0
	for _, s := range names {
		words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && r != '-' })
		seen := map[string]bool{}
		for _, w := range words {
			for lang, ws := range langWords {
				if !seen[lang] && slices.Contains(ws, w) {
					seen[lang] = true
				}
			}
		}
		if len(seen) > 0 {
			named++
		}
		for lang := range seen {
			count[lang]++
		}
	}
	best, bestN, second := "", 0, 0
	langs := make([]string, 0, len(count))
	for l := range count {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	for _, l := range langs {
		switch n := count[l]; {
		case n > bestN:
			best, bestN, second = l, n, bestN
		case n > second:
			second = n
		}
	}
	if named == 0 || bestN == second || float64(bestN) < minLangShare*float64(named) {
		return ""
	}
	return best
}

// ZoneFromStarts places a history without positions: the night gap of
// the start hours settles an offset within an hour or two (as
// OffsetFromStartsHinted, whose ok it returns), then among real clocks —
// fixed offsets and the common summer-time patterns — whose nights are as
// quiet (nightSlack), it takes the pattern under which the runner's hours
// are most regular through the year (a habit keeps the local clock, so a
// zone with the right summer time lines summer and winter up), and among
// those the one the names' language points to (LangOf), else the most
// common (seasonalOrder) or, for fixed offsets, the night gap's own.
func ZoneFromStarts(starts []time.Time, names []string) (z StartZone, ok bool) {
	return zoneFromStarts(starts, names, TitleVotes{})
}

// ZoneFromNamedStarts is ZoneFromStarts given the named activities' starts
// too: the apps' default titles that name the time of day ("Morning Run",
// 傍晚跑步) vote for the clocks under which their start hours fit those
// words (VoteTitles). When one offset fits nearly all of them, it is taken
// over the night gap's offset that fits markedly fewer (settleByTitles),
// and only clocks that fit them as well are weighed.
func ZoneFromNamedStarts(starts []time.Time, named []Named) (z StartZone, ok bool) {
	names := make([]string, 0, len(named))
	for _, n := range named {
		if n.Name != "" {
			names = append(names, n.Name)
		}
	}
	return zoneFromStarts(starts, names, VoteTitles(named))
}

func zoneFromStarts(starts []time.Time, names []string, titles TitleVotes) (z StartZone, ok bool) {
	o, ok := OffsetFromStartsHinted(starts, ScriptHint(names))
	o, ok = settleByTitles(o, ok, starts, titles)
	o, ok = settleByPeak(o, ok, starts, titles)
	z = StartZone{Offset: o, Zone: o.Zone, Hours: float64(o.Hours)}
	if !ok {
		return z, false
	}
	var cands []cand
	add := func(name string, seasonal bool) {
		loc, err := time.LoadLocation(name)
		if err != nil {
			return
		}
		c := cand{zone: name, loc: loc, seasonal: seasonal}
		var bins [48]float64
		for _, t := range starts {
			l := t.In(loc)
			c.night += nightWeight[l.Hour()]
			bins[2*l.Hour()+l.Minute()/30]++
			_, off := l.Zone()
			c.dist += math.Abs(float64(off)/3600 - float64(o.Hours))
		}
		c.dist /= float64(len(starts))
		if c.dist > 3 {
			return
		}
		n := float64(len(starts))
		for _, b := range bins {
			if b > 0 {
				c.entropy -= b / n * math.Log(b/n)
			}
		}
		cands = append(cands, c)
	}
	for h := o.Hours - 3; h <= o.Hours+3; h++ {
		if h >= -11 && h <= 14 {
			add(etcZone(h), false)
		}
	}
	for _, name := range seasonalOrder {
		add(name, true)
	}
	minNight := math.Inf(1)
	for _, c := range cands {
		minNight = min(minNight, c.night)
	}
	limit := minNight + 2*math.Sqrt(minNight) + max(nightSlack, nightSlackShare*float64(len(starts)))
	var plaus []cand
	titleFloor := -1.0 // clocks the titles fit worse than this are not weighed
	seasonalTitled := false
	if titles.usable() {
		titleFloor = titles.best() - titleTie
	} else if fit := seasonalTitleFit(titles, cands); titles.N >= minTitled && fit >= minTitleFit {
		// The titles settle a clock with summer time that no fixed offset
		// matches: an app names each run by its local hour all year, so
		// nearly all fit the runner's own clock and no fixed offset fits
		// more than a season's share (held-out real-111, a Barcelona
		// runner's 1,313 Strava titles: 99.1 % fit Central Europe's clock,
		// 85.5 % UTC+1, 72.8 % London's; read as Europe/London because
		// its names are English and both clocks' nights are as quiet). The
		// clocks the titles fit worse are not weighed, as when a fixed
		// offset fits them (usable); the night gap's own offset still is.
		// The clocks they fit are weighed whatever their night: a runner
		// out late on their own clock fills its night, and the titles read
		// the clock surer than where the night is quietest (settleByTitles).
		titleFloor, seasonalTitled = fit-titleTie, true
	}
	for _, c := range cands {
		if c.zone != o.Zone && titleFloor > 0 && titles.fitAt(c.loc) < titleFloor {
			continue
		}
		if c.night <= limit || c.zone == o.Zone || seasonalTitled && c.seasonal {
			plaus = append(plaus, c)
		}
	}
	// The most regular pattern; a summer time must beat the fixed offsets
	// by seasonMargin.
	fixedBest, seasBest := math.Inf(1), math.Inf(1)
	for _, c := range plaus {
		if c.seasonal {
			seasBest = min(seasBest, c.entropy)
		} else {
			fixedBest = min(fixedBest, c.entropy)
		}
	}
	if seasBest > fixedBest-seasonMargin {
		return z, true // the night gap's fixed offset stands
	}
	var best []cand
	for _, c := range plaus {
		if c.seasonal && c.entropy <= seasBest+seasonTie {
			best = append(best, c)
		}
	}
	pick := best[0] // seasonalOrder's first
	byLang := false
	if lang := LangOf(names); lang != "" {
		for _, c := range best {
			if slices.Contains(langZones[lang], c.zone) {
				if len(best) > 1 {
					z.Lang = lang
				}
				pick, byLang = c, true
				break
			}
		}
	}
	if !byLang && !seasonsRepeat(starts, pick.loc) {
		// One change of season only: a change of habit (evening runs
		// turned morning runs the month the clocks change) makes the hours
		// as regular. Take the clock most people keep at the offset of
		// most starts: the summer-time zone only when it is that clock.
		main, share := mainOffset(starts, pick.loc)
		if fixed := clockPeople[etcZone(main)]; fixed > clockPeople[pick.zone] && isPlausible(plaus, etcZone(main)) {
			z.Offset.Hours, z.Offset.Zone = main, etcZone(main)
			z.Zone, z.Hours = etcZone(main), float64(main)
			z.Guessed = fmt.Sprintf("your start hours move by an hour as %s's clock does, but through one change of season only "+
				"(a change of habit does that too), and %.0f%% of them are at %s, a clock more people keep all year",
				pick.zone, 100*share, z.Offset.Label())
			return z, true
		}
	}
	z.Zone, z.Seasonal = pick.zone, true
	_, off := starts[0].In(pick.loc).Zone()
	z.Hours = float64(off) / 3600
	return z, true
}

// cand is a clock ZoneFromStarts weighs.
type cand struct {
	zone     string
	loc      *time.Location
	seasonal bool
	night    float64 // starts in the night (weighted)
	entropy  float64
	dist     float64 // hours from the night gap's offset (mean over the starts)
}

// minSeasonStarts and minSeasonShare: a stretch of starts in one season
// (summer time or not) counts towards a repeated pattern when it holds at
// least this many starts and this share of them (two weeks of a runner
// who runs four times a week; a few starts say nothing about a habit).
const (
	minSeasonStarts = 8
	minSeasonShare  = 0.05
)

// seasonsRepeat reports whether the starts, in time order, hold at least
// two stretches of each season of loc (summer time and standard time),
// each of minSeasonStarts and minSeasonShare: the hours then moved with
// the clock at more than one change of season.
func seasonsRepeat(starts []time.Time, loc *time.Location) bool {
	ss := slices.Clone(starts)
	slices.SortFunc(ss, func(a, b time.Time) int { return a.Compare(b) })
	need := max(minSeasonStarts, int(math.Ceil(minSeasonShare*float64(len(ss)))))
	var blocks [2]int // stretches long enough, by season (0 standard, 1 summer)
	run, cur := 0, -1
	flush := func() {
		if cur >= 0 && run >= need {
			blocks[cur]++
		}
	}
	for _, t := range ss {
		s := 0
		if t.In(loc).IsDST() {
			s = 1
		}
		if s != cur {
			flush()
			cur, run = s, 0
		}
		run++
	}
	flush()
	return blocks[0] >= 2 && blocks[1] >= 2
}

// mainOffset is the offset (whole hours) loc gives most of the starts,
// with that share.
func mainOffset(starts []time.Time, loc *time.Location) (int, float64) {
	count := map[int]int{}
	for _, t := range starts {
		_, off := t.In(loc).Zone()
		count[int(math.Round(float64(off)/3600))]++
	}
	best, bestN := 0, -1
	for h, n := range count {
		if n > bestN || n == bestN && h < best {
			best, bestN = h, n
		}
	}
	return best, float64(bestN) / float64(len(starts))
}

func isPlausible(cs []cand, zone string) bool {
	return slices.ContainsFunc(cs, func(c cand) bool { return c.zone == zone })
}

// clockPeople is roughly how many people (millions, 2024) keep each clock
// of seasonalOrder and each fixed offset all year: the countries' and
// regions' populations (UN World Population Prospects 2024; national
// statistics for the parts of Brazil, the United States, Canada, Australia
// and the Democratic Republic of the Congo), summed by the clock they keep
// under the IANA rules of 2024, rounded. It settles a clock the hours
// cannot tell apart: a runner at UTC−3 who seems to keep Santiago's summer
// time is far likelier to live on Brazil's or Argentina's fixed clock.
var clockPeople = map[string]float64{
	"Europe/Paris": 430, "America/New_York": 195, "Europe/London": 86, "America/Chicago": 100, "Europe/Athens": 215,
	"America/Los_Angeles": 62, "America/Denver": 22, "Australia/Sydney": 16, "America/Santiago": 19, "Pacific/Auckland": 5,
	"America/Halifax": 3, "Australia/Adelaide": 2, "America/Asuncion": 7, "America/Anchorage": 1, "America/St_Johns": 1,
	"Etc/GMT+6": 150, "Etc/GMT+5": 114, "Etc/GMT+4": 70, "Etc/GMT+3": 250, "Etc/GMT+2": 0.1, "Etc/GMT+1": 0.5,
	"Etc/UTC": 177, "Etc/GMT-1": 520, "Etc/GMT-2": 315, "Etc/GMT-3": 700, "Etc/GMT-10": 20, "Etc/GMT-11": 1, "Etc/GMT-12": 2,
	"Etc/GMT-13": 0.2, "Etc/GMT+7": 10, "Etc/GMT+8": 0.1, "Etc/GMT+9": 0.1, "Etc/GMT+10": 1.5,
}

// seasonalTitleFit is the best share of the titles that fit their hours
// at one of the clocks with summer time among cands (0 when none).
func seasonalTitleFit(v TitleVotes, cands []cand) float64 {
	best := 0.0
	for _, c := range cands {
		if c.seasonal {
			best = max(best, v.fitAt(c.loc))
		}
	}
	return best
}
