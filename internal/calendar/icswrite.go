package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// FeedEvent is one event written to an iCalendar feed. All-day events carry
// their calendar day in Start (the date is used as written, no zone) and
// last one day; timed events are written in UTC.
type FeedEvent struct {
	UID          string
	Summary      string
	Description  string
	Location     string
	Categories   []string
	Start        time.Time
	End          time.Time // timed events; zero: no DTEND
	AllDay       bool
	LastModified time.Time // zero: not written
	Sequence     int
	Transparent  bool // does not block time in the calendar (TRANSP:TRANSPARENT)
}

// Feed is a calendar to write.
type Feed struct {
	ProdID string // -//rekindle//plan//EN
	Name   string // X-WR-CALNAME
	Desc   string // X-WR-CALDESC
	// Stamp is DTSTAMP of every event: when the feed was generated.
	Stamp  time.Time
	Events []FeedEvent
}

// MaxLineOctets is the longest content line RFC 5545 allows (§3.1), line
// break excluded; longer lines are folded.
const MaxLineOctets = 75

// WriteICS writes f as an RFC 5545 iCalendar stream: CRLF line breaks,
// lines folded at 75 octets without splitting a UTF-8 character, TEXT
// values escaped (backslash, semicolon, comma, newline).
func WriteICS(w io.Writer, f *Feed) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) {
		writeFolded(bw, name+":"+value)
	}
	prodID := f.ProdID
	if prodID == "" {
		prodID = "-//rekindle//rekindle//EN"
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", EscapeText(prodID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if f.Name != "" {
		line("X-WR-CALNAME", EscapeText(f.Name))
	}
	if f.Desc != "" {
		line("X-WR-CALDESC", EscapeText(f.Desc))
	}
	stamp := utcStamp(f.Stamp)
	for i := range f.Events {
		e := &f.Events[i]
		line("BEGIN", "VEVENT")
		line("UID", EscapeText(e.UID))
		line("DTSTAMP", stamp)
		if e.AllDay {
			d := time.Date(e.Start.Year(), e.Start.Month(), e.Start.Day(), 0, 0, 0, 0, time.UTC)
			line("DTSTART;VALUE=DATE", d.Format("20060102"))
			line("DTEND;VALUE=DATE", d.AddDate(0, 0, 1).Format("20060102"))
		} else {
			line("DTSTART", utcStamp(e.Start))
			if !e.End.IsZero() {
				line("DTEND", utcStamp(e.End))
			}
		}
		line("SUMMARY", EscapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", EscapeText(e.Description))
		}
		if e.Location != "" {
			line("LOCATION", EscapeText(e.Location))
		}
		if len(e.Categories) > 0 {
			cs := make([]string, len(e.Categories))
			for j, c := range e.Categories {
				cs[j] = EscapeText(c)
			}
			line("CATEGORIES", strings.Join(cs, ","))
		}
		if !e.LastModified.IsZero() {
			line("LAST-MODIFIED", utcStamp(e.LastModified))
		}
		if e.Sequence > 0 {
			line("SEQUENCE", fmt.Sprint(e.Sequence))
		}
		if e.Transparent {
			line("TRANSP", "TRANSPARENT")
		}
		line("END", "VEVENT")
	}
	if len(f.Events) == 0 {
		// RFC 5545 wants at least one component in a calendar: an empty
		// feed carries the (unused) UTC time zone.
		for _, l := range []string{"BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000",
			"TZOFFSETFROM:+0000", "TZOFFSETTO:+0000", "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE"} {
			writeFolded(bw, l)
		}
	}
	line("END", "VCALENDAR")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("calendar: write iCalendar: %w", err)
	}
	return nil
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// EscapeText escapes an RFC 5545 TEXT value (§3.3.11): backslash,
// semicolon and comma get a backslash, line breaks become \n, and other
// control characters (not allowed in TEXT) are dropped.
func EscapeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
			// CONTROL characters are not TEXT.
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes one content line, folded so that no physical line is
// longer than 75 octets: a continuation line starts with one space, and a
// UTF-8 sequence is never split.
func writeFolded(w *bufio.Writer, s string) {
	limit := MaxLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = MaxLineOctets - 1 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
