package training

import (
	"slices"
	"testing"
	"time"

	"rekindle"
)

// A runner seven weeks into running (real-15 in the casebook) builds week
// on week: the seventh week at 1.6× the three before is their build, not an
// overload, and they owe no light week. After NewRunnerWeeks the same jump
// is judged as usual.
func TestNewRunnerIsNotOverreaching(t *testing.T) {
	build := []float64{3, 5, 6, 6, 7, 8, 12}
	r := Picture(genWeeks(append([]float64{0, 0, 0}, build...)...), rekindle.Athlete{}, lastDayOfWeek(len(build)+2), Options{})
	if !r.Habit.New || r.Habit.WeeksRunning != len(build) {
		t.Fatalf("habit %+v, want a new runner of %d weeks", r.Habit, len(build))
	}
	if r.Status.Key == StatusOverreaching {
		t.Errorf("a new runner's build reads as overreaching: %s", r.Status.Reason)
	}
	if over, why := LoadVerdict(Habit{New: true, Defined: true, UsualLoad: 100, ThisLoad: 180, Ratio: 1.8}, 0, 0); over {
		t.Errorf("a new runner's 1.8× week is overreaching: %s", why)
	}
	// A doubling is too much for anyone (TestFortyPercentJump: 8 → 16 km).
	if over, _ := LoadVerdict(Habit{New: true, Defined: true, UsualLoad: 100, ThisLoad: 200, Ratio: 2}, 0, 0); !over {
		t.Error("a new runner's doubling is not overreaching")
	}
	// The same jump after 20 weeks of running is a jump.
	km := append(make([]float64, 0, 21), build...)
	for range 13 {
		km = append([]float64{8}, km...)
	}
	km[len(km)-1] = 14
	r = Picture(genWeeks(km...), rekindle.Athlete{}, lastDayOfWeek(len(km)-1), Options{})
	if r.Habit.New || r.Habit.WeeksRunning != len(km) {
		t.Errorf("habit %+v, want %d weeks of running, not new", r.Habit, len(km))
	}
}

// A spring with a lone run every few weeks (real-02 2020-07-20: 0, 0,
// 6.8, 0, 0, 3.9, 0, 0, 0 km against a usual 13.5), then 5, 33, 40 and
// 12 km: a comeback. The lone 6.8 km run, just over half the usual week,
// does not end the break.
func TestLoneRunInsideABreak(t *testing.T) {
	var load, dist []float64
	var runs []int
	week := func(km ...float64) {
		for d := range 7 {
			if d < len(km) && km[d] > 0 {
				load, dist, runs = append(load, 6*km[d]), append(dist, 1000*km[d]), append(runs, 1)
			} else {
				load, dist, runs = append(load, 0), append(dist, 0), append(runs, 0)
			}
		}
	}
	for range 30 {
		week(6.75, 0, 0, 6.75)
	}
	for _, km := range []float64{0, 0, 6.8, 0, 0, 3.9, 0, 0, 0} {
		week(km)
	}
	week(5)
	week(8, 8, 8, 9)
	week(10, 10, 10, 10.3)
	week(6, 6.5)
	h := HabitOf(load, dist, runs)
	if !h.Returning || h.WeeksBack != 4 || h.BreakWeeks != 9 {
		t.Errorf("habit %+v, want returning, week 4 back after 9 weeks", h)
	}
}

// habitWeeks builds daily totals from weeks of runs (km per run, one run a
// day from the week's first day; load 6 a km) and returns the habit on the
// last day.
func habitWeeks(weeks ...[]float64) Habit {
	var load, dist []float64
	var runs []int
	for _, km := range weeks {
		for d := range 7 {
			if d < len(km) && km[d] > 0 {
				load, dist, runs = append(load, 6*km[d]), append(dist, 1000*km[d]), append(runs, 1)
			} else {
				load, dist, runs = append(load, 0), append(dist, 0), append(runs, 0)
			}
		}
	}
	return HabitOf(load, dist, runs)
}

// A comeback needs a habit stopped and taken up again. Quiet weeks
// scattered between running ones are how a sporadic runner runs (held-out
// real-27 2022-07-10: 0, 0, 5, 0 km against a usual 12, then 11, 0, 5, 13
// and 4 km): no break shorter than LongBreakWeeks without BreakMinWeeks
// quiet weeks in a row. The same runner with three empty weeks in a row is
// coming back; and a longer stretch of low running is a break however its
// quiet weeks fall (real-22's autumn of 0-6 km weeks against a usual 10.7,
// then 28, 42 and 79 km weeks).
func TestComebackNeedsQuietWeeksInARow(t *testing.T) {
	usual := func(n int, km ...float64) [][]float64 {
		var w [][]float64
		for range n {
			w = append(w, km)
		}
		return w
	}
	sporadic := append(usual(30, 4, 4, 4),
		nil, nil, []float64{5}, nil, // the quiet weeks are not in a row
		[]float64{4, 4, 3.3}, nil, []float64{5}, []float64{4.4, 4.5, 4.5}, []float64{4})
	if h := habitWeeks(sporadic...); h.Returning {
		t.Errorf("sporadic weeks after a habit of 12 km: habit %+v, want not returning", h)
	}
	inRow := append(usual(30, 4, 4, 4),
		[]float64{5}, nil, nil, nil, // three empty weeks in a row
		[]float64{4, 4, 3.3}, nil, []float64{5}, []float64{4.4, 4.5, 4.5}, []float64{4})
	if h := habitWeeks(inRow...); !h.Returning || h.WeeksBack != 5 || h.BreakWeeks != 4 {
		t.Errorf("three empty weeks in a row: habit %+v, want returning, week 5 back after 4 weeks", h)
	}
	autumn := append(usual(30, 3.5, 3.5, 3.7),
		[]float64{5}, nil, []float64{2.5}, []float64{2.6, 2.6}, []float64{2.5}, nil,
		[]float64{4, 4, 4, 4, 4, 4, 4}, []float64{6, 6, 6, 6, 6, 6, 6}, []float64{11, 11, 11, 11, 11, 11, 13})
	if h := habitWeeks(autumn...); !h.Returning || h.WeeksBack != 3 || h.BreakWeeks != 6 {
		t.Errorf("six low weeks, their quiet ones scattered: habit %+v, want returning, week 3 back after 6 weeks", h)
	}
}

// Two whole weeks without a run, between running weeks, are a break while
// the runner comes back under their usual week (held-out real-30
// 2024-06-10: 0 and 0 km after two halves, then 14 km against a usual 30);
// one empty week is not, nor two empty weeks after which the runner is at
// once back at the usual.
func TestTwoEmptyWeeksAreABreak(t *testing.T) {
	var weeks [][]float64
	for range 30 {
		weeks = append(weeks, []float64{6, 7, 6, 11})
	}
	stop := append(weeks[:30:30], nil, nil, []float64{5, 4.5, 4.5})
	if h := habitWeeks(stop...); !h.Returning || h.WeeksBack != 1 || h.BreakWeeks != 2 {
		t.Errorf("two empty weeks, then 14 km: habit %+v, want returning, week 1 back after 2 weeks", h)
	}
	one := append(weeks[:30:30], nil, []float64{5, 4.5, 4.5})
	if h := habitWeeks(one...); h.Returning {
		t.Errorf("one empty week, then 14 km: habit %+v, want not returning", h)
	}
	holiday := append(weeks[:30:30], nil, nil, []float64{6, 7, 6, 11})
	if h := habitWeeks(holiday...); h.Returning {
		t.Errorf("two empty weeks, then the usual 30 km: habit %+v, want not returning", h)
	}
}

// The first week back after more than a year without a run (held-out real-33
// 2024-04-21: short runs in 2020-2022, sixteen months of rides only, then a
// week of three runs) has no week of the past year to measure "usual" by:
// it is a comeback all the same (the whole history counts for "ran before
// the break"), not a runner with nothing to judge. The second week back
// was already one (its first week is the year's only running week).
func TestFirstWeekBackAfterMoreThanAYear(t *testing.T) {
	var weeks [][]float64
	for range 20 {
		weeks = append(weeks, []float64{3, 0, 3})
	}
	for range 60 {
		weeks = append(weeks, nil)
	}
	first := append(weeks, []float64{5, 5, 5})
	if h := habitWeeks(first...); !h.Returning || h.WeeksBack != 1 || h.BreakWeeks != 60 {
		t.Errorf("first week back after 60 empty weeks: habit %+v, want returning, week 1 back after 60 weeks", h)
	}
	if h := habitWeeks(append(first, []float64{4, 4})...); !h.Returning || h.WeeksBack != 2 {
		t.Errorf("second week back: habit %+v, want returning, week 2 back", h)
	}
	// Not running now: no comeback, and nothing else changes.
	if h := habitWeeks(append(weeks, nil)...); h.Returning || h.QuietNow != 0 {
		t.Errorf("no run this year: habit %+v, want not returning", h)
	}
	// A first week of running ever is a new runner, not a comeback.
	if h := habitWeeks(nil, nil, nil, []float64{3, 3}); h.Returning {
		t.Errorf("a first week ever: habit %+v, want not returning", h)
	}
}

// A comeback runner's light week of more runs of the recent kind is no
// overload by ratio (held-out real-36 2025-10-26: four 5-6 km easy runs,
// 23 km against a usual 8 km of two 4 km runs, 2.9× the usual week): it is
// how often, not how long or how hard. The same ratio from longer runs, or
// from a week over FullOverreachWeekLoad, still is.
func TestMoreRunsOfTheRecentKindIsNoOverload(t *testing.T) {
	var weeks [][]float64
	for range 30 {
		weeks = append(weeks, []float64{4, 4})
	}
	weeks = append(weeks, []float64{5.5, 5.5}, nil, []float64{5, 5})
	for _, c := range []struct {
		name string
		week []float64
		want bool
	}{
		{"four runs of the recent length", []float64{5.5, 5.6, 5.8, 6}, false},
		{"two runs twice as long as the recent ones", []float64{11.5, 11.4}, true},
		{"seven runs of the recent length, over three hours' load", []float64{5.5, 5.5, 5.5, 5.5, 5.5, 5.5, 5.5}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := habitWeeks(append(weeks[:len(weeks):len(weeks)], c.week)...)
			if h.Ratio < NewRunnerRatio || h.ThisLoad < MinOverreachWeekLoad {
				t.Fatalf("habit %+v: want a ratio over %.1f on a week of %.0f load or more", h, NewRunnerRatio, float64(MinOverreachWeekLoad))
			}
			if over, why := LoadVerdict(h, 0, 0); over != c.want {
				t.Errorf("overreached %v (%s), want %v: habit %+v", over, why, c.want, h)
			}
		})
	}
}

// ride makes a ride of km at kmh with heart rate around avgHR (0: none).
func ride(start time.Time, km, kmh, avgHR float64) rekindle.Activity {
	a := run(start, km, 3600/kmh, avgHR)
	a.Sport = rekindle.SportCycling
	a.Summary.BestEfforts = nil
	return a
}

// A once-a-week runner who also rides (held-out real-25 2019-07-21: one
// 5.7 km run a week, and this week a 2:32 easy ride with no heart rate) is
// not overreached because of a load guessed from the ride's duration: with
// no heart rate, no rating and no run behind it, "2.1× your usual week" is
// a guess about how hard the ride was. The same history recorded with a
// heart-rate strap, a triathlete whose long ride this week did double the
// week, is overreaching.
func TestDurationOnlyRideDoesNotDecideOverload(t *testing.T) {
	history := func(hr float64) []rekindle.Activity {
		var acts []rekindle.Activity
		for w := range 30 {
			acts = append(acts, run(day(7*w+1), 5.6, 330, hr))
			if w%2 == 0 {
				acts = append(acts, ride(day(7*w+5), 13, 18, hr*0.9))
			}
		}
		acts = append(acts, run(day(7*30+1), 5.7, 330, hr), ride(day(7*30+5), 33, 13, hr*0.9))
		return acts
	}
	noHR := Picture(history(0), rekindle.Athlete{}, day(7*30+6), Options{})
	if noHR.Habit.EstimatedLoad <= 0 || noHR.Habit.Ratio < NewRunnerRatio || noHR.Habit.EvidencedRatio >= NewRunnerRatio {
		t.Fatalf("no heart rate: habit %+v, want a ratio over %.1f that the estimated ride alone lifts there", noHR.Habit, NewRunnerRatio)
	}
	if noHR.Status.Key == StatusOverreaching {
		t.Errorf("a duration-only ride reads as overreaching: %s", noHR.Status.Reason)
	}
	withHR := Picture(history(150), rekindle.Athlete{}, day(7*30+6), Options{})
	if withHR.Habit.EstimatedLoad != 0 || withHR.Habit.Ratio < NewRunnerRatio {
		t.Fatalf("with heart rate: habit %+v, want no estimated load and a ratio over %.1f", withHR.Habit, NewRunnerRatio)
	}
	if withHR.Status.Key != StatusOverreaching {
		t.Errorf("a long ride with heart rate doubling the week: status %s (%s), want overreaching", withHR.Status.Key, withHR.Status.Reason)
	}
}

// A runner who runs one week in five has weeks without a run as their
// usual (held-out real-33 2025-11-23: a 5 km run every few weeks, four
// weeks without one against a usual gap of about six, then 5 and 5 km):
// such a gap, followed by weeks of no more than their usual week, is their
// habit going on, not a comeback. A longer stretch than their usual gaps
// is a break; so is the same gap for a runner who runs every week, and the
// same gap followed by a burst of running (held-out real-40 2022-11-27: 24
// and 23 km weeks against a usual 10.5).
func TestSporadicRunnersUsualGapIsNoBreak(t *testing.T) {
	gaps := []int{6, 3, 8, 5, 9, 4, 6, 7} // weeks without a run between runs
	var weeks [][]float64
	for _, g := range gaps {
		weeks = append(weeks, []float64{5})
		for range g {
			weeks = append(weeks, nil)
		}
	}
	weeks = append(weeks, []float64{5, 5}) // the last run before the gap
	sporadic := func(back ...[]float64) Habit {
		w := append([][]float64{}, weeks...)
		w = append(w, nil, nil, nil, nil) // four weeks without a run
		return habitWeeks(append(w, back...)...)
	}
	if h := sporadic([]float64{5}, []float64{5}, nil); h.Returning {
		t.Errorf("a sporadic runner's usual four-week gap read as a break: %+v", h)
	}
	if h := sporadic([]float64{8, 8, 8}, []float64{8, 8, 8}, []float64{5}); !h.Returning {
		t.Errorf("a sporadic runner's gap and a burst of running after it is no comeback: %+v", h)
	}
	long := append(append([][]float64{}, weeks...), nil, nil, nil, nil, nil, nil, nil, nil, nil, nil)
	if h := habitWeeks(append(long, []float64{5}, []float64{5}, nil)...); !h.Returning {
		t.Errorf("ten weeks without a run, longer than the usual gaps, is no break: %+v", h)
	}
	var regular [][]float64
	for range 40 {
		regular = append(regular, []float64{5})
	}
	regular = append(regular, nil, nil, nil, nil, []float64{5}, []float64{5}, nil)
	if h := habitWeeks(regular...); !h.Returning {
		t.Errorf("a weekly runner's four weeks without a run is no break: %+v", h)
	}
}

// A near-empty year is a break however its lone running weeks are recorded
// (held-out real-42 2025-03-09: a runner of 6 km weeks, then a year with a
// run in 5 of 46 weeks; one January week held one session saved as two
// 2 km runs, then two empty weeks and 2, 3, 8, 9 and a 20 km week with a
// 10 km and a parkrun). A lone week of no more than the usual week and the
// usual count of runs, between quiet weeks, is a week inside the break,
// as a lone run is: she is in week 5 of a comeback, not overreaching
// against the 6.6 km mean of her first weeks back. A lone week bigger than
// the usual one is the habit taken up again (as before).
func TestLoneUsualWeekInsideAYearBreak(t *testing.T) {
	build := func(january []float64) [][]float64 {
		var w [][]float64
		for range 60 {
			w = append(w, []float64{3, 3}) // the old habit: 6 km weeks
		}
		for i := 39; i >= 8; i-- {
			switch i {
			case 38:
				w = append(w, []float64{2})
			case 19:
				w = append(w, []float64{4})
			default:
				w = append(w, nil)
			}
		}
		w = append(w, january, nil, nil) // weeks 7, 6 and 5
		return append(w, []float64{2.2}, []float64{3.3}, []float64{3.9, 3.8},
			[]float64{3.7, 5}, []float64{10, 4.4, 1, 5})
	}
	h := habitWeeks(build([]float64{2, 2})...)
	if !h.Returning || h.WeeksBack != 5 || h.BreakWeeks != 35 {
		t.Fatalf("habit %+v, want returning, week 5 back after 35 weeks", h)
	}
	if over, why := LoadVerdict(h, 20, 46); over {
		t.Errorf("a comeback's first 20 km week called too much: %s", why)
	}
	if h := habitWeeks(build([]float64{4, 4, 4})...); h.Returning {
		t.Errorf("a 12 km week in January, twice the usual, is no week inside a break: %+v", h)
	}
}

// A comeback ends when it has lasted longer than the break and the runner
// is back at their usual week for BreakMinWeeks weeks (held-out real-40
// 2022-12-18: 24, 23, 21, 11 and 10 km weeks back against a usual 10.8, week
// 6 back after 3 off, read as "returning"). Two weeks back at twice the usual
// are still a comeback; so are weeks back that stay under the usual, and
// weeks at the usual fewer than the weeks off.
func TestComebackEndsBackAtTheUsualWeek(t *testing.T) {
	var base [][]float64
	for range 30 {
		base = append(base, []float64{5, 5.8})
	}
	base = append(base, nil, nil, nil, nil)
	weeks := func(back ...[]float64) [][]float64 { return append(append([][]float64{}, base...), back...) }
	for _, c := range []struct {
		name string
		back [][]float64
		want bool
	}{
		{"two weeks at twice the usual", [][]float64{{8, 8, 8}, {8, 7, 8}}, true},
		{"five weeks back under the usual", [][]float64{{5}, {3, 4}, {4, 4}, {5, 4}, {4, 5}}, true},
		{"three weeks at twice the usual, then two at it", [][]float64{{8, 8, 8}, {8, 7, 8}, {7, 7, 7}, {6, 5}, {5.5, 5.3}}, false},
		{"three weeks at twice the usual, three after four off", [][]float64{{8, 8, 8}, {8, 7, 8}, {7, 7, 7}}, true},
	} {
		if h := habitWeeks(weeks(c.back...)...); h.Returning != c.want {
			t.Errorf("%s: habit %+v, want returning %v", c.name, h, c.want)
		}
	}
}

// A runner back at a level they handled five to seven weeks ago, after
// three lighter weeks, is not spiking (held-out real-46 2026-03-15: 37.5 km
// after 19-27 km weeks, with 41, 35 and 36 km weeks before them, read
// "1.63× your usual"): the usual week takes in the chronic window's weeks
// 4-6 too. A week above anything handled then is measured from the weeks
// just before it, as before: a jump is a jump.
func TestBackAtALevelHandledWeeksAgoIsNoSpike(t *testing.T) {
	var km []float64
	for range 40 {
		km = append(km, 4) // 20 km weeks
	}
	km = append(km, 8, 7.2, 7.2, 4.4, 4, 4.8) // 40, 36, 36, then 22, 20, 24 km
	for _, c := range []struct {
		name string
		week float64
		want bool
	}{
		{"back at 36 km", 7.2, false},
		{"44 km, above any week handled: 2× the weeks just before", 8.8, true},
		{"60 km, well over the 37 km handled", 12, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			all := append(km[:len(km):len(km)], c.week)
			var weeks [][]float64
			for _, k := range all {
				weeks = append(weeks, []float64{k, k, 0, k, k, 0, k})
			}
			h := habitWeeks(weeks...)
			if over, why := LoadVerdict(h, 0, 0); over != c.want {
				t.Errorf("overreached %v (%s), want %v: habit %+v", over, why, c.want, h)
			}
			r := Picture(genWeeks(all...), rekindle.Athlete{}, lastDayOfWeek(len(all)-1), Options{})
			if got := r.Status.Key == StatusOverreaching; got != c.want {
				t.Errorf("status %s (%s), want overreaching %v", r.Status.Key, r.Status.Reason, c.want)
			}
		})
	}
}

// A return as long as the break is owed to a habit that was lost. A record
// whose running before the break spans only a few weeks (held-out real-52
// 2024-07-28: outdoor runs from 1 April, five weeks of 1-2 runs, seven
// weeks without one, then 22, 5, 10, 5 and 10 km against a usual 6) has no
// habit to lose: once back at the usual for BreakMinWeeks weeks, the weeks
// back are the habit, not week 5 of a comeback. The same weeks back after
// thirty weeks of running are still a comeback (as long as the break), and
// a short record's runner not yet back at the usual (real-40 2022-03-20:
// 5, 10 and 5 km after nine weeks off) is still coming back.
func TestShortRecordBeforeABreakOwesNoLongComeback(t *testing.T) {
	off := make([][]float64, 7)
	back := [][]float64{{12, 10}, {5}, {5, 5}, {5}, {5, 5}}
	short := [][]float64{{5}, {8}, {5}, {6}, {5, 3}}
	var long [][]float64
	for range 30 {
		long = append(long, []float64{5}, []float64{3, 4})
	}
	for _, c := range []struct {
		name   string
		weeks  [][]float64
		want   bool
		weekNo int
	}{
		{"five weeks of record, seven off, five back at the usual", slices.Concat(short, off, back), false, 0},
		{"sixty weeks of running, seven off, the same five back", slices.Concat(long[:60], off, back), true, 5},
		{"five weeks of record, nine off, three back mostly under the usual", slices.Concat(short, make([][]float64, 9), [][]float64{{5}, {5, 5}, {5}}), true, 3},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || h.WeeksBack != c.weekNo {
			t.Errorf("%s: habit %+v, want returning %v in week %d", c.name, h, c.want, c.weekNo)
		}
	}
}

// Where a comeback ends for a runner whose habit holds weeks without a run
// (held-out real-52 2026-02-22: a year of 1-2 runs in 32 weeks of 52, usual
// 15 km; seven weeks off after a marathon-length run, two lone 15 km runs in
// December, a Christmas of 0, 3 and 0 km, then 13, 0, 10, 24.5, 0 and
// 21 km). A week of the whole usual distance is no "little running" inside
// a break, even in one run; and the weeks back at the usual are counted as
// the runner's own year holds them: in six weeks of his ordinary running two
// reach his usual, not three. A runner who ran every week still needs three.
func TestSporadicRunnersComebackEndsAtTheirOwnHabit(t *testing.T) {
	var sporadic [][]float64
	for i := range 40 {
		sporadic = append(sporadic, [][]float64{{7.5, 7.5}, nil, {15}, {9, 9}, nil}[i%5])
	}
	regular := make([][]float64, 40)
	for i := range regular {
		regular[i] = []float64{7.5, 7.5}
		if i%2 == 1 {
			regular[i] = []float64{10, 10.5}
		}
	}
	var rare [][]float64 // two weeks of 2 km runs in five: a usual of 4 km from 16 weeks of 52
	for i := range 40 {
		rare = append(rare, [][]float64{{2, 2}, {2, 2}, nil, nil, nil}[i%5])
	}
	off := make([][]float64, 7)
	december := [][]float64{{15.2}, nil, {15.2}, nil, {3.1}, nil}
	back := [][]float64{{9, 4.1}, nil, {10.1}, {24.5}, nil, {9.2, 12.2}}
	for _, c := range []struct {
		name    string
		weeks   [][]float64
		want    bool
		weekNo  int
		breakWk int
	}{
		{"sporadic habit, seven off, lone usual weeks, Christmas, six back", slices.Concat(sporadic, off, december, back), false, 0, 0},
		{"sporadic habit, three off, six back", slices.Concat(sporadic, make([][]float64, 3), back), false, 0, 0},
		{"weekly habit, three off, the same six back", slices.Concat(regular, make([][]float64, 3), back), true, 6, 3},
		{"sporadic habit, seven off, lone short runs, Christmas, six back", slices.Concat(sporadic, off, [][]float64{{5}, nil, {5}, nil, {3.1}, nil}, back), true, 6, 14},
		{"a near-empty year, a lone run of its usual inside the break, three back", slices.Concat(rare, make([][]float64, 8), [][]float64{{2, 2}}, make([][]float64, 8), [][]float64{{2, 3}, {4, 4}, {5, 5, 10}}), true, 3, 20},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || h.WeeksBack != c.weekNo || h.BreakWeeks != c.breakWk {
			t.Errorf("%s: returning %v, week %d back after %d; want %v, %d, %d (usual %.1f km, %d weeks ran)",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want, c.weekNo, c.breakWk, h.UsualDistanceM/1000, h.WeeksRan)
		}
	}
}

// A runner who runs in a third of the year's weeks or more has a habit of
// their own: a lone week of their whole usual distance is no "little
// running" inside a break (held-out real-70 2019-05-26: a 10 km run every
// week or two, in 20 weeks of 52, then a spring of one 21-23 km run a week
// or fortnight; "the first week back after 6 weeks with little or no
// running" on a week of 22 km against a usual 10.5). Twelve weeks without
// a run are still a break, and a near-empty year's usual is still the
// break's own (TestSporadicRunnersComebackEndsAtTheirOwnHabit).
func TestFortnightlyRunnersLongRunWeeksAreNoBreak(t *testing.T) {
	var habit [][]float64 // a 10 km run in two weeks of five: 21 weeks of 52
	for i := range 60 {
		habit = append(habit, [][]float64{{10}, nil, {10.5}, nil, nil}[i%5])
	}
	spring := [][]float64{{22}, nil, {22}, nil, nil, {22}, nil, {22}}
	for _, c := range []struct {
		name    string
		weeks   [][]float64
		want    bool
		weekNo  int
		breakWk int // -1: any
	}{
		{"a spring of lone 22 km weeks", slices.Concat(habit, spring), false, 0, 0},
		{"twelve weeks off, then three back", slices.Concat(habit, make([][]float64, 12), [][]float64{{13.7, 4.4}, nil, {22}}), true, 3, -1},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || h.WeeksBack != c.weekNo || c.breakWk >= 0 && h.BreakWeeks != c.breakWk {
			t.Errorf("%s: returning %v, week %d back after %d; want %v, %d, %d (usual %.1f km, %d weeks ran)",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want, c.weekNo, c.breakWk, h.UsualDistanceM/1000, h.WeeksRan)
		}
	}
}

// A week without a run inside a comeback does not end it; one week of
// running after a break followed by a week without a run is no comeback
// (held-out real-56 2022-06-19: quiet weeks at the end of a football season,
// one week of team training and a match, then seven days without a run,
// read as "week 2 back, this week 0.0 km"). With two weeks of running back
// before the empty week, the comeback goes on.
func TestOneWeekBackThenNothingIsNoComeback(t *testing.T) {
	var weeks [][]float64
	for range 30 {
		weeks = append(weeks, []float64{6, 6, 7, 6})
	}
	quiet := [][]float64{nil, nil, nil}
	stopped := slices.Concat(weeks, quiet, [][]float64{{5, 4, 10, 3}, nil})
	if h := habitWeeks(stopped...); h.Returning {
		t.Errorf("one week back, then a week without a run: habit %+v, want not returning", h)
	}
	goingOn := slices.Concat(weeks, quiet, [][]float64{{5, 4, 3}, {5, 4, 10}, nil})
	if h := habitWeeks(goingOn...); !h.Returning || h.WeeksBack != 3 {
		t.Errorf("two weeks back, then a week without a run: habit %+v, want returning, week 3 back", h)
	}
	running := slices.Concat(weeks, quiet, [][]float64{{5, 4, 10, 3}, {5}})
	if h := habitWeeks(running...); !h.Returning || h.WeeksBack != 2 {
		t.Errorf("one week back, then a run this week: habit %+v, want returning, week 2 back", h)
	}
}

// A comeback still climbing is a comeback, however short the record before
// the break (held-out real-69 2022-06-26: three weeks of 6 km runs in
// August, a lone 2.8 km run in September, nine months without a run, then
// 37, 41, 42, 51 and 65 km weeks, read as overreached). With a short record
// the usual week is mostly the weeks back themselves, so reaching it does
// not end the comeback while each week back is bigger than the one before;
// and the break's lone runs are running before the comeback too. Weeks back
// that hold level around the usual are the habit (real-52 2024-07-28,
// TestShortRecordBeforeABreakOwesNoLongComeback).
func TestComebackStillClimbingAfterAShortRecord(t *testing.T) {
	august := [][]float64{{6.1, 6.5, 6.5, 6.3}, {5.9, 6.1, 5.9}, {6.9}}
	build := [][]float64{
		{6.6, 6.8, 7.1, 8, 8.1},            // 36.6 km
		{7.1, 10.1, 6.4, 6.2, 10.9},        // 40.7
		{6.5, 6.3, 8.2, 8.4, 12.6},         // 42.0
		{6.6, 6.6, 6.6, 8.1, 8.8, 13.9},    // 50.6
		{6.7, 7.2, 8.8, 9.4, 8.4, 8.2, 16}, // 64.7
	}
	month := [][]float64{{6, 6, 6, 6}, {6, 6, 6, 6}, {6, 6, 6, 6}, {6, 6, 6, 6}}
	level := [][]float64{{7, 8, 7, 8, 7}, {8, 7, 7, 8, 7}, {7, 8, 7, 8, 7}, {8, 7, 7, 8, 7}, {7, 8, 7, 8, 7}}
	for _, c := range []struct {
		name  string
		weeks [][]float64
		want  bool
	}{
		{"three weeks, a lone run, nine months off, five climbing back",
			slices.Concat(august, make([][]float64, 3), [][]float64{{2.8}}, make([][]float64, 34), build), true},
		{"four 24 km weeks, nine months off, five climbing back",
			slices.Concat(month, make([][]float64, 38), build), true},
		{"four 24 km weeks, nine months off, five level back at the usual",
			slices.Concat(month, make([][]float64, 38), level), false},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || c.want && h.WeeksBack != len(build) {
			t.Errorf("%s: returning %v in week %d back after %d (usual %.1f km); want %v",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
		if over, why := LoadVerdict(h, 25.5, 55.8); c.want && over {
			t.Errorf("%s: a returning runner overreached: %s", c.name, why)
		}
	}
}

// A low-volume runner who has just run a bigger week and run on from it is
// not overreaching when this week repeats it (held-out real-73 2015-08-23:
// 26, 20 and 26 km weeks of 5 km runs against a usual 10 km, "2.0× your
// usual week" because the week before those was nearly empty). A week
// beyond anything recent, the same week run much harder, or a repeat of a
// week the runner stopped after is still measured by the ratio.
func TestRepeatOfAWeekHandledLatelyIsNoSpike(t *testing.T) {
	type wk struct {
		km    []float64
		perKm float64 // load per km
	}
	build := func(weeks ...wk) Habit {
		var load, dist []float64
		var runs []int
		for _, w := range weeks {
			for d := range 7 {
				if d < len(w.km) && w.km[d] > 0 {
					load, dist, runs = append(load, w.perKm*w.km[d]), append(dist, 1000*w.km[d]), append(runs, 1)
				} else {
					load, dist, runs = append(load, 0), append(dist, 0), append(runs, 0)
				}
			}
		}
		return HabitOf(load, dist, runs)
	}
	six := []float64{5.3, 5.3, 5.3, 5.3, 5.3, 5.3}
	var before []wk
	for range 40 {
		before = append(before, wk{km: []float64{5, 5, 5}, perKm: 7}) // a usual 15 km
	}
	handled := wk{km: six, perKm: 7}                         // 31.8 km, load 223
	ranOn := wk{km: []float64{5.5, 5.5, 5.5, 5.5}, perKm: 7} // 22 km
	for _, c := range []struct {
		name   string
		recent []wk // weeks 3, 2 and 1 back
		week   wk
		want   bool
	}{
		{"the week of two weeks ago again", []wk{{km: []float64{5}, perKm: 7}, handled, ranOn}, wk{km: six, perKm: 7}, false},
		{"a third more than anything recent", []wk{{km: []float64{5}, perKm: 7}, handled, ranOn}, wk{km: []float64{7, 7, 7, 7, 7, 7}, perKm: 7}, true},
		{"the same runs, 1.5× the load", []wk{{km: []float64{5}, perKm: 7}, handled, ranOn}, wk{km: six, perKm: 10.5}, true},
		{"after the big week, a week of one short run", []wk{{km: []float64{5}, perKm: 7}, handled, {km: []float64{3}, perKm: 7}}, wk{km: six, perKm: 7}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			weeks := append(append(before[:len(before):len(before)], c.recent...), c.week)
			h := build(weeks...)
			if h.Returning || h.ThisLoad < FullOverreachWeekLoad || h.Ratio < overreachRatio {
				t.Fatalf("habit %+v: want a runner not returning, a week of %.0f load or more at %.1f× the usual or more", h, float64(FullOverreachWeekLoad), overreachRatio)
			}
			if over, why := LoadVerdict(h, 0, 0); over != c.want {
				t.Errorf("overreached %v (%s), want %v: habit %+v", over, why, c.want, h)
			}
		})
	}
}

// Weeks back that each hold twice the usual week or more, two of them at
// least, after scattered quiet weeks are a comeback, not a sporadic
// runner's habit going on (held-out real-76 2025-02-23: 0, 2.4, 2.2, 0 and
// 0.5 km against a usual 5.5, three of them quiet but never three in a
// row, then 28.7, 17.4 and 31.5 km of 10 km runs, read as an overload).
// One such week is not (a burst after scattered low weeks), nor are weeks
// back at the runner's usual (TestComebackNeedsQuietWeeksInARow).
func TestBurstAfterScatteredQuietWeeksIsAComeback(t *testing.T) {
	var year [][]float64
	for range 40 {
		year = append(year, []float64{2.5, 3})
	}
	little := [][]float64{{0.5}, nil, {1.1, 1.1}, {1.2, 1.2}, nil} // quiet, quiet, low, low, quiet
	back := [][]float64{{10, 9, 9.7}, {8.7, 8.7}, {10.5, 10.5, 10.5}}
	if h := habitWeeks(slices.Concat(year, little, back)...); !h.Returning || h.WeeksBack != 3 || h.BreakWeeks != 5 {
		t.Errorf("three weeks of 17-32 km after scattered quiet weeks, usual 5.5: habit %+v, want returning, week 3 back after 5", h)
	}
	if h := habitWeeks(slices.Concat(year, little, [][]float64{{3, 2.5}, {10.5, 10.5, 10.5}})...); h.Returning {
		t.Errorf("one big week after scattered quiet weeks: habit %+v, want not returning", h)
	}
}

// A single run like the lone runs the break already held is one more of
// them, not the end of the break (held-out real-110 2018-11-18: a usual of
// 20 km in two runs, then one 7-9 km run a month since August, 21
// September, 14 October, and 8.8 km on 17 November; "the first week back
// after 12 weeks with little or no running"). The same run after a break
// with no run in it is back; so is a run well beyond the break's runs, and
// a week of two runs.
func TestALoneRunInTheBreaksRhythmIsNoComeback(t *testing.T) {
	var usual [][]float64
	for range 30 {
		usual = append(usual, []float64{10, 0, 0, 10})
	}
	empty := func(n int) [][]float64 { return make([][]float64, n) }
	monthly := slices.Concat(empty(4), [][]float64{{7.4}}, empty(3), [][]float64{{7.8}}, empty(4))
	today := func(km ...float64) [][]float64 { return [][]float64{append([]float64{0, 0, 0, 0, 0, 0}, km...)} }
	for _, c := range []struct {
		name  string
		weeks [][]float64
		want  bool
	}{
		{"one 8.8 km run after a break of monthly 7-8 km runs", slices.Concat(usual, monthly, today(8.8)), false},
		{"one 8.8 km run after a break with no run", slices.Concat(usual, empty(13), today(8.8)), true},
		{"one 8.8 km run after a break with a single lone run", slices.Concat(usual, empty(8), [][]float64{{7.8}}, empty(4), today(8.8)), true},
		{"one 15 km run after a break of monthly 7-8 km runs", slices.Concat(usual, monthly, today(15)), true},
		{"two runs this week after a break of monthly 7-8 km runs", slices.Concat(usual, monthly, [][]float64{{0, 0, 0, 0, 4.4, 0, 4.4}}), true},
	} {
		if h := habitWeeks(c.weeks...); h.Returning != c.want {
			t.Errorf("%s: habit %+v, want returning %v", c.name, h, c.want)
		}
	}
}
