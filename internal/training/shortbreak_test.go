package training

import (
	"slices"
	"testing"

	"rekindle"
)

// Two weeks without a run just before the weeks back are a stop, and the
// lighter weeks before it (a season's last races) belong to the break, not
// against it (held-out real-65 2009-12-20: 35 and 24 km weeks against a
// usual 78 at the end of a cross-country season, two empty weeks, then 47
// and 39 km, read as a fade). Straight back at the usual week is still a
// holiday, not a comeback, unless the weeks before the stop were
// themselves little running (BreakMinWeeks quiet ones).
func TestStopAfterLightWeeksIsABreak(t *testing.T) {
	usual := []float64{11, 11, 11, 11, 11, 11, 11}      // 77 km
	season := [][]float64{{8, 8, 8, 11}, {8, 8, 8, 11}} // 35 km
	end := [][]float64{{6, 6, 6, 6}}                    // 24 km
	back := [][]float64{{10, 10, 10, 10, 7}, {10, 10, 10, 9}}
	atUsual := [][]float64{usual, usual}
	little := [][]float64{{8}, {1}, {10, 10, 10}} // quiet, quiet, low
	var year [][]float64
	for range 40 {
		year = append(year, usual)
	}
	for _, c := range []struct {
		name  string
		weeks [][]float64
		want  bool
	}{
		{"light weeks, two empty, two back under the usual", slices.Concat(year, season[:1], end, make([][]float64, 2), back), true},
		{"two light weeks, two empty, two back under the usual", slices.Concat(year, season, end, make([][]float64, 2), back), true},
		{"usual weeks, two empty, two back under the usual", slices.Concat(year, make([][]float64, 2), back), true},
		{"light weeks, two empty, straight back at the usual", slices.Concat(year, season[:1], end, make([][]float64, 2), atUsual), false},
		{"light weeks, one empty, two back", slices.Concat(year, season, end, make([][]float64, 1), back), false},
		// A stop at the end of a stretch of little running (quiet weeks
		// and a low one, 4 quiet of 5) is a break, straight back at the
		// usual or not (held-out real-69 2023-01-15: 10, 1, 25, 0, 0 km
		// against a usual 57, then 62 and 64).
		{"quiet weeks, two empty, straight back at the usual", slices.Concat(year, little, make([][]float64, 2), atUsual), true},
		{"quiet weeks, two empty, two back under the usual", slices.Concat(year, little, make([][]float64, 2), back), true},
	} {
		h := habitWeeks(c.weeks...)
		if h.Returning != c.want || c.want && h.WeeksBack != 2 {
			t.Errorf("%s: returning %v, week %d back after %d (usual %.1f km); want %v in week 2",
				c.name, h.Returning, h.WeeksBack, h.BreakWeeks, h.UsualDistanceM/1000, c.want)
		}
	}
}

// A run the runner names as their first back after being ill, after a
// week or more without a run, starts a comeback the weeks alone cannot
// see (held-out real-67 2022-08-21: 87-104 km weeks, no run from 10 to 16
// August, "First jog back sickness", 58 km since; 2022-04-10: "First post
// covid run"). The same weeks with ordinary names are no comeback (real-69
// 2023-12-17: a week off in a build), nor is a run so named without the
// week off before it, nor a week off after a race, nor a name three weeks
// old.
func TestARunNamedAsTheFirstBackIsAComeback(t *testing.T) {
	// Six runs a week of 12 km for 30 weeks (72 km), then the stop and the
	// runs back. Day 0 is a Monday.
	const weeks = 30
	hist := func(stopFrom, stopDays, backDays int, name string, raceBefore bool) []rekindle.Activity {
		var acts []rekindle.Activity
		for d := range stopFrom {
			if d%7 != 2 {
				acts = append(acts, run(day(d), 12, 300, 150))
			}
		}
		if raceBefore {
			r := run(day(stopFrom-1).Add(8*3600e9), 42.195, 280, 165)
			yes := true
			r.Name, r.RaceOverride = "City Marathon", &yes
			acts = append(acts, r)
		}
		for d := range backDays {
			a := run(day(stopFrom+stopDays+d), 10, 310, 145)
			if d == 0 {
				a.Name = name
			}
			acts = append(acts, a)
		}
		return acts
	}
	stop := 7 * weeks
	for _, c := range []struct {
		name             string
		stopDays, back   int
		title            string
		race             bool
		want             bool
		wantBack, wantOf int
	}{
		{"a week off, then 'First jog back sickness'", 7, 5, "First jog back sickness", false, true, 1, 1},
		{"a week off, then 'First post covid run', 10 days ago", 7, 10, "First post covid run", false, true, 2, 1},
		{"ten days off, then 'Restart nach Covid'", 10, 4, "Restart nach COVID", false, true, 1, 2},
		{"ten days off, then '阳康复跑'", 10, 4, "阳康复跑", false, true, 1, 2},
		{"a week off, then an ordinary name", 7, 5, "Easy jog", false, false, 0, 0},
		{"four days off, then 'First run back'", 4, 5, "First run back", false, false, 0, 0},
		{"a week off after a marathon, then 'First run back'", 7, 5, "First run back", true, false, 0, 0},
		{"a week off, then 'First run back' 16 days ago", 7, 17, "First run back", false, false, 0, 0},
		// The comeback lasts as long as the stop: 16 days off are three
		// weeks (held-out real-109 2022-01-23, "Post-Covid test run" 14
		// days before), and it is over in the fourth.
		{"16 days off, then 'Post-Covid test run' 14 days ago", 16, 15, "Post-Covid test run", false, true, 3, 3},
		{"16 days off, then 'Post-Covid test run' 21 days ago", 16, 22, "Post-Covid test run", false, false, 0, 0},
	} {
		acts := hist(stop, c.stopDays, c.back, c.title, c.race)
		r := Picture(acts, rekindle.Athlete{}, day(stop+c.stopDays+c.back-1), Options{})
		h := r.Habit
		if h.Returning != c.want || c.want && (h.WeeksBack != c.wantBack || h.BreakWeeks != c.wantOf) {
			t.Errorf("%s: returning %v, week %d back after %d; want %v, week %d after %d", c.name, h.Returning, h.WeeksBack, h.BreakWeeks, c.want, c.wantBack, c.wantOf)
		}
		if c.want && r.Status.Key == StatusOverreaching {
			t.Errorf("%s: a returning runner overreaching: %s", c.name, r.Status.Reason)
		}
	}
	if !saysReturn("Laufen Restart / Leider noch nicht schmerzfrei") || saysReturn("Recovery run") || saysReturn("Easing back into things") || saysReturn("恢复跑") {
		t.Error("saysReturn: the words")
	}
}
