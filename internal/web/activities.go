package web

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"rekindle/internal/athlete"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/server"
)

var listSports = []string{"run", "running", "trail_running", "treadmill", "track_running", "walking", "hiking", "cycling", "swimming", "strength", "yoga", "other"}

func (w *Web) activities(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	loc := ath.Location()
	q, err := w.io.ParseListQuery(r, loc)
	if err != nil {
		return err
	}
	q.PerPage = 50
	pg, err := w.cfg.App.Activities(r.Context(), ath, q)
	if err != nil {
		return err
	}
	for i := range pg.Items {
		pg.Items[i].Start = pg.Items[i].Start.In(loc)
	}
	groups, _ := w.routeGroups(r.Context(), p.AthleteID)
	link := func(page int) string {
		v := r.URL.Query()
		v.Set("page", strconv.Itoa(page))
		return "/activities?" + v.Encode()
	}
	data := map[string]any{"Page": pg, "Query": q, "Sports": listSports, "Routes": groups, "EditSports": editSports,
		"From": r.URL.Query().Get("from"), "To": r.URL.Query().Get("to"), "PrevURL": link(pg.Page - 1), "NextURL": link(pg.Page + 1)}
	pg0 := page{Title: "Activities", Nav: "activities", Data: data}
	stamp, err := w.cfg.App.Stamp(r.Context(), ath.ID)
	if err != nil {
		w.render(rw, r, http.StatusOK, "activities", pg0, lookOf(ath))
		return nil
	}
	// The same data (the athlete's stamp), route groups (the route
	// source's immutable result), query and zone make the same page.
	var gid groupsID
	if len(groups) > 0 {
		gid = groupsID{&groups[0], len(groups)}
	}
	of := [3]any{stamp, gid, ath.TimeZone + "\x00" + r.URL.RawQuery}
	w.renderOf(rw, r, http.StatusOK, "activities", pg0, lookOf(ath), &of)
	return nil
}

// groupsID is the identity of a route source's result.
type groupsID struct {
	first *athlete.RouteGroup
	n     int
}

func (w *Web) routeGroups(ctx context.Context, athleteID int64) ([]athlete.RouteGroup, bool) {
	rs := w.cfg.App.RouteSource()
	if rs == nil {
		return nil, false
	}
	g, err := rs.Groups(ctx, athleteID)
	if err != nil {
		w.cfg.Log.WarnContext(ctx, "route groups", "err", err)
	}
	return g, true
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, athlete.ErrNoActivity
	}
	return id, nil
}

func (w *Web) activity(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// The page's data is kept while the athlete's stamp (any write to the
	// activity, its check-in, its private mark, the route results or the
	// athlete) and route groups are unchanged: a runner back on the page
	// costs no reads but the session's (and, with the same key, no
	// rendering either: renderOf).
	st, stErr := w.cfg.App.Stamps(r.Context(), ath.ID)
	groups, _ := w.routeGroups(r.Context(), ath.ID)
	var gid groupsID
	if len(groups) > 0 {
		gid = groupsID{&groups[0], len(groups)}
	}
	key := activityPageKey{id: id, groups: gid, tz: ath.TimeZone}
	var d *activityPageData
	if stErr == nil {
		if v, ok := w.cfg.App.Responses().Get(ath.ID, key, st); ok {
			d = v.(*activityPageData)
		}
	}
	if d == nil {
		// The page says which charts there are; the images (activitySVG)
		// read the track.
		v, err := w.cfg.App.ActivityPage(r.Context(), ath, id)
		if err != nil {
			return err
		}
		v.Row.Start = v.Row.Start.In(ath.Location())
		// The edit form's head and the private mark: one read (not the
		// athlete's privacy zones and every private activity).
		src, race, private, err := w.cfg.App.ActivityPageHead(r.Context(), ath.ID, id)
		if err != nil {
			return err
		}
		raceVal := "auto"
		if race != nil {
			raceVal = map[bool]string{true: "yes", false: "no"}[*race]
		}
		countVal := "auto"
		if c := v.Row.CountOverride; c != nil {
			countVal = map[bool]string{true: "yes", false: "no"}[*c]
		}
		d = &activityPageData{v: v, src: src, race: raceVal, count: countVal, private: private}
		if stErr == nil {
			w.cfg.App.Responses().Put(ath.ID, key, st, d, d.size())
		}
	}
	title := d.v.Row.Name
	if title == "" {
		title = "Activity"
	}
	pg := page{Title: title, Nav: "activities", Data: map[string]any{"View": d.v,
		"SportSource": d.src, "Race": d.race, "Count": d.count, "Private": d.private}}
	if stErr != nil {
		w.render(rw, r, http.StatusOK, "activity", pg, lookOf(ath))
		return nil
	}
	of := [3]any{d, ath.TimeZone}
	w.renderOf(rw, r, http.StatusOK, "activity", pg, lookOf(ath), &of)
	return nil
}

// activityPageData is what the activity page shows, kept immutable once
// made (its pointer is the rendered page's identity).
type activityPageData struct {
	v       *athlete.ActivityView
	src     string
	race    string
	count   string // the runner's word on whether it counts: auto, yes or no
	private bool
}

// activityPageKey is an activity page's data's view key in the response
// cache (with the athlete and their whole stamp: any write to the
// activity, its check-in, its private mark, the route results or the
// athlete).
type activityPageKey struct {
	id     int64
	groups groupsID
	tz     string
}

// size estimates d's bytes for the response cache's bound (the row, laps,
// splits and efforts; no track).
func (d *activityPageData) size() int {
	n := 2048 + len(d.v.Row.Name) + len(d.v.Warnings)*64
	return n + len(d.v.Laps)*160 + len(d.v.Splits)*96 + len(d.v.Efforts)*64
}

func (w *Web) checkIn(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f := athlete.CheckInForm{Note: r.PostFormValue("note"), Surface: r.PostFormValue("surface")}
	f.Enjoyment, _ = strconv.Atoi(r.PostFormValue("enjoyment"))
	if v := strings.TrimSpace(r.PostFormValue("companions")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "ran with: a number of people, or leave it empty"}
		}
		f.Companions = &n
	}
	if v := r.PostFormValue("rpe"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "effort must be a number 0–10"}
		}
		f.RPE = &x
	}
	if _, err := w.cfg.App.CheckIn(r.Context(), p.AthleteID, id, f); err != nil {
		return err
	}
	http.Redirect(rw, r, fmt.Sprintf("/activities/%d?ok=checkin#check-in", id), http.StatusSeeOther)
	return nil
}

func (w *Web) decide(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	d := r.PostFormValue("decision")
	_, planned, err := w.cfg.App.Decide(r.Context(), ath, r.PathValue("rec"), d)
	if err != nil {
		return err
	}
	if len(planned) > 0 {
		d = "accept-plan"
	}
	http.Redirect(rw, r, "/?ok="+url.QueryEscape(d), http.StatusSeeOther)
	return nil
}

// activitySVG serves the offline map and the charts of an activity as SVG
// images (cacheable, and no work for the page itself). The first of a
// page's images reads the track and leaves its chart series in a small
// cache for the others (which wait for it rather than read it too).
func (w *Web) activitySVG(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// The athlete's stamp: a view cached before a change made anywhere
	// (a rename, a reprocess on another replica) is not used.
	stamp, err := w.cfg.App.Stamps(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	sv, err := w.cfg.App.Responses().GetOrMake(ath.ID, seriesKey{id}, stamp, func() (any, int, error) {
		v, err := w.cfg.App.Activity(r.Context(), ath, id)
		if err != nil {
			return nil, 0, err
		}
		sr := new(athlete.Series) // a copy: a pointer into v would keep the track alive
		*sr = v.Series
		return sr, seriesSize(sr), nil
	})
	if err != nil {
		return err
	}
	series := sv.(*athlete.Series)
	var svg template.HTML
	switch chart := r.PathValue("chart"); chart {
	case "":
		streets, err := w.cfg.App.StreetsUnder(r.Context(), ath.ID, series.Path)
		if err != nil {
			w.cfg.Log.WarnContext(r.Context(), "streets under the map", "err", err)
		}
		svg = svgMapOn(series.Path, streets)
	case "pace.svg", "hr.svg", "ele.svg":
		cw := chartW
		if r.URL.Query().Get("w") == "narrow" { // the phone variant (the page's <picture>)
			cw = narrowW
		}
		svg = chartSeriesW(*series, strings.TrimSuffix(chart, ".svg"), unitsOf[unitOr(ath.Unit)], cw)
	default:
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such chart."}
	}
	if svg == "" {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "This activity has no data for that."}
	}
	rw.Header().Set("Content-Type", "image/svg+xml")
	rw.Header().Set("Cache-Control", "private, max-age=300")
	io.WriteString(rw, string(svg))
	return nil
}

// seriesKey is an activity's chart series' view key in the response cache:
// the page's images (the map and the charts) read only those, and the
// first of them reads the track for the others (which wait for it).
type seriesKey struct{ id int64 }

// seriesSize estimates sr's bytes for the response cache's bound.
func seriesSize(sr *athlete.Series) int {
	return 128 + 8*(len(sr.DistKm)+len(sr.TimeS)) + 16*(len(sr.PaceS)+len(sr.HR)+len(sr.Ele)+len(sr.Path))
}

// abandon gives up an accepted idea: its sessions from today leave the plan.
func (w *Web) abandon(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if _, err := w.cfg.App.Abandon(r.Context(), ath, id); err != nil {
		return err
	}
	http.Redirect(rw, r, "/?ok=abandoned", http.StatusSeeOther)
	return nil
}
