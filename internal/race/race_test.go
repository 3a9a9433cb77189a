package race

import (
	"math"
	"os"
	"path/filepath"
	"rekindle/internal/units"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones these tests use, whatever the machine has

	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/training"
)

func zone(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Monaco")
	if err != nil {
		t.Fatalf("Europe/Monaco: %v", err)
	}
	return loc
}

func fixture(t testing.TB, name string) []calendar.Event {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "calendar", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	c, err := calendar.Parse(f, name, zone(t))
	if err != nil {
		t.Fatal(err)
	}
	return c.Events
}

func TestParseDistance(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
	}{
		{"5K", 5000}, {"10K", 10000}, {"10 km", 10000}, {"10km", 10000}, {"21.1 km", HalfMarathon}, {"21,1 km", HalfMarathon},
		{"42.2km", Marathon}, {"half", HalfMarathon}, {"marathon", Marathon}, {"10 mi", 10 * Mile}, {"10 Mile", 10 * Mile},
		{"5000m", 5000}, {"1 mile", Mile},
		{"Parkrun", 5000}, {"Promenade Parkrun", 5000}, {"Junior parkrun", 2000},
		{"Turkey Trot 5k", 5000}, {"Half Marathon", HalfMarathon}, {"Semi-Marathon de Cannes", HalfMarathon},
		{"Nice Corniche 10 km", 10000}, {"Marathon des Alpes-Maritimes", Marathon}, {"Marathon Relay 10K", 10000},
		{"Nice 2026 10K", 10000}, {"Halbmarathon Berlin", HalfMarathon}, {"Medio Maratón de Madrid", HalfMarathon},
		{"Maratón de Sevilla", Marathon}, {"Monaco Run 10K", 10000},
		{"", 0}, {"Turkey Trot", 0}, {"Ultra Marathon des Cimes", 0}, {"Fun run 100 m", 0}, {"9:30 start", 0}, {"Trail 300 km", 0},
	} {
		got, ok := ParseDistance(tc.in)
		if ok != (tc.want > 0) || math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("ParseDistance(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
	if l, err := ParseDistanceList("5k, 10k,half"); err != nil || !slices.Equal(l, []float64{5000, 10000, HalfMarathon}) {
		t.Errorf("list %v %v", l, err)
	}
	if _, err := ParseDistanceList("5k,far"); err == nil {
		t.Error("bad list accepted")
	}
	for m, want := range map[float64]string{5000: "5K", 10000: "10K", HalfMarathon: "half marathon", Marathon: "marathon", 10 * Mile: "10 mi", 7500: "7.5 km", 0: "distance unknown"} {
		if got := DistanceName(m); got != want {
			t.Errorf("DistanceName(%v) = %q, want %q", m, got, want)
		}
	}
}

// Home: Monaco, Place du Casino.
const homeLat, homeLon = 43.7393, 7.4275

func TestFind(t *testing.T) {
	loc := zone(t)
	evs := fixture(t, "riviera-races.ics")
	asOf := time.Date(2026, 3, 29, 20, 0, 0, 0, loc)
	fit := Fitness{VDOT: 45}
	q := Query{AsOf: asOf, HasHome: true, HomeLat: homeLat, HomeLon: homeLon, Fitness: fit}
	from, to := q.Window()
	if from.Format(time.DateOnly) != "2026-04-12" || to.Format(time.DateOnly) != "2026-04-27" {
		t.Fatalf("window %v – %v", from, to)
	}
	names := func(rs []Race) []string {
		var s []string
		for _, r := range rs {
			s = append(s, r.Start.In(loc).Format("01-02 ")+r.Name)
		}
		return s
	}
	all := Find(evs, q)
	want := []string{"04-12 Nice Corniche 10 km", "04-18 Promenade Parkrun", "04-25 Promenade Parkrun", "04-26 Semi-Marathon de Cannes (Half Marathon)"}
	if !slices.Equal(names(all), want) {
		t.Errorf("default window: %q, want %q", names(all), want)
	}
	nice := all[0]
	if nice.DistanceM != 10000 || nice.Distance != "10K" || math.Abs(nice.FromHomeM-13600) > 400 {
		t.Errorf("Nice: %+v", nice)
	}
	if want := training.EquivalentTime(45, 10000); nice.PredictedS != want || nice.RiegelS != 0 {
		t.Errorf("prediction %v, want %v", nice.PredictedS, want)
	}
	// 5K and 10K only, within 15 km: Cannes (half, 40 km) goes.
	q.Distances, q.RadiusM = []float64{5000, 10000}, 15000
	if got := names(Find(evs, q)); !slices.Equal(got, want[:3]) {
		t.Errorf("5k,10k within 15 km: %q", got)
	}
	// A radius of 5 km keeps nothing with a position; the Antibes trot,
	// without one, is kept (ranked after) in a November window.
	q.RadiusM = 5000
	q.From, q.To = time.Date(2026, 11, 20, 0, 0, 0, 0, loc), time.Date(2026, 11, 30, 0, 0, 0, 0, loc)
	got := Find(evs, q)
	if len(got) != 1 || got[0].Name != "Antibes Turkey Trot 5k" || got[0].HasGeo || got[0].FromHomeM != -1 {
		t.Errorf("November within 5 km: %+v", got)
	}
	if all[0].Recurring || !all[1].Recurring {
		t.Errorf("recurring: %v %v", all[0].Recurring, all[1].Recurring)
	}
	if p := Pick(all); p == nil || p.Name != "Nice Corniche 10 km" {
		t.Errorf("pick %+v", p)
	}
	// CSV races too.
	csv := Find(fixture(t, "races.csv"), Query{AsOf: asOf, Distances: []float64{10000}})
	if len(csv) != 1 || csv[0].Name != "Nice Corniche" || !csv[0].AllDay || csv[0].FromHomeM != -1 {
		t.Errorf("csv: %+v", csv)
	}
}

func TestPredictBothMethods(t *testing.T) {
	// science.md test vector: 5K in 20:00 → marathon VDOT 3:11:17, Riegel 3:11:49.
	v := training.VDOT(5000, 1200)
	f := Fitness{VDOT: v, EffortM: 5000, EffortS: 1200}
	vs, rs := f.Predict(Marathon)
	if units.ClockOr(vs, "–") != "3:11:17" || units.ClockOr(rs, "–") != "3:11:49" {
		t.Errorf("marathon from 5K 20:00: VDOT %s, Riegel %s", units.ClockOr(vs, "–"), units.ClockOr(rs, "–"))
	}
	if a, b := f.Predict(0); a != 0 || b != 0 {
		t.Error("unknown distance predicted")
	}
}

// history builds weeks of runs: Tue 8 km, Thu 8 km at 7:00, Sun 14 km at
// 9:00, plus a yoga class once.
func history(loc *time.Location, end time.Time, weeks int) []Activity {
	var acts []Activity
	monday := time.Date(2026, 1, 5, 0, 0, 0, 0, loc)
	for w := range weeks {
		for _, r := range []struct {
			wd   int
			hour int
			m    float64
		}{{1, 7, 8000}, {3, 7, 8000}, {6, 9, 14000}} {
			t := monday.AddDate(0, 0, 7*w+r.wd).Add(time.Duration(r.hour) * time.Hour)
			if t.Before(end) {
				acts = append(acts, Activity{Start: t, Sport: rekindle.SportRunning, DistanceM: r.m, MovingS: r.m / 3})
			}
		}
	}
	acts = append(acts, Activity{Start: monday.Add(18 * time.Hour), Sport: rekindle.SportYoga, MovingS: 3600})
	return acts
}

func TestPatternAndTaper(t *testing.T) {
	loc := zone(t)
	asOf := time.Date(2026, 3, 29, 20, 0, 0, 0, loc) // a Sunday
	p := PatternOf(history(loc, asOf.Add(time.Hour), 12), asOf, loc)
	if !slices.Equal(p.RunDays, []time.Weekday{time.Tuesday, time.Thursday, time.Sunday}) || p.WeeklyM != 30000 || p.RunsPerWeek != 3 ||
		p.DayM[time.Sunday] != 14000 || !p.Tried[rekindle.SportYoga] || p.Tried[rekindle.SportSpin] {
		t.Fatalf("pattern %+v", p)
	}
	r := Race{Name: "Nice Corniche 10 km", Start: time.Date(2026, 4, 12, 9, 0, 0, 0, loc), DistanceM: 10000, Distance: "10K"}
	r.PredictedS, _ = Fitness{VDOT: 45}.Predict(10000)
	tp := PlanTaper(&r, &p, loc, rekindle.UnitKm, "")
	var lines []string
	for _, d := range tp.Days {
		lines = append(lines, d.Text)
	}
	// d = 0…6 from Sun 5 Apr: Sun 14 km·1 = 14, Tue 8·e^(−0.46) = 5, Thu
	// 8·e^(−0.92) = 3 with race pace (Wed, 4 days out, is not a running
	// day; 3 days out comes next), Sat (the day before) is not a running day.
	want := []string{
		"Sun 5 Apr: 14.0 km easy",
		"Mon 6 Apr: rest",
		"Tue 7 Apr: 5.0 km easy",
		"Wed 8 Apr: rest",
		"Thu 9 Apr: 3.0 km easy including 4 × 1 min at race pace 4:31/km, 2 min jog between",
		"Fri 10 Apr: rest",
		"Sat 11 Apr: rest",
		"Sun 12 Apr: race day — Nice Corniche 10 km, 10K, aim for about 45:13 (4:31/km); start a little slower, finish faster",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("taper:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if tp.TotalM != 22000 || tp.UsualM != 30000 || tp.CutPct != 27 {
		t.Errorf("total %v usual %v cut %v", tp.TotalM, tp.UsualM, tp.CutPct)
	}
}

func TestFindMergesFeeds(t *testing.T) {
	loc := zone(t)
	evs := append(fixture(t, "races.csv"), fixture(t, "riviera-races.ics")...)
	asOf := time.Date(2026, 3, 29, 20, 0, 0, 0, loc)
	var got []string
	for _, r := range Find(evs, Query{AsOf: asOf, HasHome: true, HomeLat: homeLat, HomeLon: homeLon}) {
		got = append(got, r.Start.In(loc).Format("01-02 15:04 ")+r.Name)
	}
	// Nice: the timed iCalendar entry wins over the all-day CSV row; Cannes:
	// the CSV row with a time wins over the all-day iCalendar one.
	want := []string{"04-12 09:00 Nice Corniche 10 km", "04-18 09:00 Promenade Parkrun", "04-25 09:00 Promenade Parkrun", "04-26 08:00 Semi-Marathon de Cannes"}
	if !slices.Equal(got, want) {
		t.Errorf("merged: %q, want %q", got, want)
	}
}
