package athlete_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden evidence in testdata/evidence")

// TestDiagnosisEvidenceGolden: for each demo runner (one per diagnosis
// the demo tells), Home's diagnoses in plain words — title, sentence,
// sureness and every line of evidence — as the page and the API show them,
// on the fixed day, against testdata/evidence/PERSONA.txt. A change of
// wording or of what the engine concludes shows up here as a diff to
// read; `go test ./internal/athlete -run EvidenceGolden -update` rewrites
// the files after a deliberate change.
func TestDiagnosisEvidenceGolden(t *testing.T) {
	if testing.Short() {
		t.Skip("simulates and imports six demo histories: skipped in -short mode")
	}
	for _, persona := range demo.PersonaNames() {
		t.Run(persona, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), persona+".db")
			var out, errb strings.Builder
			if code := cli.Main(context.Background(), []string{"demo", "--persona", persona, "--years", "1", "--end", testkit.Today.Format(time.DateOnly), "--db", db, "--no-serve"},
				strings.NewReader(""), &out, &errb); code != 0 {
				t.Fatalf("demo: exit %d: %s", code, errb.String())
			}
			st, err := store.Open(context.Background(), db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ctx := context.Background()
			ath, err := st.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			app := athlete.New(athlete.Config{Store: st, Now: testkit.Now, Routes: athlete.NewStoreRoutes(st, nil, false), Spark: athlete.StoreSpark{Store: st}})
			hv, err := app.Home(ctx, ath, testkit.Today.In(ath.Location()))
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			fmt.Fprintf(&b, "%s on %s: spark score %d\n", persona, hv.AsOf, hv.SparkScore)
			for _, d := range hv.Diagnoses {
				fmt.Fprintf(&b, "\n%s: %s (%s)\n  %s\n", d.Key, d.Title, d.Sureness, d.Text)
				for _, e := range d.Evidence {
					fmt.Fprintf(&b, "  - %s\n", e.Text)
				}
			}
			golden := filepath.Join("testdata", "evidence", persona+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if b.String() != string(want) {
				t.Errorf("Home's diagnoses for %s changed:\n--- got\n%s--- want (%s)\n%s", persona, b.String(), golden, want)
			}
		})
	}
}
