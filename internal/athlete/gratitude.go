package athlete

import (
	"context"
	"io"
	"rekindle"
	"rekindle/internal/gratitude"
	"rekindle/internal/spark"
	"strings"
	"time"
)

// gratitudeFacts are the facts for spark's gratitude idea, from its sessions.
// GratitudeOptions words the journal's facts for an athlete: their time
// zone, unit, and their country and home (journeys near them).
func GratitudeOptions(ath *rekindle.Athlete, end time.Time) gratitude.Options {
	return gratitude.Options{AsOf: end, Location: ath.Location(), Unit: ath.Unit, Locale: Dates(ath), Country: ath.Country, HomeLat: ath.HomeLat, HomeLon: ath.HomeLon}
}

func gratitudeFacts(ath *rekindle.Athlete, in *spark.Input) []string {
	var runs []gratitude.Run
	for _, x := range in.Sessions {
		if x.Sport.IsRun() {
			runs = append(runs, gratitude.Run{Start: x.Start, Name: x.Name, DistanceM: x.DistanceM, MovingS: x.MovingS,
				BestEfforts: x.BestEfforts, RouteKey: x.RouteKey, RouteName: x.RouteName})
		}
	}
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := in.AsOf.In(loc).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	o := GratitudeOptions(ath, end)
	o.Location, o.Unit = loc, in.Unit
	return gratitude.Texts(gratitude.Facts(runs, o))
}

// GratitudeView is the journal with the facts from the runner's own runs.
type GratitudeView struct {
	Facts   []gratitude.Fact  `json:"facts"`
	Entries []gratitude.Entry `json:"entries"` // newest first
}

// Gratitude returns the facts of the runs before the end of asOf's day and
// the journal entries up to that day.
func (a *App) Gratitude(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*GratitudeView, error) {
	c, err := a.history(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	loc := ath.Location()
	y, m, d := asOf.In(loc).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	routeOf := map[int64]RouteGroup{}
	if a.cfg.Routes != nil {
		gs, err := a.cfg.Routes.Groups(ctx, ath.ID)
		if err != nil {
			a.log.WarnContext(ctx, "gratitude: route groups", "err", err)
		}
		for _, g := range gs {
			for _, id := range g.Activities {
				routeOf[id] = g
			}
		}
	}
	var runs []gratitude.Run
	for i := range c.acts {
		x := &c.acts[i]
		if !x.Sport.IsRun() || !x.Start.Before(end) {
			continue
		}
		r := gratitude.Run{Start: x.Start, Name: x.Name, DistanceM: x.Summary.DistanceM, MovingS: x.Summary.MovingS, BestEfforts: x.Summary.BestEfforts}
		if g, ok := routeOf[x.ID]; ok {
			r.RouteKey, r.RouteName = g.Key, g.Name
		}
		runs = append(runs, r)
	}
	v := &GratitudeView{Facts: gratitude.Facts(runs, GratitudeOptions(ath, end))}
	if v.Entries, err = a.cfg.Store.ListGratitude(ctx, ath.ID, asOf.In(loc).Format(time.DateOnly)); err != nil {
		return nil, err
	}
	if v.Facts == nil {
		v.Facts = []gratitude.Fact{}
	}
	if v.Entries == nil {
		v.Entries = []gratitude.Entry{}
	}
	return v, nil
}

// AddGratitude writes a journal entry on day (today when "").
func (a *App) AddGratitude(ctx context.Context, ath *rekindle.Athlete, day, text string) (*gratitude.Entry, error) {
	if day == "" {
		day = a.cfg.Now().In(ath.Location()).Format(time.DateOnly)
	}
	if _, err := time.Parse(time.DateOnly, day); err != nil {
		return nil, invalid("day must be YYYY-MM-DD")
	}
	e := gratitude.Entry{Day: day, Text: strings.TrimSpace(text)}
	if err := a.cfg.Store.AddGratitude(ctx, ath.ID, &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// DeleteGratitude removes a journal entry.
func (a *App) DeleteGratitude(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeleteGratitude(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("entry")
		}
		return err
	}
	return nil
}

// WritePoster writes the A4 gratitude poster as SVG or print-styled HTML.
func (a *App) WritePoster(ctx context.Context, w io.Writer, ath *rekindle.Athlete, format string) error {
	v, err := a.Gratitude(ctx, ath, a.cfg.Now())
	if err != nil {
		return err
	}
	p := gratitude.Poster{Title: "What running has given me", Name: ath.Name, Facts: gratitude.Texts(v.Facts), Entries: v.Entries}
	switch format {
	case "svg":
		_, err = p.WriteSVG(w)
	case "html":
		err = p.WriteHTML(w)
	default:
		return invalid(`format must be "svg" or "html"`)
	}
	return err
}
