// Package gpx decodes GPX 1.0 and 1.1 files into activities.
//
// The decoder streams raw XML tokens and keeps nothing but the samples it
// has read, so memory does not depend on the size of the file. What it
// understands:
//
//   - tracks (<trk>) with any number of segments; every new segment (and
//     every further track) starts after a pause, recorded in Track.Breaks;
//   - routes (<rte>) when the file has no track points;
//   - Garmin TrackPointExtension (hr, cad, atemp/wtemp, speed), Garmin
//     PowerExtension, Strava's <power>, GPX 1.0 <speed>, matched by local
//     name whatever namespace URI the file declares;
//   - OpenTracks' legacy pause markers (points at latitude 100 and 200);
//   - Garmin TrackStatsExtension as the file's own Totals;
//   - times with or without fractional seconds and with any UTC offset;
//     byte-order marks; ISO-8859-1 / windows-1252 / UTF-16 files.
//
// The timed tracks of a file form one activity, unless more than three
// hours pass between one track and the next (a device log of several
// outings): then each stretch is an activity of its own. Tracks with no time
// at all in a file that also has timed tracks become a separate activity
// without times (the last Source.Index), so nothing is dropped. Running cadence written as
// strides per minute (the usual Garmin and Strava convention: typical values
// below 120) is doubled to steps per minute.
package gpx

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"rekindle"
	"rekindle/internal/trackbuild"
	"rekindle/internal/xmlscan"
)

// element codes for the context stack.
const (
	eOther = iota
	eGPX
	eMetadata
	eTrk
	eTrkseg
	eTrkpt
	eRte
	eRtept
	eWpt
	eExtensions
	eRootExt // <extensions> on the root: a converter's summary of the file
)

// text fields that are captured.
const (
	fNone = iota
	fTrkName
	fTrkType
	fTrkDesc
	fMetaName
	fMetaDesc
	fMetaTime
	fEle
	fTime
	fSpeed
	fHR
	fCad
	fTemp
	fPower
	fStat
	fRootStat
)

// track collects one <trk> or <rte>.
type track struct {
	name, typ, desc string
	b               *trackbuild.Builder
	timed           bool
	tr              rekindle.Track // once finished
	interp          int            // times interpolated in tr
	far, back       int            // points dropped for impossible times
	totals          rekindle.Totals
	pauses          int
}

type decoder struct {
	sc       *xmlscan.Scanner
	stack    []int
	rootSeen bool
	creator  string
	version  string

	metaName, metaDesc string
	metaTime           int64
	waypoints          int
	// rootTotals are the file's own summary on the root's <extensions>
	// (running_page and workouts_page write <distance>, <elapsed_time>,
	// <moving_time>, <average_hr>, <start_time> there, with an empty
	// <trkseg/> for a session the app kept no points of).
	rootTotals rekindle.Totals
	rootStart  int64

	trks []*track
	rtes []*track
	cur  *track // the <trk> or <rte> being read

	inPoint    bool
	pt         trackbuild.Sample
	paused     bool // an OpenTracks pause marker was seen
	field      int
	statName   string
	text       []byte
	warnings   []string
	maxSamples int
	maxText    int
	badPos     int
	badTime    int
}

// Decode reads a GPX file. See the package documentation for what it keeps.
func Decode(r io.Reader) ([]*rekindle.Activity, error) {
	return decode(r, limits{samples: xmlscan.MaxSamples, token: xmlscan.MaxToken})
}

// limits are the hostile-input caps; tests lower them.
type limits struct{ samples, token int }

func decode(r io.Reader, lim limits) ([]*rekindle.Activity, error) {
	d := &decoder{sc: xmlscan.NewScannerLimit(r, lim.token), metaTime: trackbuild.NoTime, maxSamples: lim.samples, maxText: lim.token}
	err := d.run()
	if err != nil {
		return nil, err
	}
	return d.activities()
}

func (d *decoder) warnf(format string, args ...any) {
	if len(d.warnings) < 100 {
		d.warnings = append(d.warnings, fmt.Sprintf(format, args...))
	}
}

// run reads tokens until the end or an error. A syntax error after some
// content is a warning; before any content it is an error.
func (d *decoder) run() error {
	for {
		kind, err := d.sc.Next()
		if err == io.EOF {
			if len(d.stack) > 0 && d.rootSeen {
				d.warnf("byte %d: file ends inside <%s>: truncated", d.sc.Offset(), d.openName())
				d.closeAll()
			}
			return nil
		}
		if err != nil {
			if xmlscan.IsTooLarge(err) {
				return fmt.Errorf("gpx: %w", err)
			}
			var se *xmlscan.SyntaxError
			if !errors.As(err, &se) {
				err = fmt.Errorf("byte %d: %w", d.sc.Offset(), err)
			}
			if !d.rootSeen {
				return fmt.Errorf("gpx: %v: %w", err, rekindle.ErrCorrupt)
			}
			d.warnf("%v; decoding stopped there", err)
			d.closeAll()
			return nil
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
					return fmt.Errorf("gpx: byte %d: element text longer than %d bytes: %w", d.sc.Offset(), d.maxText, xmlscan.ErrTooLarge)
				}
				d.text = append(d.text, d.sc.Text()...)
			}
		}
	}
}

func (d *decoder) openName() string {
	switch d.stack[len(d.stack)-1] {
	case eTrkpt:
		return "trkpt"
	case eTrkseg:
		return "trkseg"
	case eTrk:
		return "trk"
	case eRte:
		return "rte"
	case eRtept:
		return "rtept"
	}
	return "gpx"
}

// closeAll ends every open element, keeping a point in progress.
func (d *decoder) closeAll() {
	d.field = fNone
	for len(d.stack) > 0 {
		if err := d.end(); err != nil {
			return
		}
	}
}

func (d *decoder) parent() int {
	if len(d.stack) == 0 {
		return -1
	}
	return d.stack[len(d.stack)-1]
}

func (d *decoder) start(name []byte) error {
	local := string(name) // only compared below: does not allocate
	parent := d.parent()
	code := eOther
	if len(d.stack) == 0 {
		if d.rootSeen {
			d.stack = append(d.stack, eOther) // content after the root: ignore
			return nil
		}
		d.rootSeen = true
		if string(name) != "gpx" {
			return fmt.Errorf("gpx: root element is <%s>, not <gpx>: %w", cleanText(name), rekindle.ErrNotActivity)
		}
		if v, ok := d.sc.Attr("creator"); ok {
			d.creator = cleanText(v)
		}
		if v, ok := d.sc.Attr("version"); ok {
			d.version = cleanText(v)
		}
		d.stack = append(d.stack, eGPX)
		return nil
	}
	d.field = fNone
	switch {
	case d.inPoint:
		code = eOther
		switch local {
		case "extensions":
			code = eExtensions
		case "ele":
			d.field = fEle
		case "time":
			d.field = fTime
		default:
			d.field = pointField(name)
		}
	case parent == eGPX:
		switch local {
		case "metadata":
			code = eMetadata
		case "trk":
			code = eTrk
			d.cur = &track{b: trackbuild.New(d.maxSamples)}
			d.trks = append(d.trks, d.cur)
		case "rte":
			code = eRte
			d.cur = &track{b: trackbuild.New(d.maxSamples)}
			d.rtes = append(d.rtes, d.cur)
		case "wpt":
			code = eWpt
			d.waypoints++
		case "name": // GPX 1.0 keeps these on the root
			d.field = fMetaName
		case "desc":
			d.field = fMetaDesc
		case "time":
			d.field = fMetaTime
		case "extensions":
			code = eRootExt
		}
	case parent == eRootExt:
		d.field = fRootStat
		d.statName = local
	case parent == eMetadata:
		switch local {
		case "name":
			d.field = fMetaName
		case "desc":
			d.field = fMetaDesc
		case "time":
			d.field = fMetaTime
		}
	case parent == eTrk || parent == eRte:
		switch local {
		case "trkseg":
			if parent == eTrk {
				code = eTrkseg
				d.cur.b.Break()
			}
		case "rtept":
			if parent == eRte {
				code = eRtept
				d.beginPoint()
			}
		case "name":
			d.field = fTrkName
		case "type":
			d.field = fTrkType
		case "desc":
			d.field = fTrkDesc
		case "extensions":
			code = eExtensions
		}
	case parent == eTrkseg:
		if local == "trkpt" {
			code = eTrkpt
			d.beginPoint()
		}
	case parent == eExtensions || parent == eOther:
		// Track-level extensions: Garmin TrackStatsExtension and the like.
		if d.cur != nil && len(d.stack) >= 3 && slices.Contains(d.stack, eTrk) {
			d.field = fStat
			d.statName = string(name)
		}
	}
	d.stack = append(d.stack, code)
	if d.field != fNone {
		d.text = d.text[:0]
	}
	return nil
}

// pointField maps an element inside a point (or its extensions) to a field.
func pointField(name []byte) int {
	var buf [32]byte
	switch string(xmlscan.Lower(buf[:], name)) {
	case "speed":
		return fSpeed
	case "hr", "heartrate", "heart_rate":
		return fHR
	case "cad", "cadence":
		return fCad
	case "atemp", "temp", "temperature", "wtemp":
		return fTemp
	case "power", "powerinwatts", "watts":
		return fPower
	}
	return fNone
}

func (d *decoder) beginPoint() {
	d.inPoint = true
	d.pt.Reset()
	var latOK, lonOK bool
	if v, ok := d.sc.Attr("lat"); ok {
		d.pt.Lat, latOK = xmlscan.ParseFloat(v)
	}
	if v, ok := d.sc.Attr("lon"); ok {
		d.pt.Lon, lonOK = xmlscan.ParseFloat(v)
	}
	if !latOK || !lonOK || d.pt.Lon < -180 || d.pt.Lon > 180 {
		if !(latOK && (d.pt.Lat == 100 || d.pt.Lat == 200)) {
			d.badPos++
		}
		if !latOK {
			d.pt.Lat = math.NaN()
		}
		if !lonOK || d.pt.Lon < -180 || d.pt.Lon > 180 {
			d.pt.Lon = math.NaN()
		}
	}
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
	case eTrkpt, eRtept:
		d.inPoint = false
		return d.endPoint()
	case eTrk, eRte:
		d.cur = nil
	}
	return nil
}

func (d *decoder) endPoint() error {
	p := &d.pt
	// OpenTracks (legacy) marks a pause with a point at latitude 100 and the
	// resume with one at latitude 200; neither is a place.
	if p.Lat == 100 || p.Lat == 200 {
		d.cur.pauses++
		d.cur.b.Break()
		return nil
	}
	if p.Lat < -90 || p.Lat > 90 {
		d.badPos++
		p.Lat, p.Lon = math.NaN(), math.NaN()
	}
	if math.IsNaN(p.Lat) || math.IsNaN(p.Lon) {
		p.Lat, p.Lon = math.NaN(), math.NaN()
	}
	if p.Time != trackbuild.NoTime {
		d.cur.timed = true
	}
	if err := d.cur.b.Add(p); err != nil {
		return fmt.Errorf("gpx: more than %d points in one track: %w", d.maxSamples, xmlscan.ErrTooLarge)
	}
	return nil
}

func f32(b []byte) float32 {
	f, ok := xmlscan.ParseFloat(b)
	if !ok {
		return rekindle.NaN32
	}
	return float32(f)
}

func (d *decoder) setField() {
	b := d.text
	switch d.field {
	case fEle:
		d.pt.Ele = f32(b)
	case fTime:
		if ms, ok := xmlscan.ParseTime(b); ok {
			d.pt.Time = ms
		} else if len(xmlscan.TrimSpace(b)) > 0 {
			d.badTime++
		}
	case fSpeed:
		d.pt.Speed = f32(b)
	case fHR:
		if v := f32(b); v > 0 && v < 300 {
			d.pt.HR = v
		}
	case fCad:
		if v := f32(b); v >= 0 && v < 1000 {
			d.pt.Cadence = v
		}
	case fTemp:
		if math.IsNaN(float64(d.pt.Temp)) { // atemp wins over a later wtemp
			d.pt.Temp = f32(b)
		}
	case fPower:
		if v := f32(b); v >= 0 && v < 10000 {
			d.pt.Power = v
		}
	case fTrkName:
		d.cur.name = cleanText(b)
	case fTrkType:
		d.cur.typ = cleanText(b)
	case fTrkDesc:
		d.cur.desc = cleanText(b)
	case fMetaName:
		d.metaName = cleanText(b)
	case fMetaDesc:
		d.metaDesc = cleanText(b)
	case fMetaTime:
		if ms, ok := xmlscan.ParseTime(b); ok {
			d.metaTime = ms
		}
	case fStat:
		d.setStat(b)
	case fRootStat:
		d.setRootStat(b)
	}
}

// setRootStat reads a converter's summary on the root's <extensions>
// (running_page's: distance in metres, times in seconds, a start time).
// Values out of any session's range are left out.
func (d *decoder) setRootStat(b []byte) {
	if d.statName == "start_time" {
		if ms, ok := xmlscan.ParseTime(b); ok {
			d.rootStart = ms
		}
		return
	}
	v, ok := xmlscan.ParseFloat(b)
	if !ok || !(v > 0) || v > 1e7 {
		return
	}
	t := &d.rootTotals
	switch d.statName {
	case "distance":
		t.DistanceM = v
	case "elapsed_time":
		t.ElapsedS = v
	case "moving_time":
		t.TimerS = v
	case "average_hr":
		if v < 255 {
			t.AvgHR = v
		}
	}
}

// setStat reads Garmin TrackStatsExtension fields into the track's totals.
func (d *decoder) setStat(b []byte) {
	v, ok := xmlscan.ParseFloat(b)
	if !ok || d.cur == nil {
		return
	}
	t := &d.cur.totals
	switch d.statName {
	case "Distance":
		t.DistanceM = v
	case "TimerTime":
		t.TimerS = v
	case "TotalElapsedTime":
		t.ElapsedS = v
	case "MaxSpeed":
		t.MaxSpeedMS = v
	case "Ascent":
		t.AscentM = v
	case "Descent":
		t.DescentM = v
	case "Calories":
		t.Calories = v
	case "AvgHeartRate":
		t.AvgHR = v
	case "MaxHeartRate":
		t.MaxHR = v
	}
}

func cleanText(b []byte) string {
	return strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
}
