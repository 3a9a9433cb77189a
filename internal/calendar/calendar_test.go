package calendar

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones these tests use, whatever the machine has
)

func mustZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("time zone %s: %v", name, err)
	}
	return loc
}

func readFixture(t testing.TB, name string) *Calendar {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := Parse(f, name, mustZone(t, "Europe/Monaco"))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c
}

func byName(c *Calendar, summary string) *Event {
	for i := range c.Events {
		if strings.HasPrefix(c.Events[i].Summary, summary) {
			return &c.Events[i]
		}
	}
	return nil
}

func TestRaceSeriesICS(t *testing.T) {
	c := readFixture(t, "riviera-races.ics")
	paris := mustZone(t, "Europe/Paris")
	if c.Name != "Riviera Road Races 2026" {
		t.Errorf("name %q", c.Name)
	}
	// Six events; the cancelled one is skipped with a warning.
	if len(c.Events) != 6 {
		t.Fatalf("%d events, want 6: %v", len(c.Events), c.Events)
	}
	if len(c.Warnings) != 1 || !strings.Contains(c.Warnings[0].Error(), "riviera-races.ics:") || !strings.Contains(c.Warnings[0].Msg, "cancelled") {
		t.Errorf("warnings %v", c.Warnings)
	}
	m := byName(c, "Menton")
	if want := time.Date(2026, 3, 15, 9, 30, 0, 0, paris); !m.Start.Equal(want) || m.Start.Location().String() != "Europe/Paris" {
		t.Errorf("Menton start %v, want %v", m.Start, want)
	}
	if m.Duration() != 90*time.Minute {
		t.Errorf("Menton duration %v", m.Duration())
	}
	if m.Location != "Promenade du Soleil, Menton" || !m.HasGeo || m.Lat != 43.7747 || m.Lon != 7.5035 {
		t.Errorf("Menton place %q %v %v,%v", m.Location, m.HasGeo, m.Lat, m.Lon)
	}
	if want := "Flat and fast along the sea.\nBib pick-up from 8:00 at the Palais de l'Europe; chip timing."; m.Description != want {
		t.Errorf("unfolded, unescaped description %q", m.Description)
	}
	if !slices.Equal(m.Categories, []string{"ROAD", "5K"}) || m.URL != "https://riviera-running.example/menton-5k" {
		t.Errorf("categories %q url %q", m.Categories, m.URL)
	}
	n := byName(c, "Nice Corniche")
	if !n.Start.Equal(time.Date(2026, 4, 12, 7, 0, 0, 0, time.UTC)) || n.Duration() != 2*time.Hour || !slices.Equal(n.Categories, []string{"ROAD", "10K"}) {
		t.Errorf("Nice %v %v %q", n.Start, n.Duration(), n.Categories)
	}
	h := byName(c, "Semi-Marathon")
	if !h.AllDay || h.Start.Format("2006-01-02 15:04 MST") != "2026-04-26 00:00 CEST" || h.Duration() != 24*time.Hour {
		t.Errorf("all-day half %v allday=%v", h.Start, h.AllDay)
	}
	if a := byName(c, "Antibes"); a.HasGeo || !a.End.IsZero() {
		t.Errorf("Antibes has geo %v end %v", a.HasGeo, a.End)
	}
	// The weekly parkrun skips its EXDATE and keeps 9:00 across the DST change.
	p := byName(c, "Promenade Parkrun")
	occ := p.Occurrences(time.Date(2026, 3, 20, 0, 0, 0, 0, paris), time.Date(2026, 4, 19, 0, 0, 0, 0, paris))
	var got []string
	for _, o := range occ {
		got = append(got, o.Start.Format("01-02 15:04 MST"))
	}
	want := []string{"03-21 09:00 CET", "03-28 09:00 CET", "04-11 09:00 CEST", "04-18 09:00 CEST"}
	if !slices.Equal(got, want) {
		t.Errorf("parkrun occurrences %q, want %q", got, want)
	}
	if occ[0].End.Sub(occ[0].Start) != time.Hour {
		t.Errorf("occurrence end %v", occ[0].End)
	}
}

func TestGymScheduleRules(t *testing.T) {
	c := readFixture(t, "gym-schedule.ics")
	mc := mustZone(t, "Europe/Monaco")
	if len(c.Events) != 7 {
		t.Fatalf("%d events, want 7", len(c.Events))
	}
	var msgs []string
	for _, w := range c.Warnings {
		msgs = append(msgs, w.Error())
	}
	joined := strings.Join(msgs, "\n")
	if len(msgs) != 2 || !strings.Contains(joined, "gym-schedule.ics:71: RRULE") || !strings.Contains(joined, "gym-schedule.ics:76: event skipped: DTSTART") {
		t.Errorf("warnings:\n%s", joined)
	}
	week := func(y int, m time.Month, d int) (time.Time, time.Time) {
		from := time.Date(y, m, d, 0, 0, 0, 0, mc)
		return from, from.AddDate(0, 0, 7)
	}
	cases := []struct {
		name     string
		from     time.Time
		want     []string
		fromWeek bool
	}{
		{name: "Vinyasa", want: []string{"Mon 06 Apr 18:30", "Wed 08 Apr 18:30"}},
		{name: "Spin", want: nil}, // both April 7 and 9 are EXDATEs
		{name: "Barre", want: []string{"Sat 11 Apr 10:00"}},
		{name: "Aqua", want: nil}, // every other Friday from 9 Jan: 3 and 17 April
		{name: "Mat Pilates", want: []string{"Sun 12 Apr 09:00"}},
		{name: "Lunchtime", want: []string{"Mon 06 Apr 12:30", "Wed 08 Apr 12:30", "Fri 10 Apr 12:30"}},
		{name: "Open day", want: nil}, // monthly: kept as its single first date
	}
	from, to := week(2026, 4, 6)
	for _, tc := range cases {
		e := byName(c, tc.name)
		if e == nil {
			t.Fatalf("no %s", tc.name)
		}
		var got []string
		for _, o := range e.Occurrences(from, to) {
			got = append(got, o.Start.In(mc).Format("Mon 02 Jan 15:04"))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	// Aqua jogging is every other Friday; barre ends after 10; pilates ends in June.
	aqua := byName(c, "Aqua").Occurrences(week(2026, 4, 13))
	if len(aqua) != 1 || aqua[0].Start.Format("Mon 02 Jan 15:04") != "Fri 17 Apr 12:15" {
		t.Errorf("aqua in its week: %v", aqua)
	}
	all := func(name string) int {
		return len(byName(c, name).Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, mc), time.Date(2027, 1, 1, 0, 0, 0, 0, mc)))
	}
	if n := all("Barre"); n != 10 {
		t.Errorf("barre %d occurrences, want COUNT=10", n)
	}
	if n := all("Mat Pilates"); n != 26 { // Jan 4 … Jun 28
		t.Errorf("pilates %d occurrences, want 26", n)
	}
	if n := all("Open day"); n != 1 {
		t.Errorf("open day %d occurrences, want 1", n)
	}
	// A window far in the future jumps ahead instead of walking there.
	far := byName(c, "Lunchtime").Occurrences(time.Date(2199, 1, 1, 0, 0, 0, 0, mc), time.Date(2199, 1, 8, 0, 0, 0, 0, mc))
	if len(far) != 3 {
		t.Errorf("2199: %d occurrences", len(far))
	}
}

func TestRacesCSV(t *testing.T) {
	c := readFixture(t, "races.csv")
	mc := mustZone(t, "Europe/Monaco")
	if len(c.Events) != 7 {
		t.Fatalf("%d races, want 7: %+v", len(c.Events), c.Events)
	}
	if len(c.Warnings) != 2 || c.Warnings[0].Line != 9 || c.Warnings[1].Line != 10 ||
		!strings.Contains(c.Warnings[0].Error(), "races.csv:9: row skipped: date") || !strings.Contains(c.Warnings[1].Msg, "lat/lon") {
		t.Errorf("warnings %v", c.Warnings)
	}
	m := c.Events[0]
	if m.Summary != "Menton Lemon Run" || m.Distance != "5K" || m.Location != "Promenade du Soleil, Menton" || !m.HasGeo || m.AllDay ||
		!m.Start.Equal(time.Date(2026, 3, 15, 9, 30, 0, 0, mc)) || m.Line != 2 {
		t.Errorf("first row %+v", m)
	}
	if n := c.Events[1]; !n.AllDay || n.Distance != "10 km" || n.URL != "" {
		t.Errorf("second row %+v", n)
	}
	if v := c.Events[4]; v.HasGeo || v.Distance != "10 mi" {
		t.Errorf("row without position %+v", v)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"empty.ics", "", "not an iCalendar file"},
		{"x.ics", "hello\n", "x.ics:1: not an iCalendar file"},
		{"x.csv", "when,what\n2026-01-01,x\n", "x.csv:1: header row has no date column"},
		{"long.ics", "BEGIN:VCALENDAR\nX:" + strings.Repeat("a", MaxLineBytes) + "\n", "longer than"},
		{"fold.ics", "BEGIN:VCALENDAR\nX:a\n" + strings.Repeat(" "+strings.Repeat("b", 4000)+"\n", 300), "longer than"},
	} {
		_, err := Parse(strings.NewReader(tc.in), tc.name, nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	_, err := Parse(strings.NewReader("hello"), "x.ics", nil)
	if !errors.Is(err, ErrNotCalendar) {
		// LineError carries the text only; the sniffer decides by content.
		if !strings.Contains(err.Error(), ErrNotCalendar.Error()) {
			t.Errorf("not a calendar: %v", err)
		}
	}
}

func TestEventCap(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	var b bytes.Buffer
	b.WriteString("BEGIN:VCALENDAR\n")
	for range MaxEvents + 1 {
		b.WriteString("BEGIN:VEVENT\nDTSTART:20260101T100000Z\nEND:VEVENT\n")
	}
	c, err := Parse(&b, "many.ics", nil)
	if err == nil || !strings.Contains(err.Error(), "more than") || len(c.Events) != MaxEvents {
		t.Errorf("cap: %v, %d events", err, len(c.Events))
	}
}

func TestRuleTable(t *testing.T) {
	utc := time.UTC
	start := time.Date(2026, 1, 5, 10, 0, 0, 0, utc) // a Monday
	for _, tc := range []struct {
		rule string
		want []string // dates in January 2026
		err  string
	}{
		{rule: "FREQ=DAILY;COUNT=3", want: []string{"05", "06", "07"}},
		{rule: "FREQ=DAILY;INTERVAL=10", want: []string{"05", "15", "25"}},
		{rule: "FREQ=WEEKLY;UNTIL=20260119", want: []string{"05", "12", "19"}},
		{rule: "FREQ=WEEKLY;UNTIL=20260119T095959Z", want: []string{"05", "12"}},
		{rule: "FREQ=WEEKLY;BYDAY=SU,TU;COUNT=4", want: []string{"06", "11", "13", "18"}},
		{rule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR", want: []string{"05", "09", "19", "23"}},
		{rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU;BYDAY=SU,MO", want: []string{"05", "18", "19"}},
		{rule: "FREQ=MONTHLY", err: "unsupported"},
		{rule: "FREQ=WEEKLY;BYMONTH=1", err: "unsupported"},
		{rule: "FREQ=WEEKLY;BYDAY=XX", err: "BYDAY"},
		{rule: "FREQ=WEEKLY;COUNT=2;UNTIL=20260101", err: "both"},
		{rule: "INTERVAL=2", err: "FREQ"},
	} {
		r, err := ParseRule(tc.rule, utc)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want %q", tc.rule, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.rule, err)
			continue
		}
		ev := Event{Start: start, Rule: r}
		var got []string
		for _, o := range ev.Occurrences(time.Date(2026, 1, 1, 0, 0, 0, 0, utc), time.Date(2026, 2, 1, 0, 0, 0, 0, utc)) {
			got = append(got, o.Start.Format("02"))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.rule, got, tc.want)
		}
		// String round-trips.
		r2, err := ParseRule(r.String(), utc)
		if err != nil || r2.String() != r.String() {
			t.Errorf("%s: round trip %q: %v", tc.rule, r.String(), err)
		}
	}
}

func TestDuration(t *testing.T) {
	for in, want := range map[string]time.Duration{"PT1H30M": 90 * time.Minute, "P1D": 24 * time.Hour, "P1W": 7 * 24 * time.Hour, "P1DT2H": 26 * time.Hour, "PT45M": 45 * time.Minute} {
		if got, err := parseDuration(in); err != nil || got != want {
			t.Errorf("%s: %v %v", in, got, err)
		}
	}
	for _, in := range []string{"", "P", "PT", "1H", "PT1X", "-PT1H", "P99999999D"} {
		if _, err := parseDuration(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
}

func BenchmarkParseICS(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "gym-schedule.ics"))
	if err != nil {
		b.Fatal(err)
	}
	var big bytes.Buffer
	big.WriteString("BEGIN:VCALENDAR\n")
	body := data[bytes.Index(data, []byte("BEGIN:VEVENT")):bytes.LastIndex(data, []byte("END:VCALENDAR"))]
	for range 100 {
		big.Write(body)
	}
	big.WriteString("END:VCALENDAR\n")
	b.SetBytes(int64(big.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseICS(bytes.NewReader(big.Bytes()), "big.ics", time.UTC); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOccurrences(b *testing.B) {
	r, _ := ParseRule("FREQ=WEEKLY;BYDAY=MO,WE,FR", time.UTC)
	ev := Event{Start: time.Date(2020, 1, 6, 18, 0, 0, 0, time.UTC), Rule: r}
	from := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if len(ev.Occurrences(from, from.AddDate(0, 0, 14))) != 6 {
			b.Fatal("want 6")
		}
	}
}

// Jumping to the window gives what walking there from the start gives,
// COUNT and UNTIL included.
func TestRuleJumpMatchesWalk(t *testing.T) {
	start := time.Date(2019, 3, 6, 18, 30, 0, 0, time.UTC) // a Wednesday
	nonEmpty := 0
	for _, rule := range []string{
		"FREQ=WEEKLY;COUNT=400", "FREQ=WEEKLY;BYDAY=MO,WE,SA;COUNT=1100", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,SU;COUNT=333;WKST=SU",
		"FREQ=DAILY;COUNT=2600", "FREQ=DAILY;INTERVAL=3;BYDAY=MO,FR;COUNT=321", "FREQ=DAILY;INTERVAL=7;BYDAY=TH;COUNT=5",
		"FREQ=DAILY;INTERVAL=2;UNTIL=20260304T000000Z", "FREQ=WEEKLY;BYDAY=FR",
	} {
		r, err := ParseRule(rule, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		ev := Event{Start: start, Rule: r}
		from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
		jumped := ev.Occurrences(from, to)
		var walked []Occurrence
		r.expand(start, start, to, func(t time.Time) bool {
			if !t.Before(from) {
				walked = append(walked, Occurrence{Start: t})
			}
			return true
		})
		if !slices.Equal(jumped, walked) {
			t.Errorf("%s: jumped %d occurrences, walked %d", rule, len(jumped), len(walked))
		}
		if len(jumped) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 6 {
		t.Errorf("only %d rules reach the window", nonEmpty)
	}
}

// A hostile schedule: many daily rules from 1900 with the largest COUNT
// must expand in a window without walking the century.
func BenchmarkHostileCountRules(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("BEGIN:VCALENDAR\n")
	for range 1000 {
		buf.WriteString("BEGIN:VEVENT\nDTSTART:19000101T070000Z\nRRULE:FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU;COUNT=100000\nSUMMARY:x\nEND:VEVENT\n")
	}
	c, err := ParseICS(&buf, "hostile.ics", time.UTC)
	if err != nil || len(c.Events) != 1000 {
		b.Fatal(err)
	}
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		for i := range c.Events {
			c.Events[i].Occurrences(from, from.AddDate(0, 0, 14))
		}
	}
}
