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
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/server"
	"rekindle/internal/store"
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
		return 0, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such activity."}
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
	key := activityPageKey{athlete: ath.ID, id: id, stamp: st, groups: gid, tz: ath.TimeZone}
	d := w.activityPages.get(key)
	if d == nil || stErr != nil {
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
		d = &activityPageData{v: v, src: src, race: raceVal, private: private}
		if stErr == nil {
			w.activityPages.put(key, d)
		}
	}
	title := d.v.Row.Name
	if title == "" {
		title = "Activity"
	}
	pg := page{Title: title, Nav: "activities", Data: map[string]any{"View": d.v,
		"SportSource": d.src, "Race": d.race, "EditSports": editSports, "Private": d.private}}
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
	private bool
}

// activityPageKey is what an activity page's data is current for.
type activityPageKey struct {
	athlete, id int64
	stamp       store.Stamp
	groups      groupsID
	tz          string
}

// activityPageCache keeps the data of the last activity pages shown.
type activityPageCache struct {
	mu    sync.Mutex
	m     map[[2]int64]activityPageEntry
	order [][2]int64 // oldest first
}

type activityPageEntry struct {
	key activityPageKey
	d   *activityPageData
}

// maxActivityPages bounds the activity pages' data kept (a few KB each:
// the row, laps, splits and efforts, no track).
const maxActivityPages = 256

func (c *activityPageCache) get(k activityPageKey) *activityPageData {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[[2]int64{k.athlete, k.id}]
	if !ok || e.key != k {
		return nil
	}
	return e.d
}

func (c *activityPageCache) put(k activityPageKey, d *activityPageData) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[[2]int64]activityPageEntry{}
	}
	id := [2]int64{k.athlete, k.id}
	if _, ok := c.m[id]; !ok {
		for len(c.order) >= maxActivityPages {
			delete(c.m, c.order[0])
			c.order = c.order[1:]
		}
		c.order = append(c.order, id)
	}
	c.m[id] = activityPageEntry{k, d}
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
	stamp, err := w.cfg.App.Stamp(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	series, err := w.views.getOrMake(ath.ID, id, stamp, func() (*athlete.ActivityView, error) {
		return w.cfg.App.Activity(r.Context(), ath, id)
	})
	if err != nil {
		return err
	}
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

// viewCache keeps the chart series of the last activity views for their
// SVG images (the map and the charts read only those).
type viewCache struct {
	mu sync.Mutex
	m  map[[2]int64]viewEntry
	// making are the views being read, closed when they are in m (or
	// failed): the page's other images wait for them.
	making map[[2]int64]chan struct{}
}

type viewEntry struct {
	v     *athlete.Series
	at    time.Time
	stamp int64 // the athlete's data stamp it was made at (App.Stamp)
}

const (
	viewCacheSize = 64
	viewCacheTTL  = time.Minute
)

func (c *viewCache) get(athleteID, id, stamp int64) *athlete.Series {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[[2]int64{athleteID, id}]
	if !ok || e.stamp != stamp || time.Since(e.at) > viewCacheTTL {
		return nil
	}
	return e.v
}

// getOrMake is get, or else the series of the view read returns, kept
// with put. One caller reads a missing view; the others asking for it
// meanwhile wait for it and take it (or read it themselves if it failed).
func (c *viewCache) getOrMake(athleteID, id, stamp int64, read func() (*athlete.ActivityView, error)) (*athlete.Series, error) {
	if sr := c.get(athleteID, id, stamp); sr != nil {
		return sr, nil
	}
	k := [2]int64{athleteID, id}
	c.mu.Lock()
	ch, busy := c.making[k]
	if !busy {
		if c.making == nil {
			c.making = map[[2]int64]chan struct{}{}
		}
		ch = make(chan struct{})
		c.making[k] = ch
	}
	c.mu.Unlock()
	if busy {
		<-ch
		if sr := c.get(athleteID, id, stamp); sr != nil {
			return sr, nil
		}
	} else {
		defer func() {
			c.mu.Lock()
			delete(c.making, k)
			c.mu.Unlock()
			close(ch)
		}()
	}
	v, err := read()
	if err != nil {
		return nil, err
	}
	return c.put(athleteID, id, v, stamp), nil
}

// put keeps v's series (not the decoded track the view holds besides).
func (c *viewCache) put(athleteID, id int64, v *athlete.ActivityView, stamp int64) *athlete.Series {
	sr := new(athlete.Series) // a copy: a pointer into v would keep the track alive
	*sr = v.Series
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[[2]int64]viewEntry{}
	}
	if len(c.m) >= viewCacheSize {
		var oldest [2]int64
		var t time.Time
		for k, e := range c.m {
			if t.IsZero() || e.at.Before(t) {
				oldest, t = k, e.at
			}
		}
		delete(c.m, oldest)
	}
	c.m[[2]int64{athleteID, id}] = viewEntry{sr, time.Now(), stamp}
	return sr
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
