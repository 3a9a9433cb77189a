// Package tcx decodes Garmin Training Center (TCX) files into activities.
//
// Every <Activity> becomes an activity (Source.Index is its position in the
// file), including the legs of a <MultiSportSession>, which share a
// Multisport key. Laps keep the device's own figures (TotalTimeSeconds,
// DistanceMeters, Calories, heart rate, Intensity, TriggerMethod, Cadence,
// the LX extension's run cadence and watts) and the range of samples they
// cover; Totals are the sum of the laps. Trackpoints fill the track,
// including the TPX extension (Speed, RunCadence, Watts). A further <Track>
// inside one lap follows a pause and is recorded in Track.Breaks.
//
// TCX running cadence (Cadence and RunCadence, in laps and trackpoints) is
// written in strides per minute, one foot's cycles: a Forerunner 945
// treadmill jog at 2.4 m/s reads 77, i.e. 154 steps per minute. rekindle
// keeps steps per minute, so running cadence is doubled. Cycling cadence is
// rpm and kept as is.
//
// Trackpoints more than a week from the rest, or the few stamped out of
// order, are dropped with a warning (trackbuild.SaneTimes); a whole stretch
// recorded out of time order is moved into place with a warning, as the FIT
// decoder does, each lap then spanning where its samples landed.
//
// The decoder streams raw XML tokens; memory depends on the samples kept,
// not on the size of the file.
package tcx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/trackbuild"
	"rekindle/internal/xmlscan"
)

// element codes for the context stack.
const (
	eOther = iota
	eRoot
	eActivities
	eMultiSport
	eLeg // FirstSport or NextSport
	eActivity
	eLap
	eLapAvgHR
	eLapMaxHR
	eLapExt // Extensions or LX under a lap
	eTrack
	eTrackpoint
	ePosition
	eHR
	eTPX // Extensions or TPX under a trackpoint
	eCreator
	eSkip // a subtree of no interest (Courses, Workouts, Transition…)
)

// text fields that are captured.
const (
	fNone = iota
	fID
	fNotes
	fCreatorName
	fMultiID
	fLapTime
	fLapDist
	fLapMaxSpeed
	fLapKcal
	fLapAvgHR
	fLapMaxHR
	fLapIntensity
	fLapTrigger
	fLapCadence
	fLapRunCadence
	fLapWatts
	fTime
	fLat
	fLon
	fAlt
	fDist
	fHR
	fCadence
	fRunCadence
	fSpeed
	fWatts
)

type activity struct {
	a         *rekindle.Activity
	b         *trackbuild.Builder
	idTime    int64
	lapStart  int // sample index where the current lap began
	lapTracks int // <Track> elements seen in the current lap
	lapStarts []int64
	lastTime  int64
	sport     string
	badTime   int
}

type decoder struct {
	sc       *xmlscan.Scanner
	stack    []int
	rootSeen bool

	acts       []*activity
	cur        *activity
	lap        *rekindle.Lap
	inPoint    bool
	pt         trackbuild.Sample
	field      int
	text       []byte
	warnings   []string
	courses    int
	maxSamples int
	maxText    int

	multiKey string
	multiLeg int
	multiN   int
}

// Decode reads a TCX file. See the package documentation for what it keeps.
func Decode(r io.Reader) ([]*rekindle.Activity, error) {
	return decode(r, limits{samples: xmlscan.MaxSamples, token: xmlscan.MaxToken})
}

// limits are the hostile-input caps; tests lower them.
type limits struct{ samples, token int }

func decode(r io.Reader, lim limits) ([]*rekindle.Activity, error) {
	d := &decoder{sc: xmlscan.NewScannerLimit(r, lim.token), maxSamples: lim.samples, maxText: lim.token}
	if err := d.run(); err != nil {
		return nil, err
	}
	return d.activities()
}

func (d *decoder) warnf(format string, args ...any) {
	if len(d.warnings) < 100 {
		d.warnings = append(d.warnings, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) run() error {
	for {
		kind, err := d.sc.Next()
		if err == io.EOF {
			if len(d.stack) > 0 && d.rootSeen {
				d.warnf("byte %d: file ends inside an open element: truncated", d.sc.Offset())
				return d.closeAll()
			}
			return nil
		}
		if err != nil {
			if xmlscan.IsTooLarge(err) {
				return fmt.Errorf("tcx: %w", err)
			}
			var se *xmlscan.SyntaxError
			if !errors.As(err, &se) {
				err = fmt.Errorf("byte %d: %w", d.sc.Offset(), err)
			}
			if !d.rootSeen {
				return fmt.Errorf("tcx: %v: %w", err, rekindle.ErrCorrupt)
			}
			d.warnf("%v; decoding stopped there", err)
			return d.closeAll()
		}
		switch kind {
		case xmlscan.StartTag:
			if err := d.start(d.sc.Name()); err != nil {
				return err
			}
		case xmlscan.EndTag:
			if err := d.end(); err != nil {
				return err
			}
		case xmlscan.Text:
			if d.field != fNone {
				if len(d.text)+len(d.sc.Text()) > d.maxText {
					return fmt.Errorf("tcx: byte %d: element text longer than %d bytes: %w", d.sc.Offset(), d.maxText, xmlscan.ErrTooLarge)
				}
				d.text = append(d.text, d.sc.Text()...)
			}
		}
	}
}

func (d *decoder) closeAll() error {
	d.field = fNone
	for len(d.stack) > 0 {
		if err := d.end(); err != nil {
			return err
		}
	}
	return nil
}

func (d *decoder) start(name []byte) error {
	local := string(name) // only compared below: does not allocate
	if len(d.stack) == 0 {
		if d.rootSeen {
			d.stack = append(d.stack, eSkip)
			return nil
		}
		d.rootSeen = true
		if local != "TrainingCenterDatabase" {
			return fmt.Errorf("tcx: root element is <%s>, not <TrainingCenterDatabase>: %w", cleanText(name), rekindle.ErrNotActivity)
		}
		d.stack = append(d.stack, eRoot)
		return nil
	}
	parent := d.stack[len(d.stack)-1]
	code := eOther
	d.field = fNone
	switch parent {
	case eSkip:
		code = eSkip
	case eRoot:
		switch local {
		case "Activities":
			code = eActivities
		case "Courses":
			code = eSkip
			d.courses++
		default:
			code = eSkip
		}
	case eActivities:
		switch local {
		case "Activity":
			code = eActivity
			d.beginActivity()
		case "MultiSportSession":
			code = eMultiSport
			d.multiN++
			d.multiKey = fmt.Sprintf("tcx-multisport-%d", d.multiN)
			d.multiLeg = 0
		default:
			code = eSkip
		}
	case eMultiSport:
		switch local {
		case "Id":
			d.field = fMultiID
		case "FirstSport", "NextSport":
			code = eLeg
		default:
			code = eSkip
		}
	case eLeg:
		if local == "Activity" {
			code = eActivity
			d.multiLeg++
			d.beginActivity()
		} else {
			code = eSkip // Transition laps are not activities
		}
	case eActivity:
		switch local {
		case "Id":
			d.field = fID
		case "Notes":
			d.field = fNotes
		case "Lap":
			code = eLap
			d.beginLap()
		case "Creator":
			code = eCreator
		default:
			code = eSkip
		}
	case eCreator:
		if local == "Name" {
			d.field = fCreatorName
		} else {
			code = eSkip
		}
	case eLap:
		switch local {
		case "TotalTimeSeconds":
			d.field = fLapTime
		case "DistanceMeters":
			d.field = fLapDist
		case "MaximumSpeed":
			d.field = fLapMaxSpeed
		case "Calories":
			d.field = fLapKcal
		case "AverageHeartRateBpm":
			code = eLapAvgHR
		case "MaximumHeartRateBpm":
			code = eLapMaxHR
		case "Intensity":
			d.field = fLapIntensity
		case "TriggerMethod":
			d.field = fLapTrigger
		case "Cadence":
			d.field = fLapCadence
		case "Track":
			code = eTrack
			d.cur.lapTracks++
			if d.cur.lapTracks > 1 {
				d.cur.b.Break()
			}
		case "Extensions":
			code = eLapExt
		default:
			code = eSkip
		}
	case eLapAvgHR:
		if local == "Value" {
			d.field = fLapAvgHR
		}
	case eLapMaxHR:
		if local == "Value" {
			d.field = fLapMaxHR
		}
	case eLapExt:
		code = eLapExt
		switch local {
		case "AvgRunCadence":
			d.field = fLapRunCadence
		case "AvgWatts":
			d.field = fLapWatts
		}
	case eTrack:
		if local == "Trackpoint" {
			code = eTrackpoint
			d.inPoint = true
			d.pt.Reset()
		} else {
			code = eSkip
		}
	case eTrackpoint:
		switch local {
		case "Time":
			d.field = fTime
		case "Position":
			code = ePosition
		case "AltitudeMeters":
			d.field = fAlt
		case "DistanceMeters":
			d.field = fDist
		case "HeartRateBpm":
			code = eHR
		case "Cadence":
			d.field = fCadence
		case "Extensions":
			code = eTPX
		default:
			code = eSkip
		}
	case ePosition:
		switch local {
		case "LatitudeDegrees":
			d.field = fLat
		case "LongitudeDegrees":
			d.field = fLon
		}
	case eHR:
		if local == "Value" {
			d.field = fHR
		}
	case eTPX:
		code = eTPX
		switch local {
		case "Speed":
			d.field = fSpeed
		case "RunCadence":
			d.field = fRunCadence
		case "Watts":
			d.field = fWatts
		}
	}
	d.stack = append(d.stack, code)
	if d.field != fNone {
		d.text = d.text[:0]
	}
	return nil
}

func (d *decoder) beginActivity() {
	act := &activity{
		a:        &rekindle.Activity{Source: rekindle.Source{Format: rekindle.FormatTCX, Index: len(d.acts)}},
		b:        trackbuild.New(d.maxSamples),
		idTime:   trackbuild.NoTime,
		lastTime: trackbuild.NoTime,
	}
	if v, ok := d.sc.Attr("Sport"); ok {
		act.sport = cleanText(v)
	}
	if d.multiLeg > 0 {
		act.a.Multisport = d.multiKey
		act.a.MultisportLeg = d.multiLeg
	}
	d.acts = append(d.acts, act)
	d.cur = act
}

func (d *decoder) beginLap() {
	l := rekindle.Lap{First: -1, Last: -1}
	start := trackbuild.NoTime
	if v, ok := d.sc.Attr("StartTime"); ok {
		if ms, ok := xmlscan.ParseTime(v); ok {
			start = ms
			l.Start = time.UnixMilli(ms).UTC()
		} else {
			d.cur.badTime++
		}
	}
	d.cur.a.Laps = append(d.cur.a.Laps, l)
	d.cur.lapStarts = append(d.cur.lapStarts, start)
	d.lap = &d.cur.a.Laps[len(d.cur.a.Laps)-1]
	d.cur.lapStart = d.cur.b.Len()
	d.cur.lapTracks = 0
}

func (d *decoder) end() error {
	if len(d.stack) == 0 {
		return nil
	}
	code := d.stack[len(d.stack)-1]
	d.stack = d.stack[:len(d.stack)-1]
	if d.field != fNone {
		d.setField()
		d.field = fNone
	}
	switch code {
	case eTrackpoint:
		d.inPoint = false
		if err := d.cur.b.Add(&d.pt); err != nil {
			return fmt.Errorf("tcx: more than %d trackpoints in one activity: %w", d.maxSamples, xmlscan.ErrTooLarge)
		}
		if d.pt.Time != trackbuild.NoTime {
			d.cur.lastTime = d.pt.Time
		}
	case eLap:
		if n := d.cur.b.Len(); n > d.cur.lapStart {
			d.lap.First, d.lap.Last = d.cur.lapStart, n-1
		}
		d.lap = nil
	case eActivity:
		d.cur, d.lap = nil, nil
	case eMultiSport:
		d.multiLeg = 0
	}
	return nil
}

func num(b []byte) float64 {
	f, ok := xmlscan.ParseFloat(b)
	if !ok {
		return math.NaN()
	}
	return f
}

func f32(b []byte) float32 { return float32(num(b)) }

func (d *decoder) setField() {
	b := d.text
	p := &d.pt
	switch d.field {
	case fTime:
		if ms, ok := xmlscan.ParseTime(b); ok {
			p.Time = ms
		} else if len(xmlscan.TrimSpace(b)) > 0 {
			d.cur.badTime++
		}
	case fLat:
		if v := num(b); v >= -90 && v <= 90 {
			p.Lat = v
		}
	case fLon:
		if v := num(b); v >= -180 && v <= 180 {
			p.Lon = v
		}
	case fAlt:
		p.Ele = f32(b)
	case fDist:
		if v := num(b); v >= 0 {
			p.Dist = v
		}
	case fHR:
		if v := f32(b); v > 0 && v < 300 {
			p.HR = v
		}
	case fCadence, fRunCadence:
		if v := f32(b); v >= 0 && v < 1000 && (d.field == fRunCadence || isNaN32(p.Cadence)) {
			p.Cadence = v
		}
	case fSpeed:
		if v := f32(b); v >= 0 {
			p.Speed = v
		}
	case fWatts:
		if v := f32(b); v >= 0 && v < 10000 {
			p.Power = v
		}
	case fID:
		if ms, ok := xmlscan.ParseTime(b); ok {
			d.cur.idTime = ms
		}
	case fNotes:
		d.cur.a.Description = cleanText(b)
	case fCreatorName:
		d.cur.a.Device = cleanText(b)
	case fMultiID:
		if s := cleanText(b); s != "" {
			d.multiKey = "tcx-multisport-" + s
		}
	}
	if d.lap == nil {
		return
	}
	l := d.lap
	switch d.field {
	case fLapTime:
		l.TimerS = pos(num(b))
	case fLapDist:
		l.DistanceM = pos(num(b))
	case fLapMaxSpeed:
		// kept for the totals through the activity
		d.cur.a.Totals.MaxSpeedMS = math.Max(d.cur.a.Totals.MaxSpeedMS, pos(num(b)))
	case fLapKcal:
		l.Calories = pos(num(b))
	case fLapAvgHR:
		l.AvgHR = pos(num(b))
	case fLapMaxHR:
		l.MaxHR = pos(num(b))
	case fLapIntensity:
		switch strings.TrimSpace(string(b)) {
		case "Active":
			l.Intensity = "active"
		case "Resting":
			l.Intensity = "rest"
		}
	case fLapTrigger:
		switch strings.TrimSpace(string(b)) {
		case "Manual":
			l.Trigger = "manual"
		case "Distance":
			l.Trigger = "distance"
		case "Location":
			l.Trigger = "position"
		case "Time":
			l.Trigger = "time"
		case "HeartRate":
			l.Trigger = "heart_rate"
		}
	case fLapCadence:
		if l.AvgCadence == 0 {
			l.AvgCadence = pos(num(b))
		}
	case fLapRunCadence:
		l.AvgCadence = pos(num(b))
	case fLapWatts:
		l.AvgPowerW = pos(num(b))
	}
}

// pos returns v when it is a finite non-negative number, else 0 ("not said").
func pos(v float64) float64 {
	if v >= 0 && !math.IsInf(v, 1) {
		return v
	}
	return 0
}

func isNaN32(f float32) bool { return f != f }

func cleanText(b []byte) string {
	return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
}
