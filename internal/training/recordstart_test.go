package training

import "testing"

// A record that starts in the middle of a runner's training reads, for its
// first weeks, as fatigue far over fitness: both start from zero on its
// first day, and fatigue fills in six times faster. The fatigue rule waits
// for FitnessFormedDays (held-out real-94 2026-01-11: a marathoner's list
// from 25 Dec, 81 and 104 km weeks, "fatigue 64.4 is 2.9× fitness 22.4" in
// its third week). The same steady load over a long record is no
// overreaching, a long record's fatigue over fitness still is, and a
// doubling of the week still speaks in the record's first weeks.
func TestARecordsStartIsNoFatigueOverFitness(t *testing.T) {
	verdict := func(load []float64) (bool, string) {
		dist := make([]float64, len(load))
		runs := make([]int, len(load))
		for i, l := range load {
			if l > 0 {
				dist[i], runs[i] = 14000, 1
			}
		}
		h := HabitOf(load, dist, runs)
		fit := Smooth(load, FitnessDays, 0, SmoothingExp)
		fat := Smooth(load, FatigueDays, 0, SmoothingExp)
		return LoadVerdict(h, fit[len(fit)-1], fat[len(fat)-1])
	}
	steady := func(days int, l float64) []float64 {
		out := make([]float64, days)
		for i := range out {
			out[i] = l
		}
		return out
	}
	if over, why := verdict(steady(17, 90)); over {
		t.Errorf("17 days of a steady 90 a day from the record's first day: overreached (%s), want not: the record's start, not a load", why)
	}
	if over, why := verdict(steady(45, 90)); over {
		t.Errorf("45 days of a steady 90 a day: overreached (%s), want not", why)
	}
	if over, why := verdict(steady(200, 90)); over {
		t.Errorf("200 days of a steady 90 a day: overreached (%s), want not", why)
	}
	// A long record whose last two weeks are three times its usual: the
	// fatigue rule speaks.
	long := append(steady(186, 30), steady(14, 95)...)
	if over, _ := verdict(long); !over {
		t.Error("a long record at 30 a day, then two weeks at 95: not overreached, want overreached")
	}
	// A new record that doubles its week: the week-on-usual rule speaks.
	jump := append(steady(35, 40), steady(7, 120)...)
	if over, _ := verdict(jump); !over {
		t.Error("five weeks at 40 a day, then a week at 120: not overreached, want overreached")
	}
}
