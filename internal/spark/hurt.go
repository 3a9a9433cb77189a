package spark

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle/internal/training"
)

// SigHurtDaysAgo is how many days ago the runner last wrote that something
// hurts (a run's title, a check-in's note, a spark check's note), present
// only while those words still count (hurtDays).
const SigHurtDaysAgo = "hurt_said_days_ago"

// hurtDays: the runner's own words that something hurts count for this
// many days (today and the 13 before); older words have faded, and a
// later title or note saying it no longer hurts ("pain free") ends them
// sooner.
const hurtDays = 14

// hurtQuoteRunes caps how much of a long note is quoted.
const hurtQuoteRunes = 60

// hurtSaid is what the runner wrote that says they hurt, and when.
type hurtSaid struct {
	words string    // as written, trimmed (and shortened when long)
	at    time.Time // when: the run's start, the note's time
}

// hurting returns the runner's latest words of the last hurtDays that
// something hurts (training.SaysHurt), nil when there are none or when
// later words say it is fine. Titles of every sport count (a ride "knee
// sore" is the runner's knee too).
func (h *history) hurting() *hurtSaid {
	type said struct {
		text string
		at   time.Time
	}
	var all []said
	for i := len(h.sessions) - 1; i >= 0 && h.today-civilDay(h.sessions[i].Start, h.loc) < hurtDays; i-- {
		all = append(all, said{h.sessions[i].Name, h.sessions[i].Start})
	}
	for i := len(h.checkIns) - 1; i >= 0 && h.today-h.checkInDay[i] < hurtDays; i-- {
		all = append(all, said{h.checkIns[i].Note, h.checkIns[i].At})
	}
	for i := len(h.checks) - 1; i >= 0 && h.today-h.checkDay[i] < hurtDays; i-- {
		all = append(all, said{h.checks[i].Note, h.checks[i].At})
	}
	slices.SortStableFunc(all, func(a, b said) int { return b.at.Compare(a.at) })
	for _, x := range all {
		if !x.at.Before(h.end) || h.today-civilDay(x.at, h.loc) < 0 {
			continue
		}
		hurt, fine := training.SaysHurt(x.text)
		if fine {
			return nil
		}
		if hurt {
			w := strings.Join(strings.Fields(x.text), " ")
			if r := []rune(w); len(r) > hurtQuoteRunes {
				w = string(r[:hurtQuoteRunes-1]) + "…"
			}
			return &hurtSaid{words: w, at: x.at}
		}
	}
	return nil
}

// hurtSignals records how long ago the runner wrote that something hurts.
func (h *history) hurtSignals(s *sigs) {
	s.hurt = h.hurting()
	if s.hurt != nil {
		s.set(SigHurtDaysAgo, float64(h.daysAgo(s.hurt.at)), "days", "the runner's own words: titles and notes of the last 14 days")
	}
}

// hurtText quotes the runner: "you wrote 'knee sore' on Tue 12 May".
func (h *history) hurtText(s *sigs) string {
	return fmt.Sprintf("you wrote '%s' on %s", s.hurt.words, h.day(s.hurt.at.In(h.loc)))
}

// hurtEvidence is the runner's words as a fact of a why.
func (h *history) hurtEvidence(s *sigs) Evidence {
	return ev(s, SigHurtDaysAgo, h.hurtText(s))
}
