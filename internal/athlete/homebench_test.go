package athlete

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// BenchmarkHomeCold builds a first (uncached) home view of a demo runner
// like the replicas load test's (one year of the simulator's runs) and of a
// ten-year one, on SQLite: each iteration is a fresh App (no cached
// history or view) and the day's kept trend is cleared, so the seven trend
// evaluations run as on a first visit. The route results are stored before
// (as after an import). Reports the process CPU time per view.
//
//	go test ./internal/athlete -run XXX -bench HomeCold -benchtime 20x
func BenchmarkHomeCold(b *testing.B) {
	if testing.Short() {
		b.Skip("simulates and imports demo runners")
	}
	ctx := context.Background()
	streets, err := demo.MonacoStreets(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, years := range []float64{1, 10} {
		b.Run(fmt.Sprintf("years=%g", years), func(b *testing.B) {
			st, err := store.Open(ctx, filepath.Join(b.TempDir(), "home.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: years, End: testkit.Midnight, Seed: 1097, Streets: streets})
			if err != nil {
				b.Fatal(err)
			}
			ath := h.Athlete
			if err := st.CreateAthlete(ctx, &ath); err != nil {
				b.Fatal(err)
			}
			var ps []*store.PreparedActivity
			for _, a := range h.Activities {
				measure.Activity(a)
				p, err := store.Prepare(a)
				if err != nil {
					b.Fatal(err)
				}
				ps = append(ps, p)
			}
			if err := st.WriteBatch(ctx, ath.ID, &store.Batch{New: ps}); err != nil {
				b.Fatal(err)
			}
			day := testkit.Midnight
			now := func() time.Time { return testkit.Today }
			// The first view groups the routes and stores them.
			if _, err := Wire(st, Options{Now: now}).Home(WithStamps(ctx), &ath, day); err != nil {
				b.Fatal(err)
			}
			stamp, err := st.AthleteStamp(ctx, ath.ID)
			if err != nil {
				b.Fatal(err)
			}
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				if err := st.PutSparkTrend(ctx, ath.ID, day.Format(time.DateOnly), stamp.Data, nil); err != nil {
					b.Fatal(err)
				}
				app := Wire(st, Options{Now: now})
				b.StartTimer()
				c0 := testkit.ProcessCPU()
				hv, err := app.Home(WithStamps(ctx), &ath, day)
				cpu += testkit.ProcessCPU() - c0
				if err != nil {
					b.Fatal(err)
				}
				if len(hv.Trend) != 8 {
					b.Fatalf("trend %+v", hv.Trend)
				}
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}
