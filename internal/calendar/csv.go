package calendar

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// CSV race lists have a header row naming their columns, in any order
// (case-insensitive; other columns are ignored):
//
//	date      YYYY-MM-DD, or YYYY-MM-DD HH:MM / YYYY-MM-DDTHH:MM (required)
//	time      HH:MM start time, when date holds only the day
//	name      the race's name (required)
//	distance  5K, 10K, half, marathon, 10 mi, 21.1 km … (empty: read from the name)
//	place     where it starts, free text
//	lat, lon  the start in degrees (both or neither)
//	url       the race's page
//
// Aliases: title or race for name, location or city for place, latitude
// and longitude, link or website for url.
var csvColumns = map[string]string{
	"date": "date", "day": "date", "start": "date",
	"time": "time",
	"name": "name", "title": "name", "race": "name", "event": "name",
	"distance": "distance", "dist": "distance",
	"place": "place", "location": "place", "city": "place", "venue": "place",
	"lat": "lat", "latitude": "lat",
	"lon": "lon", "lng": "lon", "long": "lon", "longitude": "lon",
	"url": "url", "link": "url", "website": "url",
}

// MaxCSVBytes caps a race list.
const MaxCSVBytes = 64 << 20

// ParseCSV reads a race list. Bad rows are skipped with a warning naming
// the line; a missing header or unreadable input is an error.
func ParseCSV(rd io.Reader, file string, zone *time.Location) (*Calendar, error) {
	if zone == nil {
		zone = time.UTC
	}
	lr := &limitReader{r: rd, left: MaxCSVBytes}
	cr := csv.NewReader(lr)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	c := &Calendar{}
	fail := func(line int, format string, args ...any) error {
		return &LineError{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	head, err := cr.Read()
	if err == io.EOF {
		return c, fail(1, "empty race list: want a header row such as date,name,distance,place,lat,lon,url")
	}
	if err != nil {
		return c, csvErr(file, lr, err)
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if k, ok := csvColumns[h]; ok {
			if _, dup := col[k]; !dup {
				col[k] = i
			}
		}
	}
	if _, ok := col["date"]; !ok {
		return c, fail(1, "header row has no date column (want date,name,distance,place,lat,lon,url)")
	}
	if _, ok := col["name"]; !ok {
		return c, fail(1, "header row has no name column (want date,name,distance,place,lat,lon,url)")
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return c, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && lr.err == nil {
				c.Warnings = append(c.Warnings, fail(pe.Line, "row skipped: %v", pe.Err).(*LineError))
				if len(c.Warnings) > 1000 {
					return c, fail(pe.Line, "more than 1000 bad rows: is this a race list?")
				}
				continue
			}
			return c, csvErr(file, lr, err)
		}
		line, _ := cr.FieldPos(0)
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		if strings.Join(rec, "") == "" {
			continue
		}
		ev, msg := csvEvent(get, zone)
		if msg != "" {
			c.Warnings = append(c.Warnings, fail(line, "row skipped: %s", msg).(*LineError))
			if len(c.Warnings) > 1000 {
				return c, fail(line, "more than 1000 bad rows: is this a race list?")
			}
			continue
		}
		ev.Line = line
		if len(c.Events) >= MaxEvents {
			return c, fail(line, "more than %d races", MaxEvents)
		}
		c.Events = append(c.Events, ev)
	}
}

func csvErr(file string, lr *limitReader, err error) error {
	if lr.err != nil {
		return fmt.Errorf("%s: %w", file, lr.err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

func csvEvent(get func(string) string, zone *time.Location) (Event, string) {
	ev := Event{Summary: clip(get("name")), Location: clip(get("place")), URL: clip(get("url")), Distance: clip(get("distance"))}
	if ev.Summary == "" {
		return ev, "no name"
	}
	d := get("date")
	if tm := get("time"); tm != "" && len(d) == 10 {
		d += " " + tm
	}
	var err error
	ev.Start, ev.AllDay, err = parseCSVDate(d, zone)
	if err != nil {
		return ev, err.Error()
	}
	lat, lon := get("lat"), get("lon")
	if lat != "" || lon != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil || !validLatLon(la, lo) {
			return ev, fmt.Sprintf("lat/lon %q, %q: want both, in degrees", short(lat), short(lon))
		}
		ev.HasGeo, ev.Lat, ev.Lon = true, la, lo
	}
	ev.UID = "csv:" + ev.Start.Format("20060102") + ":" + ev.Summary
	return ev, ""
}

func parseCSVDate(s string, zone *time.Location) (time.Time, bool, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		if t.Year() < minYear || t.Year() > maxYear {
			return time.Time{}, false, fmt.Errorf("date %q: year outside %d–%d", short(s), minYear, maxYear)
		}
		return t, false, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		t, err := time.ParseInLocation(layout, s, zone)
		if err != nil {
			continue
		}
		if t.Year() < minYear || t.Year() > maxYear {
			return time.Time{}, false, fmt.Errorf("date %q: year outside %d–%d", short(s), minYear, maxYear)
		}
		return t, layout == "2006-01-02", nil
	}
	return time.Time{}, false, fmt.Errorf("date %q: want YYYY-MM-DD or YYYY-MM-DD HH:MM", short(s))
}

// limitReader fails once more than left bytes are read, or a line is
// longer than MaxLineBytes.
type limitReader struct {
	r       io.Reader
	left    int64
	lineLen int
	err     error
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	for _, b := range p[:n] {
		if b == '\n' {
			l.lineLen = 0
		} else if l.lineLen++; l.lineLen > MaxLineBytes {
			l.err = fmt.Errorf("a line longer than %d bytes", MaxLineBytes)
			return 0, l.err
		}
	}
	l.left -= int64(n)
	if l.left < 0 {
		l.err = fmt.Errorf("larger than %d bytes", MaxCSVBytes)
		return 0, l.err
	}
	return n, err
}
