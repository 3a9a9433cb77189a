package demo

import (
	"archive/zip"
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"

	"rekindle"
)

// WriteFile writes an activity in its Source.Format (gpx, tcx or fit).
func WriteFile(w io.Writer, a *rekindle.Activity) error {
	switch a.Source.Format {
	case rekindle.FormatGPX:
		return WriteGPX(w, a)
	case rekindle.FormatTCX:
		return WriteTCX(w, a)
	case rekindle.FormatFIT:
		return WriteFIT(w, a)
	}
	return fmt.Errorf("demo: write %s: unknown format %q", a.Source.File, a.Source.Format)
}

// The simulated watch: a Forerunner 255 (Garmin product 3990) and its serial.
const (
	demoProductID = 3990
	demoUnitID    = 3_990_000_001
)

const isoMilli = "2006-01-02T15:04:05.000Z"

func ms(t int64) string { return time.UnixMilli(t).UTC().Format(isoMilli) }

func ff(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

func xmlEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '"':
			b = append(b, "&quot;"...)
		default:
			b = append(b, c)
		}
	}
	return string(b)
}

// WriteGPX writes a GPX 1.1 track with Garmin TrackPointExtension heart rate
// and cadence; a pause starts a new segment.
func WriteGPX(w io.Writer, a *rekindle.Activity) error {
	bw := bufio.NewWriter(w)
	t := &a.Track
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="%s" xmlns="http://www.topografix.com/GPX/1/1" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
 <metadata><time>%s</time></metadata>
 <trk>
  <name>%s</name>
  <type>%s</type>
  <trkseg>
`, xmlEscape(a.Device), a.Start.UTC().Format(time.RFC3339), xmlEscape(a.Name), gpxType(a.Sport))
	b := 0
	buf := make([]byte, 0, 256)
	for i := 0; i < t.Len(); i++ {
		if b < len(t.Breaks) && t.Breaks[b] == i {
			bw.WriteString("  </trkseg>\n  <trkseg>\n")
			b++
		}
		buf = buf[:0]
		buf = append(buf, `   <trkpt lat="`...)
		buf = strconv.AppendFloat(buf, t.Lat[i], 'f', 7, 64)
		buf = append(buf, `" lon="`...)
		buf = strconv.AppendFloat(buf, t.Lon[i], 'f', 7, 64)
		buf = append(buf, `"><ele>`...)
		buf = strconv.AppendFloat(buf, float64(t.Ele[i]), 'f', 1, 64)
		buf = append(buf, `</ele><time>`...)
		buf = time.UnixMilli(t.Time[i]).UTC().AppendFormat(buf, time.RFC3339)
		buf = append(buf, `</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>`...)
		buf = strconv.AppendInt(buf, int64(t.HR[i]), 10)
		buf = append(buf, `</gpxtpx:hr><gpxtpx:cad>`...)
		buf = strconv.AppendInt(buf, int64(t.Cadence[i]/2), 10) // per foot, as Garmin writes it
		buf = append(buf, "</gpxtpx:cad></gpxtpx:TrackPointExtension></extensions></trkpt>\n"...)
		bw.Write(buf)
	}
	bw.WriteString("  </trkseg>\n </trk>\n</gpx>\n")
	return bw.Flush()
}

func gpxType(s rekindle.Sport) string {
	if s == rekindle.SportTrailRunning {
		return "trail_running"
	}
	if s.IsRun() {
		return "running"
	}
	return string(s)
}

// WriteTCX writes a Garmin Training Center file with laps, positions,
// altitude, distance, heart rate and run cadence; a pause starts a new Track.
func WriteTCX(w io.Writer, a *rekindle.Activity) error {
	bw := bufio.NewWriter(w)
	t := &a.Track
	sport := "Other"
	if a.Sport.IsRun() {
		sport = "Running"
	}
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
 <Activities>
  <Activity Sport="%s">
   <Id>%s</Id>
`, sport, a.Start.UTC().Format(time.RFC3339))
	b := 0
	for _, l := range a.Laps {
		fmt.Fprintf(bw, `   <Lap StartTime="%s">
    <TotalTimeSeconds>%s</TotalTimeSeconds>
    <DistanceMeters>%s</DistanceMeters>
    <Calories>%d</Calories>
    <AverageHeartRateBpm><Value>%d</Value></AverageHeartRateBpm>
    <MaximumHeartRateBpm><Value>%d</Value></MaximumHeartRateBpm>
    <Intensity>Active</Intensity>
    <TriggerMethod>Distance</TriggerMethod>
    <Track>
`, l.Start.UTC().Format(time.RFC3339), ff(l.TimerS, 1), ff(l.DistanceM, 2), int(l.Calories), int(l.AvgHR), int(l.MaxHR))
		last := l.Last
		if last < t.Len()-1 {
			last-- // laps share their boundary sample; write it once
		}
		for i := l.First; i <= last; i++ {
			if b < len(t.Breaks) && t.Breaks[b] == i {
				if i > l.First {
					bw.WriteString("    </Track>\n    <Track>\n")
				}
				b++
			}
			fmt.Fprintf(bw, "     <Trackpoint><Time>%s</Time>", ms(t.Time[i]))
			if t.Lat != nil {
				fmt.Fprintf(bw, "<Position><LatitudeDegrees>%s</LatitudeDegrees><LongitudeDegrees>%s</LongitudeDegrees></Position>", ff(t.Lat[i], 7), ff(t.Lon[i], 7))
			}
			if t.Ele != nil {
				fmt.Fprintf(bw, "<AltitudeMeters>%s</AltitudeMeters>", ff(float64(t.Ele[i]), 1))
			}
			if t.Dist != nil {
				fmt.Fprintf(bw, "<DistanceMeters>%s</DistanceMeters>", ff(t.Dist[i], 2))
			}
			fmt.Fprintf(bw, "<HeartRateBpm><Value>%d</Value></HeartRateBpm>", int(t.HR[i]))
			if t.Cadence != nil {
				fmt.Fprintf(bw, "<Extensions><ns3:TPX><ns3:RunCadence>%d</ns3:RunCadence></ns3:TPX></Extensions>", int(t.Cadence[i]/2))
			}
			bw.WriteString("</Trackpoint>\n")
		}
		bw.WriteString("    </Track>\n   </Lap>\n")
	}
	// Device_t requires UnitId, ProductID and Version (TCX v2 XSD): the
	// same unit and product as WriteFIT's file_id.
	fmt.Fprintf(bw, "   <Creator xsi:type=\"Device_t\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><Name>%s</Name><UnitId>%d</UnitId><ProductID>%d</ProductID><Version><VersionMajor>1</VersionMajor><VersionMinor>0</VersionMinor></Version></Creator>\n  </Activity>\n </Activities>\n</TrainingCenterDatabase>\n", xmlEscape(a.Device), demoUnitID, demoProductID)
	return bw.Flush()
}

// WriteFIT writes a FIT activity file (file_id, records, timer events at
// pauses, laps, a session and the activity message) with muktihari/fit.
func WriteFIT(w io.Writer, a *rekindle.Activity) error {
	t := &a.Track
	n := t.Len()
	if n == 0 {
		return fmt.Errorf("demo: write fit %s: empty track", a.Source.File)
	}
	tm := func(i int) time.Time { return time.UnixMilli(t.Time[i]).UTC() }
	f := filedef.NewActivity()
	f.FileId.Type = typedef.FileActivity
	f.FileId.Manufacturer = typedef.ManufacturerGarmin
	f.FileId.Product = demoProductID
	f.FileId.SerialNumber = demoUnitID
	f.FileId.TimeCreated = a.Start
	ev := func(at time.Time, typ typedef.EventType) {
		f.Events = append(f.Events, mesgdef.NewEvent(nil).SetTimestamp(at).SetEvent(typedef.EventTimer).SetEventType(typ))
	}
	ev(tm(0), typedef.EventTypeStart)
	b := 0
	for i := 0; i < n; i++ {
		if b < len(t.Breaks) && t.Breaks[b] == i {
			ev(tm(i-1), typedef.EventTypeStopAll)
			ev(tm(i).Add(-time.Second), typedef.EventTypeStart)
			b++
		}
		r := mesgdef.NewRecord(nil).SetTimestamp(tm(i))
		if t.Lat != nil {
			r.SetPositionLatDegrees(t.Lat[i]).SetPositionLongDegrees(t.Lon[i])
		}
		if t.Ele != nil {
			r.SetAltitudeScaled(float64(t.Ele[i])).SetEnhancedAltitudeScaled(float64(t.Ele[i]))
		}
		if t.Dist != nil {
			r.SetDistanceScaled(t.Dist[i])
		}
		if t.HR != nil {
			r.SetHeartRate(uint8(t.HR[i]))
		}
		if t.Cadence != nil {
			r.SetCadence(uint8(t.Cadence[i] / 2)) // FIT running cadence is strides per minute
		}
		f.Records = append(f.Records, r)
	}
	ev(tm(n-1), typedef.EventTypeStopAll)
	sport, sub := fitSport(a.Sport)
	for _, l := range a.Laps {
		end := tm(l.Last)
		f.Laps = append(f.Laps, mesgdef.NewLap(nil).SetTimestamp(end).SetStartTime(l.Start).
			SetEvent(typedef.EventLap).SetEventType(typedef.EventTypeStop).
			SetTotalElapsedTimeScaled(l.ElapsedS).SetTotalTimerTimeScaled(l.TimerS).SetTotalDistanceScaled(l.DistanceM).
			SetAvgHeartRate(uint8(l.AvgHR)).SetMaxHeartRate(uint8(l.MaxHR)).SetLapTrigger(typedef.LapTriggerDistance).
			SetSport(sport))
	}
	tot := a.Totals
	f.Sessions = append(f.Sessions, mesgdef.NewSession(nil).SetTimestamp(tm(n-1)).SetStartTime(a.Start).
		SetEvent(typedef.EventSession).SetEventType(typedef.EventTypeStop).SetSport(sport).SetSubSport(sub).
		SetTotalElapsedTimeScaled(tot.ElapsedS).SetTotalTimerTimeScaled(tot.TimerS).SetTotalDistanceScaled(tot.DistanceM).
		SetTotalAscent(uint16(tot.AscentM)).SetAvgHeartRate(uint8(tot.AvgHR)).SetMaxHeartRate(uint8(tot.MaxHR)).
		SetTotalCalories(uint16(tot.Calories)).SetFirstLapIndex(0).SetNumLaps(uint16(len(a.Laps))))
	f.Activity = mesgdef.NewActivity(nil).SetTimestamp(tm(n - 1)).SetTotalTimerTimeScaled(tot.TimerS).SetNumSessions(1).
		SetType(typedef.ActivityManual).SetEvent(typedef.EventActivity).SetEventType(typedef.EventTypeStop)
	fit := f.ToFIT(nil)
	if err := encoder.New(w).Encode(&fit); err != nil {
		return fmt.Errorf("demo: write fit %s: %w", a.Source.File, err)
	}
	return nil
}

func fitSport(s rekindle.Sport) (typedef.Sport, typedef.SubSport) {
	switch s {
	case rekindle.SportRunning:
		return typedef.SportRunning, typedef.SubSportGeneric
	case rekindle.SportTrailRunning:
		return typedef.SportRunning, typedef.SubSportTrail
	case rekindle.SportYoga:
		return typedef.SportTraining, typedef.SubSportYoga
	case rekindle.SportStrength:
		return typedef.SportTraining, typedef.SubSportStrengthTraining
	case rekindle.SportSpin:
		return typedef.SportCycling, typedef.SubSportIndoorCycling
	}
	return typedef.SportGeneric, typedef.SubSportGeneric
}

// checkInsJSON is the check-ins file written next to the activities.
type checkInsJSON struct {
	Athlete  rekindle.Athlete `json:"athlete"`
	Persona  string           `json:"persona"`
	CheckIns []checkInJSON    `json:"checkins"`
}

type checkInJSON struct {
	File       string    `json:"file"`
	At         time.Time `json:"at"`
	Enjoyment  int       `json:"enjoyment"`
	RPE        float64   `json:"rpe"`
	Note       string    `json:"note,omitempty"`
	Companions int       `json:"companions"`
	Surface    string    `json:"surface,omitempty"`
}

// WriteCheckIns writes the check-ins (and the athlete) as JSON; each
// check-in names its activity file relative to the folder or archive root.
func WriteCheckIns(w io.Writer, h *History) error { return writeCheckIns(w, h, "") }

func writeCheckIns(w io.Writer, h *History, suffix string) error {
	out := checkInsJSON{Athlete: h.Athlete, Persona: h.Persona.Name}
	for _, c := range h.CheckIns {
		out.CheckIns = append(out.CheckIns, checkInJSON{File: c.File + suffix, At: c.At.UTC(), Enjoyment: c.Enjoyment, RPE: c.RPE,
			Note: c.Note, Companions: c.Companions, Surface: c.Surface})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// WriteDir writes every activity file under dir (dir/activities/…) and
// dir/checkins.json. It returns the number of files written.
func WriteDir(dir string, h *History) (int, error) {
	if err := os.MkdirAll(filepath.Join(dir, "activities"), 0o755); err != nil {
		return 0, fmt.Errorf("demo: write dir: %w", err)
	}
	n := 0
	for _, a := range h.Activities {
		if err := writeTo(filepath.Join(dir, filepath.FromSlash(a.Source.File)), func(w io.Writer) error { return WriteFile(w, a) }); err != nil {
			return n, err
		}
		n++
	}
	if err := writeTo(filepath.Join(dir, "checkins.json"), func(w io.Writer) error { return WriteCheckIns(w, h) }); err != nil {
		return n, err
	}
	return n + 1, nil
}

func writeTo(name string, fn func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	if err := fn(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return nil
}

// stravaType maps a sport to the Activity Type column of a Strava export.
func stravaType(s rekindle.Sport) string {
	switch s {
	case rekindle.SportRunning:
		return "Run"
	case rekindle.SportTrailRunning:
		return "Trail Run"
	case rekindle.SportYoga:
		return "Yoga"
	case rekindle.SportSpin:
		return "Ride"
	case rekindle.SportStrength:
		return "Weight Training"
	}
	return "Workout"
}

// WriteStravaExport writes a Strava-style bulk export archive: activities.csv
// (the columns Strava's export starts with, then moving time, distance in
// metres and elevation gain) and activities/<name>.<fmt>.gz. Check-ins are
// not part of Strava's format: write them with WriteCheckIns (their file
// names match the archive's members without ".gz").
func WriteStravaExport(w io.Writer, h *History) error {
	x := NewStravaExport(w)
	for _, a := range h.Activities {
		if err := x.Add(a); err != nil {
			return err
		}
	}
	return x.Close()
}

// StravaExport writes a Strava-style export archive one activity at a time
// (WriteStravaExport is it over a whole History): with Options.OnActivity a
// long history goes to the archive as it is simulated.
type StravaExport struct {
	zw   *zip.Writer
	rows [][]string
}

// NewStravaExport starts an export archive on w.
func NewStravaExport(w io.Writer) *StravaExport {
	return &StravaExport{zw: zip.NewWriter(w), rows: [][]string{{"Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
		"Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute", "Activity Private Note", "Activity Gear",
		"Filename", "Athlete Weight", "Bike Weight", "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed",
		"Elevation Gain", "Average Heart Rate"}}}
}

// Add writes an activity's file (gzipped) and remembers its row of
// activities.csv.
func (x *StravaExport) Add(a *rekindle.Activity) error {
	i := len(x.rows) - 1
	id := strconv.FormatInt(int64(9_000_000_000+i*7919), 10)
	name := a.Source.File + ".gz"
	fw, err := x.zw.Create(name)
	if err != nil {
		return fmt.Errorf("demo: strava export: %w", err)
	}
	gz := gzip.NewWriter(fw)
	if err := WriteFile(gz, a); err != nil {
		return err
	}
	if err := gz.Close(); err != nil {
		return fmt.Errorf("demo: strava export: %w", err)
	}
	tot := a.Totals
	avg := 0.0
	if tot.TimerS > 0 {
		avg = tot.DistanceM / tot.TimerS
	}
	x.rows = append(x.rows, []string{id, a.Start.UTC().Format("Jan 2, 2006, 3:04:05 PM"), a.Name, stravaType(a.Sport), "",
		ff(tot.ElapsedS, 0), ff(tot.DistanceM/1000, 2), ff(tot.MaxHR, 1), "", "false", "", "",
		name, "", "", ff(tot.ElapsedS, 1), ff(tot.TimerS, 1), ff(tot.DistanceM, 1), "", ff(avg, 3),
		ff(tot.AscentM, 1), ff(tot.AvgHR, 1)})
	return nil
}

// Close writes activities.csv and ends the archive (not w).
func (x *StravaExport) Close() error {
	cw, err := x.zw.Create("activities.csv")
	if err != nil {
		return fmt.Errorf("demo: strava export: %w", err)
	}
	c := csv.NewWriter(cw)
	if err := c.WriteAll(x.rows); err != nil {
		return fmt.Errorf("demo: strava export: %w", err)
	}
	return x.zw.Close()
}
