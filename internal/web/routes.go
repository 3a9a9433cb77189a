package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/httpio"
	"rekindle/internal/server"
	"rekindle/internal/streets"
	"rekindle/internal/units"
)

// suggestionView is one suggestion as the page shows it.
type suggestionView struct {
	N        int
	Name     string // as the Home idea names it (athlete.SuggestionNames)
	Turn     string // where an out-and-back turns (streets.TurnText), as the CLI says
	S        streets.Suggestion
	Map      any
	GPX, FIT string
	Streets  string
	Ascent   string // elevation gain, or "unknown (…)" (streets.AscentText)
}

func (w *Web) routes(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderRoutes(rw, r, ath, http.StatusOK, "")
	return nil
}

func (w *Web) renderRoutes(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string) {
	g, ok := w.routeGroups(r.Context(), ath.ID)
	d := map[string]any{"Groups": g, "Available": ok, "Distance": "", "Surface": "mixed", "To": "",
		"Pending": w.cfg.App.RoutesPending(ath.ID), "StillReading": athlete.StillReading}
	q, asked, err := httpio.ParseSuggestQuery(r, ath.Unit)
	if err != nil {
		_, status, errMsg = server.DescribeFor(r, err)
	}
	defaulted := false // the page chose the query, not the runner
	if err == nil && !asked {
		// Before the runner chooses: Home's idea's query (their usual run from
		// their start), so the page shows the loops Home names; the API's
		// suggestions answer the same default (SuggestQueryOrDefault).
		if dq, ok, derr := w.io.SuggestQueryOrDefault(r, ath); derr != nil {
			w.cfg.Log.WarnContext(r.Context(), "routes: default query", "err", derr)
		} else if ok {
			q, asked, defaulted = dq, true, true
		}
	}
	if asked && err == nil {
		d["Distance"], d["Surface"], d["To"] = r.URL.Query().Get("distance"), q.Surface, q.To
		if d["Distance"] == "" {
			d["Distance"] = strconv.FormatFloat(math.Round(q.DistanceM/units.Metres(ath.Unit)*100)/100, 'f', -1, 64)
		}
		v, err := w.cfg.App.SuggestRoutes(r.Context(), ath, q)
		if err != nil {
			var st int
			_, st, errMsg = server.DescribeFor(r, err)
			if !defaulted || st >= 500 {
				// A refusal of the page's own default query is what the
				// streets allow, said on a page that worked (200).
				status = st
			}
		} else {
			d["Suggest"] = v
			var list []suggestionView
			names := athlete.SuggestionNames(v.Suggestions)
			for i, s := range v.Suggestions {
				qs := q.Values()
				link := func(ext string) string {
					return fmt.Sprintf("/routes/suggestions/%d.%s?%s", i+1, ext, qs.Encode())
				}
				sv := suggestionView{N: i + 1, Name: names[i], Turn: streets.TurnText(s), S: s, Map: w.suggestionMap(r, ath.ID, s.Polyline), GPX: link("gpx"), FIT: link("fit")}
				names := s.Streets
				more := ""
				if len(names) > 6 {
					names, more = names[:6], fmt.Sprintf(" and %d more", len(s.Streets)-6)
				}
				sv.Streets = strings.Join(names, ", ") + more
				sv.Ascent = streets.AscentText(s)
				list = append(list, sv)
			}
			d["Suggestions"] = list
		}
	}
	if cs, err := w.cfg.App.Courses(r.Context(), ath.ID); err == nil {
		d["Courses"] = cs
	} else {
		w.cfg.Log.WarnContext(r.Context(), "courses", "err", err)
	}
	if w.cfg.App.HasStreetGraph(r.Context(), ath.ID) {
		d["HasMap"] = true
	}
	if d["Distance"] == "" {
		d["Distance"] = map[rekindle.Unit]string{rekindle.UnitMi: "5", rekindle.UnitKm: "8"}[unitOr(ath.Unit)]
	}
	w.render(rw, r, status, "routes", page{Title: "Routes", Nav: "routes", Error: errMsg, Data: d}, lookOf(ath))
}

func (w *Web) routeSuggestionFile(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	q, ok, err := httpio.ParseSuggestQuery(r, ath.Unit)
	if err == nil && !ok {
		err = &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such route suggestion."}
	}
	if err != nil {
		return err
	}
	base, format, _ := strings.Cut(r.PathValue("file"), ".")
	n, err := strconv.Atoi(base)
	if err != nil {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such route suggestion."}
	}
	if err := w.io.WriteSuggestion(r.Context(), rw, ath, q, n, format); err != nil {
		w.fail(rw, r, err)
	}
	return nil
}

// maxMapBytes caps an uploaded OpenStreetMap extract.
const maxMapBytes = 64 << 20

// routeMapUpload builds the athlete's street graph from an uploaded
// OpenStreetMap extract (.osm.pbf), as 'rekindle map load' does.
func (w *Web) routeMapUpload(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	r.Body = http.MaxBytesReader(rw, r.Body, maxMapBytes+1<<20)
	f, hdr, err := r.FormFile("map")
	if err != nil {
		msg := "Choose an OpenStreetMap extract (.osm.pbf) to upload."
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			msg = "That map is too big (at most 64 MB): cut a smaller extract around where you run."
		}
		w.renderRoutes(rw, r, ath, http.StatusBadRequest, msg)
		return nil
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxMapBytes+1))
	if err != nil || len(data) > maxMapBytes {
		w.renderRoutes(rw, r, ath, http.StatusBadRequest, "That map could not be read or is too big (at most 64 MB).")
		return nil
	}
	g, err := streets.BuildGraph(r.Context(), bytes.NewReader(data))
	if err != nil {
		w.cfg.Log.InfoContext(r.Context(), "map upload", "file", hdr.Filename, "err", err)
		w.renderRoutes(rw, r, ath, http.StatusBadRequest, "That file is not a usable OpenStreetMap extract (.osm.pbf).")
		return nil
	}
	sum := sha256.Sum256(data)
	if err := w.cfg.App.SaveStreetGraph(r.Context(), ath.ID, g, hdr.Filename, hex.EncodeToString(sum[:])); err != nil {
		return err
	}
	http.Redirect(rw, r, "/routes?ok=map", http.StatusSeeOther)
	return nil
}

// suggestionMap is a suggestion's map over the streets under it. The
// suggestions of a query are kept by the route source, so the same
// polyline (the same backing array) comes back request after request: its
// map is drawn once per athlete stamp (a new street map or any write makes
// it again).
func (w *Web) suggestionMap(r *http.Request, athleteID int64, path [][2]float64) template.HTML {
	if len(path) < 2 {
		return svgMapOn(path, nil)
	}
	stamp, err := w.cfg.App.Stamps(r.Context(), athleteID)
	key := mapKey{first: &path[0], n: len(path)}
	if err == nil {
		if svg, ok := w.cfg.App.Responses().Get(athleteID, key, stamp); ok {
			return svg.(template.HTML)
		}
	}
	lines, lerr := w.cfg.App.StreetsUnder(r.Context(), athleteID, path)
	if lerr != nil {
		w.cfg.Log.WarnContext(r.Context(), "streets under the map", "err", lerr)
	}
	svg := svgMapOn(path, lines)
	if err == nil && lerr == nil {
		w.cfg.App.Responses().Put(athleteID, key, stamp, svg, len(svg)+64)
	}
	return svg
}

// mapKey is a drawn suggestion map's view key in the response cache (with
// the athlete and their stamp): the polyline's identity (its first point's
// address, which the key keeps alive, and its length).
type mapKey struct {
	first *[2]float64
	n     int
}
