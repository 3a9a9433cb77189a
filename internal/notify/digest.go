package notify

import (
	"fmt"
	"strings"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/units"
)

// Digest is the weekly spark digest: the values the Home page shows on the
// day it is written (the score, the first diagnosis as its band and
// sentence, the top idea and its next session) and the week's runs. The
// application layer fills it from the Home view; nothing here recomputes.
type Digest struct {
	Week     string        `json:"week"` // the Monday of the week, YYYY-MM-DD
	AsOf     string        `json:"as_of"`
	Unit     rekindle.Unit `json:"unit"`
	Locale   locale.Locale `json:"locale,omitempty"` // how the e-mail writes dates
	Scored   bool          `json:"scored"`           // false: too few runs for a score
	Score    int           `json:"score"`
	Band     string        `json:"band"`     // "Spark is on", "Same run, again" …
	Sentence string        `json:"sentence"` // what the band means, plainly
	Runs     []DigestRun   `json:"runs"`
	Idea     *DigestIdea   `json:"idea,omitempty"`
}

// DigestRun is one run of the week.
type DigestRun struct {
	Day       string  `json:"day"`
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	MovingS   float64 `json:"moving_s"`
}

// DigestIdea is the top idea on Home and its next session.
type DigestIdea struct {
	Title    string `json:"title"`
	Strategy string `json:"strategy"` // its name for people ("Variety")
	Why      string `json:"why"`
	Next     string `json:"next,omitempty"` // "Thu 5 Jun: easy 5 km"
}

// DistanceM is the week's running distance.
func (d *Digest) DistanceM() float64 {
	var m float64
	for _, r := range d.Runs {
		m += r.DistanceM
	}
	return m
}

// ScoreText is the score as the e-mail says it: "72/100 — Spark is on".
func (d *Digest) ScoreText() string {
	if !d.Scored {
		return "no score yet — " + d.Band
	}
	return fmt.Sprintf("%d/100 — %s", d.Score, d.Band)
}

// RunsText is the week in one line: "3 runs, 24.5 km".
func (d *Digest) RunsText() string {
	switch len(d.Runs) {
	case 0:
		return "no runs this week"
	case 1:
		return "1 run, " + units.Show(d.DistanceM(), d.Unit)
	}
	return fmt.Sprintf("%d runs, %s", len(d.Runs), units.Show(d.DistanceM(), d.Unit))
}

// RunLine is one run in the e-mail: "Tue 27 May  Morning run  8 km  42:10".
func (d *Digest) RunLine(r DigestRun) string {
	day := r.Day
	if t, ok := dayOf(r.Day); ok {
		day = d.Locale.DayShort(t)
	}
	return strings.Join([]string{day, r.Name, units.Show(r.DistanceM, d.Unit), units.ClockOr(r.MovingS, "—")}, "  ")
}

// DigestMoment makes the weekly digest a moment, keyed by its week.
func DigestMoment(d Digest) Moment {
	title := "Your week: " + d.RunsText()
	if d.Scored {
		title = fmt.Sprintf("Your week: spark %d — %s", d.Score, d.Band)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Your spark: %s. %s\n", d.ScoreText(), d.Sentence)
	fmt.Fprintf(&b, "This week: %s.", d.RunsText())
	if d.Idea != nil {
		fmt.Fprintf(&b, "\nThe idea to try: %s.", d.Idea.Title)
		if d.Idea.Next != "" {
			fmt.Fprintf(&b, " Next: %s.", d.Idea.Next)
		}
	}
	dd := d
	return Moment{Kind: KindWeeklyDigest, Key: d.Week, Day: d.AsOf, Title: title, Body: b.String(), Link: "/", Digest: &dd}
}

// digestText is the digest's plain-text e-mail body (before the footer).
func digestText(d *Digest) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Your spark: %s\n%s\n\n", d.ScoreText(), d.Sentence)
	fmt.Fprintf(&b, "This week: %s\n", d.RunsText())
	for _, r := range d.Runs {
		b.WriteString("  " + d.RunLine(r) + "\n")
	}
	if d.Idea != nil {
		fmt.Fprintf(&b, "\nThe idea to try: %s (%s)\nWhy: %s\n", d.Idea.Title, d.Idea.Strategy, d.Idea.Why)
		if d.Idea.Next != "" {
			fmt.Fprintf(&b, "Next session: %s\n", d.Idea.Next)
		}
	}
	return b.String()
}
