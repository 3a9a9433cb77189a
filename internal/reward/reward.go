// Package reward is the runner's reward ledger: a reward ("new shoes", "a
// massage", "dinner at Lucia's", "a run with an old friend"), the condition
// that earns it, and its progress computed from the runner's own activities,
// experiments and gear. It is pure.
package reward

import (
	"fmt"
	"math"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
)

// Kind is what earns a reward. The values are stable keys.
type Kind string

// Kinds of condition.
const (
	KindRuns       Kind = "runs"       // run N times within D days
	KindDistance   Kind = "distance"   // run X metres within D days
	KindExperiment Kind = "experiment" // see an accepted spark idea through its watch window
	KindShoe       Kind = "shoe"       // a pair of shoes reaches its retire distance: new shoes earned
	KindNone       Kind = "none"       // no condition: a reward to take when wanted
)

// Reward is one entry of the ledger.
type Reward struct {
	ID           int64
	Text         string
	Kind         Kind
	Runs         int     // KindRuns: how many runs
	DistanceM    float64 // KindDistance: how far
	Days         int     // KindRuns, KindDistance: within how many days of Start
	ExperimentID int64   // KindExperiment
	GearID       int64   // KindShoe
	Start        time.Time
	Earned       time.Time // zero until earned (as recorded)
	Claimed      time.Time // zero until taken
}

// Validate checks a reward before it is stored.
func (r *Reward) Validate() error {
	switch {
	case strings.TrimSpace(r.Text) == "" || len(r.Text) > 500:
		return rekindle.Errorf(rekindle.CodeInvalid, "a reward needs a text (at most 500 bytes)")
	case r.Start.IsZero():
		return rekindle.Errorf(rekindle.CodeInvalid, "a reward needs a start")
	}
	switch r.Kind {
	case KindRuns:
		if r.Runs < 1 || r.Runs > 1000 || r.Days < 1 || r.Days > 366 {
			return rekindle.Errorf(rekindle.CodeInvalid, "runs condition: want 1–1000 runs within 1–366 days")
		}
	case KindDistance:
		if !(r.DistanceM > 0 && r.DistanceM <= 1e7) || r.Days < 1 || r.Days > 366 {
			return rekindle.Errorf(rekindle.CodeInvalid, "distance condition: want 0–10,000 km within 1–366 days")
		}
	case KindExperiment:
		if r.ExperimentID <= 0 {
			return rekindle.Errorf(rekindle.CodeInvalid, "experiment condition: name the accepted idea")
		}
	case KindShoe:
		if r.GearID <= 0 {
			return rekindle.Errorf(rekindle.CodeInvalid, "shoe condition: name the shoes")
		}
	case KindNone:
	default:
		return rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("reward condition %q: want runs, distance, experiment, shoe or none", r.Kind))
	}
	return nil
}

// Deadline is the end of the window of a runs or distance condition (zero
// for other kinds).
func (r *Reward) Deadline() time.Time {
	if r.Kind == KindRuns || r.Kind == KindDistance {
		return r.Start.AddDate(0, 0, r.Days)
	}
	return time.Time{}
}

// Run is one run as the ledger sees it.
type Run struct {
	Start     time.Time
	DistanceM float64
}

// Experiment is an accepted spark idea and when its watch window ends.
type Experiment struct {
	ID    int64
	Title string
	Ends  time.Time
}

// Shoe is a pair of shoes with its mileage (package gear).
type Shoe struct {
	ID        int64
	Name      string
	DistanceM float64
	RetireAtM float64
	ReachedAt time.Time // when it reached RetireAtM; zero when not yet
}

// Facts is what progress is computed from: runs (any order), experiments and shoes.
type Facts struct {
	Runs        []Run
	Experiments []Experiment
	Shoes       []Shoe
}

// Progress is how far a reward's condition is by a moment.
type Progress struct {
	Done     float64   `json:"done"`
	Target   float64   `json:"target"`
	Unit     string    `json:"unit"` // "runs", "m", "days", ""
	Share    float64   `json:"share"`
	Earned   bool      `json:"earned"`
	EarnedAt time.Time `json:"earned_at,omitzero"`
	Deadline time.Time `json:"deadline,omitzero"`
	Expired  bool      `json:"expired"` // the window ended before it was earned
	Missing  bool      `json:"missing"` // the experiment or shoes named are unknown
}

// Evaluate computes a reward's progress at asOf from facts. A reward already
// recorded as earned stays earned.
func Evaluate(r *Reward, f *Facts, asOf time.Time) Progress {
	p := Progress{Deadline: r.Deadline()}
	switch r.Kind {
	case KindRuns, KindDistance:
		end := p.Deadline
		if asOf.Before(end) {
			end = asOf
		}
		p.Target, p.Unit = float64(r.Runs), "runs"
		if r.Kind == KindDistance {
			p.Target, p.Unit = r.DistanceM, "m"
		}
		runs := inWindow(f.Runs, r.Start, end)
		for _, x := range runs {
			if r.Kind == KindRuns {
				p.Done++
			} else {
				p.Done += x.DistanceM
			}
			if p.EarnedAt.IsZero() && p.Done >= p.Target {
				p.EarnedAt = x.Start
			}
		}
		p.Earned = !p.EarnedAt.IsZero()
		p.Expired = !p.Earned && !asOf.Before(p.Deadline)
	case KindExperiment:
		p.Unit, p.Missing = "days", true
		for _, e := range f.Experiments {
			if e.ID != r.ExperimentID {
				continue
			}
			p.Missing, p.Deadline = false, e.Ends
			p.Target = math.Max(1, math.Ceil(e.Ends.Sub(r.Start).Hours()/24))
			p.Done = math.Min(p.Target, math.Max(0, math.Floor(asOf.Sub(r.Start).Hours()/24)))
			if !asOf.Before(e.Ends) {
				p.Earned, p.EarnedAt, p.Done = true, e.Ends, p.Target
			}
		}
	case KindShoe:
		p.Unit, p.Missing = "m", true
		for _, s := range f.Shoes {
			if s.ID != r.GearID {
				continue
			}
			p.Missing, p.Done, p.Target = false, s.DistanceM, s.RetireAtM
			if s.RetireAtM > 0 && s.DistanceM >= s.RetireAtM && !s.ReachedAt.After(asOf) {
				p.Earned, p.EarnedAt = true, s.ReachedAt
			}
		}
	case KindNone:
		p.Earned, p.EarnedAt, p.Done, p.Target = true, r.Start, 1, 1
	}
	if p.Target > 0 {
		p.Share = math.Min(1, p.Done/p.Target)
	}
	if !r.Earned.IsZero() && !r.Earned.After(asOf) {
		p.Earned, p.EarnedAt, p.Expired = true, r.Earned, false
		p.Share = 1
	}
	return p
}

// inWindow returns the runs started in [from, to), by start.
func inWindow(runs []Run, from, to time.Time) []Run {
	var out []Run
	for _, x := range runs {
		if !x.Start.Before(from) && x.Start.Before(to) {
			out = append(out, x)
		}
	}
	for i := 1; i < len(out); i++ { // few runs per window: insertion sort
		for j := i; j > 0 && out[j].Start.Before(out[j-1].Start); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// Describe is the condition in words: "run 8 times in 14 days".
// unitM is the length of the runner's distance unit in metres, unit its name.
func Describe(r *Reward, f *Facts, unitM float64, unit string) string {
	switch r.Kind {
	case KindRuns:
		return fmt.Sprintf("run %d times in %d days", r.Runs, r.Days)
	case KindDistance:
		return fmt.Sprintf("run %s %s in %d days", num(r.DistanceM/unitM), unit, r.Days)
	case KindExperiment:
		for _, e := range f.Experiments {
			if e.ID == r.ExperimentID && e.Title != "" {
				return fmt.Sprintf("see %q through", e.Title)
			}
		}
		return fmt.Sprintf("see experiment %d through", r.ExperimentID)
	case KindShoe:
		for _, s := range f.Shoes {
			if s.ID == r.GearID {
				return fmt.Sprintf("your %s reach %s %s", s.Name, num(s.RetireAtM/unitM), unit)
			}
		}
		return "your shoes reach their retire distance"
	}
	return "no condition"
}

// Status is the progress in words: "5 of 8 runs, until Sun 16 Mar".
func Status(r *Reward, p Progress, unitM float64, unit string, loc *time.Location, lc locale.Locale) string {
	if loc == nil {
		loc = time.UTC
	}
	switch {
	case !r.Claimed.IsZero():
		return "claimed " + lc.Day(r.Claimed.In(loc))
	case p.Earned:
		return "earned " + lc.Day(p.EarnedAt.In(loc)) + ": claim it"
	case p.Missing:
		return "the experiment or shoes it names are gone"
	}
	var s string
	switch p.Unit {
	case "runs":
		s = fmt.Sprintf("%s of %s runs", num(p.Done), num(p.Target))
	case "m":
		s = fmt.Sprintf("%s of %s %s", num(p.Done/unitM), num(p.Target/unitM), unit)
	case "days":
		s = fmt.Sprintf("day %s of %s", num(p.Done), num(p.Target))
	}
	if p.Expired {
		return s + ", window ended " + lc.DayShort(p.Deadline.Add(-time.Second).In(loc))
	}
	if !p.Deadline.IsZero() {
		s += ", until " + lc.DayShort(p.Deadline.Add(-time.Second).In(loc)) // the last day of the window
	}
	return s
}

// num formats a count or distance: whole numbers without decimals, else one.
func num(v float64) string {
	if v >= 100 || v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}
