package gratitude

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"rekindle"
)

func TestGreatCircle(t *testing.T) {
	// Reference great-circle distances between the city centres (±1%).
	tests := []struct {
		a, b string
		km   float64
	}{
		{"London", "Paris", 344}, {"Lisbon", "Moscow", 3905}, {"London", "New York", 5570}, {"London", "Sydney", 16990},
	}
	for _, tc := range tests {
		var got float64
		for _, j := range journeys {
			if j[0].name == tc.a && j[1].name == tc.b {
				got = greatCircle(j[0], j[1]) / 1000
			}
		}
		if math.Abs(got-tc.km)/tc.km > 0.01 {
			t.Errorf("%s–%s: %.0f km, want about %.0f", tc.a, tc.b, got, tc.km)
		}
	}
}

func TestComparison(t *testing.T) {
	w := words{unit: rekindle.UnitKm, loc: time.UTC}
	tests := []struct {
		m    float64
		want string
	}{
		{50_000, ""},
		{200_000, " — the distance of 4 marathons"},
		{400_000, " — further than London to Paris (344 km as the crow flies)"},
		{3_920_000, " — further than Lisbon to Moscow (3,906 km as the crow flies)"},
		{4_212_000, " — further than New York to Los Angeles (3,936 km as the crow flies)"},
		{20_000_000, " — 50% of the way around the Earth"},
		{52_000_000, " — 1.3 times around the Earth"},
		{400_000_000, " — 1.0 times the way to the Moon"},
	}
	for _, tc := range tests {
		if got := comparison(tc.m, w); got != tc.want {
			t.Errorf("%.0f m: %q, want %q", tc.m, got, tc.want)
		}
	}
}

func history() []Run {
	loc := time.UTC
	var rs []Run
	d0 := time.Date(2016, 4, 3, 6, 30, 0, 0, loc)
	// Two runs a week for 5 years; every other one at 6:30, on the river loop.
	for i := range 520 {
		r := Run{Start: d0.AddDate(0, 0, 3*i+i%2), DistanceM: 8000, MovingS: 2700, RouteKey: "1", RouteName: "the 8.0 km loop #1"}
		if i%2 == 1 {
			r.Start = r.Start.Add(11 * time.Hour)
			r.RouteKey, r.RouteName = "2", "the 10.0 km out-and-back #2"
		}
		rs = append(rs, r)
	}
	rs[100].DistanceM, rs[100].Name = 32_100, "Long one"
	rs[50].BestEfforts = []rekindle.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 1290}}
	rs[60].BestEfforts = []rekindle.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 1250}, {Name: "10k", DistanceM: 10000, ElapsedS: 2700}}
	rs[61].BestEfforts = []rekindle.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 100}} // impossible: ignored
	// A five-day streak in 2018.
	s := time.Date(2018, 6, 1, 18, 0, 0, 0, loc)
	for i := range 5 {
		rs = append(rs, Run{Start: s.AddDate(0, 0, i), DistanceM: 5000, MovingS: 1500})
	}
	return rs
}

func TestFacts(t *testing.T) {
	facts := Facts(history(), Options{Unit: rekindle.UnitKm})
	got := map[string]Fact{}
	for _, f := range facts {
		got[f.Key] = f
	}
	want := map[string]string{
		"total_distance":  "You have run 4,209 km since 2016 — further than New York to Los Angeles (3,936 km as the crow flies)",
		"years":           "4½ years of running: your first recorded run was on 3 Apr 2016",
		"runs":            "525 runs and 392 hours on your feet",
		"longest_run":     "Your longest run: 32.1 km on 28 Jan 2017 (Long one)",
		"pr_5k":           "Your fastest 5K: 20:50, on 30 Sep 2016",
		"pr_10k":          "Your fastest 10K: 45:00, on 30 Sep 2016",
		"early_starts":    "260 runs started before 7 am",
		"streak":          "Your longest streak: 5 days in a row, up to 5 Jun 2018",
		"favourite_route": "Your favourite route, the 8.0 km loop #1, has carried you 260 times",
		"routes":          "You have run 2 different routes",
	}
	for k, w := range want {
		if got[k].Text != w {
			t.Errorf("%s: %q, want %q", k, got[k].Text, w)
		}
	}
	if _, ok := got["best_year"]; !ok {
		t.Error("no best year")
	}
	// As of a day: only what came before.
	early := Facts(history(), Options{Unit: rekindle.UnitMi, AsOf: time.Date(2016, 5, 1, 0, 0, 0, 0, time.UTC)})
	if early[0].Key != "total_distance" || !strings.Contains(early[0].Text, "mi since 2016") || early[0].Value != 9*8000 {
		t.Errorf("as of May 2016: %+v", early[0])
	}
	for _, f := range early {
		if f.Key == "years" || f.Key == "pr_5k" {
			t.Errorf("fact from the future: %+v", f)
		}
	}
	if len(Facts(nil, Options{})) != 0 {
		t.Error("facts from no runs")
	}
}

func TestPosterSVGIsWellFormed(t *testing.T) {
	p := Poster{Name: "Ana <& friends>", Facts: Texts(Facts(history(), Options{})),
		Entries: []Entry{{Day: "2025-03-01", Text: "Running gave me the mornings & the river. " + strings.Repeat("Supercalifragilistic", 10)}}}
	for i := range 80 {
		p.Entries = append(p.Entries, Entry{Day: "2025-02-01", Text: strings.Repeat("quiet miles ", 1+i%7)})
	}
	var b bytes.Buffer
	n, err := p.WriteSVG(&b)
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 || n == len(p.Entries) {
		t.Errorf("%d of %d entries fit on one A4 page", n, len(p.Entries))
	}
	dec := xml.NewDecoder(&b)
	texts := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG not well formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "text" {
			texts++
		}
	}
	if texts < 20 {
		t.Errorf("%d text elements", texts)
	}
	var h bytes.Buffer
	if err := p.WriteHTML(&h); err != nil {
		t.Fatal(err)
	}
	out := h.String()
	if !strings.Contains(out, "@page { size: A4") || !strings.Contains(out, "Ana &lt;&amp; friends&gt;") || strings.Contains(out, "<script") {
		t.Errorf("HTML poster:\n%.400s", out)
	}
}

func TestWrapText(t *testing.T) {
	lines := wrapText("one two three four five six seven", 10)
	for _, l := range lines {
		if len(l) > 10 {
			t.Errorf("line %q longer than 10", l)
		}
	}
	if strings.Join(lines, " ") != "one two three four five six seven" {
		t.Errorf("lines %q", lines)
	}
}

func BenchmarkFacts(b *testing.B) {
	rs := history()
	for len(rs) < 5000 {
		rs = append(rs, rs...)
	}
	for b.Loop() {
		Facts(rs, Options{})
	}
}

// Facts from bad data: a 0 km "run" dated 1990 starts no history, and a
// span of almost two years is said as such, not "1 year".
func TestFactsCountOnlyRealRunsAndRoundHonestly(t *testing.T) {
	d0 := time.Date(2024, 3, 10, 7, 30, 0, 0, time.UTC)
	var rs []Run
	for i := range 95 { // a run a week for 94 weeks: 1.8 years
		rs = append(rs, Run{Start: d0.AddDate(0, 0, 7*i), DistanceM: 6000, MovingS: 1900})
	}
	bad := []Run{
		{Start: time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), DistanceM: 0},                    // an empty summary row
		{Start: time.Date(2020, 5, 1, 9, 0, 0, 0, time.UTC), DistanceM: 120, MovingS: 60},     // a watch started by mistake
		{Start: time.Date(2021, 5, 1, 9, 0, 0, 0, time.UTC), DistanceM: 40000, MovingS: 1800}, // a drive filed as a run
	}
	facts := Facts(append(bad, rs...), Options{Unit: rekindle.UnitKm})
	got := map[string]Fact{}
	for _, f := range facts {
		got[f.Key] = f
	}
	if w := "almost 2 years of running: your first recorded run was on 10 Mar 2024"; got["years"].Text != w {
		t.Errorf("years: %q, want %q", got["years"].Text, w)
	}
	if got["years"].Value != 1.8 {
		t.Errorf("years value %v, want 1.8", got["years"].Value)
	}
	if !strings.Contains(got["total_distance"].Text, "since 2024") || got["runs"].Value != 95 {
		t.Errorf("bad runs counted: %q, %v runs", got["total_distance"].Text, got["runs"].Value)
	}
	for _, c := range []struct {
		y    float64
		want string
	}{{0.8, "almost a year"}, {1.1, "a year"}, {1.5, "1½ years"}, {1.9, "almost 2 years"}, {2.1, "2 years"}, {4.27, "4½ years"}, {4.2, "4 years"}, {9.8, "almost 10 years"}} {
		if got := yearWords(c.y); got != c.want {
			t.Errorf("yearWords(%v) = %q, want %q", c.y, got, c.want)
		}
	}
	// Only bad data: no facts at all.
	if f := Facts(bad, Options{}); len(f) != 0 {
		t.Errorf("facts from bad data only: %+v", f)
	}
}

// TestComparisonNearTheRunner: the total is compared with journeys in the
// runner's country (or near their home), the world's only as a fallback.
func TestComparisonNearTheRunner(t *testing.T) {
	tests := []struct {
		name     string
		country  string
		lat, lon float64
		m        float64
		want     string
	}{
		{"China", "CN", 0, 0, 2_000_000, " — further than Beijing to Guangzhou (1,889 km as the crow flies)"},
		{"China, short", "CN", 0, 0, 300_000, " — further than Chengdu to Chongqing (264 km as the crow flies)"},
		{"China, far", "CN", 0, 0, 9_000_000, " — further than Beijing to London (8,141 km as the crow flies)"},
		{"United States", "US", 0, 0, 2_000_000, " — further than Miami to New York (1,758 km as the crow flies)"},
		{"United States, short", "US", 0, 0, 400_000, " — further than Boston to New York (306 km as the crow flies)"},
		{"United Kingdom", "GB", 0, 0, 1_000_000, " — further than Land's End to John o' Groats (968 km as the crow flies)"},
		{"United Kingdom, short", "GB", 0, 0, 100_000, " — further than London to Brighton (76.2 km as the crow flies)"},
		{"no country, home in Shanghai", "", 31.22, 121.54, 2_000_000, " — further than Beijing to Guangzhou (1,889 km as the crow flies)"},
		{"a country without journeys, no home", "KE", 0, 0, 600_000, " — further than Amsterdam to Berlin (576 km as the crow flies)"},
		{"nothing known", "", 0, 0, 600_000, " — further than Amsterdam to Berlin (576 km as the crow flies)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := words{unit: rekindle.UnitKm, loc: time.UTC, journeys: journeysFor(tc.country, tc.lat, tc.lon)}
			if got := comparison(tc.m, w); got != tc.want {
				t.Errorf("%.0f m: %q, want %q", tc.m, got, tc.want)
			}
		})
	}
	// Every journey picked for a country has a city in it.
	for _, cc := range []string{"CN", "US", "GB"} {
		for _, j := range journeysFor(cc, 0, 0) {
			if j[0].cc != cc && j[1].cc != cc {
				t.Errorf("%s: %s to %s has no city in the country", cc, j[0].name, j[1].name)
			}
		}
	}
	// Through Facts, as the journal and the spark's gratitude idea say it.
	var rs []Run
	for i := range 300 {
		rs = append(rs, Run{Start: time.Date(2020, 1, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, 2*i), DistanceM: 7000, MovingS: 2400})
	}
	for cc, want := range map[string]string{"CN": "Beijing to Guangzhou", "US": "Miami to New York", "GB": "London to Rome"} {
		facts := Facts(rs, Options{Unit: rekindle.UnitKm, Country: cc})
		if len(facts) == 0 || facts[0].Key != "total_distance" || !strings.Contains(facts[0].Text, want) {
			t.Errorf("%s: %v, want the total compared with %s", cc, facts[:min(1, len(facts))], want)
		}
		if cc != "GB" && strings.Contains(facts[0].Text, "Amsterdam") {
			t.Errorf("%s: %q", cc, facts[0].Text)
		}
	}
}
