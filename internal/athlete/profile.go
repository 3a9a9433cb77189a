package athlete

import (
	"context"
	"io"
	"math"
	"rekindle"
	"rekindle/internal/export"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"strings"
	"time"
)

// Profile is the athlete's editable settings.
type Profile struct {
	Name            string  `json:"name"`
	Email           string  `json:"email"`
	Sex             string  `json:"sex"`
	BirthYear       int     `json:"birth_year"`
	RestingHR       float64 `json:"resting_hr"`
	MaxHR           float64 `json:"max_hr"`
	ThresholdPaceMS float64 `json:"threshold_pace_ms"`
	TimeZone        string  `json:"time_zone"`
	Unit            string  `json:"unit"`
	// Locale is how dates are written for the athlete ("de-DE", "en-US");
	// "" lets rekindle infer it (en-US for a home in the United States,
	// else en-GB). JSON dates stay ISO whatever it is.
	Locale  string  `json:"locale"`
	HomeLat float64 `json:"home_lat"`
	HomeLon float64 `json:"home_lon"`
}

// ProfileOf exports an athlete's settings.
func ProfileOf(ath *rekindle.Athlete) Profile {
	return Profile{ath.Name, ath.Email, string(ath.Sex), ath.BirthYear, ath.RestingHR, ath.MaxHR, ath.ThresholdPaceMS, ath.TimeZone, string(ath.Unit), ath.Locale, ath.HomeLat, ath.HomeLon}
}

// ApplyProfile validates p and writes it onto ath.
func ApplyProfile(ath *rekindle.Athlete, p Profile, now time.Time) error {
	switch {
	case len(p.Name) > 100:
		return invalid("the name is too long")
	case p.Sex != "" && p.Sex != string(rekindle.SexMale) && p.Sex != string(rekindle.SexFemale):
		return invalid(`sex must be "male", "female" or empty`)
	case p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > now.Year()):
		return invalid("birth year out of range")
	case p.RestingHR != 0 && (p.RestingHR < 25 || p.RestingHR > 120):
		return invalid("resting heart rate must be 25–120 bpm")
	case p.MaxHR != 0 && (p.MaxHR < 100 || p.MaxHR > 240):
		return invalid("maximum heart rate must be 100–240 bpm")
	case p.ThresholdPaceMS != 0 && (p.ThresholdPaceMS < 1 || p.ThresholdPaceMS > 8):
		return invalid("threshold pace must be 1–8 m/s")
	case p.Unit != "" && p.Unit != string(rekindle.UnitKm) && p.Unit != string(rekindle.UnitMi):
		return invalid(`unit must be "km" or "mi"`)
	case p.HomeLat < -90 || p.HomeLat > 90 || p.HomeLon < -180 || p.HomeLon > 180 || math.IsNaN(p.HomeLat) || math.IsNaN(p.HomeLon):
		return invalid("home location out of range")
	}
	lc, err := locale.Parse(p.Locale)
	if err != nil {
		return invalid(err.Error())
	}
	if p.TimeZone != "" {
		if _, err := time.LoadLocation(p.TimeZone); err != nil || strings.Contains(p.TimeZone, "..") {
			return invalid("unknown time zone " + p.TimeZone)
		}
	}
	ath.Name, ath.Sex, ath.BirthYear = strings.TrimSpace(p.Name), rekindle.Sex(p.Sex), p.BirthYear
	ath.RestingHR, ath.MaxHR, ath.ThresholdPaceMS = p.RestingHR, p.MaxHR, p.ThresholdPaceMS
	if p.TimeZone != ath.TimeZone {
		// A zone the runner chose is theirs: inference (from positions or
		// start hours) never changes it; clearing it lets inference try again.
		ath.TimeZoneSource = "user"
		if p.TimeZone == "" {
			ath.TimeZoneSource = ""
		}
	}
	ath.TimeZone, ath.Unit, ath.HomeLat, ath.HomeLon = p.TimeZone, rekindle.Unit(p.Unit), p.HomeLat, p.HomeLon
	if ath.Unit == "" {
		ath.Unit = rekindle.UnitKm
	}
	ath.Locale = string(lc)
	return nil
}

// UpdateProfile applies and stores a profile.
func (a *App) UpdateProfile(ctx context.Context, athleteID int64, p Profile) (*rekindle.Athlete, error) {
	ath, err := a.Athlete(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if err := ApplyProfile(ath, p, a.cfg.Now()); err != nil {
		return nil, err
	}
	if err := a.cfg.Store.UpdateAthlete(ctx, ath); err != nil {
		return nil, err
	}
	a.Changed(athleteID)
	return ath, nil
}

// Export writes the athlete's export zip: the original files they
// imported, activities.json, a track file per activity and every table of
// their data (package export; it streams), dated by the application's clock.
func (a *App) Export(ctx context.Context, w io.Writer, athleteID int64) (export.Stats, error) {
	return export.Write(ctx, a.cfg.Store, athleteID, a.cfg.Now(), w)
}

// Decide records a decision on a recommendation of the current report.
// decision is "accept", "dismiss" (not for me) or "snooze" (later).
// Accepting an idea that is day by day writes its sessions into the plan
// (returned), exactly as 'rekindle spark accept' does.
func (a *App) Decide(ctx context.Context, ath *rekindle.Athlete, recID, decision string) (*spark.Experiment, []plan.Session, error) {
	if a.cfg.Spark == nil {
		return nil, nil, &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "recommendation decisions are not stored by this server yet"}
	}
	var state spark.State
	switch decision {
	case "accept":
		state = spark.StateAccepted
	case "dismiss", "not_for_me":
		state = spark.StateDismissed
	case "snooze", "later":
		state = spark.StateSnoozed
	default:
		return nil, nil, invalid(`decision must be "accept", "dismiss" or "snooze"`)
	}
	now := a.cfg.Now()
	// The report the card was shown from: Home's of the day, at its noon
	// (DayAsOf, as the pages, the API and the CLI compute it), not of this
	// moment (a run later in the day would change the ideas).
	hv, err := a.Home(ctx, ath, DayAsOf(now, ath.Location()))
	if err != nil {
		return nil, nil, err
	}
	var rec *spark.Recommendation
	for i := range hv.Report.Recommendations {
		if hv.Report.Recommendations[i].ID == recID {
			rec = &hv.Report.Recommendations[i]
		}
	}
	if rec == nil {
		return nil, nil, notFound("recommendation")
	}
	e := spark.Experiment{RecID: rec.ID, Strategy: rec.Strategy, Title: rec.Title, State: state, At: now.UTC()}
	if state == spark.StateAccepted {
		// Judged once the idea has had its chance: after its last session.
		e.WindowDays = rec.WatchDays(e.At, ath.Location(), spark.DefaultWindowDays)
	}
	id, err := a.cfg.Spark.AddExperiment(ctx, ath.ID, e)
	if err != nil {
		return nil, nil, err
	}
	e.ID = id
	a.Changed(ath.ID)
	planned, err := a.writeIdeaPlan(ctx, ath.ID, &e, rec)
	if err != nil {
		return nil, nil, err
	}
	return &e, planned, nil
}

// CheckInForm is a check-in as submitted.
type CheckInForm struct {
	Enjoyment  int      `json:"enjoyment"`     // 1–5
	RPE        *float64 `json:"rpe,omitempty"` // 0–10
	Note       string   `json:"note,omitempty"`
	Companions *int     `json:"companions,omitempty"` // people run with; absent: not said
	Surface    string   `json:"surface,omitempty"`
}

// CheckIn records a check-in for one of the athlete's activities.
func (a *App) CheckIn(ctx context.Context, athleteID, activityID int64, f CheckInForm) (*rekindle.CheckIn, error) {
	if a.cfg.Spark == nil {
		return nil, &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "check-ins are not stored by this server yet"}
	}
	if _, err := a.cfg.Store.GetActivity(ctx, athleteID, activityID); err != nil {
		if isNotFound(err) {
			return nil, ErrNoActivity
		}
		return nil, err
	}
	switch {
	case f.Enjoyment < 1 || f.Enjoyment > 5:
		return nil, invalid("enjoyment must be 1–5")
	case f.RPE != nil && (*f.RPE < 0 || *f.RPE > 10 || math.IsNaN(*f.RPE)):
		return nil, invalid("effort (RPE) must be 0–10")
	case len(f.Note) > 2000:
		return nil, invalid("the note is too long")
	case f.Companions != nil && (*f.Companions < 0 || *f.Companions > 1000):
		return nil, invalid("companions out of range")
	}
	switch f.Surface {
	case "", "road", "trail", "track", "treadmill", "mixed":
	default:
		return nil, invalid("surface must be road, trail, track, treadmill or mixed")
	}
	c := rekindle.CheckIn{AthleteID: athleteID, ActivityID: activityID, At: a.cfg.Now().UTC(), Enjoyment: f.Enjoyment,
		RPE: math.NaN(), Note: strings.TrimSpace(f.Note), Companions: rekindle.CompanionsUnknown, Surface: f.Surface}
	if f.Companions != nil {
		c.Companions = *f.Companions
	}
	if f.RPE != nil {
		c.RPE = *f.RPE
	}
	if err := a.cfg.Spark.AddCheckIn(ctx, c); err != nil {
		return nil, err
	}
	a.Changed(athleteID)
	return &c, nil
}

// TokenView is an API token without its secret.
type TokenView struct {
	ID       int64     `json:"id"`
	Name     string    `json:"name"`
	Created  time.Time `json:"created_at"`
	LastUsed time.Time `json:"last_used_at,omitzero"`
	Token    string    `json:"token,omitempty"` // only in the response that created it
}

// SaveAthlete stores an athlete record as the caller changed it (the
// terminal's 'athlete set', the demo's simulated runner).
func (a *App) SaveAthlete(ctx context.Context, ath *rekindle.Athlete) error {
	if err := a.cfg.Store.UpdateAthlete(ctx, ath); err != nil {
		return err
	}
	a.Changed(ath.ID)
	return nil
}

// AthleteRecord returns the athlete record exactly as stored (Athlete fills
// defaults and remembers it): for read-modify-write with SaveAthlete and
// for lookups that report the store's not-found error.
func (a *App) AthleteRecord(ctx context.Context, athleteID int64) (*rekindle.Athlete, error) {
	return a.cfg.Store.GetAthlete(ctx, athleteID)
}

// Dates is how the athlete reads dates: their locale, or the one inferred
// from their home country. Every page, CLI text, plan line and idea card
// writes a day through it.
func Dates(ath *rekindle.Athlete) locale.Locale {
	if ath == nil {
		return locale.Default
	}
	return locale.ForAthlete(ath.Locale, ath.Country)
}
