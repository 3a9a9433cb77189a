package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"
)

// CheckRFC5545 checks an iCalendar stream octet by octet (CRLF line
// breaks, no physical line over 75 octets, folds that do not split a UTF-8
// character) and then with an independent parser (emersion/go-ical): it
// decodes, and its encoder's component rules hold (VERSION and PRODID once,
// UID and DTSTAMP exactly once per VEVENT, at most one DTSTART, SUMMARY …).
// It returns the decoded calendar.
func CheckRFC5545(t testing.TB, b []byte) *ical.Calendar {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatalf("stream does not end with CRLF")
	}
	lines := bytes.Split(b[:len(b)-2], []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d: bare CR or LF in %q", i+1, l)
		}
		if len(l) > MaxLineOctets {
			t.Fatalf("line %d: %d octets > 75: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Fatalf("line %d: a fold split a UTF-8 character: %q", i+1, l)
		}
		if len(l) == 0 {
			t.Fatalf("line %d: empty line", i+1)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical decode: %v", err)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("go-ical structural check: %v", err)
	}
	if v, _ := cal.Props.Text(ical.PropVersion); v != "2.0" {
		t.Fatalf("VERSION %q", v)
	}
	return cal
}

func TestWriteICS(t *testing.T) {
	stamp := time.Date(2026, 3, 2, 7, 30, 0, 0, time.UTC)
	long := strings.Repeat("Intervals; at 4:05/km, with jog\\rest — café ☕ ", 6)
	f := &Feed{ProdID: "-//rekindle//plan//EN", Name: "Plan, Ana's", Stamp: stamp, Events: []FeedEvent{
		{UID: "plan-1-7@rekindle", Summary: "Long run 18 km", Description: long + "\nsecond line", Start: time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC), AllDay: true, Transparent: true, Categories: []string{"long", "a,b"}},
		{UID: "x-2", Summary: "Race", Start: time.Date(2026, 3, 9, 8, 0, 0, 0, time.FixedZone("CET", 3600)), End: time.Date(2026, 3, 9, 9, 0, 0, 0, time.FixedZone("CET", 3600)), Sequence: 2, LastModified: stamp},
	}}
	var b bytes.Buffer
	if err := WriteICS(&b, f); err != nil {
		t.Fatal(err)
	}
	cal := CheckRFC5545(t, b.Bytes())
	if n, _ := cal.Props.Text("X-WR-CALNAME"); n != "Plan, Ana's" {
		t.Errorf("name %q", n)
	}
	evs := cal.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	e := evs[0]
	if d, _ := e.Props.Text(ical.PropDescription); d != long+"\nsecond line" {
		t.Errorf("description round trip:\n got %q\nwant %q", d, long+"\nsecond line")
	}
	if st, err := e.DateTimeStart(time.UTC); err != nil || !st.Equal(time.Date(2026, 3, 8, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("all-day start %v %v", st, err)
	}
	if p := e.Props.Get(ical.PropDateTimeStart); p.ValueType() != ical.ValueDate {
		t.Errorf("all-day DTSTART value type %v", p.ValueType())
	}
	if en, err := e.DateTimeEnd(time.UTC); err != nil || !en.Equal(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("all-day end %v %v", en, err)
	}
	if cs, _ := e.Props.Get(ical.PropCategories).TextList(); len(cs) != 2 || cs[1] != "a,b" {
		t.Errorf("categories %q", cs)
	}
	if ds, err := e.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !ds.Equal(stamp) {
		t.Errorf("DTSTAMP %v %v", ds, err)
	}
	if st, _ := evs[1].DateTimeStart(nil); !st.Equal(time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("timed start %v", st)
	}
	// The project's own reader agrees.
	own, err := ParseICS(bytes.NewReader(b.Bytes()), "plan.ics", time.UTC)
	if err != nil || len(own.Events) != 2 || own.Events[0].Description != long+"\nsecond line" || !own.Events[0].AllDay {
		t.Fatalf("own reader: %v %+v", err, own)
	}
}

func TestWriteICSEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := WriteICS(&b, &Feed{Stamp: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	cal := CheckRFC5545(t, b.Bytes())
	if len(cal.Events()) != 0 {
		t.Fatal("events in an empty feed")
	}
}

func TestEscapeText(t *testing.T) {
	for in, want := range map[string]string{
		`a;b,c\d`:   `a\;b\,c\\d`,
		"x\r\ny\nz": `x\ny\nz`,
		"bell\x07":  "bell",
		"tab\there": "tab here",
	} {
		if got := EscapeText(in); got != want {
			t.Errorf("EscapeText(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzWriteICS: any summary and description are written as a valid stream
// that go-ical decodes back to the same text (control characters dropped).
func FuzzWriteICS(f *testing.F) {
	f.Add("Easy run", "5 km; easy, with strides\\")
	f.Add(strings.Repeat("é", 80), strings.Repeat("☕a", 50))
	f.Fuzz(func(t *testing.T, summary, desc string) {
		if !utf8.ValidString(summary) || !utf8.ValidString(desc) {
			t.Skip()
		}
		var b bytes.Buffer
		feed := &Feed{Stamp: time.Unix(1e9, 0), Events: []FeedEvent{{UID: "u1", Summary: summary, Description: desc, Start: time.Unix(1e9, 0), AllDay: true}}}
		if err := WriteICS(&b, feed); err != nil {
			t.Fatal(err)
		}
		cal := CheckRFC5545(t, b.Bytes())
		ev := cal.Events()[0]
		clean := func(s string) string {
			s = strings.ReplaceAll(s, "\r\n", "\n")
			s = strings.ReplaceAll(s, "\r", "\n")
			s = strings.ReplaceAll(s, "\t", " ")
			return strings.Map(func(r rune) rune {
				if r != '\n' && (r < 0x20 || r == 0x7f || r == utf8.RuneError) {
					return -1
				}
				return r
			}, s)
		}
		if got, _ := ev.Props.Text(ical.PropSummary); got != clean(summary) {
			t.Fatalf("summary %q, want %q", got, clean(summary))
		}
		if desc != "" {
			if got, _ := ev.Props.Text(ical.PropDescription); got != clean(desc) {
				t.Fatalf("description %q, want %q", got, clean(desc))
			}
		}
	})
}
