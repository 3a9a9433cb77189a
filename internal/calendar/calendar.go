// Package calendar reads event calendars: iCalendar files (RFC 5545
// VEVENTs, with weekly and daily recurrence rules expanded within a window)
// and CSV race lists. It reads from an io.Reader and does no other I/O.
//
// Times are kept as instants with their zone: an event's Start is in the
// zone its DTSTART named (TZID), UTC for a 'Z' time, and the default zone
// given to the reader for floating times and all-day dates.
package calendar

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
)

// Limits against hostile input.
const (
	MaxLineBytes   = 1 << 20 // one unfolded content line (or CSV record)
	MaxEvents      = 100_000 // events per file
	MaxOccurrences = 10_000  // occurrences returned by one expansion
	MaxCount       = 100_000 // largest COUNT accepted in a rule
	maxTextBytes   = 64 << 10
	minYear        = 1900
	maxYear        = 2200
)

// Event is one calendar entry: a VEVENT or a row of a race list.
type Event struct {
	UID         string
	Summary     string
	Description string
	Location    string // free text: a place name or an address
	URL         string
	Categories  []string
	Start       time.Time // in the event's zone
	End         time.Time // zero when the file gave neither DTEND nor DURATION
	AllDay      bool      // a date without a time (VALUE=DATE): Start is midnight in the zone
	HasGeo      bool
	Lat, Lon    float64 // degrees WGS84, when HasGeo
	// Distance is a race list's distance column as written ("10K", "half");
	// empty for iCalendar events (the title says it there).
	Distance string
	// RRule is the recurrence rule as written, "" for a single event; Rule
	// is its parsed form. Rules rekindle cannot expand (monthly, yearly)
	// are dropped with a warning and the event kept as a single one.
	RRule   string
	Rule    *Rule
	ExDates []time.Time
	Line    int // line of the file where the event starts
}

// Duration is End − Start, 0 when End is unknown.
func (e *Event) Duration() time.Duration {
	if e.End.IsZero() || e.End.Before(e.Start) {
		return 0
	}
	return e.End.Sub(e.Start)
}

// Zone is the location of the event's start.
func (e *Event) Zone() *time.Location { return e.Start.Location() }

// Occurrence is one instance of an event.
type Occurrence struct {
	Start, End time.Time // End is zero when the event has no end
}

// Occurrences lists the instances of the event that start in [from, to),
// oldest first, at most MaxOccurrences. A single event has at most one.
func (e *Event) Occurrences(from, to time.Time) []Occurrence {
	if !to.After(from) {
		return nil
	}
	dur := e.Duration()
	mk := func(s time.Time) Occurrence {
		o := Occurrence{Start: s}
		if !e.End.IsZero() {
			o.End = s.Add(dur)
		}
		return o
	}
	if e.Rule == nil {
		if !e.Start.Before(from) && e.Start.Before(to) {
			return []Occurrence{mk(e.Start)}
		}
		return nil
	}
	var out []Occurrence
	e.Rule.expand(e.Start, from, to, func(s time.Time) bool {
		for _, x := range e.ExDates {
			if x.Equal(s) || (e.AllDay && sameDate(x, s)) {
				return true
			}
		}
		out = append(out, mk(s))
		return len(out) < MaxOccurrences
	})
	return out
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// LineError is a problem at one line of a file.
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string {
	if e.File == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Calendar is a whole file read.
type Calendar struct {
	Name     string // X-WR-CALNAME, when given
	Events   []Event
	Warnings []*LineError // skipped events and lines, and what was odd
}

// unescapeText undoes RFC 5545 TEXT escapes (\\ \; \, \n \N).
func unescapeText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		default: // \\ \; \, and anything else taken literally
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// splitText splits a TEXT list at unescaped commas and unescapes each part.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

func clip(s string) string {
	if len(s) > maxTextBytes {
		s = s[:maxTextBytes]
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// Parse reads an iCalendar file or a CSV race list: by the file name's
// extension (.ics, .ical, .csv), else by the content.
func Parse(r io.Reader, file string, zone *time.Location) (*Calendar, error) {
	switch ext := strings.ToLower(filepath.Ext(file)); ext {
	case ".ics", ".ical", ".icalendar":
		return ParseICS(r, file, zone)
	case ".csv":
		return ParseCSV(r, file, zone)
	}
	br := bufio.NewReader(r)
	head, _ := br.Peek(512)
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(h) >= 6 && bytes.EqualFold(h[:6], []byte("BEGIN:")) {
		return ParseICS(br, file, zone)
	}
	return ParseCSV(br, file, zone)
}
