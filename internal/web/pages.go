package web

import (
	"context"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"rekindle/internal/athlete"
	"rekindle/internal/units"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/server"
)

// Routes lists every page route (for the authorization test).
func (w *Web) Routes() []string {
	out := []string{
		"GET /{$}", "GET /login", "POST /login", "GET /signup", "POST /signup", "POST /logout",
		"GET /upload", "POST /upload", "GET /activities", "GET /activities/{id}", "GET /activities/{id}/map.svg", "GET /activities/{id}/charts/pace.svg", "POST /activities/{id}/check-in",
		"POST /recommendations/{rec}/decision", "GET /training", "GET /routes", "GET /settings",
		"POST /settings/profile", "POST /settings/password", "POST /settings/tokens", "POST /settings/tokens/{id}/delete",
		"POST /settings/signup", "POST /settings/invites", "GET /settings/export", "POST /settings/delete",
	}
	for _, pr := range w.featureRoutes() {
		out = append(out, pr.pattern)
	}
	return out
}

// Register mounts the pages on mux.
func (w *Web) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/", w.serveStatic)
	mux.HandleFunc("GET /login", w.loginPage)
	mux.HandleFunc("POST /login", w.loginPost)
	mux.HandleFunc("GET /signup", w.signupPage)
	mux.HandleFunc("POST /signup", w.signupPost)
	mux.HandleFunc("POST /logout", w.logout)
	mux.HandleFunc("GET /{$}", w.signed(w.home))
	mux.HandleFunc("GET /upload", w.signed(w.upload))
	mux.HandleFunc("POST /upload", w.signed(w.uploadPost))
	mux.HandleFunc("GET /activities", w.signed(w.activities))
	mux.HandleFunc("GET /activities/{id}", w.signed(w.activity))
	mux.HandleFunc("GET /activities/{id}/map.svg", w.signed(w.activitySVG))
	mux.HandleFunc("GET /activities/{id}/charts/{chart}", w.signed(w.activitySVG))
	mux.HandleFunc("POST /activities/{id}/check-in", w.signed(w.checkIn))
	mux.HandleFunc("POST /recommendations/{rec}/decision", w.signed(w.decide))
	mux.HandleFunc("GET /training", w.signed(w.training))
	mux.HandleFunc("GET /routes", w.signed(w.routes))
	mux.HandleFunc("GET /settings", w.signed(w.settings))
	mux.HandleFunc("POST /settings/profile", w.signed(w.settingsProfile))
	mux.HandleFunc("POST /settings/password", w.signed(w.settingsPassword))
	mux.HandleFunc("POST /settings/tokens", w.signed(w.settingsToken))
	mux.HandleFunc("POST /settings/tokens/{id}/delete", w.signed(w.settingsTokenDelete))
	mux.HandleFunc("POST /settings/signup", w.signed(w.settingsSignup))
	mux.HandleFunc("POST /settings/invites", w.signed(w.settingsInvite))
	mux.HandleFunc("GET /settings/export", w.signed(w.settingsExport))
	mux.HandleFunc("POST /settings/delete", w.signed(w.settingsDelete))
	for _, pr := range w.featureRoutes() {
		mux.HandleFunc(pr.pattern, w.signed(pr.h))
	}
	mux.HandleFunc("/", func(rw http.ResponseWriter, r *http.Request) {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no page here."})
	})
}

// pageHandler handles a page for a signed-in athlete.
type pageHandler func(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete)

// signed sends anonymous visitors to sign in (or to sign up when the
// server has no account yet) and loads the athlete.
func (w *Web) signed(h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p := server.PrincipalFrom(r.Context())
		if p == nil {
			if r.Method != http.MethodGet {
				w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "Please sign in first."})
				return
			}
			n, err := w.cfg.App.Store().CountAccounts(r.Context())
			if err != nil {
				w.fail(rw, r, err)
				return
			}
			to := "/login"
			if n == 0 {
				to = "/signup"
			}
			http.Redirect(rw, r, to+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		ath, err := w.cfg.App.Athlete(r.Context(), p.AthleteID)
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		h(rw, r, p, ath)
	}
}

// localNext returns a safe same-site redirect target.
func localNext(v string) string {
	if v == "" || !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") || strings.HasPrefix(v, "/\\") || strings.ContainsAny(v, "\r\n") {
		return "/"
	}
	return v
}

func (w *Web) loginPage(rw http.ResponseWriter, r *http.Request) {
	if server.PrincipalFrom(r.Context()) != nil {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return
	}
	w.render(rw, r, http.StatusOK, "login", page{Title: "Sign in", Data: map[string]string{"Email": ""}}, "")
}

func (w *Web) loginPost(rw http.ResponseWriter, r *http.Request) {
	email := r.PostFormValue("email")
	_, err := w.cfg.Auth.Login(r.Context(), rw, r, email, r.PostFormValue("password"))
	if err != nil {
		_, status, msg := server.Describe(err)
		w.render(rw, r, status, "login", page{Title: "Sign in", Error: msg, Data: map[string]string{"Email": email}}, "")
		return
	}
	http.Redirect(rw, r, localNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

type signupData struct {
	First       bool
	Invite      bool
	InviteCode  string
	Name, Email string
	MinLen      int
}

func (w *Web) signupData(ctx context.Context, r *http.Request) (signupData, error) {
	d := signupData{MinLen: server.MinPasswordLen, InviteCode: r.URL.Query().Get("invite")}
	n, err := w.cfg.App.Store().CountAccounts(ctx)
	if err != nil {
		return d, err
	}
	d.First = n == 0
	if !d.First {
		mode, err := w.cfg.Auth.SignupMode(ctx)
		if err != nil {
			return d, err
		}
		d.Invite = mode == server.SignupInvite || d.InviteCode != ""
	}
	return d, nil
}

func (w *Web) signupPage(rw http.ResponseWriter, r *http.Request) {
	if p := server.PrincipalFrom(r.Context()); p != nil && p.Via == "session" {
		http.Redirect(rw, r, "/", http.StatusSeeOther)
		return
	}
	d, err := w.signupData(r.Context(), r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "signup", page{Title: "Sign up", Data: d}, "")
}

func (w *Web) signupPost(rw http.ResponseWriter, r *http.Request) {
	d, err := w.signupData(r.Context(), r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d.Name, d.Email, d.InviteCode = r.PostFormValue("name"), r.PostFormValue("email"), r.PostFormValue("invite")
	_, err = w.cfg.Auth.SignUp(r.Context(), rw, r, d.Email, d.Name, r.PostFormValue("password"), d.InviteCode)
	if err != nil {
		_, status, msg := server.Describe(err)
		w.render(rw, r, status, "signup", page{Title: "Sign up", Error: msg, Data: d}, "")
		return
	}
	http.Redirect(rw, r, "/?ok=welcome", http.StatusSeeOther)
}

func (w *Web) logout(rw http.ResponseWriter, r *http.Request) {
	if err := w.cfg.Auth.Logout(r.Context(), rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/login?ok=signedout", http.StatusSeeOther)
}

func (w *Web) home(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	hv, err := w.cfg.App.Home(r.Context(), ath, asOf)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if hv.LastRun != nil {
		lr := *hv.LastRun
		lr.Start = lr.Start.In(ath.Location())
		cp := *hv
		cp.LastRun = &lr
		hv = &cp
	}
	pv, err := w.cfg.App.Plan(r.Context(), ath.ID, asOf, 7)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "home", page{Title: "Home", Nav: "home", Data: map[string]any{"Home": hv, "Plan": pv}}, ath.Unit)
}

func (w *Web) upload(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	w.render(rw, r, http.StatusOK, "upload", page{Title: "Upload", Nav: "upload", Data: map[string]any{}}, ath.Unit)
}

// uploadPost is the no-JavaScript upload: it imports, then shows the outcomes.
func (w *Web) uploadPost(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	var results []athlete.ImportEvent
	err := w.io.ImportMultipart(rw, r, p.AthleteID, func(e athlete.ImportEvent) {
		switch e.Status {
		case "received", "progress":
		default:
			results = append(results, e)
		}
	})
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	summary := ""
	if n := len(results); n > 0 && results[n-1].Status == "done" {
		summary = "Done: " + results[n-1].Message
		results = results[:n-1]
	}
	w.render(rw, r, http.StatusOK, "upload", page{Title: "Upload", Nav: "upload", Data: map[string]any{"Results": results, "Summary": summary}}, ath.Unit)
}

var listSports = []string{"run", "running", "trail_running", "treadmill", "track_running", "walking", "hiking", "cycling", "swimming", "strength", "yoga", "other"}

func (w *Web) activities(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	loc := ath.Location()
	q, err := w.io.ParseListQuery(r, loc)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	q.PerPage = 50
	pg, err := w.cfg.App.Activities(r.Context(), ath, q)
	if err != nil {
		w.fail(rw, r, err)
		return
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
	w.render(rw, r, http.StatusOK, "activities", page{Title: "Activities", Nav: "activities", Data: data}, ath.Unit)
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

func (w *Web) activity(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := pathID(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v, err := w.cfg.App.Activity(r.Context(), ath, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v.Row.Start = v.Row.Start.In(ath.Location())
	w.views.put(ath.ID, id, v)
	title := v.Row.Name
	if title == "" {
		title = "Activity"
	}
	src, race, err := w.cfg.App.Store().ActivityHead(r.Context(), ath.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	raceVal := "auto"
	if race != nil {
		raceVal = map[bool]string{true: "yes", false: "no"}[*race]
	}
	w.render(rw, r, http.StatusOK, "activity", page{Title: title, Nav: "activities", Data: map[string]any{"View": v,
		"SportSource": src, "Race": raceVal, "EditSports": editSports}}, ath.Unit)
}

func (w *Web) checkIn(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := pathID(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	f := athlete.CheckInForm{Note: r.PostFormValue("note"), Surface: r.PostFormValue("surface")}
	f.Enjoyment, _ = strconv.Atoi(r.PostFormValue("enjoyment"))
	if v := strings.TrimSpace(r.PostFormValue("companions")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "ran with: a number of people, or leave it empty"})
			return
		}
		f.Companions = &n
	}
	if v := r.PostFormValue("rpe"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "effort must be a number 0–10"})
			return
		}
		f.RPE = &x
	}
	if _, err := w.cfg.App.CheckIn(r.Context(), p.AthleteID, id, f); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, fmt.Sprintf("/activities/%d?ok=checkin#check-in", id), http.StatusSeeOther)
}

func (w *Web) decide(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	d := r.PostFormValue("decision")
	_, planned, err := w.cfg.App.Decide(r.Context(), ath, r.PathValue("rec"), d)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if len(planned) > 0 {
		d = "accept-plan"
	}
	http.Redirect(rw, r, "/?ok="+url.QueryEscape(d), http.StatusSeeOther)
}

func (w *Web) training(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	rep, err := w.cfg.App.Training(r.Context(), ath, asOf)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "training", page{Title: "Training", Nav: "training", Data: map[string]any{"Training": rep}}, ath.Unit)
}

var commonZones = []string{"UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Ljubljana",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata",
	"Australia/Sydney", "Africa/Nairobi"}

func (w *Web) settingsData(r *http.Request, p *server.Principal, ath *rekindle.Athlete, extra map[string]any) (map[string]any, error) {
	ctx := r.Context()
	toks, err := w.cfg.App.Store().ListAPITokens(ctx, p.AthleteID)
	if err != nil {
		return nil, err
	}
	acc, err := w.cfg.App.Store().GetAccount(ctx, p.AthleteID)
	hasAccount := err == nil
	if err != nil && !strings.Contains(err.Error(), "not found") {
		return nil, err
	}
	mode, err := w.cfg.Auth.SignupMode(ctx)
	if err != nil {
		return nil, err
	}
	var tv []athlete.TokenView
	for _, t := range toks {
		tv = append(tv, athlete.TokenView{ID: t.ID, Name: t.Name, Created: t.CreatedAt.In(ath.Location())})
	}
	tp := ""
	if ath.ThresholdPaceMS > 0 {
		tp = units.ClockOr(unitsOf[unitOr(ath.Unit)].distM/ath.ThresholdPaceMS, "—")
	}
	d := map[string]any{"Profile": athlete.ProfileOf(ath), "Tokens": tv, "Admin": p.Admin, "HasAccount": hasAccount, "Email": acc.Email,
		"SignupMode": mode, "Zones": commonZones, "ThresholdPace": tp}
	for k, v := range extra {
		d[k] = v
	}
	return d, nil
}

func unitOr(u rekindle.Unit) rekindle.Unit {
	if u == "" {
		return rekindle.UnitKm
	}
	return u
}

func (w *Web) settingsRender(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete, status int, errMsg string, extra map[string]any) {
	d, err := w.settingsData(r, p, ath, extra)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "settings", page{Title: "Settings", Nav: "settings", Error: errMsg, Data: d}, ath.Unit)
}

func (w *Web) settings(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", nil)
}

// parsePace reads "m:ss" per unit into m/s.
func parsePace(v string, u rekindle.Unit) (float64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	m, s, ok := strings.Cut(v, ":")
	mi, err1 := strconv.Atoi(m)
	si := 0
	var err2 error
	if ok {
		si, err2 = strconv.Atoi(s)
	}
	secs := mi*60 + si
	if err1 != nil || err2 != nil || secs <= 0 || si >= 60 {
		return 0, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "threshold pace must look like 4:30"}
	}
	return unitsOf[unitOr(u)].distM / float64(secs), nil
}

func (w *Web) settingsProfile(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	num := func(k string) float64 {
		f, _ := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue(k)), 64)
		return f
	}
	unit := rekindle.Unit(r.PostFormValue("unit"))
	tp, err := parsePace(r.PostFormValue("threshold_pace"), unit)
	if err != nil {
		w.settingsRender(rw, r, p, ath, http.StatusBadRequest, err.Error(), nil)
		return
	}
	by, _ := strconv.Atoi(r.PostFormValue("birth_year"))
	prof := athlete.Profile{Name: r.PostFormValue("name"), Sex: r.PostFormValue("sex"), BirthYear: by, RestingHR: num("resting_hr"),
		MaxHR: num("max_hr"), ThresholdPaceMS: tp, TimeZone: strings.TrimSpace(r.PostFormValue("time_zone")), Unit: string(unit),
		HomeLat: num("home_lat"), HomeLon: num("home_lon")}
	if _, err := w.cfg.App.UpdateProfile(r.Context(), p.AthleteID, prof); err != nil {
		_, status, msg := server.Describe(err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return
	}
	http.Redirect(rw, r, "/settings?ok=saved", http.StatusSeeOther)
}

func (w *Web) settingsPassword(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	err := w.cfg.Auth.ChangePassword(r.Context(), p.AthleteID, p.SessionHash, r.PostFormValue("current_password"), r.PostFormValue("new_password"))
	if err != nil {
		_, status, msg := server.Describe(err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return
	}
	http.Redirect(rw, r, "/settings?ok=password", http.StatusSeeOther)
}

func (w *Web) settingsToken(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	secret, _, err := w.cfg.Auth.NewAPIToken(r.Context(), p.AthleteID, r.PostFormValue("name"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", map[string]any{"NewToken": secret})
}

func (w *Web) settingsTokenDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = w.cfg.App.Store().DeleteAPIToken(r.Context(), p.AthleteID, id)
	}
	if err != nil {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such token.", Err: err})
		return
	}
	http.Redirect(rw, r, "/settings?ok=revoked", http.StatusSeeOther)
}

func (w *Web) requireAdmin(rw http.ResponseWriter, r *http.Request, p *server.Principal) bool {
	if !p.Admin {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeForbidden, Message: "Only the admin can do this."})
		return false
	}
	return true
}

func (w *Web) settingsSignup(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	if !w.requireAdmin(rw, r, p) {
		return
	}
	mode := r.PostFormValue("mode")
	if mode != server.SignupOpen && mode != server.SignupInvite {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Unknown sign-up mode."})
		return
	}
	if err := w.cfg.App.Store().SetSetting(r.Context(), "signup", mode); err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/settings?ok=saved", http.StatusSeeOther)
}

func (w *Web) settingsInvite(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	if !w.requireAdmin(rw, r, p) {
		return
	}
	code, err := w.cfg.Auth.NewInvite(r.Context(), p.AthleteID)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	link := scheme + "://" + r.Host + "/signup?invite=" + url.QueryEscape(code)
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", map[string]any{"NewInvite": link})
}

func (w *Web) settingsExport(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	rw.Header().Set("Content-Type", "application/zip")
	rw.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rekindle-export-%s.zip"`, time.Now().Format("2006-01-02")))
	rw.Header().Set("Cache-Control", "no-store")
	if err := w.cfg.App.Export(r.Context(), rw, p.AthleteID); err != nil {
		w.cfg.Log.ErrorContext(r.Context(), "export", "err", err)
		panic(http.ErrAbortHandler)
	}
}

func (w *Web) settingsDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	if r.PostFormValue("confirm") != "yes" {
		w.settingsRender(rw, r, p, ath, http.StatusBadRequest, "Tick the box to confirm.", nil)
		return
	}
	if err := w.io.DeleteAccount(r.Context(), rw, r, p, r.PostFormValue("password")); err != nil {
		_, status, msg := server.Describe(err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return
	}
	http.Redirect(rw, r, "/login?ok=deleted", http.StatusSeeOther)
}

// activitySVG serves the offline map and the charts of an activity as SVG
// images (cacheable, and no work for the page itself). The page request
// leaves its view in a small cache so these rarely touch the store.
func (w *Web) activitySVG(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := pathID(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v := w.views.get(ath.ID, id)
	if v == nil {
		if v, err = w.cfg.App.Activity(r.Context(), ath, id); err != nil {
			w.fail(rw, r, err)
			return
		}
		w.views.put(ath.ID, id, v)
	}
	var svg template.HTML
	switch chart := r.PathValue("chart"); chart {
	case "":
		svg = svgMap(v.Series.Path)
	case "pace.svg", "hr.svg", "ele.svg":
		svg = chartSeries(v.Series, strings.TrimSuffix(chart, ".svg"), unitsOf[unitOr(ath.Unit)])
	default:
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such chart."})
		return
	}
	if svg == "" {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "This activity has no data for that."})
		return
	}
	rw.Header().Set("Content-Type", "image/svg+xml")
	rw.Header().Set("Cache-Control", "private, max-age=300")
	io.WriteString(rw, string(svg))
}

// viewCache keeps the last activity views for their SVG images.
type viewCache struct {
	mu sync.Mutex
	m  map[[2]int64]viewEntry
}

type viewEntry struct {
	v  *athlete.ActivityView
	at time.Time
}

const (
	viewCacheSize = 64
	viewCacheTTL  = time.Minute
)

func (c *viewCache) get(athleteID, id int64) *athlete.ActivityView {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[[2]int64{athleteID, id}]
	if !ok || time.Since(e.at) > viewCacheTTL {
		return nil
	}
	return e.v
}

func (c *viewCache) put(athleteID, id int64, v *athlete.ActivityView) {
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
	c.m[[2]int64{athleteID, id}] = viewEntry{v, time.Now()}
}
