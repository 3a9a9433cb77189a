package spark

import (
	"strings"
	"testing"
)

// The comeback build starts from the weeks back and never plans less than
// the runner runs now: after a near-empty year the year's usual week (6 km
// here, real-42's 4.0 km) is below the weeks back (2, 3, 9, 9 and 20 km), and
// capping the build there cut a runner of 20 km to "build to it from 6.0 km a
// week". Where the weeks back are under the usual, the build still rises
// towards it.
func TestComebackBuildStartsFromTheWeeksBack(t *testing.T) {
	p := newPersona(44)
	for w := range 60 {
		for i, d := range []int{2, 5} {
			p.add(w, d, runOpt{km: p.jitter(3, 0.05), pace: 380, route: routes[(w+i)%len(routes)]})
		}
	}
	p.add(61, 5, runOpt{km: 2, pace: 400, route: routes[0]})
	p.add(80, 5, runOpt{km: 4, pace: 400, route: routes[1]})
	p.add(92, 1, runOpt{km: 2, pace: 400, route: routes[0]})
	p.add(92, 2, runOpt{km: 2, pace: 400, route: routes[0]})
	back := [][]float64{{2.2}, {3.3}, {3.9, 4.8}, {3.7, 5.0}, {10, 4.4, 6}}
	for i, km := range back {
		for j, d := range []int{1, 3, 4} {
			if j < len(km) {
				p.add(95+i, d, runOpt{km: km[j], pace: 390, route: routes[(i+j)%len(routes)]})
			}
		}
	}
	h := newHistory(p.asOf(99, 6))
	if !h.habit.Returning || h.habit.UsualDistanceM >= 8000 {
		t.Fatalf("habit %+v: want returning with a usual week under the weeks back", h.habit)
	}
	s := h.signals()
	weeks, _ := comebackBuild(h, s)
	_, metres := h.weekRunStats(h.habit.WeeksBack)
	var mean float64
	for _, m := range metres {
		mean += m / float64(len(metres))
	}
	for i, w := range weeks {
		if w < h.roundDist(mean)-1 {
			t.Errorf("week %d of the build %.1f km, below the %.1f km a week run since the break", i+1, w/1000, mean/1000)
		}
	}
	for _, c := range comebackRace(h, s) {
		if strings.Contains(c.Title, h.dist(h.habit.UsualDistanceM)+" a week") {
			t.Errorf("idea %q builds from the year's usual %s", c.Title, h.dist(h.habit.UsualDistanceM))
		}
	}
}
