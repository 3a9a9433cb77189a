package httpio

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/plan"
	"rekindle/internal/streets"
	"rekindle/internal/units"
	"strconv"
	"strings"
)

// ParseSuggestQuery reads ?distance= (in unit, or distance_m=), ?surface=, ?to=.
func ParseSuggestQuery(r *http.Request, unit rekindle.Unit) (athlete.SuggestQuery, bool, error) {
	v := r.URL.Query()
	q := athlete.SuggestQuery{Surface: v.Get("surface"), To: strings.TrimSpace(v.Get("to")), Count: 3}
	per := 1000.0
	if unit == rekindle.UnitMi {
		per = 1609.344
	}
	switch {
	case v.Get("distance_m") != "":
		f, err := strconv.ParseFloat(v.Get("distance_m"), 64)
		if err != nil {
			return q, true, invalid("distance_m must be a number")
		}
		q.DistanceM = f
	case v.Get("distance") != "":
		f, err := strconv.ParseFloat(strings.TrimSpace(v.Get("distance")), 64)
		if err != nil {
			return q, true, invalid("distance must be a number")
		}
		q.DistanceM = f * per
	default:
		return q, false, nil
	}
	if q.Surface == "" {
		q.Surface = "mixed"
	}
	if _, err := streets.ParseSurfacePref(q.Surface); err != nil {
		return q, true, invalid("surface must be road, mixed or trail")
	}
	if !(q.DistanceM >= streets.MinSuggestM && q.DistanceM <= streets.MaxSuggestM) {
		return q, true, invalid(fmt.Sprintf("distance must be %.1f–%.0f km", streets.MinSuggestM/1000, streets.MaxSuggestM/1000))
	}
	if len(q.To) > 100 {
		return q, true, invalid("the place is too long")
	}
	if n := v.Get("count"); n != "" {
		c, err := strconv.Atoi(n)
		if err != nil || c < 1 || c > 5 {
			return q, true, invalid("count must be 1–5")
		}
		q.Count = c
	}
	return q, true, nil
}

// SuggestQueryOrDefault is the query a request asks (ParseSuggestQuery)
// or, when it names no distance, the query the Routes page opens on
// (App.RoutesDefault: the variety idea's, the runner's usual run from
// their start, on the request's day): the page and the API answer the
// same default. ok is false when the request names no distance and the
// runner has no usual run to go by.
func (a *Shared) SuggestQueryOrDefault(r *http.Request, ath *rekindle.Athlete) (athlete.SuggestQuery, bool, error) {
	q, asked, err := ParseSuggestQuery(r, ath.Unit)
	if err != nil || asked {
		return q, asked, err
	}
	asOf, err := a.AsOf(r, ath.Location())
	if err != nil {
		return q, false, err
	}
	return a.App.RoutesDefault(r.Context(), ath, asOf)
}

// WriteSuggestion writes suggestion n (1-based) of a query as GPX or FIT.
func (a *Shared) WriteSuggestion(ctx context.Context, w http.ResponseWriter, ath *rekindle.Athlete, q athlete.SuggestQuery, n int, format string) error {
	v, err := a.App.SuggestRoutes(ctx, ath, q)
	if err != nil {
		return err
	}
	if n < 1 || n > len(v.Suggestions) {
		return notFound("route suggestion")
	}
	sg := &v.Suggestions[n-1]
	name := fmt.Sprintf("rekindle %s %s", strings.ReplaceAll(sg.Kind, "_", " "), units.Show(sg.DistanceM, ath.Unit))
	if sg.Destination != nil && sg.Destination.Name != "" {
		name = fmt.Sprintf("to %s %s", sg.Destination.Name, units.Show(sg.DistanceM, ath.Unit))
	}
	file := fmt.Sprintf("rekindle-route-%d-%.0fm", n, math.Round(sg.DistanceM))
	return a.writeRoute(w, ath, sg, name, fmt.Sprintf("rekindle %d", n), file, format)
}

// WritePlannedRoute writes the route attached to planned session id (the
// route idea's run) as GPX or FIT; file is "route.gpx" or "route.fit".
func (a *Shared) WritePlannedRoute(ctx context.Context, w http.ResponseWriter, ath *rekindle.Athlete, id int64, file string) error {
	base, format, _ := strings.Cut(file, ".")
	if base != "route" {
		return notFound("file")
	}
	p, sg, err := a.App.PlannedRoute(ctx, ath.ID, id)
	if err != nil {
		return err
	}
	return a.writePlanned(w, ath, p, sg, format)
}

// WriteCoachedPlannedRoute writes the route of a coached athlete's planned
// run for their coach (the read scope), cut by the athlete's privacy zones.
func (a *Shared) WriteCoachedPlannedRoute(ctx context.Context, w http.ResponseWriter, coachID, athleteID, id int64, file string) error {
	base, format, _ := strings.Cut(file, ".")
	if base != "route" {
		return notFound("file")
	}
	p, sg, them, err := a.App.CoachedPlannedRoute(ctx, coachID, athleteID, id)
	if err != nil {
		return err
	}
	return a.writePlanned(w, them, p, sg, format)
}

func (a *Shared) writePlanned(w http.ResponseWriter, ath *rekindle.Athlete, p *plan.Session, sg *streets.Suggestion, format string) error {
	name := p.Route.Name
	if name == "" {
		name = "rekindle " + units.Show(sg.DistanceM, ath.Unit)
	}
	return a.writeRoute(w, ath, sg, name, "rekindle "+p.Day, fmt.Sprintf("rekindle-plan-%s-%.0fm", p.Day, math.Round(sg.DistanceM)), format)
}

// writeRoute writes a route as a GPX track or a FIT course (short is the
// course name watches show).
func (a *Shared) writeRoute(w http.ResponseWriter, ath *rekindle.Athlete, sg *streets.Suggestion, name, short, file, format string) error {
	var write func(io.Writer) error
	switch format {
	case "gpx":
		w.Header().Set("Content-Type", "application/gpx+xml")
		write = func(out io.Writer) error { return sg.WriteGPX(out, name) }
	case "fit":
		w.Header().Set("Content-Type", "application/vnd.ant.fit")
		paceMS := 0.0
		if ath.ThresholdPaceMS > 0 {
			paceMS = ath.ThresholdPaceMS * 0.8 // an easy pace for the virtual partner
		}
		write = func(out io.Writer) error {
			return sg.WriteFIT(out, short, a.App.Now(), paceMS)
		}
	default:
		return notFound("format")
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, file, format))
	w.Header().Set("Cache-Control", "private, no-store")
	return write(w)
}
