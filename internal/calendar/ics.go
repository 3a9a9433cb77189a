package calendar

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrNotCalendar is returned (wrapped) for input that is not an iCalendar file.
var ErrNotCalendar = errors.New("not an iCalendar file")

// ICSReader reads the VEVENTs of an iCalendar stream one at a time.
// Malformed events are skipped with a warning naming the line; only
// unreadable input or a broken limit stops it.
type ICSReader struct {
	br       *bufio.Reader
	file     string
	zone     *time.Location
	line     int // physical lines read
	started  bool
	err      error // sticky
	events   int
	name     string
	warnings []*LineError
	zones    map[string]*time.Location
}

// NewICSReader reads from r; file names it in messages; zone (nil: UTC) is
// used for floating times, all-day dates and unknown TZIDs.
func NewICSReader(r io.Reader, file string, zone *time.Location) *ICSReader {
	if zone == nil {
		zone = time.UTC
	}
	return &ICSReader{br: bufio.NewReaderSize(r, 64<<10), file: file, zone: zone, zones: map[string]*time.Location{}}
}

// Name is the calendar's X-WR-CALNAME, once read.
func (r *ICSReader) Name() string { return r.name }

// Warnings lists what was skipped or odd so far.
func (r *ICSReader) Warnings() []*LineError { return r.warnings }

func (r *ICSReader) warn(line int, format string, args ...any) {
	if len(r.warnings) < 1000 {
		r.warnings = append(r.warnings, &LineError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
}

func (r *ICSReader) fail(line int, format string, args ...any) error {
	r.err = &LineError{File: r.file, Line: line, Msg: fmt.Sprintf(format, args...)}
	return r.err
}

// ParseICS reads a whole iCalendar stream. On a fatal error it returns the
// events read before it together with the error.
func ParseICS(rd io.Reader, file string, zone *time.Location) (*Calendar, error) {
	r := NewICSReader(rd, file, zone)
	c := &Calendar{}
	for {
		ev, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.Name, c.Warnings = r.name, r.warnings
			return c, err
		}
		c.Events = append(c.Events, ev)
	}
	c.Name, c.Warnings = r.name, r.warnings
	return c, nil
}

// physical reads one physical line without its line break.
func (r *ICSReader) physical() ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxLineBytes {
			return nil, r.fail(r.line+1, "line longer than %d bytes", MaxLineBytes)
		}
		buf = append(buf, chunk...)
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(buf) > 0 {
			err = nil
		}
		if err != nil {
			return nil, err
		}
		r.line++
		buf = bytes.TrimSuffix(buf, []byte("\n"))
		return bytes.TrimSuffix(buf, []byte("\r")), nil
	}
}

// content reads one unfolded content line and the line it starts on;
// blank lines are skipped.
func (r *ICSReader) content() (string, int, error) {
	for {
		first, err := r.physical()
		if err != nil {
			return "", 0, err
		}
		start := r.line
		if len(first) == 0 {
			continue
		}
		line := first
		for {
			b, err := r.br.Peek(1)
			if err != nil || (b[0] != ' ' && b[0] != '\t') {
				break
			}
			next, err := r.physical()
			if err != nil {
				return "", 0, err
			}
			if len(line)+len(next) > MaxLineBytes {
				return "", 0, r.fail(start, "content line longer than %d bytes", MaxLineBytes)
			}
			line = append(line, next[1:]...)
		}
		return string(line), start, nil
	}
}

// prop is one content line: NAME;PARAM=VALUE:value.
type prop struct {
	name   string
	params map[string]string
	value  string
	line   int
}

func parseProp(s string, line int) (prop, error) {
	p := prop{line: line}
	i := strings.IndexAny(s, ";:")
	if i <= 0 {
		return p, errors.New("not a NAME:value line")
	}
	p.name = strings.ToUpper(s[:i])
	for s[i] == ';' {
		s = s[i+1:]
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return p, fmt.Errorf("%s: parameter without '='", p.name)
		}
		key := strings.ToUpper(s[:eq])
		s = s[eq+1:]
		var val strings.Builder
		j := 0
		for j < len(s) && s[j] != ';' && s[j] != ':' {
			if s[j] == '"' {
				end := strings.IndexByte(s[j+1:], '"')
				if end < 0 {
					return p, fmt.Errorf("%s: unterminated quoted parameter", p.name)
				}
				val.WriteString(s[j+1 : j+1+end])
				j += end + 2
				continue
			}
			val.WriteByte(s[j])
			j++
		}
		if j == len(s) {
			return p, fmt.Errorf("%s: no ':' before the value", p.name)
		}
		if p.params == nil {
			p.params = map[string]string{}
		}
		p.params[key] = val.String()
		i = j
	}
	p.value = s[i+1:]
	return p, nil
}

// Next returns the next event, io.EOF at the end, or a fatal error.
func (r *ICSReader) Next() (Event, error) {
	if r.err != nil {
		return Event{}, r.err
	}
	for {
		s, ln, err := r.content()
		if err == io.EOF {
			if !r.started {
				return Event{}, r.fail(r.line, "%v: empty", ErrNotCalendar)
			}
			r.err = io.EOF
			return Event{}, io.EOF
		}
		if err != nil {
			if r.err == nil {
				r.err = fmt.Errorf("%s: read: %w", r.file, err)
			}
			return Event{}, r.err
		}
		if !r.started {
			s = strings.TrimPrefix(s, "\uFEFF")
			if !strings.EqualFold(s, "BEGIN:VCALENDAR") {
				return Event{}, r.fail(ln, "%v: want BEGIN:VCALENDAR, got %q", ErrNotCalendar, short(s))
			}
			r.started = true
			continue
		}
		p, err := parseProp(s, ln)
		if err != nil {
			r.warn(ln, "line skipped: %v", err)
			continue
		}
		switch {
		case p.name == "BEGIN" && strings.EqualFold(p.value, "VEVENT"):
			ev, ok, err := r.event(ln)
			if err != nil {
				return Event{}, err
			}
			if !ok {
				continue
			}
			r.events++
			if r.events > MaxEvents {
				return Event{}, r.fail(ln, "more than %d events", MaxEvents)
			}
			return ev, nil
		case p.name == "BEGIN":
			if err := r.skip(p.value, ln); err != nil {
				return Event{}, err
			}
		case p.name == "X-WR-CALNAME" && r.name == "":
			r.name = clip(unescapeText(p.value))
		}
	}
}

// skip reads past the component named, nested ones included.
func (r *ICSReader) skip(name string, start int) error {
	depth := 1
	for depth > 0 {
		s, _, err := r.content()
		if err == io.EOF {
			r.warn(start, "BEGIN:%s never ended", short(name))
			return nil
		}
		if err != nil {
			return r.readErr(err)
		}
		u := strings.ToUpper(s)
		if strings.HasPrefix(u, "BEGIN:") {
			depth++
			if depth > 100 {
				return r.fail(r.line, "components nested more than 100 deep")
			}
		} else if strings.HasPrefix(u, "END:") {
			depth--
		}
	}
	return nil
}

func (r *ICSReader) readErr(err error) error {
	if r.err == nil {
		r.err = fmt.Errorf("%s: read: %w", r.file, err)
	}
	return r.err
}

// event reads a VEVENT after its BEGIN line. ok is false when the event was
// skipped (with a warning).
func (r *ICSReader) event(start int) (Event, bool, error) {
	var props []prop
	for {
		s, ln, err := r.content()
		if err == io.EOF {
			r.warn(start, "event skipped: file ends before END:VEVENT")
			return Event{}, false, nil
		}
		if err != nil {
			return Event{}, false, r.readErr(err)
		}
		p, err := parseProp(s, ln)
		if err != nil {
			r.warn(ln, "line skipped: %v", err)
			continue
		}
		if p.name == "END" && strings.EqualFold(p.value, "VEVENT") {
			break
		}
		if p.name == "BEGIN" { // VALARM and the like
			if err := r.skip(p.value, ln); err != nil {
				return Event{}, false, err
			}
			continue
		}
		if len(props) >= 1000 {
			continue
		}
		props = append(props, p)
	}
	ev, err := r.build(props, start)
	if err != nil {
		r.warn(err.line, "event skipped: %s", err.msg)
		return Event{}, false, nil
	}
	return ev, true, nil
}

type propErr struct {
	line int
	msg  string
}

func (r *ICSReader) build(props []prop, start int) (Event, *propErr) {
	ev := Event{Line: start}
	bad := func(p prop, err error) *propErr { return &propErr{p.line, fmt.Sprintf("%s: %v", p.name, err)} }
	var dtstart *prop
	for i := range props {
		if props[i].name == "DTSTART" {
			dtstart = &props[i]
			break
		}
	}
	if dtstart == nil {
		return ev, &propErr{start, "event without DTSTART"}
	}
	t, allDay, err := r.dateTime(*dtstart)
	if err != nil {
		return ev, bad(*dtstart, err)
	}
	ev.Start, ev.AllDay = t, allDay
	var dur time.Duration
	var rrule *prop
	for _, p := range props {
		switch p.name {
		case "SUMMARY":
			ev.Summary = clip(unescapeText(p.value))
		case "DESCRIPTION":
			ev.Description = clip(unescapeText(p.value))
		case "LOCATION":
			ev.Location = clip(unescapeText(p.value))
		case "URL":
			ev.URL = clip(p.value)
		case "UID":
			ev.UID = clip(p.value)
		case "CATEGORIES":
			for _, c := range splitText(p.value) {
				if c = strings.TrimSpace(c); c != "" && len(ev.Categories) < 50 {
					ev.Categories = append(ev.Categories, clip(c))
				}
			}
		case "STATUS":
			if strings.EqualFold(p.value, "CANCELLED") {
				return ev, &propErr{p.line, "cancelled"}
			}
		case "GEO":
			a, b, ok := strings.Cut(p.value, ";")
			if !ok {
				a, b, ok = strings.Cut(p.value, ",")
			}
			lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
			lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
			if !ok || err1 != nil || err2 != nil || !validLatLon(lat, lon) {
				r.warn(p.line, "GEO %q ignored: want LAT;LON in degrees", short(p.value))
				continue
			}
			ev.HasGeo, ev.Lat, ev.Lon = true, lat, lon
		case "DTEND":
			t, _, err := r.dateTime(p)
			if err != nil {
				return ev, bad(p, err)
			}
			ev.End = t
		case "DURATION":
			d, err := parseDuration(p.value)
			if err != nil {
				return ev, bad(p, err)
			}
			dur = d
		case "RRULE":
			if rrule == nil {
				q := p
				rrule = &q
			}
		case "EXDATE":
			for v := range strings.SplitSeq(p.value, ",") {
				q := p
				q.value = v
				t, _, err := r.dateTime(q)
				if err != nil {
					return ev, bad(p, err)
				}
				if len(ev.ExDates) < 1000 {
					ev.ExDates = append(ev.ExDates, t)
				}
			}
		}
	}
	if ev.End.IsZero() && dur > 0 {
		ev.End = ev.Start.Add(dur)
	}
	if !ev.End.IsZero() && ev.End.Before(ev.Start) {
		r.warn(start, "DTEND before DTSTART ignored")
		ev.End = time.Time{}
	}
	if rrule != nil {
		rule, err := ParseRule(rrule.value, ev.Zone())
		switch {
		case errors.Is(err, errUnsupportedFreq):
			r.warn(rrule.line, "RRULE %v: kept as a single event", err)
		case err != nil:
			return ev, bad(*rrule, err)
		default:
			ev.Rule, ev.RRule = rule, rule.String()
		}
	}
	return ev, nil
}

func validLatLon(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

// dateTime reads a DATE or DATE-TIME property value with its TZID.
func (r *ICSReader) dateTime(p prop) (time.Time, bool, error) {
	zone := r.zone
	if tz, ok := p.params["TZID"]; ok {
		zone = r.location(tz, p.line)
	}
	return parseDateTime(strings.TrimSpace(p.value), zone, strings.EqualFold(p.params["VALUE"], "DATE"))
}

// location resolves a TZID, falling back to the reader's zone with a warning.
func (r *ICSReader) location(tz string, line int) *time.Location {
	if loc, ok := r.zones[tz]; ok {
		return loc
	}
	name := strings.TrimPrefix(tz, "/")
	loc := r.zone
	ok := len(name) > 0 && len(name) <= 64
	for _, c := range name {
		ok = ok && (c == '/' || c == '_' || c == '-' || c == '+' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
	}
	if ok && !strings.Contains(name, "..") {
		if l, err := time.LoadLocation(name); err == nil {
			loc = l
		} else {
			ok = false
		}
	}
	if !ok {
		r.warn(line, "unknown TZID %q: times read in %s", short(tz), r.zone)
	}
	if len(r.zones) < 64 {
		r.zones[tz] = loc
	}
	return loc
}

// parseDateTime reads YYYYMMDD (a date), YYYYMMDDTHHMMSS (in zone) or
// YYYYMMDDTHHMMSSZ (UTC).
func parseDateTime(v string, zone *time.Location, dateOnly bool) (time.Time, bool, error) {
	num := func(s string) (int, bool) {
		n := 0
		for _, c := range []byte(s) {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, len(s) > 0
	}
	bad := fmt.Errorf("%q: want YYYYMMDD, YYYYMMDDTHHMMSS or YYYYMMDDTHHMMSSZ", short(v))
	if len(v) < 8 {
		return time.Time{}, false, bad
	}
	y, ok1 := num(v[0:4])
	mo, ok2 := num(v[4:6])
	d, ok3 := num(v[6:8])
	if !ok1 || !ok2 || !ok3 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false, bad
	}
	if y < minYear || y > maxYear {
		return time.Time{}, false, fmt.Errorf("%q: year outside %d–%d", short(v), minYear, maxYear)
	}
	if len(v) == 8 {
		return time.Date(y, time.Month(mo), d, 0, 0, 0, 0, zone), true, nil
	}
	if dateOnly || (len(v) != 15 && len(v) != 16) || v[8] != 'T' {
		return time.Time{}, false, bad
	}
	h, ok1 := num(v[9:11])
	mi, ok2 := num(v[11:13])
	s, ok3 := num(v[13:15])
	if !ok1 || !ok2 || !ok3 || h > 23 || mi > 59 || s > 60 {
		return time.Time{}, false, bad
	}
	if len(v) == 16 {
		if v[15] != 'Z' && v[15] != 'z' {
			return time.Time{}, false, bad
		}
		zone = time.UTC
	}
	return time.Date(y, time.Month(mo), d, h, mi, s, 0, zone), false, nil
}

// parseDuration reads an RFC 5545 duration (P1W, P1DT2H, PT1H30M).
func parseDuration(v string) (time.Duration, error) {
	bad := fmt.Errorf("%q: want a duration like PT1H30M", short(v))
	s := strings.TrimPrefix(strings.TrimPrefix(v, "+"), "-")
	if s != v && v[0] == '-' {
		return 0, fmt.Errorf("%q: negative duration", short(v))
	}
	if len(s) < 3 || s[0] != 'P' {
		return 0, bad
	}
	var total time.Duration
	inTime := false
	n, digits := 0, 0
	for _, c := range s[1:] {
		switch {
		case c >= '0' && c <= '9':
			if digits++; digits > 6 {
				return 0, bad
			}
			n = n*10 + int(c-'0')
			continue
		case c == 'T':
			inTime = true
			continue
		}
		if digits == 0 {
			return 0, bad
		}
		unit := map[rune]time.Duration{'W': 7 * 24 * time.Hour, 'D': 24 * time.Hour}
		if inTime {
			unit = map[rune]time.Duration{'H': time.Hour, 'M': time.Minute, 'S': time.Second}
		}
		u, ok := unit[c]
		if !ok {
			return 0, bad
		}
		total += time.Duration(n) * u
		n, digits = 0, 0
	}
	if digits != 0 || total > 400*24*time.Hour {
		return 0, bad
	}
	return total, nil
}

// short clips a value for a message.
func short(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}
