// Package notify finds the moments worth telling a runner about — an
// experiment's window ends (how did it go?), a light week starts, N days
// without a run (a gentle, personal idea), a race in 3 days (taper) — and
// writes them as e-mail. Moments is pure: values in, moments out; each
// moment carries a key that is the same however often it is computed, so
// that a store can keep it exactly once per (athlete, kind, key).
package notify

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/plan"
	"rekindle/internal/units"
)

// Kind is what sort of moment. The values are stable keys.
type Kind string

// Kinds of moment.
const (
	KindExperimentEnds Kind = "experiment_ends"
	KindLightWeek      Kind = "light_week"
	KindNoRun          Kind = "no_run"
	KindRaceSoon       Kind = "race_soon"
	KindWeeklyDigest   Kind = "weekly_digest"
	KindShoesEarned    Kind = "shoes_earned"
	KindCoachReply     Kind = "coach_reply"
)

// Kinds lists every kind in a fixed order.
var Kinds = []Kind{KindExperimentEnds, KindLightWeek, KindNoRun, KindRaceSoon, KindShoesEarned, KindCoachReply, KindWeeklyDigest}

// Moment is one thing to tell the runner.
type Moment struct {
	Kind  Kind   `json:"kind"`
	Key   string `json:"key"` // unique per athlete and kind: "42", "2025-06-01"
	Day   string `json:"day"` // YYYY-MM-DD it is about
	Title string `json:"title"`
	Body  string `json:"body"`
	Link  string `json:"link,omitempty"` // a page of the app: "/plan"
	// Digest is the weekly digest's values (KindWeeklyDigest only).
	Digest *Digest `json:"digest,omitempty"`
}

// Experiment is an accepted idea being watched.
type Experiment struct {
	ID       int64
	Title    string
	Strategy rekindle.Strategy
	Ends     string // YYYY-MM-DD, the last day of its window
	Judged   bool   // the runner already said how it went
}

// Input is what the moments are computed from; days are YYYY-MM-DD in the
// athlete's time zone.
type Input struct {
	Today       string
	Unit        rekindle.Unit
	Locale      locale.Locale // how dates are written in the texts
	Experiments []Experiment
	Plan        []plan.Session // the plan from a few days ago on
	LastRun     string         // day of the last run, "" when none
	UsualRunM   float64        // a typical run's distance, 0 unknown
	NoRunDays   int            // the gap that counts; 0: DefaultNoRunDays
	Shoes       []Shoe         // shoes with a retire distance
	Rewards     []ShoeReward   // "new shoes" rewards of the ledger
	Replies     []CoachReply   // coaches' replies to the runner's requests
	Races       []CalendarRace // races on the runner's race calendars
}

// Shoe is a pair of shoes with its mileage (package gear).
type Shoe struct {
	ID        int64
	Name      string
	DistanceM float64
	RetireAtM float64
	Reached   string // YYYY-MM-DD it reached RetireAtM; "" not yet
}

// ShoeReward is a reward earned by shoes reaching their distance (package
// reward, kind shoe).
type ShoeReward struct {
	ID      int64
	Text    string // "new trail shoes"
	GearID  int64
	Earned  string // YYYY-MM-DD, "" not yet
	Claimed bool
}

// CoachReply is a coach's reply on one of the runner's requests.
type CoachReply struct {
	ID        int64 // the message's id
	RequestID int64
	Coach     string
	Text      string
	Day       string // YYYY-MM-DD
}

// CalendarRace is a race on one of the runner's race calendars.
type CalendarRace struct {
	Key  string // stable: the feed and the event's UID
	Name string
	Day  string // YYYY-MM-DD in the runner's zone
}

// Defaults.
const (
	DefaultNoRunDays = 5
	RaceSoonDays     = 3
	// MaxCalendarRaces: at most this many calendar races are told per day
	// (a big race list is not a reason to nag).
	MaxCalendarRaces = 2
	// RecentDays: shoes earned and a coach's reply are told when they
	// happened at most this many days ago (older ones are old news).
	RecentDays = 14
	// LateDays: a moment is still told this many days after its day
	// (a runner who opens the app on Tuesday hears Sunday's).
	LateDays = 3
)

func dayOf(s string) (time.Time, bool) { return day(s) }

func day(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func daysBetween(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// Moments returns the moments due on in.Today, by kind then day.
func Moments(in Input) []Moment {
	today, ok := day(in.Today)
	if !ok {
		return nil
	}
	var out []Moment
	recent := func(d time.Time) bool { n := daysBetween(d, today); return n >= 0 && n <= LateDays }
	for _, e := range in.Experiments {
		end, ok := day(e.Ends)
		if !ok || e.Judged || !recent(end) {
			continue
		}
		out = append(out, Moment{Kind: KindExperimentEnds, Key: fmt.Sprint(e.ID), Day: e.Ends,
			Title: fmt.Sprintf("How did it go? %q ends", e.Title),
			Body:  fmt.Sprintf("Your experiment %q ends on %s. Tell rekindle whether it worked: it keeps what helped you and moves on from what did not.", e.Title, e.Ends),
			Link:  "/"})
	}
	// A light week starts: the first day of an accepted rest idea's sessions.
	firstRest := map[int64]string{}
	rest := map[int64]bool{}
	for _, e := range in.Experiments {
		rest[e.ID] = e.Strategy == rekindle.StrategyRest
	}
	for _, s := range in.Plan {
		if s.ExperimentID != 0 && rest[s.ExperimentID] {
			if d, ok := firstRest[s.ExperimentID]; !ok || s.Day < d {
				firstRest[s.ExperimentID] = s.Day
			}
		}
	}
	for id, first := range firstRest {
		d, ok := day(first)
		if !ok {
			continue
		}
		if n := daysBetween(today, d); n < -LateDays || n > 1 {
			continue
		}
		var km float64
		for _, s := range in.Plan {
			if s.ExperimentID == id && s.Sport.IsRun() {
				km += s.DistanceM
			}
		}
		body := fmt.Sprintf("Your light week starts %s: take it easy and give yourself a chance to miss running.", when(today, d, in.Locale))
		if km > 0 {
			body += fmt.Sprintf(" The whole week is %s of easy running.", units.Show(km, in.Unit))
		}
		out = append(out, Moment{Kind: KindLightWeek, Key: fmt.Sprint(id), Day: first, Title: "A light week starts " + when(today, d, in.Locale), Body: body, Link: "/plan"})
	}
	// N days without a run: once per gap (keyed by the last run's day).
	if last, ok := day(in.LastRun); ok {
		n := in.NoRunDays
		if n <= 0 {
			n = DefaultNoRunDays
		}
		if gap := daysBetween(last, today); gap >= n {
			idea := "twenty easy minutes on a route you like"
			if in.UsualRunM > 0 {
				idea = fmt.Sprintf("an easy %s, half your usual run, somewhere you enjoy", units.Show(in.UsualRunM/2, in.Unit))
			}
			out = append(out, Moment{Kind: KindNoRun, Key: in.LastRun, Day: last.AddDate(0, 0, n).Format(time.DateOnly),
				Title: fmt.Sprintf("%d days since your last run", gap),
				Body:  fmt.Sprintf("No pressure: if you feel like it, %s. Rest is fine too.", idea), Link: "/"})
		}
	}
	// A race in 3 days (or fewer): the taper reminder, once per race;
	// a race on a race calendar too, unless the plan has a race that day.
	planned := map[string]bool{}
	for _, s := range in.Plan {
		if s.Kind == plan.KindRace {
			planned[s.Day] = true
		}
	}
	calendar := 0
	for _, r := range in.Races {
		d, ok := day(r.Day)
		if !ok || planned[r.Day] || calendar >= MaxCalendarRaces {
			continue
		}
		if n := daysBetween(today, d); n < 0 || n > RaceSoonDays {
			continue
		}
		calendar++
		out = append(out, Moment{Kind: KindRaceSoon, Key: "calendar:" + r.Key, Day: r.Day, Title: fmt.Sprintf("On your race calendar %s: %s", when(today, d, in.Locale), r.Name),
			Body: "If you are running it: taper — keep the last runs short and easy with a few strides, sleep well, lay out your kit the night before. If not, it is a good day to cheer.", Link: "/races"})
	}
	for _, s := range in.Plan {
		d, ok := day(s.Day)
		if !ok || s.Kind != plan.KindRace {
			continue
		}
		if n := daysBetween(today, d); n < 0 || n > RaceSoonDays {
			continue
		}
		name := s.Note
		if name == "" {
			name = "your race"
		}
		out = append(out, Moment{Kind: KindRaceSoon, Key: fmt.Sprint(s.ID), Day: s.Day, Title: fmt.Sprintf("Race %s: %s", when(today, d, in.Locale), name),
			Body: "Taper: keep the last runs short and easy with a few strides, sleep well, and lay out your kit the night before. Enjoy it.", Link: "/plan"})
	}
	out = append(out, gearMoments(in, today)...)
	slices.SortFunc(out, func(a, b Moment) int {
		if c := slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Day+a.Key, b.Day+b.Key)
	})
	return out
}

func when(today, d time.Time, lc locale.Locale) string {
	switch n := daysBetween(today, d); {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n > 1:
		return fmt.Sprintf("in %d days (%s)", n, lc.DayShort(d))
	default:
		return "on " + lc.DayShort(d)
	}
}

// gearMoments: shoes earned (a "new shoes" reward earned and not yet
// taken, or shoes reaching their retire distance) and a coach's reply.
func gearMoments(in Input, today time.Time) []Moment {
	var out []Moment
	recent := func(s string) bool {
		d, ok := day(s)
		n := daysBetween(d, today)
		return ok && n >= 0 && n <= RecentDays
	}
	rewarded := map[int64]bool{}
	for _, r := range in.Rewards {
		rewarded[r.GearID] = true
		if r.Earned == "" || r.Claimed || !recent(r.Earned) {
			continue
		}
		name := "your shoes"
		for _, s := range in.Shoes {
			if s.ID == r.GearID {
				name = s.Name
			}
		}
		out = append(out, Moment{Kind: KindShoesEarned, Key: fmt.Sprintf("reward:%d", r.ID), Day: r.Earned, Title: "You earned it: " + r.Text,
			Body: fmt.Sprintf("%s reached the distance you set: %s is yours. Mark it taken on the Gear page once you have it.", capital(name), r.Text), Link: "/gear"})
	}
	for _, s := range in.Shoes {
		if rewarded[s.ID] || s.Reached == "" || s.RetireAtM <= 0 || !recent(s.Reached) {
			continue
		}
		out = append(out, Moment{Kind: KindShoesEarned, Key: fmt.Sprintf("gear:%d", s.ID), Day: s.Reached, Title: fmt.Sprintf("%s: %s run — new shoes earned", s.Name, units.Show(s.DistanceM, in.Unit)),
			Body: fmt.Sprintf("%s have carried you %s, past the %s you set. You have earned a new pair.", s.Name, units.Show(s.DistanceM, in.Unit), units.Show(s.RetireAtM, in.Unit)), Link: "/gear"})
	}
	for _, r := range in.Replies {
		if !recent(r.Day) {
			continue
		}
		text := r.Text
		if rs := []rune(text); len(rs) > 280 {
			text = string(rs[:279]) + "…"
		}
		out = append(out, Moment{Kind: KindCoachReply, Key: fmt.Sprint(r.ID), Day: r.Day, Title: r.Coach + " replied", Body: text, Link: "/coach"})
	}
	return out
}

func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
