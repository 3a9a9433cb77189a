package cli_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/ingest"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/testkit/load"
	"rekindle/internal/testkit/testserver"
)

// BenchmarkImportPaths measures, on PostgreSQL, what a user's import costs
// against pure decoding of the same files: the ratio of ingest's
// BenchmarkImportVsDecode ("inflate+decode/import" in CPU time, the server
// processes' CPU counted in the import's), but through the real binary
// instead of in process:
//
//   - cli: 'rekindle import' in a new process on an existing, up-to-date
//     database (migrated by an earlier process): a new client heap and a
//     new server process, as a runner's one-off import is;
//   - serve-first and serve-pooled: an upload of the same archive to
//     'rekindle serve' (POST /api/v1/uploads), the first on a new serve
//     process and the next, for another athlete, on the same process with
//     its pool of connections (what every later upload to a running server
//     gets). The serve process's CPU is read from /proc around the upload;
//     the route job the upload queues is held (closed job gate); the
//     place job may run inside the window.
//
// The archive is the benchmark's: the real files of testdata/activities of
// at most 1 MB, gzipped members of a zip (as Strava exports them), each
// file once (the user paths dedupe, which the in-process benchmark skips).
// Pure decoding and inflating run in this process.
//
//	REKINDLE_TEST_POSTGRES=postgres://… [REKINDLE_BENCH_BIN=…] go test ./internal/cli -run XXX -bench ImportPaths -benchtime 3x
func BenchmarkImportPaths(b *testing.B) {
	if os.Getenv("REKINDLE_TEST_POSTGRES") == "" {
		b.Skip("REKINDLE_TEST_POSTGRES not set")
	}
	dec := ingest.DefaultDecoders()
	var files [][]byte
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		for _, p := range testkit.Glob(b, g) {
			data, err := os.ReadFile(p)
			if err != nil || len(data) > 1<<20 {
				continue
			}
			if acts, err := dec[ingest.Sniff(data)](bytes.NewReader(data)); err != nil || len(acts) == 0 {
				continue
			}
			files = append(files, data)
		}
	}
	dir := b.TempDir()
	archive := filepath.Join(dir, "export.zip")
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for i, data := range files {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("activities/%d.%s.gz", i, ingest.Sniff(data)), Method: zip.Store})
		gw, _ := gzip.NewWriterLevel(w, gzip.BestSpeed)
		gw.Write(data)
		gw.Close()
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(archive, zbuf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	bin := buildBenchBinary(b)
	// pureCPU decodes and inflates the files in this process: the ratio's
	// numerator, measured next to each import.
	pureCPU := func() time.Duration {
		runtime.GC()
		c0 := testkit.ProcessCPU()
		for _, data := range files {
			dec[ingest.Sniff(data)](bytes.NewReader(data))
		}
		zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			gr, err := gzip.NewReader(rc)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, gr)
			rc.Close()
		}
		runtime.GC()
		return testkit.ProcessCPU() - c0
	}
	appDSN := func(app string) string {
		u, err := url.Parse(store.PostgresTestDSN(b))
		if err != nil {
			b.Fatal(err)
		}
		q := u.Query()
		q.Set("application_name", app)
		u.RawQuery = q.Encode()
		return u.String()
	}

	b.Run("cli", func(b *testing.B) {
		var imp, srv, pure time.Duration
		for b.Loop() {
			b.StopTimer()
			app := fmt.Sprintf("rekindle-paths-%d-%d", os.Getpid(), time.Now().UnixNano())
			dsn := appDSN(app)
			if out, err := exec.Command(bin, "migrate", "--db", dsn).CombinedOutput(); err != nil {
				b.Fatalf("migrate: %v\n%s", err, out)
			}
			mon := watchServer(b, app)
			cmd := exec.Command(bin, "import", "--db", dsn, archive)
			b.StartTimer()
			out, err := cmd.CombinedOutput()
			b.StopTimer()
			if err != nil {
				b.Fatalf("import: %v\n%s", err, out)
			}
			imp += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			srv += mon.stop()
			pure += pureCPU()
			b.StartTimer()
		}
		reportPaths(b, imp, srv, pure)
	})

	b.Run("serve", func(b *testing.B) {
		var imp, srv, pure [2]time.Duration
		for b.Loop() {
			b.StopTimer()
			app := fmt.Sprintf("rekindle-paths-%d-%d", os.Getpid(), time.Now().UnixNano())
			dsn := appDSN(app)
			// No "open" file in the gate: the route job an upload queues waits.
			r := startBenchReplica(b, bin, dsn, b.TempDir())
			for k, who := range []string{"ann", "bob"} {
				c := testserver.NewClient(b, r.base)
				c.Signup(who + "@example.org")
				mon := watchServer(b, app)
				c0 := procCPU(b, r.cmd.Process.Pid)
				b.StartTimer()
				evs := c.Upload(archive)
				b.StopTimer()
				imp[k] += procCPU(b, r.cmd.Process.Pid) - c0
				srv[k] += mon.stop()
				if last := evs[len(evs)-1]; last.Status != "done" {
					b.Fatalf("upload: %+v", last)
				}
				pure[k] += pureCPU()
			}
			r.cmd.Process.Signal(os.Interrupt)
			r.cmd.Wait()
			b.StartTimer()
		}
		for k, name := range []string{"first", "pooled"} {
			b.ReportMetric((imp[k]+srv[k]).Seconds()/float64(b.N), name+"-import-cpu-s/op")
			b.ReportMetric(srv[k].Seconds()/float64(b.N), name+"-server-cpu-s/op")
			b.ReportMetric(pure[k].Seconds()/(imp[k]+srv[k]).Seconds(), name+"-inflate+decode/import")
		}
	})
}

func reportPaths(b *testing.B, imp, srv, pure time.Duration) {
	b.ReportMetric((imp+srv).Seconds()/float64(b.N), "import-cpu-s/op")
	b.ReportMetric(srv.Seconds()/float64(b.N), "server-cpu-s/op")
	b.ReportMetric(pure.Seconds()/float64(b.N), "inflate+decode-cpu-s/op")
	b.ReportMetric(pure.Seconds()/(imp+srv).Seconds(), "inflate+decode/import")
}

// buildBenchBinary builds the binary under test, or takes the one named by
// REKINDLE_BENCH_BIN (built with -tags rekindletest), so that two builds
// can be measured alternately in one run.
func buildBenchBinary(b *testing.B) string {
	b.Helper()
	if bin := os.Getenv("REKINDLE_BENCH_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(b.TempDir(), "rekindle")
	build := exec.Command("go", "build", "-tags", "rekindletest", "-o", bin, "../../cmd/rekindle")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build: %v", err)
	}
	return bin
}

// startBenchReplica is startReplica for a benchmark.
func startBenchReplica(b *testing.B, bin, dsn, gate string) *replica {
	r := &replica{base: "http://" + load.FreeAddr(b)}
	r.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", strings.TrimPrefix(r.base, "http://"), "--log-level", "warn")
	r.cmd.Env = append(os.Environ(), "REKINDLE_TEST_JOB_GATE="+gate, "REKINDLE_SMTP=")
	if err := r.cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { r.cmd.Process.Kill(); r.cmd.Wait() })
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(r.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		if time.Now().After(deadline) {
			b.Fatal("serve never ready")
		}
	}
}

// procCPU is the CPU time of process pid so far: the sum over its threads
// of /proc/PID/task/TID/schedstat (nanoseconds; a Go process keeps its
// threads).
func procCPU(b *testing.B, pid int) time.Duration {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		b.Fatalf("process %d: no threads (%v)", pid, err)
	}
	var d time.Duration
	for _, p := range tasks {
		raw, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		ns, _ := strconv.ParseInt(strings.Fields(string(raw))[0], 10, 64)
		d += time.Duration(ns)
	}
	return d
}

// serverWatch follows the server processes of the connections named app
// (every millisecond their schedstat, every 10 ms the list of them), so
// that one which ends (a 'rekindle import' closing its connection) is
// counted up to its last millisecond.
type serverWatch struct {
	done chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	base map[int]time.Duration // at the start, of those there then
	last map[int]time.Duration
}

func watchServer(b *testing.B, app string) *serverWatch {
	db, err := sql.Open("pgx", os.Getenv("REKINDLE_TEST_POSTGRES"))
	if err != nil {
		b.Fatal(err)
	}
	w := &serverWatch{done: make(chan struct{}), last: map[int]time.Duration{}}
	ctx := context.Background()
	pids := func() []int {
		rows, err := db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, app)
		if err != nil {
			return nil
		}
		defer rows.Close()
		var out []int
		for rows.Next() {
			var p int
			rows.Scan(&p)
			out = append(out, p)
		}
		return out
	}
	read := func(pid int) (time.Duration, bool) {
		raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
		if err != nil {
			return 0, false
		}
		ns, err := strconv.ParseInt(strings.Fields(string(raw))[0], 10, 64)
		return time.Duration(ns), err == nil
	}
	w.base = map[int]time.Duration{}
	for _, p := range pids() {
		if d, ok := read(p); ok {
			w.base[p] = d
			w.last[p] = d
		}
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer db.Close()
		known := map[int]bool{}
		for p := range w.base {
			known[p] = true
		}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			if i%10 == 0 {
				for _, p := range pids() {
					known[p] = true
				}
			}
			w.mu.Lock()
			for p := range known {
				if d, ok := read(p); ok {
					w.last[p] = d
				}
			}
			w.mu.Unlock()
			select {
			case <-w.done:
				return
			case <-tick.C:
			}
		}
	}()
	return w
}

// stop ends the watch and returns the server processes' CPU time since it
// began (a process that started meanwhile counts whole).
func (w *serverWatch) stop() time.Duration {
	close(w.done)
	w.wg.Wait()
	var d time.Duration
	for p, t := range w.last {
		d += t - w.base[p]
	}
	return d
}
