package demo

import (
	"math"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// weekStats sums runs in the week ending k weeks before the history's end.
type weekStats struct {
	runs    int
	km      float64
	quality int
}

func weeks(h *History, n int) []weekStats {
	out := make([]weekStats, n)
	end := h.End.AddDate(0, 0, 1)
	for _, a := range h.Activities {
		if !a.Sport.IsRun() {
			continue
		}
		k := int(end.Sub(a.Start).Hours() / (24 * 7))
		if k < 0 || k >= n {
			continue
		}
		out[k].runs++
		out[k].km += a.Totals.DistanceM / 1000
		if strings.Contains(a.Name, "Tempo") || strings.Contains(a.Name, "intervals") {
			out[k].quality++
		}
	}
	return out
}

func meanEnjoyment(h *History, from, to time.Time) float64 {
	var s, n float64
	for _, c := range h.CheckIns {
		if !c.At.Before(from) && c.At.Before(to) {
			s += float64(c.Enjoyment)
			n++
		}
	}
	return s / n
}

func TestPersonaStories(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates every persona")
	}
	for _, name := range PersonaNames() {
		t.Run(name, func(t *testing.T) {
			h := generate(t, name, 1)
			w := weeks(h, 20)
			recent := meanEnjoyment(h, h.End.AddDate(0, 0, -42), h.End.AddDate(0, 0, 1))
			switch name {
			case "rut":
				dist := map[int]int{}
				runs := 0
				for _, a := range h.Activities {
					if a.Sport.IsRun() && a.Start.After(h.End.AddDate(0, 0, -84)) && a.Name != "Parkrun 5K" {
						dist[int(math.Round(a.Totals.DistanceM/100))]++
						runs++
					}
				}
				if len(dist) > 3 || runs < 40 {
					t.Errorf("rut: %d runs in 12 weeks with %d different distances", runs, len(dist))
				}
				if recent > 3.2 {
					t.Errorf("rut: recent enjoyment %.2f, expected sagging", recent)
				}
			case "overreached":
				if w[0].km < 1.6*w[9].km || w[0].quality < 2 {
					t.Errorf("overreached: last week %.0f km (%d hard) vs %.0f km ten weeks before", w[0].km, w[0].quality, w[9].km)
				}
				for k := 0; k < 7; k++ {
					if w[k].km < w[k+1].km*0.9 {
						t.Errorf("overreached: a light week %d weeks before the end", k)
					}
				}
			case "fresh_flat":
				if w[4].runs != 0 || w[3].runs > 4 || w[0].runs == 0 {
					t.Errorf("fresh_flat: weeks %+v", w[:6])
				}
				for k := 0; k < 5; k++ {
					if w[k].quality != 0 {
						t.Errorf("fresh_flat: a hard session %d weeks before the end", k)
					}
				}
			case "returning":
				for k := 5; k < 15; k++ {
					if w[k].runs != 0 {
						t.Errorf("returning: %d runs in the break, %d weeks before the end", w[k].runs, k)
					}
				}
				if w[0].runs == 0 || w[1].runs == 0 || w[15].runs < 3 || w[0].quality+w[1].quality != 0 {
					t.Errorf("returning: weeks %+v", w[:16])
				}
			case "post_marathon":
				var marathon *rekindle.Activity
				for _, a := range h.Activities {
					if a.Totals.DistanceM >= 42000 {
						marathon = a
					}
				}
				if marathon == nil {
					t.Fatal("post_marathon: no marathon")
				}
				ago := h.End.Sub(marathon.Start).Hours() / 24
				if ago < 50 || ago > 64 {
					t.Errorf("post_marathon: marathon %.0f days before the end", ago)
				}
			case "fading":
				if w[0].runs+w[1].runs+w[2].runs > 5 || w[10].runs+w[11].runs < 6 {
					t.Errorf("fading: runs per week %+v", w[:12])
				}
			case "happy":
				if recent < 4 {
					t.Errorf("happy: recent enjoyment %.2f", recent)
				}
			}
		})
	}
}

func BenchmarkGenerate10Years(b *testing.B) {
	st := testStreets(b)
	n := 0
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		h, err := Generate(b.Context(), Options{Persona: "happy", Years: 10, End: testEnd, Streets: st})
		if err != nil {
			b.Fatal(err)
		}
		n = len(h.Activities)
	}
	b.ReportMetric(float64(n), "activities")
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
}
