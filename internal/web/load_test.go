package web_test

import (
	"bufio"
	"context"
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

	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/store"
	"rekindle/internal/testkit/testserver"
)

// TestLoad is the load benchmark: the real binary serves an athlete with ten
// years of history while 50 concurrent clients fetch the home page and
// activity pages. Targets: p99 ≤ 100 ms, no errors, server RSS ≤ 150 MB.
// It runs only when asked:
//
//	REKINDLE_LOAD=1 go test ./internal/web -run TestLoad -v -timeout 30m
//
// REKINDLE_LOAD_SECONDS (default 30) and REKINDLE_LOAD_CLIENTS (default 50)
// tune it.
func TestLoad(t *testing.T) {
	if os.Getenv("REKINDLE_LOAD") == "" {
		t.Skip("load benchmark: set REKINDLE_LOAD=1 to run it")
	}
	seconds := envInt("REKINDLE_LOAD_SECONDS", 30)
	clients := envInt("REKINDLE_LOAD_CLIENTS", 50)
	ctx := context.Background()
	dir := t.TempDir()
	bin := filepath.Join(dir, "rekindle")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/rekindle")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	db := filepath.Join(dir, "load.db")

	// Ten years of a simulated runner, measured and stored.
	start := time.Now()
	// The history ends today on the wall clock because the server under load
	// is a separate 'rekindle serve' process on that clock; the test
	// measures throughput and asserts nothing about the day.
	h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: 10, End: time.Now().UTC().Truncate(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(bin, "serve", "--db", db, "--addr", addr)
	srv.Env = append(os.Environ(), "REKINDLE_LOG_FORMAT=json")
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
	c := testserver.NewClient(t, base)
	c.Signup("runner@example.org")
	acc, err := st.AccountByEmail(ctx, "runner@example.org")
	if err != nil {
		t.Fatal(err)
	}
	var prepared []*store.PreparedActivity
	for _, a := range h.Activities {
		measure.Activity(a)
		p, err := store.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		prepared = append(prepared, p)
	}
	for i := 0; i < len(prepared); i += 500 {
		if err := st.WriteBatch(ctx, acc.AthleteID, &store.Batch{New: prepared[i:min(i+500, len(prepared))]}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.ListActivities(ctx, acc.AthleteID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	t.Logf("history: %d activities over 10 years, stored in %s", len(ids), time.Since(start).Round(time.Second))

	cookies := c.HC.Jar.Cookies(mustURL(base))
	// The first route grouping of the history runs in the background: wait for it.
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
	// Warm up.
	for _, p := range []string{"/", fmt.Sprintf("/activities/%d", ids[len(ids)-1])} {
		if resp, _ := c.Do("GET", p, nil); resp.StatusCode != 200 {
			t.Fatalf("warm-up %s: %d", p, resp.StatusCode)
		}
	}

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
				page, path := "home", "/"
				if i%2 == 1 {
					page, path = "activity", fmt.Sprintf("/activities/%d", ids[rng.IntN(len(ids))])
				}
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
	for _, k := range []string{"home", "activity", "all"} {
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
