// Package rekindle is the vocabulary shared by every part of rekindle: athletes,
// activities with their columnar tracks, laps, check-ins, and the stable keys of
// the strategies and diagnoses. It uses the standard library only and does no I/O.
//
// Units are SI throughout (metres, seconds, m/s, bpm, watts, steps per minute);
// times are UTC. Conversion to km or miles happens only at the edges.
package rekindle

import (
	"errors"
	"math"
	"sync"
	"time"
)

// Sport is what kind of activity a session was. The values are stable keys.
type Sport string

// Sports known to rekindle. Decoders map their formats' names onto these.
const (
	SportRunning       Sport = "running"
	SportTrailRunning  Sport = "trail_running"
	SportTreadmill     Sport = "treadmill"
	SportTrack         Sport = "track_running"
	SportWalking       Sport = "walking"
	SportHiking        Sport = "hiking"
	SportCycling       Sport = "cycling"
	SportVirtualRide   Sport = "virtual_cycling"
	SportIndoorCycling Sport = "indoor_cycling"
	SportSwimming      Sport = "swimming"
	SportPoolSwim      Sport = "pool_swimming"
	SportRowing        Sport = "rowing"
	SportStrength      Sport = "strength"
	SportYoga          Sport = "yoga"
	SportPilates       Sport = "pilates"
	SportBarre         Sport = "barre"
	SportSpin          Sport = "spin"
	SportAquaJogging   Sport = "aqua_jogging"
	SportElliptical    Sport = "elliptical"
	SportSkiing        Sport = "skiing"
	SportTransition    Sport = "transition" // between legs of a multisport event
	SportMultisport    Sport = "multisport"
	SportOther         Sport = "other"
)

// Sports lists every sport key, in a fixed order.
var Sports = []Sport{SportRunning, SportTrailRunning, SportTreadmill, SportTrack, SportWalking, SportHiking, SportCycling,
	SportVirtualRide, SportIndoorCycling, SportSwimming, SportPoolSwim, SportRowing, SportStrength, SportYoga, SportPilates,
	SportBarre, SportSpin, SportAquaJogging, SportElliptical, SportSkiing, SportTransition, SportMultisport, SportOther}

// Known reports whether s is one of Sports.
func (s Sport) Known() bool {
	for _, k := range Sports {
		if s == k {
			return true
		}
	}
	return false
}

// IsRun reports whether the sport counts as running for training volume,
// routes and the spark engine.
func (s Sport) IsRun() bool {
	switch s {
	case SportRunning, SportTrailRunning, SportTreadmill, SportTrack:
		return true
	}
	return false
}

// IsCrossTraining reports whether the sport is training other than running
// (it still counts in load). Transitions are neither.
func (s Sport) IsCrossTraining() bool {
	return !s.IsRun() && s != SportTransition && s != ""
}

// SourceFormat names where an activity came from.
type SourceFormat string

// Source formats.
const (
	FormatGPX       SourceFormat = "gpx"
	FormatTCX       SourceFormat = "tcx"
	FormatFIT       SourceFormat = "fit"
	FormatCSV       SourceFormat = "csv"        // summary-only history CSV
	FormatStravaCSV SourceFormat = "strava_csv" // a row of a Strava export's activities.csv with no file
	FormatStrava    SourceFormat = "strava_api" // fetched from Strava's API (package stravadoc's document)
	FormatManual    SourceFormat = "manual"
	FormatDemo      SourceFormat = "demo"
)

// How an activity's sport was decided (Activity.SportSource). Stable keys.
const (
	SportFromFile      = "file"
	SportInferredSpeed = "inferred:speed"
	SportInferredName  = "inferred:name"
	SportByUser        = "user"
)

// SportSourceKey is how the sport was decided, "file" for records kept
// before the field was (what every view — CLI, API, pages — shows).
func (a *Activity) SportSourceKey() string {
	if a.SportSource == "" {
		return SportFromFile
	}
	return a.SportSource
}

// Source says which file an activity was decoded from.
type Source struct {
	Format SourceFormat
	File   string // path as given, or the name inside an archive ("export.zip!activities/123.fit.gz")
	SHA256 string // hex digest of the decoded (decompressed) file bytes
	Index  int    // position of this activity within its file (TCX with several activities, FIT sessions)
}

// Activity is one session: what the file said (Totals, Laps, Track) plus what
// rekindle measured from it (Summary). Decoders fill everything but Summary;
// the measure package fills Summary.
type Activity struct {
	ID        int64
	AthleteID int64
	Start     time.Time // UTC
	Sport     Sport
	// SportSource says how Sport was decided: SportFromFile (the file named
	// it), SportInferredSpeed or SportInferredName (the file did not say and
	// rekindle inferred it from the data or the name), SportByUser (the
	// runner set it; import and reprocess never change it). "" reads as "file".
	SportSource string
	SubSport    string // the file's own finer sport name, free text ("lap_swimming", "commuting")
	Name        string
	Description string
	Device      string // "garmin fenix5", "Strava Android app"
	Gear        string // shoes or bike name, when the source names it
	RPE         float64
	Source      Source

	// UTCOffsetS is the UTC offset (seconds east: 28800 is UTC+8) the
	// recording device kept at the activity, as the file says it (FIT's
	// activity local_timestamp); nil when the file does not say (GPX, TCX).
	// It is the strongest evidence of where the runner was.
	UTCOffsetS *int

	// Multisport links the legs of a multisport event (FIT sessions of one
	// triathlon): every leg carries the same non-empty key and its leg number.
	Multisport    string
	MultisportLeg int

	// RaceOverride is the runner's own word on whether this was a race:
	// nil when they have not said (race recognition decides), else true
	// (a race) or false (not a race, whatever it looks like).
	RaceOverride *bool

	// SetAside says the analyses leave this activity out: it overlaps in
	// time another of the runner's activities that was kept as the real
	// one (SetAsideFor, its id; 0 when the runner set it aside), or the
	// runner set it aside. It is still stored and listed, and the runner can
	// restore it (CountOverride).
	SetAside    bool
	SetAsideFor int64
	// CountOverride is the runner's own word on whether this activity
	// counts: nil when they have not said (the overlap rule decides), true
	// (it counts, whatever overlaps it) or false (set aside).
	CountOverride *bool

	Totals  Totals // the device's or service's own totals, as written in the file
	Laps    []Lap  // as written in the file
	Lengths []Length
	Track   Track
	Summary Summary // measured by package measure

	Warnings []string // what was odd or damaged, with where ("byte 7471: undefined local message 11")
}

// Totals are the numbers a device or service wrote into the file. A zero or
// NaN field means the file did not say.
type Totals struct {
	DistanceM   float64
	ElapsedS    float64 // wall-clock duration
	TimerS      float64 // timer running
	AscentM     float64
	DescentM    float64
	Calories    float64
	AvgHR       float64
	MaxHR       float64
	AvgCadence  float64 // steps per minute for running (FIT strides are doubled)
	AvgPowerW   float64
	AvgSpeedMS  float64
	MaxSpeedMS  float64
	PoolLengthM float64
}

// Lap is one lap as the file recorded it, with the range of track samples it covers.
type Lap struct {
	Start      time.Time
	ElapsedS   float64
	TimerS     float64
	DistanceM  float64
	AvgHR      float64
	MaxHR      float64
	AvgCadence float64
	AvgPowerW  float64
	Calories   float64
	AscentM    float64
	Intensity  string // "active", "rest", "warmup", "cooldown", when known
	Trigger    string // "manual", "distance", "time", "position", "session_end", when known
	First      int    // index of the first track sample in the lap, -1 when unknown
	Last       int    // index of the last track sample in the lap (inclusive), -1 when unknown
}

// Length is one pool length of a swim.
type Length struct {
	Start    time.Time
	ElapsedS float64
	Strokes  int
	Stroke   string
	Active   bool // false for rest lengths
}

// Track holds the samples of an activity as columns. Time is always present
// when the track has samples recorded against a clock; every other channel is
// optional: a nil slice means the file has no such channel, and when present
// it has exactly Len() entries, with NaN for a sample that lacks the value.
type Track struct {
	Time    []int64   // Unix milliseconds, UTC; nil for a route without times
	Lat     []float64 // degrees WGS84
	Lon     []float64
	Ele     []float32 // metres
	Dist    []float64 // device's cumulative distance channel, metres
	HR      []float32 // bpm
	Cadence []float32 // steps per minute (running), rpm (cycling)
	Power   []float32 // watts
	Speed   []float32 // m/s, device speed channel
	Temp    []float32 // °C

	// Breaks lists, in increasing order, the indices i at which a pause ends:
	// the interval between samples i-1 and i was not moving time (a new GPX
	// segment, a FIT timer stop/start, an OpenTracks pause marker).
	Breaks []int
}

// Len is the number of samples.
func (t *Track) Len() int {
	switch {
	case t.Time != nil:
		return len(t.Time)
	case t.Lat != nil:
		return len(t.Lat)
	case t.Dist != nil:
		return len(t.Dist)
	case t.HR != nil:
		return len(t.HR)
	case t.Ele != nil:
		return len(t.Ele)
	}
	return 0
}

// HasPosition reports whether the track carries positions.
func (t *Track) HasPosition() bool { return len(t.Lat) > 0 && len(t.Lat) == len(t.Lon) }

// Channels lists the names of the channels the track carries, in a fixed order.
func (t *Track) Channels() []string {
	var c []string
	add := func(name string, present bool) {
		if present {
			c = append(c, name)
		}
	}
	add("time", t.Time != nil)
	add("lat", t.Lat != nil)
	add("lon", t.Lon != nil)
	add("ele", t.Ele != nil)
	add("dist", t.Dist != nil)
	add("hr", t.HR != nil)
	add("cadence", t.Cadence != nil)
	add("power", t.Power != nil)
	add("speed", t.Speed != nil)
	add("temp", t.Temp != nil)
	return c
}

// Validate checks that every present channel has Len() entries and that
// Breaks are in range and increasing.
func (t *Track) Validate() error {
	n := t.Len()
	lens := []int{len(t.Time), len(t.Lat), len(t.Lon), len(t.Ele), len(t.Dist), len(t.HR), len(t.Cadence), len(t.Power), len(t.Speed), len(t.Temp)}
	present := []bool{t.Time != nil, t.Lat != nil, t.Lon != nil, t.Ele != nil, t.Dist != nil, t.HR != nil, t.Cadence != nil, t.Power != nil, t.Speed != nil, t.Temp != nil}
	for i, l := range lens {
		if present[i] && l != n {
			return errors.New("track: channels have different lengths")
		}
	}
	prev := 0
	for _, b := range t.Breaks {
		if b <= prev || b >= n {
			return errors.New("track: break index out of order or range")
		}
		prev = b
	}
	return nil
}

// NaN32 is the float32 "no value" marker used in track channels.
var NaN32 = float32(math.NaN())

// Summary is what rekindle measured for an activity (package measure).
type Summary struct {
	DistanceM      float64
	ElapsedS       float64
	MovingS        float64
	AscentM        float64
	DescentM       float64
	AvgHR          float64
	MaxHR          float64
	AvgCadenceSPM  float64
	AvgPowerW      float64
	MaxPowerW      float64
	AvgSpeedMS     float64 // distance / moving time
	MaxSpeedMS     float64
	DistanceSource string // "device", "gps", "gps_sparse" (a sparse track corrected, see package measure), "totals", "none"

	// HRSeconds[b] is the moving time in seconds spent at heart rate b bpm
	// (rounded). It is the histogram behind heart-rate TRIMP for any resting
	// and maximum heart rate, so load can be recomputed without the track.
	// nil when the activity has no heart rate.
	HRSeconds []float32
	// NormalizedSpeedMS is the 4th-power mean of the 30 s rolling mean speed
	// over moving time (grade-adjusted when elevation is present): the basis
	// of pace-based rTSS. 0 when unknown.
	NormalizedSpeedMS float64

	Splits      []Split
	BestEfforts []Effort
}

// Split is one kilometre or mile of an activity.
type Split struct {
	Unit      string  // "km" or "mi"
	Index     int     // 1-based
	DistanceM float64 // 1000 or 1609.344, less for the last partial split
	ElapsedS  float64
	MovingS   float64
	AvgHR     float64
	AscentM   float64
}

// Effort is the fastest contiguous stretch of a given distance inside one activity.
type Effort struct {
	Name      string  // "400m", "1k", "1mi", "5k", "10k", "half", "marathon"
	DistanceM float64 // the nominal distance
	ElapsedS  float64
	StartS    float64 // seconds from the activity's start
}

// Standard best-effort distances.
var EffortDistances = []struct {
	Name      string
	DistanceM float64
}{
	{"400m", 400}, {"1k", 1000}, {"1mi", 1609.344}, {"5k", 5000},
	{"10k", 10000}, {"half", 21097.5}, {"marathon", 42195},
}

// Sex selects physiology constants (TRIMP).
type Sex string

// Sexes.
const (
	SexUnknown Sex = ""
	SexMale    Sex = "male"
	SexFemale  Sex = "female"
)

// Unit is a distance unit for display.
type Unit string

// Units.
const (
	UnitKm Unit = "km"
	UnitMi Unit = "mi"
)

// Athlete is a runner with their physiology settings. Zero values mean
// unknown; the training package estimates what it needs.
type Athlete struct {
	ID              int64
	Name            string
	Email           string
	Sex             Sex
	BirthYear       int
	RestingHR       float64
	MaxHR           float64
	ThresholdPaceMS float64 // m/s at lactate threshold
	TimeZone        string  // IANA name; "" means UTC
	// TimeZoneSource is "user" when the runner set the zone (never changed
	// by inference), "inferred" when rekindle took it from their GPS
	// positions, "start_hours" when a history without positions was placed
	// at a fixed UTC offset by the hours its activities start, "" when unset.
	TimeZoneSource string
	// Country is the home country, ISO 3166-1 alpha-2 ("DE", "CN"), "" when
	// unknown: set by the runner or derived offline from the time zone.
	Country string
	// Locale is how the athlete reads dates, a BCP 47 tag ("de-DE",
	// "en-US"); "" when not chosen (locale.ForAthlete infers one).
	Locale    string
	Unit      Unit
	HomeLat   float64
	HomeLon   float64
	CreatedAt time.Time
}

// Location returns the athlete's time zone, UTC when unset or unknown.
func (a *Athlete) Location() *time.Location {
	if a == nil || a.TimeZone == "" {
		return time.UTC
	}
	if loc, ok := zones.Load(a.TimeZone); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(a.TimeZone)
	if err != nil {
		return time.UTC
	}
	zones.Store(a.TimeZone, loc)
	return loc
}

// zones are the time zones Location has loaded, by name: loading one reads
// and parses the zone database (about 10 KB of garbage per call, and a
// server asks for the athlete's zone several times per request). Only
// names that loaded are kept, so the map is bounded by the database.
var zones sync.Map

// CheckIn is how a run felt, given by the runner after it.
type CheckIn struct {
	AthleteID  int64
	ActivityID int64 // 0 for a check-in not tied to an activity
	At         time.Time
	Enjoyment  int     // 1–5, 0 when not given
	RPE        float64 // 0–10, NaN or <0 when not given
	Note       string
	Companions int    // number of people run with; 0 alone, CompanionsUnknown when not said
	Surface    string // road, trail, track, treadmill, mixed
}

// SparkCheck is the periodic short questionnaire, each dimension scored 1–5
// where 5 is the worst (most exhausted, least interested, most stuck).
type SparkCheck struct {
	AthleteID    int64
	At           time.Time
	Exhaustion   float64
	LostInterest float64
	Stagnation   float64 // a sense of not getting anywhere
	Note         string
}

// Strategy is one of the eight stable strategy keys.
type Strategy string

// The eight strategies. Never rename these keys.
const (
	StrategyRest          Strategy = "rest"
	StrategyChallenge     Strategy = "challenge"
	StrategyVariety       Strategy = "variety"
	StrategyReward        Strategy = "reward"
	StrategyRace          Strategy = "race"
	StrategyCrossTraining Strategy = "cross_training"
	StrategyGratitude     Strategy = "gratitude"
	StrategyCoach         Strategy = "coach"
)

// Strategies lists every strategy key in a fixed order.
var Strategies = []Strategy{StrategyRest, StrategyChallenge, StrategyVariety, StrategyReward, StrategyRace, StrategyCrossTraining, StrategyGratitude, StrategyCoach}

// Diagnosis is one of the stable keys for why the spark faded.
type Diagnosis string

// Diagnoses. Never rename these keys.
const (
	DiagnosisOverreached     Diagnosis = "overreached"
	DiagnosisStaleRoutine    Diagnosis = "stale_routine"
	DiagnosisUnderstimulated Diagnosis = "understimulated"
	DiagnosisGoalless        Diagnosis = "goalless"
	DiagnosisFading          Diagnosis = "fading"
	DiagnosisLowEnjoyment    Diagnosis = "low_enjoyment"
	DiagnosisReturning       Diagnosis = "returning"
	DiagnosisSparked         Diagnosis = "sparked"
)

// Diagnoses lists every diagnosis key in a fixed order.
var Diagnoses = []Diagnosis{DiagnosisOverreached, DiagnosisStaleRoutine, DiagnosisUnderstimulated, DiagnosisGoalless, DiagnosisFading, DiagnosisLowEnjoyment, DiagnosisReturning, DiagnosisSparked}

// Code classifies an error for the edges (HTTP status, CLI exit code).
type Code string

// Error codes.
const (
	CodeInvalid      Code = "invalid"      // bad input: 400
	CodeNotFound     Code = "not_found"    // 404
	CodeConflict     Code = "conflict"     // 409
	CodeUnauthorized Code = "unauthorized" // 401
	CodeForbidden    Code = "forbidden"    // 403
	CodeTooLarge     Code = "too_large"    // 413
	CodeUnsupported  Code = "unsupported"  // 415: not an activity file
	CodeRateLimited  Code = "rate_limited" // 429
	CodeInternal     Code = "internal"     // 500
	CodeUnavailable  Code = "unavailable"  // 503
	CodeNotActivity  Code = "not_activity" // a well-formed file that holds no activity
	CodeCorrupt      Code = "corrupt"      // a damaged file with nothing usable in it
	CodeCancelled    Code = "cancelled"    // 499: the request's client went away before the answer
)

// Error is a domain error with a code the edges map to a status.
type Error struct {
	Code    Code
	Message string
	Err     error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an *Error with a code and a message.
func Errorf(code Code, msg string) *Error { return &Error{Code: code, Message: msg} }

// ErrorCode returns the code of the first *Error in err's chain, CodeInternal otherwise.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// Sentinel errors decoders return (wrapped, with the detail).
var (
	// ErrNotActivity: the file is well formed but holds no activity
	// (FIT settings or monitoring, a GPX with only waypoints).
	ErrNotActivity = &Error{Code: CodeNotActivity, Message: "not an activity"}
	// ErrCorrupt: the file is damaged and nothing usable could be decoded.
	ErrCorrupt = &Error{Code: CodeCorrupt, Message: "corrupt file"}
	// ErrNotFound: no such record.
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found"}
)

// DefaultName is the name shown for an activity that has none, from its
// sport and its start in the athlete's time zone: "Morning run", "Evening
// ride", "Lunch swim".
func DefaultName(sport Sport, localStart time.Time) string {
	var part string
	switch h := localStart.Hour(); {
	case h >= 5 && h < 11:
		part = "Morning"
	case h >= 11 && h < 14:
		part = "Lunch"
	case h >= 14 && h < 18:
		part = "Afternoon"
	case h >= 18 && h < 22:
		part = "Evening"
	default:
		part = "Night"
	}
	what := "workout"
	switch sport {
	case SportRunning, SportTreadmill:
		what = "run"
	case SportTrailRunning:
		what = "trail run"
	case SportTrack:
		what = "track session"
	case SportWalking:
		what = "walk"
	case SportHiking:
		what = "hike"
	case SportCycling, SportVirtualRide, SportIndoorCycling:
		what = "ride"
	case SportSwimming, SportPoolSwim:
		what = "swim"
	case SportRowing:
		what = "row"
	case SportStrength:
		what = "strength session"
	case SportYoga:
		what = "yoga"
	case SportPilates:
		what = "pilates"
	case SportBarre:
		what = "barre class"
	case SportSpin:
		what = "spin class"
	case SportAquaJogging:
		what = "aqua jog"
	case SportElliptical:
		what = "elliptical session"
	case SportSkiing:
		what = "ski"
	case SportMultisport:
		what = "multisport race"
	}
	return part + " " + what
}

// DisplayName is the activity's name, or DefaultName in loc when it has none.
func (a *Activity) DisplayName(loc *time.Location) string {
	if a.Name != "" {
		return a.Name
	}
	if loc == nil {
		loc = time.UTC
	}
	return DefaultName(a.Sport, a.Start.In(loc))
}

// CompanionsUnknown is CheckIn.Companions when the runner did not say who
// they ran with: a quick check-in is not a run alone.
const CompanionsUnknown = -1
