package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"rekindle/internal/athlete"
	"rekindle/internal/units"
	"slices"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/server"
	"rekindle/internal/store"
)

var commonZones = []string{"UTC", "Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Ljubljana",
	"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Sao_Paulo", "Asia/Tokyo", "Asia/Kolkata",
	"Australia/Sydney", "Africa/Nairobi"}

func (w *Web) settingsData(r *http.Request, p *server.Principal, ath *rekindle.Athlete, extra map[string]any) (map[string]any, error) {
	ctx := r.Context()
	toks, err := w.cfg.App.APITokens(ctx, p.AthleteID)
	if err != nil {
		return nil, err
	}
	acc, err := w.cfg.App.Account(ctx, p.AthleteID)
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
	priv, err := w.cfg.App.Privacy(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	feed, err := w.cfg.App.PlanFeed(ctx, p.AthleteID)
	if err != nil {
		return nil, err
	}
	sv, err := w.cfg.App.Strava(ctx, p.AthleteID)
	if err != nil {
		return nil, err
	}
	nv, err := w.cfg.App.NotifySettings(ctx, p.AthleteID)
	if err != nil {
		return nil, err
	}
	d := map[string]any{"Notify": nv, "Privacy": priv, "Profile": athlete.ProfileOf(ath), "Tokens": tv, "Admin": p.Admin, "HasAccount": hasAccount, "Email": acc.Email,
		"SignupMode": mode, "Zones": commonZones, "ThresholdPace": tp, "Feed": feed, "Strava": sv,
		"Locales": localeChoices(), "AutoDates": locale.ForAthlete("", ath.Country).Day(exampleDay)}
	if l := locale.Locale(ath.Locale); l != "" && !slices.Contains(locale.Supported, l) {
		d["OtherLocale"] = localeChoice{ath.Locale, l.Day(exampleDay)} // a tag like de-AT, from the browser or the API
	}
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
	w.render(rw, r, status, "settings", page{Title: "Settings", Nav: "settings", Error: errMsg, Data: d}, lookOf(ath))
}

func (w *Web) settings(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", nil)
	return nil
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

func (w *Web) settingsProfile(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	num := func(k string) float64 {
		f, _ := strconv.ParseFloat(strings.TrimSpace(r.PostFormValue(k)), 64)
		return f
	}
	unit := rekindle.Unit(r.PostFormValue("unit"))
	tp, err := parsePace(r.PostFormValue("threshold_pace"), unit)
	if err != nil {
		w.settingsRender(rw, r, p, ath, http.StatusBadRequest, err.Error(), nil)
		return nil
	}
	by, _ := strconv.Atoi(r.PostFormValue("birth_year"))
	prof := athlete.Profile{Name: r.PostFormValue("name"), Sex: r.PostFormValue("sex"), BirthYear: by, RestingHR: num("resting_hr"),
		MaxHR: num("max_hr"), ThresholdPaceMS: tp, TimeZone: strings.TrimSpace(r.PostFormValue("time_zone")), Unit: string(unit),
		Locale: r.PostFormValue("locale"), HomeLat: num("home_lat"), HomeLon: num("home_lon")}
	if _, err := w.cfg.App.UpdateProfile(r.Context(), p.AthleteID, prof); err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, "/settings?ok=saved", http.StatusSeeOther)
	return nil
}

func (w *Web) settingsPassword(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	err := w.cfg.Auth.ChangePassword(r.Context(), p.AthleteID, p.SessionHash, r.PostFormValue("current_password"), r.PostFormValue("new_password"))
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, "/settings?ok=password", http.StatusSeeOther)
	return nil
}

func (w *Web) settingsToken(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	secret, _, err := w.cfg.Auth.NewAPIToken(r.Context(), p.AthleteID, r.PostFormValue("name"))
	if err != nil {
		return err
	}
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", map[string]any{"NewToken": secret})
	return nil
}

func (w *Web) settingsTokenDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err == nil {
		err = w.cfg.App.RevokeAPIToken(r.Context(), p.AthleteID, id)
	}
	if err != nil {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such token.", Err: err}
	}
	http.Redirect(rw, r, "/settings?ok=revoked", http.StatusSeeOther)
	return nil
}

// requireAdmin is the error for a principal who is not the admin now (its
// admin right read again: server.Auth.RequireAdmin); the actions check
// once more in their own transaction (server.AdminActor).
func (w *Web) requireAdmin(r *http.Request, p *server.Principal) error {
	if err := w.cfg.Auth.RequireAdmin(r.Context(), p); err != nil {
		if errors.Is(err, store.ErrNotAdmin) {
			return &rekindle.Error{Code: rekindle.CodeForbidden, Message: "Only the admin can do this."}
		}
		return err
	}
	return nil
}

func (w *Web) settingsSignup(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.requireAdmin(r, p); err != nil {
		return err
	}
	mode := r.PostFormValue("mode")
	if mode != server.SignupOpen && mode != server.SignupInvite {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Unknown sign-up mode."}
	}
	if err := w.cfg.App.SetSignupMode(r.Context(), server.AdminActor(p), mode); err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=saved", http.StatusSeeOther)
	return nil
}

func (w *Web) settingsInvite(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if err := w.requireAdmin(r, p); err != nil {
		return err
	}
	code, err := w.cfg.Auth.NewInvite(r.Context(), p)
	if err != nil {
		return err
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	link := scheme + "://" + r.Host + "/signup?invite=" + url.QueryEscape(code)
	w.settingsRender(rw, r, p, ath, http.StatusOK, "", map[string]any{"NewInvite": link})
	return nil
}

func (w *Web) settingsExport(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	rw.Header().Set("Content-Type", "application/zip")
	rw.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rekindle-export-%s.zip"`, w.cfg.App.Now().In(ath.Location()).Format(time.DateOnly)))
	rw.Header().Set("Cache-Control", "no-store")
	if _, err := w.cfg.App.Export(r.Context(), rw, p.AthleteID); err != nil {
		w.cfg.Log.ErrorContext(r.Context(), "export", "err", err)
		panic(http.ErrAbortHandler)
	}
	return nil
}

func (w *Web) settingsDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if r.PostFormValue("confirm") != "yes" {
		w.settingsRender(rw, r, p, ath, http.StatusBadRequest, "Tick the box to confirm.", nil)
		return nil
	}
	if err := w.io.DeleteAccount(r.Context(), rw, r, p, r.PostFormValue("password")); err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, "/login?ok=deleted", http.StatusSeeOther)
	return nil
}

// exampleDay is the day the settings page writes in each locale.
var exampleDay = time.Date(2025, time.June, 3, 12, 0, 0, 0, time.UTC)

// localeChoice is one option of the settings page's date format.
type localeChoice struct{ Tag, Example string }

func localeChoices() []localeChoice {
	var out []localeChoice
	for _, l := range locale.Supported {
		out = append(out, localeChoice{string(l), l.Day(exampleDay)})
	}
	return out
}
