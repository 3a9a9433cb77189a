package spark

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"testing"
	"time"
)

// The numbers the whys quote, recomputed here from the sessions alone (not
// from the engine's signals), for every simulated runner and many days:
// what the runner reads must be exact against their data.

// raw is a test-side view of an input: runs by local day.
type raw struct {
	in   *Input
	loc  *time.Location
	asOf int // civil day of AsOf
	runs []Session
}

func newRaw(in *Input) raw {
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	r := raw{in: in, loc: loc, asOf: civilDay(in.AsOf, loc)}
	for _, s := range in.Sessions {
		if s.Sport.IsRun() && civilDay(s.Start, loc) <= r.asOf {
			r.runs = append(r.runs, s)
		}
	}
	slices.SortFunc(r.runs, func(a, b Session) int { return a.Start.Compare(b.Start) })
	return r
}

// window returns the runs and metres of the days [from, to) before AsOf
// (0 = AsOf itself).
func (r raw) window(from, to int) (n int, m float64) {
	for _, s := range r.runs {
		if d := r.asOf - civilDay(s.Start, r.loc); d >= from && d < to {
			n++
			m += s.DistanceM
		}
	}
	return n, m
}

// usualKm is the median distance of the weeks with a run among the 52
// rolling weeks before this one.
func (r raw) usualKm() float64 {
	var ws []float64
	for w := 1; w <= 52; w++ {
		if n, m := r.window(7*w, 7*w+7); n > 0 {
			ws = append(ws, m/1000)
		}
	}
	return median(ws)
}

func half(x float64) string { return strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64) }

var (
	reRunsDropped = regexp.MustCompile(`runs dropped from (\d+) in the (\d+) weeks before to (\d+) in the last 4`)
	reKmDropped   = regexp.MustCompile(`weekly distance dropped from ([0-9.,]+) km to ([0-9.,]+) km`)
	reWeekUsual   = regexp.MustCompile(`this week's ([0-9.,]+) km is ([0-9.]+)× your usual ([0-9.,]+) km \((median|mean)`)
	reFast        = regexp.MustCompile(`(none|only \d+) of your (\d+) runs in the last 4 weeks had anything faster than easy`)
	reLastRuns    = regexp.MustCompile(`(\d+) runs in the last 4 weeks, against`)
	reThisWeek    = regexp.MustCompile(`this week ([0-9.,]+) km, against ([0-9.,]+) km in a usual week`)
)

// matched counts the whys each pattern matched, so the test notices when a
// wording changes and a pattern silently stops checking.
var matched = map[string]int{}

func checkWhy(t *testing.T, label, why string, r raw) (checked int) {
	t.Helper()
	for name, re := range map[string]*regexp.Regexp{"runs dropped": reRunsDropped, "km dropped": reKmDropped, "week vs usual": reWeekUsual, "fast": reFast, "this week": reThisWeek} {
		if re.MatchString(why) {
			matched[name]++
		}
	}
	want := func(what, got, exp string) {
		checked++
		if got != exp {
			t.Errorf("%s: %s quoted %s, the data say %s\n  why: %s", label, what, got, exp, why)
		}
	}
	if m := reRunsDropped.FindStringSubmatch(why); m != nil {
		n4, _ := r.window(0, 28)
		n8, _ := r.window(28, 84)
		want("runs before", m[1], strconv.Itoa(n8))
		want("weeks before", m[2], "8")
		want("runs now", m[3], strconv.Itoa(n4))
	}
	if m := reKmDropped.FindStringSubmatch(why); m != nil {
		_, m4 := r.window(0, 28)
		_, m8 := r.window(28, 84)
		want("km per week before", m[1], half(m8/8/1000))
		want("km per week now", m[2], half(m4/4/1000))
	}
	if m := reWeekUsual.FindStringSubmatch(why); m != nil {
		_, w0 := r.window(0, 7)
		u := r.usualKm()
		if _, m3 := r.window(7, 28); m3/3/1000 > u {
			u = m3 / 3 / 1000 // the 3 weeks before, when above the year's usual
		}
		var biggest float64 // the biggest of weeks 4-6 before
		for w := 4; w <= 6; w++ {
			_, mw := r.window(7*w, 7*w+7)
			biggest = max(biggest, mw)
		}
		if _, m6 := r.window(28, 49); m6/3/1000 > u && w0 <= biggest {
			u = m6 / 3 / 1000 // weeks 4-6 before, when above both and this week is back at their level
		}
		want("this week", m[1], half(w0/1000))
		want("usual week", m[3], half(u))
		want("ratio", m[2], fmt.Sprintf("%.2f", w0/1000/u))
	}
	if m := reThisWeek.FindStringSubmatch(why); m != nil {
		_, w0 := r.window(0, 7)
		want("this week", m[1], half(w0/1000))
		want("usual week", m[2], half(r.usualKm()))
	}
	if m := reLastRuns.FindStringSubmatch(why); m != nil {
		n4, _ := r.window(0, 28)
		want("runs in 4 weeks", m[1], strconv.Itoa(n4))
	}
	if m := reFast.FindStringSubmatch(why); m != nil {
		var fast, known int
		for _, s := range r.runs {
			if r.asOf-civilDay(s.Start, r.loc) >= 28 {
				continue
			}
			f, k := false, false
			for _, e := range s.BestEfforts {
				if e.DistanceM <= 1700 && s.AvgSpeedMS > 0 {
					k = true
					f = f || e.DistanceM/e.ElapsedS >= 1.10*s.AvgSpeedMS
				}
			}
			if s.Race {
				f, k = true, true
			}
			if k {
				known++
				if f {
					fast++
				}
			}
		}
		exp := "none"
		if fast > 0 {
			exp = "only " + strconv.Itoa(fast)
		}
		want("runs with something fast", m[1], exp)
		want("runs that could tell", m[2], strconv.Itoa(known))
	}
	return checked
}

func TestWhyNumbersAreExact(t *testing.T) {
	sameLoop, _, _ := sameLoopRunner()
	runners := map[string]*Input{
		"overreached": overreachedRunner(), "same loop": sameLoop, "fresh flat": freshFlatRunner(),
		"post marathon": postMarathonRunner(), "fading": fadingRunner(), "comeback": comebackRunner(3), "trail": trailRunner("CN"),
	}
	total := 0
	for name, in := range runners {
		// The runner's last day and the 20 days before it.
		for back := range 21 {
			day := *in
			day.AsOf = in.AsOf.AddDate(0, 0, -back)
			r := newRaw(&day)
			rep := Evaluate(&day)
			label := fmt.Sprintf("%s on %s", name, rep.AsOf)
			for _, rec := range rep.Recommendations {
				total += checkWhy(t, label+" "+rec.ID, rec.Why, r)
			}
			for _, d := range rep.Diagnoses {
				for _, e := range d.Evidence {
					total += checkWhy(t, label+" "+string(d.Key), e.Text, r)
				}
			}
		}
	}
	for _, name := range []string{"runs dropped", "km dropped", "week vs usual", "fast", "this week"} {
		if matched[name] == 0 {
			t.Errorf("no why matched the %q pattern: its wording changed", name)
		}
	}
	if total < 100 {
		t.Errorf("only %d numbers checked: the patterns no longer match the whys", total)
	}
	t.Logf("%d quoted numbers recomputed from the sessions", total)
}
