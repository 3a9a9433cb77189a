package spark

import (
	"slices"

	"rekindle"
	"rekindle/internal/training"
)

// FromTraining carries the training picture's numbers into spark's input
// and returns the session loads it computed, by activity id.
func FromTraining(tr *training.Report) (*Training, map[int64]float64) {
	t := &Training{
		Fitness: tr.Today.Fitness, Fatigue: tr.Today.Fatigue, Form: tr.Today.Form,
		WeeksSinceLightWeek: float64(tr.WeeksSinceLightWeek), VDOT: tr.Fitness.VDOT,
		RaceMaxHR: tr.RaceMaxHR, RaceShareMaxHR: tr.RaceShareMaxHR, HasValues: tr.HistoryDays > 0, VDOTFound: tr.Fitness.FoundWords(),
	}
	if tr.Athlete.ThresholdPaceSource == training.SourceAthlete && tr.Athlete.ThresholdPaceSPerKm > 0 {
		t.ThresholdSpeedMS = 1000 / tr.Athlete.ThresholdPaceSPerKm
	}
	h := tr.Habit
	t.Habit = &h
	if tr.Last7Days.Defined {
		t.Monotony, t.RunMonotony = tr.Last7Days.Monotony, tr.Last7Days.RunMonotony
	}
	if n := len(tr.Days); n > 28 && tr.Days[n-29].Fitness > 0 {
		t.FitnessTrendPct = 100 * (tr.Days[n-1].Fitness/tr.Days[n-29].Fitness - 1)
	}
	loads := make(map[int64]float64, len(tr.Sessions))
	for _, s := range tr.Sessions {
		loads[s.ActivityID] = s.Load
	}
	return t, loads
}

// RouteRef is the route group an activity belongs to, as the caller knows it.
type RouteRef struct {
	Key  string // the group's id
	Name string // its display name
	// Kind is the route package's kind of the group; "treadmill" (runs
	// with no positions: treadmills, but also summary-only imports) is no
	// route at all, so those runs count as routes unknown. Neither is
	// "track" (laps in a small area): a running track is a venue, the same
	// by construction whatever the session, so track runs are judged by
	// their distances and times, not as one route run again and again.
	Kind string
}

// AddHistory appends the activities as sessions, with their loads and route
// groups, and gives an activity the runner rated with an RPE (from a
// Strava export, say) but never checked in a check-in carrying that RPE.
// Check-ins already in the input are kept and take precedence.
func (in *Input) AddHistory(acts []rekindle.Activity, loads map[int64]float64, routes map[int64]RouteRef) {
	withCheckIn := make(map[int64]bool, len(in.CheckIns))
	for _, c := range in.CheckIns {
		withCheckIn[c.ActivityID] = true
	}
	in.Sessions = slices.Grow(in.Sessions, len(acts))
	for i := range acts {
		a := &acts[i]
		s := Session{
			ID: a.ID, Start: a.Start, Sport: a.Sport, Name: a.Name, DistanceM: a.Summary.DistanceM,
			MovingS: a.Summary.MovingS, AvgSpeedMS: a.Summary.AvgSpeedMS, BestEfforts: a.Summary.BestEfforts,
			Gear: a.Gear, Load: loads[a.ID], AvgHR: a.Summary.AvgHR, RaceMark: a.RaceOverride,
			AscentM: a.Summary.AscentM,
		}
		if a.TimeImpossible() {
			// Its source's clock is wrong (rekindle.Activity.TimeImpossible):
			// the run counts by its distance; no pace, effort or race reads it.
			s.AvgSpeedMS, s.BestEfforts = 0, nil
		}
		if r, ok := routes[a.ID]; ok && r.Kind != "treadmill" && r.Kind != "track" {
			s.RouteKey, s.RouteName = r.Key, r.Name
		}
		in.Sessions = append(in.Sessions, s)
		if a.RPE > 0 && !withCheckIn[a.ID] {
			in.CheckIns = append(in.CheckIns, rekindle.CheckIn{AthleteID: a.AthleteID, ActivityID: a.ID, At: a.Start, RPE: a.RPE, Companions: rekindle.CompanionsUnknown})
		}
	}
}
