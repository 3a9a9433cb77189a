package spark

import (
	"testing"

	"rekindle"
)

// A sporadic morning runner: most weeks two 7 km runs, and twice in the
// past year a fortnight of five 9 km runs (45 and 47 km), then, after a
// one-run week, five 8.4 km runs again (42 km) at the same pace and hour
// (held-out real-118 2023-11-26, 2024-04-28, 2024-06-30: 39.5-42.5 km
// weeks of his everyday 5-11 km morning runs read "1.7-2.3× your usual
// week", overreached, rest; the coach saw a runner keen, back at the weeks
// he has run before). The thin weeks keep the percentile week and the
// 4-week block low; the peak weeks he ran twice say the volume is his.
// The same week from a runner who never went past 14 km a week, or made
// with a 16 km run beyond his everyday runs, still reads overreached.
func TestReturnToRepeatedPeakWeeksOfEverydayRunsIsNotOverreached(t *testing.T) {
	build := func(peakKm float64, longLast, longBuild bool) *Input {
		p := newPersona(31)
		for w := range 80 {
			switch {
			case longBuild && w >= 76 && w <= 78:
				for i, d := range []int{1, 4, 6} {
					p.add(w, d, runOpt{km: []float64{7, 7, 16}[i], route: routes[(w+d)%3], pace: 340, hour: 6})
				}
			case w == 20 || w == 21 || w == 50 || w == 51:
				for _, d := range []int{0, 1, 3, 4, 6} {
					p.add(w, d, runOpt{km: p.jitter(peakKm, 0.04), route: routes[(w+d)%3], pace: 335, hour: 6})
				}
			case w == 77:
				p.add(w, 2, runOpt{km: 5, route: routes[0], pace: 340, hour: 6})
			case w == 79:
				for i, d := range []int{0, 1, 3, 4, 6} {
					km := p.jitter(8.4, 0.04)
					if longLast || longBuild {
						km = []float64{7.5, 7.5, 7.5, 7.5, 16}[i]
					}
					p.add(w, d, runOpt{km: km, route: routes[(w+d)%3], pace: 335, hour: 6})
				}
			default:
				for _, d := range []int{1, 4} {
					p.add(w, d, runOpt{km: p.jitter(7, 0.05), route: routes[(w+d)%3], pace: 340, hour: 6})
				}
			}
		}
		return p.asOf(79, 6)
	}
	r := Evaluate(build(9, false, false))
	s := r.Signals
	t.Logf("week %.1f km vs usual %.2f, ACWR %.2f, monotony %.2f, seasoned %.1f km", s[SigWeekKm].Value, s[SigWeekVsUsual].Value, s[SigACWR].Value, s[SigMonotony].Value, s[SigSeasonedWeek].Value)
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil {
		t.Errorf("42 km of everyday runs after 45 and 47 km weeks of the same: overreached %.2f (%v)", d.Confidence, d.Evidence)
	}
	if len(r.Recommendations) > 0 && r.Recommendations[0].Strategy == rekindle.StrategyRest {
		t.Errorf("a return to the runner's peak weeks: rest on top: %s", r.Recommendations[0].Why)
	}
	if d := find(Evaluate(build(2.8, false, false)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same 42 km week from a runner who never ran past 14 km a week: not overreached")
	}
	if d := find(Evaluate(build(9, true, false)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("the same volume with a 16 km run beyond the everyday runs: not overreached")
	}
	// A build of 16 km long runs for four weeks: the last weeks' long run is
	// the build's, not the runner's everyday (held-out real-28 2025-07-20).
	if d := find(Evaluate(build(9, false, true)).Diagnoses, rekindle.DiagnosisOverreached); d == nil {
		t.Errorf("a build of 16 km long runs, four weeks running, to the same volume: not overreached")
	}
}

// A runner who ran 35 km weeks of four 9 km runs for most of a year, then
// for more than a year two 5-7.5 km runs a week at the same hour, no race
// ever (held-out real-118 2026-01-11: three months of two or three 5-7.4 km
// runs a week, 12 km a week against the 30-47 km weeks of two years before;
// the engine said "nothing stands out", the coach saw a rut with nothing to
// run for). The year of thin running is the usual week now, so the
// under-usual rule cannot see it; the runner's seasoned week can. A runner
// who has always run short runs is not called goalless for it.
func TestSettledFarUnderTheFormerLevelIsGoalless(t *testing.T) {
	build := func(formerKm float64, comeback bool) *Input {
		p := newPersona(32)
		for w := range 100 {
			if comeback && w >= 84 && w < 96 {
				// A winter of one short run a week, then (weeks 96-99) two
				// runs a week again: a comeback building, not a rut
				// (held-out real-98 2020-03-29).
				p.add(w, 5, runOpt{km: p.jitter(4, 0.1), route: routes[0], pace: 345, hour: 6})
				continue
			}
			if w < 41 {
				for _, d := range []int{0, 2, 4, 6} {
					p.add(w, d, runOpt{km: p.jitter(formerKm, 0.05), route: routes[(w+d)%4], pace: 330, hour: 6})
				}
				continue
			}
			for _, d := range []int{1, 4} {
				p.add(w, d, runOpt{km: p.jitter(6.2, 0.2), route: routes[(w+d)%4], pace: 345, hour: 6})
			}
		}
		// A list of summaries, as real-118's: no splits, no routes.
		for i := range p.in.Sessions {
			p.in.Sessions[i].BestEfforts, p.in.Sessions[i].RouteKey, p.in.Sessions[i].RouteName = nil, "", ""
		}
		return p.asOf(99, 6)
	}
	r := Evaluate(build(9, false))
	s := r.Signals
	t.Logf("4 weeks %.1f km/wk, 8 before %.1f, usual %.1f, seasoned %.1f", s[SigKmPerWeek].Value, s[SigKmPerWeekBefore].Value, s[SigUsualWeekKm].Value, s[SigSeasonedWeek].Value)
	if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisGoalless {
		t.Errorf("a year settled at a third of the former level, no race: %+v", r.Diagnoses)
	}
	if d := Evaluate(build(3, false)).Diagnoses; len(d) > 0 && d[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("a runner who always ran two or four short runs a week: %+v", d)
	}
	if d := Evaluate(build(9, true)).Diagnoses; len(d) > 0 && d[0].Key == rekindle.DiagnosisGoalless {
		t.Errorf("a comeback from a winter of one short run a week: %+v", d)
	}
}
