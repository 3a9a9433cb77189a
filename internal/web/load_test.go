package web_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
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
// server write its CPU (heap) profile there.
func TestLoad(t *testing.T) {
	if os.Getenv("REKINDLE_LOAD") == "" {
		t.Skip("load benchmark: set REKINDLE_LOAD=1 to run it")
	}
	seconds := envInt("REKINDLE_LOAD_SECONDS", 30)
	clients := envInt("REKINDLE_LOAD_CLIENTS", 50)
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

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve", "--db", db, "--addr", addr, "--as-of", day)
	srv.Env = append(os.Environ(), "REKINDLE_LOG_FORMAT=json")
	if prof := os.Getenv("REKINDLE_LOAD_CPUPROFILE"); prof != "" {
		srv.Env = append(srv.Env, "REKINDLE_CPUPROFILE="+prof)
	}
	if prof := os.Getenv("REKINDLE_LOAD_MEMPROFILE"); prof != "" {
		srv.Env = append(srv.Env, "REKINDLE_MEMPROFILE="+prof, "GODEBUG=gctrace=1")
	}
	logf, _ := os.Create(filepath.Join(dir, "server.log"))
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
		float64(procKB(srv.Process.Pid, "VmRSS"))/1024, float64(procKB(srv.Process.Pid, "VmHWM"))/1024)

	type result struct {
		page string
		d    time.Duration
		err  error
	}
	cpu0 := procCPU(srv.Process.Pid)
	results := make(chan result, 4096)
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
				path := pathOf(page, rng)
				req, _ := http.NewRequest("GET", base+path, nil)
				for _, ck := range cookies {
					req.AddCookie(ck)
				}
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("%s: status %d", path, resp.StatusCode)
					}
				}
				results <- result{page, time.Since(t0), err}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	lat := map[string][]time.Duration{}
	var errs []error
	var peakRSS int64
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case r, ok := <-results:
			if !ok {
				done = true
				break
			}
			lat[r.page] = append(lat[r.page], r.d)
			lat["all"] = append(lat["all"], r.d)
			if r.err != nil {
				errs = append(errs, r.err)
			}
		case <-tick.C:
			peakRSS = max(peakRSS, procKB(srv.Process.Pid, "VmRSS"))
		}
	}
	hwm := procKB(srv.Process.Pid, "VmHWM")
	cpu := procCPU(srv.Process.Pid) - cpu0
	pct := func(d []time.Duration, p float64) time.Duration {
		slices.Sort(d)
		return d[min(len(d)-1, int(float64(len(d))*p))]
	}
	for _, k := range []string{"home", "activity", "activities", "training", "routes", "plan", "races", "gear", "all"} {
		d := lat[k]
		if len(d) == 0 {
			continue
		}
		t.Logf("%-8s n=%6d  p50=%6.1fms  p90=%6.1fms  p99=%6.1fms  max=%6.1fms", k, len(d),
			ms(pct(d, .5)), ms(pct(d, .9)), ms(pct(d, .99)), ms(d[len(d)-1]))
	}
	n := len(lat["all"])
	t.Logf("%d clients, %ds: %d requests (%.0f/s), %d errors; server RSS peak %.1f MB (VmHWM %.1f MB)",
		clients, seconds, n, float64(n)/float64(seconds), len(errs), float64(peakRSS)/1024, float64(hwm)/1024)
	t.Logf("server CPU: %.1f s for %d requests = %.2f ms per request (machine load average %s)", cpu.Seconds(), n, ms(cpu)/float64(n), loadavg())
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %v", len(errs), errs[0])
	}
	if p99 := pct(lat["all"], .99); p99 > 100*time.Millisecond {
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

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

// procKB reads a "VmXxx: N kB" line of /proc/PID/status.
func procKB(pid int, key string) int64 {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), key+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return n
		}
	}
	return 0
}

// procCPU is the user+system CPU time of a process.
func procCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	s := string(b)
	f := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(f) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(u+st) * 10 * time.Millisecond // USER_HZ = 100
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
