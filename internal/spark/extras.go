package spark

// What other domains tell the spark engine so its reward and gratitude ideas
// quote real numbers (gear mileage, the reward ledger, the runner's own
// facts), and the day-by-day sessions ideas write into the plan.

import (
	"fmt"
	"math"
	"rekindle/internal/units"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/race"
	"rekindle/internal/training"
)

// GearInfo is one piece of gear with its mileage (package gear).
type GearInfo struct {
	Name      string // display name, "Nike Pegasus 40"
	Kind      string // "shoes" or "bike"
	DistanceM float64
	RetireAtM float64 // 0: no retire distance
	Retired   bool
}

// RewardInfo is one reward of the ledger with its progress (package reward).
type RewardInfo struct {
	ID        int64
	Text      string // "a massage"
	Condition string // "run 8 times in 14 days"
	Progress  string // "5 of 8 runs, until Sun 16 Mar"
	Share     float64
	Earned    bool
	Claimed   bool
	Expired   bool
}

// planned makes one day of a plan from a local midnight.
func planned(d time.Time, kind plan.Kind, distM float64, note string) plan.Session {
	s := plan.Session{Day: d.Format(time.DateOnly), Sport: rekindle.SportRunning, Kind: kind, DistanceM: distM, Note: note}
	if kind == plan.KindRest {
		s.Sport, s.DistanceM = "", 0
	}
	return s
}

// racePlan is the taper and the race an idea writes, from tomorrow on: one
// generator, package race's (the one the races page shows), whether the race
// comes from the runner's calendar (its taper made there) or is the race day
// spark plans without one (its taper made here from the runner's usual week).
func (h *history) racePlan(s *sigs, ro *RaceOption) []plan.Session {
	taper := ro.Taper
	if len(taper) == 0 {
		taper = taperPlan(h, s, ro)
	}
	first := h.tomorrow().Format(time.DateOnly)
	var out []plan.Session
	for _, x := range taper {
		if x.Day >= first {
			out = append(out, x)
		}
	}
	return out
}

// taperPlan is race.PlanTaper for a race without a calendar: the runner's
// usual week (usualPlan) as its pattern, the finish time predicted from the
// VDOT when the race has none.
func taperPlan(h *history, s *sigs, ro *RaceOption) []plan.Session {
	var p race.Pattern
	for _, d := range h.usualPlan(s) {
		if d.DistanceM <= 0 || slices.Contains(p.RunDays, d.Day) {
			continue
		}
		p.RunDays = append(p.RunDays, d.Day)
		p.DayM[d.Day] = d.DistanceM
		p.WeeklyM += d.DistanceM
	}
	p.RunsPerWeek = float64(len(p.RunDays))
	r := race.Race{Name: ro.Name, Start: ro.Date, DistanceM: ro.DistanceM, Distance: race.DistanceName(ro.DistanceM), PredictedS: ro.PredictedS}
	if v := s.get(SigVDOT); r.PredictedS <= 0 && v > 0 && r.DistanceM > 0 {
		r.PredictedS = training.EquivalentTime(v, r.DistanceM)
	}
	t := race.PlanTaper(&r, &p, h.loc, h.unit, h.lc)
	return race.TaperSessions(&t, &r, ro.Place)
}

// ledgerRewardIdeas is the reward idea when the gear and reward ledgers are
// known: new shoes when a pair has reached its retire distance, an earned
// reward to claim, or the treat with the open rewards' progress.
func ledgerRewardIdeas(h *history, s *sigs) []candidate {
	var open []string
	var earned *RewardInfo
	for i, r := range h.in.Rewards {
		switch {
		case r.Claimed || r.Expired:
		case r.Earned:
			if earned == nil {
				earned = &h.in.Rewards[i]
			}
		default:
			open = append(open, upperFirst(r.Text)+": "+r.Progress)
		}
	}
	var shoe *GearInfo
	for i, g := range h.in.Gear {
		if g.Kind != "shoes" || g.Retired || g.RetireAtM <= 0 {
			continue
		}
		if shoe == nil || g.DistanceM/g.RetireAtM > shoe.DistanceM/shoe.RetireAtM {
			shoe = &h.in.Gear[i]
		}
	}
	if shoe != nil && shoe.DistanceM >= shoe.RetireAtM {
		c := idea("reward-shoes", "New shoes are earned",
			fmt.Sprintf("Your %s have %s on them: new shoes are earned (you meant to retire them at %s).", shoe.Name, h.wholeDist(shoe.DistanceM), h.wholeDist(shoe.RetireAtM)),
			1, open...)
		first := h.nextRunDay(s)
		if !first.After(h.tomorrow()) {
			first = first.AddDate(0, 0, 7)
		}
		run := planned(first, plan.KindEasy, h.usualRunOn(s, first), "the new shoes' first run, on a route you love")
		c.Plan = []plan.Session{step(h.tomorrow(), fmt.Sprintf("Buy the new pair, then retire the old: rekindle gear retire %q", shoe.Name)), run}
		return []candidate{c}
	}
	if earned != nil {
		c := idea("reward-claim", "Claim your reward: "+earned.Text,
			fmt.Sprintf("You earned it: %s. A reward only works when you take it.", earned.Condition), 1, open...)
		c.Plan = []plan.Session{step(h.tomorrow(), fmt.Sprintf("Book %s, then mark it: rekindle reward claim %d", earned.Text, earned.ID))}
		return []candidate{c}
	}
	if len(open) > 0 {
		c := idea("reward-progress", "Keep going for your reward",
			"You promised yourself something: the runs that earn it are the point.", 1, open[1:]...)
		c.Plan = []plan.Session{step(h.tomorrow(), open[0])}
		d := h.nextRunDay(s)
		c.Plan = append(c.Plan, planned(d, plan.KindEasy, h.usualRunOn(s, d), "a run towards your reward"))
		plan.Sort(c.Plan)
		return []candidate{c}
	}
	rate := s.get(SigRunsPerWeek)
	if math.IsNaN(rate) || rate < 1 {
		rate = 1
	}
	target := int(math.Ceil(rate*2)) + 1
	acts := []string{
		fmt.Sprintf("Write it down: rekindle reward add \"a massage\" --runs %d --days 14", target),
	}
	if shoe != nil && shoe.DistanceM > 0 {
		left := shoe.RetireAtM - shoe.DistanceM
		acts = append(acts, fmt.Sprintf("Your %s have %s of %s: %s more and new shoes are earned", shoe.Name, h.wholeDist(shoe.DistanceM), h.wholeDist(shoe.RetireAtM), h.wholeDist(left)))
	}
	c := idea("reward-treat", "Promise yourself a treat for the next two weeks",
		"A small bribe is allowed: try it once, and move on if it does not help.", 1, acts...)
	c.Plan = treatSteps(h, target, "", h.asOfDay.AddDate(0, 0, 14))
	return []candidate{c}
}

// wholeDist formats metres as a whole number of the runner's unit: "712 km".
func (h *history) wholeDist(m float64) string {
	u, unit := 1000.0, "km"
	if h.unit == rekindle.UnitMi {
		u, unit = units.MetresPerMile, "mi"
	}
	return thousands(int(math.Round(m/u))) + " " + unit
}
