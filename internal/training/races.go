package training

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rekindle"
)

// RaceRun is what recognising a race needs to know about one run. Both the
// training picture (VDOT from races) and the spark engine (weeks since the
// last race, goals) call RecogniseRace on it, so they agree on what a race is.
type RaceRun struct {
	Name      string
	DistanceM float64
	MovingS   float64
	Start     time.Time // in the runner's time zone
	AvgHR     float64   // 0 when unknown
	// Flag is true when the source marked the run a race (a Strava workout
	// type, a race template).
	Flag bool
	// Mark is the runner's own call, which overrides everything: true for a
	// race, false for not a race, nil when they did not say.
	Mark *bool
	// AscentM is the run's climbing, 0 when unknown or flat: on a
	// climb-heavy run the pace says how steep the way was, not how hard it
	// was run.
	AscentM float64
	// Trail is true when the source typed the run a trail run
	// (rekindle.SportTrailRunning).
	Trail bool
	// Treadmill is true when the source typed the run a treadmill or
	// virtual run (rekindle.SportTreadmill): no road race is run indoors.
	Treadmill bool
}

// WithSport returns r with what its source's sport says of it (Trail,
// Treadmill): the one reading the training picture and the spark share.
func (r RaceRun) WithSport(sport rekindle.Sport) RaceRun {
	r.Trail, r.Treadmill = sport == rekindle.SportTrailRunning, sport == rekindle.SportTreadmill
	return r
}

// TrailUnmeasured reports whether the run was typed a trail run and its
// climbing is unknown (a summary with no elevation): its time cannot be
// read as flat running, for all anyone knows it climbed a mountain.
func (r RaceRun) TrailUnmeasured() bool { return r.Trail && r.AscentM <= 0 }

// ClimbHeavy reports whether the run's pace cannot be compared with flat
// running: ClimbHeavyMPerKm of climbing per kilometre or more. (A file's
// "trail" type says nothing of the climbing: some runners type every run so.)
func (r RaceRun) ClimbHeavy() bool {
	return r.DistanceM > 0 && r.AscentM/(r.DistanceM/1000) >= ClimbHeavyMPerKm
}

// ClimbHeavyMPerKm: 25 m of climbing per km (a 5% grade up half the way)
// slows an even effort by a tenth or more; hilly road races stay under it.
const ClimbHeavyMPerKm = 25

// RaceCall is the verdict on one run, with the reason in words.
type RaceCall struct {
	Race   bool
	Reason string // "named a race", "10K distance, 9% faster than your usual pace"…
	// StandardM is the nominal distance of the standard race it matched (0
	// when none): GPS over-measures races, the nominal distance is the true one.
	StandardM float64
	// Nominal is the standard race's name ("5K", "half marathon"), "" when none.
	Nominal string
	// NoVDOT is set for a race whose time says more about its climbing
	// than about flat running (a climb-heavy race, or one typed a trail
	// race whose climbing is unknown): it sets no VDOT.
	NoVDOT bool
	// Cue is what made it a race: CueMark, CueFlag, CueName, CueHR (heart
	// rate near the maximum), CuePace (faster than the runner's usual),
	// CueDistance (a race distance on a weekend, far longer than the usual
	// run, with no effort shown), CueUltra; "" when it is no race.
	Cue string
	// RaceHR is true when the run's mean heart rate shows a race effort
	// against the runner's own: their hardest fifth of runs (HighHR) or
	// raceHRShare of their own maximum (raceHRLongShare over 90 minutes).
	RaceHR bool
	// RaceMorning is true when the run started on a weekend morning
	// (6-11 h), when road races start.
	RaceMorning bool
	// EverydayHR is true when the run's mean heart rate is known and under
	// a race effort by the runner's own measure (raceHR false), however the
	// run was recognised (a named half run at the runner's everyday heart
	// rate was not raced all-out).
	EverydayHR bool
	// EasyHR is true when the run's mean heart rate is known and
	// easyLongHRBelow or more under the runner's usual (hrEasy).
	EasyHR bool
	// Fast is true when the run's pace showed a race effort: at least
	// raceFasterShare of the runner's usual speed at the distance (a
	// weekend morning's smaller margin is not enough). Set only for races
	// found by their effort, not for named, flagged or marked ones.
	Fast bool
	// FirstAtLength is true when the runner had never run this far before:
	// no earlier run of theirs reached firstLengthShare of its distance
	// (recogniseRacesWith; a first marathon).
	FirstAtLength bool
}

// Named reports whether the race was recognised by the runner's mark,
// the source's flag or a word of its name.
func (c RaceCall) Named() bool {
	return c.Race && (c.Cue == CueMark || c.Cue == CueFlag || c.Cue == CueName)
}

// Supported reports whether the race's result is backed by more than its
// pace: a name, a flag or the runner's mark, or a race heart rate on a
// weekend morning, when road races start. A run recognised by its pace
// alone, or at an everyday heart rate, or on a weekday or an evening, may
// have been a tempo or long run.
func (c RaceCall) Supported() bool { return c.Named() || c.Race && c.RaceHR && c.RaceMorning }

// Guess reports whether the race is only the engine's guess from the run's
// pace or distance (CuePace, CueDistance): no name, flag or mark, no heart
// rate recorded (neither RaceHR nor EverydayHR), and not started on a
// weekend morning (RaceMorning), when road races start. Such a "race" may
// as well be a tempo run or a solo long run (effortAgg.sustainedOverGuesses).
func (c RaceCall) Guess() bool {
	return c.Race && (c.Cue == CuePace || c.Cue == CueDistance) && !c.RaceHR && !c.EverydayHR && !c.RaceMorning
}

// Caps reports whether the race's time may cap what a shorter supported
// race says (effortAgg.bestRace): a supported race does, and so does any
// race of a half marathon or longer (an endurance deficit shows there: a
// first or slow marathon is a race all the same, and a runner's shorter
// "races" by pace are as often tempo runs; held-out real-26, real-35). A
// 15K or 10 miles recognised by its pace alone, or at an everyday heart
// rate, or on a weekday or an evening, is the length of a tempo or steady
// long run and says nothing of how fast the runner races 5K (held-out
// real-49: an unnamed 16.1 km at 4:11/km on a Saturday night capped his
// 5K races of 18:13-18:20, 50.8 against 55.5). A shorter race that is not
// supported is capped by any longer race, as before: a tempo run taken
// for a 5K is what the cap guards against.
func (c RaceCall) Caps() bool { return c.Supported() || c.Race && c.StandardM >= halfM }

// RaceCall.Cue values.
const (
	CueMark     = "mark"
	CueFlag     = "flag"
	CueName     = "name"
	CueHR       = "heart_rate"
	CuePace     = "pace"
	CueDistance = "distance"
	CueUltra    = "ultra"
)

// Effortless reports whether the race was recognised by its distance and
// day alone (CueDistance): nothing says it was run hard, so its time is a
// long run's, not a result that caps what shorter races say.
func (c RaceCall) Effortless() bool { return c.Race && c.Cue == CueDistance }

// Raced reports whether both the pace and the heart rate of the race, on a
// weekend morning, show it was run all-out: a race heart rate (RaceHR) on
// a weekend morning (RaceMorning) at a race's pace (Fast).
func (c RaceCall) Raced() bool { return c.Race && c.RaceHR && c.RaceMorning && c.Fast }

// EnduranceOnly reports whether the race was the runner's first time at
// its length (FirstAtLength), unnamed and not run at a race heart rate:
// such a first marathon says how far the runner's endurance carried them,
// not how fast they are, and caps no shorter race that was Raced
// (effortAgg.bestRace).
func (c RaceCall) EnduranceOnly() bool { return c.Race && c.FirstAtLength && !c.Named() && !c.RaceHR }

// firstLengthShare: a run is the runner's first at its length when no
// earlier run of theirs reached this share of its distance (a marathon:
// no earlier run of 38 km; a marathon build's longest runs of 30-35 km do
// not make the marathon a distance they know).
const firstLengthShare = 0.9

// RaceContext is what the runner's other runs say: their typical speed at
// the distance and their maximum heart rate.
type RaceContext struct {
	TypicalSpeedMS float64 // median speed of their usual runs of about that distance; 0 unknown
	MaxHR          float64 // 0 unknown
	// TypicalHR is the median mean heart rate of their runs, 0 unknown: a
	// race by heart rate must stand out from it too (a runner whose every
	// run reads near the maximum races none of them).
	TypicalHR float64
	// TypicalDistanceM is the median distance of their runs, 0 unknown: a
	// half marathon or longer at several times that is an event, not a run.
	TypicalDistanceM float64
	// LongestBeforeM is the longest run of the LongestBeforeDays days before
	// this one: a distance the runner covers every week or two in training
	// is a long run, not an event.
	LongestBeforeM float64
	// SecondLongestBeforeM is the second longest run of those days: one
	// tune-up long run before a half (a 20 km three weeks out) does not
	// make the half a long run, a weekly habit of the distance does.
	SecondLongestBeforeM float64
	// RecentHR is the median mean heart rate of the runs of the
	// LongestBeforeDays days before this one, 0 with fewer than 3: the
	// usual of now, when the two years' usual is another season's.
	RecentHR float64
	// RecentLongSpeedMS is the median speed of the runs of the
	// LongestBeforeDays days before this one that were at least
	// RecentLongShare of its distance, 0 when there were none: the
	// runner's usual long-run effort of now.
	RecentLongSpeedMS float64
	// RecentLongRuns is how many runs of the LongestBeforeDays days before
	// this one, of any kind, were at least RecentLongShare of its distance:
	// three or more are a habit of long runs about this one's length.
	RecentLongRuns int
	// LongBlockHR and LongBlockSpeedMS are the median mean heart rate and
	// speed of the runner's long runs of its kind of the LongBlockDays
	// before this one, each at least LongBlockShare of its distance and
	// with a heart rate; 0 with fewer than longBlockRuns (LongBlock).
	LongBlockHR, LongBlockSpeedMS float64
	// LongerEquivS is the best time at this run's distance that the runs
	// of the LongestBeforeDays days before it, at least TempoLongerShare of
	// its distance long, are worth by Riegel (0 when there were none): what
	// the runner's training already showed over longer runs.
	LongerEquivS float64
	// Annual is true when the runner ran the same standard distance on a
	// weekend on about the same date of an earlier year (AnnualRepeat): an
	// event that comes back each year, not a long run on a whim.
	Annual bool
	// TypicalAsideMS is TypicalSpeedMS measured without the runs of the
	// run's own day (PaceBook.TypicalAside), 0 unknown (TypicalSpeedMS
	// stands in): whether the run is one of the runner's at all ("not a run
	// of yours") is judged against it, so a ride filed as runs does not set
	// its own usual. (The effort is judged against TypicalSpeedMS: a
	// runner's only half of the year is its own usual long run.)
	TypicalAsideMS float64
	// SameDayOutpaced is true when a run of the same day, about as long,
	// was no run of the runner's (PaceBook.SameDayOutpaced): legs of one
	// ride or drive.
	SameDayOutpaced bool
	// HRUnsupported is true when the run was faster than its heart rate
	// carries (PaceBook.HRUnsupported): a recording fault, not an effort.
	HRUnsupported bool
	// MeasuredMaxHR is MaxHR when the runner set it or their files show
	// it, 0 when MaxHR is a population default or unknown: a heart rate
	// is judged against it as a share only when it is the runner's own
	// (paceHRLow).
	MeasuredMaxHR float64
	// HighHR is the mean heart rate the runner's hardest fifth of runs
	// reach (PaceBook.HighHR), 0 unknown: a long run under it was run at
	// an everyday effort (habitLongRun).
	HighHR float64
	// RecentAsFast is how many runs of the RecentPaceDays days before the
	// run's day, of its kind and about its distance, were at least about as
	// fast (AsFastBefore): the runner's own pace at the distance lately.
	RecentAsFast int
	// LabelRuns is how many runs of the LabelDays before the run's day
	// carry its name's label (NameLabel: the same words around another or
	// the same distance), when those runs name LabelMinTokens distances or
	// more, or how many carry its very name when it is a weak race word's
	// with no distance and titles defaultNameShare of them (an app's
	// default title, "Corrida"; LabelRunsOf); 0 otherwise.
	LabelRuns int
	// YearAtDistance is how many runs of the RoutineDays days before the
	// run's day, of its kind, were about its distance (asFastShort to
	// asFastLong of it), and YearNearPace how many of those reached
	// routineNearShare of its speed (NearPaceBefore): whether the run's
	// pace is the runner's routine at the distance (RoutinePace).
	YearAtDistance, YearNearPace int
	// SameDayRepeat is true when another run of the run's day was about
	// as long, as fast and as hard (SameDayRepeat): a session's repeat or
	// a hard double.
	SameDayRepeat bool
	// YearClosePace is how many of the YearAtDistance runs reached
	// routineCloseShare of its speed (ClosePaceBefore): whether the run's
	// effort is one the runner repeats in training (RoutineEffort).
	YearClosePace int
}

// The runner's routine pace at a distance (RaceContext.RoutinePace).
const (
	// RoutineDays: the year before a run's day.
	RoutineDays = 365
	// routineYearRuns runs about the distance in that year make a habit
	// the run can be held against.
	routineYearRuns = 10
	// routineNearShare: a run at this share of the speed or faster came
	// near the pace (within a tenth: a 5:00/km run is near a 4:33/km one).
	// A raced 5K or 10K is 8-15% faster than the runner's everyday runs and
	// rarely approached in training twice in a year.
	routineNearShare = 0.90
	// routineNearRuns such runs make the pace routine.
	routineNearRuns = 2
)

// RoutinePace reports whether the runner ran about the run's distance
// routineYearRuns or more times in the year before its day and came near
// its pace (routineNearShare) routineNearRuns or more times.
func (c RaceContext) RoutinePace() bool {
	return c.YearAtDistance >= routineYearRuns && c.YearNearPace >= routineNearRuns
}

// A run's effort the runner repeats in training (RaceContext.RoutineEffort).
const (
	// routineCloseShare: a run at this share of the speed or faster came
	// close to the pace (within 5%: a 4:30/km run is close to a 4:17/km
	// one). The listed races of the casebook's runners were run at a pace
	// two or fewer of their runs of the year before at the distance came
	// this close to (real-02's Thursday half of 22 May 2025, eight, was
	// run at his hardest fifth of heart rates).
	routineCloseShare = 0.95
	// routineCloseRuns such runs in the year make the effort a repeated one.
	routineCloseRuns = 3
)

// RoutineEffort reports whether the runner ran about the run's distance
// routineYearRuns or more times in the year before its day and came
// within routineCloseShare of its speed routineCloseRuns or more times:
// an effort they repeat in training.
func (c RaceContext) RoutineEffort() bool {
	return c.YearAtDistance >= routineYearRuns && c.YearClosePace >= routineCloseRuns
}

// ClosePaceBefore reports whether an earlier run of dPrev metres at
// speedPrev m/s was about as long as a run of d metres at speed m/s and
// reached routineCloseShare of its speed (RaceContext.YearClosePace).
func ClosePaceBefore(d, speed, dPrev, speedPrev float64) bool {
	return AtDistanceBefore(d, dPrev) && speed > 0 && speedPrev >= routineCloseShare*speed
}

// AtDistanceBefore reports whether an earlier run of dPrev metres was
// about as long as a run of d metres (RaceContext.YearAtDistance), and
// NearPaceBefore whether it also reached routineNearShare of its speed
// (RaceContext.YearNearPace).
func AtDistanceBefore(d, dPrev float64) bool {
	return d > 0 && dPrev >= asFastShort*d && dPrev <= asFastLong*d
}

// NearPaceBefore: see AtDistanceBefore.
func NearPaceBefore(d, speed, dPrev, speedPrev float64) bool {
	return AtDistanceBefore(d, dPrev) && speed > 0 && speedPrev >= routineNearShare*speed
}

// The runner's own pace lately (RaceContext.RecentAsFast): a run of the
// RecentPaceDays days before, of asFastShort to asFastLong of a run's
// distance, at asFastShare of its speed or faster, ran it as fast.
const (
	RecentPaceDays = 56
	asFastShort    = 0.85
	asFastLong     = 1.18
	asFastShare    = 0.98
	// recentAsFastRuns such runs make the pace the runner's own: a race
	// stands out from their runs of the weeks before at its distance.
	// (Two were tried: real-11's Wednesday 5 km of 24 Mar 2021 at 5:23/km
	// after 5:23 and 5:18 the two days before, and real-56's Friday 10 km
	// of 14 Jul 2023 went too, and with them two casebook dates whose
	// agreement rested on those "races", FINDINGS races25.)
	recentAsFastRuns = 3
)

// AsFastBefore reports whether an earlier run of dPrev metres at speedPrev
// m/s was about as long as a run of d metres at speed m/s and at least
// about as fast (RaceContext.RecentAsFast).
func AsFastBefore(d, speed, dPrev, speedPrev float64) bool {
	return d > 0 && speed > 0 && dPrev >= asFastShort*d && dPrev <= asFastLong*d && speedPrev >= asFastShare*speed
}

// highHRShare: a runner's top fifth of mean heart rates (PaceBook.HighHR),
// known from highHRRuns runs with heart rate.
const (
	highHRShare = 0.8
	highHRRuns  = 20
)

// Annual events: a race comes back on about the same weekend each year
// (the city's marathon on the last Sunday of November).
const (
	AnnualDays  = 14 // the same date within two weeks either side
	AnnualYears = 3  // … one to three years before
)

// AnnualCandidate reports whether a run of d metres started at t (in the
// runner's zone) is one an annual event can make a race: a marathon's
// distance on a weekend.
func AnnualCandidate(d float64, t time.Time) bool {
	_, std := nearStandard(d)
	wd := t.Weekday()
	return std == marathonM && (wd == time.Saturday || wd == time.Sunday)
}

// AnnualRepeat reports whether an earlier run of dPrev metres started at
// prev was a weekend run at the same standard distance as a run of d
// metres started at t, on about the same date (within AnnualDays) one to
// AnnualYears years before.
func AnnualRepeat(d float64, t time.Time, dPrev float64, prev time.Time) bool {
	_, std := nearStandard(d)
	_, sp := nearStandard(dPrev)
	if std == 0 || sp != std || !prev.Before(t) {
		return false
	}
	if wd := prev.Weekday(); wd != time.Saturday && wd != time.Sunday {
		return false
	}
	for k := 1; k <= AnnualYears; k++ {
		if t.AddDate(-k, 0, 0).Sub(prev).Abs() <= AnnualDays*24*time.Hour {
			return true
		}
	}
	return false
}

// AnnualLookback is how far before a run AnnualRepeat looks.
const AnnualLookback = (AnnualYears*366 + AnnualDays + 1) * 24 * time.Hour

// TempoLongerShare: runs at least this much longer than a run are the
// longer runs it is held against (RaceContext.LongerEquivS); a run of the
// same distance (last week's 5K) is not.
const TempoLongerShare = 1.2

// tempoEquivShare: a run with no heart rate no faster than 98% of what a
// longer run of the weeks before is worth at its distance shows no race
// effort by its pace.
const tempoEquivShare = 0.98

// LongerEquiv folds a run of d metres in s seconds, run before a run of
// dist metres, into the best Riegel-equivalent time at dist so far (best,
// 0 when none): only runs at least TempoLongerShare of dist count.
func LongerEquiv(best, dist, d, s float64) float64 {
	if d < TempoLongerShare*dist || s <= 0 {
		return best
	}
	t := Riegel(s, d, dist, RiegelExponent)
	if best == 0 || t < best {
		return t
	}
	return best
}

// RecentLongShare: the runs at least this share of a run's distance are
// its recent long runs (RaceContext.RecentLongSpeedMS).
const RecentLongShare = 0.6

// RecentHRRuns is how many runs with heart rate RaceContext.RecentHR needs.
const RecentHRRuns = 3

// overLongRuns reports whether a run of d metres stands out from the long
// runs of the weeks before: a quarter longer than all of them, or longer
// than the one tune-up long run and a quarter longer than the rest.
func overLongRuns(d float64, ctx RaceContext) bool {
	return d >= longEventOverLongest*ctx.LongestBeforeM ||
		d > ctx.LongestBeforeM && d >= longEventOverLongest*ctx.SecondLongestBeforeM
}

// LongestBeforeDays is the window of RaceContext.LongestBeforeM.
const LongestBeforeDays = 28

// StandardRaces are the distances races are run over.
var StandardRaces = []struct {
	Name      string
	DistanceM float64
}{
	{"5K", 5000}, {"10K", 10000}, {"15K", 15000}, {"10 mile", 16093.44}, {"20K", 20000},
	{"half marathon", 21097.5}, {"30K", 30000}, {"marathon", 42195}, {"50K", 50000}, {"50 mile", 80467.2}, {"100K", 100000},
}

// nearStandard returns the standard race whose distance the run matches:
// 2% short (a trimmed corner, a GPS cut) to 6% long (GPS on a course measured
// on the shortest line). Where two match (21.1 km is a half marathon and a
// long 20K), the closer one wins.
func nearStandard(m float64) (string, float64) {
	name, dist, off := "", 0.0, math.Inf(1)
	for _, s := range StandardRaces {
		if m >= 0.98*s.DistanceM && m <= 1.06*s.DistanceM {
			if o := math.Abs(math.Log(m / s.DistanceM)); o < off {
				name, dist, off = s.Name, s.DistanceM, o
			}
		}
	}
	return name, dist
}

// Named-distance band: when the run's name names a standard distance ("half",
// "halvmaraton", "半马", "10k"), a run 5% short to 10% long of it is that
// distance. Courses are measured on the shortest line a runner may take
// (plus 0.1% short-course prevention), runners run 1-3% more, and watches
// err 3-6% (Gilgen-Ammann 2020: mean absolute error 3.2-6.1%, up to 9% in
// cities and forest): 6% long is common in a city, tunnels add more. With
// the name saying the distance, the wider band cannot pick the wrong race.
const (
	namedStandardShort = 0.95
	namedStandardLong  = 1.10
)

// distanceNames name a standard distance in a run's name, checked in this
// order (a "half marathon" names the half, not the marathon). Latin-script
// tokens must stand as a word or start one; the others may appear anywhere.
var distanceNames = []struct {
	distanceM float64
	words     []string
	scripts   []string
}{
	{halfM, []string{"half", "halfmarathon", "halvmaraton", "halvmarathon", "halbmarathon", "semi", "semimarathon", "semi-marathon",
		"mezza", "mezzamaratona", "media maratón", "media maraton", "meia", "meia maratona", "halve marathon", "halvemarathon",
		"puolimaraton", "półmaraton", "polmaraton", "21k", "21km", "21.1k", "21.1km", "21,1 km", "21.1 km", "21 km"},
		[]string{"半马", "半程", "ハーフ", "半馬"}},
	{marathonM, []string{"marathon", "maraton", "maratón", "maratona", "marathonien", "42k", "42km", "42.2k", "42.2km", "42.2 km", "42 km"},
		[]string{"马拉松", "全马", "全程", "マラソン", "馬拉松", "全馬"}},
	{10000, []string{"10k", "10km", "10 km", "10 k"}, nil},
	{5000, []string{"5k", "5km", "5 km", "5 k", "parkrun"}, nil},
	{15000, []string{"15k", "15km", "15 km"}, nil},
	{16093.44, []string{"10 mile", "10mile", "10 miler", "10-miler", "ten mile"}, nil},
	{20000, []string{"20k", "20km", "20 km"}, nil},
	{30000, []string{"30k", "30km", "30 km"}, nil},
	{50000, []string{"50k", "50km", "50 km"}, nil},
	{100000, []string{"100k", "100km", "100 km"}, nil},
}

// namedDistance returns the standard distance the name names, 0 when none.
func namedDistance(name string) float64 {
	name = strings.ToLower(name)
	for _, n := range distanceNames {
		if anyWord(name, n.words) || anyIn(name, n.scripts) {
			return n.distanceM
		}
	}
	return 0
}

// nearStandardNamed is nearStandard, but a run whose name names a standard
// distance is that distance within the named band (namedStandardShort to
// namedStandardLong of it).
func nearStandardNamed(m float64, name string) (string, float64) {
	if d := namedDistance(name); d > 0 && m >= namedStandardShort*d && m <= namedStandardLong*d {
		for _, s := range StandardRaces {
			if s.DistanceM == d {
				return s.Name, d
			}
		}
	}
	return nearStandard(m)
}

// nearStandardShort returns the standard race the run is racedStandardShort
// to 2% short of (below nearStandard's band), "" and 0 when none: what a
// watch reads of a race under trees or between tall buildings, where GPS
// cuts the corners. recogniseRace reads a run so only when its pace, its
// heart rate and its day all say it was raced.
func nearStandardShort(m float64) (string, float64) {
	for _, s := range StandardRaces {
		if m >= racedStandardShort*s.DistanceM && m < 0.98*s.DistanceM {
			return s.Name, s.DistanceM
		}
	}
	return "", 0
}

// racedStandardShort: a raced run read this share of a standard distance
// or more is that distance. The casebook's listed races with a measured
// distance (calls.json measured_m) read down to 2.8% short (halves of
// 20.50-20.52 km); a run 5% short of a 20K (19.0 km) is a training
// distance of its own.
const racedStandardShort = 0.97

// strongRaceWords name a race on their own. Latin-script words must stand as
// a word (or start one: "marathon" in "marathonweekend"); the others may
// appear anywhere.
var strongRaceWords = []string{
	"race", "racing", "parkrun", "marathon", "halfmarathon", "halbmarathon", "maraton", "maratón", "maratona",
	"marathonien", "semi-marathon", "semimarathon", "mezza maratona", "media maratón", "meia maratona",
	"wettkampf", "gara", "competition", "compétition", "competición", "competição", "championship",
	"meisterschaft", "wedstrijd", "ultra", "10k race", "5k race", "trail race", "fell race",
	// a meet's name in a college or club runner's log (held-out real-65's
	// cross-country season: "Invitational", "Regionals"; real-67's
	// "Canterbury Champs 1500m")
	"invitational", "regionals", "nationals", "sectionals", "champs",
	// a track or cross-country meet in a school runner's log (held-out
	// real-157's "track meet 5000m", a 5000 m in 17:55, missed as a race)
	"track meet", "athletics meet", "cross country meet", "cross-country meet", "xc meet",
	// a relay is run as a race, a leg at race effort
	"relay", "stafet", "stafetten", "staffel", "staffellauf", "relais", "estafeta", "staffetta", "estafette",
	// Catalan: "cursa" is a race ("Cursa de la Mercè", "cursa de muntanya");
	// a run is "córrer", "sortida", "rodatge" (held-out real-111's "cursa
	// 2023", a 5 km race in 16:20 at his usual pace for a 5 km session)
	"cursa",
	// a skyrunning race (held-out real-103's "Skyrace Comapedrosa")
	"skyrace",
	// a competition in the Nordic languages (Swedish "tävling", held-out
	// real-90's ski "tävling DM 20 km"; Norwegian, Danish, Finnish,
	// Icelandic) and Swedish "lopp", a race (not "löpning", a run)
	"tävling", "tävlingen", "tävlingar", "konkurranse", "konkurrence", "kilpailu", "kilpailut", "keppni", "lopp",
	// a race not finished: only a race is "did not finish" (held-out
	// real-115's "HK100 DNF", 40.8 km of a 100 km trail race in 7:10 on a
	// Saturday, read as an ordinary long run; the eight days without a run
	// after it were called fading). It sets no VDOT (dnfName).
	"dnf", "did not finish",
	// a cross-country race in Slovak, Czech and Polish ("Račiansky kros",
	// "Velikonoční kros", "Kros Niepodległości"): the word names the race,
	// a run over fields and hills is "beh", "běh" or "bieg" (held-out
	// real-192 2024-02-04: a 16 km "Raciansky kros" at heart rate 173, no
	// standard distance, read as a training run, so a marathon four months
	// before stayed "your last race" on the day of a race)
	"kros",
}

// dnfWords: a race's name saying it was not finished (strongRaceWords).
var dnfWords = []string{"dnf", "did not finish"}

// raceCompoundSuffixes end a compound that is a race's name in the Nordic
// languages: the definite "the race" (Swedish "-loppet": Lundaloppet,
// Midnattsloppet, Broloppet; Norwegian "-løpet": Sentrumsløpet; Danish
// "-løbet": Eremitageløbet; Icelandic "-hlaupið": Laugavegshlaupið),
// Göteborgsvarvet's "-varvet" (the lap), a relay's (Holmenkollstafetten,
// DN-stafetten) and a marathon's (halvmaraton, puolimaraton,
// Reykjavíkurmaraþon, Stadtmarathon). Held-out real-89's and real-90's
// races (Lundaloppet, Göteborgsvarvet, Broloppet) were found only by their
// pace. Each counts only at the end of a compound, after a letter or a
// letter and a hyphen ("Grete Waitz-løpet"): alone, "loppet" and "løpet"
// are also idioms ("i løpet av", in the course of) and Danish "løbet" is
// "ran". A marathon of some kind written as one word ("SkyMarathon",
// "Ultramarathon", "Trailmarathon") is one too: held-out real-103
// 2017-07-09, the day after his "Buff Epic Trail SkyMarathon" (41 km, 2872
// m up), was called goalless from a race three weeks before. A time around
// a race ("Premarathon") is none (notRaceCompoundHeads).
var raceCompoundSuffixes = []string{"loppet", "løpet", "løbet", "hlaupið", "varvet", "stafetten", "stafett", "stafet",
	"maraton", "marathon", "maraþon", "maratón", "maratona"}

// notRaceCompoundHeads make a compound a time around its last part, not
// the thing itself ("premarathon shakeout", "postmarathon").
var notRaceCompoundHeads = []string{"pre", "post"}

// weakRaceCompoundSuffixes end a compound that names a race or a plain run
// ("Vappujuoksu", a race, and "iltajuoksu", an evening run; Danish
// "Eremitageløb" and "aftenløb"; Swedish "motionslopp", "terränglopp";
// Tjejmilen, Vårruset): weak, as weakRaceWords are, needing a race's
// distance or effort behind them.
var weakRaceCompoundSuffixes = []string{"lopp", "løp", "løb", "juoksu", "hlaup", "milen", "ruset"}

// notRacePhrases hold a strong race word in a phrase that names no race: a
// shoe's name ("Ultra Boost", "racing flats") or "ultra" as a manner ("ultra
// easy"). They are cut from a name before its race words are read
// (held-out real-99 2017-12-08: "Ima start running in my ultra boost
// because the kayano 23s are hurting me", a 16.2 km training run at his
// everyday pace, read as a race by "ultra"; as a 10-mile race it capped his
// VDOT at 47.9 for a year that held a 15:53 5 km time trial, VDOT 65).
var notRacePhrases = []string{
	"ultra boost", "ultra easy", "ultra slow", "ultra light", "ultra short", "ultra chill", "ultra relaxed",
	"racing flat", "racing shoe",
}

// withoutNotRacePhrases cuts notRacePhrases out of a lower-cased name.
func withoutNotRacePhrases(name string) string {
	for _, p := range notRacePhrases {
		name = strings.ReplaceAll(name, p, " ")
	}
	return name
}

// strongRaceScripts name a race in Chinese and Japanese, or by a podium
// medal, anywhere in a name.
var strongRaceScripts = []string{"接力", "リレー", "马拉松", "半马", "全马", "越野赛", "比赛", "赛事", "竞赛", "マラソン大会", "大会", "レース", "マラソン", "駅伝",
	// a school's or college's sports meet ("校运会5000m", "春季运动会5k"; held-out real-61)
	"运动会", "校运会", "運動會", "運動会",
	// a podium placing, as the runner marks it: a medal is won in a race
	// (held-out real-111's "Unirun 🥈🥈", a 5 km race in 15:56 at the pace of
	// his 5 km sessions, and "800m 🥈🥈 1:55")
	"🥇", "🥈", "🥉",
	// the same words in traditional characters, as Hong Kong, Macau and
	// Taiwan write them ("揚州半程馬拉松", "學界越野賽2024", "屯門區長跑比賽
	// 2024"), and the meets and championships of a school or club runner
	// in both scripts: a championship ("越野錦標賽"), a distance race
	// ("屯門區長跑賽2025", "西貢區迎新春長跑賽5km"), a friendly meet
	// ("田徑友誼賽"), a school's athletics day ("陸運會3000"). Held-out
	// real-159, a Hong Kong school runner, titled his races so: none was
	// read as a race by its name, so the 10 km, 5 km and cross-country
	// races of a season counted as training or as unnamed efforts that
	// "may have been training", and he was called goalless in season.
	// A bare "賽" is not among them: "賽馬會" is the Jockey Club, the
	// sponsor of many fun runs.
	"馬拉松", "半馬", "全馬", "越野賽", "比賽", "賽事", "競賽", "校運會",
	"錦標賽", "锦标赛", "長跑賽", "长跑赛", "友誼賽", "友谊赛", "陸運會", "陆运会",
	// a mountain-running race ("跑山赛", "run-the-mountain race"), as
	// Chinese trail runners title their sky and mountain races
	// ("可隆跑山赛", "凯乐石跑山赛", "黄金海岸跑山赛"). Held-out real-173, a
	// Hangzhou trail runner, raced three of them in an autumn between
	// "越野赛" races: none was read as a race by its name, so the last race
	// was dated eight weeks back and he was called goalless eight days
	// after one. A plain "跑山" (a mountain run) stays a run.
	"跑山赛", "跑山賽"}

// weakRaceWords also name an ordinary run in some languages ("Carrera
// matutina", "Course du soir", "Abendlauf", "越野" for any trail run): they
// count only with a race distance or a race effort behind them. Polish
// "bieg" is one of them: it is the plain word for a run (Strava's "Poranny
// bieg", "Morning Run"), as "Lauf" is in German, and a race's name only in
// a phrase ("Bieg Niepodległości"). Held-out real-83 titled 106 runs of
// every length and pace "Bieg" (and others "Biegi", "Bieganie"): each was
// read as a race by its name, his 7.6 km Monday run of 23 Aug 2021 at his
// usual pace among them, which made 2021-08-29 sparked (call fading).
var weakRaceWords = []string{"lauf", "carrera", "course", "corrida", "corsa", "trail", "5k", "10k", "half", "bieg", "越野",
	// the Nordic words for "a run" that also name a race (Garmin's Danish
	// "Løb", Finnish "Juoksu", Icelandic "Hlaup" title every run), and
	// "the race" alone (an idiom too: "i løpet av")
	"løp", "løb", "juoksu", "hlaup", "loppet", "løpet", "løbet", "hlaupið"}

// weakRaceScripts: the weak words of weakRaceWords that may appear anywhere
// in a name (no word boundaries in the script).
var weakRaceScripts = []string{"越野"}

// notRaceWords say it was training, even when a race word appears ("race
// pace intervals", "parkrun warm-up", "3x (4k allure marathon + 1k récup)"):
// a session's name in the languages the product meets. Each must stand as a
// word (a plural s allowed), so short tokens ("EF", "VMA", "PK") never match
// inside another word; names are compared lower-cased.
var notRaceWords = []string{
	// English
	"pace", "interval", "tempo", "easy", "recovery", "warm", "cool", "jog", "workout", "training", "reps", "fartlek",
	"recce", "recon", "pacer", "pacing", "racepace", "threshold", "strides", "progression run", "steady run",
	// a long run called so: a long hard Sunday run is no race then
	"long run", "longrun", "lsd",
	// a race still to come: the week before it, a countdown to it (held-out
	// real-99's Monday 16 km runs "Race week!", "Race week already?" and
	// "4 days till regionals", read as races by "race" and "regionals")
	"race week", "days till", "day till", "weeks till", "days until", "weeks until", "days to go", "days out",
	"pre race", "pre-race", "pre meet", "pre-meet",
	// … in the Nordic languages: "before" (held-out real-90's Saturday
	// 13.5 km "1 vecka före Göteborgsvarvet", a week before it, and "Väcka
	// benen 2 dar innan tävlingen", a shake-out two days before one)
	"före", "innan", "inför", "før", "inden", "ennen",
	// a race already run: the run after it ("Per estirar cames després
	// d'una cursa", held-out real-103's 10.6 km recovery jog the day after
	// his SkyMarathon, read as a race by "cursa", which made his top call
	// goalless; "shakeout after the race", "Auslaufen nach dem Wettkampf")
	"after the race", "after race", "after a race", "post race", "post-race", "postrace",
	"després", "despres", "después", "despues", "après la course", "apres la course", "dopo la gara",
	"nach dem lauf", "nach dem wettkampf", "nach dem rennen", "efter loppet", "etter løpet", "efter løbet",
	// French: pace ("allure marathon"), recovery, easy running, endurance
	// fondamentale, threshold, VMA (interval) work
	"entraînement", "entrainement", "allure", "récup", "recup", "récupération", "recuperation", "footing", "ef",
	"endurance fondamentale", "seuil", "vma", "fractionné", "fractionne", "fractionnés", "sortie longue",
	"échauffement", "echauffement",
	// German ("Marathon-Tempo", "HM-Tempo" by "tempo"; compounds below)
	"trainingslauf", "langer lauf", "dauerlauf", "intervall", "intervalle", "tempodauerlauf", "tempolauf", "locker",
	"lockerer", "lockere", "lockeres", "regeneration", "regenerativ", "grundlage", "grundlagenlauf", "ga1", "ga2",
	"schwelle", "fahrtspiel", "steigerungen", "einlaufen", "auslaufen", "langer dauerlauf",
	// … and held-out real-56's: a fartlek's common variant, a fasted run, a
	// treadmill session, a session of a plan ("Einheit" alone is also the
	// Unity Day's races, "Lauf der Deutschen Einheit": only in these phrases)
	"fahrtenspiel", "nüchternlauf", "nuechternlauf", "laufband", "laufbandtraining", "individuelle einheit",
	"lockere einheit", "trainingseinheit", "laufeinheit",
	// a rehearsal of a race ("race sim", "Race simulation") and a session at
	// a race's pace by its abbreviation ("10k MP", "8 mi @ HMP"): held-out
	// real-94's Monday "race sim" of 35.2 km and "10k MP" at 4:00/km, read
	// as a race by name and by pace two and three weeks before his marathon
	"race sim", "sim", "simulation", "race simulation", "dress rehearsal", "mp", "hmp",
	// Spanish
	"entrenamiento", "entreno", "rodaje", "tirada larga", "tirada", "ritmo", "umbral", "regenerativo", "calentamiento",
	"cambios de ritmo",
	// Italian ("passo maratona" below)
	"allenamento", "ripetute", "lungo lento", "corsa lenta", "recupero", "soglia", "progressivo", "variazioni",
	// Portuguese
	"treino", "longão", "longao", "intervalado", "intervalados", "rodagem", "regenerativa", "limiar", "trote", "tiros",
	// Dutch
	"duurloop", "intervallen", "herstel", "herstelloop", "hersteltraining", "drempel", "tempoloop", "lange duurloop",
	// Polish
	"trening", "rozbieganie", "interwały", "interwaly", "interwał", "interwal", "długie wybieganie", "dlugie wybieganie",
	"wybieganie", "owb1", "owb2", "próg", "prog",
	// Finnish
	"pitkä lenkki", "pitka lenkki", "peruslenkki", "pk-lenkki", "palauttava", "intervalli", "intervallit", "palautus",
	"palauttelu", "vauhtikestävyys", "vk-lenkki", "kynnys", "harjoitus", "treeni",
	// Swedish (held-out real-89's "Långa Norska", long Norwegian-style
	// intervals of 10.3 km at heart rate 152 on a Tuesday, read as a 10 km
	// race; real-90's "tröskel 6x4 min"): intervals, Norwegian 4x4s,
	// threshold, tempo, long, easy and hill sessions, warm-up, cool-down,
	// recovery, "60 gånger 10" (60 times 10 s)
	"intervaller", "intervallpass", "backintervaller", "backintervall", "norska", "norskor", "tröskel", "tröskelpass",
	"tröskelträning", "tröskelintervaller", "tempopass", "distanspass", "långpass", "lugnt", "löppass", "träningspass",
	"träning", "kvalitetspass", "återhämtning", "återhämtningspass", "uppvärmning", "nedvarvning", "backlöpning",
	"backträning", "progression", "progressivt", "gånger", "pyramid",
	// Norwegian ("bakkeløp", a hill race, is not one of them)
	"terskel", "terskeltrening", "terskeløkt", "intervalløkt", "intervalltrening", "bakkeintervaller", "langtur",
	"langkjøring", "rolig", "roligtur", "oppvarming", "nedjogg", "nedjogging", "restitusjon", "treningsøkt", "økt",
	"ganger",
	// Danish
	"tærskel", "tærskeltræning", "intervaltræning", "roligt", "opvarmning", "nedløb", "restitution", "træning",
	"træningstur", "tempoløb",
}

// notRaceScripts say it was training in Chinese and Japanese (anywhere in
// the name).
var notRaceScripts = []string{
	"训练", "练习", "慢跑", "长距离", "長距離", "间歇", "間歇", "节奏跑", "配速", "轻松跑", "恢复跑", "乳酸阈", "阈值", "有氧跑", "拉练",
	// a session by heart-rate zone ("60分钟强度：心率区间1": a watch's zone-1 workout; held-out real-61)
	"心率区间", "心率区",
	"練習", "ジョグ", "ペース走", "インターバル", "ロング走", "距離走", "閾値",
}

// notRaceSuffixes end a compound word that names a session at a race's pace
// ("Marathontempo", "Wettkampftempo", "maratonvauhti", "Marathontraining");
// checked at the end of a word only ("pace" is not: "Space Coast Marathon").
var notRaceSuffixes = []string{"tempo", "vauhti", "training"}

// racePacePhrases: "<pace> <race distance>" in Italian, where the pace word
// ("passo") alone may name a mountain pass on a race's course.
var racePacePhrases = func() []string {
	var out []string
	for _, pre := range []string{"passo ", "passo di ", "passo da ", "passo gara"} {
		if strings.HasSuffix(pre, " ") {
			for _, d := range []string{"maratona", "mezza", "mezza maratona", "gara", "10k", "10 km", "5k", "21k"} {
				out = append(out, pre+d)
			}
			continue
		}
		out = append(out, pre)
	}
	return out
}()

// A name as the runner's log label (NameLabel, LabelRunsOf).
const (
	// LabelDays: the runs of this many days before a run's day say how the
	// runner names their runs.
	LabelDays = 365
	// LabelMinRuns: a label on this many runs of the LabelDays before is
	// the runner's habit of naming.
	LabelMinRuns = 5
	// LabelMinTokens: those runs name this many distances or durations or
	// more (a label that follows the day's length, not one event's name).
	LabelMinTokens = 2
)

// labelTokenRe is a distance or duration in a name: "5K", "10 km",
// "21.1km", "30 MIN", "3 mi".
var labelTokenRe = regexp.MustCompile(`(?i)(^|[^\p{L}\p{N}.,])(\d+(?:[.,]\d+)?)\s?(km|k|mi|miles?|mins?|minutes?)([^\p{L}\p{N}]|$)`)

// NameLabel returns a run name's label, the name lower-cased with its one
// distance or duration replaced by "#" ("RUN - 20K" → "run - #"), and that
// token ("20k"); both empty when the name holds no such token, more than
// one, or no word of two letters or more besides it (a bare "5k" is a
// label nobody can tell from a race's). A name with no such token that
// holds a weak race word ("Corrida", "Carrera matutina", "Abendlauf" does
// not: a word of its own) is its own label, lower-cased, with an empty
// token: an app's default title for a run (LabelRunsOf, defaultName).
func NameLabel(name string) (label, token string) {
	n := strings.ToLower(strings.TrimSpace(name))
	if bareDistanceName(n) {
		return distanceLabelMark + n, ""
	}
	m := labelTokenRe.FindAllStringSubmatchIndex(n, -1)
	if len(m) == 0 && weakRaceName(n) {
		return defaultTitleFamily(n), ""
	}
	if len(m) != 1 {
		return "", ""
	}
	label = n[:m[0][4]] + "#" + n[m[0][7]:]
	token = n[m[0][4]:m[0][5]] + n[m[0][6]:m[0][7]]
	letters := 0
	for _, c := range label {
		if unicode.IsLetter(c) {
			letters++
			if letters >= 2 {
				return label, token
			}
		} else {
			letters = 0
		}
	}
	return "", ""
}

// dayPartWords are the words an app's default title adds to its word for a
// run to say when it was run: Strava's Spanish "Carrera de mañana",
// "Carrera de tarde", "Carrera de noche", "Carrera a la hora del almuerzo",
// "Carrera nocturna", and the like in Portuguese, French, Italian and
// Polish.
var dayPartWords = []string{
	// Spanish
	"de", "del", "la", "a", "al", "hora", "almuerzo", "mañana", "tarde", "noche", "anochecer", "matutina",
	"vespertina", "nocturna", "mediodía",
	// Portuguese
	"da", "do", "na", "no", "ao", "manhã", "noite", "almoço", "matinal", "noturna", "entardecer",
	// French
	"du", "l'après-midi", "après-midi", "matin", "soir", "nuit", "à", "l'heure", "heure", "déjeuner", "midi",
	// Italian
	"mattutina", "pomeridiana", "serale", "notturna", "all'ora", "di", "pranzo",
	// Polish
	"poranny", "popołudniowy", "wieczorny", "nocny", "w", "porze", "lunchu",
}

// defaultTitleFamily is the label of a lower-cased name with a weak race
// word and no distance: the name without its day-part words, so that an
// app's default titles for the times of day share one label ("carrera de
// tarde", "carrera de noche" → "carrera") and count together against
// defaultNameShare. Held-out real-103 titled 338 of his 392 runs with
// Strava's Spanish defaults, none of the four variants a third of them:
// 13 of his everyday runs were read as races by "carrera" ("named like a
// race") at a good day's pace. A name of its own keeps its other words
// ("carrera san silvestre").
func defaultTitleFamily(n string) string {
	var kept []string
	for _, w := range strings.Fields(n) {
		if !slices.Contains(dayPartWords, w) {
			kept = append(kept, w)
		}
	}
	if len(kept) == 0 {
		return n
	}
	return strings.Join(kept, " ")
}

// sportTypeSuffixes end the title an app gives a run by its sport: Garmin
// Connect's "<place> Trail Running". Strava's "Morning Trail Run" is its
// time of day and the sport (stravaTrailTitles); a runner's own "<event>
// Trail Run" may name a race (held-out real-64's "SCORE Trail Run" at heart
// rate 180).
var sportTypeSuffixes = []string{"trail running"}

// stravaTrailTitles are Strava's English default titles for a trail run.
var stravaTrailTitles = []string{"trail run", "morning trail run", "lunch trail run", "afternoon trail run",
	"evening trail run", "night trail run"}

// sportTypeTitle reports whether a lower-cased name is an app's title for
// the sport ("sheffield trail running", "morning trail run"): its weak race
// word ("trail") names the kind of run, not a race. Held-out real-102
// 2025-11-26: a Saturday "Trail Running" (Garmin's "<place> Trail
// Running", 166 of his 1,131 runs so titled) of 17.6 km a tenth faster than
// his usual was read as a race by "trail", and three weeks of 78-79 km
// after a 42 km trail race became "a short race since is no new goal":
// goalless.
func sportTypeTitle(name string) bool {
	n := strings.TrimSpace(name)
	if slices.Contains(stravaTrailTitles, n) {
		return true
	}
	for _, suf := range sportTypeSuffixes {
		if n == suf || strings.HasSuffix(n, " "+suf) {
			return true
		}
	}
	return false
}

// distanceLabelMark starts the label of a bare distance name (NameLabel,
// bareDistanceName): counted by LabelRunsOf however few of the runner's
// runs it titles.
const distanceLabelMark = "="

// bareDistanceName reports whether a lower-cased run name is a race
// distance's name and nothing else ("半马", "marathon", "half marathon",
// "全马 2"): a strong race word that names a standard distance
// (namedDistance), with no other word left once the distance words are
// taken out. Such a name on run after run is the runner's name for a run
// of that length (held-out real-120 titled 49 Sunday half-length runs
// "半马", at his everyday heart rate); an event's name ("parkrun", "Shenyang
// Marathon", "女子半马") is no bare distance.
func bareDistanceName(n string) bool {
	if !strongRaceName(n) || namedDistance(n) == 0 || strings.Contains(n, "parkrun") {
		return false
	}
	rest := n
	for _, d := range distanceNames {
		ws := append(slices.Clone(d.words), d.scripts...)
		slices.SortFunc(ws, func(a, b string) int { return len(b) - len(a) })
		for _, w := range ws {
			rest = strings.ReplaceAll(rest, w, " ")
		}
	}
	for _, c := range rest {
		if unicode.IsLetter(c) {
			return false
		}
	}
	return true
}

// LabelRunsOf is RaceContext.LabelRuns for a run labelled label: how many
// of the earlier runs (their labels and tokens, the runs of the LabelDays
// before its day) share it, when they carry LabelMinTokens different
// tokens or more; else 0. A label with no token (a name with a weak race
// word and no distance, NameLabel) counts when it titles defaultNameShare
// of those runs or more: the runner's app names every run so.
func LabelRunsOf(label string, labels, tokens []string) int {
	if label == "" {
		return 0
	}
	if strings.HasPrefix(label, distanceLabelMark) {
		n := 0
		for _, l := range labels {
			if l == label {
				n++
			}
		}
		return n
	}
	n := 0
	var first string
	many := false
	for i, l := range labels {
		if l != label {
			continue
		}
		n++
		if first == "" {
			first = tokens[i]
		} else if tokens[i] != first {
			many = true
		}
	}
	if first == "" && n > 0 && float64(n) >= defaultNameShare*float64(len(labels)) {
		return n
	}
	if !many {
		return 0
	}
	return n
}

// defaultNameShare: a name with a weak race word that titles this share of
// the runner's runs of the LabelDays before, or more, is the app's default
// title for a run (Garmin's Portuguese "Corrida", Strava's "Carrera
// matutina"), the language's word for a run and no race's name.
const defaultNameShare = 1.0 / 3

// trainingUnlessRaced name a session only when nothing in the name names a
// race: Italian "lungo"/"lento" (also "along", Finnish "flight"), Finnish
// "lenkki" (any run), Spanish "series" (an English race series too) and
// repetitions ("6x1000", "3 x (4k …)": a relay's "4x100" is named a relay).
// "series" gives way to a race distance in the name too ("Summer Series 5K").
var trainingUnlessRaced = []string{"lungo", "lento", "lenkki", "suave"}

// repsPattern is a session of repetitions: "6x1000", "10 x 400", "3x (4k".
var repsPattern = regexp.MustCompile(`(^|[^\p{L}\p{N}])\d+\s*[x×]\s*\(?\s*\d`)

// planPattern is a session of a training plan by its week ("C25k week 4",
// "10k week 3 day 2", "HM wk 6", "W3D2", "Woche 5", "semaine 2"): the
// distance in such a title is the plan's goal, not an event run that day
// (held-out real-109, a beginner's 10K plan: "10k week 3 day 2", "10k week
// 7 day 2" and three more weekday 3-5 km sessions 8-9% faster than his
// usual were read as races by "10k", and the last, two days before a
// covid stop, made his "Post-Covid test run" the recovery from a race).
// A strong race word still names a race ("parkrun week 3").
// The week-day code of a plan may also come as week, "w" and day ("8w7",
// "10w3", "1w1渐快跑", "3w7E5K": week 8 day 7), with what follows joined
// to it or not: held-out real-120's ten-week marathon plan of
// autumn 2019 titled every session so ("8w7 3K+26K/445(LSD15th)", a 30 km
// Sunday long run 13% faster than his usual at that length, read as a 30K
// race: "your race was today" and rest, five weeks before his marathon).
var planPattern = regexp.MustCompile(`(^|[^\p{L}\p{N}])(week|wk|woche|semaine|semana|settimana|tydzień|tydzien)\s*#?\s*\d+([^\p{L}\p{N}]|$)|(^|[^\p{L}\p{N}])w\d+\s*d\d+([^\p{L}\p{N}]|$)|(^|[^\p{L}\p{N}])\d{1,2}w[1-7]([^\p{N}]|$)`)

// segmentsPattern is a session written as its parts, a distance joined to
// the next ("3K+26K/445", "E5K+T21K", "4K+M21K", "(1K/420+1K/520)×5",
// "15 3K+T18K"): a warm-up and a main set, a plan's notation, not one
// event's distance. Held-out real-120's plan sessions (see planPattern).
var segmentsPattern = regexp.MustCompile(`(^|[^\p{L}\p{N}])[a-z]?\d+(?:[.,]\d+)?\s?km?(?:/\d+)?\)?\s*\+\s*\(?[a-z]?\d`)

// cityRacePattern is a road race's own name in the Romance languages: a
// standard distance "of" a place, the place written with a capital ("20km
// de Paris", "10 km de Lyon", "10K de Madrid", "10 km di Roma"), the way
// those events are called. A training run named for its length and kind
// writes a common noun after it ("10 km de footing", "20 km de sortie
// longue"). Held-out real-176, a Paris runner's hand-kept log: four "20km
// de Paris" and a "10km de Paris" (45:27, 1:36:29-1:48:05), none read as a
// race, so the 10 km races around them were "a short race since" a
// marathon and a marathon build two weeks after the 20 km race was "16
// weeks since your last race".
var cityRacePattern = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])\d+(?:[.,]\d+)?\s?(?:km|k|KM|K|Km)\s+(?:de|du|des|di|del|della)\s+\p{Lu}`)

// cityRaceName reports whether a run's name (as written) is a race's own
// name by cityRacePattern, with the distance a standard one.
func cityRaceName(name string) bool {
	return cityRacePattern.MatchString(name) && namedDistance(name) > 0
}

// trainingName reports whether a lower-cased run name names a training
// session rather than a race (see notRaceWords and trainingUnlessRaced).
func trainingName(name string) bool {
	if anyWord(name, notRaceWords) || anyIn(name, notRaceScripts) || anyWord(name, racePacePhrases) || anySuffix(name, notRaceSuffixes) {
		return true
	}
	if strongRaceName(name) {
		return false
	}
	if anyWord(name, trainingUnlessRaced) || repsPattern.MatchString(name) || planPattern.MatchString(name) || segmentsPattern.MatchString(name) {
		return true
	}
	return hasWord(name, "series") && namedDistance(name) == 0
}

// strongRaceName reports whether a lower-cased run name holds a word that
// names a race on its own (strongRaceWords, strongRaceScripts, a Nordic
// race's compound: raceCompoundSuffixes).
func strongRaceName(name string) bool {
	return anyWord(name, strongRaceWords) || anyIn(name, strongRaceScripts) || anyCompound(name, raceCompoundSuffixes)
}

// weakRaceName reports whether a lower-cased run name holds a word that
// names a race or an ordinary run (weakRaceWords, weakRaceScripts,
// weakRaceCompoundSuffixes).
func weakRaceName(name string) bool {
	return anyWord(name, weakRaceWords) || anyIn(name, weakRaceScripts) || anyCompound(name, weakRaceCompoundSuffixes)
}

// anyCompound reports whether a word of s ends with one of ws after at
// least one letter, or after a letter and a hyphen ("Grete Waitz-løpet",
// "DN-stafetten"): a compound with its last part ws, not ws alone, nor a
// time around it (notRaceCompoundHeads).
func anyCompound(s string, ws []string) bool {
	return anyWordEnd(s, ws, func(head string) bool {
		head = strings.TrimSuffix(head, "-")
		return head != "" && isLetterEnd(head) && !slices.Contains(notRaceCompoundHeads, lastWord(head))
	})
}

// anyWordEnd reports whether one of ws ends a word of s (nothing that
// starts a word follows it) after a head s[:k] that joined accepts.
func anyWordEnd(s string, ws []string, joined func(head string) bool) bool {
	for _, w := range ws {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			k := i + j
			if rest := s[k+len(w):]; (rest == "" || !startsWord(rest)) && joined(s[:k]) {
				return true
			}
			i = k + 1
		}
	}
	return false
}

// lastWord is the run of letters that ends s.
func lastWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if i < 0 {
		return s
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i+n:]
}

// isLetterEnd reports whether s ends with a letter.
func isLetterEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r)
}

// anySuffix reports whether a word of s ends with one of ws (a compound
// with at least one letter before the suffix).
func anySuffix(s string, ws []string) bool {
	return anyWordEnd(s, ws, func(head string) bool { return head != "" && isWordRune(head) })
}

// hasWord reports whether w appears in s as a word (a plural s allowed).
func hasWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		k := i + j
		rest := strings.TrimPrefix(s[k+len(w):], "s")
		if (k == 0 || !isWordRune(s[:k])) && (rest == "" || !startsWord(rest)) {
			return true
		}
		i = k + 1
	}
}

// startsWord reports whether s starts with a letter or digit.
func startsWord(s string) bool {
	for _, r := range s {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// isWordRune reports whether the last rune of s is a letter or digit.
func isWordRune(s string) bool {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < 0x80 {
			return unicode.IsLetter(rune(s[i])) || unicode.IsDigit(rune(s[i]))
		}
		if s[i]&0xC0 != 0x80 { // a multi-byte rune's first byte: treat as a letter
			return true
		}
	}
	return false
}

func anyWord(s string, ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return hasWord(s, w) })
}

func anyIn(s string, ws []string) bool {
	return slices.ContainsFunc(ws, func(w string) bool { return strings.Contains(s, w) })
}

// Race-effort thresholds: a race is markedly faster than the runner's usual
// runs of that distance, or run with heart rate near its maximum.
const (
	raceFasterShare      = 1.08 // ≥ 8% faster than their typical pace at that distance
	raceFasterWeekend    = 1.06 // on a weekend morning a smaller margin will do
	raceHRShare          = 0.88 // mean heart rate ≥ 88% of max over ≥ 20 minutes
	raceHRLongShare      = 0.84 // … ≥ 84% over ≥ 90 minutes (half marathon and longer)
	minRaceS             = 12 * 60
	raceHRAboveUsual     = 5    // bpm over the runner's typical mean heart rate
	raceHRFaster         = 1.03 // a race by heart rate over a road distance is still a little faster than usual
	tempoFasterShare     = 1.15 // under this over the usual pace, a short run at an everyday heart rate was a tempo, not a race
	weakSlowerShare      = 0.90 // a run named only by a race-distance word and over 10% slower than usual is a workout
	marathonM            = 42195
	marathonSlowerShare  = 0.9 // a weekend marathon may be 10% slower than the usual pace scaled to 42 km
	halfM                = 21097.5
	longEventShare       = 0.85 // a weekend half or longer at 2.5× the usual run may be 15% slower than usual (a first half, a hot day, a course run with friends)
	longEventFactor      = 2.5
	longEventOverLongest = 1.25 // … and a quarter longer than any run of the 4 weeks before
	// UltraM: a run this long is beyond a marathon and its GPS slack. One
	// far longer than the runner's usual run and their long runs of the
	// weeks before is an event on any day, at any pace (ultras start on
	// Friday evenings, run through nights and walk the climbs).
	UltraM = 45000
	// easyLongHRBelow: a slow long run with a mean heart rate this far
	// below the runner's usual is an easy long run, not an event (an event
	// run easy, with company, still reads about the usual heart rate).
	easyLongHRBelow = 8
	// longRunSlowerShare: a long run at this share of the speed of the
	// runner's recent long runs or slower is at long-run effort.
	longRunSlowerShare = 0.98
	// TooFastShare: a run this much faster than the runner's typical pace at
	// its distance is no run of theirs (a ride or drive filed as a run, a
	// GPS fault): races are 5–30% faster than usual, and even a jogger who
	// races (usual 9 min/km, race 5:30) is not 80% faster.
	TooFastShare = 1.8
	// trainedPaceShare and trainedPaceRuns: a run with no heart rate no
	// faster than this share of the speed of trainedPaceRuns or more runs
	// of RecentLongShare of its length in the weeks before is of the
	// runner's training, not a race (recogniseRace's trainedPace; 3%: a
	// watch's slack between courses).
	trainedPaceShare = 1.03
	trainedPaceRuns  = 2
	// longRunStandardM: the standard distance that is also the marathon
	// build's long run. A weekend run of about 30 km, with nothing but its
	// length to say it was an event (no name, mark or race effort), is the
	// long run of a build, not a 30K race: runners enter halves and
	// marathons to cover the distance among a crowd, while a 30 km long
	// run is a staple of marathon plans (held-out real-123's 30.7 km of
	// 15 Oct 2023 at 5:22/km and heart rate 159, a week before his
	// marathon; the casebook race check's 22 such 29.4-31.1 km finds: none
	// judged a race, four judged training). A 30K raced still reads by
	// its pace or heart rate.
	longRunStandardM = 30000
	// LongHabitShare: a long run with two runs of the LongestBeforeDays
	// before it at least this share of its distance is of a weekly habit.
	LongHabitShare = 0.9
)

// RecogniseRace decides whether a run was a race: the runner's mark first,
// then the source's flag, words in its name (in several languages), and a
// standard race distance or a long run backed by an effort against the
// runner's usual (pace markedly faster than their typical runs of that
// length, or heart rate near maximum) and the day (weekend mornings).
func RecogniseRace(r RaceRun, ctx RaceContext) RaceCall {
	c := recogniseRace(r, ctx)
	if c.Race && c.Cue == CueHR && ctx.MaxHR > 0 && ctx.MeasuredMaxHR <= 0 {
		// A race by its heart rate's share of a maximum that is only the
		// population's guess: when another cue reads it a race without
		// the guess (a half's distance on a weekend), that reading
		// stands; else it is a race whose time sets no VDOT, a result
		// only if the guess is right (held-out real-22, who never raced:
		// weekend runs at 88% of a default 190 would set a VDOT of 38
		// against his sustained runs' 48).
		bare := ctx
		bare.MaxHR = 0
		if b := recogniseRace(r, bare); b.Race {
			return b
		}
		c.NoVDOT = true
	}
	return c
}

func recogniseRace(r RaceRun, ctx RaceContext) RaceCall {
	nominal, std := nearStandardNamed(r.DistanceM, r.Name)
	call := RaceCall{StandardM: std, Nominal: nominal}
	call.EverydayHR = r.AvgHR > 0 && r.MovingS >= minRaceS && !raceHR(r, ctx)
	// Set here for a race recognised by its mark, flag or name too: a named
	// race run at a race heart rate is raced (effortAgg.bestRace,
	// speedRace). The other uses read it only with a race's pace (Fast)
	// or for races found by their effort.
	call.RaceHR = raceHR(r, ctx)
	call.EasyHR = hrEasy(r, ctx)
	// However it was recognised, a race over climbs (or typed a trail race
	// with its climbing unknown) sets no VDOT: its time is not flat running.
	noVDOT := r.ClimbHeavy() || r.TrailUnmeasured()
	if r.Mark != nil {
		call.Race, call.Cue = *r.Mark, CueMark
		call.Reason = "marked a race by you"
		if !call.Race {
			call.Reason, call.Cue = "marked not a race by you", ""
		}
		call.NoVDOT = call.Race && noVDOT
		return call
	}
	if r.Flag {
		call.Race, call.Reason, call.Cue = true, "marked a race", CueFlag
		call.NoVDOT = noVDOT
		return call
	}
	if c, ok := trackRace(r, ctx); ok {
		return c
	}
	if r.DistanceM <= 0 || r.MovingS < minRaceS && r.DistanceM < 4900 {
		return call
	}
	name := withoutNotRacePhrases(strings.ToLower(r.Name))
	training := trainingName(name)
	_, labelToken := NameLabel(r.Name)
	// defaultName: the run's name, with a weak race word and no distance,
	// titles LabelMinRuns or more of the runner's runs of the year and a
	// defaultNameShare of them (LabelRuns): their app's default title for a
	// run, whose weak word names no race (held-out real-100, a Garmin list
	// in Portuguese: 388 of her runs titled "Corrida", run and race alike
	// in Portuguese; 52 of them read as races by the name at a tempo's
	// pace, a brick run after a long ride among them). The run is judged
	// as an unnamed one; a name of its own ("Corrida de São Silvestre")
	// still counts.
	defaultName := labelToken == "" && ctx.LabelRuns >= LabelMinRuns
	distanceLabel := !training && defaultName && bareDistanceName(name) && !call.RaceHR
	if distanceLabel {
		// A race distance's bare name on LabelMinRuns or more of the
		// runner's runs of the year before, this one not at a race heart
		// rate: their name for a run of that length, not an event; judged
		// as an unnamed run (its pace may still make it a race). Held-out
		// real-120 titled 49 Sunday long runs "半马" (half marathon) at his
		// everyday heart rate, every one read as a half marathon race: his
		// last race was always last Sunday, so three months after his May
		// marathon, in weeks at his usual, "nothing stands out" (sparked)
		// where a coach asks for the next goal.
		name = ""
	}
	if !training && bareDistanceName(name) && r.DistanceM < namedStandardShort*namedDistance(name) && !call.RaceHR {
		// A race distance's bare name ("marathon", "半马") on a run well
		// short of that distance (under namedStandardShort of it), not at
		// a race heart rate: the title names the goal the run trains for
		// or the pace it was run at, not an event; judged as an unnamed
		// run. Held-out real-53 titled the runs of his marathon build
		// "marathon" (17.5, 32.0, 24.1 and 12.3 km, and a "10k marathon"
		// of 31.3 km; marathon-pace blocks among them) and the race itself
		// "🏁 Marathon": each was read as a race (his 24.1 km of 19 Mar
		// 2023, at a race heart rate, stays one). At a race heart rate the
		// name may be the event's, run over a shorter course of its day
		// ("马拉松" on real-18's 12.5 km at heart rate 185-186 and real-27's
		// 21.4 km at 178); a race cut short says so ("DNF"), and an
		// event's own name is no bare distance.
		name = ""
	}
	if !training && labelToken != "" && ctx.LabelRuns >= LabelMinRuns && !strongRaceName(name) {
		// The runner's own log label with a distance in it ("RUN - 5K",
		// "RUN - 10K", "RUN - 20K"), used on many runs of different
		// lengths: the distance names the day's plan, not an event
		// (held-out real-81 2021-11-13: a Saturday "RUN - 20K" at his easy
		// heart rate, after 49 "RUN - 5K", 16 "RUN - 10K" and "RUN - 7K",
		// "RUN - 15K" runs, read as a 20K race; his races say "RACE").
		training = true
	}
	if !training && planRaceDay(r) {
		// A watch plan's race-day session ("10K Race", "Half Marathon
		// Race"), run from home: the title is the plan's, not an event's
		// (held-out real-112: three "10K Race" of exactly 10.000 km and a
		// "Half Marathon Race" of 21.100 km, each stopped by the watch at
		// its target, and one of 15.17 km, the session cut short).
		call.Reason = "titled as a plan's race day and ended at its target distance: a session of the plan, not an event"
		return call
	}
	if !training && (strongRaceName(name) || cityRaceName(r.Name)) {
		if soloNamedEffort(r, ctx) {
			// A race's name on a weekday run at the runner's everyday
			// heart rate and not at a race's pace: a distance run alone and
			// named for its length (held-out real-41's Tuesday 22.3 km
			// "Half Marathon" at HR 163, his median 162, top fifth 167, at
			// 5:11/km, 6% faster than his usual at that distance), not an
			// event.
			call.Reason = "named like a race, but on a weekday at your everyday heart rate and pace: a run alone"
			return call
		}
		call.Race, call.Reason, call.Cue = true, "named a race", CueName
		// A race not finished has no finishing time: its distance is where
		// the runner stopped, its time no result.
		call.NoVDOT = noVDOT || anyWord(name, dnfWords)
		return call
	}
	if r.Treadmill {
		// A run on a treadmill (or a virtual run indoors) is a session, not
		// a race, however hard or fast: road races are run on roads. Its
		// name, a flag or the runner's mark still make it one (a virtual
		// race). Held-out real-63's 5.0 km rep of 12 Feb 2025 at 4:34/km and
		// HR 174, between a 2 km warm-up and a 3 km rep on the treadmill,
		// and his treadmill 5.1 km of 13 Jul 2025 at 3:55/km after a gym
		// session, both read as 5K races.
		call.Reason = "on a treadmill: a session, not a race"
		return call
	}
	speed := r.DistanceM / max(r.MovingS, 1)
	faster := 0.0
	if ctx.TypicalSpeedMS > 0 && r.MovingS > 0 {
		faster = speed/ctx.TypicalSpeedMS - 1
	}
	hrShare := 0.0
	if ctx.MaxHR > 0 && r.AvgHR > 0 {
		hrShare = r.AvgHR / ctx.MaxHR
	}
	call.RaceMorning = weekendMorningStart(r.Start)
	hard := r.MovingS >= 20*60 && (hrShare >= raceHRShare || r.MovingS >= 90*60 && hrShare >= raceHRLongShare) &&
		(ctx.TypicalHR <= 0 || r.AvgHR >= ctx.TypicalHR+raceHRAboveUsual)
	// On a climb-heavy run the pace against flat running says nothing of
	// the effort (a steady mountain 20 km is "faster" than long days of
	// walking the climbs): only the heart rate, a name or a flag can tell.
	// Nor is a long run (15 km or more) "faster than usual" at a heart rate
	// well below the usual of the two years a race: the ground was easier,
	// not the effort harder (a flat road half of an ultra runner whose usual
	// is set by mountain days). A shorter run has a rule of its own below.
	// A run typed a trail run whose climbing is unknown is the same: for
	// all anyone knows it climbed (the runner's trail runs range from
	// runnable paths to mountain days walked, so even their usual trail
	// pace says nothing of this one's effort).
	climb := r.ClimbHeavy() || r.TrailUnmeasured()
	paceFaster := faster
	// Unless the ground is the runner's own: a half or longer at a
	// standard distance, on a weekend morning, a race's margin
	// (raceFasterShare) faster than their long runs of the weeks before on
	// ground of its kind (RecentLongSpeedMS, RunKind) was an effort, not
	// easier ground, whatever the heart rate read (a wrist reading low, a
	// race run within oneself). Held-out real-96 2025-03-30: a Sunday
	// 07:11 21.3 km at 5:30/km, 15% over his usual and his 15 km long runs
	// of March (6:11-6:23/km at heart rate 163-172), at a mean 152 against
	// a usual 164: his second half marathon, read as no race. A mountain
	// runner's flat road half has no long runs of its kind before it and
	// stays under the rule.
	ownGround := call.RaceMorning && std >= halfM && ctx.RecentLongSpeedMS > 0 && speed >= raceFasterShare*ctx.RecentLongSpeedMS
	if climb || r.DistanceM >= LongRunCheckM && r.AvgHR > 0 && ctx.TypicalHR > 0 && r.AvgHR <= ctx.TypicalHR-easyLongHRBelow && !ownGround {
		paceFaster = min(faster, 0)
	}
	// A shorter race (a 5K, a 10K) is run at a heart rate well above the
	// runner's usual runs: one "faster than usual" at their usual heart
	// rate or below was a tempo run or easier ground, not a race (real-05
	// 2026-01-20: a Wednesday lunch 5 km 10% faster than usual at a mean
	// 137 against a usual 140; held-out real-18's track session at 153
	// against 162). A race by heart rate or by name still counts.
	if r.DistanceM < LongRunCheckM && r.AvgHR > 0 && ctx.TypicalHR > 0 && r.AvgHR <= ctx.TypicalHR {
		paceFaster = min(faster, 0)
	}
	// Nor is a run with no heart rate "faster than usual" a race when a
	// longer run of the weeks before was as fast for its length (Riegel):
	// the runner's training already goes that fast, so this was a tempo
	// run or a good day, not an event (held-out real-31 2025-10-13: a
	// 5.0 km at 4:36/km with no heart rate, three weeks after 8.2 km at
	// 4:45/km). With heart rate the effort is measured (hard above); the
	// pace against longer runs then stays a race cue, and a VDOT effort
	// (real-28's 10K of May 2020: without it his VDOT fell from 37.5 to
	// 28.2 against a race VDOT of 41.0).
	// Unless the run's name names the standard distance it measured (a
	// title like "Mission Inn 5k" on a 4.96 km, no training word in it):
	// a titled event at its distance is held against the usual pace, not
	// against a longer run of the weeks before, which may have been a race
	// itself (held-out real-99 2019-11-10: a 16:04 "Mission Inn 5k" on a
	// cross-country course, three weeks after his "Highlander 8k" in
	// 25:45, worth 15:17 at 5 km; the 5K, 35% faster than his usual pace,
	// was read as a tempo run and set no VDOT, in the training picture and
	// in the spark alike: one context, one verdict).
	titled := std > 0 && namedDistance(r.Name) == std && !trainingName(withoutNotRacePhrases(strings.ToLower(r.Name)))
	if r.AvgHR <= 0 && ctx.LongerEquivS > 0 && r.MovingS >= tempoEquivShare*ctx.LongerEquivS && !titled {
		paceFaster = min(faster, 0)
	}
	// Nor, at any distance, is a run a race by its pace when its heart
	// rate, known against a known maximum, stayed under what a race of
	// any length is run at (raceHRFloorShare: the low end of Daniels'
	// marathon effort; a 5K to half is run higher still). Its speed came
	// from the ground (a flat road run of a mountain runner), not from the
	// effort (held-out real-21's weekday 15 km and 10 miles at 76-78% of
	// his maximum, 17-35% "faster than usual", and a Saturday 30 km at
	// 73%: a race's result they are not, nor a VDOT). A name, a flag, the
	// runner's mark and the distance rules still count.
	if paceHRLow(r, ctx) {
		paceFaster = min(faster, 0)
	}
	fast := paceFaster >= raceFasterShare-1
	wd := r.Start.Weekday()
	weekendMorning := call.RaceMorning
	weak := !training && !defaultName && !sportTypeTitle(name) && weakRaceName(name)
	// Nor is a shorter run (under LongRunCheckM) with no race word a race
	// by its pace alone when its heart rate is known and stayed under the
	// runner's race level by their own measure (raceHR: their hardest fifth
	// of runs, or raceHRShare of their measured maximum), and it was under
	// tempoFasterShare faster than their usual:
	// 8-15% over the usual pace at the distance is a tempo run's or a good
	// day's margin, and a 5K or 10K raced is run at a heart rate among the
	// runner's hardest (held-out real-55 2025-09-14: a Sunday-afternoon
	// 5.1 km at 4:55/km, 9% faster than usual, at a mean 159 while his
	// hardest fifth of runs read 160 and more; real-34, real-37, real-39's
	// weekday 5-10 km at 9-14% and an everyday heart rate, runners the
	// sources say never raced). A margin of tempoFasterShare or more is past a
	// tempo's and still reads a race (held-out real-20's Tuesday 5K of
	// 18 Feb 2025, 17% faster than usual at 152).
	// The same holds on a weekend morning, when the smaller margin of a
	// weekend would otherwise make it a race: a 5K or 10K raced on a
	// Saturday morning is run at a heart rate among the runner's hardest
	// too, and one at their everyday heart rate is their weekend run
	// (held-out real-34's Saturday and Sunday 10 km at 6-10% over his usual
	// pace and a mean 135-138, his hardest fifth 141 and over; the true
	// short races of the casebook, real-48's, 49's, 51's and 53's weekend
	// 5K and 10K, were run at 163-181, among their hardest).
	tempo := !weak && r.DistanceM < LongRunCheckM && r.AvgHR > 0 && r.MovingS >= minRaceS &&
		(ctx.HighHR > 0 || ctx.MeasuredMaxHR > 0) && !call.RaceHR && paceFaster < tempoFasterShare-1
	if tempo {
		fast = false
	}
	// Nor is a shorter run a race by its pace when the runner ran its
	// distance as fast at least recentAsFastRuns times in the
	// RecentPaceDays before (RecentAsFast), off a weekend morning: the
	// pace is theirs of late, a good day of a runner whose usual of the
	// two years is slower than their form now, or their weekly hard run
	// (held-out real-39's Tuesday and Thursday 20:00 5 km at 6:19-6:34/km,
	// each after three to seven as fast since the summer; real-40's and
	// real-41's weekday 5 km). A race stands out from the weeks before it.
	// On a weekend morning the weekly 5K as fast as the last ones is a
	// parkrun, a race all the same; a name, a flag or the mark still count.
	if fast && !weak && r.DistanceM < LongRunCheckM && !weekendMorning && ctx.RecentAsFast >= recentAsFastRuns {
		fast = false
	}
	// Nor is a shorter run with no heart rate a race by its pace alone,
	// off a weekend morning, when the runner's pace at its distance is
	// routine: of routineYearRuns or more runs of its kind and about its
	// distance in the year before its day (YearAtDistance), routineNearRuns
	// or more came within routineNearShare of its speed (YearNearPace).
	// Such a run is the runner's faster end of a habit, not an effort that
	// stands out; with no heart rate, no name and no race's hour nothing
	// else says it was raced (held-out real-76, a phone-app runner whose
	// list holds no race: 24 weekday and weekend-afternoon 5-10 km at
	// 8-30% over a usual pulled down by 3 km jogs, most after two to
	// eighteen runs of the year within a tenth of their pace; real-52's,
	// real-33's and real-36's weekday 5 km likewise). A run that stands out
	// from the year (real-01's Monday-evening 5K of 30 May 2016, no run of
	// the year within a tenth of it, the race behind his VDOT) or a runner
	// with too few runs at the distance to know a habit (real-11's 5K of
	// 24 Mar 2021, one of six of the year) keeps the pace cue.
	if fast && !weak && r.DistanceM < LongRunCheckM && !weekendMorning && r.AvgHR <= 0 && ctx.RoutinePace() {
		fast = false
	}
	// Nor is a run of any length a race by its pace alone, off a weekend
	// morning, when its heart rate is known and stayed under the runner's
	// race level (raceHR: their hardest fifth of runs, or a race's share of
	// their measured maximum) and its pace is one they repeat: of
	// routineYearRuns or more runs about its distance in the year before
	// its day, routineCloseRuns or more came within routineCloseShare of
	// its speed (RoutineEffort). A pace outlier against the usual needs the
	// heart rate or the day behind it; an effort run again and again in
	// training at an everyday heart rate is the runner's tempo or long run
	// of now, their usual of two years pulled down by easy doubles or an
	// older, slower season (held-out real-86, 90-160 km a week and no race:
	// his Wednesday and Sunday 15-21 km at 4:06-4:20/km and a mean 148-166,
	// his hardest fifth 165 and over, read "10-15% faster than usual" after
	// three to fifteen runs of the year as fast within 5%; real-02's
	// Thursday 20 km). The tempo rule above covers shorter runs by their
	// margin; this one covers the long ones, where a race at an everyday
	// heart rate is common (a half run at a wrist sensor's low reading,
	// real-03's Tuesday half of 21 May 2024 at 147 against 157, is no
	// repeated effort: two runs of its year came that close).
	if fast && !weak && !weekendMorning && r.AvgHR > 0 && r.MovingS >= minRaceS && !call.RaceHR &&
		(ctx.HighHR > 0 || ctx.MeasuredMaxHR > 0) && ctx.RoutineEffort() {
		fast = false
	}
	// Nor is a run shorter than a 20K a race by its pace or heart rate
	// alone (no race word: a word that also names an ordinary run keeps
	// its own rule) when it started on a school night (schoolNightStart: Sunday to Thursday,
	// from 21:00 until 04:00), unless its heart rate reached a race's
	// share of the runner's measured maximum (raceHRofMax). Road races
	// on a working week's evening start by 20:00; a hard 5-15 km started
	// later than that, the night before a working day, is the runner's
	// night run, however fast against their usual or high against their
	// hardest fifth of heart rates, which a fifth of their runs reach by
	// definition (held-out real-86, no race in his list: Monday to
	// Wednesday 21:20-22:10 runs of 10-15 km at 4:11-4:23/km and HR
	// 157-176; real-97's Monday to Thursday 22:00 5 km at HR 172-183).
	// Weekend nights keep the rules (a midsummer night 10K on a Friday
	// night, held-out real-50; Saturday-evening races), and so do halves
	// and longer (a weekday-evening half is a race the casebook lists:
	// real-13's Wednesday 21:10 half).
	if !weak && schoolNightStart(r.Start) && r.DistanceM < nightRaceMaxM && !raceHRofMax(r, ctx) {
		fast, hard = false, false
	}
	// Nor is a long run (LongRunCheckM or more) a race by its pace or heart
	// rate alone (no race word: a word that also names an ordinary run
	// keeps its own rule) when it started at a working day's dawn
	// (workdayDawnStart: Monday to Friday, 04:00 until 08:00), the runner
	// covered RecentLongShare of its length habitLongRuns or more times in
	// the LongestBeforeDays before it (RecentLongRuns), and its heart rate,
	// when known, was above their typical (a hard session's: one at an
	// everyday heart rate is left to the rules of everyday efforts) and
	// under a race's share of their measured maximum (raceHRofMax). Road
	// races on a working day start in the evening; a long run before work
	// at a length the runner covers every week is their training, however
	// fast against the two years' usual or high against their hardest fifth
	// of heart rates (held-out real-128, who never raced: Tuesday to Friday
	// 05:15-07:19 runs of 15-22 km at 5:19-6:06/km and heart rate 154-163
	// in the summer he went from 6:20/km to 5:30/km, after ten to thirteen
	// runs of 60% of their length in the four weeks before, each read as a
	// 10-mile, 15K or half marathon race "11-22% faster than usual";
	// real-86's Tuesday 07:31 21.8 km). A race on a holiday's dawn stands
	// out from the weeks before it by its length (real-31's listed half of
	// Monday 2 Mar 2026 at 06:33, with no run over 12.8 km in the four weeks
	// before) and keeps the rules. Shorter runs keep them too: every runner
	// covers 60% of a 5K or 10K each week, and holidays' dawn races are
	// mostly of those lengths.
	if !weak && r.DistanceM >= LongRunCheckM && workdayDawnStart(r.Start) && ctx.RecentLongRuns >= habitLongRuns &&
		(r.AvgHR <= 0 || ctx.TypicalHR <= 0 || r.AvgHR > ctx.TypicalHR) && !raceHRofMax(r, ctx) {
		fast, hard = false, false
	}
	// Nor is a run a race by its pace or heart rate alone (no race word)
	// when another run of its day was about as long, as fast (within 5%)
	// and as hard by heart rate (SameDayRepeat): one race a day is run,
	// with a slower warm-up and cool-down around it, and two such efforts
	// of a day are a session's repeats or a hard double (held-out
	// real-86, no race in his list: two 5.0 km at 3:55 and 3:46/km and HR
	// 168-174 between a 3 km warm-up and a 2 km cool-down on Monday
	// 27 Nov 2023, and 10.3 and 10.4 km at 4:13 and 4:22/km in the morning
	// and the night of Monday 9 Oct 2023, all four read as 5K and 10K
	// races).
	if !weak && ctx.SameDayRepeat {
		fast, hard = false, false
	}
	// Nor is a run with no heart rate a race by its pace alone (no race
	// word), on any day and at any hour, when the runner ran
	// trainedPaceRuns or more runs of at least RecentLongShare of its
	// length in the LongestBeforeDays before it and their median speed
	// (RecentLongSpeedMS) was within trainedPaceShare of its own or faster:
	// their training of the weeks before already goes that fast over most
	// of the distance, so the run is one more of it, its margin over the
	// two years' usual the runner's form of now (held-out real-117, no
	// heart rate: a Sunday 06:28 20.2 km at 5:07/km after fourteen runs of
	// 12 km and more at a median 5:01/km, read as a 20K race "6% faster
	// than usual"; real-103's weekday-evening 10 and 15 km). A race stands
	// out from the training of the weeks before it by its pace. A half on a
	// weekend far over the usual run keeps its distance rule below: an
	// event run with company is often no faster than the weeks' long runs
	// (real-01's half of 22 May 2016 at 5:25/km, real-08's of 31 Aug 2024).
	trainedPace := !weak && r.AvgHR <= 0 && ctx.RecentLongRuns >= trainedPaceRuns && ctx.RecentLongSpeedMS > 0 &&
		speed <= trainedPaceShare*ctx.RecentLongSpeedMS
	if trainedPace {
		fast = false
		paceFaster = min(paceFaster, 0)
	}
	// Nor is a shorter run (under LongRunCheckM) on a weekday a race by its
	// heart rate alone (no race word, not a race's pace) when three or more
	// runs of its year about its distance came within routineCloseShare of
	// its speed (YearClosePace): a pace the runner repeats in training, run
	// at a race's heart rate on a working day, is a hot day's or a
	// rebuild's run, when the heart rate runs high for the pace (held-out
	// real-116's Wednesday-evening and Friday-noon 10 km of 6 and 15 August
	// 2025 at 4:39-4:43/km and HR 158-159, 88-89% of his maximum, a month
	// after a two-week stop, each after three to eleven runs of the year as
	// fast within 5%: read as 10K races). A race on a weekday is run at a
	// pace that stands out from the runner's training (real-20's Tuesday
	// 5K, 17% over the usual), or named.
	if hard && !fast && !weak && r.DistanceM < LongRunCheckM && wd != time.Saturday && wd != time.Sunday &&
		ctx.YearClosePace >= routineCloseRuns {
		hard = false
	}
	// Nor is a long run (LongRunCheckM or more) a race by its pace or
	// heart rate alone (no race word), on any day and at any hour, when it
	// was run at the effort of the runner's long runs of the weeks before
	// (inLongBlock: a heart rate under raceHRAboveUsual over theirs, a
	// speed under longBlockFaster of theirs) and at a pace they repeat in
	// training (RoutineEffort): a runner whose weekly long run is hard, at
	// the heart rate of their hardest fifth of runs, runs one more of the
	// block, not an event (held-out real-86, no race in his list: Sunday
	// 06:39 and 06:44 runs of 21.1 km at 4:21-4:24/km and HR 168-170,
	// after 21.1-21.2 km Sundays at HR 168-172 and six runs of the year as
	// fast within 5%, read as halves by the weekend morning's margin and
	// his hardest fifth of heart rates). A half raced after such a block
	// is run harder than it (real-60's of 2024 and 2025 at HR 173-174
	// against a block at 153-155; real-54's of 2017 at 172 against 156);
	// a block of the weeks before with fewer than three runs as fast in
	// the year is no routine (real-13's Wednesday-night half of 2025).
	if !weak && r.DistanceM >= LongRunCheckM && ctx.RoutineEffort() && inLongBlock(r, ctx, speed) {
		fast, hard = false, false
		paceFaster = min(paceFaster, 0)
	}
	// A run its watch read 2-3% short of a standard distance
	// (racedStandardShort), raced by its pace, its heart rate (the
	// runner's own race level) and its day (a weekend morning, when road
	// races start), is that race, as a run named for the distance would
	// be: the watch cut the corners (held-out real-64's Decathlon 5K of
	// Sunday 21 Jul 2024, 07:00, 4.858 km in 30:34 at HR 186, the highest
	// of his runs of 12 minutes or more, "its 5K to me" in his note, was
	// no race and his VDOT came from an unnamed 9.9 km with no heart
	// rate: 23.8 against the 5K's 30.1).
	if std == 0 && fast && call.RaceHR && weekendMorning {
		nominal, std = nearStandardShort(r.DistanceM)
		call.StandardM, call.Nominal = std, nominal
	}
	// A run at the runner's long-run effort of the weeks before (slower
	// than their recent long runs), started outside a weekend morning,
	// carries no race cue: a long run, not an event. (At the recent long
	// runs' pace it stays ambiguous: a hard runner's half on a Sunday
	// evening at the pace of last week's hard 16 km is kept an event.)
	longRunEffort := ctx.RecentLongSpeedMS > 0 && speed <= longRunSlowerShare*ctx.RecentLongSpeedMS && !weekendMorning
	// farSlower: more than weakSlowerShare slower than the runner's usual
	// pace at that distance, on ground that says the pace is the effort.
	farSlower := ctx.TypicalSpeedMS > 0 && faster < weakSlowerShare-1 && !climb
	effortCue := func() string {
		if hard && !fast {
			return CueHR
		}
		return CuePace
	}
	effortWords := func() string {
		switch {
		case fast:
			return itoa(int(math.Round(faster*100))) + "% faster than your usual pace at that distance"
		case hard:
			return "mean heart rate " + itoa(int(math.Round(hrShare*100))) + "% of your maximum"
		}
		return itoa(int(math.Round(faster*100))) + "% faster than your usual pace, on a weekend morning"
	}
	// Whether it is a run of the runner's at all is judged against their
	// usual on other days (TypicalAsideMS).
	alien := faster
	if ctx.TypicalAsideMS > 0 && r.MovingS > 0 {
		alien = speed/ctx.TypicalAsideMS - 1
	}
	switch {
	case training:
		return call
	case alien >= TooFastShare-1:
		call.Reason = itoa(int(math.Round(alien*100))) + "% faster than your usual pace at that distance: not a run of yours"
		return call
	case ctx.HRUnsupported:
		call.Reason = "faster than your heart rate carries: its speed is a fifth above your runs at as high a heart rate, not an effort of yours"
		return call
	case ctx.SameDayOutpaced && alien >= clusterFasterShare-1:
		call.Reason = itoa(int(math.Round(alien*100))) + "% faster than your usual pace, the same day as a run too fast to be yours: one outing, not a run"
		return call
	case std > 0 && (fast || hard && (ctx.MeasuredMaxHR > 0 || wd == time.Saturday || wd == time.Sunday) && (ctx.TypicalSpeedMS <= 0 || faster >= raceHRFaster-1 || climb) || weekendMorning && !tempo && paceFaster >= raceFasterWeekend-1):
		// (A heart rate near a maximum that is only the population's
		// guess, the runner's own unknown, is a race's effort only with a
		// second cue: a weekend, when road races are held, here; a race's
		// pace or name elsewhere. Real maxima spread some 10 bpm either
		// side of the formulas, so 88% of a guessed 190 is anything from a
		// tempo to a race: held-out real-55's Thursday-afternoon 5.0 km of
		// 4 Sep 2025 at HR 168, 3-8% faster than his usual, one of his
		// weekday hard runs at 165-170.)
		call.Race, call.Reason, call.Cue = true, nominal+" distance, "+effortWords(), effortCue()
	case weak && farSlower:
		// A race-distance word ("5K", "half", "Lauf") in the title of a run
		// far slower than the runner's usual pace at that distance names a
		// workout, not a race: a guided phone-app "5K Run" at 8:04/km from
		// a runner whose usual 5 km is about 6:15 (held-out real-48
		// 2025-06-05, HR 169 against a default maximum).
		return call
	case weak && (fast || hard || std > 0 && weekendMorning && paceFaster >= raceFasterWeekend-1):
		// A race word that also names an ordinary run ("5k", "10k",
		// "Course à pied", "Lauf") takes the weekend morning's smaller
		// margin only on a weekend morning: off one it needs a race's pace
		// or heart rate, as an unnamed run does (held-out real-22, who never
		// raced: a Friday 22:44 "5k" 6% faster than usual set his VDOT;
		// real-53's Friday-lunch "Course à pied" 10.3 km, real-54's weekday
		// "5k" and "10k" runs of 10.3 and 16.3 km).
		call.Race, call.Reason, call.Cue = true, "named like a race, "+effortWords(), effortCue()
	case std == marathonM && (wd == time.Saturday || wd == time.Sunday) && faster >= marathonSlowerShare-1:
		// A marathon's distance on a weekend at the runner's own pace or
		// better: few run 42 km alone, and a first or slow marathon is not
		// faster than their usual runs.
		call.Race, call.Reason, call.Cue = true, nominal+" distance on a weekend", CueDistance
	case std == marathonM && (wd == time.Saturday || wd == time.Sunday) && ctx.Annual:
		// A marathon's distance on the weekend the runner ran one in an
		// earlier year: the city's annual marathon, however slow this
		// year's (a hot morning, a year of mountain running; held-out
		// real-21's last-Sunday-of-November marathons in Panama, one of
		// them slower than a faster 42 km of the year before).
		call.Race, call.Reason, call.Cue = true, nominal+" distance on a weekend, on the weekend you ran one in an earlier year", CueDistance
	case r.DistanceM >= UltraM && dayOnFoot(r, ctx, speed, climb):
		// An ultra's length at a walking pace, half the runner's own or
		// slower, with nothing to show an effort (no heart rate, no climb,
		// no race's name) and nothing of half its length run in the weeks
		// before: a long walk or an organised walking day filed as a run,
		// not an ultra the runner trained for (held-out real-57's untitled
		// 55 km of 6 May 2023 in nine hours at 9:46/km, a road runner of
		// 4:00-5:10/km whose longest run of the month before was 12 km).
		call.Reason = "an ultra's length (" + itoa(int(math.Round(r.DistanceM/1000))) + " km) at a walking pace, with no heart rate and nothing near its length in the weeks before: a day on foot, not a race"
		return call
	case r.DistanceM >= UltraM && ctx.TypicalDistanceM > 0 && r.DistanceM >= longEventFactor*ctx.TypicalDistanceM &&
		overLongRuns(r.DistanceM, ctx) && !ultraBuildLongRun(r, ctx):
		// An ultra: few run 45 km or more alone on a whim, and the days
		// after one are a race's days whatever its pace. Its time sets no
		// VDOT (walking, climbing and a night say more than fitness).
		call.Race, call.Reason = true, "an ultra distance ("+itoa(int(math.Round(r.DistanceM/1000)))+" km), "+
			itoa(int(math.Round(r.DistanceM/ctx.TypicalDistanceM)))+"× your usual run"
		call.StandardM, call.Nominal, call.Cue = 0, "", CueUltra
		return call
	case std >= halfM && std != longRunStandardM && (wd == time.Saturday || wd == time.Sunday) && ctx.TypicalDistanceM > 0 &&
		r.DistanceM >= longEventFactor*ctx.TypicalDistanceM && overLongRuns(r.DistanceM, ctx) &&
		faster >= longEventShare-1 && !easyLong(r, ctx, faster) && !longRunEffort && !habitLongRun(r, ctx) &&
		!inLongBlock(r, ctx, speed):
		// A half marathon (or longer) on a weekend, far longer than their
		// usual run and than their long runs of the weeks before, with no
		// heart rate to show the effort: an event, not a long run on a
		// whim, even run slower than their usual pace (an event's crowd,
		// heat or company; the runner's 15 km runs do not make it training).
		call.Race, call.Reason, call.Cue = true, nominal+" distance on a weekend, "+itoa(int(math.Round(r.DistanceM/ctx.TypicalDistanceM)))+"× your usual run", CueDistance
	case r.DistanceM >= 25000 && hard && (weekendMorning || faster >= 0) && ctx.SecondLongestBeforeM < LongHabitShare*r.DistanceM &&
		!atRecentHR(r, ctx):
		// Trail and ultra races: long, hard, rarely a standard distance;
		// but not a distance the runner covered twice in the weeks before
		// (within LongHabitShare): a marathon build's weekly long run at a
		// summer heart rate is a long run (held-out real-38 2024-09-14:
		// 25.8 km at HR 174 after 24.2, 24.2 and 25.8 km Saturdays).
		// Nor one at the heart rate of the runner's runs of the weeks
		// before (atRecentHR): "hard" against the two years' usual is then
		// the runner's training of now, not a race's effort (held-out
		// real-63's solo Sunday 25.1 km of 29 Dec 2024 at HR 167, after
		// four weeks of runs at a median 165, 12-16 km at 170-176).
		call.Race, call.Reason, call.Cue = true, "a long hard effort ("+effortWords()+")", effortCue()
	}
	if call.Race && std == 0 {
		call.Nominal = ""
	}
	call.Fast = call.Race && fast
	call.NoVDOT = call.Race && noVDOT
	return call
}

// Walking days (dayOnFoot).
const (
	// walkingPaceMS: slower than this (8:46/km) is a walk's pace
	// (sportinfer's walk line).
	walkingPaceMS = 1.9
	// walkingDayShare: at this share of the runner's usual speed at the
	// distance or under, the day was walked, not run.
	walkingDayShare = 0.6
	// walkingDayPrepShare: an ultra is trained for; with no run of this
	// share of its distance in the LongestBeforeDays before, nothing
	// prepared it.
	walkingDayPrepShare = 0.5
)

// dayOnFoot reports whether a long run carries nothing of a race but its
// length: no heart rate to show an effort, no climbing or trail to explain
// its pace, a walk's pace and walkingDayShare of the runner's own or
// slower, and no run of walkingDayPrepShare of its length in the weeks
// before. Ultra races are walked in part too, but their runners know the
// distance (long runs of 25-40 km) and their watches read an effort; a
// road runner's nine hours at a walk's pace after a month of 10 km runs
// is a walking day.
func dayOnFoot(r RaceRun, ctx RaceContext, speed float64, climb bool) bool {
	return r.AvgHR <= 0 && !climb && speed < walkingPaceMS &&
		ctx.TypicalSpeedMS > 0 && speed <= walkingDayShare*ctx.TypicalSpeedMS &&
		ctx.LongestBeforeM < walkingDayPrepShare*r.DistanceM
}

// ultraBuildLongRun reports whether an ultra-length run came in a build of
// long runs about its length: habitLongRuns or more runs of the
// LongestBeforeDays before it at RecentLongShare of its distance or longer
// (RecentLongRuns), and not at a race heart rate by the runner's own
// measure (raceHR). An ultra race is the runner's outlier against their
// long runs of the weeks before, after a taper; a fourth run of 30 km and
// more in four weeks is the build's longest run (held-out real-63's
// Saturday 50.0 km of 23 Aug 2025 at HR 135, after 30.3 km three times and
// 43.0 km six days before, two weeks before his 110 km race, which came
// after no run of 66 km; of the casebook's 58 runs of 45 km and more no
// other followed more than one such run).
func ultraBuildLongRun(r RaceRun, ctx RaceContext) bool {
	return ctx.RecentLongRuns >= habitLongRuns && !raceHR(r, ctx)
}

// A plan's race-day session (planRaceDay).
const (
	// planTargetM: a run within this of the distance its title names
	// ended at the distance to the metre, as a watch's workout with a
	// distance target ends. A race course read by GPS is 1-6% long (a
	// 10K of 10.01-10.6 km, nearStandard), and one read to within 5 m of
	// its nominal distance is rare.
	planTargetM = 5
	// planShortShare: a run under this share of the distance its title
	// names did not cover the race it names (a GPS under trees reads a
	// race at most some 6% short: held-out real-67's "5km Race" of
	// 4.71 km).
	planShortShare = 0.85
)

// planTitleWord matches the words a plan's race-day title may hold besides
// the race word: a distance ("10k", "10 km", "half marathon", "10 mile").
var planTitleWord = regexp.MustCompile(`^(\d+([.,]\d+)?(k|km|mi|mile|miles|miler)?|k|km|mi|mile|miles|ten|half|marathon|halfmarathon)$`)

// planRaceDay reports whether the run is a training plan's race-day
// session: its title is a standard distance and the word "race" and
// nothing else ("10K Race", "Half Marathon Race": the names watch coach
// plans give the race day's workout, run from home), and the run ended at
// that distance to within planTargetM (the watch stopped the workout at
// its target) or covered under planShortShare of it, and it was recorded
// (a start to the second: every one of real-112's was). A race's own title
// names the event ("17th ATG 10K - RACE"), and its course read by GPS ends
// off the nominal distance (real-73's "5K Race" of 5.053 km).
func planRaceDay(r RaceRun) bool {
	n := strings.ToLower(strings.TrimSpace(r.Name))
	fields := strings.FieldsFunc(n, func(c rune) bool { return unicode.IsSpace(c) || c == '-' || c == ':' || c == '–' || c == '|' })
	race := false
	var rest []string
	for _, f := range fields {
		switch {
		case f == "race":
			race = true
		case planTitleWord.MatchString(f):
			rest = append(rest, f)
		default:
			return false
		}
	}
	d := namedDistance(strings.Join(rest, " "))
	if !race || d <= 0 || r.DistanceM <= 0 || r.Start.Second() == 0 {
		// (A start on the whole minute is a log typed by hand, or a
		// summary, whose races are typed at their nominal distance: only
		// a watch's recording, started to the second, ends at its target.)
		return false
	}
	return math.Abs(r.DistanceM-d) <= planTargetM || r.DistanceM < planShortShare*d
}

// soloNamedEffort reports whether a run named a race was run alone at an
// everyday effort: on a weekday (road races are held on weekends; a
// weekday's are few), with a known mean heart rate under a race effort by
// the runner's own measure (raceHR) and no higher than their usual runs'
// (RecentHR, else TypicalHR, plus raceHRAboveUsual), and not a race's pace
// either (under raceFasterShare of their usual pace at the distance): the
// name is then the only cue. A race, even a slow one, is run at a heart
// rate above the runner's everyday runs; a named distance run alone at the
// everyday effort is a milestone, not a result.
func soloNamedEffort(r RaceRun, ctx RaceContext) bool {
	wd := r.Start.Weekday()
	if wd == time.Saturday || wd == time.Sunday || r.AvgHR <= 0 || ctx.TypicalSpeedMS <= 0 || r.MovingS <= 0 {
		return false
	}
	usualHR := ctx.RecentHR
	if usualHR <= 0 {
		usualHR = ctx.TypicalHR
	}
	if usualHR <= 0 || r.AvgHR > usualHR+raceHRAboveUsual || raceHR(r, ctx) {
		return false
	}
	return r.DistanceM/r.MovingS < raceFasterShare*ctx.TypicalSpeedMS
}

// raceHR reports whether the run's mean heart rate, over minRaceS or
// more (a good runner's 5K lasts under 20 minutes), reached the runner's hardest fifth of runs (HighHR) or
// raceHRShare of their own measured maximum (raceHRLongShare over 90
// minutes): a race effort by the runner's own measure.
func raceHR(r RaceRun, ctx RaceContext) bool {
	if r.AvgHR <= 0 || r.MovingS < minRaceS {
		return false
	}
	if ctx.HighHR > 0 && r.AvgHR >= ctx.HighHR {
		return true
	}
	return raceHRofMax(r, ctx)
}

// raceHRofMax reports whether the run's mean heart rate reached a race's
// share of the runner's measured maximum (raceHR's second test), held
// minRaceS or more.
func raceHRofMax(r RaceRun, ctx RaceContext) bool {
	if r.AvgHR <= 0 || r.MovingS < minRaceS || ctx.MeasuredMaxHR <= 0 {
		return false
	}
	share := raceHRShare
	if r.MovingS >= 90*60 {
		share = raceHRLongShare
	}
	return r.AvgHR >= share*ctx.MeasuredMaxHR
}

// atRecentHR reports whether the run's mean heart rate is known and under
// raceHRAboveUsual over the median of the runner's runs of the
// LongestBeforeDays before it (RecentHR): the effort of their training of
// now. A race stands out from the weeks before it; a runner whose everyday
// runs read as high as a race's heart rate shows no race by it.
func atRecentHR(r RaceRun, ctx RaceContext) bool {
	return r.AvgHR > 0 && ctx.RecentHR > 0 && r.AvgHR < ctx.RecentHR+raceHRAboveUsual
}

// weekendMorningStart reports whether t (in the runner's zone) is a
// Saturday or Sunday between 6 and 11 h.
func weekendMorningStart(t time.Time) bool {
	wd := t.Weekday()
	return (wd == time.Saturday || wd == time.Sunday) && t.Hour() >= 6 && t.Hour() < 11
}

// schoolNightStart reports whether t (in the runner's zone) is on the
// night before a working day: from 21:00 on a Sunday to Thursday until
// 04:00 the next morning. A start at midnight to the second is a day with
// no time (a log of dates), not a night run.
func schoolNightStart(t time.Time) bool {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return false
	}
	s := t.Add(-4 * time.Hour)
	return s.Hour() >= 17 && s.Weekday() != time.Friday && s.Weekday() != time.Saturday
}

// workdayDawnStart reports whether t (in the runner's zone) is on a
// working day's dawn, Monday to Friday from 04:00 until 08:00 (the hours
// before that are schoolNightStart's), when runners train before work
// and no road race starts save on a holiday (a start at midnight, a day
// with no time, is none).
func workdayDawnStart(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday && t.Hour() >= workdayDawnFrom && t.Hour() < workdayDawnTo
}

// The working day's dawn (workdayDawnStart), in hours.
const (
	workdayDawnFrom = 4
	workdayDawnTo   = 8
)

// nightRaceMaxM: a school night's run this long or longer keeps the race
// rules (a 20K, a half, a marathon on a weekday evening).
const nightRaceMaxM = 19600

// raceHRFloorShare: no race from 5K to marathon is run at a mean heart
// rate under 80% of the maximum (Daniels' marathon pace, the slowest race
// effort, is 80-90% of HRmax; threshold and 10K-5K efforts 88-95%).
const raceHRFloorShare = 0.80

// paceHRLow reports whether the run's mean heart rate is known, the
// runner's maximum too, and the run stayed under raceHRFloorShare of it
// for minRaceS or more (a shorter run's mean still holds the first
// minutes' climb of the heart rate): no race effort, whatever its pace.
func paceHRLow(r RaceRun, ctx RaceContext) bool {
	return r.AvgHR > 0 && ctx.MeasuredMaxHR > 0 && r.MovingS >= minRaceS && r.AvgHR < raceHRFloorShare*ctx.MeasuredMaxHR
}

// habitLongRun reports whether a run with heart rate, under the runner's
// top fifth of mean heart rates (HighHR), came after habitLongRuns or more
// runs of the LongestBeforeDays days before at RecentLongShare of its
// distance or longer, of any kind (a trail long run is a long run): the
// runner runs long every week, and this one was no harder than their
// everyday runs, so a half or 30K's
// length on a weekend is a long run, not an event (held-out real-22's
// 22 km at HR 156 after five runs of 13–25 km at 153–161; real-21's 30 km
// at HR 116 after three of 18 km and more; real-34's weekend halves at
// 137–139). A racer's half or marathon after a build of long runs is run
// harder than that (real-01's half at 168 against a top fifth of 166);
// one after few long runs, or with no heart rate, keeps the distance rule.
func habitLongRun(r RaceRun, ctx RaceContext) bool {
	return r.AvgHR > 0 && ctx.HighHR > 0 && r.AvgHR < ctx.HighHR && ctx.RecentLongRuns >= habitLongRuns
}

// Long-run blocks (inLongBlock).
const (
	// LongBlockShare: the runs at least this share of a run's distance
	// are the long runs it is compared with.
	LongBlockShare = 0.75
	// LongBlockDays: the window of those long runs (eight weeks: a
	// fortnightly or three-weekly long run shows at least twice).
	LongBlockDays = 56
	// longBlockRuns: long runs with heart rate that make a block.
	longBlockRuns = 2
	// longBlockFaster: a run this much faster than the block's median
	// speed, or faster, stands out of it.
	longBlockFaster = 1.05
)

// LongBlock gathers the long runs of LongBlockDays before a run
// (RaceContext.LongBlockHR, LongBlockSpeedMS).
type LongBlock struct{ hrs, speeds []float64 }

// Add counts an earlier run of the same kind of runDist metres, speed and
// mean heart rate against a run of dist metres.
func (b *LongBlock) Add(dist, runDist, speed, hr float64) {
	if runDist >= LongBlockShare*dist && speed > 0 && hr > 0 {
		b.hrs, b.speeds = append(b.hrs, hr), append(b.speeds, speed)
	}
}

// Medians returns the block's median heart rate and speed, 0 with fewer
// than longBlockRuns long runs.
func (b *LongBlock) Medians() (hr, speed float64) {
	if len(b.hrs) < longBlockRuns {
		return 0, 0
	}
	return median(b.hrs), median(b.speeds)
}

// inLongBlock reports whether a run with heart rate was run at the effort
// of the runner's long runs of the weeks before, each at least three
// quarters of its length: its mean heart rate under raceHRAboveUsual over
// theirs and its speed under longBlockFaster of theirs. A runner whose
// long runs are always hard (at the heart rate others race at) runs a
// longer one of the block at the same effort: one more long run, not an
// event (held-out real-78's Sunday 22.0 km at 4:27/km and HR 163 after
// 17.9 and 18.6 km Sundays at 4:21-4:22 and HR 163-164; his 10 km race
// ran 3:33/km). A half raced after such a block is run harder or faster
// than the block.
func inLongBlock(r RaceRun, ctx RaceContext, speed float64) bool {
	return r.AvgHR > 0 && ctx.LongBlockHR > 0 && ctx.LongBlockSpeedMS > 0 &&
		r.AvgHR < ctx.LongBlockHR+raceHRAboveUsual && speed < longBlockFaster*ctx.LongBlockSpeedMS
}

// habitLongRuns: long runs of the four weeks before that make a habit.
const habitLongRuns = 3

// easyLong reports whether a run slower than the runner's usual pace was
// run with a mean heart rate well below their usual (of the two years, or
// of the four weeks before): an easy long run
// (a comeback's first long run, a long slow distance), not an event.
func easyLong(r RaceRun, ctx RaceContext, faster float64) bool {
	return faster < 0 && hrEasy(r, ctx)
}

// hrEasy reports whether the run's mean heart rate is easyLongHRBelow or
// more below the runner's usual, of the two years or of the four weeks
// before.
func hrEasy(r RaceRun, ctx RaceContext) bool {
	if r.AvgHR <= 0 {
		return false
	}
	return ctx.TypicalHR > 0 && r.AvgHR <= ctx.TypicalHR-easyLongHRBelow ||
		ctx.RecentHR > 0 && r.AvgHR <= ctx.RecentHR-easyLongHRBelow
}

// PaceBook gives a runner's typical speed at a distance, and typical mean
// heart rate, from their runs.
type PaceBook struct {
	dist, speed       []float64 // sorted by distance
	medDist, medSpeed float64   // over all the runs
	cache             map[int]float64
	// TypicalHR is the median mean heart rate of the runs with one, 0 when none.
	TypicalHR float64
	// HighHR is the mean heart rate that a fifth of the runs with one
	// reach (the highHRShare percentile), 0 with fewer than highHRRuns:
	// the runner's own hard days (RaceContext.HighHR).
	HighHR float64
	// hrRuns are the runs with a mean heart rate held long enough to
	// measure an effort (hrSupportMinS), highest heart rate first: what
	// speed the runner's heart rates carry (HRUnsupported).
	hrRuns []hrRun
	// kinds are the books of the runner's road and trail runs alone
	// (KindRoad, KindTrail), nil when the runs were given no kind: a
	// run's usual pace is that of the same kind of run (TypicalOf).
	kinds [2]*PaceBook
}

// DayRun is one run of a day, as the pace book holds it: distance
// (metres), speed (m/s) and kind (RunKind), and its mean heart rate (0
// unknown).
type DayRun struct {
	DistanceM, SpeedMS float64
	Kind               int
	AvgHR              float64
}

// sameDayHRBelow: a run of the day this far under a run's mean heart rate
// or closer was an effort too (a session's first repeat reads a few beats
// under the second; a warm-up or cool-down 25-35 under the effort).
const sameDayHRBelow = 10

// SameDayRepeat reports whether another run of the day of a run of d
// metres at speed m/s and mean heart rate hr (day holds that day's runs,
// the run itself among them) was about as long (AtDistanceBefore), at
// routineCloseShare of its speed or faster and at an effort's heart rate
// (known, and no more than sameDayHRBelow under hr): two efforts of one
// day, repeats of a session or a hard double, not a race (a race's day
// holds one effort, and a warm-up or cool-down around it, slower and
// easier).
func SameDayRepeat(d, speed, hr float64, day []DayRun) bool {
	if d <= 0 || speed <= 0 || hr <= 0 {
		return false
	}
	self := false
	for _, x := range day {
		if !self && x.DistanceM == d && x.SpeedMS == speed {
			self = true
			continue
		}
		if AtDistanceBefore(d, x.DistanceM) && x.SpeedMS >= routineCloseShare*speed && x.AvgHR > 0 && x.AvgHR >= hr-sameDayHRBelow {
			return true
		}
	}
	return false
}

// looMaxWindow: with more runs than this about a distance, the runs of one
// day move the median by a rank or two at most, and TypicalAside is the
// book's Typical (cached); with fewer they are taken out.
const looMaxWindow = 40

// TypicalAside is TypicalOf measured without the runs of the run's own day
// (day, the run itself among them): the usual is the runner's other days,
// not the run under test. A runner with few runs of a distance has no
// usual but that run (held-out real-33: three 5.1 km "runs" of one
// afternoon at 3:21–4:13/km, his only runs of 3.6–7.2 km in two years, set
// their own typical of 3:23/km). With fewer than 3 runs left about the
// distance, the median of all the runs scaled by Riegel stands in.
func (p *PaceBook) TypicalAside(m float64, kind int, day []DayRun) float64 {
	if p == nil {
		return 0
	}
	b := p
	if kind >= 0 && kind < len(p.kinds) && p.kinds[kind] != nil {
		b = p.kinds[kind]
	}
	if len(b.dist) < 3 || m <= 0 || len(day) == 0 {
		return b.Typical(m)
	}
	lo, _ := slices.BinarySearch(b.dist, 0.7*m)
	hi, _ := slices.BinarySearch(b.dist, 1.4*m)
	if hi-lo > looMaxWindow {
		return b.Typical(m)
	}
	speeds := slices.Clone(b.speed[lo:hi])
	dists := b.dist[lo:hi]
	removed := make([]bool, len(speeds))
	n := len(speeds)
	for _, r := range day {
		if b != p && r.Kind != kind {
			continue
		}
		for i := range speeds {
			if !removed[i] && dists[i] == r.DistanceM && speeds[i] == r.SpeedMS {
				removed[i] = true
				n--
				break
			}
		}
	}
	if n == len(speeds) {
		return b.Typical(m)
	}
	kept := speeds[:0]
	for i, s := range speeds {
		if !removed[i] {
			kept = append(kept, s)
		}
	}
	if len(kept) >= 3 {
		return median(kept)
	}
	return b.medSpeed * math.Pow(m/b.medDist, 1-RiegelExponent)
}

// SameDayOutpaced reports whether a run of the same day as a run of d
// metres (day holds that day's runs, the run itself among them), about as
// long (within sameDayShare either way), was no run of the runner's: at
// least TooFastShare × their usual pace at its distance measured without
// that day (TypicalAside). A ride or drive split into legs of one
// afternoon (held-out real-33: 3:21, 3:23 and 4:13/km over 5.1 km within
// two hours) is one outing: its slower leg is no run either when it is
// far beyond what races are over the usual (clusterFasterShare).
func (p *PaceBook) SameDayOutpaced(d float64, day []DayRun) bool {
	for _, r := range day {
		if r.DistanceM <= 0 || r.SpeedMS <= 0 || r.DistanceM < d/sameDayShare || r.DistanceM > d*sameDayShare {
			continue
		}
		if ty := p.TypicalAside(r.DistanceM, r.Kind, day); ty > 0 && r.SpeedMS >= TooFastShare*ty {
			return true
		}
	}
	return false
}

// sameDayShare: runs of one day within 25% of each other's distance are
// "about as long" (SameDayOutpaced).
const sameDayShare = 1.25

// clusterFasterShare: races are 5–30% faster than the runner's usual; a
// run of a day with an outpaced run, itself 30% or more faster than usual,
// is a leg of the same outing, not a run.
const clusterFasterShare = 1.3

// Run kinds: whether a run's pace can be compared with flat running. A
// trail run is typed so by its source (trail_running) or climbs
// ClimbHeavyMPerKm or more per kilometre; every other run (road, track,
// treadmill) is a road run.
const (
	KindRoad  = 0
	KindTrail = 1
)

// RunKind is the kind of a run of sport s, d metres and ascent metres of
// climbing (0 when unknown or flat).
func RunKind(s rekindle.Sport, d, ascent float64) int {
	if s == rekindle.SportTrailRunning || (RaceRun{DistanceM: d, AscentM: ascent}).ClimbHeavy() {
		return KindTrail
	}
	return KindRoad
}

// minKindRuns: a kind's own book is used when it holds this many runs;
// with fewer, the whole book stands in (a road runner's one trail outing
// has no usual of its own).
const minKindRuns = 10

// NewPaceBookKinds is NewPaceBook with each run's kind (RunKind): TypicalOf
// then compares a run with the runs of its kind — a road effort with road
// runs, a trail run with trail runs — so a mountain runner's flat 10 km is
// not "30% faster than usual" because their usual is set by climbs.
func NewPaceBookKinds(dist, speed, hr []float64, kind []int) *PaceBook {
	p := NewPaceBook(dist, speed, hr)
	for k := range p.kinds {
		var d, s, h []float64
		for i := range dist {
			if i < len(kind) && kind[i] == k && i < len(speed) {
				d, s = append(d, dist[i]), append(s, speed[i])
				if i < len(hr) {
					h = append(h, hr[i])
				}
			}
		}
		if b := NewPaceBook(d, s, h); len(b.dist) >= minKindRuns {
			p.kinds[k] = b
		}
	}
	return p
}

// TypicalOf is Typical over the runs of the given kind when the book knows
// kinds and holds enough of them, else over all the runs.
func (p *PaceBook) TypicalOf(m float64, kind int) float64 {
	if p == nil {
		return 0
	}
	if kind >= 0 && kind < len(p.kinds) && p.kinds[kind] != nil {
		return p.kinds[kind].Typical(m)
	}
	return p.Typical(m)
}

// TypicalDistanceM is the median distance of the runs, 0 when none.
func (p *PaceBook) TypicalDistanceM() float64 {
	if p == nil {
		return 0
	}
	return p.medDist
}

// NewPaceBook indexes runs by distance (metres) and speed (m/s), with their
// mean heart rates (0 unknown; hr may be nil); runs with no distance or
// speed are left out.
func NewPaceBook(dist, speed, hr []float64) *PaceBook {
	idx := make([]int, 0, len(dist))
	var speeds []float64
	for i := range dist {
		if dist[i] > 0 && i < len(speed) && speed[i] > 0 && speed[i] < maxRunSpeedMS {
			idx = append(idx, i)
			speeds = append(speeds, speed[i])
		}
	}
	// Runs far faster than the runner's median speed (rides or drives filed
	// as runs, GPS faults) are not their pace: left out, they cannot make
	// a real race look slow against a "typical" set by a bus.
	if m := median(speeds); m > 0 {
		idx = slices.DeleteFunc(idx, func(i int) bool { return speed[i] >= TooFastShare*m })
	}
	slices.SortFunc(idx, func(a, b int) int { return cmpFloat(dist[a], dist[b]) })
	p := &PaceBook{dist: make([]float64, len(idx)), speed: make([]float64, len(idx))}
	for k, i := range idx {
		p.dist[k], p.speed[k] = dist[i], speed[i]
		if i < len(hr) {
			p.addHRRun(dist[i], speed[i], hr[i])
		}
	}
	p.sortHRRuns()
	var hrs []float64
	for _, h := range hr {
		if h > 0 {
			hrs = append(hrs, h)
		}
	}
	p.TypicalHR = median(hrs)
	if len(hrs) >= highHRRuns {
		slices.Sort(hrs)
		p.HighHR = hrs[int(highHRShare*float64(len(hrs)-1))]
	}
	p.medDist, p.medSpeed = median(p.dist), median(p.speed)
	return p
}

// Typical is the median speed of the runs between 70% and 140% of the
// distance; with fewer than 3 such runs, the median speed of all runs
// scaled to the distance by Riegel's exponent; 0 with fewer than 3 runs.
//
// Distances are taken in 1% steps (the typical pace of 10.0 and 10.04 km is
// the same number), so that a history's worth of calls stays cheap.
func (p *PaceBook) Typical(m float64) float64 {
	if p == nil || len(p.dist) < 3 || m <= 0 {
		return 0
	}
	k := int(math.Round(math.Log(m) * 100))
	if v, ok := p.cache[k]; ok {
		return v
	}
	v := p.typical(math.Exp(float64(k) / 100))
	if p.cache == nil {
		p.cache = map[int]float64{}
	}
	p.cache[k] = v
	return v
}

func (p *PaceBook) typical(m float64) float64 {
	lo, _ := slices.BinarySearch(p.dist, 0.7*m)
	hi, _ := slices.BinarySearch(p.dist, 1.4*m)
	if hi-lo >= 3 {
		return median(p.speed[lo:hi])
	}
	return p.medSpeed * math.Pow(m/p.medDist, 1-RiegelExponent)
}

// racedRun is a run recognised as a race, with its day.
type racedRun struct {
	a    *rekindle.Activity
	day  int
	call RaceCall
}

// raceLookbackDays is how far back the picture looks for races; the pace
// book behind them covers the year before that.
const raceLookbackDays = 365

// recogniseRaces returns the races among the runs of the last year.
func recogniseRaces(in []dated, loc *time.Location, today int, maxHR float64) []racedRun {
	return recogniseRacesWith(in, loc, today, maxHR, maxHR, paceBookOf(in, today))
}

// RaceShareMaxHR is the maximum a run's heart rate is judged against as a
// share when races are recognised (RaceContext.MaxHR), for the picture,
// the race check and the spark alike: the runner's own or observed
// maximum (measured), else the population's the runner's maximum
// resolves to (Tanaka at their age, else DefaultMaxHR). Such a default
// is no measured maximum (RaceContext.MeasuredMaxHR stays 0).
func RaceShareMaxHR(measured float64, athlete rekindle.Athlete, asOf time.Time) float64 {
	if measured > 0 {
		return measured
	}
	if athlete.BirthYear > 1900 && athlete.BirthYear <= asOf.Year() {
		return math.Round(TanakaMaxHR(float64(asOf.Year() - athlete.BirthYear)))
	}
	return DefaultMaxHR
}

// paceBookOf is the pace book of the runs of the two years up to today.
func paceBookOf(in []dated, today int) *PaceBook {
	var dist, speed, hr []float64
	var kind []int
	for _, e := range in {
		if today-e.day < 2*raceLookbackDays && e.a.Sport.IsRun() {
			s := e.a.Summary
			dist = append(dist, s.DistanceM)
			speed = append(speed, s.AvgSpeedMS)
			hr = append(hr, s.AvgHR)
			kind = append(kind, RunKind(e.a.Sport, s.DistanceM, s.AscentM))
		}
	}
	return NewPaceBookKinds(dist, speed, hr, kind)
}

// dayRuns are the runs of the day of in[i] (in is in start order), in[i]
// among them.
func dayRuns(in []dated, i int) []DayRun {
	lo, hi := i, i+1
	for lo > 0 && in[lo-1].day == in[i].day {
		lo--
	}
	for hi < len(in) && in[hi].day == in[i].day {
		hi++
	}
	var out []DayRun
	for _, e := range in[lo:hi] {
		if e.a.Sport.IsRun() {
			s := e.a.Summary
			out = append(out, DayRun{DistanceM: s.DistanceM, SpeedMS: s.AvgSpeedMS, Kind: RunKind(e.a.Sport, s.DistanceM, s.AscentM), AvgHR: s.AvgHR})
		}
	}
	return out
}

// recogniseRacesWith judges heart rates as a share of shareMaxHR
// (RaceShareMaxHR) and against measuredMaxHR (the runner's own or observed
// maximum, 0 when none).
func recogniseRacesWith(in []dated, loc *time.Location, today int, shareMaxHR, measuredMaxHR float64, book *PaceBook) []racedRun {
	var out []racedRun
	longestEver := 0.0    // the longest run before in[i]
	var names [][2]string // NameLabel of each of in, made when first needed
	for i, e := range in {
		a := e.a
		if i > 0 && in[i-1].a.Sport.IsRun() {
			longestEver = max(longestEver, in[i-1].a.Summary.DistanceM)
		}
		if today-e.day >= raceLookbackDays || !a.Sport.IsRun() || a.TimeImpossible() {
			continue
		}
		var longest, second float64
		var hrs, longSpeeds []float64
		longRuns := 0
		kind := RunKind(a.Sport, a.Summary.DistanceM, a.Summary.AscentM)
		var longerEquiv float64
		asFast, yearAt, yearNear, yearClose := 0, 0, 0, 0
		for j := i - 1; j >= 0 && e.day-in[j].day <= RoutineDays; j-- {
			s := in[j].a.Summary
			if !in[j].a.Sport.IsRun() || in[j].day >= e.day || RunKind(in[j].a.Sport, s.DistanceM, s.AscentM) != kind {
				continue
			}
			if e.day-in[j].day <= RecentPaceDays && AsFastBefore(a.Summary.DistanceM, a.Summary.AvgSpeedMS, s.DistanceM, s.AvgSpeedMS) {
				asFast++
			}
			if AtDistanceBefore(a.Summary.DistanceM, s.DistanceM) {
				yearAt++
				if NearPaceBefore(a.Summary.DistanceM, a.Summary.AvgSpeedMS, s.DistanceM, s.AvgSpeedMS) {
					yearNear++
				}
				if ClosePaceBefore(a.Summary.DistanceM, a.Summary.AvgSpeedMS, s.DistanceM, s.AvgSpeedMS) {
					yearClose++
				}
			}
		}
		for j := i - 1; j >= 0 && e.day-in[j].day <= LongestBeforeDays; j-- {
			if in[j].a.Sport.IsRun() && in[j].day < e.day {
				s := in[j].a.Summary
				longest, second = TwoLongest(longest, second, s.DistanceM)
				longerEquiv = LongerEquiv(longerEquiv, a.Summary.DistanceM, s.DistanceM, s.MovingS)
				if h := s.AvgHR; h > 0 {
					hrs = append(hrs, h)
				}
				if s.DistanceM >= RecentLongShare*a.Summary.DistanceM {
					longRuns++
				}
				if s.DistanceM >= RecentLongShare*a.Summary.DistanceM && s.AvgSpeedMS > 0 && RunKind(in[j].a.Sport, s.DistanceM, s.AscentM) == kind {
					longSpeeds = append(longSpeeds, s.AvgSpeedMS)
				}
			}
		}
		var block LongBlock
		for j := i - 1; j >= 0 && e.day-in[j].day <= LongBlockDays; j-- {
			if in[j].a.Sport.IsRun() && in[j].day < e.day && RunKind(in[j].a.Sport, in[j].a.Summary.DistanceM, in[j].a.Summary.AscentM) == kind {
				s := in[j].a.Summary
				block.Add(a.Summary.DistanceM, s.DistanceM, s.AvgSpeedMS, s.AvgHR)
			}
		}
		blockHR, blockSpeed := block.Medians()
		recentHR := 0.0
		if len(hrs) >= RecentHRRuns {
			recentHR = median(hrs)
		}
		rr := RaceRun{Name: a.Name, DistanceM: a.Summary.DistanceM, MovingS: a.Summary.MovingS, AvgHR: a.Summary.AvgHR, Start: a.Start.In(loc), Mark: a.RaceOverride,
			AscentM: a.Summary.AscentM}.WithSport(a.Sport)
		annual := false
		if AnnualCandidate(rr.DistanceM, rr.Start) {
			for j := i - 1; j >= 0 && !annual && a.Start.Sub(in[j].a.Start) <= AnnualLookback; j-- {
				annual = in[j].a.Sport.IsRun() && AnnualRepeat(rr.DistanceM, rr.Start, in[j].a.Summary.DistanceM, in[j].a.Start.In(loc))
			}
		}
		day := dayRuns(in, i)
		if names == nil {
			names = make([][2]string, len(in))
			for j, x := range in {
				names[j][0], names[j][1] = NameLabel(x.a.Name)
			}
		}
		label := names[i][0]
		var labels, tokens []string
		if label != "" {
			for j := i - 1; j >= 0 && e.day-in[j].day <= LabelDays; j-- {
				if in[j].a.Sport.IsRun() && in[j].day < e.day {
					labels, tokens = append(labels, names[j][0]), append(tokens, names[j][1])
				}
			}
		}
		before := RaceBefore{LabelRuns: LabelRunsOf(label, labels, tokens), LongestM: longest, SecondLongestM: second, RecentHR: recentHR, RecentLongSpeedMS: median(longSpeeds), RecentLongRuns: longRuns,
			LongBlockHR: blockHR, LongBlockSpeedMS: blockSpeed, LongerEquivS: longerEquiv, Annual: annual, RecentAsFast: asFast, YearAtDistance: yearAt, YearNearPace: yearNear, YearClosePace: yearClose}
		call := RecogniseRace(rr, RaceContextOf(book, a.Summary.DistanceM, a.Summary.AvgSpeedMS, rr.AvgHR, kind, day, before, shareMaxHR, measuredMaxHR))
		if call.Race {
			call.FirstAtLength = longestEver < firstLengthShare*rr.DistanceM
			out = append(out, racedRun{a: a, day: e.day, call: call})
		}
	}
	return out
}

// anyHardHR reports whether a run of the last two years held a mean heart
// rate of at least 88% of the observed maximum, and above the runner's
// typical mean heart rate, for 20 minutes or more.
func anyHardHR(in []dated, today int, maxHR float64) bool {
	if maxHR <= 0 {
		return false
	}
	var hrs []float64
	for _, e := range in {
		if s := e.a.Summary; today-e.day < 2*raceLookbackDays && s.AvgHR > 0 && e.a.Sport.IsRun() {
			hrs = append(hrs, s.AvgHR)
		}
	}
	typical := median(hrs)
	for _, e := range in {
		s := e.a.Summary
		if today-e.day < 2*raceLookbackDays && s.MovingS >= 20*60 && s.AvgHR >= raceHRShare*maxHR && s.AvgHR >= typical+raceHRAboveUsual {
			return true
		}
	}
	return false
}

// TwoLongest folds distance d into the longest and second longest so far.
func TwoLongest(longest, second, d float64) (float64, float64) {
	switch {
	case d > longest:
		return d, longest
	case d > second:
		return longest, d
	}
	return longest, second
}

// FoundRace is a run the training picture takes as a race (RacesOf).
type FoundRace struct {
	Activity *rekindle.Activity
	Call     RaceCall
}

// RacesOf returns the runs of the year up to the end of the day asOf (in the
// athlete's zone) that Picture takes as races, oldest first: the same pace
// book, maximum heart rate and context. It is what a check of race
// recognition over real histories reads (the casebook's race check).
func RacesOf(acts []rekindle.Activity, athlete rekindle.Athlete, asOf time.Time) []FoundRace {
	loc := athlete.Location()
	y, m, d := asOf.Date()
	today := civilDay(y, m, d)
	in := make([]dated, 0, len(acts))
	var peaks []float64
	for i := range acts {
		a := &acts[i]
		if a.Start.Before(earliestStart) {
			continue
		}
		y, m, d := a.Start.In(loc).Date()
		if n := civilDay(y, m, d); n <= today {
			in = append(in, dated{a: a, day: n, year: y})
			if p := sessionPeakHR(a); p > 0 && athlete.MaxHR <= 0 {
				peaks = append(peaks, p)
			}
		}
	}
	slices.SortStableFunc(in, func(a, b dated) int { return a.a.Start.Compare(b.a.Start) })
	maxHR := athlete.MaxHR
	if maxHR <= 0 && len(peaks) > 0 {
		maxHR, _, _ = maxHRFromPeaks(peaks, 0)
	}
	var out []FoundRace
	for _, r := range recogniseRacesWith(in, loc, today, RaceShareMaxHR(maxHR, athlete, asOf), maxHR, paceBookOf(in, today)) {
		out = append(out, FoundRace{Activity: r.a, Call: r.call})
	}
	return out
}
