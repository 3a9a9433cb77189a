package place

import (
	"testing"
	"time"
)

// stravaTitle is the title Strava gives a run by its local start hour (the
// cut-offs measured on the casebook, titlezone.go).
func stravaTitle(h int) string {
	switch {
	case h >= 4 && h <= 10:
		return "Morning Run"
	case h <= 12 && h >= 11:
		return "Lunch Run"
	case h >= 13 && h <= 17:
		return "Afternoon Run"
	case h >= 18 && h <= 20:
		return "Evening Run"
	}
	return "Night Run"
}

// nightRunner is a UTC+8 runner (real-97's habit) who runs most evenings
// after 9 pm, often after 11, some mornings and weekend afternoons: the
// night gap alone puts the quietest night two hours west. title names
// each run (given its local hour).
func nightRunner(title func(h int) string) ([]time.Time, []Named) {
	local := time.FixedZone("CST", 8*3600)
	hours := []int{23, 21, 22, 19, 23, 20, 7, 22, 23, 15, 21, 18, 23, 9, 22, 16, 12, 14, 10, 17, 13, 20, 11, 8}
	var starts []time.Time
	var named []Named
	for d := 0; d < 320; d++ {
		h := hours[d%len(hours)]
		at := time.Date(2023, 1, 1+d, h, 20, 0, 0, local).UTC()
		starts = append(starts, at)
		if n := title(h); n != "" {
			named = append(named, Named{At: at, Name: n})
		}
	}
	return starts, named
}

// The apps' default titles name the local time of day: a night runner's
// "Night Run"s at 23:20 and "Morning Run"s at 6:20 fit UTC+8 only, and
// settle the offset the night gap put two hours west; the sentence's hint
// says so. Custom titles, and no titles, leave the night gap's offset.
func TestTitlesThatNameTheTimeOfDaySettleTheOffset(t *testing.T) {
	starts, _ := nightRunner(func(int) string { return "" })
	base, ok := ZoneFromStarts(starts, nil)
	if !ok || base.Offset.Hours == 8 {
		t.Fatalf("without titles: %+v %v, want a settled offset west of UTC+8 (the case this test is for)", base.Offset, ok)
	}
	starts, named := nightRunner(stravaTitle)
	z, ok := ZoneFromNamedStarts(starts, named)
	if !ok || z.Zone != "Etc/GMT-8" || z.Offset.Hours != 8 || z.Offset.Hint != titleWhy || z.Offset.Moved != 8-base.Offset.Hours {
		t.Errorf("Strava's titles: %+v %v, want Etc/GMT-8 by the titles", z, ok)
	}
	// Strava's Chinese titles say the same.
	zh := map[string]string{"Morning Run": "晨间跑步", "Lunch Run": "午间跑步", "Afternoon Run": "午后跑步", "Evening Run": "傍晚跑步", "Night Run": "晚间跑步"}
	starts, named = nightRunner(func(h int) string { return zh[stravaTitle(h)] })
	if z, ok := ZoneFromNamedStarts(starts, named); !ok || z.Zone != "Etc/GMT-8" {
		t.Errorf("Strava's Chinese titles: %s %v, want Etc/GMT-8", z.Zone, ok)
	}
	// Custom titles name no time of day: no change.
	custom := []string{"Tempo", "Easy 8k", "Intervals 6x800", "Long run", "Recovery"}
	i := 0
	starts, named = nightRunner(func(int) string { i++; return custom[i%len(custom)] })
	if z, ok := ZoneFromNamedStarts(starts, named); !ok || z.Zone != base.Zone || z.Offset.Hint != "" {
		t.Errorf("custom titles: %s %v hint %q, want %s as without titles", z.Zone, ok, z.Offset.Hint, base.Zone)
	}
	// Titles that fit no one clock (a list renamed at random) are no hint.
	parts := []string{"Morning Run", "Evening Run", "Night Run", "Afternoon Run"}
	i = 0
	starts, named = nightRunner(func(int) string { i++; return parts[i%len(parts)] })
	if z, ok := ZoneFromNamedStarts(starts, named); !ok || z.Zone != base.Zone {
		t.Errorf("titles that fit no clock: %s %v, want %s", z.Zone, ok, base.Zone)
	}
}

func TestPartOf(t *testing.T) {
	for name, want := range map[string]bool{
		"Morning Run": true, "🌙 Night Run": true, "🏃 🇨🇳 ☀️ Afternoon Run": true, "Virtual Evening Ride": true,
		"Lunch Weight Training": true, "傍晚跑步": true, "晨间行走": true, "晚间跑": true,
		"Night": false, "Evening with Anna at the new track": false, "Tempo": false, "跑步": false, "傍晚": false,
	} {
		if _, ok := partOf(name); ok != want {
			t.Errorf("partOf(%q) = %v, want %v", name, ok, want)
		}
	}
	if p, _ := partOf("晚间跑步"); p != night {
		t.Errorf("晚间跑步: %v, want night", p)
	}
	if p, _ := partOf("晚间跑"); p.from != 17 {
		t.Errorf("晚间跑: %v, want 17-20", p)
	}
}

// The apps' cut-offs (titlezone.go) were measured on the casebook's
// summary-only runners whose true zone is known (casebookZones): at the
// true zone, at least 90% of the titles that name the time of day fit
// their start hours on every runner with ten or more of them, and 98.5%
// over all (5,654 of 5,738; the fixed-clock Chinese lists 99-100%, New
// York's real-57 94.6%, Auckland's real-67 91.4%, and real-70's other
// app, whose lowercase "Evening run" runs to 21:00, 91.8%).
func TestTitleCutOffsOnTheCasebook(t *testing.T) {
	fit, all := 0, 0
	for c, zone := range casebookZones {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		_, named := casebookNamedStarts(t, c)
		v := VoteTitles(named)
		if v.N == 0 {
			continue
		}
		f := v.fitAt(loc)
		fit += int(f*float64(v.N) + 0.5)
		all += v.N
		t.Logf("%s %-17s %4d titles, %5.1f%% fit at the true zone", c, zone, v.N, 100*f)
		if v.N >= minTitled && f < 0.9 {
			t.Errorf("%s: %.1f%% of %d titles fit their hours in %s", c, 100*f, v.N, zone)
		}
	}
	if all == 0 || float64(fit) < 0.985*float64(all) {
		t.Errorf("%d of %d titles fit at the true zones, want 98.5%%", fit, all)
	}
	t.Logf("%d of %d titles fit their start hours at the true zones", fit, all)
}

// A summer-time clock's titles: a Barcelona runner (held-out real-111's
// habit) runs most evenings at 19-21 local, some nights after 22, some
// mornings and weekend afternoons, on Central Europe's clock, and Strava
// titles every run by its local hour. No fixed offset fits the titles all
// year (UTC+1 in winter, UTC+2 in summer); Central Europe's clock fits all
// of them, London's a third fewer. The titles choose the clock, though the
// names are English and London's nights are as quiet.
func TestTitlesChooseTheClockWithSummerTime(t *testing.T) {
	madrid, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		t.Skip(err)
	}
	hours := []int{20, 19, 21, 20, 22, 19, 8, 20, 21, 17, 19, 20, 23, 7, 20, 16, 21, 12, 19, 20, 11, 21, 9, 20}
	run := func(title func(h int) string) ([]time.Time, []Named) {
		var starts []time.Time
		var named []Named
		for d := 0; d < 730; d++ {
			h := hours[d%len(hours)]
			at := time.Date(2023, 7, 1+d, h, 15, 0, 0, madrid).UTC()
			starts = append(starts, at)
			if n := title(h); n != "" {
				named = append(named, Named{At: at, Name: n})
			}
		}
		return starts[len(starts)-1000+270:], named
	}
	starts, named := run(stravaTitle)
	z, ok := ZoneFromNamedStarts(starts, named)
	if !ok || z.Zone != "Europe/Paris" || !z.Seasonal {
		t.Errorf("Strava's titles on Central Europe's clock: %s seasonal %v (%v), want Europe/Paris", z.Zone, z.Seasonal, ok)
	}
	// Custom titles name no hour: the night gap and the names' language
	// choose as before.
	custom := []string{"Tempo", "Easy 8k", "Intervals 6x800", "Long run", "Recovery"}
	i := 0
	starts, named = run(func(int) string { i++; return custom[i%len(custom)] })
	base, _ := ZoneFromNamedStarts(starts, nil)
	if z, ok := ZoneFromNamedStarts(starts, named); !ok || z.Zone == "Europe/Paris" && base.Zone != "Europe/Paris" {
		t.Errorf("custom titles: %s %v, want as without titles (%s)", z.Zone, ok, base.Zone)
	}
}

// An early runner's titles fit a span of offsets: a Beijing runner
// (held-out real-118) out at 05:55-07:10 most days, named 晨间跑步
// (morning, 4-10), and some evenings (傍晚跑步, 18-20) fits every offset
// from UTC+7 to UTC+10 alike. The offset taken is not the fit nearest
// the night gap's — a western edge that puts his mornings at 4-5 am —
// but one whose night (00:00-04:59) is empty: UTC+8, which the titles
// fit best.
func TestTitlesSpanPrefersAnOffsetWithAQuietNight(t *testing.T) {
	local := time.FixedZone("CST", 8*3600)
	mins := []int{5*60 + 55, 6*60 + 10, 6*60 + 30, 6*60 + 45, 7*60 + 10, 6*60 + 5, 6*60 + 20}
	var starts []time.Time
	var named []Named
	for d := 0; d < 300; d++ {
		m, name := mins[d%len(mins)], "晨间跑步"
		if d%9 == 4 {
			m, name = 18*60+40, "傍晚跑步"
		}
		at := time.Date(2023, 1, 1+d, m/60, m%60, 0, 0, local).UTC()
		starts = append(starts, at)
		named = append(named, Named{At: at, Name: name})
	}
	v := VoteTitles(named)
	for _, off := range []int{8, 9, 10} {
		if v.Fit[off+11] < v.best()-titleTie {
			t.Fatalf("titles fit UTC%+d %.2f, best %.2f: want a span of offsets (the case this test is for)", off, v.Fit[off+11], v.best())
		}
	}
	z, ok := ZoneFromNamedStarts(starts, named)
	if !ok || z.Zone != "Etc/GMT-8" {
		t.Errorf("early runner: %s %+v %v, want Etc/GMT-8", z.Zone, z.Offset, ok)
	}
	// From a night gap anywhere west of the span (real-118's was UTC−3)
	// the pick is the same. (Offsets the titles fit exactly alike, with
	// nights as empty, still go to the nearest: from UTC+12 that is UTC+10.)
	for _, from := range []int{-3, 0, 3, 5} {
		if pick, _ := titledPick(from, starts, v); pick != 8 {
			t.Errorf("from UTC%+d: titles pick UTC%+d, want UTC+8", from, pick)
		}
	}
}
