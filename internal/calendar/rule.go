package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Rule is a recurrence rule rekindle can expand: FREQ=DAILY or WEEKLY with
// INTERVAL, COUNT or UNTIL, BYDAY and WKST (RFC 5545 §3.3.10).
type Rule struct {
	Freq      string // "DAILY" or "WEEKLY"
	Interval  int    // ≥ 1
	Count     int    // 0: unbounded
	Until     time.Time
	ByDay     []time.Weekday
	WeekStart time.Weekday
}

// errUnsupportedFreq marks a rule whose frequency rekindle does not expand.
var errUnsupportedFreq = errors.New("unsupported frequency")

var weekdays = map[string]time.Weekday{
	"MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday, "TH": time.Thursday,
	"FR": time.Friday, "SA": time.Saturday, "SU": time.Sunday,
}

// ParseRule parses an RRULE value. A date-time UNTIL without 'Z' is read in
// zone; a date UNTIL includes the whole day.
func ParseRule(s string, zone *time.Location) (*Rule, error) {
	r := &Rule{Interval: 1, WeekStart: time.Monday}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s, ";") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("rule part %q: want NAME=VALUE", part)
		}
		k = strings.ToUpper(k)
		if seen[k] {
			return nil, fmt.Errorf("rule part %s given twice", k)
		}
		seen[k] = true
		v = strings.ToUpper(v)
		switch k {
		case "FREQ":
			switch v {
			case "DAILY", "WEEKLY":
				r.Freq = v
			case "SECONDLY", "MINUTELY", "HOURLY", "MONTHLY", "YEARLY":
				return nil, fmt.Errorf("FREQ=%s: %w (rekindle expands DAILY and WEEKLY)", v, errUnsupportedFreq)
			default:
				return nil, fmt.Errorf("FREQ=%q: unknown frequency", v)
			}
		case "INTERVAL":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 1000 {
				return nil, fmt.Errorf("INTERVAL=%q: want 1–1000", v)
			}
			r.Interval = n
		case "COUNT":
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > MaxCount {
				return nil, fmt.Errorf("COUNT=%q: want 1–%d", v, MaxCount)
			}
			r.Count = n
		case "UNTIL":
			t, allDay, err := parseDateTime(v, zone, false)
			if err != nil {
				return nil, fmt.Errorf("UNTIL: %w", err)
			}
			if allDay {
				t = t.AddDate(0, 0, 1).Add(-time.Second)
			}
			r.Until = t
		case "BYDAY":
			for d := range strings.SplitSeq(v, ",") {
				// A numeric prefix (1MO, -1FR) only means something for
				// monthly and yearly rules; for weekly ones it is ignored.
				d = strings.TrimLeft(d, "+-0123456789")
				wd, ok := weekdays[d]
				if !ok {
					return nil, fmt.Errorf("BYDAY day %q: want MO, TU, WE, TH, FR, SA or SU", d)
				}
				if !slices.Contains(r.ByDay, wd) {
					r.ByDay = append(r.ByDay, wd)
				}
			}
		case "WKST":
			wd, ok := weekdays[v]
			if !ok {
				return nil, fmt.Errorf("WKST=%q: want a day like MO", v)
			}
			r.WeekStart = wd
		default:
			// BYMONTH, BYHOUR, BYSETPOS … narrow a rule in ways rekindle
			// does not expand; refusing beats inventing occurrences.
			return nil, fmt.Errorf("rule part %s: %w", k, errUnsupportedFreq)
		}
	}
	if r.Freq == "" {
		return nil, errors.New("rule without FREQ")
	}
	if r.Count > 0 && !r.Until.IsZero() {
		return nil, errors.New("rule with both COUNT and UNTIL")
	}
	return r, nil
}

// String writes the rule back as an RRULE value.
func (r *Rule) String() string {
	var b strings.Builder
	b.WriteString("FREQ=" + r.Freq)
	if r.Interval > 1 {
		fmt.Fprintf(&b, ";INTERVAL=%d", r.Interval)
	}
	if r.Count > 0 {
		fmt.Fprintf(&b, ";COUNT=%d", r.Count)
	}
	if !r.Until.IsZero() {
		b.WriteString(";UNTIL=" + r.Until.UTC().Format("20060102T150405Z"))
	}
	if len(r.ByDay) > 0 {
		names := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			names[i] = strings.ToUpper(d.String()[:2])
		}
		b.WriteString(";BYDAY=" + strings.Join(names, ","))
	}
	if r.WeekStart != time.Monday {
		b.WriteString(";WKST=" + strings.ToUpper(r.WeekStart.String()[:2]))
	}
	return b.String()
}

// civil is the date of t (in its own zone) as days since 1970-01-01.
func civil(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// expand calls emit for each occurrence in [from, to), oldest first, until
// emit returns false. Occurrences keep dtstart's wall-clock time in its zone
// across daylight-saving changes.
func (r *Rule) expand(dtstart, from, to time.Time, emit func(time.Time) bool) {
	if r.Interval < 1 || !to.After(from) {
		return
	}
	y, m, d := dtstart.Date()
	hh, mm, ss := dtstart.Clock()
	loc := dtstart.Location()
	at := func(off int64) time.Time { return time.Date(y, m, d+int(off), hh, mm, ss, 0, loc) }

	// Day offsets (from dtstart) of the candidates in one period.
	period := int64(r.Interval)
	var offsets []int64
	if r.Freq == "WEEKLY" {
		period *= 7
		days := r.ByDay
		if len(days) == 0 {
			days = []time.Weekday{dtstart.Weekday()}
		}
		rel := func(wd time.Weekday) int64 { return int64((int(wd) - int(r.WeekStart) + 7) % 7) }
		weekStart := -rel(dtstart.Weekday())
		for _, wd := range days {
			offsets = append(offsets, weekStart+rel(wd))
		}
		slices.Sort(offsets)
	} else {
		offsets = []int64{0}
	}
	// Jump to the period just before the window: nothing before it can be
	// emitted. With COUNT, the occurrences skipped are counted
	// arithmetically (a daily rule with BYDAY repeats every 7 periods).
	var k int64
	count := 0
	if gap := civil(from.In(loc)) - civil(dtstart); gap > 2*period {
		k = gap/period - 1
		if r.Count > 0 {
			if r.Freq == "DAILY" && len(r.ByDay) > 0 {
				k -= k % 7
			}
			n := r.countBefore(k, offsets, dtstart)
			if n >= int64(r.Count) {
				return
			}
			count = int(n)
		}
	}
	for iter := 0; iter < 5_000_000; iter++ {
		base := k * period
		k++
		if at(base + offsets[0]).After(to) {
			return
		}
		for _, off := range offsets {
			o := base + off
			if o < 0 {
				continue
			}
			t := at(o)
			if r.Freq == "DAILY" && len(r.ByDay) > 0 && !slices.Contains(r.ByDay, t.Weekday()) {
				continue
			}
			if t.Before(dtstart) {
				continue
			}
			if !r.Until.IsZero() && t.After(r.Until) {
				return
			}
			count++
			if r.Count > 0 && count > r.Count {
				return
			}
			if !t.Before(to) {
				return
			}
			if !t.Before(from) && !emit(t) {
				return
			}
		}
	}
}

// countBefore is the number of occurrences in periods 0 … k−1 (k ≥ 0; for
// a daily rule with BYDAY, a multiple of 7).
func (r *Rule) countBefore(k int64, offsets []int64, dtstart time.Time) int64 {
	if k <= 0 {
		return 0
	}
	switch {
	case r.Freq == "WEEKLY":
		var first int64
		for _, o := range offsets {
			if o >= 0 {
				first++
			}
		}
		return first + (k-1)*int64(len(offsets))
	case len(r.ByDay) == 0:
		return k
	}
	var perCycle int64
	for j := range 7 {
		if slices.Contains(r.ByDay, dtstart.AddDate(0, 0, j*r.Interval).Weekday()) {
			perCycle++
		}
	}
	return k / 7 * perCycle
}
