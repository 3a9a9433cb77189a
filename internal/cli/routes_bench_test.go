package cli

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// benchDemoDB is a 10-year demo database for the route and spark
// benchmarks: $REKINDLE_BENCH_DB when set (made once with 'rekindle demo
// --years 10 --no-serve --db FILE'; copied, never changed), else generated
// here (about 30 s of CPU).
// It returns the copy's path and the day of its last activity.
func benchDemoDB(b *testing.B) (string, string) {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "demo10.db")
	if src := os.Getenv("REKINDLE_BENCH_DB"); src != "" {
		data, err := os.ReadFile(src)
		if err != nil {
			b.Fatalf("REKINDLE_BENCH_DB: %v", err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			b.Fatal(err)
		}
	} else {
		mainOK(b, "demo", "--years", "10", "--no-serve", "--db", dst, "--end", testkit.Today.Format(time.DateOnly))
	}
	ctx := context.Background()
	s, err := store.Open(ctx, dst)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ath, err := s.DefaultAthlete(ctx)
	if err != nil {
		b.Fatal(err)
	}
	acts, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{})
	if err != nil || len(acts) == 0 {
		b.Fatalf("no activities in %s: %v", dst, err)
	}
	return dst, acts[len(acts)-1].Start.In(ath.Location()).Format(time.DateOnly)
}

// BenchmarkRoutesTenYears is 'rekindle routes --json' on a 10-year demo
// runner (about 2,450 runs with tracks and the Monaco street graph): warm
// (matches and grouping stored) and cold (the stored matches, fingerprints
// and grouping dropped before each call).
func BenchmarkRoutesTenYears(b *testing.B) {
	db, day := benchDemoDB(b)
	args := []string{"routes", "--db", db, "--json", "--as-of", day}
	b.Run("warm", func(b *testing.B) {
		mainOK(b, args...)
		var cpu time.Duration
		for b.Loop() {
			cpu += cpuOf(func() { mainOK(b, args...) })
		}
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	})
	b.Run("cold", func(b *testing.B) {
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			dropRouteCaches(b, db)
			b.StartTimer()
			cpu += cpuOf(func() { mainOK(b, args...) })
		}
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
	})
}

// dropRouteCaches forgets every stored route result of the database.
func dropRouteCaches(b *testing.B, db string) {
	b.Helper()
	sdb, err := sql.Open("sqlite", db)
	if err != nil {
		b.Fatal(err)
	}
	defer sdb.Close()
	for _, table := range []string{"route_fingerprints", "route_matches", "route_groupings"} {
		if _, err := sdb.Exec("DELETE FROM " + table); err != nil && !strings.Contains(err.Error(), "no such table") {
			b.Fatal(err)
		}
	}
}

// cpuOf runs f and returns the process CPU time it took.
func cpuOf(f func()) time.Duration {
	c := testkit.ProcessCPU()
	f()
	return testkit.ProcessCPU() - c
}

func mainOK(b *testing.B, args ...string) {
	b.Helper()
	var errs bytes.Buffer
	if code := Main(context.Background(), args, strings.NewReader(""), io.Discard, &errs); code != 0 {
		b.Fatalf("%v: %s", args, errs.String())
	}
}

// BenchmarkSparkDemoTenYears is 'rekindle spark --json' on the 10-year demo
// runner with its street graph, route results stored (each call is a new
// process's work: nothing cached in memory).
func BenchmarkSparkDemoTenYears(b *testing.B) {
	db, day := benchDemoDB(b)
	args := []string{"spark", "--db", db, "--json", "--as-of", day}
	mainOK(b, args...)
	var cpu time.Duration
	for b.Loop() {
		cpu += cpuOf(func() { mainOK(b, args...) })
	}
	b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
}
