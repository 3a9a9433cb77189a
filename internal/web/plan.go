package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/plan"
	"rekindle/internal/server"
)

var planKinds = plan.Kinds

var planSports = []string{"running", "trail_running", "cycling", "swimming", "yoga", "strength", "spin", "barre", "aqua_jogging", "other"}

func (w *Web) planPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderPlan(rw, r, ath, http.StatusOK, "")
	return nil
}

func (w *Web) renderPlan(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string) {
	from, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	// The plan is the athlete's data (its stamp): the same stamp, day and
	// zone make the same page, sent again without reading the plan.
	var of *[3]any
	if stamp, err := w.cfg.App.Stamp(r.Context(), ath.ID); err == nil && status == http.StatusOK && errMsg == "" {
		k := [3]any{stamp, from.Format(time.DateOnly), ath.TimeZone}
		if w.sendRendered(rw, r, status, "plan", page{Title: "Plan", Nav: "plan"}, lookOf(ath), k) {
			return
		}
		of = &k
	}
	pv, err := w.cfg.App.Plan(r.Context(), ath.ID, from, 14)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := map[string]any{"Plan": pv, "Kinds": planKinds, "Sports": planSports, "Today": from.Format("2006-01-02"), "Action": "/plan"}
	w.renderOf(rw, r, status, "plan", page{Title: "Plan", Nav: "plan", Error: errMsg, Data: d}, lookOf(ath), of)
}

// planForm reads the add-a-session form (distances in the athlete's unit).
func planForm(r *http.Request, u rekindle.Unit) (athlete.PlanForm, error) {
	f := athlete.PlanForm{Day: r.PostFormValue("day"), Kind: r.PostFormValue("kind"), Sport: r.PostFormValue("sport"), Note: r.PostFormValue("note")}
	for _, x := range []struct {
		name  string
		scale float64
		dst   *float64
	}{{"distance", unitsOf[unitOr(u)].distM, &f.DistanceM}, {"minutes", 60, &f.DurationS}} {
		v := strings.TrimSpace(r.PostFormValue(x.name))
		if v == "" {
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || !(n >= 0) || math.IsInf(n, 0) {
			return f, &rekindle.Error{Code: rekindle.CodeInvalid, Message: x.name + " must be a positive number"}
		}
		*x.dst = n * x.scale
	}
	return f, nil
}

func (w *Web) planAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	f, err := planForm(r, ath.Unit)
	if err == nil {
		_, err = w.cfg.App.AddPlanned(r.Context(), ath.ID, f)
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderPlan(rw, r, ath, status, msg)
		return nil
	}
	http.Redirect(rw, r, "/plan?ok=planned", http.StatusSeeOther)
	return nil
}

func (w *Web) planDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such session."}
	}
	if err := w.cfg.App.DeletePlanned(r.Context(), ath.ID, id); err != nil {
		return err
	}
	http.Redirect(rw, r, "/plan?ok=unplanned", http.StatusSeeOther)
	return nil
}

func (w *Web) sparkCheckPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderSparkCheck(rw, r, ath, http.StatusOK, "", nil)
	return nil
}

func (w *Web) renderSparkCheck(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string, answers map[string]int) {
	v, err := w.cfg.App.SparkChecks(r.Context(), ath.ID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for i := range v.History {
		v.History[i].At = v.History[i].At.In(ath.Location())
	}
	if answers == nil {
		answers = map[string]int{}
	}
	d := map[string]any{"Check": v, "Answers": answers, "Choices": []int{1, 2, 3, 4, 5},
		"Labels": []string{"", "not at all", "rarely", "sometimes", "often", "almost always"}}
	w.render(rw, r, status, "sparkcheck", page{Title: "Spark check", Nav: "home", Error: errMsg, Data: d}, lookOf(ath))
}

func (w *Web) sparkCheckPost(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	f := athlete.SparkCheckForm{Answers: map[string]int{}, Note: r.PostFormValue("note")}
	v, err := w.cfg.App.SparkChecks(r.Context(), ath.ID)
	if err != nil {
		return err
	}
	for _, q := range v.Questions {
		if a, err := strconv.Atoi(r.PostFormValue("q_" + q.ID)); err == nil {
			f.Answers[q.ID] = a
		}
	}
	if _, err := w.cfg.App.SaveSparkCheck(r.Context(), ath.ID, f); err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderSparkCheck(rw, r, ath, status, "Please answer every question ("+msg+").", f.Answers)
		return nil
	}
	http.Redirect(rw, r, "/?ok=sparkcheck", http.StatusSeeOther)
	return nil
}

// back is a redirect to a page with a flash key.
func back(rw http.ResponseWriter, r *http.Request, to, ok string) {
	http.Redirect(rw, r, to+"?ok="+url.QueryEscape(ok), http.StatusSeeOther)
}

// planRouteFile downloads the route attached to a planned run (the route
// idea's suggestion) as GPX or FIT: {file} is route.gpx or route.fit.
func (w *Web) planRouteFile(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.io.WritePlannedRoute(r.Context(), rw, ath, id, r.PathValue("file")); err != nil {
		w.fail(rw, r, err)
	}
	return nil
}
