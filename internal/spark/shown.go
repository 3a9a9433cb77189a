package spark

import (
	"math"
	"strings"
	"time"
)

// Shown is an idea the runner was shown on a day (recorded by the
// application when it showed the day's ideas): its recommendation id and
// the concrete items it named (its actions).
type Shown struct {
	Day   time.Time // the day, in the athlete's zone
	RecID string
	Items []string
}

// Stock ideas are not built from the runner's data (a class from a stock
// list, a treat, a run in company): shown again and again they are noise.
// Each day one was shown in the last repeatDays before AsOf multiplies its
// score by repeatPenalty, so another idea takes its place.
const (
	repeatDays    = 14
	repeatPenalty = 0.6
)

var stockIdeas = map[string]bool{"reward-treat": true, "variety-company-time": true}

// shownDays counts the days in the repeatDays before AsOf on which the
// idea was shown; the day itself does not count, so the ideas of a day
// stay the same however often it is looked at.
func (h *history) shownDays(recID string) int {
	n := 0
	seen := map[time.Time]bool{}
	for _, s := range h.in.Shown {
		d := s.Day.In(h.loc)
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, h.loc)
		if s.RecID != recID || !day.Before(h.asOfDay) || h.asOfDay.Sub(day) > repeatDays*24*time.Hour || seen[day] {
			continue
		}
		seen[day] = true
		n++
	}
	return n
}

// repeatFactor is what a stock idea's score is multiplied by.
func (h *history) repeatFactor(c *candidate) float64 {
	if !c.stock && !stockIdeas[c.ID] {
		return 1
	}
	return math.Pow(repeatPenalty, float64(h.shownDays(c.ID)))
}

// lastShownItem is the last day before AsOf an item containing text was
// shown in the idea recID (zero when never).
func (h *history) lastShownItem(recID, text string) time.Time {
	var last time.Time
	for _, s := range h.in.Shown {
		if s.RecID != recID || !s.Day.Before(h.asOfDay) {
			continue
		}
		for _, it := range s.Items {
			if strings.Contains(it, text) && s.Day.After(last) {
				last = s.Day
			}
		}
	}
	return last
}
