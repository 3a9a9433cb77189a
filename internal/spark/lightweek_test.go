package spark

import (
	"fmt"
	"strings"
	"testing"
)

// TestLightWeekFromRecentLoad is real-30 at 2023-11-07 in small (issue 13):
// a year of ~15 km weeks on three days, then a block of 46, 49, 32, 13, 48,
// a race week of 6 km, 38 and 41 km with a 10K two days ago. The light week
// was cut from the usual week's shape (28.5 km there) and worded "25% less
// than your recent weeks" under a last 7 days of 41 km; it is cut from the
// lower of the last 4 weeks' average and the last 7 days, says which and
// how much, and accepting writes exactly that total, below the week it
// replaces.
func TestLightWeekFromRecentLoad(t *testing.T) {
	p := newPersona(7)
	days := []int{1, 3, 6}
	block := []float64{46, 49, 32, 13, 48, 6, 38, 41}
	for w := range 60 {
		week := 15.0
		if b := w - 52; b >= 0 {
			week = block[b]
		}
		for i, d := range days {
			share := []float64{0.3, 0.3, 0.4}[i]
			o := runOpt{km: week * share, route: routes[(w+i)%len(routes)]}
			if w == 59 && d == 6 {
				o = runOpt{km: 10, pace: 277, race: true, name: "10K", route: "Town 10K"}
			}
			p.add(w, d, o)
		}
	}
	in := p.asOf(60, 1) // two days after the 10K
	h := newHistory(in)
	s := h.signals()
	var light *candidate
	cands := restIdeas(h, s, diagnose(h, s))
	for i := range cands {
		if cands[i].ID == "rest-light-week" {
			light = &cands[i]
		}
	}
	if light == nil {
		t.Fatal("no light week")
	}
	rec := light.Recommendation
	week, avg := s.get(SigWeekKm), s.get(SigKmPerWeek)
	base, words := avg, "your last 4 weeks' average of "
	if week < avg {
		base, words = week, "your last 7 days' "
	}
	var total float64
	for _, ss := range rec.Plan {
		total += ss.DistanceM / 1000
	}
	want := fmt.Sprintf("Take a light week: %.1f km, %.0f%% less than %s%.1f km", total, (1-total/base)*100, words, base)
	if rec.Title != want {
		t.Errorf("title %q\n want %q (7 days %.1f km, 4 weeks' average %.1f km, usual %.1f km)", rec.Title, want, week, avg, s.get(SigUsualWeekKm))
	}
	if total >= week || total >= avg {
		t.Errorf("light week %.1f km is not below the last 7 days (%.1f km) and the 4 weeks' average (%.1f km)", total, week, avg)
	}
	if total < 0.7*base || total > 0.8*base {
		t.Errorf("light week %.1f km is not about 25%% below %.1f km", total, base)
	}
	if !strings.Contains(rec.Actions[0], fmt.Sprintf("Total %.1f km instead of %s%.1f km", total, words, base)) {
		t.Errorf("action %q", rec.Actions[0])
	}
}
