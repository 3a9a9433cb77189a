package web

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/server"
	"rekindle/internal/store"
)

// The runner's fixes to imported data: one activity's sport, name and race
// mark, the sport of many at once, and saved courses. The logic is in the
// store; these handlers only read the form.
func (w *Web) editRoutes() []pageRoute {
	return []pageRoute{
		{"POST /activities/{id}/edit", w.activityEdit},
		{"POST /activities/set-sport", w.activitiesSetSport},
		{"POST /routes/courses/{id}/delete", w.courseDelete},
	}
}

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

func (w *Web) activityEdit(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := pathID(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	var e store.ActivityEdit
	sp, err := formSport(r, "sport")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	st := w.cfg.App.Store()
	a, err := st.GetActivity(r.Context(), ath.ID, id)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	if sp != "" && sp != a.Sport {
		e.Sport = &sp
	}
	if _, ok := r.PostForm["name"]; ok {
		if n := strings.TrimSpace(r.PostFormValue("name")); n != a.Name && n != a.DisplayName(ath.Location()) {
			if len(n) > 200 {
				w.fail(rw, r, invalid("a name is at most 200 characters"))
				return
			}
			e.Name = &n
		}
	}
	switch r.PostFormValue("race") {
	case "yes", "no":
		v := r.PostFormValue("race") == "yes"
		if a.RaceOverride == nil || *a.RaceOverride != v {
			e.SetRace, e.Race = true, &v
		}
	case "auto":
		if a.RaceOverride != nil {
			e.SetRace = true
		}
	case "":
	default:
		w.fail(rw, r, invalid("race must be yes, no or auto"))
		return
	}
	if err := st.EditActivity(r.Context(), ath.ID, id, e); err != nil {
		w.fail(rw, r, err)
		return
	}
	w.views.drop(ath.ID, id)
	http.Redirect(rw, r, fmt.Sprintf("/activities/%d?ok=edited", id), http.StatusSeeOther)
}

func (w *Web) activitiesSetSport(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
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
		w.fail(rw, r, err)
		return
	}
	n, err := w.cfg.App.Store().SetSportWhere(r.Context(), ath.ID, f, to)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.views.clear(ath.ID)
	http.Redirect(rw, r, fmt.Sprintf("/activities?sport=%s&changed=%d&ok=sport-set", to, n), http.StatusSeeOther)
}

func (w *Web) courseDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) {
	id, err := formID(r, "course")
	if err == nil {
		err = w.cfg.App.Store().DeleteCourse(r.Context(), ath.ID, id)
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	back(rw, r, "/routes", "deleted-course")
}

// drop forgets one cached activity view; clear forgets an athlete's.
func (c *viewCache) drop(athleteID, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, [2]int64{athleteID, id})
}

func (c *viewCache) clear(athleteID int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if k[0] == athleteID {
			delete(c.m, k)
		}
	}
}
