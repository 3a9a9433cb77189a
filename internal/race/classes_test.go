package race

import (
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
)

func TestSportOf(t *testing.T) {
	for title, want := range map[string]rekindle.Sport{
		"Vinyasa Yoga Flow": rekindle.SportYoga, "Spin Express": rekindle.SportSpin, "RPM 45": rekindle.SportSpin,
		"Barre Sculpt": rekindle.SportBarre, "Aqua Jogging (deep water running)": rekindle.SportAquaJogging,
		"Deep-water running": rekindle.SportAquaJogging, "Reformer Pilates": rekindle.SportPilates, "Mat Pilates": rekindle.SportPilates,
		"Body Pump": rekindle.SportStrength, "Lunchtime Strength & Conditioning": rekindle.SportStrength,
		"Masters Swim": rekindle.SportSwimming, "Indoor Rowing": rekindle.SportRowing, "Board meeting": "",
		"Scoreboard": "", "Aqua Fit": "",
	} {
		got, ok := SportOf(&calendar.Event{Summary: title})
		if got != want || ok != (want != "") {
			t.Errorf("SportOf(%q) = %q, %v; want %q", title, got, ok, want)
		}
	}
	if s, _ := SportOf(&calendar.Event{Summary: "Early bird", Categories: []string{"CYCLING"}}); s != rekindle.SportSpin {
		t.Errorf("category: %q", s)
	}
}

func TestHasTried(t *testing.T) {
	p := Pattern{Tried: map[rekindle.Sport]bool{rekindle.SportIndoorCycling: true, rekindle.SportPoolSwim: true}}
	if !p.HasTried(rekindle.SportSpin) || !p.HasTried(rekindle.SportSwimming) || p.HasTried(rekindle.SportYoga) {
		t.Error("spin is indoor cycling, a swim is a pool swim, yoga is new")
	}
}

func TestSuggestClasses(t *testing.T) {
	loc := zone(t)
	evs := fixture(t, "gym-schedule.ics")
	asOf := time.Date(2026, 4, 5, 20, 0, 0, 0, loc)
	p := PatternOf(history(loc, asOf, 14), asOf, loc)
	from := time.Date(2026, 4, 6, 0, 0, 0, 0, loc)
	show := func(cs []Class) []string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Start.Format("Mon 2 Jan 15:04 ")+c.Name+" "+string(c.Sport)+map[bool]string{true: " fits", false: ""}[c.HourFits])
		}
		return s
	}
	week := SuggestClasses(evs, &p, ClassQuery{From: from, To: from.AddDate(0, 0, 7), Loc: loc})
	// Yoga has been logged; spin and pilates fall on running days (Tue,
	// Thu, Sun); aqua jogging is in its off week.
	want := []string{"Sat 11 Apr 10:00 Barre Sculpt barre fits", "Mon 6 Apr 12:30 Lunchtime Strength & Conditioning strength"}
	if got := show(week); !slices.Equal(got, want) {
		t.Errorf("week: %q, want %q", got, want)
	}
	if w := week[0].Why; !strings.Contains(w, "never logged barre") || !strings.Contains(w, "Saturday is not one of your running days") || !strings.Contains(w, "10:00 is close to when you usually train") {
		t.Errorf("why %q", w)
	}
	two := SuggestClasses(evs, &p, ClassQuery{From: from, To: from.AddDate(0, 0, 14), Loc: loc, IncludeTried: true})
	want = []string{"Sat 11 Apr 10:00 Barre Sculpt barre fits", "Mon 6 Apr 12:30 Lunchtime Strength & Conditioning strength",
		"Fri 17 Apr 12:15 Aqua Jogging (deep water running) aqua_jogging", "Mon 6 Apr 18:30 Vinyasa Yoga Flow yoga"}
	if got := show(two); !slices.Equal(got, want) {
		t.Errorf("two weeks with tried: %q, want %q", got, want)
	}
	// A runner with no history: every class is new and every hour fits.
	empty := PatternOf(nil, asOf, loc)
	if got := SuggestClasses(evs, &empty, ClassQuery{From: from, To: from.AddDate(0, 0, 7), Loc: loc, Limit: 3}); len(got) != 3 || !got[0].HourFits || !got[0].New {
		t.Errorf("no history: %q", show(got))
	}
}

func BenchmarkFindAndSuggest(b *testing.B) {
	loc := zone(b)
	races := fixture(b, "riviera-races.ics")
	gym := fixture(b, "gym-schedule.ics")
	var many, classes []calendar.Event
	for range 50 {
		many = append(many, races...)
		classes = append(classes, gym...)
	}
	asOf := time.Date(2026, 3, 29, 20, 0, 0, 0, loc)
	acts := history(loc, asOf, 52)
	b.ReportAllocs()
	for b.Loop() {
		p := PatternOf(acts, asOf, loc)
		rs := Find(many, Query{AsOf: asOf, HasHome: true, HomeLat: homeLat, HomeLon: homeLon, Fitness: Fitness{VDOT: 45}})
		if r := Pick(rs); r != nil {
			PlanTaper(r, &p, loc, rekindle.UnitKm, "")
		}
		SuggestClasses(classes, &p, ClassQuery{From: asOf, To: asOf.AddDate(0, 0, 14), Loc: loc})
	}
}
