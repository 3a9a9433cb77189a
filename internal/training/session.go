package training

import (
	"math"
	"time"

	"rekindle"
)

// LoadMethod says how a session's load was computed. The values are stable keys.
type LoadMethod string

// The load fallback chain, in order of preference (science.md §1e):
//
//  1. hr_trimp: Banister TRIMP summed over the heart-rate histogram
//     (Summary.HRSeconds), when it covers at least half of the session;
//  2. rtss: pace-based rTSS from Summary.NormalizedSpeedMS and the threshold
//     pace (runs only);
//  3. session_rpe: the runner's RPE × minutes (Foster);
//  4. duration_default: minutes × a default RPE for the sport (4 for runs).
//
// Transitions between multisport legs carry no load (method none).
const (
	MethodHRTRIMP         LoadMethod = "hr_trimp"
	MethodRTSS            LoadMethod = "rtss"
	MethodSessionRPE      LoadMethod = "session_rpe"
	MethodDurationDefault LoadMethod = "duration_default"
	MethodNone            LoadMethod = "none"
)

// Load scale. Every method is converted to one scale, "load points", where an
// hour at lactate threshold is 100 (as rTSS and GoldenCheetah's TRIMP100), so
// sessions with and without a heart-rate strap add up sensibly:
//
//   - TRIMP → points: 100·TRIMP / TRIMP(60 min at ThresholdHRReserve);
//   - rTSS is already on this scale;
//   - session-RPE → points: AU × 100 / (60 min × ThresholdRPE).
//
// The two threshold anchors are coaching conventions [P], documented here so
// they can be revisited: lactate threshold at about 85 % of heart-rate reserve
// and an hour at threshold rated about 7 ("very hard") on the CR-10 scale.
const (
	ThresholdHRReserve = 0.85
	ThresholdRPE       = 7.0
	DefaultRunRPE      = 4.0 // science.md §1e: duration × a default RPE of 4
)

// DefaultRPE is the RPE assumed for a session of a sport when the runner gave
// none and neither heart rate nor pace could be used. Cross-training counts.
var DefaultRPE = map[rekindle.Sport]float64{
	rekindle.SportRunning:       DefaultRunRPE,
	rekindle.SportTrailRunning:  4.5,
	rekindle.SportTreadmill:     DefaultRunRPE,
	rekindle.SportTrack:         5,
	rekindle.SportWalking:       2,
	rekindle.SportHiking:        3,
	rekindle.SportCycling:       4,
	rekindle.SportVirtualRide:   4.5,
	rekindle.SportIndoorCycling: 4.5,
	rekindle.SportSpin:          6,
	rekindle.SportSwimming:      4.5,
	rekindle.SportPoolSwim:      4.5,
	rekindle.SportRowing:        5,
	rekindle.SportStrength:      4,
	rekindle.SportYoga:          2,
	rekindle.SportPilates:       3,
	rekindle.SportBarre:         4,
	rekindle.SportAquaJogging:   4,
	rekindle.SportElliptical:    4,
	rekindle.SportSkiing:        4,
	rekindle.SportMultisport:    5,
	rekindle.SportOther:         3,
}

// SessionLoad is the training load of one activity.
type SessionLoad struct {
	ActivityID int64          `json:"activity_id"`
	Start      time.Time      `json:"start"`
	Day        string         `json:"day"` // YYYY-MM-DD in the athlete's time zone
	Sport      rekindle.Sport `json:"sport"`
	DurationS  float64        `json:"duration_s"` // moving time, else elapsed
	DistanceM  float64        `json:"distance_m"`
	Method     LoadMethod     `json:"method"`
	Raw        float64        `json:"raw"`  // in the method's own unit: TRIMP, rTSS or AU (RPE × min)
	Load       float64        `json:"load"` // load points (an hour at threshold = 100)

	day int // civil day number in the athlete's time zone
}

// LoadParams is what the load chain needs to know about the athlete.
type LoadParams struct {
	RestingHR        float64
	MaxHR            float64
	TRIMP            TRIMPConstants
	ThresholdSpeedMS float64 // 0: rTSS unavailable
}

// loader computes session loads with a precomputed TRIMP table.
type loader struct {
	p        LoadParams
	table    trimpTable
	trimp100 float64 // TRIMP of 60 min at threshold
}

func newLoader(p LoadParams) *loader {
	l := &loader{p: p}
	if p.MaxHR > p.RestingHR && p.RestingHR > 0 {
		l.table = newTRIMPTable(p.RestingHR, p.MaxHR, p.TRIMP)
		l.trimp100 = TRIMP(60, ThresholdHRReserve, p.TRIMP)
	}
	return l
}

// SessionLoadOf computes the load of one activity with the fallback chain.
func SessionLoadOf(a *rekindle.Activity, p LoadParams, loc *time.Location) SessionLoad {
	s := newLoader(p).load(a)
	s.Day = a.Start.In(loc).Format(time.DateOnly)
	return s
}

// EstimatedCrossTraining reports whether the session is cross-training whose
// load was estimated from its duration alone (a sport's default RPE × minutes:
// no heart rate, no rating). Such a load cannot tell a 2½-hour stroll on a
// bike from a hard ride, so it is weak evidence of strain: it counts in
// fitness and fatigue, but alone it does not make a week "too much"
// (LoadVerdict, Habit.EvidencedRatio). A run's duration estimate is running
// at the pace it was run, the load the coach judges, and counts fully.
func (s SessionLoad) EstimatedCrossTraining() bool {
	return s.Method == MethodDurationDefault && !s.Sport.IsRun()
}

// timeLoad is the session's load counted from its duration alone, as
// MethodDurationDefault counts it (minutes × the sport's default RPE, on
// the load-point scale), whatever method gave its Load; 0 for a session
// that carries no load (a transition).
func (s SessionLoad) timeLoad() float64 {
	if s.Method == MethodNone || s.DurationS <= 0 {
		return 0
	}
	rpe, ok := DefaultRPE[s.Sport]
	if !ok {
		rpe = DefaultRPE[rekindle.SportOther]
	}
	return rpe * s.DurationS / 60 * 100 / (60 * ThresholdRPE)
}

// Walk reports whether the session is a walk or a hike: time on foot at a
// walking pace, whose load (heart rate × hours) is real but is not the
// running a runner's fatigue is judged by. A holiday's 4-hour walk at heart
// rate 136 scores nearly two hours at threshold; no coach calls a runner
// overreached for it (docs/science.md §2, "Walks and hikes in fatigue").
// It counts in fitness and fatigue; LoadVerdict asks the fatigue rule to
// hold without it too (Habit.WalkFitness, Habit.WalkFatigue).
func (s SessionLoad) Walk() bool { return IsWalk(s.Sport) }

// IsWalk reports whether the sport is walking or hiking.
func IsWalk(sp rekindle.Sport) bool {
	return sp == rekindle.SportWalking || sp == rekindle.SportHiking
}

// Plausibility limits: values beyond them (or NaN) are treated as unknown.
const (
	maxSessionS   = 7 * 24 * 3600 // a week-long session
	maxSessionM   = 2_000_000     // 2,000 km
	maxSpeedMS    = 30            // any sport rekindle knows
	maxRunSpeedMS = 12
)

// plausible reports whether v is in (0, max].
func plausible(v, max float64) bool { return v > 0 && v <= max }

func activityDuration(a *rekindle.Activity) float64 {
	for _, d := range []float64{a.Summary.MovingS, a.Summary.ElapsedS, a.Totals.TimerS, a.Totals.ElapsedS} {
		if plausible(d, maxSessionS) {
			return d
		}
	}
	return 0
}

func activityDistance(a *rekindle.Activity) float64 {
	if d := a.Summary.DistanceM; plausible(d, maxSessionM) {
		return d
	}
	if d := a.Totals.DistanceM; plausible(d, maxSessionM) {
		return d
	}
	return 0
}

// load computes a session's load; Day is left for the caller to fill.
func (l *loader) load(a *rekindle.Activity) SessionLoad {
	s := SessionLoad{
		ActivityID: a.ID,
		Start:      a.Start,
		Sport:      a.Sport,
		DurationS:  activityDuration(a),
		DistanceM:  activityDistance(a),
		Method:     MethodNone,
	}
	if a.Sport == rekindle.SportTransition || s.DurationS <= 0 {
		return s
	}
	minutes := s.DurationS / 60
	if l.table != nil && len(a.Summary.HRSeconds) > 0 {
		trimp, covered := l.table.sum(a.Summary.HRSeconds)
		if covered >= 0.5*s.DurationS {
			// Dropouts: scale the covered part up to the whole session.
			if covered < s.DurationS {
				trimp *= s.DurationS / covered
			}
			s.Method, s.Raw, s.Load = MethodHRTRIMP, trimp, 100*trimp/l.trimp100
			return s
		}
	}
	if a.Sport.IsRun() && l.p.ThresholdSpeedMS > 0 && plausible(a.Summary.NormalizedSpeedMS, maxRunSpeedMS) {
		r := RTSS(s.DurationS, a.Summary.NormalizedSpeedMS, l.p.ThresholdSpeedMS)
		s.Method, s.Raw, s.Load = MethodRTSS, r, r
		return s
	}
	if a.RPE > 0 && !math.IsNaN(a.RPE) {
		au := SessionRPE(a.RPE, minutes)
		s.Method, s.Raw, s.Load = MethodSessionRPE, au, au*100/(60*ThresholdRPE)
		return s
	}
	rpe, ok := DefaultRPE[a.Sport]
	if !ok {
		rpe = DefaultRPE[rekindle.SportOther]
	}
	au := rpe * minutes
	s.Method, s.Raw, s.Load = MethodDurationDefault, au, au*100/(60*ThresholdRPE)
	return s
}
