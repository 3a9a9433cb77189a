package api

import (
	"net/http"

	"rekindle/internal/coach"
	"rekindle/internal/server"
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
			hh = a.admin(h)
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
		r("GET", "/api/v1/admin/jobs", "admin", "Background jobs (route refreshes, e-mails, the nightly evaluation), newest first, with state and last error (?state=a,b, ?kind, ?limit)", a.getJobs),
		r("POST", "/api/v1/admin/jobs/{id}/retry", "admin", "Run a background job again now", a.retryJob),
		r("GET", "/api/v1/me", "user", "The signed-in athlete's profile and settings", a.getMe),
		r("PUT", "/api/v1/me", "user", "Update profile, physiology, units, time zone, home", a.putMe),
		r("DELETE", "/api/v1/me", "user", "Delete the account and all its data", a.deleteMe),
		r("GET", "/api/v1/me/export", "user", "Download everything as a zip", a.export),
		r("GET", "/api/v1/home", "user", "Spark score, trend, diagnoses, top recommendation, experiment", cachedView(a, "home", a.Home)),
		r("POST", "/api/v1/recommendations/{rec}/decision", "user", "Accept, dismiss (not for me) or snooze (later) a recommendation", a.decide),
		r("POST", "/api/v1/experiments/{id}/abandon", "user", "Give up an accepted idea: its sessions from today leave the plan, its outcome is abandoned", a.abandon),
		r("GET", "/api/v1/activities", "user", "List activities (filters, search, pagination)", a.listActivities),
		r("GET", "/api/v1/activities/{id}", "user", "One activity with laps, splits, best efforts and chart series", a.getActivity),
		r("DELETE", "/api/v1/activities/{id}", "user", "Delete an activity", a.deleteActivity),
		r("POST", "/api/v1/activities/{id}/check-in", "user", "Record how the run felt", a.checkIn),
		r("PUT", "/api/v1/activities/{id}/private", "user", "Keep an activity from coaches (private true) or share it again", a.putPrivate),
		r("PUT", "/api/v1/activities/{id}/count", "user", "Whether an activity counts in the analyses: true restores one set aside as overlapping another, false sets it aside, null lets the overlap rule decide", a.putCount),
		r("GET", "/api/v1/privacy", "user", "Privacy zones and private activities", a.getPrivacy),
		r("POST", "/api/v1/privacy/zones", "user", "Add a privacy zone (a point and a radius of 200–1000 m): tracks inside it are cut from everything shared", a.postZone),
		r("DELETE", "/api/v1/privacy/zones/{id}", "user", "Delete a privacy zone", a.deleteZone),
		r("POST", "/api/v1/uploads", "user", "Upload files or zips; streams NDJSON progress events", a.upload),
		r("GET", "/api/v1/training", "user", "Training picture: fitness/fatigue/form, weeks, monotony, efforts, predictions", cachedView(a, "training", a.Training)),
		r("GET", "/api/v1/routes", "user", "Route groups (the usual loops)", a.routeGroups),
		r("GET", "/api/v1/routes/suggestions", "user", "New route suggestions from the street graph (?distance_m or ?distance in the athlete's unit, ?surface, ?to; without a distance, the Routes page's default: the variety idea's query, the usual run from home)", a.routeSuggestions),
		r("GET", "/api/v1/routes/suggestions/{file}", "user", "Download suggestion N as GPX or FIT: {file} is N.gpx or N.fit (same query)", a.routeSuggestionFile),
		r("GET", "/api/v1/races", "user", "Races 2–4 weeks out with predicted times and a taper, classes that fit, the calendars (?as_of)", datedView(a, "races", a.Races)),
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
		r("GET", "/api/v1/coaching/{athlete}/plan/{id}/{file}", "user", "As a coach (read): the route of a planned run, cut by the athlete's privacy zones: {file} is route.gpx or route.fit", a.coached(coach.ScopeRead, a.getCoachedPlanRoute)),
		r("POST", "/api/v1/coaching/{athlete}/plan", "user", "As a coach (edit_plan): add a session to the athlete's plan", a.coached(coach.ScopeEditPlan, a.postCoachedPlan)),
		r("DELETE", "/api/v1/coaching/{athlete}/plan/{id}", "user", "As a coach (edit_plan): delete a planned session", a.coached(coach.ScopeEditPlan, a.deleteCoachedPlan)),
		r("POST", "/api/v1/coaching/{athlete}/requests/{req}/replies", "user", "As a coach (comment): reply to the athlete's request", a.coached(coach.ScopeComment, a.postCoachReply)),
		r("GET", "/api/v1/plan", "user", "The coming days of the plan (?as_of, ?days)", a.getPlan),
		r("POST", "/api/v1/plan", "user", "Add a session to the plan", a.postPlan),
		r("DELETE", "/api/v1/plan/{id}", "user", "Delete a planned session", a.deletePlan),
		r("PUT", "/api/v1/plan/{id}", "user", "Edit a planned session in place (its calendar UID stays)", a.putPlan),
		r("GET", "/api/v1/plan/{id}/workout", "user", "A planned run's structured workout: steps, repeats and speed targets from the runner's paces", a.getPlanWorkout),
		r("GET", "/api/v1/plan/{id}/workout.fit", "user", "A planned run as a FIT workout file for a watch", a.getPlanWorkoutFIT),
		r("GET", "/api/v1/plan.ics", "user", "The plan as a one-off iCalendar file (RFC 5545)", a.getPlanICS),
		r("GET", "/api/v1/plan/feed", "user", "Whether the plan's calendar feed is on", a.getPlanFeed),
		r("POST", "/api/v1/plan/feed", "user", "Make a new secret calendar feed URL (the old one stops working); the URL is shown once", a.rotatePlanFeed),
		r("DELETE", "/api/v1/plan/feed", "user", "Turn the calendar feed off (its URL answers 404)", a.revokePlanFeed),
		r("GET", "/api/v1/notifications", "user", "The moments that matter (experiment ends, light week, days without a run, race soon), newest first; each stored once", a.getNotifications),
		r("POST", "/api/v1/notifications/read", "user", "Mark every notification read", a.readNotifications),
		r("GET", "/api/v1/notifications/settings", "user", "Which kinds are e-mailed, the quiet hours, and how sending goes (last error, next attempt)", a.getNotifySettings),
		r("GET", "/api/v1/push/key", "user", "The server's VAPID public key (applicationServerKey for PushManager.subscribe)", a.getPushKey),
		r("POST", "/api/v1/push/subscriptions", "user", "Store this browser's push subscription (PushSubscription.toJSON()); notifications are then pushed to it too", a.postPushSubscription),
		r("DELETE", "/api/v1/push/subscriptions", "user", "Forget a push subscription (by its endpoint)", a.deletePushSubscription),
		r("PUT", "/api/v1/notifications/settings", "user", "Turn kinds of e-mail on or off (email: {kind: bool}) and set the quiet hours (\"22:00-07:00\", \"\" for none)", a.putNotifySettings),
		r("GET", "/api/v1/calendar/{athlete}/{file}", "anonymous", "The plan's calendar feed at its secret URL ({file} is TOKEN.ics); 404 once rotated or revoked", a.getFeed),
		r("GET", "/api/v1/plan/{id}/{file}", "user", "Download the route of a planned run (the route idea's suggestion): {file} is route.gpx or route.fit", a.planRouteFile),
		r("GET", "/api/v1/strava", "user", "The Strava connection: connected or not, the backfill's progress, the instance's rate-limit state", a.getStrava),
		r("GET", "/api/v1/strava/connect", "user", "Where to grant rekindle read access to your Strava activities (OAuth 2.0; the link's state lasts 30 minutes)", a.getStravaConnect),
		r("POST", "/api/v1/strava/sync", "user", "Fetch your whole Strava history again in the background (new activities only; resumes a stopped one)", a.postStravaSync),
		r("DELETE", "/api/v1/strava", "user", "Disconnect Strava: access revoked at Strava, tokens deleted (the activities fetched stay)", a.deleteStrava),
		r("GET", "/api/v1/strava/webhook", "anonymous", "Strava's push subscription validation (hub.mode, hub.challenge, hub.verify_token)", a.getStravaWebhook),
		r("POST", "/api/v1/strava/webhook", "anonymous", "Strava's push events (activity create, update, delete; deauthorization): stored at once, handled in the background", a.postStravaWebhook),
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
