package spark

import (
	"fmt"
	"strings"
	"time"

	"rekindle/internal/training"
)

// hurtDays is the window in which what the runner wrote about pain counts:
// the last 7 days, AsOf included.
const hurtDays = 7

// hurtSaid is one thing the runner wrote that says they hurt: a run's name
// or a check-in's note.
type hurtSaid struct {
	text string
	at   time.Time
	day  int // civil day
}

// saysHurt returns what the runner wrote in the last hurtDays days that
// says they hurt (training.SaysHurt: runs' names and check-ins' notes),
// oldest first, when it is a hurt that goes on: at least two such words,
// and the latest run among them (or a note on or after its day). One
// "Everything hurts" after a hard session is how a hard day feels; the
// runner who writes "running with a lot of pain" and, two days later,
// "Still hurt" is running through pain, and a coach says rest before
// anything else (held-out real-99 2018-11-04: 94-116 km weeks, a taper of
// 78, 66 and 31 km before a regional race, both titles in three days; the
// numbers alone read a runner holding his habit, "nothing stands out").
func (h *history) saysHurt() []hurtSaid {
	var said []hurtSaid
	lastRun := -1
	for i, r := range h.runs {
		d := h.runDay[i]
		if d > h.today {
			continue
		}
		lastRun = max(lastRun, d)
		if h.today-d < hurtDays && training.SaysHurt(r.Name) {
			said = append(said, hurtSaid{text: strings.TrimSpace(r.Name), at: r.Start, day: d})
		}
	}
	for i, c := range h.checkIns {
		d := h.checkInDay[i]
		if d > h.today || h.today-d >= hurtDays || !training.SaysHurt(c.Note) {
			continue
		}
		said = append(said, hurtSaid{text: strings.TrimSpace(c.Note), at: c.At, day: d})
	}
	if len(said) < 2 || lastRun < 0 {
		return nil
	}
	latest := false
	for _, s := range said {
		if s.day >= lastRun {
			latest = true
		}
	}
	if !latest {
		return nil
	}
	// oldest first
	for i := 1; i < len(said); i++ {
		for j := i; j > 0 && said[j].day < said[j-1].day; j-- {
			said[j], said[j-1] = said[j-1], said[j]
		}
	}
	return said
}

// hurtText is the evidence's words: what the runner wrote and when.
func (h *history) hurtText(said []hurtSaid) string {
	var parts []string
	for _, s := range said {
		t := s.text
		if len([]rune(t)) > 60 {
			t = string([]rune(t)[:57]) + "…"
		}
		parts = append(parts, fmt.Sprintf("“%s” (%s)", t, h.day(s.at.In(h.loc))))
	}
	list := parts[0]
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return "you wrote " + list + " this week: running on through pain is how an overload becomes an injury"
}
