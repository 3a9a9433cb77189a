package calendar

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func seed(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func FuzzParseICS(f *testing.F) {
	seed(f, "riviera-races.ics", "gym-schedule.ics")
	f.Add([]byte("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a:b\":20260101T000000\nRRULE:FREQ=DAILY;BYDAY=MO;INTERVAL=7\nEND:VEVENT\n"))
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseICS(bytes.NewReader(data), "fuzz.ics", time.UTC)
		if c == nil {
			t.Fatalf("nil calendar (err %v)", err)
		}
		for i := range c.Events {
			e := &c.Events[i]
			occ := e.Occurrences(from, from.AddDate(1, 0, 0))
			if len(occ) > MaxOccurrences {
				t.Fatalf("%d occurrences", len(occ))
			}
			for j := 1; j < len(occ); j++ {
				if !occ[j].Start.After(occ[j-1].Start) {
					t.Fatalf("occurrences out of order: %v then %v", occ[j-1].Start, occ[j].Start)
				}
			}
			if e.Rule != nil {
				if _, err := ParseRule(e.Rule.String(), e.Zone()); err != nil {
					t.Fatalf("rule %q does not round-trip: %v", e.Rule.String(), err)
				}
			}
		}
	})
}

func FuzzParseCSV(f *testing.F) {
	seed(f, "races.csv")
	f.Add([]byte("date,name\n\"2026-01-01\",\"a\"\"b\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, _ := ParseCSV(bytes.NewReader(data), "fuzz.csv", time.UTC)
		if c == nil {
			t.Fatal("nil calendar")
		}
		for _, e := range c.Events {
			if e.Summary == "" || e.Start.IsZero() {
				t.Fatalf("event without name or date: %+v", e)
			}
		}
	})
}
