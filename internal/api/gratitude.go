package api

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/gratitude"
	"rekindle/internal/server"
)

// GratitudeView is the journal with the facts from the runner's own runs.
type GratitudeView struct {
	Facts   []gratitude.Fact  `json:"facts"`
	Entries []gratitude.Entry `json:"entries"` // newest first
}

// Gratitude returns the facts of the runs before the end of asOf's day and
// the journal entries up to that day.
func (a *API) Gratitude(ctx context.Context, ath *rekindle.Athlete, asOf time.Time) (*GratitudeView, error) {
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
	v := &GratitudeView{Facts: gratitude.Facts(runs, gratitude.Options{AsOf: end, Location: loc, Unit: ath.Unit})}
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
func (a *API) AddGratitude(ctx context.Context, ath *rekindle.Athlete, day, text string) (*gratitude.Entry, error) {
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
func (a *API) DeleteGratitude(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeleteGratitude(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("entry")
		}
		return err
	}
	return nil
}

// WritePoster writes the A4 gratitude poster as SVG or print-styled HTML.
func (a *API) WritePoster(ctx context.Context, w io.Writer, ath *rekindle.Athlete, format string) error {
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

// PosterHeaders sets the content type and file name of a poster download.
func PosterHeaders(w http.ResponseWriter, format string, inline bool) {
	ct := map[string]string{"svg": "image/svg+xml", "html": "text/html; charset=utf-8"}[format]
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, no-store")
	if !inline {
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rekindle-gratitude-poster.%s"`, format))
	}
}

func (a *API) postGratitude(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Day  string `json:"day"`
		Text string `json:"text"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	e, err := a.AddGratitude(r.Context(), ath, body.Day, body.Text)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, e)
	return nil
}

func (a *API) deleteGratitude(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.DeleteGratitude(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) gratitudePoster(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "html" {
		return invalid(`format must be "svg" or "html"`)
	}
	PosterHeaders(w, format, false)
	return a.WritePoster(r.Context(), w, ath, format)
}
