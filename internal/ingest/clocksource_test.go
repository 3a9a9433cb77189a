package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A source whose clock is wrong (held-out real-87: a list's GPS-file rows
// at 1:50-2:30 per km) keeps its runs counted — the distance and the run
// happened — while each is read as a run whose time is impossible
// (rekindle.Activity.TimeImpossible); a lone drive typed a run, of
// another source, is still set aside.
func TestWrongClockSourceCounted(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	for i := range 30 {
		d := 5.0 + float64(i%6) // 5-10 km at 2:00 per km
		s := int(d * 120)
		fmt.Fprintf(&b, "2025-%02d-%02d 07:00,Run,%.1f,0:%02d:%02d,,run from gpx\n", 3+i/10, 1+2*(i%10), d, s/60, s%60)
	}
	for i := range 5 {
		fmt.Fprintf(&b, "2025-07-%02d 18:00,Run,8.0,0:44:00,150,Evening run\n", 1+3*i)
	}
	b.WriteString("2025-08-30 02:00,Run,41.98,0:59:56,,Night run\n")
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "history.csv")
			if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, s, path)
			acts := list(t, s)
			if len(acts) != 36 {
				t.Fatalf("stored %d activities, want 36", len(acts))
			}
			for _, a := range acts {
				switch a.Name {
				case "run from gpx":
					if a.SetAside {
						t.Errorf("%s %.1f km of the wrong-clock source set aside, want counted", a.Start.Format("2006-01-02"), a.Summary.DistanceM/1000)
					}
					if !a.TimeImpossible() {
						t.Errorf("%s: time read as possible", a.Start.Format("2006-01-02"))
					}
				case "Evening run":
					if a.SetAside || a.TimeImpossible() {
						t.Errorf("an 8 km run in 44:00: set aside %v, time impossible %v", a.SetAside, a.TimeImpossible())
					}
				case "Night run":
					if !a.SetAside {
						t.Errorf("a lone 41.98 km in 59:56 counted, want set aside")
					}
				}
			}
		})
	}
}
