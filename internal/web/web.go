// Package web serves rekindle's HTML pages: server-rendered with
// html/template, templates and assets embedded, usable on a phone and with
// a keyboard. Maps and charts are inline SVG rendered here (so pages work
// offline and without JavaScript); when the front-end bundle built from
// web/ (Leaflet, uPlot) is embedded, app.js upgrades them to interactive
// ones.
package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"math"
	"net/http"
	"path"
	"rekindle/internal/athlete"
	"rekindle/internal/httpio"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/training"
)

//go:embed templates/*.html
var templateFS embed.FS

// static holds app.css and app.js and, after the front-end build
// (web/: npm ci && npm run build, or go generate ./internal/web), vendor/
// with Leaflet and uPlot. vendor/ is third-party code and not committed.
//
//go:generate sh -c "cd ../../web && npm ci --no-audit --no-fund && npm run build"
//go:embed static
var staticFS embed.FS

// Config is what the pages need.
type Config struct {
	App             *athlete.App
	Auth            *server.Auth
	Log             *slog.Logger
	TileURL         string // Leaflet tile template; "" disables the interactive map
	TileAttribution string
	// MaxUploadBytes caps one upload request (default 1 GiB).
	MaxUploadBytes int64
}

// Web serves the pages.
type Web struct {
	cfg    Config
	io     *httpio.Shared
	pages  map[pageKey]*template.Template // parsed for km and mi in en-GB at New, others on first use
	pageMu sync.Mutex
	static fs.FS
	hashes map[string]string // asset path → short content hash for cache busting
	vendor bool
	// The pages made from cached views (renderOf), the activity pages'
	// data, their chart series and the Routes page's drawn suggestion maps
	// are kept in the App's one response cache (App.Responses).
}

// DefaultTileURL and DefaultAttribution are OpenStreetMap's standard tiles.
const (
	DefaultTileURL     = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
	DefaultAttribution = `© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors`
)

// unitView formats distances and paces in one unit, and dates as one
// locale writes them (every page's dates come from it: the "date", "day"
// and "datetime" functions and the charts' axes).
type unitView struct {
	dist  string
	distM float64
	lc    locale.Locale
}

// look is how a page is written for its reader: unit and dates.
type look struct {
	unit rekindle.Unit
	lc   locale.Locale
}

// lookOf is the athlete's look ("" unit: km; no athlete: km, en-GB).
func lookOf(ath *rekindle.Athlete) look {
	if ath == nil {
		return look{}
	}
	return look{ath.Unit, athlete.Dates(ath)}
}

// pageKey names one parsed page: its unit, its dates' forms (locale.Key)
// and its name.
type pageKey struct {
	unit  rekindle.Unit
	dates string
	name  string
}

var pageNames = []string{"login", "signup", "home", "upload", "activities", "activity", "training", "routes", "settings", "error", "plan", "sparkcheck", "races", "gear", "gratitude", "coach", "coached", "coachedactivity", "notifications", "unsubscribe"}

// page returns the template of a page for a look, parsing it on first use.
func (w *Web) page(name string, lk look) (*template.Template, error) {
	if lk.unit == "" {
		lk.unit = rekindle.UnitKm
	}
	u, ok := unitsOf[lk.unit]
	if !ok {
		lk.unit, u = rekindle.UnitKm, unitsOf[rekindle.UnitKm]
	}
	k := pageKey{lk.unit, lk.lc.Key(), name}
	w.pageMu.Lock()
	defer w.pageMu.Unlock()
	if t := w.pages[k]; t != nil {
		return t, nil
	}
	u.lc = lk.lc
	t, err := template.New(name).Funcs(w.funcs(u)).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
	if err != nil {
		return nil, fmt.Errorf("web: template %s: %w", name, err)
	}
	w.pages[k] = t
	return t, nil
}

var unitsOf = map[rekindle.Unit]unitView{
	rekindle.UnitKm: {dist: units.Name(rekindle.UnitKm), distM: units.Metres(rekindle.UnitKm)},
	rekindle.UnitMi: {dist: units.Name(rekindle.UnitMi), distM: units.Metres(rekindle.UnitMi)},
}

// New parses the templates.
func New(cfg Config) (*Web, error) {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	st, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static: %w", err)
	}
	w := &Web{cfg: cfg, io: httpio.New(cfg.App, cfg.Auth, cfg.Log, cfg.MaxUploadBytes), static: st, hashes: map[string]string{}, pages: map[pageKey]*template.Template{}}
	err = fs.WalkDir(st, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(st, p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		w.hashes[p] = hex.EncodeToString(h[:4])
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static: %w", err)
	}
	_, hasL := w.hashes["vendor/leaflet.js"]
	_, hasU := w.hashes["vendor/uPlot.iife.min.js"]
	w.vendor = hasL && hasU
	for unit := range unitsOf {
		for _, n := range pageNames {
			if _, err := w.page(n, look{unit: unit}); err != nil {
				return nil, err
			}
		}
	}
	return w, nil
}

// HasVendor reports whether the interactive map and chart bundle is embedded.
func (w *Web) HasVendor() bool { return w.vendor }

func (w *Web) funcs(u unitView) template.FuncMap {
	return template.FuncMap{
		"asset":      func(p string) string { return "/static/" + p + "?v=" + w.hashes[p] },
		"dist":       u.distText,
		"pace":       u.paceText,
		"speed":      speedOf,
		"or1":        or1,
		"unit":       func() string { return u.dist },
		"hasWorkout": hasWorkout,
		"dur":        durText,
		"lapRows":    u.lapRows,
		"splitRows":  u.splitRows,
		"effortRows": u.effortRows,
		"date":       u.lc.Day,
		"datetime":   u.lc.DateTime,
		"day":        u.day,
		"weekday": func(s string) string {
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				return u.lc.Weekday(t)
			}
			return s
		},
		"mul":  func(a, b float64) float64 { return a * b },
		"list": func(v ...string) []string { return v },
		"mins": func(s float64) string { return fmt.Sprintf("%.0f", s/60) },
		"pct":  func(f float64) string { return fmt.Sprintf("%.0f", 100*math.Max(0, math.Min(1, f))) },
		"inc":  func(i int) int { return i + 1 },
		"seq": func(a, b int) []int {
			var s []int
			for i := a; i <= b; i++ {
				s = append(s, i)
			}
			return s
		},
		"sportName":    sportName,
		"sportOptions": sportOptions,
		"explain":      training.Explain,
		"predictionNote": func(p training.Prediction, f any) string {
			var fit *training.Fitness
			switch x := f.(type) {
			case *training.Fitness:
				fit = x
			case training.Fitness:
				fit = &x
			}
			return p.Explain(fit, func(d string) string { return u.day(d) })
		},
		// dayLabel names a session's day as the card does (plan.Session.DayLabel).
		"dayLabel": func(s *plan.Session) string { return s.DayLabel(u.lc) },
		// session says a planned session as the idea's card said it (plan.What).
		"session":      func(s plan.Session) string { return plan.What(s, rekindle.Unit(u.dist)) },
		"strategy":     athlete.StrategyTitle,
		"stillReading": func() string { return athlete.StillReading },
		"enjoy": func(n int) string {
			return [...]string{"", "1 · awful", "2 · meh", "3 · fine", "4 · good", "5 · loved it"}[n]
		},
		"fileOutcome": func(s string) string {
			switch s {
			case "imported":
				return "imported"
			case "replaced":
				return "imported, replacing an earlier copy"
			case "partial":
				return "imported, partly"
			case "duplicate":
				return "already there"
			case "failed":
				return "failed"
			}
			return s
		},
		"minus": func(a, b int) int { return a - b },
		"lastDay": func(ds []training.Day) *training.Day {
			if len(ds) == 0 {
				return nil
			}
			return &ds[len(ds)-1]
		},
		"outcome": func(o any) string {
			switch fmt.Sprint(o) {
			case "watching":
				return "still watching"
			case "worked":
				return "it worked"
			case "no_change":
				return "no change"
			case "worse":
				return "it made things worse"
			case "abandoned":
				return "given up"
			}
			return fmt.Sprint(o)
		},
		"paces": func(p any) string {
			b, _ := json.Marshal(p)
			var m map[string]any
			_ = json.Unmarshal(b, &m)
			var parts []string
			for _, k := range []struct{ key, name string }{{"easy_s_per_km", "easy"}, {"marathon_s_per_km", "marathon"}, {"threshold_s_per_km", "threshold"}, {"interval_s_per_km", "interval"}, {"repetition_s_per_km", "repetition"}} {
				if v, _ := m[k.key].(float64); v > 0 {
					part := fmt.Sprintf("%s %s /%s", k.name, units.ClockOr(v*u.distM/1000, "—"), u.dist)
					if k.name == "threshold" && m["threshold_source"] == string(training.SourceAthlete) {
						part += " (yours, from Settings)"
					}
					parts = append(parts, part)
				}
			}
			return strings.Join(parts, ", ")
		},
		"json": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"svgMap":   svgMap,
		"svgTrend": func(tr []athlete.TrendPoint) template.HTML { return svgTrend(tr, u) },
		"svgPMC":   func(days []training.Day) template.HTML { return svgPMC(days, u) },
		"svgWeeks": func(ws []training.Week) template.HTML { return svgWeeks(ws, u) },
		"svgChart": func(s athlete.Series, which string) template.HTML { return chartSeries(s, which, u) },
	}
}

// page is what every template gets.
type page struct {
	Title, Nav      string
	CSRF            string
	Signed          bool
	Via             string
	Unit            string
	Flash, Error    string
	Vendor          bool
	TileURL         string
	TileAttribution string
	Data            any
}

// render executes a page into a buffer first, so a template error never
// sends half a page.
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name string, p page, lk look) {
	w.renderOf(rw, r, status, name, p, lk, nil)
}

// renderKey identifies a rendered page: the template, the page's fields
// but its data, and the identities of the immutable cached views its data
// is made of (App.Home's and App.Week's values: the same pointers, the
// same page).
type renderKey struct {
	name string
	lk   look
	p    page // Data nil
	of   [3]any
}

// Rendered pages (renderOf with a key) are kept gzipped in the App's
// response cache (athlete.Responses): a page of 30–100 KB is 5–10 KB so,
// and a replica keeps those of the runners it served in the last minutes.
// One is sent as it is to a client that takes gzip (browsers, Go's
// client), inflated for one that does not. Its entry is the signed-in
// athlete's, valid for their stamp.

// renderedPage is a rendered page's view key in the response cache.
type renderedPage struct{ renderKey }

// cachedPage returns the page remembered under key for the request's
// athlete and stamp.
func (w *Web) cachedPage(r *http.Request, key renderKey) ([]byte, bool) {
	id, st, ok := w.pageOwner(r)
	if !ok {
		return nil, false
	}
	v, ok := w.cfg.App.Responses().Get(id, renderedPage{key}, st)
	if !ok {
		return nil, false
	}
	return v.([]byte), true
}

// keepPage remembers gz under key for the request's athlete and stamp.
func (w *Web) keepPage(r *http.Request, key renderKey, gz []byte) {
	if id, st, ok := w.pageOwner(r); ok {
		w.cfg.App.Responses().Put(id, renderedPage{key}, st, gz, len(gz)+256)
	}
}

// pageOwner is the signed-in athlete and their stamp (read once per
// request); false when there is none or the stamp cannot be read (the
// page is then made, not remembered).
func (w *Web) pageOwner(r *http.Request) (int64, store.Stamp, bool) {
	p := server.PrincipalFrom(r.Context())
	if p == nil {
		return 0, store.Stamp{}, false
	}
	st, err := w.cfg.App.Stamps(r.Context(), p.AthleteID)
	return p.AthleteID, st, err == nil
}

// renderOf is render; with of set (the identities of the cached views the
// page shows, and whatever else its data depends on), a page rendered for
// the same key is sent again as it is instead of executing the templates.
func (w *Web) renderOf(rw http.ResponseWriter, r *http.Request, status int, name string, p page, lk look, of *[3]any) {
	w.fillPage(r, &p, lk)
	t, err := w.page(name, lk)
	if err != nil {
		w.cfg.Log.ErrorContext(r.Context(), "render", "page", name, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	var key renderKey
	if of != nil {
		key = renderKey{name: name, lk: lk, p: p, of: *of}
		key.p.Data = nil
		if gz, ok := w.cachedPage(r, key); ok {
			writeGzipped(rw, r, status, gz)
			return
		}
	}
	w.execute(rw, r, status, name, t, p, of, key)
}

// sendRendered sends the page renderOf remembered for the same key, before
// its data is made: false when there is none (the caller makes the data
// and calls renderOf with the same p, lk and of).
func (w *Web) sendRendered(rw http.ResponseWriter, r *http.Request, status int, name string, p page, lk look, of [3]any) bool {
	w.fillPage(r, &p, lk)
	p.Data = nil
	key := renderKey{name: name, lk: lk, p: p, of: of}
	gz, ok := w.cachedPage(r, key)
	if ok {
		writeGzipped(rw, r, status, gz)
	}
	return ok
}

// fillPage sets the fields every page takes from the request and the look.
func (w *Web) fillPage(r *http.Request, p *page, lk look) {
	unit := lk.unit
	if unit == "" {
		unit = rekindle.UnitKm
	}
	p.CSRF = server.CSRFToken(r.Context())
	pr := server.PrincipalFrom(r.Context())
	p.Signed = pr != nil
	if pr != nil {
		p.Via = pr.Via
	}
	p.Unit = string(unit)
	p.Vendor = w.vendor && w.cfg.TileURL != ""
	p.TileURL, p.TileAttribution = w.cfg.TileURL, w.cfg.TileAttribution
	if p.Flash == "" {
		p.Flash = flashText(r.URL.Query().Get("ok"))
	}
}

// execute renders p with t and sends it; with of set it remembers the page
// under key.
func (w *Web) execute(rw http.ResponseWriter, r *http.Request, status int, name string, t *template.Template, p page, of *[3]any, key renderKey) {
	select {
	case pageSlots <- struct{}{}:
		defer func() { <-pageSlots }()
	case <-r.Context().Done():
		return // the client has gone
	}
	buf := renderBufs.Get().(*bytes.Buffer)
	defer putRenderBuf(buf)
	if err := t.ExecuteTemplate(buf, "base", p); err != nil {
		w.cfg.Log.ErrorContext(r.Context(), "render", "page", name, "err", err)
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	if of != nil {
		gz := gzipPage(buf.Bytes())
		w.keepPage(r, key, gz)
		if takesGzip(r) {
			writeGzippedPage(rw, status, gz)
			return
		}
	}
	writePage(rw, status, buf.Bytes())
}

// gzippers compress the remembered pages (the fastest level: a page is
// compressed once and sent many times).
var gzippers = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return zw
}}

// gzipPage is b gzipped.
func gzipPage(b []byte) []byte {
	out := bytes.NewBuffer(make([]byte, 0, len(b)/6+64))
	zw := gzippers.Get().(*gzip.Writer)
	zw.Reset(out)
	zw.Write(b) // a bytes.Buffer does not fail
	zw.Close()
	gzippers.Put(zw)
	return out.Bytes()
}

// takesGzip says whether the request's client accepts a gzipped body.
func takesGzip(r *http.Request) bool { return server.TakesGzip(r) }

// writeGzipped sends a remembered page: as it is when the client takes
// gzip, else inflated.
func writeGzipped(rw http.ResponseWriter, r *http.Request, status int, gz []byte) {
	if takesGzip(r) {
		writeGzippedPage(rw, status, gz)
		return
	}
	buf := renderBufs.Get().(*bytes.Buffer)
	defer putRenderBuf(buf)
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err == nil {
		_, err = buf.ReadFrom(zr)
	}
	if err != nil { // never: the bytes were gzipped here
		http.Error(rw, "internal error", http.StatusInternalServerError)
		return
	}
	writePage(rw, status, buf.Bytes())
}

func writeGzippedPage(rw http.ResponseWriter, status int, gz []byte) {
	h := rw.Header()
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	writePage(rw, status, gz)
}

func writePage(rw http.ResponseWriter, status int, b []byte) {
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	rw.Header().Set("Content-Length", strconv.Itoa(len(b)))
	rw.WriteHeader(status)
	rw.Write(b)
}

// renderBufs are the pages' render buffers, used again rather than grown
// from nothing for every request (a page is 20–200 KB).
var renderBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledBuf: a buffer grown past this (a rare huge page) is let go.
const maxPooledBuf = 1 << 20

func putRenderBuf(b *bytes.Buffer) {
	if b.Cap() > maxPooledBuf {
		return
	}
	b.Reset()
	renderBufs.Put(b)
}

// flashes are the messages a redirect can ask for (?ok=key): a fixed set,
// so a link cannot put arbitrary text on the page.
var flashes = map[string]string{
	"saved":               "Saved.",
	"edited":              "Saved. What you set here stays, even when the file is imported again.",
	"sport-set":           "Sport changed.",
	"deleted-course":      "Course deleted.",
	"password":            "Password changed. Your other sessions were signed out.",
	"checkin":             "Thanks — check-in saved.",
	"accept":              "Good luck! rekindle will watch how it goes.",
	"accept-plan":         "Good luck! Its sessions are in your plan, and rekindle will watch how it goes.",
	"abandoned":           "Given up: its sessions from today are out of your plan.",
	"planned":             "Added to your plan.",
	"unplanned":           "Removed from your plan.",
	"sparkcheck":          "Thanks — spark check saved.",
	"deleted-calendar":    "Calendar deleted.",
	"map":                 "Street map loaded: new route ideas below use it.",
	"dismiss":             "Noted — rekindle won't suggest that again for a while.",
	"snooze":              "Okay, later.",
	"revoked":             "Token revoked.",
	"welcome":             "Welcome to rekindle.",
	"deleted":             "Your account and all its data were deleted.",
	"signedout":           "Signed out.",
	"strava-connected":    "Strava is connected: your history is being fetched, and new runs will arrive by themselves.",
	"strava-sync":         "Your Strava history will be fetched again (only what is not here yet).",
	"strava-disconnected": "Strava is disconnected: access revoked, keys deleted.",
}

func flashText(k string) string { return flashes[k] }

// fail renders an error page with the mapped status.
func (w *Web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	code, status, msg := server.DescribeFor(r, err)
	if status >= 500 {
		w.cfg.Log.ErrorContext(r.Context(), "page failed", "path", r.URL.Path, "err", err)
	}
	title := map[rekindle.Code]string{rekindle.CodeNotFound: "Not found", rekindle.CodeForbidden: "Not allowed", rekindle.CodeUnauthorized: "Please sign in"}[code]
	if title == "" {
		title = "Something went wrong"
	}
	w.render(rw, r, status, "error", page{Title: title, Data: msg}, look{})
}

// serveStatic serves embedded assets; versioned URLs are cached for a year.
func (w *Web) serveStatic(rw http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(path.Clean(r.URL.Path), "/static/")
	if _, ok := w.hashes[p]; !ok {
		http.NotFound(rw, r)
		return
	}
	if r.URL.Query().Get("v") != "" {
		rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		rw.Header().Set("Cache-Control", "public, max-age=300")
	}
	http.ServeFileFS(rw, r, w.static, p)
}

// serveWorker serves the service worker from the site's root, so that
// its scope is the whole app (a worker's default scope is its own folder:
// /static/sw.js could only control /static/). It is revalidated on every
// registration check, as browsers expect of a worker script.
func (w *Web) serveWorker(rw http.ResponseWriter, r *http.Request) {
	rw.Header().Set("Cache-Control", "no-cache")
	rw.Header().Set("Service-Worker-Allowed", "/")
	rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	http.ServeFileFS(rw, r, w.static, "sw.js")
}

// day writes a day (a time, or a YYYY-MM-DD string as the views carry
// days) as every page names a day: "Tue 3 Jun 2025" in en-GB, "Di., 3.
// Juni 2025" in German (locale.Day); other strings are returned as they are.
func (u unitView) day(v any) string {
	switch x := v.(type) {
	case time.Time:
		return u.lc.Day(x)
	case string:
		if t, err := time.Parse(time.DateOnly, x); err == nil {
			return u.lc.Day(t)
		}
		return x
	}
	return fmt.Sprint(v)
}

// shortDay writes a YYYY-MM-DD day for a chart's axis: "3 Jun", "3. Juni".
func (u unitView) shortDay(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return u.lc.DayMonth(t)
	}
	return s
}
