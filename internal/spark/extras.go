package spark

// What other domains tell the spark engine so its reward and gratitude ideas
// quote real numbers (gear mileage, the reward ledger, the runner's own
// facts), and the day-by-day sessions ideas write into the plan.

import (
	"fmt"
	"math"
	"rekindle/internal/units"
	"time"

	"rekindle"
	"rekindle/internal/plan"
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

// racePlan is the taper and the race an idea writes: the race calendar's
// own taper (package race, the one the races page shows) from tomorrow on,
// or spark's when the race has none.
func (h *history) racePlan(s *sigs, race *RaceOption) []plan.Session {
	if len(race.Taper) == 0 {
		return taperPlan(h, s, race)
	}
	first := h.tomorrow().Format(time.DateOnly)
	var out []plan.Session
	for _, x := range race.Taper {
		if x.Day >= first {
			out = append(out, x)
		}
	}
	return out
}

// taperPlan is the race week: the usual runs of the 5 days before the race
// cut by 40% (the last one with strides), the rest of those days rest, and
// the race itself.
func taperPlan(h *history, s *sigs, race *RaceOption) []plan.Session {
	y, m, d := race.Date.In(h.loc).Date()
	raceDay := time.Date(y, m, d, 0, 0, 0, 0, h.loc)
	byDay := map[time.Weekday]plannedDay{}
	for _, p := range h.usualPlan(s) {
		byDay[p.Day] = p
	}
	var out []plan.Session
	lastRun := -1
	for i := 5; i >= 1; i-- {
		day := raceDay.AddDate(0, 0, -i)
		if !day.After(h.asOfDay) {
			continue
		}
		p, ok := byDay[day.Weekday()]
		if !ok || i == 1 {
			out = append(out, planned(day, plan.KindRest, 0, "taper"))
			continue
		}
		out = append(out, planned(day, plan.KindEasy, h.roundDist(0.6*p.DistanceM), "taper: 40% less than usual"))
		lastRun = len(out) - 1
	}
	if lastRun >= 0 {
		out[lastRun].Note = "taper: 40% less than usual, with 4 × 20 s strides"
	}
	note := race.Name
	switch v := s.get(SigVDOT); {
	case race.PredictedS > 0:
		note += fmt.Sprintf(" (predicted %s)", units.Clock(race.PredictedS))
	case v > 0 && race.DistanceM > 0:
		note += fmt.Sprintf(" (predicted %s from your VDOT %.1f)", units.Clock(training.EquivalentTime(v, race.DistanceM)), v)
	}
	r := planned(raceDay, plan.KindRace, race.DistanceM, note)
	r.Place = race.Place
	if race.PredictedS > 0 && race.DistanceM > 0 {
		r.PaceMS = race.DistanceM / race.PredictedS
	}
	return append(out, r)
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
