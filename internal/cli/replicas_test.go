package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"rekindle/internal/api"
	"rekindle/internal/athlete"
	"rekindle/internal/store"
	"rekindle/internal/testkit/load"
	"rekindle/internal/testkit/testserver"
)

// replica is one 'rekindle serve' process of the test binary.
type replica struct {
	cmd  *exec.Cmd
	base string
	log  string
}

func buildTestBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rekindle")
	build := exec.Command("go", "build", "-tags", "rekindletest", "-o", bin, "../../cmd/rekindle")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	return bin
}

// startReplica starts 'rekindle serve' on dsn and waits until /readyz
// answers 200; the process is stopped when the test ends.
func startReplica(t *testing.T, bin, dsn, gate, name string) *replica {
	t.Helper()
	addr := load.FreeAddr(t)
	r := &replica{base: "http://" + addr, log: filepath.Join(t.TempDir(), name+".log")}
	logf, err := os.Create(r.log)
	if err != nil {
		t.Fatal(err)
	}
	r.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--log-level", "warn")
	r.cmd.Env = append(os.Environ(), "REKINDLE_JOB_RESCUE_AFTER=2s", "REKINDLE_JOB_POLL=100ms", "REKINDLE_JOB_STOP_WAIT=1s",
		"REKINDLE_TEST_JOB_GATE="+gate, "REKINDLE_SMTP=")
	r.cmd.Stderr = logf
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.cmd.Process.Signal(os.Interrupt)
		r.cmd.Wait()
		logf.Close()
		if t.Failed() {
			b, _ := os.ReadFile(r.log)
			t.Logf("%s log:\n%s", name, b)
		}
	})
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(r.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			b, _ := os.ReadFile(r.log)
			t.Fatalf("%s never ready: %v\n%s", name, err, b)
		}
	}
	return r
}

// loopGPX is a 3.1 km loop run on day (a fixed date), the same loop each
// time with a small offset per run.
func loopGPX(day int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Loop</name><trkseg>`)
	t0 := time.Date(2025, 5, 1, 7, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	const lat0, lon0, r = 52.5, 13.4, 500.0
	off := float64(day%3) * 2 // metres
	for i := range 1040 {
		a := 2 * math.Pi * float64(i) / 1040
		dlat := (r + off) * math.Sin(a) / 111320
		dlon := (r + off) * math.Cos(a) / (111320 * math.Cos(lat0*math.Pi/180))
		fmt.Fprintf(&b, `<trkpt lat="%.7f" lon="%.7f"><time>%s</time></trkpt>`, lat0+dlat, lon0+dlon, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return []byte(b.String())
}

func writeRuns(t *testing.T, days ...int) []string {
	dir := t.TempDir()
	var out []string
	for _, d := range days {
		p := filepath.Join(dir, fmt.Sprintf("loop-%d.gpx", d))
		if err := os.WriteFile(p, loopGPX(d), 0o644); err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func routeJobs(t *testing.T, c *testserver.Client) []athlete.JobView {
	t.Helper()
	resp, body := c.Do("GET", "/api/v1/admin/jobs?kind=route_refresh", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("jobs: %d %s", resp.StatusCode, body)
	}
	var l api.JobList
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		t.Fatal(err)
	}
	return l.Items
}

// waitJobs polls the admin API until every route job is completed and
// there are want of them.
func waitJobs(t *testing.T, c *testserver.Client, want int) []athlete.JobView {
	t.Helper()
	var list []athlete.JobView
	for deadline := time.Now().Add(120 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		list = routeJobs(t, c)
		done := len(list) == want
		for _, j := range list {
			done = done && j.State == "completed"
		}
		if done {
			return list
		}
	}
	t.Fatalf("route jobs never all completed: %+v", list)
	return nil
}

type groupsView struct {
	Items []struct {
		Key        string  `json:"key"`
		Count      int     `json:"count"`
		Activities []int64 `json:"activities"`
	} `json:"items"`
}

// routeGroups reads the route groups from c until they have a group of
// count runs (a replica reads the stored grouping in the background on
// first use, and answers with none until then).
func routeGroups(t *testing.T, c *testserver.Client, count int) string {
	t.Helper()
	var got string
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, body := c.Do("GET", "/api/v1/routes", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("routes: %d %s", resp.StatusCode, body)
		}
		var g groupsView
		if err := json.Unmarshal([]byte(body), &g); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(g)
		got = string(b)
		if len(g.Items) == 1 && g.Items[0].Count == count {
			return got
		}
	}
	t.Fatalf("%s: route groups %s, want one of %d runs", c.Base, got, count)
	return ""
}

// homeOf reads the home picture from c.
func homeOf(t *testing.T, c *testserver.Client) athlete.HomeView {
	t.Helper()
	resp, body := c.Do("GET", "/api/v1/home", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("%s home: %d %s", c.Base, resp.StatusCode, body)
	}
	var h athlete.HomeView
	if err := json.Unmarshal([]byte(body), &h); err != nil {
		t.Fatal(err)
	}
	return h
}

func groupingStamp(t *testing.T, st *store.Store, athleteID int64) int64 {
	t.Helper()
	var ms int64
	q := `SELECT updated_ms FROM route_groupings WHERE athlete_id = ?`
	if st.Dialect() == store.Postgres {
		q = `SELECT updated_ms FROM route_groupings WHERE athlete_id = $1`
	}
	if err := st.DB().QueryRow(q, athleteID).Scan(&ms); err != nil {
		t.Fatalf("route grouping: %v", err)
	}
	return ms
}

// TestTwoReplicas starts two real 'rekindle serve' processes on one
// database (SQLite file, and PostgreSQL with REKINDLE_TEST_POSTGRES): a
// sign-in on one works on the other; an upload on one is grouped once, by
// one job, and the same groups are visible on both; an upload, a rename and
// a spark check on one are on the other's home and pages on the next request
// (their caches check the athlete's stamp: B's cached pages and JSON are
// never served stale); a login rate limit
// holds across both; a route job whose process is killed (SIGKILL) mid-job
// is finished by the other.
func TestTwoReplicas(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildTestBinary(t)
	for name, dsn := range testserver.Stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			gate := t.TempDir()
			open := filepath.Join(gate, "open")
			if err := os.WriteFile(open, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			// One after the other: the first creates the schema.
			a := startReplica(t, bin, dsn, gate, "a")
			b := startReplica(t, bin, dsn, gate, "b")

			// Signed up on A, the session works on B (sessions are in the
			// database; the cookie jar is per host, both are 127.0.0.1).
			ca := testserver.NewClient(t, a.base)
			ca.Signup("ann@example.org")
			id := ca.AthleteID()
			cb := testserver.NewClient(t, b.base)
			cb.HC.Jar = ca.HC.Jar
			cb.RefreshCSRF()
			if got := cb.AthleteID(); got != id {
				t.Fatalf("B sees athlete %d, A %d", got, id)
			}
			// A password sign-in on B, in a fresh client.
			cb2 := testserver.NewClient(t, b.base)
			cb2.Do("GET", "/login", nil)
			resp, body := cb2.Do("POST", "/api/v1/auth/login", testserver.JSONBody(map[string]string{"email": "ann@example.org", "password": "correct horse battery"}))
			if resp.StatusCode != 200 {
				t.Fatalf("login on B: %d %s", resp.StatusCode, body)
			}
			cb2.RefreshCSRF()
			if got := cb2.AthleteID(); got != id {
				t.Fatalf("signed in on B as %d", got)
			}

			// B's home picture is cached (asked twice) before the upload.
			for range 2 {
				if h := homeOf(t, cb); h.Activities != 0 {
					t.Fatalf("B's home before any upload: %+v", h)
				}
			}

			// An upload on A: one route job, grouped once, the same groups
			// on both replicas.
			evs := ca.Upload(writeRuns(t, 0, 2, 4)...)
			if last := evs[len(evs)-1]; last.Status != "done" || last.Done != 3 {
				t.Fatalf("upload: %+v", evs)
			}
			// B's next request sees it (the athlete's stamp moved in the
			// upload's transaction), not its cached picture.
			if h := homeOf(t, cb); h.Activities != 3 || h.LastRun == nil {
				t.Fatalf("B's home right after the upload on A: %+v", h)
			}
			jobs := waitJobs(t, cb, 1)
			if j := jobs[0]; j.Attempt != 1 || len(j.AttemptedBy) != 1 || j.AthleteID != id {
				t.Fatalf("route job: %+v", j)
			}
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			stamp := groupingStamp(t, st, id)
			ga, gb := routeGroups(t, ca, 3), routeGroups(t, cb, 3)
			if ga != gb {
				t.Fatalf("groups on A %s, on B %s", ga, gb)
			}
			if again := groupingStamp(t, st, id); again != stamp {
				t.Fatalf("regrouped by a replica: %d then %d", stamp, again)
			}

			// A rename on A is on B's home page, its JSON and the Activities
			// list on the next request (B had them cached).
			last := homeOf(t, cb).LastRun
			homeOf(t, cb)
			// B's JSON of the run and of the list, cached (asked twice).
			oneJSON, listJSON := fmt.Sprintf("/api/v1/activities/%d", last.ID), "/api/v1/activities"
			for range 2 {
				for _, p := range []string{oneJSON, listJSON} {
					if resp, body := cb.Do("GET", p, nil); resp.StatusCode != 200 || strings.Contains(body, "Renamed on A") {
						t.Fatalf("B's %s before the rename: %d", p, resp.StatusCode)
					}
				}
			}
			if resp, body := ca.Do("POST", fmt.Sprintf("/activities/%d/edit", last.ID), "name=Renamed+on+A"); resp.StatusCode != 200 && resp.StatusCode != 303 {
				t.Fatalf("rename on A: %d %s", resp.StatusCode, body)
			}
			if h := homeOf(t, cb); h.LastRun == nil || h.LastRun.Name != "Renamed on A" {
				t.Fatalf("B's home after the rename on A: %+v", h.LastRun)
			}
			if resp, body := cb.Do("GET", "/", nil); resp.StatusCode != 200 || !strings.Contains(body, "Renamed on A") {
				t.Fatalf("B's home page after the rename on A: %d, renamed run not shown", resp.StatusCode)
			}
			if resp, body := cb.Do("GET", "/activities", nil); resp.StatusCode != 200 || !strings.Contains(body, "Renamed on A") {
				t.Fatalf("B's activities page after the rename on A: %d, renamed run not shown", resp.StatusCode)
			}
			// Never B's stale JSON: its cache entries were made at the old stamp.
			for _, p := range []string{oneJSON, listJSON} {
				if resp, body := cb.Do("GET", p, nil); resp.StatusCode != 200 || !strings.Contains(body, "Renamed on A") {
					t.Fatalf("B's %s after the rename on A: %d, renamed run not shown", p, resp.StatusCode)
				}
			}
			// A renamed run may name its route: the replica that saw the
			// change asked for one route job (it finds the results stored).
			waitJobs(t, cb, 2)
			if again := groupingStamp(t, st, id); again != stamp {
				t.Fatalf("regrouped after a rename: %d then %d", stamp, again)
			}
			// A spark check answered on B: A's home (cached) no longer says
			// one is due, on the next request.
			homeOf(t, ca)
			if h := homeOf(t, ca); !h.SparkCheck {
				t.Fatalf("A's home says no spark check is due before any: %+v", h)
			}
			_, qs := cb.Do("GET", "/api/v1/spark-checks", nil)
			var sc struct {
				Questions []struct {
					ID string `json:"id"`
				} `json:"questions"`
			}
			if err := json.Unmarshal([]byte(qs), &sc); err != nil || len(sc.Questions) == 0 {
				t.Fatalf("spark check questions: %v %s", err, qs)
			}
			answers := map[string]int{}
			for _, q := range sc.Questions {
				answers[q.ID] = 3
			}
			if resp, body := cb.Do("POST", "/api/v1/spark-checks", testserver.JSONBody(map[string]any{"answers": answers})); resp.StatusCode != 201 {
				t.Fatalf("spark check on B: %d %s", resp.StatusCode, body)
			}
			if h := homeOf(t, ca); h.SparkCheck {
				t.Fatal("A's home still says a spark check is due after one was answered on B")
			}

			// Guesses at one e-mail from one address: five tries over both
			// replicas, then both refuse (even the right password).
			for i := range 5 {
				c := []*testserver.Client{ca, cb}[i%2]
				c2 := testserver.NewClient(t, c.Base)
				c2.Do("GET", "/login", nil)
				resp, body := c2.Do("POST", "/api/v1/auth/login", testserver.JSONBody(map[string]string{"email": "eve@example.org", "password": "wrong " + strconv.Itoa(i)}))
				if resp.StatusCode != http.StatusUnauthorized {
					t.Fatalf("try %d: %d %s", i, resp.StatusCode, body)
				}
			}
			for _, base := range []string{a.base, b.base} {
				c2 := testserver.NewClient(t, base)
				c2.Do("GET", "/login", nil)
				resp, body := c2.Do("POST", "/api/v1/auth/login", testserver.JSONBody(map[string]string{"email": "eve@example.org", "password": "wrong again"}))
				if resp.StatusCode != http.StatusTooManyRequests {
					t.Fatalf("sixth try on %s: %d %s", base, resp.StatusCode, body)
				}
			}

			// The gate closed: the next upload's job is held mid-job by
			// whichever replica claimed it; that process is killed and
			// the other finishes the job.
			ents, _ := os.ReadDir(gate)
			for _, e := range ents { // the first job's marks, and the open gate
				if err := os.Remove(filepath.Join(gate, e.Name())); err != nil {
					t.Fatal(err)
				}
			}
			evs = cb.Upload(writeRuns(t, 6)...)
			if last := evs[len(evs)-1]; last.Status != "done" || last.Done != 1 {
				t.Fatalf("upload: %+v", evs)
			}
			var holder int
			for deadline := time.Now().Add(60 * time.Second); holder == 0; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatal("no replica started the route job")
				}
				ents, _ := os.ReadDir(gate)
				for _, e := range ents {
					var pid int
					var ath int64
					if n, _ := fmt.Sscanf(e.Name(), "started-%d-%d", &pid, &ath); n == 2 && ath == id {
						holder = pid
					}
				}
			}
			killed, survivor := a, cb
			if b.cmd.Process.Pid == holder {
				killed, survivor = b, ca
			} else if a.cmd.Process.Pid != holder {
				t.Fatalf("the route job is held by pid %d, neither replica", holder)
			}
			if err := killed.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed.cmd.Wait()
			if err := os.WriteFile(open, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			jobs = waitJobs(t, survivor, 3)
			j := jobs[0] // newest first
			if len(j.AttemptedBy) != 2 || j.AttemptedBy[0] == j.AttemptedBy[1] {
				t.Fatalf("the killed job was not finished by the other replica: %+v", j)
			}
			routeGroups(t, survivor, 4)
		})
	}
}
