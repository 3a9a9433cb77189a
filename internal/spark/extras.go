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
	if race.Place != "" {
		note += ", " + race.Place
	}
	if v := s.get(SigVDOT); v > 0 && race.DistanceM > 0 {
		note += fmt.Sprintf(" (predicted %s)", units.Clock(training.EquivalentTime(v, race.DistanceM)))
	}
	r := planned(raceDay, plan.KindRace, race.DistanceM, note)
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
		acts := []string{
			fmt.Sprintf("Buy the new pair, then retire the old: rekindle gear retire %q", shoe.Name),
			"Give the new shoes their first run on a route you love",
		}
		return []candidate{idea("reward-shoes", "New shoes are earned",
			fmt.Sprintf("Your %s have %s on them: new shoes are earned (you meant to retire them at %s).", shoe.Name, h.wholeDist(shoe.DistanceM), h.wholeDist(shoe.RetireAtM)),
			1, append(acts, open...)...)}
	}
	if earned != nil {
		return []candidate{idea("reward-claim", "Claim your reward: "+earned.Text,
			fmt.Sprintf("You earned it: %s. A reward only works when you take it.", earned.Condition), 1,
			append([]string{fmt.Sprintf("Book it this week, then mark it: rekindle reward claim %d", earned.ID)}, open...)...)}
	}
	if len(open) > 0 {
		return []candidate{idea("reward-progress", "Keep going for your reward",
			"You promised yourself something: the runs that earn it are the point.", 1, open...)}
	}
	rate := s.get(SigRunsPerWeek)
	if math.IsNaN(rate) || rate < 1 {
		rate = 1
	}
	target := int(math.Ceil(rate*2)) + 1
	acts := []string{
		fmt.Sprintf("Run %d times by %s, then take the reward: a massage, a nice dinner, or a run with an old friend and breakfast after", target, day(h.asOfDay.AddDate(0, 0, 14))),
		fmt.Sprintf("Write it down: rekindle reward add \"a massage\" --runs %d --days 14", target),
	}
	if shoe != nil && shoe.DistanceM > 0 {
		left := shoe.RetireAtM - shoe.DistanceM
		acts = append(acts, fmt.Sprintf("Your %s have %s of %s: %s more and new shoes are earned", shoe.Name, h.wholeDist(shoe.DistanceM), h.wholeDist(shoe.RetireAtM), h.wholeDist(left)))
	}
	return []candidate{idea("reward-treat", "Promise yourself a treat for the next two weeks",
		"A small bribe is allowed: try it once, and move on if it does not help.", 1, acts...)}
}

// wholeDist formats metres as a whole number of the runner's unit: "712 km".
func (h *history) wholeDist(m float64) string {
	u, unit := 1000.0, "km"
	if h.unit == rekindle.UnitMi {
		u, unit = units.MetresPerMile, "mi"
	}
	return thousands(int(math.Round(m/u))) + " " + unit
}
