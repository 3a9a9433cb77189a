// Package load is what the load benchmarks share (web's TestLoad, cli's
// TestLoadReplicas): their knobs from the environment, the clients'
// requests, the latencies gathered by page with each server's peak memory,
// and the server process's memory, CPU and the machine's load read from
// /proc.
//
// Only tests import it.
package load

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// EnvInt is the positive whole number in the environment variable name, or
// def.
func EnvInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// FreeAddr is a loopback address ("127.0.0.1:PORT") with a port free now,
// for a server process to listen on.
func FreeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// Get requests base+path with cookies and reads the whole answer; err is
// the request's error or, for a status other than 200, "PATH: status N".
func Get(hc *http.Client, base, path string, cookies ...*http.Cookie) (time.Duration, error) {
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
	return time.Since(t0), err
}

// Result is one request of the run: what it is counted under (a page,
// "page/pass" …), how long it took and its error.
type Result struct {
	Key string
	D   time.Duration
	Err error
}

// Collect reads results until the channel is closed: the latencies under
// each result's key and under every key also(key) names (such as "all"),
// in the order they came, the errors, and the peak RSS (VmRSS, kB) of each
// process in pids, sampled every 500 ms meanwhile.
func Collect(results <-chan Result, also func(key string) []string, pids ...int) (lat map[string][]time.Duration, errs []error, peakKB []int64) {
	lat = map[string][]time.Duration{}
	peakKB = make([]int64, len(pids))
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return lat, errs, peakKB
			}
			lat[r.Key] = append(lat[r.Key], r.D)
			for _, k := range also(r.Key) {
				lat[k] = append(lat[k], r.D)
			}
			if r.Err != nil {
				errs = append(errs, r.Err)
			}
		case <-tick.C:
			for i, pid := range pids {
				peakKB[i] = max(peakKB[i], ProcKB(pid, "VmRSS"))
			}
		}
	}
}

// Pct is the p-quantile (0 ≤ p < 1) of d, which it sorts.
func Pct(d []time.Duration, p float64) time.Duration {
	slices.Sort(d)
	return d[min(len(d)-1, int(float64(len(d))*p))]
}

// Log logs p50, p90, p99 and max of the latencies under each of keys (in
// that order; keys without any are left out), sorting them.
func Log(t testing.TB, lat map[string][]time.Duration, keys ...string) {
	t.Helper()
	w := 0
	for _, k := range keys {
		w = max(w, len(k))
	}
	for _, k := range keys {
		d := lat[k]
		if len(d) == 0 {
			continue
		}
		t.Logf("%-*s n=%6d  p50=%7.1fms  p90=%7.1fms  p99=%7.1fms  max=%7.1fms", w, k, len(d),
			MS(Pct(d, .5)), MS(Pct(d, .9)), MS(Pct(d, .99)), MS(d[len(d)-1]))
	}
}

// MS is d in milliseconds.
func MS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// ProcKB reads a "VmXxx: N kB" line of /proc/PID/status (0 when it cannot).
func ProcKB(pid int, key string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			if f := strings.Fields(v); len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}

// ProcCPU is the user+system CPU time of a process (0 when it cannot be
// read).
func ProcCPU(pid int) time.Duration {
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
	return time.Duration(u+st) * (time.Second / 100) // USER_HZ = 100
}

// ProcRunWait is the time a process's threads have spent runnable but
// waiting for a CPU (the run queue: the second field of
// /proc/PID/task/TID/schedstat, summed over its threads alive now; 0 when
// it cannot be read). Beside ProcCPU it tells a process that waits for
// the machine's CPUs from one that waits on something else.
func ProcRunWait(pid int) time.Duration {
	dir := fmt.Sprintf("/proc/%d/task", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	var sum int64
	for _, e := range ents {
		b, err := os.ReadFile(dir + "/" + e.Name() + "/schedstat")
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			sum += n
		}
	}
	return time.Duration(sum)
}

// LoadAvg is the machine's load average over 1, 5 and 15 minutes.
func LoadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
