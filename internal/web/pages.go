package web

import (
	"net/http"
	"net/url"
	"runtime"

	"rekindle"
	"rekindle/internal/server"
)

// webRoute is one row of the page route table.
type webRoute struct {
	pattern string
	open    openHandler // served to anyone (sign-in and sign-up)
	page    pageHandler // served to a signed-in athlete
	listed  string      // what Routes lists instead of pattern, when set
}

// routeTable is the one table of page routes: Register mounts it and Routes
// lists it. (Static files and the not-found page are mounted besides.)
func (w *Web) routeTable() []webRoute {
	return []webRoute{
		{pattern: "GET /{$}", page: w.home},
		{pattern: "GET /login", open: w.loginPage},
		{pattern: "POST /login", open: w.loginPost},
		{pattern: "GET /signup", open: w.signupPage},
		{pattern: "POST /signup", open: w.signupPost},
		{pattern: "POST /logout", open: w.logout},
		{pattern: "GET /upload", page: w.upload},
		{pattern: "POST /upload", page: w.uploadPost},
		{pattern: "GET /activities", page: w.activities},
		{pattern: "GET /activities/{id}", page: w.activity},
		{pattern: "GET /activities/{id}/map.svg", page: w.activitySVG},
		{pattern: "GET /activities/{id}/charts/{chart}", page: w.activitySVG, listed: "GET /activities/{id}/charts/pace.svg"},
		{pattern: "POST /activities/{id}/check-in", page: w.checkIn},
		{pattern: "POST /recommendations/{rec}/decision", page: w.decide},
		{pattern: "POST /experiments/{id}/abandon", page: w.abandon},
		{pattern: "GET /training", page: w.training},
		{pattern: "GET /routes", page: w.routes},
		{pattern: "GET /settings", page: w.settings},
		{pattern: "POST /settings/profile", page: w.settingsProfile},
		{pattern: "POST /settings/password", page: w.settingsPassword},
		{pattern: "POST /settings/tokens", page: w.settingsToken},
		{pattern: "POST /settings/tokens/{id}/delete", page: w.settingsTokenDelete},
		{pattern: "POST /settings/signup", page: w.settingsSignup},
		{pattern: "POST /settings/invites", page: w.settingsInvite},
		{pattern: "GET /settings/export", page: w.settingsExport},
		{pattern: "POST /settings/delete", page: w.settingsDelete},
		// the plan and the spark check
		{pattern: "GET /plan", page: w.planPage},
		{pattern: "POST /plan", page: w.planAdd},
		{pattern: "POST /plan/{id}/delete", page: w.planDelete},
		{pattern: "GET /plan/{id}/{file}", page: w.planRouteFile},
		{pattern: "GET /spark-check", page: w.sparkCheckPage},
		{pattern: "POST /spark-check", page: w.sparkCheckPost},
		// route suggestions and the street map
		{pattern: "GET /routes/suggestions/{file}", page: w.routeSuggestionFile},
		{pattern: "POST /routes/map", page: w.routeMapUpload},
		// races and calendars
		{pattern: "GET /races", page: w.racesPage},
		{pattern: "POST /races/calendars", page: w.racesImport},
		{pattern: "POST /races/calendars/{id}/delete", page: w.racesFeedDelete},
		// gear and rewards
		{pattern: "GET /gear", page: w.gearPage},
		{pattern: "POST /gear", page: w.gearAdd},
		{pattern: "POST /gear/{id}/retire", page: w.gearRetire},
		{pattern: "POST /rewards", page: w.rewardAdd},
		{pattern: "POST /rewards/{id}/claim", page: w.rewardClaim},
		{pattern: "POST /rewards/{id}/delete", page: w.rewardDelete},
		// gratitude
		{pattern: "GET /gratitude", page: w.gratitudePage},
		{pattern: "POST /gratitude", page: w.gratitudeAdd},
		{pattern: "POST /gratitude/{id}/delete", page: w.gratitudeDelete},
		{pattern: "GET /gratitude/poster", page: w.gratitudePoster},
		// coaching
		{pattern: "GET /coach", page: w.coachPage},
		{pattern: "POST /coach/invites", page: w.coachInvite},
		{pattern: "POST /coach/accept", page: w.coachAccept},
		{pattern: "POST /coach/coaches/{coach}/revoke", page: w.coachRevoke},
		{pattern: "POST /coach/requests", page: w.coachRequest},
		{pattern: "POST /coach/requests/{req}/reply", page: w.coachReplyOwn},
		{pattern: "GET /coach/athletes/{athlete}", page: w.coachAthlete},
		{pattern: "GET /coach/athletes/{athlete}/activities/{id}", page: w.coachActivity},
		{pattern: "POST /coach/athletes/{athlete}/plan", page: w.coachPlanAdd},
		{pattern: "POST /coach/athletes/{athlete}/plan/{id}/delete", page: w.coachPlanDelete},
		{pattern: "GET /coach/athletes/{athlete}/plan/{id}/{file}", page: w.coachPlanRouteFile},
		{pattern: "POST /coach/athletes/{athlete}/requests/{req}/reply", page: w.coachReply},
		// fixes to imported data
		{pattern: "POST /activities/{id}/edit", page: w.activityEdit},
		{pattern: "POST /activities/set-sport", page: w.activitiesSetSport},
		{pattern: "POST /routes/courses/{id}/delete", page: w.courseDelete},
		{pattern: "POST /settings/zones", page: w.zoneAdd},
		{pattern: "POST /settings/zones/{id}/delete", page: w.zoneDelete},
		{pattern: "POST /activities/{id}/private", page: w.activityPrivate},
		// notifications
		{pattern: "GET /notifications", page: w.notificationsPage},
		{pattern: "POST /notifications/read", page: w.notificationsRead},
		{pattern: "POST /settings/notifications", page: w.notifySettingsPost},
		{pattern: "GET /unsubscribe/{athlete}/{kind}/{sig}", open: w.unsubscribe},
		{pattern: "POST /unsubscribe/{athlete}/{kind}/{sig}", open: w.unsubscribe},
		// the plan feed and workout files
		{pattern: "GET /plan.ics", page: w.planICS},
		{pattern: "GET /plan/{id}/workout.fit", page: w.planWorkoutFIT},
		{pattern: "POST /settings/plan-feed/rotate", page: w.planFeedRotate},
		{pattern: "POST /settings/plan-feed/revoke", page: w.planFeedRevoke},
		// Strava
		{pattern: "GET /settings/strava/connect", page: w.stravaConnect},
		{pattern: "GET /settings/strava/callback", page: w.stravaCallback},
		{pattern: "POST /settings/strava/sync", page: w.stravaSync},
		{pattern: "POST /settings/strava/disconnect", page: w.stravaDisconnect},
	}
}

// Routes lists every page route (for the authorization test).
func (w *Web) Routes() []string {
	var out []string
	for _, rt := range w.routeTable() {
		if rt.listed != "" {
			out = append(out, rt.listed)
		} else {
			out = append(out, rt.pattern)
		}
	}
	return out
}

// Register mounts the pages on mux.
func (w *Web) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /static/", w.serveStatic)
	mux.HandleFunc("GET /sw.js", w.serveWorker)
	for _, rt := range w.routeTable() {
		if rt.open != nil {
			mux.HandleFunc(rt.pattern, w.serve(rt.open))
		} else {
			mux.HandleFunc(rt.pattern, w.signed(rt.page))
		}
	}
	mux.HandleFunc("/", func(rw http.ResponseWriter, r *http.Request) {
		w.fail(rw, r, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no page here."})
	})
}

// pageHandler handles a page for a signed-in athlete. It writes the page,
// or returns an error that the adapter (serve, signed) turns into the error
// page with the status the error's kind gives (server.Describe: not found
// 404, invalid 400, forbidden 403, anything else 500).
type pageHandler func(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error

// openHandler handles a page anyone may see (sign-in and sign-up); its error
// is served as pageHandler's.
type openHandler func(rw http.ResponseWriter, r *http.Request) error

// serve is the one adapter from an error-returning handler to http: an
// error becomes the error page (w.fail).
func (w *Web) serve(h openHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if err := h(rw, r); err != nil {
			w.fail(rw, r, err)
		}
	}
}

// signed sends anonymous visitors to sign in (or to sign up when the
// server has no account yet) and loads the athlete.
func (w *Web) signed(h pageHandler) http.HandlerFunc {
	return w.serve(func(rw http.ResponseWriter, r *http.Request) error {
		p := server.PrincipalFrom(r.Context())
		if p == nil {
			if r.Method != http.MethodGet {
				return &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "Please sign in first."}
			}
			n, err := w.cfg.App.AccountCount(r.Context())
			if err != nil {
				return err
			}
			to := "/login"
			if n == 0 {
				to = "/signup"
			}
			http.Redirect(rw, r, to+"?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return nil
		}
		ath, err := w.cfg.App.Athlete(r.Context(), p.AthleteID)
		if err != nil {
			return err
		}
		return h(rw, r, p, ath)
	})
}

// pageSlots bounds the pages rendered at once (execute): on a few cores
// that costs no throughput, and a crowd of pages in progress does not hold
// as many render buffers at once. Only the rendering takes a slot: a page
// waiting for its data (a runner's history read and analysed for the first
// time, under the application's own admission) holds none, so pages
// rendered from cached views never queue behind first visits.
var pageSlots = make(chan struct{}, max(8, 4*runtime.GOMAXPROCS(0)))
