package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"rekindle/internal/units"

	"rekindle"
	"rekindle/internal/streets"
)

func init() {
	commands["coverage"] = command{"street coverage: how much of the streets around home you have run", runCoverage}
}

func runCoverage(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("coverage", "", env)
	db := dbFlag(fs, env)
	asOfFlag := fs.String("as-of", "", "count runs up to this day, YYYY-MM-DD")
	asJSON := fs.Bool("json", false, "print the coverage figures as JSON")
	radius := fs.Float64("radius", 3000, "metres around home (athlete home, else the graph's centre); 0 for the whole graph")
	limit := fs.Int("limit", 10, "how many streets to list")
	geojson := fs.String("geojson", "", "also write the heatmap (GeoJSON FeatureCollection) to this file")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	app, ath, asOf, err := openAsOf(ctx, env, "coverage", *db, *asOfFlag)
	if err != nil {
		return err
	}
	defer app.Close()
	rs, err := routesOnGraph(ctx, app, ath, asOf)
	if err != nil {
		return err
	}
	cov, _ := rs.Coverage()
	lat, lon := ath.HomeLat, ath.HomeLon
	if lat == 0 && lon == 0 {
		a, b, c, d := rs.Graph.Bounds()
		lat, lon = (a+c)/2, (b+d)/2
	}
	rep := cov.Report(lat, lon, *radius, *limit)
	if *geojson != "" {
		js, err := cov.Heatmap()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*geojson, js, 0o644); err != nil {
			return fmt.Errorf("coverage: write heatmap: %w", err)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(rep)
	}
	writeCoverage(env, rep, ath.Unit)
	return nil
}

func writeCoverage(env *Env, rep streets.CoverageReport, unit rekindle.Unit) {
	per, name := 1000.0, "km"
	if unit == rekindle.UnitMi {
		per, name = 1609.344, "mi"
	}
	w := env.Stdout
	area := "the whole map"
	if rep.RadiusM > 0 {
		area = units.Show(rep.RadiusM, unit) + " around home"
	}
	fmt.Fprintf(w, "Coverage of %s: %.1f of %.1f %s run (%.1f%%), %d of %d streets complete\n",
		area, units.Round(rep.CoveredM/per, 1), units.Round(rep.TotalM/per, 1), name, rep.Share*100, rep.StreetsRun, rep.Streets)
	if len(rep.Top) > 0 {
		fmt.Fprintln(w, "\nMost run:")
		for _, s := range rep.Top {
			fmt.Fprintf(w, "  %-36s %5.1f of %5.1f %s (%3.0f%%)\n", s.Name, units.Round(s.CoveredM/per, 1), units.Round(s.LengthM/per, 1), name, s.Share*100)
		}
	}
	if len(rep.NeverRunNear) > 0 {
		fmt.Fprintln(w, "\nNever run, nearest first:")
		for _, s := range rep.NeverRunNear {
			fmt.Fprintf(w, "  %-36s %5.1f %s long, %4.0f m away\n", s.Name, s.LengthM/per, name, s.DistanceM)
		}
	}
}
