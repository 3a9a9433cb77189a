package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"rekindle/internal/place"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// BenchmarkImportVsDecode imports an archive of the real activity files
// (each of at most 1 MB, twice over, made distinct) into a fresh SQLite
// store with originals kept, and decodes the same files alone, alternately
// in the same process; it reports "decode/import": pure decoding's CPU time
// over the import's, i.e. the import's rate as a share of pure decoding
// measured in CPU time, which a loaded machine disturbs far less than wall
// time (target ≥ 0.6). Sub-benchmarks: members gzipped as Strava exports
// them, and plain deflated members.
//
// "Pure decode" gets the files already decompressed, while the import must
// unzip (and gunzip) them: "inflate+decode/import" adds to the decode side
// the CPU time of inflating the same members (the archive's deflate or the
// members' gzip), the fairer comparison of what the import adds on its own.
// That inflating is the standard library's (compress/flate), the baseline
// the targets were set on; the import inflates with klauspost/compress,
// ~27% cheaper, so the ratio also credits the import with that saving.
// Each import goes into a fresh database and is a one-off import, as
// 'rekindle import' in a new process is: the process's memory of homes'
// zones (ingest.homeZones) is cleared first, so each import looks its
// runner's zone up in the embedded tables (place.Zones: one pass over the
// tile table). "zones-cpu-s/op" is that look-up's CPU time measured on its
// own, a fixed cost per process whatever the archive's size, counted in
// import-cpu-s/op and in both ratios. Each phase ends with a collection, so
// that each pays for its own garbage (the import's would otherwise be
// collected during, and charged to, the decoding after it).
//
// With REKINDLE_TEST_POSTGRES set, the "postgres/…" sub-benchmarks import
// into a fresh PostgreSQL schema instead, and the import's CPU time includes
// the server processes' (store.SampleServerCPU: the server must run on
// this machine).
//
//	go test ./internal/ingest/ -run XXX -bench ImportVsDecode -benchtime 3x
func BenchmarkImportVsDecode(b *testing.B) {
	needTestdata(b)
	dec := DefaultDecoders()
	var files [][]byte
	for round := range 2 {
		for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
			for _, p := range testkit.Glob(b, g) {
				data, err := os.ReadFile(p)
				if err != nil || len(data) > 1<<20 {
					continue
				}
				k := Sniff(data)
				if acts, err := dec[k](bytes.NewReader(data)); err != nil || len(acts) == 0 {
					continue
				}
				files = append(files, append(data, fmt.Sprintf("\n<!-- copy %d -->\n", round)...))
			}
		}
	}
	dbs := []string{"sqlite"}
	if os.Getenv("REKINDLE_TEST_POSTGRES") != "" {
		dbs = append(dbs, "postgres")
	}
	for _, db := range dbs {
		for _, gz := range []bool{true, false} {
			benchImportVsDecode(b, db, files, gz)
		}
	}
}

// benchImportVsDecode is one sub-benchmark of BenchmarkImportVsDecode.
func benchImportVsDecode(b *testing.B, db string, files [][]byte, gz bool) {
	dec := DefaultDecoders()
	name := "deflated-members"
	if gz {
		name = "gzip-members"
	}
	if db != "sqlite" {
		name = db + "/" + name
	}
	b.Run(name, func(b *testing.B) {
		dir := b.TempDir()
		archive := filepath.Join(dir, "export.zip")
		var zbuf bytes.Buffer
		zw := zip.NewWriter(&zbuf)
		var raw int64
		for i, data := range files {
			member := fmt.Sprintf("activities/%d.%s", i, Sniff(data))
			if gz {
				w, _ := zw.CreateHeader(&zip.FileHeader{Name: member + ".gz", Method: zip.Store})
				gw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
				gw.Write(data)
				gw.Close()
			} else {
				w, _ := zw.CreateHeader(&zip.FileHeader{Name: member, Method: zip.Deflate})
				w.Write(data)
			}
			raw += int64(len(data))
		}
		if err := zw.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(archive, zbuf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
		b.SetBytes(raw)
		ctx := context.Background()
		var impCPU, decCPU, infCPU, zoneCPU, srvCPU time.Duration
		var impSys, decSys time.Duration // system CPU time (page faults, writes)
		var impFlt, decFlt int64         // minor page faults
		var impGo, impGC int64           // goroutines started, collections
		var srvFlt int64                 // the server processes' minor page faults
		i := 0
		app := fmt.Sprintf("rekindle-bench-%d", os.Getpid())
		for b.Loop() {
			dsn := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
			if db == "postgres" {
				b.StopTimer()
				u, err := url.Parse(store.PostgresTestDSN(b))
				if err != nil {
					b.Fatal(err)
				}
				q := u.Query()
				q.Set("application_name", app)
				u.RawQuery = q.Encode()
				dsn = u.String()
				b.StartTimer()
			}
			s, err := store.Open(ctx, dsn)
			if err != nil {
				b.Fatal(err)
			}
			s.DB().SetMaxIdleConns(64) // no server process ends unsampled
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				b.Fatal(err)
			}
			var srv0 store.ServerCPU
			var flt0 store.ServerFaults
			if db == "postgres" {
				if srv0, err = store.SampleServerCPU(ctx, s.DB(), app); err != nil {
					b.Fatal(err)
				}
				if flt0, err = store.SampleServerFaults(srv0); err != nil {
					b.Fatal(err)
				}
			}
			homeZones.mu.Lock()
			clear(homeZones.m) // a one-off import: see above
			homeZones.mu.Unlock()
			runtime.GC()
			s0, f0 := rusage()
			g0, gc0 := goroutinesCreated(), gcCycles()
			c0 := testkit.ProcessCPU()
			var st Stats
			// Labelled for -cpuprofile (pprof -tagfocus phase=import): the
			// import's goroutines inherit the label.
			pprof.Do(ctx, pprof.Labels("phase", "import"), func(ctx context.Context) {
				st, err = Import(ctx, s, ath.ID, []string{archive}, Options{SkipDedupe: true})
			})
			runtime.GC()
			c1 := testkit.ProcessCPU()
			c1i := c1
			s1, f1 := rusage()
			impSys += s1 - s0
			impFlt += f1 - f0
			impGo += goroutinesCreated() - g0
			impGC += gcCycles() - gc0 - 1 // not the one that ends the phase
			var srv time.Duration         // the server's CPU time
			if db == "postgres" {
				srv1, err := store.SampleServerCPU(ctx, s.DB(), app)
				if err != nil {
					b.Fatal(err)
				}
				srv = srv1.Since(srv0)
				flt1, err := store.SampleServerFaults(srv1)
				if err != nil {
					b.Fatal(err)
				}
				srvFlt += flt1.Since(flt0)
			}
			if err != nil || st.Failed > 0 {
				b.Fatalf("import: %v, %d failed", err, st.Failed)
			}
			home, err := s.GetAthlete(ctx, ath.ID)
			s.Close()
			if err != nil || home.TimeZone == "" {
				b.Fatalf("import inferred no zone: %v", err)
			}
			runtime.GC()
			z0 := testkit.ProcessCPU()
			place.NewZones().At(home.HomeLat, home.HomeLon)
			runtime.GC()
			zoneCPU += testkit.ProcessCPU() - z0
			runtime.GC()
			s1, f1 = rusage()
			c1 = testkit.ProcessCPU()
			pprof.Do(ctx, pprof.Labels("phase", "decode"), func(context.Context) {
				for _, data := range files {
					dec[Sniff(data)](bytes.NewReader(data))
				}
			})
			runtime.GC()
			c2 := testkit.ProcessCPU()
			s2, f2 := rusage()
			decSys += s2 - s1
			decFlt += f2 - f1
			pprof.Do(ctx, pprof.Labels("phase", "inflate"), func(context.Context) { inflate(b, zbuf.Bytes(), gz) })
			runtime.GC()
			c3 := testkit.ProcessCPU()
			impCPU += c1i - c0 + srv
			srvCPU += srv
			decCPU += c2 - c1
			infCPU += c3 - c2
			i++
		}
		b.ReportMetric(impCPU.Seconds()/float64(b.N), "import-cpu-s/op")
		b.ReportMetric(zoneCPU.Seconds()/float64(b.N), "zones-cpu-s/op")
		if db != "sqlite" {
			b.ReportMetric(srvCPU.Seconds()/float64(b.N), "server-cpu-s/op") // in import-cpu-s/op
			b.ReportMetric(float64(srvFlt)/float64(b.N), "server-minflt/op")
		}
		b.ReportMetric(decCPU.Seconds()/float64(b.N), "decode-cpu-s/op")
		b.ReportMetric(impSys.Seconds()/float64(b.N), "import-sys-s/op")
		b.ReportMetric(decSys.Seconds()/float64(b.N), "decode-sys-s/op")
		b.ReportMetric(float64(impFlt)/float64(b.N), "import-minflt/op")
		b.ReportMetric(float64(decFlt)/float64(b.N), "decode-minflt/op")
		b.ReportMetric(float64(impGo)/float64(b.N), "import-goroutines/op")
		b.ReportMetric(float64(impGC)/float64(b.N), "import-gcs/op")
		b.ReportMetric(decCPU.Seconds()/impCPU.Seconds(), "decode/import")
		b.ReportMetric((decCPU+infCPU).Seconds()/impCPU.Seconds(), "inflate+decode/import")
	})
}

// inflate reads every member of the zip archive in buf to its end, through
// gzip too when gz: the decompression an import of it cannot avoid.
func inflate(b *testing.B, buf []byte, gz bool) {
	zr, err := zip.NewReader(bytes.NewReader(buf), int64(len(buf)))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			b.Fatal(err)
		}
		var r io.Reader = rc
		if gz {
			if r, err = gzip.NewReader(rc); err != nil {
				b.Fatal(err)
			}
		}
		if _, err := io.Copy(io.Discard, r); err != nil {
			b.Fatal(err)
		}
		rc.Close()
	}
}

// BenchmarkImportSummaryCSV imports a summary-history CSV of 3,000 rows (a
// run a day) into a fresh store with dedupe on, the stored candidates of its
// rows read in one query ("file") or one query per row ("per-row", as
// before): on PostgreSQL each is a round trip. Reports the process's CPU
// time per import and, on PostgreSQL, the server's too.
//
//	[REKINDLE_TEST_POSTGRES=postgres://…] go test ./internal/ingest/ -run XXX -bench ImportSummaryCSV -benchtime 3x
func BenchmarkImportSummaryCSV(b *testing.B) {
	var csv bytes.Buffer
	csv.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	day := time.Date(2015, 1, 1, 7, 0, 0, 0, time.UTC)
	for i := range 3000 {
		fmt.Fprintf(&csv, "%s,running,%.1f,0:%02d:10,%d,Run %d\n", day.AddDate(0, 0, i).Format("2006-01-02 15:04"), 5+float64(i%10), 25+i%30, 130+i%30, i)
	}
	path := filepath.Join(b.TempDir(), "history.csv")
	if err := os.WriteFile(path, csv.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	dbs := []string{"sqlite"}
	if os.Getenv("REKINDLE_TEST_POSTGRES") != "" {
		dbs = append(dbs, "postgres")
	}
	for _, db := range dbs {
		for _, perRow := range []bool{false, true} {
			name := db + "/file"
			if perRow {
				name = db + "/per-row"
			}
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				app := fmt.Sprintf("rekindle-bench-csv-%d", os.Getpid())
				dir := b.TempDir()
				var cpu, srvCPU time.Duration
				i := 0
				for b.Loop() {
					b.StopTimer()
					dsn := filepath.Join(dir, fmt.Sprintf("b%d.db", i))
					if db == "postgres" {
						u, err := url.Parse(store.PostgresTestDSN(b))
						if err != nil {
							b.Fatal(err)
						}
						q := u.Query()
						q.Set("application_name", app)
						u.RawQuery = q.Encode()
						dsn = u.String()
					}
					s, err := store.Open(ctx, dsn)
					if err != nil {
						b.Fatal(err)
					}
					s.DB().SetMaxIdleConns(64)
					ath, err := s.DefaultAthlete(ctx)
					if err != nil {
						b.Fatal(err)
					}
					var srv0 store.ServerCPU
					if db == "postgres" {
						if srv0, err = store.SampleServerCPU(ctx, s.DB(), app); err != nil {
							b.Fatal(err)
						}
					}
					b.StartTimer()
					c0 := testkit.ProcessCPU()
					st, err := Import(ctx, s, ath.ID, []string{path}, Options{SkipPlace: true, perActivityCandidates: perRow})
					cpu += testkit.ProcessCPU() - c0
					b.StopTimer()
					if err != nil || st.Activities != 3000 {
						b.Fatalf("import: %v, %d activities", err, st.Activities)
					}
					if db == "postgres" {
						srv1, err := store.SampleServerCPU(ctx, s.DB(), app)
						if err != nil {
							b.Fatal(err)
						}
						srvCPU += srv1.Since(srv0)
					}
					s.Close()
					i++
					b.StartTimer()
				}
				b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
				if db == "postgres" {
					b.ReportMetric(srvCPU.Seconds()/float64(b.N), "server-cpu-s/op")
				}
			})
		}
	}
}
