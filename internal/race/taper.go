package race

import (
	"fmt"
	"math"
	"rekindle/internal/units"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
)

// Taper constants. science.md §8: for 5K/10K, about 7–10 days with a
// 40–50 % volume cut, frequency and intensity kept, short race-pace work
// (Bosquet et al. 2007: exponential volume cut of 41–60 %). The daily
// factor e^(−0.23·d), d = 0…6, averages 0.556: a 44 % cut over the week.
const (
	taperDays  = 7
	taperDecay = 0.23
	minRunM    = 2000
)

// TaperDay is one day of the week before a race.
type TaperDay struct {
	Date      time.Time `json:"date"` // midnight in the runner's zone
	Kind      string    `json:"kind"` // rest, easy, race_pace, shakeout, race
	DistanceM float64   `json:"distance_m"`
	Text      string    `json:"text"`
}

// Taper is the week before a race, day by day, and the race itself.
type Taper struct {
	Days   []TaperDay `json:"days"`
	TotalM float64    `json:"total_m"` // the 7 days before race day
	UsualM float64    `json:"usual_m"` // the runner's usual week
	CutPct float64    `json:"cut_pct"`
}

// PlanTaper writes the 7 days before the race from the runner's usual week:
// runs on the usual days (frequency kept), each shortened by the
// exponential factor, one with a few minutes at race pace 3–5 days out, a
// short shake-out with strides the day before when that is a running day.
func PlanTaper(r *Race, p *Pattern, loc *time.Location, u rekindle.Unit, lc locale.Locale) Taper {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := r.Start.In(loc).Date()
	raceDay := time.Date(y, m, d, 0, 0, 0, 0, loc)
	days := p.RunDays
	perRun := 0.0
	if p.RunsPerWeek > 0 {
		perRun = p.WeeklyM / p.RunsPerWeek
	}
	if len(days) == 0 {
		days = []time.Weekday{time.Tuesday, time.Thursday, time.Saturday}
	}
	if perRun <= 0 {
		perRun = 5000
	}
	usual := 0.0
	for _, wd := range days {
		usual += dayDist(p, wd, perRun)
	}
	t := Taper{UsualM: usual}
	racePace := ""
	if r.PredictedS > 0 && r.DistanceM > 0 {
		racePace = Pace(r.PredictedS, r.DistanceM, u)
	}
	// The race-pace day: the running day nearest 4 days out, 3–5 days out.
	paceDay := -1
	for _, off := range []int{4, 3, 5} {
		if p.runs(days, raceDay.AddDate(0, 0, -off).Weekday()) {
			paceDay = off
			break
		}
	}
	for i := range taperDays {
		off := taperDays - i // days before the race
		date := raceDay.AddDate(0, 0, -off)
		td := TaperDay{Date: date, Kind: "rest"}
		label := lc.DayShort(date)
		if !p.runs(days, date.Weekday()) {
			td.Text = label + ": rest"
			t.Days = append(t.Days, td)
			continue
		}
		km := roundHalfKm(max(minRunM, dayDist(p, date.Weekday(), perRun)*math.Exp(-taperDecay*float64(i))))
		td.DistanceM = km
		switch {
		case off == 1:
			td.Kind = "shakeout"
			td.DistanceM = min(km, 3000)
			td.Text = fmt.Sprintf("%s: %s shake-out, very easy, with 4 × 20 s strides", label, units.Show(td.DistanceM, u))
		case off == paceDay:
			td.Kind = "race_pace"
			reps := "4 × 1 min"
			if r.DistanceM > 10100 {
				reps = "3 × 1 " + units.Name(u) // a miles runner reads a pace per mile: repeats of a mile
			}
			at := "at race pace"
			if racePace != "" {
				at = "at race pace " + racePace
			}
			td.Text = fmt.Sprintf("%s: %s easy including %s %s, 2 min jog between", label, units.Show(km, u), reps, at)
		default:
			td.Kind = "easy"
			td.Text = fmt.Sprintf("%s: %s easy", label, units.Show(km, u))
		}
		t.TotalM += td.DistanceM
		t.Days = append(t.Days, td)
	}
	raceText := fmt.Sprintf("%s: race day — %s", lc.DayShort(raceDay), r.Name)
	if r.DistanceM > 0 {
		raceText += ", " + r.Distance
	}
	if r.PredictedS > 0 {
		raceText += fmt.Sprintf(", aim for about %s (%s); start a little slower, finish faster", units.ClockOr(r.PredictedS, "–"), racePace)
	}
	t.Days = append(t.Days, TaperDay{Date: raceDay, Kind: "race", DistanceM: r.DistanceM, Text: raceText})
	if usual > 0 {
		t.CutPct = math.Round(100 * (1 - t.TotalM/usual))
	}
	return t
}

func (p *Pattern) runs(days []time.Weekday, wd time.Weekday) bool {
	for _, d := range days {
		if d == wd {
			return true
		}
	}
	return false
}

func dayDist(p *Pattern, wd time.Weekday, perRun float64) float64 {
	if p.DayM[wd] > 0 {
		return p.DayM[wd]
	}
	return perRun
}

func roundHalfKm(m float64) float64 { return math.Round(m/500) * 500 }

// Lines is the taper as text, one line a day, with the summary last.
func (t *Taper) Lines(u rekindle.Unit) []string {
	var out []string
	for _, d := range t.Days {
		out = append(out, d.Text)
	}
	if t.UsualM > 0 {
		out = append(out, fmt.Sprintf("The 7 days before: %s instead of your usual %s (−%.0f%%), same running days, a little race pace to stay sharp",
			units.Show(t.TotalM, u), units.Show(t.UsualM, u), t.CutPct))
	}
	return out
}

// TaperSessions is a race's taper (as the races page shows it) as the
// sessions the race idea writes into the plan: the days before and the race
// itself, each with the taper's own words. One generator for every race
// idea: a race from the runner's calendar and spark's race day without one.
func TaperSessions(t *Taper, r *Race, place string) []plan.Session {
	out := make([]plan.Session, 0, len(t.Days))
	for _, d := range t.Days {
		note := d.Text
		if _, after, ok := strings.Cut(d.Text, ": "); ok {
			note = after
		}
		s := plan.Session{Day: d.Date.Format(time.DateOnly), Sport: rekindle.SportRunning, DistanceM: d.DistanceM, Note: note}
		switch d.Kind {
		case "rest":
			s.Kind, s.Sport, s.DistanceM, s.Note = plan.KindRest, "", 0, "taper"
		case "race_pace":
			s.Kind = plan.KindQuality
			if _, rest, ok := strings.Cut(note, " including "); ok {
				s.Note = "easy, including " + rest
			}
		case "shakeout":
			s.Kind = plan.KindEasy
			if _, rest, ok := strings.Cut(note, " shake-out, "); ok {
				s.Note = "shake-out, " + rest
			}
		case "race":
			s.Kind, s.Place, s.Note = plan.KindRace, place, r.Name
			if r.PredictedS > 0 {
				s.Note += ": aim for about " + units.ClockOr(r.PredictedS, "–") + ", start a little slower, finish faster"
				if r.DistanceM > 0 {
					s.PaceMS = r.DistanceM / r.PredictedS
				}
			}
		default:
			s.Kind, s.Note = plan.KindEasy, "taper"
		}
		out = append(out, s)
	}
	return out
}
