package web

import (
	"net/http"

	"rekindle"
	"rekindle/internal/server"
)

func (w *Web) training(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		return err
	}
	rep, err := w.cfg.App.Training(r.Context(), ath, asOf)
	if err != nil {
		return err
	}
	// App.Training's report is cached and immutable: the same report, zone
	// and look make the same page.
	of := [3]any{rep, ath.TimeZone}
	w.renderOf(rw, r, http.StatusOK, "training", page{Title: "Training", Nav: "training", Data: map[string]any{"Training": rep}}, lookOf(ath), &of)
	return nil
}
