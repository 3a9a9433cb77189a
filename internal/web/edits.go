package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"rekindle/internal/store"
)

// The runner's fixes to imported data: one activity's sport, name and race
// mark, the sport of many at once, and saved courses. The logic is in the
// application (athlete.App); these handlers only read the form.

// editSports are the sports offered in the edit forms.
var editSports = rekindle.Sports

func invalid(msg string) error { return &rekindle.Error{Code: rekindle.CodeInvalid, Message: msg} }

func formSport(r *http.Request, name string) (rekindle.Sport, error) {
	s := rekindle.Sport(strings.TrimSpace(r.PostFormValue(name)))
	if s != "" && !s.Known() {
		return "", invalid(fmt.Sprintf("unknown sport %q", s))
	}
	return s, nil
}

func (w *Web) activityEdit(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	sp, err := formSport(r, "sport")
	if err != nil {
		return err
	}
	f := athlete.ActivityEditForm{Sport: sp, Race: r.PostFormValue("race"), Count: r.PostFormValue("count")}
	if _, ok := r.PostForm["name"]; ok {
		n := r.PostFormValue("name")
		f.Name = &n
	}
	if err := w.cfg.App.EditActivity(r.Context(), ath, id, f); err != nil {
		return err
	}
	http.Redirect(rw, r, fmt.Sprintf("/activities/%d?ok=edited", id), http.StatusSeeOther)
	return nil
}

func (w *Web) activitiesSetSport(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	to, err := formSport(r, "sport")
	if err == nil && to == "" {
		err = invalid("choose the sport to set")
	}
	var f store.BulkSportFilter
	if err == nil {
		f.Sport, err = formSport(r, "where_sport")
	}
	if err == nil && f.Sport == "" {
		err = invalid("choose which sport to change")
	}
	loc := ath.Location()
	day := func(name string, add int) time.Time {
		v := r.PostFormValue(name)
		if v == "" || err != nil {
			return time.Time{}
		}
		d, e := time.ParseInLocation("2006-01-02", v, loc)
		if e != nil {
			err = invalid(name + " must be a date YYYY-MM-DD")
			return time.Time{}
		}
		return d.AddDate(0, 0, add)
	}
	f.From, f.To = day("from", 0), day("to", 1)
	if err != nil {
		return err
	}
	n, err := w.cfg.App.SetSportWhere(r.Context(), ath.ID, f, to)
	if err != nil {
		return err
	}
	http.Redirect(rw, r, fmt.Sprintf("/activities?sport=%s&changed=%d&ok=sport-set", to, n), http.StatusSeeOther)
	return nil
}

func (w *Web) courseDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := formID(r, "course")
	if err == nil {
		err = w.cfg.App.DeleteCourse(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	back(rw, r, "/routes", "deleted-course")
	return nil
}
