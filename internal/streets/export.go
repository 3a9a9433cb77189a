package streets

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"rekindle/internal/geo"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
)

// Exports a watch or phone can follow: GPX 1.1 (a track, with the cues as
// waypoints) and a FIT course file (records, a lap and course points).

// WriteGPX writes the suggestion as a GPX 1.1 track named name.
func (s *Suggestion) WriteGPX(w io.Writer, name string) error {
	if len(s.Polyline) < 2 {
		return errors.New("route: write gpx: empty route")
	}
	bw := bufio.NewWriter(w)
	esc := func(v string) string {
		var b []byte
		buf := &byteWriter{b: b}
		_ = xml.EscapeText(buf, []byte(v))
		return string(buf.b)
	}
	num := func(v float64) string { return strconv.FormatFloat(v, 'f', 7, 64) }
	fmt.Fprint(bw, xml.Header)
	fmt.Fprint(bw, `<gpx version="1.1" creator="rekindle" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">`+"\n")
	fmt.Fprintf(bw, "<metadata><name>%s</name><desc>%s</desc></metadata>\n", esc(name), esc(s.describeLine()))
	for _, c := range s.Cues {
		if c.Turn == TurnDepart || c.Turn == TurnArrive {
			continue
		}
		fmt.Fprintf(bw, "<wpt lat=\"%s\" lon=\"%s\"><name>%s</name><type>%s</type></wpt>\n", num(c.Lat), num(c.Lon), esc(c.Text), c.Turn)
	}
	fmt.Fprintf(bw, "<trk><name>%s</name><type>running</type><trkseg>\n", esc(name))
	for _, p := range s.Polyline {
		fmt.Fprintf(bw, "<trkpt lat=\"%s\" lon=\"%s\"></trkpt>\n", num(p[0]), num(p[1]))
	}
	fmt.Fprint(bw, "</trkseg></trk>\n</gpx>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("route: write gpx: %w", err)
	}
	return nil
}

type byteWriter struct{ b []byte }

func (w *byteWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }

func (s *Suggestion) describeLine() string {
	d := fmt.Sprintf("%s, %.2f km, %.0f%% never run", s.Kind, s.DistanceM/1000, s.NeverRunShare*100)
	if s.Destination != nil {
		d += ", to " + placeLabel(s.Destination)
	}
	return d
}

// WriteFIT writes the suggestion as a FIT course file. Record times assume
// a steady pace of paceMS metres per second from start (a course's virtual
// partner); paceMS ≤ 0 means 2.8 m/s (about 6:00 per km).
func (s *Suggestion) WriteFIT(w io.Writer, name string, start time.Time, paceMS float64) error {
	if len(s.Polyline) < 2 {
		return errors.New("route: write fit: empty route")
	}
	if !(paceMS > 0) || math.IsInf(paceMS, 1) {
		paceMS = 2.8
	}
	start = start.UTC().Truncate(time.Second)
	f := filedef.NewCourse()
	f.FileId.Type = typedef.FileCourse
	f.FileId.Manufacturer = typedef.ManufacturerDevelopment
	f.FileId.TimeCreated = start
	name = fitLabel(name) // course names are short on most watches
	f.Course = mesgdef.NewCourse(nil).SetName(name).SetSport(typedef.SportRunning)
	at := func(d float64) time.Time { return start.Add(time.Duration(d / paceMS * float64(time.Second))) }
	total := 0.0
	dist := make([]float64, len(s.Polyline))
	for i := 1; i < len(s.Polyline); i++ {
		a, b := s.Polyline[i-1], s.Polyline[i]
		total += geo.Distance(a[0], a[1], b[0], b[1])
		dist[i] = total
	}
	f.Events = append(f.Events, mesgdef.NewEvent(nil).SetTimestamp(start).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStart))
	for i, p := range s.Polyline {
		f.Records = append(f.Records, mesgdef.NewRecord(nil).SetTimestamp(at(dist[i])).
			SetPositionLatDegrees(p[0]).SetPositionLongDegrees(p[1]).SetDistanceScaled(dist[i]))
	}
	end := at(total)
	f.Events = append(f.Events, mesgdef.NewEvent(nil).SetTimestamp(end).SetEvent(typedef.EventTimer).SetEventType(typedef.EventTypeStopAll))
	first, last := s.Polyline[0], s.Polyline[len(s.Polyline)-1]
	elapsed := end.Sub(start).Seconds()
	f.Lap = mesgdef.NewLap(nil).SetTimestamp(end).SetStartTime(start).
		SetStartPositionLatDegrees(first[0]).SetStartPositionLongDegrees(first[1]).
		SetEndPositionLatDegrees(last[0]).SetEndPositionLongDegrees(last[1]).
		SetTotalElapsedTimeScaled(elapsed).SetTotalTimerTimeScaled(elapsed).SetTotalDistanceScaled(total).
		SetSport(typedef.SportRunning).SetEvent(typedef.EventLap).SetEventType(typedef.EventTypeStop)
	for _, c := range s.Cues {
		t := coursePointType(c.Turn)
		if t == typedef.CoursePointInvalid {
			continue
		}
		label := c.Street
		if label == "" {
			label = c.Turn
		}
		label = fitLabel(label)
		f.CoursePoints = append(f.CoursePoints, mesgdef.NewCoursePoint(nil).SetTimestamp(at(c.AtM)).
			SetPositionLatDegrees(c.Lat).SetPositionLongDegrees(c.Lon).SetDistanceScaled(c.AtM).
			SetType(t).SetName(label))
	}
	fit := f.ToFIT(nil)
	if err := encoder.New(w).Encode(&fit); err != nil {
		return fmt.Errorf("route: write fit: %w", err)
	}
	return nil
}

func coursePointType(turn string) typedef.CoursePoint {
	switch turn {
	case TurnLeft:
		return typedef.CoursePointLeft
	case TurnRight:
		return typedef.CoursePointRight
	case TurnStraight:
		return typedef.CoursePointStraight
	case TurnSlightLeft:
		return typedef.CoursePointSlightLeft
	case TurnSlightRight:
		return typedef.CoursePointSlightRight
	case TurnSharpLeft:
		return typedef.CoursePointSharpLeft
	case TurnSharpRight:
		return typedef.CoursePointSharpRight
	case TurnUTurn:
		return typedef.CoursePointUTurn
	}
	return typedef.CoursePointInvalid
}

// fitLabel shortens a course or course-point name to the 15 bytes most
// watches show, never cutting a UTF-8 character in half (the FIT encoder
// refuses invalid UTF-8: "Boulevard du Général" must not end in half an 'é').
func fitLabel(s string) string {
	const maxBytes = 15
	if len(s) <= maxBytes {
		return s
	}
	cut := maxBytes
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
