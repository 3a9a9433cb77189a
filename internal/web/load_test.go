package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/testkit/load"
	"rekindle/internal/testkit/testserver"
)

// TestLoad is the load benchmark: the real binary serves a realistic runner
// (ten years of 'rekindle demo' history imported through the normal path,
// with check-ins, the Monaco street map and stored route matches, race and
// class calendars, plus shoes, rewards, plan sessions, an accepted idea and
// gratitude entries added through the CLI) while 50 concurrent clients
// browse like that runner: the home page and activity pages most, and the
// activities list, training, routes, plan, races and gear pages. The server
// runs on testkit's fixed day ('serve --as-of'). Targets: p99 ≤ 100 ms, no
// errors, server RSS ≤ 150 MB. It runs only when asked:
//
//	REKINDLE_LOAD=1 go test ./internal/web -run TestLoad -v -timeout 30m
//
// REKINDLE_LOAD_SECONDS (default 30) and REKINDLE_LOAD_CLIENTS (default 50)
// tune it; REKINDLE_LOAD_DB=FILE starts from a copy of a database made by
// 'rekindle demo --years 10 --no-serve --end 2025-06-02 --db FILE' instead
// of making one (about two minutes); REKINDLE_LOAD_BIN=FILE runs that
// rekindle binary instead of building one (to alternate two builds), and
// REKINDLE_LOAD_CPUPROFILE=FILE (REKINDLE_LOAD_MEMPROFILE=FILE) has the
// server write its CPU (heap) profile there; REKINDLE_LOAD_LOG=FILE keeps
// the server's log (with the GC trace when a heap profile is asked for).
func TestLoad(t *testing.T) {
	if os.Getenv("REKINDLE_LOAD") == "" {
		t.Skip("load benchmark: set REKINDLE_LOAD=1 to run it")
	}
	seconds := load.EnvInt("REKINDLE_LOAD_SECONDS", 30)
	clients := load.EnvInt("REKINDLE_LOAD_CLIENTS", 50)
	ctx := context.Background()
	dir := t.TempDir()
	bin := os.Getenv("REKINDLE_LOAD_BIN")
	if bin == "" {
		bin = filepath.Join(dir, "rekindle")
		build := exec.Command("go", "build", "-o", bin, "../../cmd/rekindle")
		build.Stderr = os.Stderr
		if err := build.Run(); err != nil {
			t.Fatalf("build: %v", err)
		}
	}
	db := filepath.Join(dir, "load.db")
	day := testkit.Today.Format(time.DateOnly)
	run := func(args ...string) string {
		cmd := exec.Command(bin, args...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("rekindle %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return string(out)
	}

	start := time.Now()
	seedRunner(t, db, run)
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	list, err := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	checkIns, err := st.ListCheckIns(ctx, ath.ID, time.Time{}, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	t.Logf("history: %d activities and %d check-ins over 10 years, stored in %s", len(ids), len(checkIns), time.Since(start).Round(time.Second))

	addr := load.FreeAddr(t)
	srv := exec.Command(bin, "serve", "--db", db, "--addr", addr, "--as-of", day)
	srv.Env = append(os.Environ(), "REKINDLE_LOG_FORMAT=json")
	if prof := os.Getenv("REKINDLE_LOAD_CPUPROFILE"); prof != "" {
		srv.Env = append(srv.Env, "REKINDLE_CPUPROFILE="+prof)
	}
	if prof := os.Getenv("REKINDLE_LOAD_MEMPROFILE"); prof != "" {
		srv.Env = append(srv.Env, "REKINDLE_MEMPROFILE="+prof, "GODEBUG=gctrace=1")
	}
	logPath := filepath.Join(dir, "server.log")
	if p := os.Getenv("REKINDLE_LOAD_LOG"); p != "" {
		logPath = p
	}
	logf, _ := os.Create(logPath)
	srv.Stderr = logf
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	base := "http://" + addr
	for i := 0; ; i++ {
		if resp, err := http.Get(base + "/healthz"); err == nil && resp.StatusCode == 200 {
			resp.Body.Close()
			break
		}
		if i > 100 {
			t.Fatal("server did not start")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The first account takes over the athlete the CLI imported into.
	c := testserver.NewClient(t, base)
	c.Signup("runner@example.org")
	cookies := c.HC.Jar.Cookies(mustURL(base))
	// The stored route grouping is read in the background: wait for it.
	for i := 0; ; i++ {
		_, body := c.Do("GET", "/api/v1/routes", nil)
		if strings.Contains(body, `"count"`) {
			break
		}
		if i > 600 {
			t.Fatal("route grouping did not finish")
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("route groups ready %s after start", time.Since(start).Round(time.Second))
	// What a runner opens, by weight: home and activity pages most.
	pages := []string{"home", "activity", "home", "activity", "activity", "activities", "training", "routes", "plan", "races", "gear", "home"}
	pathOf := func(page string, rng *rand.Rand) string {
		switch page {
		case "home":
			return "/"
		case "activity":
			return fmt.Sprintf("/activities/%d", ids[rng.IntN(len(ids))])
		}
		return "/" + page
	}
	// Warm up: every page once.
	for _, page := range pages {
		if resp, _ := c.Do("GET", pathOf(page, rand.New(rand.NewPCG(1, 1))), nil); resp.StatusCode != 200 {
			t.Fatalf("warm-up %s: %d", page, resp.StatusCode)
		}
	}
	t.Logf("after start-up and warm-up: server RSS %.1f MB (VmHWM %.1f MB)",
		float64(load.ProcKB(srv.Process.Pid, "VmRSS"))/1024, float64(load.ProcKB(srv.Process.Pid, "VmHWM"))/1024)

	cpu0 := load.ProcCPU(srv.Process.Pid)
	results := make(chan load.Result, 4096)
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			hc := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			for i := 0; time.Now().Before(deadline); i++ {
				page := pages[(w+i)%len(pages)]
				d, err := load.Get(hc, base, pathOf(page, rng), cookies...)
				results <- load.Result{Key: page, D: d, Err: err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	lat, errs, peak := load.Collect(results, func(string) []string { return []string{"all"} }, srv.Process.Pid)
	peakRSS := peak[0]
	hwm := load.ProcKB(srv.Process.Pid, "VmHWM")
	cpu := load.ProcCPU(srv.Process.Pid) - cpu0
	load.Log(t, lat, "home", "activity", "activities", "training", "routes", "plan", "races", "gear", "all")
	n := len(lat["all"])
	t.Logf("%d clients, %ds: %d requests (%.0f/s), %d errors; server RSS peak %.1f MB (VmHWM %.1f MB)",
		clients, seconds, n, float64(n)/float64(seconds), len(errs), float64(peakRSS)/1024, float64(hwm)/1024)
	t.Logf("server CPU: %.1f s for %d requests = %.2f ms per request (machine load average %s)", cpu.Seconds(), n, load.MS(cpu)/float64(n), load.LoadAvg())
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %v", len(errs), errs[0])
	}
	if p99 := load.Pct(lat["all"], .99); p99 > 100*time.Millisecond {
		t.Errorf("p99 %v > 100 ms", p99)
	}
	if hwm > 150*1024 {
		t.Errorf("server RSS %.1f MB > 150 MB", float64(hwm)/1024)
	}
}

// seedRunner makes the load benchmark's runner in db with run (the rekindle
// command line): ten years of 'rekindle demo' on the Monaco streets,
// imported through the normal path and ending on testkit's fixed day (or a
// copy of $REKINDLE_LOAD_DB), then what a real runner keeps besides the
// runs: shoes (one retired), rewards, plan sessions, an accepted spark idea
// and gratitude entries.
func seedRunner(tb testing.TB, db string, run func(args ...string) string) {
	tb.Helper()
	day := testkit.Today.Format(time.DateOnly)
	// Ten years of a simulated runner on the Monaco streets, imported
	// through the normal path, ending on testkit's fixed day.
	if src := os.Getenv("REKINDLE_LOAD_DB"); src != "" {
		data, err := os.ReadFile(src)
		if err != nil {
			tb.Fatalf("REKINDLE_LOAD_DB: %v", err)
		}
		if err := os.WriteFile(db, data, 0o644); err != nil {
			tb.Fatal(err)
		}
	} else {
		run("demo", "--years", "10", "--no-serve", "--end", day, "--db", db)
	}
	run("gear", "add", "Ghost 14", "--brand", "Brooks", "--db", db, "--on", "2022-01-10")
	run("gear", "retire", "Ghost 14", "--db", db, "--on", "2023-03-01")
	run("gear", "add", "Pegasus 40", "--brand", "Nike", "--default", "running", "--db", db, "--on", "2023-03-01")
	run("gear", "add", "Commuter", "--bike", "--default", "cycling", "--db", db, "--on", "2020-05-01")
	run("reward", "add", "a massage", "--runs", "8", "--days", "14", "--from", "2025-05-26", "--db", db)
	run("reward", "add", "dinner at Lucia's", "--distance", "60", "--days", "21", "--from", "2025-05-20", "--db", db)
	run("reward", "add", "new shoes", "--shoe", "Pegasus 40", "--db", db)
	run("plan", "add", "2025-06-04", "quality", "--distance", "10", "--db", db)
	run("plan", "add", "2025-06-07", "long", "--distance", "18", "--note", "with Ana", "--db", db)
	run("plan", "add", "2025-06-05", "cross", "--sport", "yoga", "--minutes", "60", "--db", db)
	run("gratitude", "add", "Running gave me the mornings back", "--day", "2025-05-30", "--db", db)
	run("gratitude", "add", "The harbour at 7 am", "--day", "2025-05-12", "--db", db)
	var rep struct {
		Recommendations []struct {
			ID string `json:"id"`
		} `json:"recommendations"`
	}
	if err := json.Unmarshal([]byte(run("spark", "--json", "--as-of", day, "--db", db)), &rep); err != nil || len(rep.Recommendations) == 0 {
		tb.Fatalf("spark: %v %+v", err, rep)
	}
	run("spark", "accept", rep.Recommendations[0].ID, "--as-of", day, "--db", db)
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
