package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

func (w *Web) gearPage(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	w.renderGear(rw, r, ath, http.StatusOK, "")
	return nil
}

func (w *Web) renderGear(rw http.ResponseWriter, r *http.Request, ath *rekindle.Athlete, status int, errMsg string) {
	// The page is the athlete's data (its stamp: gear, rewards, runs,
	// ideas) as of the minute (App.Gear's mileage and rewards are worked out
	// once a minute): the same stamp, minute and zone make the same page,
	// sent again without reading the rewards. A reward that became earned
	// is marked when the page is made, and marking it is a new stamp.
	var of *[3]any
	if stamp, err := w.cfg.App.Stamp(r.Context(), ath.ID); err == nil && status == http.StatusOK && errMsg == "" {
		k := [3]any{stamp, w.cfg.App.Now().UTC().Format("2006-01-02T15:04"), ath.TimeZone}
		if w.sendRendered(rw, r, status, "gear", page{Title: "Gear & rewards", Nav: "gear"}, lookOf(ath), k) {
			return
		}
		of = &k
	}
	v, err := w.cfg.App.Gear(r.Context(), ath)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.renderOf(rw, r, status, "gear", page{Title: "Gear & rewards", Nav: "gear", Error: errMsg, Data: map[string]any{"Gear": v}}, lookOf(ath), of)
}

// formDist reads a distance in the athlete's unit into metres (0 when empty).
func formDist(r *http.Request, name string, u rekindle.Unit) (float64, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || !(f >= 0) || math.IsInf(f, 0) {
		return 0, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "distances must be positive numbers"}
	}
	return f * unitsOf[unitOr(u)].distM, nil
}

func formID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such " + what + "."}
	}
	return id, nil
}

func (w *Web) gearAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	f := athlete.GearForm{Kind: r.PostFormValue("kind"), Name: r.PostFormValue("name"), Brand: r.PostFormValue("brand"), Default: r.PostFormValue("default") == "on"}
	var err error
	if f.RetireAtM, err = formDist(r, "retire_at", ath.Unit); err == nil {
		f.StartM, err = formDist(r, "start", ath.Unit)
	}
	if err == nil {
		_, err = w.cfg.App.AddGear(r.Context(), ath, f)
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderGear(rw, r, ath, status, msg)
		return nil
	}
	back(rw, r, "/gear", "gear")
	return nil
}

func (w *Web) gearRetire(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := formID(r, "gear")
	if err == nil {
		err = w.cfg.App.RetireGear(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	back(rw, r, "/gear", "retired")
	return nil
}

func (w *Web) rewardAdd(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	f := athlete.RewardForm{Text: r.PostFormValue("text")}
	var err error
	f.Days, _ = strconv.Atoi(r.PostFormValue("days"))
	switch r.PostFormValue("condition") {
	case "runs":
		f.Runs, _ = strconv.Atoi(r.PostFormValue("runs"))
		if f.Runs <= 0 {
			err = &rekindle.Error{Code: rekindle.CodeInvalid, Message: "How many runs?"}
		}
	case "distance":
		f.DistanceM, err = formDist(r, "distance", ath.Unit)
		if err == nil && f.DistanceM <= 0 {
			err = &rekindle.Error{Code: rekindle.CodeInvalid, Message: "How far?"}
		}
	case "shoe":
		f.ShoeID, _ = strconv.ParseInt(r.PostFormValue("shoe"), 10, 64)
		if f.ShoeID <= 0 {
			err = &rekindle.Error{Code: rekindle.CodeInvalid, Message: "Which shoes?"}
		}
	}
	if err == nil {
		_, err = w.cfg.App.AddReward(r.Context(), ath, f)
	}
	if err != nil {
		_, status, msg := server.DescribeFor(r, err)
		w.renderGear(rw, r, ath, status, msg)
		return nil
	}
	back(rw, r, "/gear", "reward")
	return nil
}

func (w *Web) rewardClaim(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := formID(r, "reward")
	if err == nil {
		err = w.cfg.App.ClaimReward(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	back(rw, r, "/gear", "claimed")
	return nil
}

func (w *Web) rewardDelete(rw http.ResponseWriter, r *http.Request, p *server.Principal, ath *rekindle.Athlete) error {
	id, err := formID(r, "reward")
	if err == nil {
		err = w.cfg.App.DeleteReward(r.Context(), ath.ID, id)
	}
	if err != nil {
		return err
	}
	back(rw, r, "/gear", "deleted-reward")
	return nil
}
