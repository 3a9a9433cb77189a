package web

import (
	"bytes"
	"net/http"

	"rekindle"
	"rekindle/internal/httpio"
	"rekindle/internal/server"
)

func (w *Web) gratitudePage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderGratitude(rw, r, ath, http.StatusOK, "")
	return nil
}

func (w *Web) renderGratitude(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string) {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	v, err := w.cfg.App.Gratitude(r.Context(), ath, asOf)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "gratitude", page{Title: "Gratitude", Nav: "gratitude", Error: errMsg, Data: map[string]any{"G": v}}, lookOf(ath))
}

func (w *Web) gratitudeAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	if _, err := w.cfg.App.AddGratitude(r.Context(), ath, r.PostFormValue("day"), r.PostFormValue("text")); err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderGratitude(rw, r, ath, status, msg)
		return nil
	}
	back(rw, r, "/gratitude", "gratitude")
	return nil
}

func (w *Web) gratitudeDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := formID(r, "entry")
	if err == nil {
		err = w.cfg.App.DeleteGratitude(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	back(rw, r, "/gratitude", "deleted-entry")
	return nil
}

// gratitudePoster serves the poster: SVG (shown on the page with
// ?preview=1, else downloaded) or print-styled HTML.
func (w *Web) gratitudePoster(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "svg"
	}
	if format != "svg" && format != "html" {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such poster."}
	}
	var buf bytes.Buffer
	if err := w.cfg.App.WritePoster(r.Context(), &buf, ath, format); err != nil {
		return err
	}
	httpio.PosterHeaders(rw, format, r.URL.Query().Get("preview") == "1" && format == "svg")
	rw.Write(buf.Bytes())
	return nil
}
