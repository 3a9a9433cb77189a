package demo

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"rekindle/internal/calendar"
)

// TestCalendarsRFC5545: the two sample calendars the demo ships are valid
// RFC 5545, checked octet by octet and with an independent parser
// (emersion/go-ical): CRLF lines of at most 75 octets, VERSION and PRODID,
// UID and DTSTAMP once per VEVENT, every TZID defined by a VTIMEZONE, and
// the recurrence rules expandable.
func TestCalendarsRFC5545(t *testing.T) {
	races, gym := Calendars()
	for name, b := range map[string][]byte{"monaco-races.ics": races, "monaco-gym.ics": gym} {
		t.Run(name, func(t *testing.T) {
			if !bytes.HasSuffix(b, []byte("\r\n")) {
				t.Fatal("does not end with CRLF")
			}
			for i, l := range bytes.Split(b[:len(b)-2], []byte("\r\n")) {
				if len(l) == 0 || len(l) > 75 || bytes.ContainsAny(l, "\r\n") || !utf8.Valid(l) {
					t.Fatalf("line %d: %q (%d octets)", i+1, l, len(l))
				}
			}
			cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
			if err != nil {
				t.Fatalf("go-ical: %v", err)
			}
			if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
				t.Fatalf("go-ical structure: %v", err)
			}
			zones := map[string]bool{}
			for _, c := range cal.Children {
				if c.Name == ical.CompTimezone {
					id, _ := c.Props.Text(ical.PropTimezoneID)
					zones[id] = true
				}
			}
			evs := cal.Events()
			if len(evs) < 4 {
				t.Fatalf("%d events", len(evs))
			}
			for _, e := range evs {
				uid, _ := e.Props.Text(ical.PropUID)
				for _, p := range e.Props {
					for _, prop := range p {
						if tz := prop.Params.Get(ical.ParamTimezoneID); tz != "" && !zones[tz] {
							t.Errorf("%s: %s TZID=%s without a VTIMEZONE", uid, prop.Name, tz)
						}
					}
				}
				st, err := e.DateTimeStart(time.UTC)
				if err != nil || st.Year() < 2024 {
					t.Errorf("%s: DTSTART %v %v", uid, st, err)
				}
				if _, err := e.RecurrenceSet(time.UTC); err != nil {
					t.Errorf("%s: RRULE: %v", uid, err)
				}
			}
			// The project's own reader reads them without a warning.
			own, err := calendar.ParseICS(bytes.NewReader(b), name, time.UTC)
			if err != nil || len(own.Warnings) > 0 || len(own.Events) != len(evs) {
				t.Fatalf("own reader: %v, warnings %v, %d events (go-ical %d)", err, own.Warnings, len(own.Events), len(evs))
			}
		})
	}
}
