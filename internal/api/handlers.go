package api

import (
	"context"
	"math"
	"net/http"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/coach"
	"rekindle/internal/server"
	"rekindle/internal/store"
)

// Route is one API route, listed for the OpenAPI document and the
// authorization test.
type Route struct {
	Method, Path string
	Auth         string // "anonymous", "user", "admin"
	Summary      string
}

// Routes lists every API route.
func (a *API) Routes() []Route {
	var out []Route
	for _, r := range a.routes() {
		out = append(out, r.Route)
	}
	return out
}

type route struct {
	Route
	h http.Handler
}

func (a *API) routes() []route {
	r := func(method, path, auth, summary string, h handler) route {
		var hh http.Handler
		switch auth {
		case "anonymous":
			hh = anon(h)
		case "admin":
			hh = admin(h)
		default:
			hh = authed(h)
		}
		return route{Route{method, path, auth, summary}, hh}
	}
	return []route{
		r("POST", "/api/v1/auth/signup", "anonymous", "Create an account (the first is the admin) and sign in", a.signup),
		r("POST", "/api/v1/auth/login", "anonymous", "Sign in with email and password", a.login),
		r("POST", "/api/v1/auth/logout", "user", "Sign out of this session", a.logout),
		r("POST", "/api/v1/auth/password", "user", "Change the password (ends other sessions)", a.password),
		r("GET", "/api/v1/tokens", "user", "List API tokens", a.listTokens),
		r("POST", "/api/v1/tokens", "user", "Create an API token (shown once)", a.createToken),
		r("DELETE", "/api/v1/tokens/{id}", "user", "Revoke an API token", a.deleteToken),
		r("GET", "/api/v1/admin/signup", "admin", "Read the sign-up mode", a.getSignup),
		r("PUT", "/api/v1/admin/signup", "admin", "Set the sign-up mode (open or invite)", a.putSignup),
		r("POST", "/api/v1/admin/invites", "admin", "Create an invite code", a.createInvite),
		r("GET", "/api/v1/me", "user", "The signed-in athlete's profile and settings", a.getMe),
		r("PUT", "/api/v1/me", "user", "Update profile, physiology, units, time zone, home", a.putMe),
		r("DELETE", "/api/v1/me", "user", "Delete the account and all its data", a.deleteMe),
		r("GET", "/api/v1/me/export", "user", "Download everything as a zip", a.export),
		r("GET", "/api/v1/home", "user", "Spark score, trend, diagnoses, top recommendation, experiment", asOfView(a, a.Home)),
		r("POST", "/api/v1/recommendations/{rec}/decision", "user", "Accept, dismiss (not for me) or snooze (later) a recommendation", a.decide),
		r("GET", "/api/v1/activities", "user", "List activities (filters, search, pagination)", a.listActivities),
		r("GET", "/api/v1/activities/{id}", "user", "One activity with laps, splits, best efforts and chart series", a.getActivity),
		r("DELETE", "/api/v1/activities/{id}", "user", "Delete an activity", a.deleteActivity),
		r("POST", "/api/v1/activities/{id}/check-in", "user", "Record how the run felt", a.checkIn),
		r("POST", "/api/v1/uploads", "user", "Upload files or zips; streams NDJSON progress events", a.upload),
		r("GET", "/api/v1/training", "user", "Training picture: fitness/fatigue/form, weeks, monotony, efforts, predictions", asOfView(a, a.Training)),
		r("GET", "/api/v1/routes", "user", "Route groups (the usual loops)", a.routeGroups),
		r("GET", "/api/v1/routes/suggestions", "user", "New route suggestions from the street graph (?distance_m or ?distance in the athlete's unit, ?surface, ?to)", a.routeSuggestions),
		r("GET", "/api/v1/routes/suggestions/{file}", "user", "Download suggestion N as GPX or FIT: {file} is N.gpx or N.fit (same query)", a.routeSuggestionFile),
		r("GET", "/api/v1/races", "user", "Races 2–4 weeks out with predicted times and a taper, classes that fit, the calendars (?as_of)", asOfView(a, a.Races)),
		r("POST", "/api/v1/calendars", "user", "Import a race calendar or class schedule (multipart: file .ics/.csv, kind race|classes, name)", a.postCalendar),
		r("DELETE", "/api/v1/calendars/{id}", "user", "Delete a calendar", a.deleteCalendar),
		r("GET", "/api/v1/gear", "user", "Shoes and bikes with mileage, and the reward ledger with progress", a.getGear),
		r("POST", "/api/v1/gear", "user", "Add shoes or a bike", a.postGear),
		r("POST", "/api/v1/gear/{id}/retire", "user", "Retire shoes or a bike", a.retireGear),
		r("POST", "/api/v1/rewards", "user", "Add a reward (runs or distance within days, or shoes reaching their retire distance)", a.postReward),
		r("POST", "/api/v1/rewards/{id}/claim", "user", "Claim a reward", a.claimReward),
		r("DELETE", "/api/v1/rewards/{id}", "user", "Delete a reward", a.deleteReward),
		r("GET", "/api/v1/gratitude", "user", "The gratitude journal and facts from the runner's own runs (?as_of)", asOfView(a, a.Gratitude)),
		r("POST", "/api/v1/gratitude", "user", "Write a gratitude journal entry", a.postGratitude),
		r("DELETE", "/api/v1/gratitude/{id}", "user", "Delete a journal entry", a.deleteGratitude),
		r("GET", "/api/v1/gratitude/poster", "user", "The A4 gratitude poster (?format=svg or html)", a.gratitudePoster),
		r("GET", "/api/v1/coach", "user", "Coaching: your coaches and requests, the athletes you coach and their requests", a.getCoach),
		r("POST", "/api/v1/coach/invites", "user", "Invite a coach: a one-time token with scopes (read, comment, edit_plan)", a.postCoachInvite),
		r("POST", "/api/v1/coach/accept", "user", "Accept a coach invite token: become that athlete's coach", a.postCoachAccept),
		r("DELETE", "/api/v1/coach/coaches/{coach}", "user", "Revoke a coach's access", a.deleteCoach),
		r("POST", "/api/v1/coach/requests", "user", "Ask your coach to tweak your training (the spark report, training numbers and plan are attached)", a.postCoachRequest),
		r("POST", "/api/v1/coach/requests/{req}/replies", "user", "Reply on your own request", a.postOwnReply),
		r("GET", "/api/v1/coaching/{athlete}", "user", "As a coach (read): the athlete's spark, recent activities, plan and requests to you", a.coached(coach.ScopeRead, a.getCoached)),
		r("GET", "/api/v1/coaching/{athlete}/activities/{id}", "user", "As a coach (read): one of the athlete's activities", a.coached(coach.ScopeRead, a.getCoachedActivity)),
		r("GET", "/api/v1/coaching/{athlete}/plan", "user", "As a coach (read): the athlete's plan", a.coached(coach.ScopeRead, a.getCoachedPlan)),
		r("POST", "/api/v1/coaching/{athlete}/plan", "user", "As a coach (edit_plan): add a session to the athlete's plan", a.coached(coach.ScopeEditPlan, a.postCoachedPlan)),
		r("DELETE", "/api/v1/coaching/{athlete}/plan/{id}", "user", "As a coach (edit_plan): delete a planned session", a.coached(coach.ScopeEditPlan, a.deleteCoachedPlan)),
		r("POST", "/api/v1/coaching/{athlete}/requests/{req}/replies", "user", "As a coach (comment): reply to the athlete's request", a.coached(coach.ScopeComment, a.postCoachReply)),
		r("GET", "/api/v1/plan", "user", "The coming days of the plan (?as_of, ?days)", a.getPlan),
		r("POST", "/api/v1/plan", "user", "Add a session to the plan", a.postPlan),
		r("DELETE", "/api/v1/plan/{id}", "user", "Delete a planned session", a.deletePlan),
		r("GET", "/api/v1/spark-checks", "user", "The spark check questions, whether one is due, past checks", a.getSparkChecks),
		r("POST", "/api/v1/spark-checks", "user", "Answer the spark check", a.postSparkCheck),
	}
}

// Register mounts the API on mux.
func (a *API) Register(mux *http.ServeMux) {
	for _, r := range a.routes() {
		mux.Handle(r.Method+" "+r.Path, r.h)
	}
	mux.HandleFunc("GET /api/v1/openapi.json", a.openAPI)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		server.WriteError(w, r, notFound("API route"))
	})
}

type credentials struct {
	Email    string `json:"email"`
	Password string `json:"password"`
	Name     string `json:"name,omitempty"`
	Invite   string `json:"invite,omitempty"`
}

// AccountView is an account as the API shows it.
type AccountView struct {
	AthleteID int64     `json:"athlete_id"`
	Email     string    `json:"email"`
	Admin     bool      `json:"admin"`
	CreatedAt time.Time `json:"created_at"`
}

func accountView(acc store.Account) AccountView {
	return AccountView{acc.AthleteID, acc.Email, acc.Admin, acc.CreatedAt}
}

func (a *API) signup(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	var c credentials
	if err := decodeJSON(r, &c); err != nil {
		return err
	}
	acc, err := a.cfg.Auth.SignUp(r.Context(), w, r, c.Email, c.Name, c.Password, c.Invite)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, accountView(acc))
	return nil
}

func (a *API) login(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	var c credentials
	if err := decodeJSON(r, &c); err != nil {
		return err
	}
	acc, err := a.cfg.Auth.Login(r.Context(), w, r, c.Email, c.Password)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, accountView(acc))
	return nil
}

func (a *API) logout(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	if err := a.cfg.Auth.Logout(r.Context(), w, r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) password(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Current string `json:"current_password"`
		New     string `json:"new_password"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.cfg.Auth.ChangePassword(r.Context(), p.AthleteID, p.SessionHash, body.Current, body.New); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ts, err := a.cfg.Store.ListAPITokens(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	out := []athlete.TokenView{}
	for _, t := range ts {
		out = append(out, athlete.TokenView{ID: t.ID, Name: t.Name, Created: t.CreatedAt, LastUsed: t.LastUsed})
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
	return nil
}

func (a *API) createToken(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	secret, t, err := a.cfg.Auth.NewAPIToken(r.Context(), p.AthleteID, body.Name)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, athlete.TokenView{ID: t.ID, Name: t.Name, Created: t.CreatedAt, Token: secret})
	return nil
}

func (a *API) deleteToken(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.cfg.Store.DeleteAPIToken(r.Context(), p.AthleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("token")
		}
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) getSignup(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	mode, err := a.cfg.Auth.SignupMode(r.Context())
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]string{"mode": mode})
	return nil
}

func (a *API) putSignup(w http.ResponseWriter, r *http.Request, _ *server.Principal) error {
	var body struct {
		Mode string `json:"mode"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if body.Mode != server.SignupOpen && body.Mode != server.SignupInvite {
		return invalid(`mode must be "open" or "invite"`)
	}
	if err := a.cfg.Store.SetSetting(r.Context(), "signup", body.Mode); err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]string{"mode": body.Mode})
	return nil
}

func (a *API) createInvite(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	code, err := a.cfg.Auth.NewInvite(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]string{"invite": code})
	return nil
}

func (a *API) getMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"athlete_id": ath.ID, "admin": p.Admin, "profile": athlete.ProfileOf(ath)})
	return nil
}

func (a *API) putMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body athlete.Profile
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.UpdateProfile(r.Context(), p.AthleteID, body)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"athlete_id": ath.ID, "profile": athlete.ProfileOf(ath)})
	return nil
}

func (a *API) deleteMe(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Password string `json:"password"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	if err := a.io.DeleteAccount(r.Context(), w, r, p, body.Password); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) export(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", `attachment; filename="rekindle-export.zip"`)
	w.Header().Set("Cache-Control", "no-store")
	if err := a.Export(r.Context(), w, p.AthleteID); err != nil {
		a.log.ErrorContext(r.Context(), "export", "athlete", p.AthleteID, "err", err)
		panic(http.ErrAbortHandler) // the zip is half written: break the connection
	}
	return nil
}

func (a *API) decide(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var body struct {
		Decision string `json:"decision"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	e, planned, err := a.Decide(r.Context(), ath, r.PathValue("rec"), body.Decision)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusCreated, map[string]any{"id": e.ID, "recommendation_id": e.RecID, "strategy": e.Strategy, "state": e.State, "at": e.At, "planned": planned})
	return nil
}

func (a *API) listActivities(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	q, err := a.io.ParseListQuery(r, ath.Location())
	if err != nil {
		return err
	}
	page, err := a.Activities(r.Context(), ath, q)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, page)
	return nil
}

func (a *API) getActivity(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	ath, err := a.Athlete(r.Context(), p.AthleteID)
	if err != nil {
		return err
	}
	v, err := a.Activity(r.Context(), ath, id)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, v)
	return nil
}

func (a *API) deleteActivity(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := a.cfg.Store.GetActivity(r.Context(), p.AthleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("activity")
		}
		return err
	}
	if err := a.cfg.Store.DeleteActivity(r.Context(), p.AthleteID, id); err != nil {
		return err
	}
	a.Changed(p.AthleteID)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) checkIn(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var f athlete.CheckInForm
	if err := decodeJSON(r, &f); err != nil {
		return err
	}
	c, err := a.CheckIn(r.Context(), p.AthleteID, id, f)
	if err != nil {
		return err
	}
	out := map[string]any{"activity_id": c.ActivityID, "at": c.At, "enjoyment": c.Enjoyment, "note": c.Note, "companions": c.Companions, "surface": c.Surface}
	if !math.IsNaN(c.RPE) {
		out["rpe"] = c.RPE
	}
	server.WriteJSON(w, http.StatusCreated, out)
	return nil
}

func (a *API) routeGroups(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	out := []athlete.RouteGroup{}
	if a.cfg.Routes != nil {
		g, err := a.cfg.Routes.Groups(r.Context(), p.AthleteID)
		if err != nil {
			return err
		}
		out = append(out, g...)
	}
	server.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "available": a.cfg.Routes != nil})
	return nil
}

// asOfView serves a view of the signed-in athlete on a day (?as_of, default
// today in their time zone) as JSON.
func asOfView[T any](a *API, view func(context.Context, *rekindle.Athlete, time.Time) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		ath, err := a.Athlete(r.Context(), p.AthleteID)
		if err != nil {
			return err
		}
		asOf, err := a.io.AsOf(r, ath.Location())
		if err != nil {
			return err
		}
		v, err := view(r.Context(), ath, asOf)
		if err != nil {
			return err
		}
		server.WriteJSON(w, http.StatusOK, v)
		return nil
	}
}
