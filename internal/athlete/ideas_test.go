package athlete

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/gpx"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/units"
)

// seedRunner is a seeded history ending the day before testkit.Today.
type seedRunner struct {
	name string
	// km returns the runs of week w (0 the oldest of weeks) on weekday d,
	// 0 for none.
	weeks int
	km    func(w int, d time.Weekday, r *rand.Rand) float64
	enjoy func(w int) int // check-in enjoyment in week w, 0 for none
}

var ideaRunners = []seedRunner{
	{name: "overreached", weeks: 14, km: func(w int, d time.Weekday, r *rand.Rand) float64 {
		if d == time.Friday {
			return 0
		}
		base := 7 + 0.35*float64(w)
		if d == time.Sunday {
			base *= 2
		}
		return base + r.Float64()
	}, enjoy: func(w int) int { return max(1, 4-w/5) }},
	{name: "same loop", weeks: 16, km: func(w int, d time.Weekday, r *rand.Rand) float64 {
		switch d {
		case time.Monday, time.Wednesday, time.Friday, time.Sunday:
			return 8 + 0.05*r.Float64()
		}
		return 0
	}, enjoy: func(w int) int { return 3 }},
	{name: "fading", weeks: 12, km: func(w int, d time.Weekday, r *rand.Rand) float64 {
		days := []time.Weekday{time.Tuesday, time.Saturday, time.Thursday, time.Sunday, time.Monday}
		n := max(1, 5-w/2)
		if slices.Contains(days[:n], d) {
			return 6 + 2*r.Float64()
		}
		return 0
	}, enjoy: func(w int) int { return max(1, 5-w/3) }},
	// Five easy runs a week on days that shift from week to week: every
	// weekday has been run on in two of the last four weeks, yet the
	// runner runs five times a week (a light week of seven runs was the
	// defect).
	{name: "fresh flat", weeks: 14, km: func(w int, d time.Weekday, r *rand.Rand) float64 {
		if int(d) == (3*w)%7 || int(d) == (3*w+2)%7 {
			return 0
		}
		return 6 + r.Float64()
	}, enjoy: func(w int) int { return 3 }},
	{name: "returning", weeks: 40, km: func(w int, d time.Weekday, r *rand.Rand) float64 {
		if w >= 26 && w < 38 {
			return 0 // the break
		}
		switch d {
		case time.Tuesday, time.Thursday, time.Sunday:
			if w >= 38 {
				return 5
			}
			return 9 + r.Float64()
		}
		return 0
	}},
}

// ideaRaces is a race calendar with races 2–4 and 6–10 weeks after Today.
const ideaRaces = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//rekindle test//EN
BEGIN:VEVENT
UID:r1@test
DTSTART:20250621T080000Z
SUMMARY:Harbour 10K
LOCATION:Port Hercule
DESCRIPTION:10 km
END:VEVENT
BEGIN:VEVENT
UID:r2@test
DTSTART:20250726T080000Z
SUMMARY:Summer 5K
LOCATION:Larvotto
DESCRIPTION:5 km
END:VEVENT
END:VCALENDAR
`

// ideaGym is a class schedule: classes every day of the week.
const ideaGym = `BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//rekindle test//EN
BEGIN:VEVENT
UID:g1@test
DTSTART:20250101T183000Z
DTEND:20250101T193000Z
RRULE:FREQ=DAILY
SUMMARY:Yoga Flow
LOCATION:Studio Azur
END:VEVENT
BEGIN:VEVENT
UID:g2@test
DTSTART:20250101T070000Z
DTEND:20250101T074500Z
RRULE:FREQ=WEEKLY;BYDAY=TU,TH
SUMMARY:Spin Express
LOCATION:Gym Riviera
END:VEVENT
END:VCALENDAR
`

func seedApp(t *testing.T, r seedRunner) (*App, *rekindle.Athlete) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "ideas.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(uint64(len(r.name)), 15))
	first := testkit.Midnight.AddDate(0, 0, -7*r.weeks)
	var checkIns []rekindle.CheckIn
	for w := range r.weeks {
		for i := range 7 {
			day := first.AddDate(0, 0, 7*w+i)
			km := r.km(w, day.Weekday(), rng)
			if km <= 0 {
				continue
			}
			speed := 2.9 + 0.2*rng.Float64()
			a := &rekindle.Activity{Start: day.Add(17 * time.Hour), Sport: rekindle.SportRunning, Name: "Evening run",
				Source: rekindle.Source{Format: rekindle.FormatGPX, File: fmt.Sprintf("%s-%d.gpx", r.name, 7*w+i), SHA256: fmt.Sprintf("%064x", 7*w+i+1)}}
			a.Summary.DistanceM = km * 1000
			a.Summary.MovingS = a.Summary.DistanceM / speed
			a.Summary.ElapsedS = a.Summary.MovingS + 60
			a.Summary.AvgSpeedMS = speed
			if err := st.SaveActivity(ctx, ath.ID, a); err != nil {
				t.Fatal(err)
			}
			if r.enjoy != nil && r.enjoy(w) > 0 {
				checkIns = append(checkIns, rekindle.CheckIn{AthleteID: ath.ID, ActivityID: a.ID, At: a.Start.Add(2 * time.Hour), Enjoyment: r.enjoy(w), RPE: 5})
			}
		}
	}
	sp := StoreSpark{Store: st}
	for _, c := range checkIns {
		if err := sp.AddCheckIn(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	app := New(Config{Store: st, Spark: sp, Now: testkit.Now})
	for kind, cal := range map[string]string{store.CalendarRaces: ideaRaces, store.CalendarClasses: ideaGym} {
		if _, _, err := app.ImportCalendar(ctx, ath, kind, kind+".ics", kind, strings.NewReader(cal)); err != nil {
			t.Fatalf("%s calendar: %v", kind, err)
		}
	}
	ath, err = app.Athlete(ctx, ath.ID)
	if err != nil {
		t.Fatal(err)
	}
	return app, ath
}

// TestIdeaIsItsSessions accepts, for several seeded runners, every idea on
// offer one after the other (giving each up before the next) and checks
// that what the card says is exactly what accepting writes into the plan:
// the same days, distances, durations, paces, times, places and routes,
// each line of the card the plan's own line for its session. Over the
// runners every one of the eight strategies is accepted.
func TestIdeaIsItsSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds four histories")
	}
	ctx := context.Background()
	covered := map[rekindle.Strategy]int{}
	for _, r := range ideaRunners {
		t.Run(r.name, func(t *testing.T) {
			app, ath := seedApp(t, r)
			today := testkit.Today.In(ath.Location()).Format(time.DateOnly)
			for range 16 {
				hv, err := app.Home(ctx, ath, testkit.Today.In(ath.Location()))
				if err != nil {
					t.Fatal(err)
				}
				recs := hv.Report.Recommendations
				if len(recs) == 0 {
					break
				}
				// The first idea of a strategy not yet accepted, else the top.
				rec := recs[0]
				for _, x := range recs {
					if covered[x.Strategy] == 0 {
						rec = x
						break
					}
				}
				checkIdea(t, app, ath, rec, today)
				covered[rec.Strategy]++
			}
		})
	}
	for _, st := range rekindle.Strategies {
		if covered[st] == 0 {
			t.Errorf("no %s idea was accepted over the runners (accepted: %v)", st, covered)
		}
	}
	if lightWeeks == 0 {
		t.Error("no light week was accepted")
	}
	if racePageTapers == 0 {
		t.Error("no race idea's taper was compared with the races page's")
	}
}

// racePageTapers counts the race ideas checkIdea compared with the races
// page's taper.
var racePageTapers int

func checkIdea(t *testing.T, app *App, ath *rekindle.Athlete, rec spark.Recommendation, today string) {
	t.Helper()
	ctx := context.Background()
	if len(rec.Plan) == 0 {
		t.Errorf("%s (%s) has no dated sessions: %q", rec.ID, rec.Strategy, rec.Actions)
		return
	}
	t.Logf("%s (%s):\n  %s", rec.ID, rec.Strategy, strings.Join(rec.Actions, "\n  "))
	e, written, err := app.Decide(ctx, ath, rec.ID, "accept")
	if err != nil {
		t.Fatalf("accept %s: %v", rec.ID, err)
	}
	stored, err := app.cfg.Store.ListPlanned(ctx, ath.ID, "", "")
	if err != nil {
		t.Fatal(err)
	}
	stored = slices.DeleteFunc(stored, func(p plan.Session) bool { return p.ExperimentID != e.ID })
	if len(written) != len(rec.Plan) || len(stored) != len(rec.Plan) {
		t.Fatalf("%s: card has %d sessions, accepting wrote %d, the plan holds %d", rec.ID, len(rec.Plan), len(written), len(stored))
	}
	card := rec.Actions[:len(rec.Plan)]
	if got := plan.Describes(stored, ath.Unit, Dates(ath)); !slices.Equal(got, card) {
		t.Errorf("%s: the card says\n  %s\nthe plan says\n  %s", rec.ID, strings.Join(card, "\n  "), strings.Join(got, "\n  "))
	}
	for i, p := range stored {
		c := rec.Plan[i]
		if p.Day != c.Day || p.Kind != c.Kind || p.Sport != c.Sport || p.DistanceM != c.DistanceM || p.DurationS != c.DurationS ||
			p.PaceMS != c.PaceMS || p.Time != c.Time || p.Place != c.Place || (p.Route == nil) != (c.Route == nil) {
			t.Errorf("%s: stored %+v, card %+v", rec.ID, p, c)
		}
		if p.Route != nil && (p.Route.Name != c.Route.Name || p.Route.DistanceM != c.Route.DistanceM || len(p.Route.Points) != len(c.Route.Points)) {
			t.Errorf("%s: route stored %+v, card %+v", rec.ID, p.Route, c.Route)
		}
		if p.Day <= today {
			t.Errorf("%s: session on %s, not after today %s", rec.ID, p.Day, today)
		}
		if (p.Kind == plan.KindEasy || p.Kind == plan.KindLong || p.Kind == plan.KindQuality || p.Kind == plan.KindRace || p.Kind == plan.KindCross) && p.DistanceM <= 0 && p.DurationS <= 0 {
			t.Errorf("%s: %s session on %s without distance or duration", rec.ID, p.Kind, p.Day)
		}
	}
	last := plan.Last(stored)
	if rec.ID == "rest-light-week" {
		checkLightWeek(t, app, ath, stored)
	}
	switch rec.Strategy {
	case rekindle.StrategyRace:
		if stored[len(stored)-1].Kind != plan.KindRace && rec.ID == "race-local" {
			t.Errorf("%s: the last session is not the race: %q", rec.ID, card)
		}
		// The same taper as the races page's for that race: each day of it,
		// its distance written alike.
		rv, err := app.Races(ctx, ath, testkit.Today.In(ath.Location()))
		if err != nil {
			t.Fatal(err)
		}
		if rec.ID != "race-local" || rv.Pick == "" || !strings.Contains(rec.Title, rv.Pick) {
			break
		}
		for _, p := range stored {
			d, _ := p.Date()
			i := slices.IndexFunc(rv.Taper, func(l string) bool { return strings.HasPrefix(l, Dates(ath).DayShort(d)+":") })
			switch {
			case i < 0:
				t.Errorf("%s: %s is not a day of the races page's taper %q", rec.ID, p.Day, rv.Taper)
			case p.DistanceM > 0 && p.Kind != plan.KindRace && !strings.Contains(rv.Taper[i], units.Show(p.DistanceM, ath.Unit)): // the race day names the race ("10K")
				t.Errorf("%s: the card says %q, the races page's taper %q", rec.ID, plan.Describe(p, ath.Unit, Dates(ath)), rv.Taper[i])
			}
		}
		racePageTapers++
	case rekindle.StrategyCrossTraining:
		if c := stored[0]; c.Kind != plan.KindCross || c.Time == "" || c.Place == "" {
			t.Errorf("%s: the class has no time or place: %+v", rec.ID, c)
		}
	}
	// The experiment is judged after its last session, and the plan page
	// shows the whole idea.
	se, err := app.cfg.Store.GetExperiment(ctx, ath.ID, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	start := testkit.Today.In(ath.Location())
	ends := time.Date(start.Year(), start.Month(), start.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, se.WindowDays).Format(time.DateOnly)
	if ends <= last {
		t.Errorf("%s: judged on %s, before or on its last session %s", rec.ID, ends, last)
	}
	pv, err := app.Plan(ctx, ath.ID, start, 14)
	if err != nil {
		t.Fatal(err)
	}
	if pv.To < last {
		t.Errorf("%s: the plan page ends %s, the idea %s", rec.ID, pv.To, last)
	}
	// Giving it up removes its sessions and records the outcome.
	res, err := app.Abandon(ctx, ath, e.ID)
	if err != nil {
		t.Fatalf("abandon %s: %v", rec.ID, err)
	}
	if res.Removed != len(stored) {
		t.Errorf("%s: abandon removed %d sessions, want %d", rec.ID, res.Removed, len(stored))
	}
	if se, _ := app.cfg.Store.GetExperiment(ctx, ath.ID, e.ID); se.Outcome != string(spark.OutcomeAbandoned) {
		t.Errorf("%s: outcome %q after abandon", rec.ID, se.Outcome)
	}
	if _, err := app.Abandon(ctx, ath, e.ID); err == nil {
		t.Errorf("%s: abandoned twice", rec.ID)
	}
}

// lightWeeks counts the light weeks checkLightWeek read.
var lightWeeks int

// checkLightWeek: a light week keeps (or reduces) the runner's own number
// of running days, on days of the week they run on, and is lighter than
// the week just run (science.md §8: a recovery week cuts volume, keeps
// frequency).
func checkLightWeek(t *testing.T, app *App, ath *rekindle.Athlete, ss []plan.Session) {
	t.Helper()
	acts, err := app.cfg.Store.ListActivities(context.Background(), ath.ID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	loc := ath.Location()
	end := testkit.Midnight
	days4 := map[string]bool{}
	weekdays := map[time.Weekday]bool{}
	var week float64
	for _, a := range acts {
		if !a.Sport.IsRun() || !a.Start.Before(end) || a.Start.Before(end.AddDate(0, 0, -28)) {
			continue
		}
		days4[a.Start.In(loc).Format(time.DateOnly)] = true
		weekdays[a.Start.In(loc).Weekday()] = true
		if !a.Start.Before(end.AddDate(0, 0, -7)) {
			week += a.Summary.DistanceM
		}
	}
	perWeek := float64(len(days4)) / 4
	var runs int
	var total float64
	for _, p := range ss {
		if p.DistanceM <= 0 {
			continue
		}
		runs++
		total += p.DistanceM
		if d, _ := p.Date(); !weekdays[d.Weekday()] {
			t.Errorf("light week: a run on %s, a %s, not a day the runner runs on", p.Day, d.Weekday())
		}
	}
	if float64(runs) > perWeek+0.5 || runs == 0 {
		t.Errorf("light week: %d runs for a runner who runs %.2f times a week", runs, perWeek)
	}
	if total >= week {
		t.Errorf("light week: %.0f m, not below the %.0f m of the last 7 days", total, week)
	}
	lightWeeks++
}

// A planned run with a suggested route downloads as GPX from the plan day:
// the points read back by the GPX decoder are the route's.
func TestPlannedRouteDownload(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "route.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pts := [][2]float64{{43.7384, 7.4246}, {43.7390, 7.4260}, {43.7402, 7.4271}, {43.7384, 7.4246}}
	ss := []plan.Session{{Day: "2025-06-04", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 480, ExperimentID: 3,
		Route: &plan.Route{Name: "A new loop by Quai Antoine 1er", DistanceM: 480, NewShare: 0.6, Points: pts}},
		{Day: "2025-06-05", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 5000}}
	if err := st.AddPlanned(ctx, ath.ID, ss); err != nil {
		t.Fatal(err)
	}
	app := New(Config{Store: st, Now: testkit.Now})
	p, sg, err := app.PlannedRoute(ctx, ath.ID, ss[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Route.Name != "A new loop by Quai Antoine 1er" {
		t.Errorf("route %+v", p.Route)
	}
	var b bytes.Buffer
	if err := sg.WriteGPX(&b, p.Route.Name); err != nil {
		t.Fatal(err)
	}
	acts, err := gpx.Decode(&b)
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 || acts[0].Track.Len() != len(pts) {
		t.Fatalf("decoded %d activities, want one of %d points", len(acts), len(pts))
	}
	if _, _, err := app.PlannedRoute(ctx, ath.ID, ss[1].ID); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
		t.Errorf("a session without a route: %v, want not found", err)
	}
}

// Home's week is the next 7 days, and names the next session after them
// when an idea's sessions start later; the plan page spans the idea.
func TestWeekAndPlanSpan(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "week.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	app := New(Config{Store: st, Now: testkit.Now})
	ss := []plan.Session{
		{Day: "2025-06-14", Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 6000, ExperimentID: 4, Note: "taper"},
		{Day: "2025-06-21", Sport: rekindle.SportRunning, Kind: plan.KindRace, DistanceM: 10000, ExperimentID: 4, Note: "Harbour 10K"},
	}
	if err := st.AddPlanned(ctx, ath.ID, ss); err != nil {
		t.Fatal(err)
	}
	w, err := app.Week(ctx, ath.ID, testkit.Today)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Days) != 7 || w.From != "2025-06-02" || w.To != "2025-06-08" || !w.Empty() || w.Next == nil || w.Next.Day != "2025-06-14" {
		t.Errorf("week %s–%s (%d days), empty %v, next %+v", w.From, w.To, len(w.Days), w.Empty(), w.Next)
	}
	p, err := app.Plan(ctx, ath.ID, testkit.Today, 14)
	if err != nil {
		t.Fatal(err)
	}
	if p.To != "2025-06-21" || len(p.Days) != 20 || p.Totals.Sessions != 2 {
		t.Errorf("plan %s–%s (%d days, %d sessions), want through the race on 2025-06-21", p.From, p.To, len(p.Days), p.Totals.Sessions)
	}
	// A step counts as planned.
	if err := st.AddPlanned(ctx, ath.ID, []plan.Session{{Day: "2025-06-03", Kind: plan.KindStep, Note: "Book the massage"}}); err != nil {
		t.Fatal(err)
	}
	// Written past the App (as another process would): the cached week
	// holds until the next version check, or until the App is told.
	app.Changed(ath.ID)
	if w, _ := app.Week(ctx, ath.ID, testkit.Today); w.Empty() || w.Totals.Steps != 1 {
		t.Errorf("a week with a step is empty: %+v", w.Totals)
	}
}
