package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

// zoneForm reads a privacy zone: a name, "lat, lon" (as copied from a map)
// and a radius in metres.
func zoneForm(r *http.Request) (athlete.ZoneForm, error) {
	f := athlete.ZoneForm{Name: r.PostFormValue("name")}
	la, lo, ok := strings.Cut(r.PostFormValue("position"), ",")
	var err1, err2, err3 error
	f.Lat, err1 = strconv.ParseFloat(strings.TrimSpace(la), 64)
	f.Lon, err2 = strconv.ParseFloat(strings.TrimSpace(lo), 64)
	f.RadiusM, err3 = strconv.ParseFloat(strings.TrimSpace(r.PostFormValue("radius_m")), 64)
	if !ok || err1 != nil || err2 != nil {
		return f, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Give the zone's centre as latitude, longitude (for example 52.5200, 13.4050)."}
	}
	if err3 != nil {
		return f, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Give the zone's radius in metres (200–1000)."}
	}
	return f, nil
}

func (w *Web) zoneAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	f, err := zoneForm(r)
	if err == nil {
		_, err = w.cfg.App.AddZone(r.Context(), ath.ID, f)
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		if status >= 500 {
			return err
		}
		w.settingsRender(rw, r, p, ath, status, msg, nil)
		return nil
	}
	http.Redirect(rw, r, "/settings?ok=zone-added#privacy", http.StatusSeeOther)
	return nil
}

func (w *Web) zoneDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err == nil {
		err = w.cfg.App.DeleteZone(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	http.Redirect(rw, r, "/settings?ok=zone-deleted#privacy", http.StatusSeeOther)
	return nil
}

func (w *Web) activityPrivate(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := pathID(r)
	if err == nil {
		err = w.cfg.App.SetPrivate(r.Context(), ath.ID, id, r.PostFormValue("private") == "on")
	}
	if err != nil {
		return err
	}
	http.Redirect(rw, r, fmt.Sprintf("/activities/%d?ok=privacy#privacy", id), http.StatusSeeOther)
	return nil
}
