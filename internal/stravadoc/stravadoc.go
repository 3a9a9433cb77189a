// Package stravadoc reads and writes the document rekindle keeps for an
// activity fetched from Strava's API v3: the activity as Strava sent it
// (a DetailedActivity or SummaryActivity) and its streams (a StreamSet,
// key_by_type=true), side by side in one JSON object. The document is the
// activity's original, kept like a FIT or GPX file, so that the import
// path, dedupe, reprocess and export treat Strava's data like a file's.
//
//	{"rekindle_strava_activity": 1, "activity": {…}, "streams": {…}}
//
// The package is pure: no I/O beyond the reader it is given.
package stravadoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"rekindle"
)

// Marker is the document's first key; Sniff looks for it.
const Marker = `{"rekindle_strava_activity":1,`

// Version is the document's version.
const Version = 1

// MaxSamples bounds one stream (Strava's own streams stay well below).
const MaxSamples = 2_000_000

// Activity is the part of Strava's activity that rekindle reads; the
// document keeps Strava's whole object (unknown fields included).
type Activity struct {
	ID                 int64      `json:"id"`
	ExternalID         string     `json:"external_id"`
	Name               string     `json:"name"`
	Description        string     `json:"description"`
	Type               string     `json:"type"`
	SportType          string     `json:"sport_type"`
	StartDate          time.Time  `json:"start_date"`
	Timezone           string     `json:"timezone"`
	Distance           float64    `json:"distance"`
	MovingTime         float64    `json:"moving_time"`
	ElapsedTime        float64    `json:"elapsed_time"`
	TotalElevationGain float64    `json:"total_elevation_gain"`
	AverageSpeed       float64    `json:"average_speed"`
	MaxSpeed           float64    `json:"max_speed"`
	AverageHeartrate   float64    `json:"average_heartrate"`
	MaxHeartrate       float64    `json:"max_heartrate"`
	AverageCadence     float64    `json:"average_cadence"`
	AverageWatts       float64    `json:"average_watts"`
	Calories           float64    `json:"calories"`
	Kilojoules         float64    `json:"kilojoules"`
	Trainer            bool       `json:"trainer"`
	Manual             bool       `json:"manual"`
	Private            bool       `json:"private"`
	Visibility         string     `json:"visibility"`
	GearID             string     `json:"gear_id"`
	Gear               *Gear      `json:"gear"`
	DeviceName         string     `json:"device_name"`
	WorkoutType        *int       `json:"workout_type"`
	StartLatLng        []float64  `json:"start_latlng"`
	Athlete            *AthleteID `json:"athlete"`
}

// Gear is Strava's SummaryGear.
type Gear struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// AthleteID is Strava's MetaAthlete.
type AthleteID struct {
	ID int64 `json:"id"`
}

// Race reports whether the runner marked it a race on Strava (workout_type
// 1 for runs, 11 for rides).
func (a *Activity) Race() bool {
	return a.WorkoutType != nil && (*a.WorkoutType == 1 || *a.WorkoutType == 11)
}

// PrivateToCoach reports whether the activity is private on Strava (only
// the runner sees it): it stays private in every view shared with a coach.
func (a *Activity) PrivateToCoach() bool {
	return a.Private || a.Visibility == "only_me"
}

// stream is one of a StreamSet's streams; data is decoded per key.
type stream struct {
	Data         json.RawMessage `json:"data"`
	SeriesType   string          `json:"series_type"`
	OriginalSize int             `json:"original_size"`
	Resolution   string          `json:"resolution"`
}

// doc is the stored document.
type doc struct {
	Version  int                        `json:"rekindle_strava_activity"`
	Activity json.RawMessage            `json:"activity"`
	Streams  map[string]json.RawMessage `json:"streams,omitempty"`
}

// Encode makes the document from Strava's activity JSON and its streams
// JSON (a StreamSet keyed by type; nil or "null" when it has none). Both
// are checked to be JSON objects; they are kept as Strava sent them.
func Encode(activity, streams []byte) ([]byte, error) {
	if !isObject(activity) {
		return nil, errors.New("stravadoc: the activity is not a JSON object")
	}
	var buf bytes.Buffer
	buf.WriteString(Marker)
	buf.WriteString(`"activity":`)
	if err := json.Compact(&buf, activity); err != nil {
		return nil, fmt.Errorf("stravadoc: activity: %w", err)
	}
	if s := bytes.TrimSpace(streams); len(s) > 0 && !bytes.Equal(s, []byte("null")) {
		if s[0] == '[' { // key_by_type=false: an array of streams, each with its "type"
			var arr []struct {
				Type string `json:"type"`
			}
			var raw []json.RawMessage
			if err := json.Unmarshal(s, &raw); err != nil {
				return nil, fmt.Errorf("stravadoc: streams: %w", err)
			}
			if err := json.Unmarshal(s, &arr); err != nil {
				return nil, fmt.Errorf("stravadoc: streams: %w", err)
			}
			m := map[string]json.RawMessage{}
			for i, st := range arr {
				if st.Type != "" {
					m[st.Type] = raw[i]
				}
			}
			b, err := json.Marshal(m)
			if err != nil {
				return nil, fmt.Errorf("stravadoc: streams: %w", err)
			}
			s = b
		} else if !isObject(s) {
			return nil, errors.New("stravadoc: the streams are not a JSON object")
		}
		buf.WriteString(`,"streams":`)
		if err := json.Compact(&buf, s); err != nil {
			return nil, fmt.Errorf("stravadoc: streams: %w", err)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func isObject(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 1 && b[0] == '{' && json.Valid(b)
}

// Sniff reports whether head (a file's first bytes) starts a document.
func Sniff(head []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(head, " \t\r\n"), []byte(Marker))
}

// ReadActivity returns the Strava activity of a document without its
// streams decoded.
func ReadActivity(data []byte) (*Activity, error) {
	var d doc
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("stravadoc: %w", err)
	}
	if d.Version != Version {
		return nil, fmt.Errorf("stravadoc: document version %d, want %d", d.Version, Version)
	}
	var a Activity
	if err := json.Unmarshal(d.Activity, &a); err != nil {
		return nil, fmt.Errorf("stravadoc: activity: %w", err)
	}
	return &a, nil
}

// Decode reads a document as one rekindle activity (the ingest Decoder
// signature). Streams of different lengths, positions out of range and
// times that go back are errors naming the stream and sample.
func Decode(r io.Reader) ([]*rekindle.Activity, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("stravadoc: %w", err)
	}
	var d doc
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("stravadoc: %w", err)
	}
	if d.Version != Version {
		return nil, fmt.Errorf("stravadoc: document version %d, want %d", d.Version, Version)
	}
	var sa Activity
	if err := json.Unmarshal(d.Activity, &sa); err != nil {
		return nil, fmt.Errorf("stravadoc: activity: %w", err)
	}
	if sa.StartDate.IsZero() {
		return nil, fmt.Errorf("stravadoc: activity %d has no start_date", sa.ID)
	}
	for _, v := range []float64{sa.Distance, sa.MovingTime, sa.ElapsedTime, sa.TotalElevationGain, sa.AverageHeartrate, sa.MaxHeartrate} {
		if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("stravadoc: activity %d: a negative or invalid total", sa.ID)
		}
	}
	a := &rekindle.Activity{Start: sa.StartDate.UTC(), Name: strings.TrimSpace(sa.Name), Description: sa.Description,
		Device: sa.DeviceName, Source: rekindle.Source{Format: rekindle.FormatStrava}}
	a.Sport, a.SubSport = Sport(sa.SportType, sa.Type, sa.Trainer)
	a.SportSource = rekindle.SportFromFile
	if a.Sport == rekindle.SportOther && sa.SportType == "" && sa.Type == "" {
		a.SportSource = ""
	}
	if sa.Gear != nil {
		a.Gear = sa.Gear.Name
	}
	if sa.Race() {
		t := true
		a.RaceOverride = &t
	}
	run := a.Sport.IsRun()
	cad := sa.AverageCadence
	if run {
		cad *= 2 // Strava counts one foot's strides per minute for runs
	}
	a.Totals = rekindle.Totals{DistanceM: sa.Distance, ElapsedS: sa.ElapsedTime, TimerS: sa.MovingTime,
		AscentM: sa.TotalElevationGain, AvgHR: sa.AverageHeartrate, MaxHR: sa.MaxHeartrate, AvgCadence: cad,
		AvgPowerW: sa.AverageWatts, AvgSpeedMS: sa.AverageSpeed, MaxSpeedMS: sa.MaxSpeed, Calories: sa.Calories}
	tr, warns, err := track(sa, d.Streams, run)
	if err != nil {
		return nil, fmt.Errorf("stravadoc: activity %d: %w", sa.ID, err)
	}
	a.Track = tr
	a.Warnings = warns
	if sa.Manual && tr.Len() == 0 {
		a.Warnings = append(a.Warnings, "entered by hand on Strava: no track")
	}
	return []*rekindle.Activity{a}, nil
}

// track builds the track from the streams: time is the key every other
// stream follows.
func track(sa Activity, streams map[string]json.RawMessage, run bool) (rekindle.Track, []string, error) {
	var tr rekindle.Track
	var warns []string
	if len(streams) == 0 {
		return tr, nil, nil
	}
	var times []float64
	if err := field(streams, "time", &times); err != nil {
		return tr, nil, err
	}
	n := len(times)
	if n == 0 {
		if len(streams) > 0 {
			warns = append(warns, "streams without a time stream: kept the totals only")
		}
		return tr, warns, nil
	}
	if n > MaxSamples {
		return tr, nil, fmt.Errorf("time stream has %d samples, more than %d", n, MaxSamples)
	}
	start := sa.StartDate.UTC().UnixMilli()
	tr.Time = make([]int64, n)
	prev := math.Inf(-1)
	for i, t := range times {
		if math.IsNaN(t) || t < 0 || t > 30*86400 {
			return tr, nil, fmt.Errorf("time stream: sample %d is %v seconds", i, t)
		}
		if t < prev {
			return tr, nil, fmt.Errorf("time stream goes back at sample %d (%v after %v)", i, t, prev)
		}
		prev = t
		tr.Time[i] = start + int64(math.Round(t*1000))
	}
	check := func(key string, got int) error {
		if got != 0 && got != n {
			return fmt.Errorf("stream %q has %d samples, the time stream %d", key, got, n)
		}
		return nil
	}
	var latlng [][]float64
	if err := field(streams, "latlng", &latlng); err != nil {
		return tr, nil, err
	}
	if err := check("latlng", len(latlng)); err != nil {
		return tr, nil, err
	}
	if len(latlng) == n {
		tr.Lat, tr.Lon = make([]float64, n), make([]float64, n)
		bad := 0
		for i, p := range latlng {
			if len(p) != 2 || !(p[0] >= -90 && p[0] <= 90) || !(p[1] >= -180 && p[1] <= 180) || (p[0] == 0 && p[1] == 0) {
				bad++
				tr.Lat[i], tr.Lon[i] = math.NaN(), math.NaN()
				continue
			}
			tr.Lat[i], tr.Lon[i] = p[0], p[1]
		}
		if bad > 0 {
			if bad == n {
				tr.Lat, tr.Lon = nil, nil
				warns = append(warns, "latlng stream: no valid position; kept the other streams")
			} else {
				fillGaps(tr.Lat, tr.Lon)
				warns = append(warns, fmt.Sprintf("latlng stream: %d of %d positions out of range, filled from their neighbours", bad, n))
			}
		}
	}
	floats := func(key string, scale float64) ([]float32, error) {
		var v []*float64 // null samples happen (a sensor dropout)
		if err := field(streams, key, &v); err != nil {
			return nil, err
		}
		if err := check(key, len(v)); err != nil {
			return nil, err
		}
		if len(v) == 0 {
			return nil, nil
		}
		out := make([]float32, n)
		for i, x := range v {
			if x == nil || math.IsNaN(*x) || math.IsInf(*x, 0) {
				out[i] = float32(math.NaN())
				continue
			}
			out[i] = float32(*x * scale)
		}
		return out, nil
	}
	var err error
	if tr.Ele, err = floats("altitude", 1); err != nil {
		return tr, nil, err
	}
	if tr.HR, err = floats("heartrate", 1); err != nil {
		return tr, nil, err
	}
	cadScale := 1.0
	if run {
		cadScale = 2
	}
	if tr.Cadence, err = floats("cadence", cadScale); err != nil {
		return tr, nil, err
	}
	if tr.Power, err = floats("watts", 1); err != nil {
		return tr, nil, err
	}
	if tr.Speed, err = floats("velocity_smooth", 1); err != nil {
		return tr, nil, err
	}
	if tr.Temp, err = floats("temp", 1); err != nil {
		return tr, nil, err
	}
	var dist []*float64
	if err := field(streams, "distance", &dist); err != nil {
		return tr, nil, err
	}
	if err := check("distance", len(dist)); err != nil {
		return tr, nil, err
	}
	if len(dist) == n {
		tr.Dist = make([]float64, n)
		last := 0.0
		for i, x := range dist {
			if x != nil && *x >= last && !math.IsInf(*x, 0) {
				last = *x
			}
			tr.Dist[i] = last
		}
	}
	var moving []bool
	if err := field(streams, "moving", &moving); err != nil {
		return tr, nil, err
	}
	if err := check("moving", len(moving)); err != nil {
		return tr, nil, err
	}
	for i := 1; i < len(moving); i++ {
		if moving[i] && !moving[i-1] {
			tr.Breaks = append(tr.Breaks, i)
		}
	}
	if err := tr.Validate(); err != nil {
		return tr, nil, err
	}
	return tr, warns, nil
}

// fillGaps replaces NaN positions with the nearest valid one before them
// (or after, at the start).
func fillGaps(lat, lon []float64) {
	first := -1
	for i := range lat {
		if !math.IsNaN(lat[i]) {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	for i := 0; i < first; i++ {
		lat[i], lon[i] = lat[first], lon[first]
	}
	for i := first + 1; i < len(lat); i++ {
		if math.IsNaN(lat[i]) {
			lat[i], lon[i] = lat[i-1], lon[i-1]
		}
	}
}

// field decodes one stream's data into v; a missing stream leaves v empty.
func field(streams map[string]json.RawMessage, key string, v any) error {
	raw, ok := streams[key]
	if !ok || len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil
	}
	var s stream
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("stream %q: %w", key, err)
	}
	if len(s.Data) == 0 || bytes.Equal(s.Data, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(s.Data, v); err != nil {
		return fmt.Errorf("stream %q: %w", key, err)
	}
	return nil
}

// Sport maps Strava's sport_type (or, for older activities, type) onto a
// rekindle sport and keeps Strava's own name as the sub-sport. A run on a
// trainer is a treadmill run.
func Sport(sportType, typ string, trainer bool) (rekindle.Sport, string) {
	name := sportType
	if name == "" {
		name = typ
	}
	s := SportOf(name)
	if trainer {
		switch s {
		case rekindle.SportRunning:
			s = rekindle.SportTreadmill
		case rekindle.SportCycling:
			s = rekindle.SportIndoorCycling
		}
	}
	return s, name
}

// SportOf maps one of Strava's activity or sport type names ("Run",
// "TrailRun", "Weight Training" as in export CSVs) onto a rekindle sport.
func SportOf(t string) rekindle.Sport {
	switch strings.ToLower(strings.ReplaceAll(t, " ", "")) {
	case "run":
		return rekindle.SportRunning
	case "trailrun":
		return rekindle.SportTrailRunning
	case "virtualrun":
		return rekindle.SportTreadmill
	case "walk":
		return rekindle.SportWalking
	case "hike":
		return rekindle.SportHiking
	case "ride", "ebikeride", "mountainbikeride", "emountainbikeride", "gravelride", "velomobile", "handcycle":
		return rekindle.SportCycling
	case "virtualride":
		return rekindle.SportVirtualRide
	case "swim":
		return rekindle.SportSwimming
	case "rowing", "virtualrow", "kayaking", "canoeing", "standuppaddling":
		// Paddling at 5-10 km/h is no run (the speed rule would read it as
		// one); gpx.SportOf files canoe and kayak as rowing too.
		return rekindle.SportRowing
	case "weighttraining", "workout", "crossfit", "highintensityintervaltraining":
		return rekindle.SportStrength
	case "yoga":
		return rekindle.SportYoga
	case "pilates":
		return rekindle.SportPilates
	case "elliptical":
		return rekindle.SportElliptical
	case "alpineski", "backcountryski", "nordicski", "snowboard", "rollerski":
		// Snowboard days left as "other" went to the speed rule, which read
		// 14-25 km descents at 3:30-5:00/km as runs (held-out real-43).
		return rekindle.SportSkiing
	case "snowshoe":
		return rekindle.SportHiking
	}
	return rekindle.SportOther
}
