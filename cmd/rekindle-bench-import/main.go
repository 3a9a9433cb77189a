// Command rekindle-bench-import measures the import pipeline: it builds a
// Strava-layout export archive of about -n activities from the real
// files of testdata/activities, imports it into a fresh store, and compares the end-to-end rate with
// pure decoding of the same files on all cores.
//
//	go run ./cmd/rekindle-bench-import [-n 2000] [-db postgres://…] [-rounds 1] [-testdata DIR]
//
// On PostgreSQL (a server on this machine) it also counts the CPU time of
// the server processes that serve the import.
package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/store"
)

func main() {
	n := flag.Int("n", 2000, "activities in the archive (about)")
	dsn := flag.String("db", "", "database (default: a fresh SQLite file in a temporary directory)")
	data := flag.String("testdata", "testdata/activities", "the real activity files committed in the repository (run from its root)")
	maxSize := flag.Int64("max-file", 1<<20, "leave out source files larger than this many bytes")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the import to this file")
	gz := flag.Bool("gzip", true, "gzip each activity file inside the archive, as Strava does (false: plain members, so import compresses the originals itself)")
	keep := flag.Bool("keep-originals", true, "store each file's original bytes (compressed), as import does by default")
	rounds := flag.Int("rounds", 1, "import and decode alternately this many times (each import into a fresh athlete) and print the median ratios: a loaded machine's noise averages out")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(context.Background(), *n, *dsn, *data, *maxSize, *keep, *gz, max(1, *rounds)); err != nil {
		fmt.Fprintln(os.Stderr, "rekindle-bench-import:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

type source struct {
	name string
	data []byte
	kind ingest.Kind
	acts int
}

func run(ctx context.Context, n int, dsn, data string, maxSize int64, keep, gz bool, rounds int) error {
	dec := ingest.DefaultDecoders()
	var srcs []source
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		paths, _ := filepath.Glob(filepath.Join(data, g))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil || int64(len(b)) > maxSize {
				continue
			}
			k := ingest.Sniff(b)
			acts, err := dec[k](bytes.NewReader(b))
			if err != nil || len(acts) == 0 {
				continue
			}
			srcs = append(srcs, source{filepath.Base(p), b, k, len(acts)})
		}
	}
	if len(srcs) == 0 {
		return fmt.Errorf("no real files under %s", data)
	}
	tmp, err := os.MkdirTemp("", "rekindle-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Build the archive: activities.csv + activities/<id>.<ext>.gz, each copy
	// made a distinct file (an XML comment or bytes after the FIT data).
	archive := filepath.Join(tmp, "export_1.zip")
	f, err := os.Create(archive)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	var rows [][]string
	var rawBytes int64
	acts := 0
	for i := 0; acts < n; i++ {
		s := srcs[i%len(srcs)]
		b := append(append([]byte(nil), s.data...), fmt.Sprintf("\n<!-- copy %d -->\n", i)...)
		name := fmt.Sprintf("activities/%d.%s", 1000+i, s.kind)
		if gz {
			name += ".gz"
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
			if err != nil {
				return err
			}
			gw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
			gw.Write(b)
			gw.Close()
		} else {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
			if err != nil {
				return err
			}
			w.Write(b)
		}
		rows = append(rows, []string{strconv.Itoa(1000 + i), "Jan 2, 2020, 7:00:00 AM", "copy " + strconv.Itoa(i), "Run", "", "", name})
		rawBytes += int64(len(b))
		acts += s.acts
	}
	w, _ := zw.Create("activities.csv")
	cw := csv.NewWriter(w)
	cw.Write([]string{"Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Activity Gear", "Filename"})
	cw.WriteAll(rows)
	if err := zw.Close(); err != nil {
		return err
	}
	f.Close()
	st, _ := os.Stat(archive)
	fmt.Printf("archive: %d files, %d activities, %.1f MB zipped, %.1f MB of activity files\n", len(rows), acts, float64(st.Size())/1e6, float64(rawBytes)/1e6)

	// End-to-end import.
	if dsn == "" {
		dsn = filepath.Join(tmp, "bench.db")
	}
	// On PostgreSQL the server's own CPU time is part of the import's cost:
	// its processes are found by application_name, and the pool keeps its
	// connections open so that none ends before it is sampled.
	app := fmt.Sprintf("rekindle-bench-import-%d", os.Getpid())
	if store.IsPostgres(dsn) {
		u, err := url.Parse(dsn)
		if err != nil {
			return err
		}
		q := u.Query()
		q.Set("application_name", app)
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	s, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer s.Close()
	s.DB().SetMaxIdleConns(64)
	serverCPU := func() store.ServerCPU {
		if s.Dialect() != store.Postgres {
			return nil
		}
		c, err := store.SampleServerCPU(ctx, s.DB(), app)
		if err != nil {
			fmt.Fprintln(os.Stderr, "rekindle-bench-import: server CPU not counted:", err)
		}
		return c
	}
	var copies [][]byte // the activity files, unpacked after the first import (its peak RSS is the import's)
	var ratios, cpuRatios []float64
	for round := range rounds {
		ath := &rekindle.Athlete{Name: "bench"}
		if err := s.CreateAthlete(ctx, ath); err != nil {
			return err
		}
		runtime.GC()
		srv0 := serverCPU()
		t0 := time.Now()
		cpu0 := cpuTime()
		stats, err := ingest.Import(ctx, s, ath.ID, []string{archive}, ingest.Options{SkipDedupe: true, DiscardOriginals: !keep})
		if err != nil {
			s.DeleteAthlete(context.Background(), ath.ID)
			return err
		}
		imp := time.Since(t0)
		cpu := cpuTime() - cpu0
		srv := serverCPU().Since(srv0)
		peak := "(first round only)"
		if round == 0 {
			peak = peakRSS()
		}
		server, serverNote := "", ""
		if s.Dialect() == store.Postgres {
			server, serverNote = fmt.Sprintf(" + server %.2fs", srv.Seconds()), " (the server's included)"
		}
		fmt.Printf("import (%s, %d cores, keep originals %v): %d files (%d imported, %d partial, %d failed), %d activities in %.2fs (CPU %.2fs%s): %.0f activities/s, %.1f MB/s; peak RSS %s\n",
			s.Dialect(), runtime.GOMAXPROCS(0), keep, stats.Files, stats.Imported, stats.Partial, stats.Failed, stats.Activities, imp.Seconds(), cpu.Seconds(),
			server, float64(stats.Activities)/imp.Seconds(), float64(rawBytes)/1e6/imp.Seconds(), peak)
		if round == 0 && !store.IsPostgres(dsn) {
			var size int64
			for _, suffix := range []string{"", "-wal"} {
				if st, err := os.Stat(dsn + suffix); err == nil {
					size += st.Size()
				}
			}
			fmt.Printf("database: %.1f MB\n", float64(size)/1e6)
		}
		if err := s.DeleteAthlete(ctx, ath.ID); err != nil {
			return err
		}

		// Pure decoding of the same files on all cores (unpacked beforehand).
		if copies == nil {
			if copies, err = unpack(archive); err != nil {
				return err
			}
		}
		t1 := time.Now()
		cpu1 := cpuTime()
		work := make(chan []byte)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for b := range work {
					dec[ingest.Sniff(b)](bytes.NewReader(b))
				}
			}()
		}
		for _, b := range copies {
			work <- b
		}
		close(work)
		wg.Wait()
		pure := time.Since(t1)
		pureCPU := cpuTime() - cpu1
		ratios = append(ratios, 100*pure.Seconds()/imp.Seconds())
		cpuRatios = append(cpuRatios, 100*pureCPU.Seconds()/(cpu+srv).Seconds())
		fmt.Printf("pure decode: %.2fs (CPU %.2fs, %.1f MB/s); end-to-end import runs at %.0f%% of the pure decode rate (target ≥ 50%%), %.0f%% in CPU time%s\n",
			pure.Seconds(), pureCPU.Seconds(), float64(rawBytes)/1e6/pure.Seconds(), ratios[round], cpuRatios[round], serverNote)
	}
	if rounds > 1 {
		fmt.Printf("median of %d rounds: %.0f%% of the pure decode rate, %.0f%% in CPU time\n", rounds, median(ratios), median(cpuRatios))
	}
	return nil
}

// median of xs (which it sorts).
func median(xs []float64) float64 {
	slices.Sort(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// unpack returns the decompressed activity files of the archive.
func unpack(archive string) ([][]byte, error) {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var out [][]byte
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "activities/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		var r io.Reader = rc
		if strings.HasSuffix(f.Name, ".gz") {
			if r, err = gzip.NewReader(rc); err != nil {
				return nil, err
			}
		}
		b, err := io.ReadAll(r)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// cpuTime is the process's user plus system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS reads the process's peak resident set size.
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.Join(strings.Fields(l)[1:], " ")
		}
	}
	return "unknown"
}
