package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

func (w *Web) racesPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderRaces(rw, r, ath, http.StatusOK, "", "")
	return nil
}

func (w *Web) renderRaces(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg, flash string) {
	asOf, err := w.io.AsOf(r, ath.Location())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	// The page is the athlete's data (its stamp: calendars, runs, the
	// athlete's own numbers) as of asOf: the same stamp, moment and zone
	// make the same page, sent again without reading the calendars.
	var of *[3]any
	if stamp, err := w.cfg.App.Stamp(r.Context(), ath.ID); err == nil && status == http.StatusOK && errMsg == "" && flash == "" {
		k := [3]any{stamp, asOf.Format(time.RFC3339Nano), ath.TimeZone}
		if w.sendRendered(rw, r, status, "races", page{Title: "Races & classes", Nav: "races"}, lookOf(ath), k) {
			return
		}
		of = &k
	}
	v, err := w.cfg.App.Races(r.Context(), ath, asOf)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	loc := ath.Location()
	for i := range v.Races {
		v.Races[i].Start = v.Races[i].Start.In(loc)
	}
	for i := range v.Classes {
		v.Classes[i].Start = v.Classes[i].Start.In(loc)
	}
	for i := range v.Feeds {
		v.Feeds[i].ImportedAt = v.Feeds[i].ImportedAt.In(loc)
	}
	w.renderOf(rw, r, status, "races", page{Title: "Races & classes", Nav: "races", Error: errMsg, Flash: flash, Data: map[string]any{"Races": v}}, lookOf(ath), of)
}

func (w *Web) racesImport(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	r.Body = http.MaxBytesReader(rw, r.Body, athlete.MaxCalendarBytes+1<<20)
	f, hdr, err := r.FormFile("file")
	if err != nil {
		msg := "Choose a calendar file (.ics or .csv)."
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			msg = "That calendar is too big (at most 8 MB)."
		}
		w.renderRaces(rw, r, ath, http.StatusBadRequest, msg, "")
		return nil
	}
	defer f.Close()
	feed, skipped, err := w.cfg.App.ImportCalendar(r.Context(), ath, r.FormValue("kind"), hdr.Filename, r.FormValue("name"), f)
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderRaces(rw, r, ath, status, msg, "")
		return nil
	}
	what := "races"
	if feed.Kind != "race" {
		what = "classes"
	}
	flash := "Imported " + strconv.Itoa(feed.Events) + " " + what + " from " + feed.SourceName + " as “" + feed.Name + "”."
	if skipped > 0 {
		flash += " " + strconv.Itoa(skipped) + " lines were skipped or odd."
	}
	w.renderRaces(rw, r, ath, http.StatusOK, "", flash)
	return nil
}

func (w *Web) racesFeedDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such calendar."}
	}
	if err := w.cfg.App.DeleteCalendar(r.Context(), ath.ID, id); err != nil {
		return err
	}
	back(rw, r, "/races", "deleted-calendar")
	return nil
}
