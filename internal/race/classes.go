package race

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"rekindle"
	"rekindle/internal/calendar"
)

// classSports maps words in a class's title or categories to a sport, the
// first match winning (aqua jogging before swimming, spin before cycling).
// Patterns match at word starts; a trailing space means a whole word.
var classSports = []struct {
	words []string
	sport rekindle.Sport
}{
	{[]string{" aqua jog", " aqua run", " aquajog", " deep water run", " water running ", " pool running "}, rekindle.SportAquaJogging},
	{[]string{" yoga ", " vinyasa ", " hatha ", " yin ", " ashtanga "}, rekindle.SportYoga},
	{[]string{" pilates ", " reformer "}, rekindle.SportPilates},
	{[]string{" barre "}, rekindle.SportBarre},
	{[]string{" spin ", " spinning ", " indoor cycl", " cycle ", " cycling ", " rpm ", " wattbike ", " watt bike "}, rekindle.SportSpin},
	{[]string{" strength ", " conditioning ", " body pump ", " bodypump ", " kettlebell", " weights ", " weight ", " circuit ", " circuits ", " hiit ", " core ", " bootcamp ", " crossfit "}, rekindle.SportStrength},
	{[]string{" swim ", " swimming ", " lengths "}, rekindle.SportSwimming},
	{[]string{" row ", " rowing ", " erg "}, rekindle.SportRowing},
}

// SportOf maps a class to a rekindle sport from its title and categories.
func SportOf(e *calendar.Event) (rekindle.Sport, bool) {
	var b strings.Builder
	b.Grow(len(e.Summary) + 16*len(e.Categories) + 2)
	b.WriteByte(' ')
	space := true
	add := func(s string) {
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
				space = false
			} else if !space {
				b.WriteByte(' ')
				space = true
			}
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	add(e.Summary)
	for _, c := range e.Categories {
		add(c)
	}
	text := b.String()
	for _, c := range classSports {
		for _, w := range c.words {
			if strings.Contains(text, w) {
				return c.sport, true
			}
		}
	}
	return "", false
}

// Class is one class occurrence suggested to the runner.
type Class struct {
	Name     string         `json:"name"`
	Sport    rekindle.Sport `json:"sport"`
	Start    time.Time      `json:"start"`
	End      time.Time      `json:"end,omitzero"`
	Place    string         `json:"place,omitempty"`
	URL      string         `json:"url,omitempty"`
	New      bool           `json:"new"`        // a sport the runner has never logged
	OnRunDay bool           `json:"on_run_day"` // one of the runner's usual running days
	HourFits bool           `json:"hour_fits"`  // near an hour the runner usually trains
	Why      string         `json:"why"`
	Feed     string         `json:"feed,omitempty"` // set by the caller
}

// ClassQuery selects classes.
type ClassQuery struct {
	From, To time.Time // [From, To)
	Loc      *time.Location
	// IncludeTried keeps classes of sports the runner has logged before
	// (ranked after new ones).
	IncludeTried bool
	// Limit caps the list (0: 10); each class appears once, at its best
	// occurrence.
	Limit int
}

// hourSlack is how far from a usual training hour a class may start.
const hourSlack = 2 * time.Hour

// SuggestClasses picks classes that fit the runner's week: on a day they
// usually do not run, near an hour at which they usually train on that kind
// of day (weekday or weekend), in a sport they have never logged. When no
// class starts near a usual hour, classes on free days are offered anyway,
// marked HourFits false. Sorted: new sports, good hours, then date.
func SuggestClasses(events []calendar.Event, p *Pattern, q ClassQuery) []Class {
	loc := q.Loc
	if loc == nil {
		loc = time.UTC
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 10
	}
	allDays := len(p.RunDays) == 7
	var out []Class
	for i := range events {
		e := &events[i]
		sport, ok := SportOf(e)
		if !ok || e.AllDay {
			continue
		}
		isNew := !p.HasTried(sport)
		if !isNew && !q.IncludeTried {
			continue
		}
		var best *Class
		for _, o := range e.Occurrences(q.From, q.To) {
			t := o.Start.In(loc)
			c := Class{Name: e.Summary, Sport: sport, Start: t, Place: e.Location, URL: e.URL, New: isNew,
				OnRunDay: p.RunsOn(t.Weekday()), HourFits: p.hourFits(t)}
			if !o.End.IsZero() {
				c.End = o.End.In(loc)
			}
			if c.OnRunDay && !allDays {
				continue
			}
			if best == nil || (c.HourFits && !best.HourFits) {
				best = &c
			}
		}
		if best != nil {
			best.Why = p.why(best)
			out = append(out, *best)
		}
	}
	slices.SortStableFunc(out, func(a, b Class) int {
		if a.New != b.New {
			return boolFirst(a.New)
		}
		if a.HourFits != b.HourFits {
			return boolFirst(a.HourFits)
		}
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func boolFirst(a bool) int {
	if a {
		return -1
	}
	return 1
}

// hourFits reports whether t is within two hours of a usual training hour
// for its kind of day; with no usual hours known, every hour fits.
func (p *Pattern) hourFits(t time.Time) bool {
	weekend := t.Weekday() == time.Saturday || t.Weekday() == time.Sunday
	hs := p.usualHours(weekend)
	if len(hs) == 0 {
		hs = p.usualHours(!weekend)
	}
	if len(hs) == 0 {
		return true
	}
	mins := t.Hour()*60 + t.Minute()
	for _, h := range hs {
		// The runner's runs start somewhere in hour h: use its middle.
		d := mins - (h*60 + 30)
		if d < 0 {
			d = -d
		}
		if time.Duration(d)*time.Minute <= hourSlack {
			return true
		}
	}
	return false
}

func (p *Pattern) why(c *Class) string {
	var parts []string
	if c.New {
		parts = append(parts, fmt.Sprintf("you have never logged %s", sportWords(c.Sport)))
	}
	if !c.OnRunDay && len(p.RunDays) > 0 {
		parts = append(parts, c.Start.Weekday().String()+" is not one of your running days")
	}
	if c.HourFits && p.knowsHours() {
		parts = append(parts, fmt.Sprintf("%s is close to when you usually train", c.Start.Format("15:04")))
	}
	if len(parts) == 0 {
		return ""
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func sportWords(s rekindle.Sport) string {
	switch s {
	case rekindle.SportAquaJogging:
		return "aqua-jogging"
	case rekindle.SportStrength:
		return "a strength session"
	case rekindle.SportSwimming:
		return "a swim"
	case rekindle.SportSpin:
		return "a spin class"
	}
	return string(s)
}
