package athlete

import (
	"context"
	"fmt"
	"slices"

	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/plan"
	"rekindle/internal/privacy"
	"rekindle/internal/spark"
	"time"
)

// Privacy: the runner's privacy zones and private activities, and the one
// way a track leaves the runner's own views — Shared, which cuts what lies
// inside a zone. Every view or file shown or sent to someone else (coach
// pages and API, anything public) is built from Shared; the runner's own
// pages, archive and export read the stored track unchanged.

// ZoneForm is a privacy zone as entered.
type ZoneForm struct {
	Name    string  `json:"name"`
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	RadiusM float64 `json:"radius_m"`
}

// Zones lists the athlete's privacy zones.
func (a *App) Zones(ctx context.Context, athleteID int64) ([]privacy.Zone, error) {
	zs, err := a.cfg.Store.PrivacyZones(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if zs == nil {
		zs = []privacy.Zone{}
	}
	return zs, nil
}

// AddZone stores a privacy zone (a point and a radius of 200 m–1 km).
func (a *App) AddZone(ctx context.Context, athleteID int64, f ZoneForm) (*privacy.Zone, error) {
	z := privacy.Zone{Name: f.Name, Lat: f.Lat, Lon: f.Lon, RadiusM: f.RadiusM}
	if err := z.Validate(); err != nil {
		return nil, err
	}
	zs, err := a.cfg.Store.PrivacyZones(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if len(zs) >= MaxZones {
		return nil, invalid(fmt.Sprintf("at most %d privacy zones", MaxZones))
	}
	if err := a.cfg.Store.AddPrivacyZone(ctx, athleteID, &z, a.cfg.Now().UTC()); err != nil {
		return nil, err
	}
	a.Changed(athleteID)
	return &z, nil
}

// MaxZones is the most privacy zones an athlete keeps.
const MaxZones = 20

// DeleteZone removes a privacy zone.
func (a *App) DeleteZone(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeletePrivacyZone(ctx, athleteID, id); err != nil {
		if isNotFound(err) {
			return notFound("privacy zone")
		}
		return err
	}
	a.Changed(athleteID)
	return nil
}

// SetPrivate marks an activity private (coaches do not see it) or shared.
func (a *App) SetPrivate(ctx context.Context, athleteID, activityID int64, private bool) error {
	if err := a.cfg.Store.SetActivityPrivate(ctx, athleteID, activityID, private, a.cfg.Now().UTC()); err != nil {
		if isNotFound(err) {
			return ErrNoActivity
		}
		return err
	}
	a.Changed(athleteID)
	return nil
}

// Sharing is what decides how an athlete's data looks to someone else:
// their zones and private activities.
type Sharing struct {
	Zones   []privacy.Zone
	Private map[int64]bool
}

// Sharing loads the athlete's privacy settings.
func (a *App) Sharing(ctx context.Context, athleteID int64) (*Sharing, error) {
	zs, err := a.cfg.Store.PrivacyZones(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	p, err := a.cfg.Store.PrivateActivities(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return &Sharing{Zones: zs, Private: p}, nil
}

// Track is the track as shown to someone else: privacy.Mask with the
// athlete's zones. It is the only function shared views take a track from.
func (s *Sharing) Track(t *rekindle.Track) rekindle.Track { return privacy.Mask(t, s.Zones) }

// Shared makes an activity view fit to show someone else: a private
// activity is not found; the track is masked (the series, the map and the
// activity's own track all come from the masked one), lap sample indices
// are mapped onto it, and the route group (whose name and streets may
// place the runner's home) is left out when the athlete has zones.
func (s *Sharing) Shared(v *ActivityView) (*ActivityView, error) {
	if s.Private[v.Row.ID] {
		return nil, ErrNoActivity
	}
	x := *v.Activity
	keep := privacy.Kept(&x.Track, s.Zones)
	x.Track = s.Track(&v.Activity.Track)
	out := *v
	out.Activity = &x
	out.Series = SeriesOf(&x.Track, x.Start)
	out.Charts = chartsOf(&out.Series)
	out.Laps = append([]rekindle.Lap{}, v.Laps...)
	if keep != nil {
		newIdx := make([]int, len(keep))
		j := 0
		for i, k := range keep {
			newIdx[i] = -1
			if k {
				newIdx[i] = j
				j++
			}
		}
		at := func(i int) int {
			if i < 0 || i >= len(newIdx) {
				return -1
			}
			return newIdx[i]
		}
		for i := range out.Laps {
			out.Laps[i].First, out.Laps[i].Last = at(out.Laps[i].First), at(out.Laps[i].Last)
		}
		x.Laps = out.Laps
	}
	if len(s.Zones) > 0 {
		out.Route = nil
	}
	out.Warnings = nil
	return &out, nil
}

// Rows leaves private activities out of a list shown to someone else.
func (s *Sharing) Rows(rows []ActivityRow) []ActivityRow {
	out := make([]ActivityRow, 0, len(rows))
	for _, r := range rows {
		if !s.Private[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// CoachedActivity is one activity of an athlete as their coach sees it
// (the coach needs the read scope): masked by the athlete's privacy zones,
// not found when the athlete keeps it private.
func (a *App) CoachedActivity(ctx context.Context, coachID, athleteID, id int64) (*ActivityView, *rekindle.Athlete, error) {
	if err := a.CoachAccess(ctx, coachID, athleteID, coach.ScopeRead); err != nil {
		return nil, nil, err
	}
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, nil, err
	}
	sh, err := a.Sharing(ctx, athleteID)
	if err != nil {
		return nil, nil, err
	}
	if sh.Private[id] {
		return nil, nil, ErrNoActivity
	}
	v, err := a.Activity(ctx, ath, id)
	if err != nil {
		return nil, nil, err
	}
	v, err = sh.Shared(v)
	return v, ath, err
}

// PrivacyView is the runner's privacy settings.
type PrivacyView struct {
	Zones   []privacy.Zone `json:"zones"`
	Private []int64        `json:"private_activities"` // ids, kept from coaches
}

// Privacy returns the runner's privacy settings.
func (a *App) Privacy(ctx context.Context, athleteID int64) (*PrivacyView, error) {
	sh, err := a.Sharing(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	v := &PrivacyView{Zones: sh.Zones, Private: []int64{}}
	if v.Zones == nil {
		v.Zones = []privacy.Zone{}
	}
	for id := range sh.Private {
		v.Private = append(v.Private, id)
	}
	slices.Sort(v.Private)
	return v, nil
}

// points cuts a list of [lat, lon] points by the zones (Track, as for
// every shared track).
func (s *Sharing) points(ps [][2]float64) [][2]float64 {
	if len(s.Zones) == 0 {
		return ps
	}
	tr := rekindle.Track{Lat: make([]float64, len(ps)), Lon: make([]float64, len(ps))}
	for i, p := range ps {
		tr.Lat[i], tr.Lon[i] = p[0], p[1]
	}
	shown := s.Track(&tr)
	out := make([][2]float64, len(shown.Lat))
	for i := range shown.Lat {
		out[i] = [2]float64{shown.Lat[i], shown.Lon[i]}
	}
	return out
}

// sessions returns planned sessions as shown to someone else: each
// attached route cut by the zones (a copy; the input is not modified).
func (s *Sharing) sessions(ss []plan.Session) []plan.Session {
	if len(s.Zones) == 0 || ss == nil {
		return ss
	}
	out := slices.Clone(ss)
	for i := range out {
		if r := out[i].Route; r != nil && len(r.Points) > 0 {
			rc := *r
			rc.Points = s.points(r.Points)
			out[i].Route = &rc
		}
	}
	return out
}

// Plan is a plan view as shown to someone else: routes cut by the zones.
func (s *Sharing) Plan(v *PlanView) *PlanView {
	out := *v
	out.Days = slices.Clone(v.Days)
	for i := range out.Days {
		out.Days[i].Sessions = s.sessions(v.Days[i].Sessions)
	}
	if v.Next != nil {
		n := s.sessions([]plan.Session{*v.Next})[0]
		out.Next = &n
	}
	return &out
}

// Home is the home view as shown to someone else: the ideas' planned
// routes cut by the zones, and no links to the runner's own Routes page.
func (s *Sharing) Home(hv *HomeView) *HomeView {
	out := *hv
	rec := func(r spark.Recommendation) spark.Recommendation {
		r.Plan = s.sessions(r.Plan)
		r.Loops = nil
		return r
	}
	if hv.Report != nil {
		rep := *hv.Report
		rep.Recommendations = slices.Clone(rep.Recommendations)
		for i := range rep.Recommendations {
			rep.Recommendations[i] = rec(rep.Recommendations[i])
		}
		out.Report = &rep
	}
	if hv.Top != nil {
		t := rec(*hv.Top)
		out.Top = &t
	}
	out.Others = slices.Clone(hv.Others)
	for i := range out.Others {
		out.Others[i] = rec(out.Others[i])
	}
	return &out
}

// CoachedPlan is the athlete's plan as their coach sees it (the caller
// checked the read scope): routes cut by the athlete's privacy zones.
func (a *App) CoachedPlan(ctx context.Context, athleteID int64, from time.Time, days int) (*PlanView, error) {
	pv, err := a.Plan(ctx, athleteID, from, days)
	if err != nil {
		return nil, err
	}
	sh, err := a.Sharing(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return sh.Plan(pv), nil
}
