package training

import (
	"math"
	"slices"
	"time"

	"rekindle"
)

// BestEffort is the fastest time over a standard distance and where it was run.
type BestEffort struct {
	Name       string  `json:"name"` // "400m", "1k", "1mi", "5k", "10k", "half", "marathon"
	DistanceM  float64 `json:"distance_m"`
	ElapsedS   float64 `json:"elapsed_s"`
	ActivityID int64   `json:"activity_id"`
	Date       string  `json:"date"` // YYYY-MM-DD, athlete's time zone
	// VDOT of the effort when it lasted between 4 min and 4 h (GoldenCheetah's
	// window, where Daniels' equations hold), else 0.
	VDOT float64 `json:"vdot,omitempty"`
}

// SeasonBests are the best efforts of one calendar year (athlete's time zone).
type SeasonBests struct {
	Season  int          `json:"season"`
	Efforts []BestEffort `json:"efforts"`
}

// Effort duration window for VDOT, seconds.
const (
	minVDOTEffortS = 4 * 60
	maxVDOTEffortS = 4 * 3600
	maxEffortSpeed = 10.5 // m/s: faster than any human over ≥ 400 m, a GPS glitch
)

func effortVDOT(distanceM, elapsedS float64) float64 {
	if elapsedS < minVDOTEffortS || elapsedS > maxVDOTEffortS {
		return 0
	}
	v := VDOT(distanceM, elapsedS)
	if v < MinVDOT || v > MaxVDOT {
		return 0
	}
	return v
}

// effortOrder is the position of a standard effort name.
func effortOrder(name string) int {
	for i, e := range rekindle.EffortDistances {
		if e.Name == name {
			return i
		}
	}
	return len(rekindle.EffortDistances)
}

// effortRef is one effort before it is turned into a BestEffort.
type effortRef struct {
	name          string
	dist, elapsed float64
	id            int64
	day           int // civil day number
	set           bool
}

func (e effortRef) better(o effortRef) bool {
	return !o.set || e.elapsed < o.elapsed || (e.elapsed == o.elapsed && e.day < o.day)
}

func (e effortRef) best() BestEffort {
	return BestEffort{Name: e.name, DistanceM: e.dist, ElapsedS: e.elapsed, ActivityID: e.id, Date: dayString(e.day), VDOT: effortVDOT(e.dist, e.elapsed)}
}

// effortSet keeps the best effort per distance: the standard ones in an
// array, any other name in a map.
type effortSet struct {
	std   [7]effortRef
	other map[string]effortRef
}

func (s *effortSet) add(e effortRef) {
	if i := effortOrder(e.name); i < len(s.std) {
		if e.better(s.std[i]) {
			s.std[i] = e
		}
		return
	}
	if s.other == nil {
		s.other = map[string]effortRef{}
	}
	if e.better(s.other[e.name]) {
		s.other[e.name] = e
	}
}

func (s *effortSet) list() []BestEffort {
	out := []BestEffort{}
	for _, e := range s.std {
		if e.set {
			out = append(out, e.best())
		}
	}
	var more []BestEffort
	for _, e := range s.other {
		more = append(more, e.best())
	}
	slices.SortFunc(more, func(a, b BestEffort) int { return cmpFloat(a.DistanceM, b.DistanceM) })
	return append(out, more...)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// effortAgg gathers best efforts over all time and per season, and the
// candidates for VDOT of the year before today: each run's best effort of a
// mile or more, and each race's own time over its nominal distance.
type effortAgg struct {
	all     effortSet
	seasons map[int]*effortSet
	today   int
	window  int
	runs    []vdotCand // one per run with a VDOT effort, age < 365
	held    []vdotCand // one per run whose average pace or heart rate backs its best effort
	maxHR   float64    // for "hard": 0 unknown
	races   []vdotCand // one per race over a standard distance, age < 365
	long    []vdotCand // one per run of LongRunCheckM or more over its whole distance, age < 365
	// wholeRuns: every run of the year over its whole distance and moving
	// time, VDOT or not (outpacing compares with them).
	wholeRuns []vdotCand
	book      *PaceBook // the runner's typical paces (nil: unknown)
	// days are the runs of each day (by day number): a run's usual is
	// measured without its own day (PaceBook.TypicalAside).
	days map[int][]DayRun
}

// vdotCand is one run's VDOT with the effort behind it.
type vdotCand struct {
	ref  effortRef
	v    float64
	age  int
	why  string // for a race: why it was taken for one
	held bool
	hard bool // the run was hard by heart rate (hrBacked)
	// raceHR: the whole run was held at a race heart rate by the runner's
	// own measure (raceHR: their top fifth, or a share of their maximum).
	raceHR bool
	runM   float64 // the whole run's distance
	// call is a race's RaceCall (addRace): whether it may cap a shorter
	// race, and whether a shorter one is backed by more than its pace.
	call RaceCall
	// hr is a race's mean heart rate (addRace), 0 when unknown.
	hr float64
	// endurance is, for a race that speedRace keeps above a longer race
	// of the year, that longer race (the best of them): what the runner's
	// endurance says, for the long races' predictions and marathon pace.
	endurance *vdotCand
}

// minRunVDOTEffortM: shorter best efforts inside training runs say little
// about fitness and are where GPS glitches hide (and the 4-minute floor of
// effortVDOT applies too).
const minRunVDOTEffortM = 1000

func newEffortAgg(today, window int) *effortAgg {
	return &effortAgg{seasons: map[int]*effortSet{}, today: today, window: window}
}

func (g *effortAgg) addActivity(a *rekindle.Activity, day, season int) {
	if !a.Sport.IsRun() || len(a.Summary.BestEfforts) == 0 || a.TimeImpossible() {
		return
	}
	ss := g.seasons[season]
	if ss == nil {
		ss = &effortSet{}
		g.seasons[season] = ss
	}
	age := g.today - day
	var best, held vdotCand
	avg := a.Summary.AvgSpeedMS
	hard := g.maxHR > 0 && a.Summary.AvgHR >= raceHRLongShare*g.maxHR && a.Summary.MovingS >= 20*60
	// A run far faster than the runner ever runs that far (a ride filed as
	// a run, a GPS fault) keeps its best efforts on the list but sets no VDOT.
	alien := g.tooFast(a.Summary.DistanceM, a.Summary.MovingS, RunKind(a.Sport, a.Summary.DistanceM, a.Summary.AscentM), day) || g.hrUnsupported(a, day)
	// A stretch inside a run over climbs (or typed a trail run whose
	// climbing is unknown) is as likely a descent as an effort: it sets
	// no VDOT, as a race over climbs sets none (RaceCall.NoVDOT). The
	// whole run still counts (addWholeRun): climbing only slows a run
	// over its whole way, so its VDOT stays a lower bound.
	climb := RaceRun{DistanceM: a.Summary.DistanceM, AscentM: a.Summary.AscentM, Trail: a.Sport == rekindle.SportTrailRunning}
	alien = alien || climb.ClimbHeavy() || climb.TrailUnmeasured()
	hrBacked := hard || g.hrBacked(a)
	for _, e := range a.Summary.BestEfforts {
		if !plausible(e.DistanceM, maxSessionM) || !plausible(e.ElapsedS, maxSessionS) || e.DistanceM/e.ElapsedS > maxEffortSpeed {
			continue
		}
		r := effortRef{name: e.Name, dist: e.DistanceM, elapsed: e.ElapsedS, id: a.ID, day: day, set: true}
		g.all.add(r)
		ss.add(r)
		if !alien && age < 365 && age >= 0 && e.DistanceM >= minRunVDOTEffortM {
			v := effortVDOT(e.DistanceM, e.ElapsedS)
			if v > best.v {
				best = vdotCand{ref: r, v: v, age: age, hard: hrBacked, runM: a.Summary.DistanceM}
			}
			// An effort the run's own average or heart rate backs up: the
			// run itself was fast, or hard. A stretch far faster than the
			// run around it (a rep, a bus, a GPS jump) needs a second run.
			if v > held.v && (hard || avg > 0 && e.DistanceM/e.ElapsedS <= heldEffortShare*avg && e.DistanceM >= heldEffortCover*a.Summary.DistanceM) {
				held = vdotCand{ref: r, v: v, age: age, held: true, hard: hrBacked, runM: a.Summary.DistanceM}
			}
		}
	}
	if best.v > 0 {
		g.runs = append(g.runs, best)
	}
	if held.v > 0 {
		g.held = append(g.held, held)
	}
}

// addWholeRun counts a run over its whole distance as a held effort: the
// only one a summary-only history (no track, no best efforts) has.
func (g *effortAgg) addWholeRun(a *rekindle.Activity, day int) {
	age := g.today - day
	d, t := a.Summary.DistanceM, a.Summary.MovingS
	if !a.Sport.IsRun() || a.TimeImpossible() || age < 0 || age >= 365 || d < minRunVDOTEffortM || !plausible(t, maxSessionS) || d/t > maxRunSpeedMS {
		return
	}
	if g.tooFast(d, t, RunKind(a.Sport, d, a.Summary.AscentM), day) || g.hrUnsupported(a, day) {
		return // far faster than the runner ever runs that far, or than their heart rate carries: not their run
	}
	hard := g.hrBacked(a)
	r := effortRef{name: "run", dist: d, elapsed: t, id: a.ID, day: day, set: true}
	g.wholeRuns = append(g.wholeRuns, vdotCand{ref: r, age: age, runM: d})
	if v := effortVDOT(d, t); v > 0 {
		g.held = append(g.held, vdotCand{ref: r, v: v, age: age, held: true, hard: hard, runM: d})
	}
	if d >= LongRunCheckM {
		if v := raceVDOT(d, t); v > 0 {
			rr := RaceRun{DistanceM: d, MovingS: t, AvgHR: a.Summary.AvgHR, AscentM: a.Summary.AscentM, Trail: a.Sport == rekindle.SportTrailRunning}
			var high float64
			if g.book != nil {
				high = g.book.HighHR
			}
			onRoad := !rr.ClimbHeavy() && !rr.TrailUnmeasured()
			g.long = append(g.long, vdotCand{ref: r, v: v, age: age, held: true, hard: hard, runM: d,
				raceHR: onRoad && raceHR(rr, RaceContext{HighHR: high, MeasuredMaxHR: g.maxHR})})
		}
	}
}

// hrBacked reports whether the run's heart rate says it was hard: a mean
// of raceHRShare of the maximum or more (a short run counts too).
func (g *effortAgg) hrBacked(a *rekindle.Activity) bool {
	return g.maxHR > 0 && a.Summary.AvgHR >= raceHRShare*g.maxHR
}

// LongRunCheckM: runs this long say how fast the runner really is over
// distance; longRunCapShare: a VDOT from short runs without heart-rate
// evidence may be at most this much above the best of them (easy long runs
// of a fit runner sit about a quarter below their VDOT), else that long run
// stands in for it: a runner whose 3 km implies a 2:30 marathon but whose
// every run over 15 km is at 6:00/km is not that fit (bike commutes filed
// as runs are their typical short run, so "too fast" does not catch them).
const (
	LongRunCheckM   = 15000.0
	longRunCapShare = 1.35
)

// longStandIn returns the long run of the year that stands in for c when c
// comes from a short run that heart rate does not back and is far above
// what every long run of the year says.
func (g *effortAgg) longStandIn(c vdotCand) (vdotCand, bool) {
	if c.hard || c.runM >= LongRunCheckM {
		return vdotCand{}, false
	}
	var best vdotCand
	for _, l := range g.long {
		if l.age < 365 && (best.v == 0 || l.v > best.v || l.v == best.v && l.age < best.age) {
			best = l
		}
	}
	if best.v > 0 && c.v > longRunCapShare*best.v {
		return best, true
	}
	return vdotCand{}, false
}

// tooFast reports whether a run of d metres in t seconds is at least
// TooFastShare × the runner's typical speed at that distance, on runs of
// its kind (RunKind: a flat road run is not measured against climbs),
// measured without the runs of its own day (PaceBook.TypicalAside); or at
// least clusterFasterShare × when a run of that day about as long was too
// fast (PaceBook.SameDayOutpaced: legs of one ride).
func (g *effortAgg) tooFast(d, t float64, kind, day int) bool {
	if d <= 0 || t <= 0 {
		return false
	}
	runs := g.days[day]
	ty := g.book.TypicalAside(d, kind, runs)
	return ty > 0 && (d/t >= TooFastShare*ty || d/t >= clusterFasterShare*ty && g.book.SameDayOutpaced(d, runs))
}

// hrUnsupported reports whether run a of day was faster than its heart
// rate carries (PaceBook.HRUnsupported): its efforts set no VDOT.
func (g *effortAgg) hrUnsupported(a *rekindle.Activity, day int) bool {
	s := a.Summary
	return g.book.HRUnsupported(s.DistanceM, s.AvgSpeedMS, s.AvgHR, RunKind(a.Sport, s.DistanceM, s.AscentM), g.days[day])
}

// daysOf are the runs of each day of in.
func daysOf(in []dated) map[int][]DayRun {
	m := map[int][]DayRun{}
	for _, e := range in {
		if e.a.Sport.IsRun() {
			s := e.a.Summary
			m[e.day] = append(m[e.day], DayRun{DistanceM: s.DistanceM, SpeedMS: s.AvgSpeedMS, Kind: RunKind(e.a.Sport, s.DistanceM, s.AscentM)})
		}
	}
	return m
}

// An effort at most 15% faster than its run's average pace and covering
// half the run or more is the run being fast, not a stretch inside it.
const (
	heldEffortShare = 1.15
	heldEffortCover = 0.5
)

// addRace records a race over a standard distance: its VDOT is its time over
// the nominal distance (GPS over-measures a race, the course is what counts).
func (g *effortAgg) addRace(a *rekindle.Activity, day int, call RaceCall) {
	age := g.today - day
	if age < 0 || age >= 365 || call.StandardM <= 0 || call.NoVDOT {
		return
	}
	t := a.Summary.MovingS
	if t <= 0 {
		return
	}
	v := raceVDOT(call.StandardM, t)
	if v <= 0 {
		return
	}
	r := effortRef{name: raceEffortName(call.StandardM), dist: call.StandardM, elapsed: t, id: a.ID, day: day, set: true}
	g.races = append(g.races, vdotCand{ref: r, v: v, age: age, why: call.Reason, call: call, hr: a.Summary.AvgHR})
}

// maxRaceVDOTS is the longest race that still gives a VDOT: a 6-hour
// marathon (VDOT about 23) is a race result all the same, while a training
// run's effort keeps the 4-hour limit of effortVDOT.
const maxRaceVDOTS = 6 * 3600

// raceVDOT is the VDOT of a race's time over its nominal distance, 0 outside
// the limits.
func raceVDOT(distanceM, elapsedS float64) float64 {
	if elapsedS < minVDOTEffortS || elapsedS > maxRaceVDOTS {
		return 0
	}
	v := VDOT(distanceM, elapsedS)
	if v < MinVDOT || v > MaxVDOT {
		return 0
	}
	return v
}

// raceEffortName names a race distance as the best efforts do.
func raceEffortName(m float64) string {
	for _, e := range rekindle.EffortDistances {
		if e.DistanceM == m {
			return e.Name
		}
	}
	for _, s := range StandardRaces {
		if s.DistanceM == m {
			return s.Name
		}
	}
	for _, t := range trackDistances {
		if t.distanceM == m {
			return t.name
		}
	}
	return ""
}

// fitness is the running fitness, robust to a single fast reading:
//
//  1. the best race over a standard distance in the window, else in the
//     year (a race is the runner's real effort over a whole course; a fast
//     kilometre inside a training run cannot beat what the races say);
//  2. else the runs' best efforts of a kilometre or more in the window: the best
//     one that its own run backs up (the run was about as fast as the
//     effort, or hard by heart rate), or the best value that a second run
//     supports (the second highest), so one GPS glitch, bus ride or fast rep
//     does not set the paces;
//  3. the same over the year. A run over its whole distance counts as an
//     effort its run backs up (a summary-only history has no other);
//  4. with no race, the year's second best sustained run (sustainedRun)
//     is a floor under 2 and 3.
func (g *effortAgg) fitness() Fitness {
	if c, ok := g.bestRace(); ok {
		if c.endurance != nil {
			// A short race run fast at a race heart rate: its own VDOT for
			// the paces of speed work, the longer race's for what endurance
			// decides (speedRace).
			f := c.fitness("race", SurenessRace, "from a race: as sure as VDOT gets")
			f.limitByEndurance(*c.endurance)
			return f
		}
		if h, hok := g.hardLongRuns(c); hok {
			return h.fitness("hard_runs", SurenessTraining, hardRunsSaid)
		}
		if s, sok := g.sustainedOverGuesses(c); sok {
			return s.fitness("sustained_over_guess", SurenessTraining, guessSaid)
		}
		// c.v, not the effort's own: a race may run past effortVDOT's 4 hours.
		return c.fitness("race", SurenessRace, "from a race: as sure as VDOT gets")
	}
	g.runs, g.held = g.outpacing(g.runs), g.outpacing(g.held)
	f := g.trainingFitness()
	// The year's sustained runs are a floor under what the last months'
	// efforts say, as the year's best race is: a runner who ran 16 km at a
	// VDOT of 34 in June and only short easy runs since is not a VDOT 29
	// runner in December for want of a race. The floor is held to the
	// long runs as any short run is (longStandIn): a sustained 6 km far
	// above what every long run of the year says, with no heart rate to
	// back it, does not lift a VDOT the long runs set (real-12: 5.8 km at
	// VDOT 35 against his marathon of 24).
	// A floor set before a stop of months (sinceStop) is none: the
	// fitness it showed is gone (held-out real-78 2025-01-12).
	if s, ok := g.sustainedRun(); ok && s.v > f.VDOT && !g.cappedByLongRuns(s) && s.age < g.sinceStop() {
		f = s.fitness("sustained", SurenessTraining, trainingSaid)
	}
	return f
}

// fitness is the year's Fitness from candidate c at its own VDOT (c.v),
// with its basis, sureness and words.
func (c vdotCand) fitness(basis, sureness, said string) Fitness {
	b := c.ref.best()
	b.VDOT = c.v
	f := fitnessOf(b, 365)
	f.Basis = basis
	f.Sureness, f.Said = sureness, said
	return f
}

// limitByEndurance takes what endurance decides from the longer race e
// (speedRace): the predictions at distances more than raceCapLonger times
// the race's (a 5K's half and marathon) and marathon pace come from e's
// VDOT, the rest from the short race's; Endurance records e.
func (f *Fitness) limitByEndurance(e vdotCand) {
	if f.From == nil || e.v <= 0 || e.v >= f.VDOT {
		return
	}
	b := e.ref.best()
	b.VDOT = e.v
	f.Endurance = &b
	for i := range f.Predictions {
		p := &f.Predictions[i]
		if p.DistanceM >= raceCapLonger*f.From.DistanceM {
			p.VDOTS = EquivalentTime(e.v, p.DistanceM)
			p.RiegelS = Riegel(b.ElapsedS, b.DistanceM, p.DistanceM, RiegelExponent)
		}
	}
	if f.Paces != nil {
		f.Paces.M = TrainingPaces(e.v).M
	}
}

// hardRunsSaid is Fitness.Said for a VDOT from hard long runs (hardLongRuns).
const hardRunsSaid = "from your long runs at a race heart rate, which say more than the run taken for a race by its pace alone: a rough estimate"

// hardLongRuns returns the year's second best whole run of LongRunCheckM
// or more held at a race heart rate (raceHR), when the best race c was
// found by its effort alone on an ordinary day (pace or heart rate, not
// supported: no name, flag or mark, no race heart rate on a weekend
// morning) and says less than two such runs: a run taken for a race by its
// pace is one hard run among the runner's others, and two long runs held
// at a race effort, over twice its length or so, are lower bounds of the
// runner's VDOT that it cannot undercut (held-out real-28: a Monday
// afternoon 10K by pace at 37.5 against four December 20-21 km runs at
// HR 164-169, his top fifth 155, of 38.8-39.7, and an 18.8 km at HR 175 of
// 44.3). A longer race that caps what the run's length says still caps it.
func (g *effortAgg) hardLongRuns(c vdotCand) (vdotCand, bool) {
	if c.call.Supported() || c.call.Cue != CuePace && c.call.Cue != CueHR {
		return vdotCand{}, false
	}
	var in []vdotCand
	for _, l := range g.long {
		if l.raceHR && l.age < 365 {
			in = append(in, l)
		}
	}
	if len(in) < 2 {
		return vdotCand{}, false
	}
	h, _ := bestWithin(in, 365, 2)
	if h.v <= c.v {
		return vdotCand{}, false
	}
	for _, o := range g.races {
		if o.age < 365 && o.ref.dist >= raceCapLonger*h.runM && o.call.Caps() && o.v < h.v {
			return vdotCand{}, false
		}
	}
	return h, true
}

// guessSaid is Fitness.Said for a VDOT from sustained runs above races
// that were only guesses (sustainedOverGuesses).
const guessSaid = "from your sustained runs, which say more than the runs taken for races by their pace or distance alone (no name, no heart rate, not on a race morning): a rough estimate (a race or a time trial would pin it down)"

// sustainedOverGuesses returns the year's second best sustained run
// (sustainedRun) when it is above the best race c and every race of the
// year is a guess (RaceCall.Guess: found by its pace or distance alone,
// with no name, flag or mark, no heart rate recorded, off a weekend
// morning). With no heart rate at all, a run at a race's distance and a
// pace a little faster than usual, on a weekday evening or a Sunday
// afternoon, is as likely a tempo or a solo long run as a race, and what
// the runner's whole runs prove they sustain is the surer figure: a whole
// run is a lower bound of the VDOT, the second best so that no single run
// (a GPS cut, a ride filed as a run) sets it, and it is held to the long
// runs as any short run is (longStandIn: across distances, a short run far
// above every long run of the year does not count). Held-out real-52, a
// Helsinki runner with no heart rate: a Wednesday-evening 10 km in 51:35
// (38.6) and a solo Sunday-afternoon 42.2 km in 4:07:41 (36.5) were his
// "races" against 5 km runs at 4:20-4:30/km (second best 44.5).
func (g *effortAgg) sustainedOverGuesses(c vdotCand) (vdotCand, bool) {
	for _, o := range g.races {
		if o.age < 365 && !o.call.Guess() {
			return vdotCand{}, false
		}
	}
	s, ok := g.sustainedRun()
	if !ok || s.v <= c.v || g.cappedByLongRuns(s) {
		return vdotCand{}, false
	}
	return s, true
}

// cappedByLongRuns reports whether a long run of the year stands in for c
// (longStandIn).
func (g *effortAgg) cappedByLongRuns(c vdotCand) bool {
	_, ok := g.longStandIn(c)
	return ok
}

// sustainedMinS: a sustained run lasts as long as a 5K race of a good
// runner at least (20 minutes): the whole of it was held, no stretch
// picked out of it.
const sustainedMinS = 20 * 60

// sustainedRun is the second best of the year's whole runs of
// sustainedMinS or more by VDOT (a run over its whole distance and moving
// time is a lower bound of the runner's VDOT; the second best, so that one
// run alone, a GPS cut or a ride filed as a run, does not set it), false
// with fewer than two.
func (g *effortAgg) sustainedRun() (vdotCand, bool) {
	var in []vdotCand
	for _, c := range g.held {
		if c.ref.name == "run" && c.ref.elapsed >= sustainedMinS && c.age < 365 {
			in = append(in, c)
		}
	}
	if len(in) < 2 {
		return vdotCand{}, false
	}
	return bestWithin(in, 365, 2)
}

// sustainedStopDays: a stop of this many days or more without a run (of
// minRunVDOTEffortM or more) ends what the runs before it say of the
// runner's fitness of now: five months off lose much of it (Daniels takes
// a fifth or more off VDOT after eight weeks and more). Shorter stops keep
// the floor: a runner back from three or four months off on short easy
// runs is held to the year's sustained runs, not to the easy runs
// (TestSustainedRunsFloorTrainingVDOT, a 110-day gap; held-out real-21).
// The limit lies between those 110 days and real-78's 174.
const sustainedStopDays = 150

// sinceStop returns the age limit (days) of the runs after the year's last
// stop of sustainedStopDays or more between two whole runs (the runs
// younger than it), 365 with no such stop. A sustained floor (fitness)
// from a run older than that is dropped: held-out real-78's 6.7 km at
// 3:37/km of January 2024 kept his VDOT at 57 in January 2025, five and a
// half months off later, against 42 from the comeback's track 5 km.
func (g *effortAgg) sinceStop() int {
	ages := make([]int, 0, len(g.wholeRuns))
	for _, c := range g.wholeRuns {
		ages = append(ages, c.age)
	}
	slices.Sort(ages)
	for i := 1; i < len(ages); i++ {
		if ages[i]-ages[i-1] >= sustainedStopDays {
			return ages[i-1] + 1
		}
	}
	return 365
}

// trainingFitness is fitness from the training efforts alone: steps 2 and
// 3 of fitness.
func (g *effortAgg) trainingFitness() Fitness {
	for _, w := range []int{g.window, 365} {
		c, ok := bestWithin(g.runs, w, 2)
		if h, hok := bestWithin(g.held, w, 1); hok && (!ok || h.v > c.v) {
			c, ok = h, true
		}
		if ok {
			if l, lok := g.longStandIn(c); lok {
				b := l.ref.best()
				b.VDOT = l.v // a long run may run past effortVDOT's 4 hours
				f := fitnessOf(b, w)
				f.Basis = "long_run"
				f.Sureness, f.Said = SurenessTraining, trainingSaid
				return f
			}
			f := fitnessOf(c.ref.best(), w)
			f.Basis = "best_efforts"
			f.Sureness, f.Said = SurenessTraining, trainingSaid
			return f
		}
	}
	return Fitness{WindowDays: g.window}
}

// outpacing drops the training efforts in runs of LongRunCheckM or more
// that outpace every clearly shorter run of the year without heart rate to
// back them: no runner holds over a long way a speed they never reach over
// a short one, so such an effort
// is a ride or a drive filed as a run (a rider's 25 km "run" at 3:34/km
// beside their real 5 km runs at 5:00–6:00/km), however many of them
// there are (the second-best rule only guards against one). It needs
// outpaceMinShorter shorter runs to compare with.
func (g *effortAgg) outpacing(cs []vdotCand) []vdotCand {
	var out []vdotCand
	for _, c := range cs {
		if c.hard || c.age >= 365 || c.runM < LongRunCheckM {
			out = append(out, c)
			continue
		}
		speed := c.ref.dist / c.ref.elapsed
		n, faster := 0, false
		for _, s := range g.wholeRuns {
			if s.age < 365 && s.runM <= c.runM/raceCapLonger {
				n++
				faster = faster || s.ref.dist/s.ref.elapsed >= speed
			}
		}
		if n < outpaceMinShorter || faster {
			out = append(out, c)
		}
	}
	return out
}

// outpaceMinShorter: the shorter runs outpacing needs.
const outpaceMinShorter = 3

// FoundWords says in words how the VDOT was found, for a why: "from your
// race of 17 Jun 2025", "from your hardest 10K-length run of the last year
// (12 Jan 2023), with no race result: a rough figure". Distances are named
// as race lengths, so the only numbers in it are the date's. "" without a
// VDOT.
func (f Fitness) FoundWords() string {
	if f.VDOT <= 0 || f.From == nil {
		return ""
	}
	day := f.From.Date
	if t, err := time.Parse(time.DateOnly, f.From.Date); err == nil {
		day = t.Format("2 Jan 2006")
	}
	if f.Basis == "race" {
		return "from your race of " + day
	}
	if f.Basis == "hard_runs" {
		return "from your second-best long run at a race heart rate of the last year (" + day + "), above your race found by its pace alone: a rough figure"
	}
	if f.Basis == "sustained_over_guess" {
		return "from your second-best sustained run of the last year (" + day + "), above the runs taken for races by their pace or distance alone: a rough figure"
	}
	if f.Basis == "sustained" {
		return "from your second-best sustained run of the last year (" + day + "), with no race result: a rough figure"
	}
	span := "of the last year"
	if f.WindowDays < 365 {
		span = "of the last three months"
	}
	what := "hardest " + lengthWords(f.From.DistanceM) + " run"
	if f.From.Name != "run" {
		what = "fastest " + lengthWords(f.From.DistanceM) + " stretch of a run"
	}
	return "from your " + what + " " + span + " (" + day + "), with no race result: a rough figure"
}

// lengthWords names a distance by the race length it is nearest to.
func lengthWords(m float64) string {
	switch {
	case m < 3500:
		return "short"
	case m < 7500:
		return "5K-length"
	case m < 12500:
		return "10K-length"
	case m < 18000:
		return "15K-length"
	case m < 30000:
		return "half-marathon-length"
	}
	return "long"
}

// Fitness.Sureness values.
const (
	SurenessRace     = "sure"
	SurenessTraining = "rough"
)

// trainingSaid is Fitness.Said for a VDOT from training runs.
const trainingSaid = "from training runs, with no race in the last year: a rough estimate, likely below what you would race (a race or a time trial would pin it down)"

// bestRace is the race of the year that says most about the runner's
// fitness, checked across distances: a race cannot beat what every clearly
// longer race of the year says (more than twice its distance), so
// when the best of those longer races has a lower VDOT, that longer race
// stands in for it (a marathoner short of endurance races 5K well above
// their marathon VDOT; the marathon is what paces and predictions must
// respect). A shorter race backed by a name or a race heart rate is capped
// only by a longer race that RaceCall.Caps (named, or a race heart rate on
// a weekend morning): a long run recognised by its pace may have been a
// tempo run. A race the runner named is not capped by a longer race found
// by its distance alone (CueDistance: no pace or heart rate shows it was
// raced; held-out real-44's named relay leg under a 22.4 km Sunday run with
// no heart rate, 36.9 against 42.0). Nor is a race that both its pace and
// its heart rate show was raced, on a weekend morning (RaceCall.Raced),
// capped by the runner's first race at a length, unnamed and at an everyday
// heart rate (RaceCall.EnduranceOnly), that fell a fifth or more below it
// (enduranceGapShare): the first marathon measured how far their endurance
// carried them, not how fast they are (held-out real-48: a Sunday 07:01 10K
// in 53:21 at HR 173, 20% faster than his usual, under a first marathon of
// 5:24:37 at HR 159 and a first 30 km long run: 37.1 against 26.0). The
// highest VDOT then wins, the more recent on a tie.
func (g *effortAgg) bestRace() (vdotCand, bool) {
	var best vdotCand
	found := false
	for _, c := range g.races {
		if c.age >= 365 {
			continue
		}
		var longer, jogged vdotCand
		for _, o := range g.races {
			if o.age >= 365 || o.ref.dist < raceCapLonger*c.ref.dist {
				continue
			}
			if joggedFirstMarathon(c, o) {
				// Not a cap: what endurance decides (below).
				if jogged.v == 0 || o.v < jogged.v {
					jogged = o
				}
				continue
			}
			if (o.call.Caps() || !c.call.Supported()) && !(c.call.Named() && o.call.Cue == CueDistance) &&
				!(c.call.Raced() && o.call.EnduranceOnly() && o.v < enduranceGapShare*c.v) && !everydayCap(c, o) && !unracedCap(c, o) && !effortOnlyCap(c, o) && !hrGapCap(c, o) && (longer.v == 0 || o.v > longer.v || o.v == longer.v && o.age < longer.age) {
				longer = o
			}
		}
		if longer.v > 0 && longer.v < c.v {
			if speedRace(c, longer) {
				l := longer
				c.endurance = &l
			} else {
				c = longer
			}
		}
		if jogged.v > 0 && jogged.v < c.v && c.endurance == nil {
			c.endurance = &jogged
		}
		if !found || c.v > best.v || c.v == best.v && c.age < best.age {
			best, found = c, true
		}
	}
	return best, found
}

// speedRace reports whether the short race c keeps its own VDOT above the
// longer race o that would cap it: a race the runner named (a race word,
// the source's flag or their mark) AND ran at a race heart rate by their
// own measure (RaceCall.RaceHR), at a standard distance of 10K or less
// (speedRaceMaxM), no more than a quarter above what the longer race says
// (speedRaceGap). Daniels' tables are per race: such a race is how fast
// the runner is now, and the paces of speed work (intervals, repetitions,
// threshold) are theirs; a young or speed-first runner races 5K well above
// what their endurance carries over a marathon (held-out real-61, a
// student: the school sports-meet 5000 m of 24 Apr 2024 in 20:01 at heart
// rate 198, "校运会5000m", 49.8, against his half of ten days before at
// 43.5). What endurance decides — the half and marathon predictions,
// marathon pace — still comes from the longer race (Fitness.Endurance,
// limitByEndurance). The cap keeps guarding what it is for: a fast
// stretch, a GPS glitch, a tempo run taken for a race by its pace, an
// unnamed race, a named one at an everyday heart rate or without heart
// rate, a race far above every longer one (a short course, a mislabelled
// ride); and a short race older than a year counts for nothing.
func speedRace(c, o vdotCand) bool {
	return c.call.Named() && c.call.RaceHR && !c.call.NoVDOT && c.call.StandardM > 0 && c.call.StandardM <= speedRaceMaxM &&
		c.v <= o.v*speedRaceGap
}

// speedRaceMaxM: the longest standard race whose VDOT speedRace keeps above
// a longer race's (the 10K: from the half on, endurance is most of a
// race).
const speedRaceMaxM = 10000

// speedRaceGap: speedRace keeps a short race's VDOT at most this factor
// above the longer race's. Recreational runners' marathons fall a few per
// cent short of their 5K-10K; a young runner's by 10-15% (real-61: 49.8
// against 43.5, 1.14); a quarter above (the reverse of enduranceGapShare)
// is a short course or a faulty record, not speed.
const speedRaceGap = 1 / enduranceGapShare

// everydayCap reports whether the longer race o, run at the runner's
// everyday heart rate (RaceCall.EverydayHR) everydayCapGapDays or more
// before the shorter race c, would cap c where c's heart rate and pace both
// show it was raced (RaceHR and Fast, on any day): a half jogged at the
// everyday effort months before says how fit the runner was then and how
// hard they ran it, not how fast they race now (held-out real-53: the
// "10km" of Saturday 19 Nov 2022 in 38:52 at HR 178, 17% faster than his
// usual, under the "Semi" of 6 Mar 2022 in 1:33:40 at HR 154, his everyday
// level: 48.7 against 53.7). Nor does a race found by its distance alone
// (RaceCall.Effortless) at an easy heart rate (RaceCall.EasyHR) and
// shorter than a marathon, on any date: a half's length on a weekend at an
// easy heart rate is a long run (real-53's Saturday 22.0 km of 3 Dec 2022
// in 1:45:32 at HR 139). A marathon still caps either way: running one at
// all is the endurance result the cap is for (held-out real-14's and
// real-21's marathons, jogged months before a weekday 10K). A longer race after the shorter one at an
// everyday heart rate, or raced, or with no heart rate, still caps
// (real-48's marathon after his 10K).
func everydayCap(c, o vdotCand) bool {
	if !c.call.RaceHR || !c.call.Fast {
		return false
	}
	return o.call.StandardM < marathonM && (o.call.EverydayHR && o.age-c.age >= everydayCapGapDays || o.call.Effortless() && o.call.EasyHR)
}

// unracedCap reports whether the longer race o showed nothing of a race's
// effort but a name or a pace — no heart rate recorded — and falls so far
// under the shorter race c, which the runner named, that it was not raced:
// then it caps nothing (it stays a race day, and its own VDOT a
// candidate). An endurance deficit keeps a runner's long races within
// about a fifth of their short ones (enduranceGapShare; a young runner's
// half 14% under his 5000 m: held-out real-61). A longer run taken for a
// race by its pace or distance alone, off a weekend morning (RaceCall.Guess:
// as likely a hard long run), caps a named race only within that gap
// (held-out real-67's Sunday-afternoon 21.3 km "Back" at 4:11/km, 51.6,
// capped his "National 1500m" of 4:09, 67.2, against a 5 km time trial's
// 63.7; real-65's Friday 21.6 km at 4:10/km, 52.4, his 10,000 m of 31:43).
// A longer race named a race caps it within two such gaps
// (unracedGapShare: a first marathon run steadily is a result; held-out
// real-67's Tuesday "Marathon", a 72-hour charity event, 43.3 km at
// 5:26/km, 38.9, is not). A longer race with heart rate is judged by it
// (everydayCap, EnduranceOnly), one on a weekend morning by the rules above.
func unracedCap(c, o vdotCand) bool {
	if !c.call.Named() || o.call.RaceHR || o.call.EverydayHR {
		return false
	}
	switch {
	case o.call.Cue == CueName && !o.call.Fast:
		return o.v < unracedGapShare*c.v
	case o.call.Guess():
		return o.v < enduranceGapShare*c.v
	}
	return false
}

// effortOnlyCap reports whether the longer race o, shorter than a marathon,
// was found by its effort alone (its pace or heart rate: RaceCall.Cue
// CuePace or CueHR) with nothing to back it (RaceCall.Supported: no name,
// flag or mark, and not a race heart rate on a weekend morning), on a
// weekday (road races are held on weekends), at a length the runner had
// run before (not RaceCall.FirstAtLength), while the shorter race c was
// raced by every measure (RaceCall.Raced: a race's pace and heart rate on
// a weekend morning): such an o is a hard or fast long run of the runner's
// training, a lower bound of their VDOT, and it does not cap a race they
// did run. Held-out real-94 2026-03-22: a Thursday-afternoon 31.8 km at
// 4:21/km and HR 155 in a marathon build of 30-32 km long runs, read as a
// 30K race by its pace (48.0), capped his 10 km race of Saturday morning
// 21 Mar 2026 in 35:37 at HR 173 (59.5), and his VDOT fell to 48.7 the day
// after it. A longer race found by its distance (CueDistance), one named,
// flagged or marked, one at a race heart rate on a weekend morning, a
// marathon by any cue, a race on a weekend however late (held-out real-50's
// Saturday-evening half of 18 May 2024 at HR 164, his first at the length,
// caps his Sunday-morning 5K) and one the runner's first at its length
// still cap; so does any such o over a shorter race only named, with no
// race heart rate shown (held-out real-67: a guessed half within an
// endurance gap caps his named 1500 m,
// TestGuessedLongRaceCapsANamedRaceWithinAGap).
func effortOnlyCap(c, o vdotCand) bool {
	if !c.call.Raced() || o.call.Supported() || o.call.Cue != CuePace && o.call.Cue != CueHR ||
		o.call.StandardM >= marathonM || o.call.FirstAtLength {
		return false
	}
	wd := time.Unix(int64(o.ref.day)*86400, 0).UTC().Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// hrGapCap reports whether the longer race o, shorter than a marathon and
// found by its effort alone (RaceCall.Cue CuePace or CueHR: no name, flag
// or mark) at a race's pace (RaceCall.Fast) and a race heart rate by the
// long-race measure (RaceCall.RaceHR: over 90 minutes a lower share of the
// maximum counts, raceHRLongShare), was run at a mean heart rate so far
// under the shorter race c's that it was not raced all-out, while c's
// heart rate and pace both show it was raced (RaceHR and Fast, on any
// day): then o is a hard long run or a race run within the runner's
// means, it says how hard they ran it, not how fast they race, and it
// does not cap c. A race's heart rate falls with its length, by a few per
// cent for each doubling of the distance (Daniels: about 92-94% of the
// maximum over 10K, 88-90% over a half); o falls short when it lies more
// than hrGapPerDoubling under c's for each doubling of distance between
// them. Held-out real-89: a 10 km race of Saturday 3 May 2025 in 39:37 at
// heart rate 172 (52.5) under a Sunday half of 15 Jun in 1:41:30 at 161
// (44.4; his 10K predicts 1:27), his 10 km of May 2023 at 174 (51.7) under
// a hilly 30 km cross-country race at 155 (41.9), and his 10 km of May
// 2024 at 175 (50.2) under a Saturday half of April 2025 at 160 (40.9). A
// marathon still caps (everydayCap: running one at all is the endurance
// result the cap is for), and so do a longer race with no heart rate, one
// the runner named, and one at an everyday heart rate or without a race's
// pace: everydayCap judges those (within 90 days they cap,
// TestEverydayLongerRaceCapsNoRacedShortRace).
func hrGapCap(c, o vdotCand) bool {
	if !c.call.RaceHR || !c.call.Fast || c.hr <= 0 || o.hr <= 0 || o.call.Cue != CuePace && o.call.Cue != CueHR || !o.call.Fast || !o.call.RaceHR ||
		o.call.StandardM >= marathonM || o.ref.dist <= c.ref.dist {
		return false
	}
	doublings := math.Log2(o.ref.dist / c.ref.dist)
	return o.hr < c.hr*(1-hrGapPerDoubling*doublings)
}

// joggedFirstMarathon reports whether the longer race o was the runner's
// first marathon (RaceCall.FirstAtLength: no earlier run of theirs came
// near its length), run at their everyday heart rate (RaceCall.EverydayHR:
// measured, and under a race effort by their own measure), named or not,
// and fell a fifth or more under the shorter race c (enduranceGapShare),
// while c's heart rate and pace both show c was raced (RaceHR and Fast, on
// any day). Such a marathon measured how far the runner's endurance
// carried them at an easy effort, not how fast they race: it caps not c's
// VDOT, and it sets what endurance decides (Fitness.Endurance: the
// predictions from twice c's distance and marathon pace), as speedRace's
// longer race does. Held-out real-89: the 10 km "Lundaloppet" of Saturday
// 3 May 2025 in 39:37 at heart rate 172 (52.5) under his first marathon of
// 12 Oct 2025, "marathon 2025", in 4:07:15 at 138, his median heart rate
// (36.5); held-out real-50: a Saturday 10 km of 21 Jun 2025 at 174 (41.5)
// under his first marathon of 6 Apr at 156 (30.2). The unnamed first
// marathon under a race raced on a weekend morning is RaceCall.EnduranceOnly's
// older rule (real-48), which also holds when the heart rate is unknown. A
// marathon the runner had run before still caps (held-out real-14's and
// real-21's marathons, jogged months before a weekday 10K: everydayCap), and
// so does a first marathon at a race heart rate, one within a fifth of the
// shorter race, and a first run of a shorter length at an everyday heart
// rate (a long Saturday run: TestEverydayLongerRaceCapsNoRacedShortRace).
func joggedFirstMarathon(c, o vdotCand) bool {
	return c.call.RaceHR && c.call.Fast && o.call.StandardM >= marathonM && o.call.FirstAtLength && o.call.EverydayHR &&
		o.v < enduranceGapShare*c.v
}

// hrGapPerDoubling: a race's mean heart rate falls about 3-4% of the
// shorter race's for each doubling of the distance (10K to half: 92-94% to
// 88-90% of the maximum); hrGapCap allows 5% a doubling before it judges
// the longer race not raced (real-89's half 6.4% under his 10K).
const hrGapPerDoubling = 0.05

// unracedGapShare: two endurance gaps (enduranceGapShare squared, 0.64).
const unracedGapShare = enduranceGapShare * enduranceGapShare

// everydayCapGapDays: a training block (about three months) between an
// everyday-effort longer race and a raced shorter one.
const everydayCapGapDays = 90

// enduranceGapShare: a first race at a length (RaceCall.EnduranceOnly)
// whose VDOT is under this share of a shorter race's ran out of endurance,
// not speed: a fifth below is a marathon some 20% slower than the shorter
// race's equivalent (real-48: 5:24:37 against 4:04 for his 10K's VDOT of
// 37.1), beyond the few per cent by which recreational runners' marathons
// fall short of their shorter races (Vickers & Vertosick 2016, docs/science.md §6).
const enduranceGapShare = 0.8

// raceCapLonger: a race more than twice as long as another caps the
// other's VDOT (a half marathon caps a 10K, a 10K does not cap a 5K nor a
// marathon a half: between neighbouring distances Daniels' equivalence holds,
// further apart endurance decides).
const raceCapLonger = 2.05

// bestWithin returns the rank-th highest VDOT among the candidates younger
// than days (the highest when there are fewer than rank).
func bestWithin(cs []vdotCand, days, rank int) (vdotCand, bool) {
	var in []vdotCand
	for _, c := range cs {
		if c.age < days {
			in = append(in, c)
		}
	}
	if len(in) == 0 {
		return vdotCand{}, false
	}
	slices.SortStableFunc(in, func(a, b vdotCand) int {
		if c := cmpFloat(b.v, a.v); c != 0 {
			return c
		}
		return a.age - b.age
	})
	return in[min(rank, len(in))-1], true
}

func (g *effortAgg) result() ([]BestEffort, []SeasonBests) {
	seasons := make([]SeasonBests, 0, len(g.seasons))
	for y, s := range g.seasons {
		if l := s.list(); len(l) > 0 {
			seasons = append(seasons, SeasonBests{Season: y, Efforts: l})
		}
	}
	slices.SortFunc(seasons, func(a, b SeasonBests) int { return b.Season - a.Season })
	return g.all.list(), seasons
}

// BestEfforts returns the best effort per distance over all the runs, and per
// season (calendar year in loc), newest season first.
func BestEfforts(acts []*rekindle.Activity, loc *time.Location) (allTime []BestEffort, seasons []SeasonBests) {
	g := newEffortAgg(0, 0)
	for _, a := range acts {
		t := a.Start.In(loc)
		y, m, d := t.Date()
		g.addActivity(a, civilDay(y, m, d), y)
	}
	return g.result()
}

// Prediction is an equivalent race time by two methods, side by side.
type Prediction struct {
	Name      string  `json:"name"` // "5k", "10k", "half", "marathon"
	DistanceM float64 `json:"distance_m"`
	VDOTS     float64 `json:"vdot_s"`   // Daniels' equivalent time
	RiegelS   float64 `json:"riegel_s"` // Riegel (exponent 1.06) from the same effort
	// Note explains a prediction slower than the runner's best at that
	// distance (an older best, from fitter days); "" otherwise.
	Note string `json:"note,omitempty"`
	// BestS and BestDate (YYYY-MM-DD) are the best the note compares with.
	BestS    float64 `json:"best_s,omitempty"`
	BestDate string  `json:"best_date,omitempty"`
}

// PredictionDistances are the races rekindle predicts.
var PredictionDistances = []struct {
	Name      string
	DistanceM float64
}{{"5k", 5000}, {"10k", 10000}, {"half", 21097.5}, {"marathon", 42195}}

// Fitness is the runner's current running fitness from their best recent
// efforts: VDOT, equivalent race times and training paces.
type Fitness struct {
	VDOT float64 `json:"vdot"` // 0 when no effort qualifies
	// From is the effort that gave the VDOT: a race's time over its
	// distance, or a run's best effort (see Basis).
	From *BestEffort `json:"from,omitempty"`
	// Basis says how it was chosen: "race" (the best race over a standard
	// distance), "best_efforts" (the second best run's best effort of a kilometre
	// or more: one reading alone does not set the paces), "long_run" (the
	// best run of 15 km or more of the year, standing in for short runs far
	// faster than any long run says, without heart rate to back them),
	// "sustained" (with no race, the year's second best whole run of 20
	// minutes or more, when it is above what the efforts say), "hard_runs"
	// (the year's second best run of 15 km or more at a race heart rate,
	// above a best race found by its pace alone), "sustained_over_guess"
	// (the year's second best whole run of 20 minutes or more, above races
	// that were all guesses by pace or distance with no heart rate:
	// effortAgg.sustainedOverGuesses), "" when none.
	Basis string `json:"basis,omitempty"`
	// Sureness says in a word how far to trust the VDOT: "sure" from a
	// race, "rough" from training runs (a training run is run below race
	// effort, so the figure is likely below what the runner would race).
	// Said is the same in a sentence. Both "" when there is no VDOT.
	Sureness    string       `json:"sureness,omitempty"`
	Said        string       `json:"said,omitempty"`
	WindowDays  int          `json:"window_days"` // how far back efforts were considered
	Predictions []Prediction `json:"predictions,omitempty"`
	Paces       *Paces       `json:"paces,omitempty"`
	// Endurance is, when the VDOT is a short race's run fast at a race
	// heart rate above a longer race of the year (effortAgg.bestRace,
	// speedRace), that longer race at its own VDOT: the predictions for
	// distances over twice the race's and marathon pace come from it
	// (endurance, not speed, decides them). nil otherwise.
	Endurance *BestEffort `json:"endurance,omitempty"`
}

// FitnessFrom computes VDOT from the best effort (highest VDOT) dated within
// the windowDays before asOf (inclusive); if none qualifies, within the year
// before. Efforts in training runs understate fitness, which is why the best
// one counts.
func FitnessFrom(efforts []BestEffort, asOf string, windowDays int) Fitness {
	for _, w := range []int{windowDays, 365} {
		from := addDays(asOf, -(w - 1))
		var best *BestEffort
		for i := range efforts {
			e := &efforts[i]
			if e.VDOT <= 0 || e.Date < from || e.Date > asOf {
				continue
			}
			if best == nil || e.VDOT > best.VDOT {
				best = e
			}
		}
		if best == nil {
			continue
		}
		return fitnessOf(*best, w)
	}
	return Fitness{WindowDays: windowDays}
}

// fitnessOf is the running fitness of one effort with a VDOT.
func fitnessOf(b BestEffort, w int) Fitness {
	f := Fitness{VDOT: b.VDOT, From: &b, WindowDays: w}
	for _, d := range PredictionDistances {
		f.Predictions = append(f.Predictions, Prediction{
			Name: d.Name, DistanceM: d.DistanceM,
			VDOTS:   EquivalentTime(b.VDOT, d.DistanceM),
			RiegelS: Riegel(b.ElapsedS, b.DistanceM, d.DistanceM, RiegelExponent),
		})
	}
	p := TrainingPaces(b.VDOT)
	f.Paces = &p
	return f
}

// EffectiveVO2max is Runalyze's per-run estimate from average heart rate and
// speed: %VO2max = e^((HR/HRmax − 1.00466)/0.68725), and the oxygen cost of
// the speed scaled to 100 %. 0 when it cannot be computed.
func EffectiveVO2max(avgSpeedMS, avgHR, maxHR float64) float64 {
	if !plausible(avgSpeedMS, maxRunSpeedMS) || !plausible(avgHR, 255) || !plausible(maxHR, 255) {
		return 0
	}
	pct := math.Exp((avgHR/maxHR - 1.00466) / 0.68725)
	v := avgSpeedMS * 60 / pct
	return oxygenCost(v)
}

func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
