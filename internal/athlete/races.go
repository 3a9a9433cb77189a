package athlete

import (
	"context"
	"fmt"
	"math"
	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/race"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/training"
	"strings"
	"time"
)

// Runner is what the race and class finders need of the athlete on a day.
type Runner struct {
	Ath     *rekindle.Athlete
	Loc     *time.Location
	Unit    rekindle.Unit
	Dates   locale.Locale // how the athlete reads dates
	Day     time.Time     // midnight of the as-of day, in loc
	Pattern race.Pattern
	Fitness race.Fitness

	st *store.Store // where the calendars are read
}

// loadRunner reads the athlete's history up to asOf's day (App.LoadRunner
// makes a zero asOf the application's today).
func loadRunner(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time) (*Runner, error) {
	loc := ath.Location()
	day := InZone(asOf, loc)
	list, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{To: day.AddDate(0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("history: %w", err)
	}
	acts := make([]rekindle.Activity, len(list))
	for i, a := range list {
		acts[i] = *a
	}
	return runnerOf(s, ath, asOf, acts, nil), nil
}

// runnerOf is the Runner on asOf's day from a history already read (oldest
// first; activities after that day are left out) and, when not nil, the
// fitness of a training picture of that day already taken.
func runnerOf(s *store.Store, ath *rekindle.Athlete, asOf time.Time, history []rekindle.Activity, fit *training.Fitness) *Runner {
	loc := ath.Location()
	day := InZone(asOf, loc)
	end := day.AddDate(0, 0, 1)
	n := len(history)
	for n > 0 && !history[n-1].Start.Before(end) {
		n--
	}
	all := history[:n]
	rn := &Runner{Ath: ath, Loc: loc, Unit: ath.Unit, Dates: Dates(ath), Day: day, st: s}
	if rn.Unit == "" {
		rn.Unit = rekindle.UnitKm
	}
	acts := make([]race.Activity, len(all))
	for i := range all {
		a := &all[i]
		acts[i] = race.Activity{Start: a.Start, Sport: a.Sport, DistanceM: a.Summary.DistanceM, MovingS: a.Summary.MovingS}
	}
	rn.Pattern = race.PatternOf(acts, day.Add(12*time.Hour), loc)
	if fit != nil {
		rn.Fitness = fitnessOf(fit)
	} else if len(all) > 0 {
		tr := training.Picture(all, *ath, day.Add(12*time.Hour), training.Options{})
		rn.Fitness = fitnessOf(&tr.Fitness)
	}
	return rn
}

func fitnessOf(f *training.Fitness) race.Fitness {
	out := race.Fitness{VDOT: f.VDOT}
	if f.From != nil {
		out.EffortM, out.EffortS = f.From.DistanceM, f.From.ElapsedS
	}
	return out
}

// query is the finder's default query for the Runner.
func (rn *Runner) Query() race.Query {
	q := race.Query{AsOf: rn.Day, Fitness: rn.Fitness}
	if rn.Ath.HomeLat != 0 || rn.Ath.HomeLon != 0 {
		q.HasHome, q.HomeLat, q.HomeLon = true, rn.Ath.HomeLat, rn.Ath.HomeLon
	}
	return q
}

// races finds the stored races matching q.
func (rn *Runner) Races(ctx context.Context, q race.Query) ([]race.Race, error) {
	from, to := q.Window()
	evs, err := rn.st.ListCalendarEvents(ctx, rn.Ath.ID, store.CalendarRaces, from, to)
	if err != nil {
		return nil, err
	}
	out := race.Find(store.Events(evs), q)
	for i := range out {
		out[i].Feed = feedOf(evs, out[i].Name)
	}
	return out, nil
}

// calendarInput adds the athlete's races (2–4 weeks out, with predicted
// times and a taper) and the classes that fit the coming two weeks to
// spark's input.
func calendarInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, history []rekindle.Activity, in *spark.Input) error {
	feeds, err := s.ListCalendarFeeds(ctx, ath.ID, "")
	if err != nil || len(feeds) == 0 {
		return err
	}
	rn := runnerOf(s, ath, asOf, history, nil)
	races, err := rn.Races(ctx, rn.Query())
	if err != nil {
		return err
	}
	// The race rekindle would pick goes first: spark takes the first of
	// equally good ones.
	if p := race.Pick(races); p != nil {
		for i := range races {
			if &races[i] == p {
				races[0], races[i] = races[i], races[0]
				break
			}
		}
	}
	for i := range races {
		r := &races[i]
		t := race.PlanTaper(r, &rn.Pattern, rn.Loc, rn.Unit, rn.Dates)
		in.Races = append(in.Races, spark.RaceOption{Name: r.Name, Date: r.Start.In(rn.Loc), DistanceM: r.DistanceM, Place: FirstLine(r.Place),
			PredictedS: r.PredictedS, URL: r.URL, Taper: race.TaperSessions(&t, r, FirstLine(r.Place))})
	}
	classes, err := rn.Classes(ctx, 14, false)
	if err != nil {
		return err
	}
	for _, c := range classes {
		in.Classes = append(in.Classes, spark.ClassOption{Name: c.Name, Sport: c.Sport, Start: c.Start, End: c.End, Place: FirstLine(c.Place), URL: c.URL, Why: c.Why})
	}
	return nil
}

// classes suggests classes in the days after the Runner's day.
func (rn *Runner) Classes(ctx context.Context, days int, includeTried bool) ([]race.Class, error) {
	from := rn.Day.AddDate(0, 0, 1)
	to := from.AddDate(0, 0, days)
	evs, err := rn.st.ListCalendarEvents(ctx, rn.Ath.ID, store.CalendarClasses, from, to)
	if err != nil {
		return nil, err
	}
	out := race.SuggestClasses(store.Events(evs), &rn.Pattern, race.ClassQuery{From: from, To: to, Loc: rn.Loc, IncludeTried: includeTried})
	for i := range out {
		out[i].Feed = feedOf(evs, out[i].Name)
	}
	return out, nil
}

// feedOf names the calendar the first event called name came from.
func feedOf(evs []store.CalendarEvent, name string) string {
	for _, e := range evs {
		if e.Summary == name {
			return e.Feed
		}
	}
	return ""
}

func FirstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// InZone is the midnight of the date of t in loc.
func InZone(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// RacesView is the athlete's race finder and class suggestions: races 2–4
// weeks out with predicted times, the taper for the one rekindle would
// pick, and classes in the next two weeks that fit the runner's week.
type RacesView struct {
	AsOf    string               `json:"as_of"`
	From    string               `json:"from"`
	To      string               `json:"to"`
	VDOT    float64              `json:"vdot"`
	Races   []race.Race          `json:"races"`
	Pick    string               `json:"pick,omitempty"`
	Taper   []string             `json:"taper,omitempty"` // the week before the pick, day by day
	RunDays []string             `json:"run_days"`
	Classes []race.Class         `json:"classes"`
	Feeds   []store.CalendarFeed `json:"feeds"`
}

// racesAndClasses is RacesAndClasses for a Runner already made.
func racesAndClasses(ctx context.Context, st *store.Store, rn *Runner) (*RacesView, error) {
	q := rn.Query()
	from, to := q.Window()
	races, err := rn.Races(ctx, q)
	if err != nil {
		return nil, err
	}
	v := &RacesView{AsOf: rn.Day.Format(time.DateOnly), From: from.Format(time.DateOnly), To: to.AddDate(0, 0, -1).Format(time.DateOnly),
		VDOT: Round1(rn.Fitness.VDOT), Races: races}
	if pick := race.Pick(races); pick != nil {
		t := race.PlanTaper(pick, &rn.Pattern, rn.Loc, rn.Unit, rn.Dates)
		v.Pick, v.Taper = pick.Name, t.Lines(rn.Unit)
	}
	for _, d := range rn.Pattern.RunDays {
		v.RunDays = append(v.RunDays, d.String())
	}
	if v.Classes, err = rn.Classes(ctx, 14, false); err != nil {
		return nil, err
	}
	return v, nil
}

func Round1(v float64) float64 { return math.Round(v*10) / 10 }
