package web

import (
	"net/http"
	"rekindle/internal/athlete"

	"rekindle"
	"rekindle/internal/server"
)

func (w *Web) home(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		return err
	}
	hv, err := w.cfg.App.Home(r.Context(), ath, asOf)
	if err != nil {
		return err
	}
	cached := hv // App.Home's value, immutable: the page's identity
	if hv.LastRun != nil {
		lr := *hv.LastRun
		lr.Start = lr.Start.In(ath.Location())
		cp := *hv
		cp.LastRun = &lr
		hv = &cp
	}
	pv, err := w.cfg.App.Week(r.Context(), ath.ID, asOf)
	if err != nil {
		return err
	}
	// The same cached views, zone and look make the same page.
	of := [3]any{cached, pv, ath.TimeZone}
	w.renderOf(rw, r, http.StatusOK, "home", page{Title: "Home", Nav: "home", Data: map[string]any{"Home": hv, "Plan": pv}}, lookOf(ath), &of)
	return nil
}

func (w *Web) upload(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.render(rw, r, http.StatusOK, "upload", page{Title: "Upload", Nav: "upload", Data: map[string]any{}}, lookOf(ath))
	return nil
}

// uploadPost is the no-JavaScript upload: it imports, then shows the outcomes.
func (w *Web) uploadPost(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	var results []athlete.ImportEvent
	err := w.io.ImportMultipart(rw, r, p.AthleteID, func(e athlete.ImportEvent) {
		switch e.Status {
		case "received", "progress":
		default:
			results = append(results, e)
		}
	})
	if err != nil {
		return err
	}
	summary := ""
	if n := len(results); n > 0 && results[n-1].Status == "done" {
		summary = "Done: " + results[n-1].Message
		results = results[:n-1]
	}
	w.render(rw, r, http.StatusOK, "upload", page{Title: "Upload", Nav: "upload", Data: map[string]any{"Results": results, "Summary": summary}}, lookOf(ath))
	return nil
}
