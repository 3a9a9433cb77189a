package spark

import (
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/units"
)

// State is what the runner did with a recommendation.
type State string

// States.
const (
	StateAccepted  State = "accepted"  // trying it: an experiment with a watch window
	StateDismissed State = "dismissed" // "not for me"
	StateSnoozed   State = "snoozed"   // ask again later
)

// Outcome is the judgement of an experiment once its window has ended.
type Outcome string

// Outcomes.
const (
	OutcomeWatching Outcome = "watching" // the window has not ended yet
	OutcomeWorked   Outcome = "worked"
	OutcomeNoChange Outcome = "no_change"
	OutcomeWorse    Outcome = "worse"
	// OutcomeAbandoned is an experiment the runner gave up before it was
	// judged: its future sessions left the plan.
	OutcomeAbandoned Outcome = "abandoned"
)

// DefaultWindowDays is the watch window of an accepted idea.
const DefaultWindowDays = 14

// DefaultSnoozeDays is how long a snoozed idea stays away.
const DefaultSnoozeDays = 7

// Timing of how long ideas stay away.
const (
	dismissDays = 180 // a dismissed idea
	failedDays  = 90  // a strategy whose experiment did not work
	judgeDays   = 730 // experiments older than this no longer count
)

// Experiment is a decision the runner made about a recommendation.
type Experiment struct {
	ID         int64
	RecID      string
	Strategy   rekindle.Strategy
	Title      string
	State      State
	At         time.Time // when decided; an accepted idea's window starts on this day
	WindowDays int       // accepted: the watch window, DefaultWindowDays when 0
	Until      time.Time // snoozed: until when; zero means DefaultSnoozeDays after At
	// Abandoned is when the runner gave the experiment up; zero when not.
	Abandoned time.Time
}

// WatchDays is the watch window of an idea accepted at: at least least days,
// and long enough that the idea has had its chance — it is judged the day
// after its last planned session (a race idea after the race), never
// before. At most 365 days.
func (r *Recommendation) WatchDays(at time.Time, loc *time.Location, least int) int {
	if loc == nil {
		loc = time.UTC
	}
	w := least
	if w <= 0 {
		w = DefaultWindowDays
	}
	y, m, d := at.In(loc).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if last, err := time.Parse(time.DateOnly, plan.Last(r.Plan)); err == nil {
		// The window [start, start+w) must hold the last day.
		w = max(w, int(last.Sub(start).Hours()/24)+1)
	}
	return max(1, min(w, 365))
}

// Ends is the day an accepted experiment's watch window ends (its start
// day in loc plus the window): when rekindle judges it.
func (e *Experiment) Ends(loc *time.Location) time.Time {
	y, m, d := e.At.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, e.window())
}

func (e *Experiment) window() int {
	if e.WindowDays > 0 {
		return e.WindowDays
	}
	return DefaultWindowDays
}

// ExperimentStatus is an accepted idea and how it went.
type ExperimentStatus struct {
	ID       int64             `json:"id"`
	RecID    string            `json:"recommendation_id"`
	Strategy rekindle.Strategy `json:"strategy"`
	Title    string            `json:"title"`
	Started  string            `json:"started"`
	Ends     string            `json:"ends"`
	Outcome  Outcome           `json:"outcome"`
	Evidence []Evidence        `json:"evidence"`
	ends     time.Time
}

// judgeAll judges every accepted experiment started by AsOf.
func judgeAll(h *history) []ExperimentStatus {
	var out []ExperimentStatus
	for i := range h.in.Experiments {
		e := &h.in.Experiments[i]
		if e.State != StateAccepted || !e.At.Before(h.end) || h.daysAgo(e.At) > judgeDays {
			continue
		}
		st := judge(h, e)
		if !e.Abandoned.IsZero() && e.Abandoned.Before(h.end) {
			y, m, d := e.Abandoned.In(h.loc).Date()
			end := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
			st.Outcome, st.Ends, st.ends = OutcomeAbandoned, end.Format("2006-01-02"), end
			st.Evidence = []Evidence{{Text: "given up on " + h.lc.Day(end) + ": its remaining sessions left the plan"}}
		}
		out = append(out, st)
	}
	return out
}

// judge compares the watch window with the four weeks before it:
// enjoyment, runs per week and the spark check.
func judge(h *history, e *Experiment) ExperimentStatus {
	startDay := civilDay(e.At, h.loc)
	w := e.window()
	y, m, d := e.At.In(h.loc).Date()
	start := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	ends := e.Ends(h.loc)
	st := ExperimentStatus{ID: e.ID, RecID: e.RecID, Strategy: e.Strategy, Title: e.Title,
		Started: start.Format("2006-01-02"), Ends: ends.Format("2006-01-02"), Outcome: OutcomeWatching, ends: ends}
	if ends.After(h.end) {
		return st
	}
	const before = 28
	// Days relative to the start: < 0 before, [0, w) in the window.
	var enjB, enjW []float64
	for i, c := range h.checkIns {
		if c.Enjoyment <= 0 {
			continue
		}
		switch r := h.checkInDay[i] - startDay; {
		case r >= -before && r < 0:
			enjB = append(enjB, float64(c.Enjoyment))
		case r >= 0 && r < w:
			enjW = append(enjW, float64(c.Enjoyment))
		}
	}
	var runsB, runsW int
	for i := range h.runs {
		switch x := h.runDay[i] - startDay; {
		case x >= -before && x < 0:
			runsB++
		case x >= 0 && x < w:
			runsW++
		}
	}
	var checkB, checkW *rekindle.SparkCheck
	for i := range h.checks {
		c := &h.checks[i]
		switch r := h.checkDay[i] - startDay; {
		case r >= -56 && r < 0:
			checkB = c
		case r >= 0 && r < w:
			checkW = c
		}
	}
	var score float64
	var evs []Evidence
	if len(enjB) >= 2 && len(enjW) >= 2 {
		b, a := mean(enjB), mean(enjW)
		evs = append(evs, Evidence{Signal: SigEnjoyment, Value: round(a-b, 2), Text: fmt.Sprintf("enjoyment %s during the experiment against %s before", one(a), one(b))})
		switch {
		case a-b >= 0.4:
			score += 2
		case a-b <= -0.4:
			score -= 2
		}
	}
	rateB := float64(runsB) / (before / 7.0)
	rateW := float64(runsW) / (float64(w) / 7)
	if runsB > 0 || runsW > 0 {
		evs = append(evs, Evidence{Signal: SigRunsPerWeek, Value: round(rateW, 2), Text: fmt.Sprintf("%s a week during the experiment against %s before", units.Count(rateW, "run", "runs"), units.Count(rateB, "", ""))})
		switch {
		case rateB == 0 || rateW >= 1.2*rateB:
			score++
		case rateW <= 0.7*rateB && e.Strategy != rekindle.StrategyRest:
			score-- // running less is the point of a rest experiment
		}
	}
	if checkB != nil && checkW != nil {
		b := (checkB.Exhaustion + checkB.LostInterest + checkB.Stagnation) / 3
		a := (checkW.Exhaustion + checkW.LostInterest + checkW.Stagnation) / 3
		evs = append(evs, Evidence{Signal: SigSparkCheckChange, Value: round(a-b, 2), Text: fmt.Sprintf("spark check %s against %s before (lower is better)", one(a), one(b))})
		switch {
		case a-b <= -0.5:
			score += 1.5
		case a-b >= 0.5:
			score -= 1.5
		}
	}
	switch {
	case score >= 1.5 || (score >= 1 && len(enjW) < 2):
		st.Outcome = OutcomeWorked
	case score <= -1.5:
		st.Outcome = OutcomeWorse
	default:
		st.Outcome = OutcomeNoChange
	}
	if len(evs) == 0 {
		evs = append(evs, Evidence{Text: "nothing was recorded during the experiment"})
	}
	st.Evidence = evs
	return st
}
