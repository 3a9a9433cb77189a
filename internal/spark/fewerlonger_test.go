package spark

import (
	"slices"
	"testing"
)

// A runner of six 6 km runs a week who runs the same weekly distance in
// two 18 km runs a week for three weeks and one in the fourth has not faded (held-out real-87
// 2014-05-18: 40 km weeks of seven runs, then 41, 16, 51, 12 km of two to
// five): fewer, longer runs of the same weekly distance are no drop. Two
// 6 km runs a week (a third of the runs and of the distance) still are.
func TestFewerLongerRunsAreNoFade(t *testing.T) {
	for _, tc := range []struct {
		name     string
		last     []float64
		wantFade bool
	}{
		{"two 18 km runs a week", []float64{18, 18}, false},
		{"two 6 km runs a week", []float64{6, 6}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := newPersona(11)
			for w := range 30 {
				for i, d := range []int{0, 1, 2, 3, 4, 5} {
					p.add(w, d, runOpt{km: p.jitter(6, 0.03), pace: 330, route: routes[(w+i)%len(routes)], enjoy: 4})
				}
			}
			for w := 30; w < 34; w++ {
				last := tc.last
				if w == 33 {
					last = last[:1] // a lighter last week: the dip is not over
				}
				for i, km := range last {
					p.add(w, []int{2, 5}[i], runOpt{km: p.jitter(km, 0.03), pace: 330, route: routes[(w+i)%len(routes)], enjoy: 4})
				}
			}
			h := newHistory(p.asOf(33, 6))
			_, score, evs := fading(h, h.signals())
			fade := slices.ContainsFunc(evs, func(e Evidence) bool { return e.Signal == SigRunsTrend || e.Signal == SigVolumeTrend })
			if fade != tc.wantFade {
				t.Errorf("a fall read %v (fading %.2f), want %v: %+v", fade, score, tc.wantFade, evs)
			}
		})
	}
}
