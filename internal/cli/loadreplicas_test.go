package cli_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/server"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/testkit/load"
)

// TestLoadReplicas is the several-replicas load benchmark (issue 19):
// 10,000 athletes with a year of simulated runs each on one PostgreSQL
// database, two real 'rekindle serve' replicas on it, and 200 concurrent
// clients (each pinned to one replica, as behind a proxy with sticky
// sessions) for 60 s. Each client plays one signed-in runner after another,
// picked at random among the 10,000: the home page, the activities list, a
// run with its track, the training page and the JSON API's home, activities
// and training, twice — the first pass is what a runner new to this
// replica gets (the history is read and analysed), the second is served
// from the replica's caches. It reports p50/p90/p99 per page and pass,
// errors, each replica's peak RSS and CPU per request, how much of the CPU
// it asked for it got (its threads' run-queue wait) and what its
// PostgreSQL sessions were doing (pg_stat_activity sampled), with the load
// average. Targets: p99 ≤ 150 ms on cached pages, 0 errors, RSS ≤ 200 MB.
// It runs only when asked:
//
//	REKINDLE_LOAD_REPLICAS=1 REKINDLE_TEST_POSTGRES=postgres://… go test ./internal/cli -run TestLoadReplicas -v -timeout 60m
//
// REKINDLE_LOAD_ATHLETES (default 10000), REKINDLE_LOAD_CLIENTS (200) and
// REKINDLE_LOAD_SECONDS (60) tune it; REKINDLE_LOAD_SEED_ONLY=1 only makes
// the seeded database; REKINDLE_LOAD_PROFILE=DIR has each replica write
// its CPU profile (start to shutdown) and heap profile (at shutdown) there
// (serve's REKINDLE_CPU_PROFILE and REKINDLE_HEAP_PROFILE) and, through
// serve's debug listener (REKINDLE_DEBUG_ADDR), the block and mutex
// profiles of the middle of the run, a goroutine dump and a heap profile
// half-way, and logs each replica's connection pool waits;
// REKINDLE_LOAD_BASELINE=BIN runs replica0 with another binary (say
// main's) and replica1 with this build, for before and after in one run
// (each replica's first and cached pass are logged apart);
// REKINDLE_LOAD_GOMEMLIMIT=160MiB runs the replicas with that GOMEMLIMIT. The seeded database is kept as a
// PostgreSQL template database (rekindle_load_seed_v1_<athletes>) and each
// run starts from a fresh copy of it (CREATE DATABASE … TEMPLATE, dropped
// at the end); drop the template when done with it.
//
// The seeder (seedLoad) does not go through the import path, which would
// take hours for 2.4 million runs: it simulates 24 runners (the demo's six
// personas × four seeds, one year each, ending on testkit's fixed day) with
// the demo simulator, measures their runs as import does (measure.Activity),
// and gives each of the 10,000 athletes a copy of one of them, written with
// the store's import batch (PostgreSQL COPY), with tracks kept only for the
// last three runs (the runs the benchmark opens) and no check-ins. Each
// athlete has an account and a session; their stored route results are made
// (App.RefreshRoutes) before the copy is saved.
func TestLoadReplicas(t *testing.T) {
	if os.Getenv("REKINDLE_LOAD_REPLICAS") == "" {
		t.Skip("several-replicas load benchmark: set REKINDLE_LOAD_REPLICAS=1 (and REKINDLE_TEST_POSTGRES) to run it")
	}
	base := os.Getenv("REKINDLE_TEST_POSTGRES")
	if base == "" {
		t.Fatal("REKINDLE_LOAD_REPLICAS needs REKINDLE_TEST_POSTGRES (a PostgreSQL URL whose user may create databases)")
	}
	athletes := load.EnvInt("REKINDLE_LOAD_ATHLETES", 10000)
	clients := load.EnvInt("REKINDLE_LOAD_CLIENTS", 200)
	seconds := load.EnvInt("REKINDLE_LOAD_SECONDS", 60)
	ctx := context.Background()

	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	template := fmt.Sprintf("rekindle_load_seed_v1_%d", athletes)
	var exists bool
	if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, template).Scan(&exists); err != nil {
		t.Fatal(err)
	}
	if !exists {
		start := time.Now()
		tmp := template + "_partial"
		admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+tmp)
		if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+tmp); err != nil {
			t.Fatal(err)
		}
		// The seeder's commits need not wait for the disk: a crash loses
		// the partial database, which is made again.
		seedDSN := dbURL(t, base, tmp)
		if strings.Contains(seedDSN, "?") {
			seedDSN += "&synchronous_commit=off"
		} else {
			seedDSN += "?synchronous_commit=off"
		}
		if err := seedLoad(ctx, t, seedDSN, athletes); err != nil {
			t.Fatalf("seed: %v", err)
		}
		if _, err := admin.ExecContext(ctx, `ALTER DATABASE `+tmp+` RENAME TO `+template); err != nil {
			t.Fatal(err)
		}
		t.Logf("seeded %d athletes in %s (kept as template database %s)", athletes, time.Since(start).Round(time.Second), template)
	}
	if os.Getenv("REKINDLE_LOAD_SEED_ONLY") != "" {
		t.Logf("template database %s ready; REKINDLE_LOAD_SEED_ONLY: no run", template)
		return
	}
	run := fmt.Sprintf("rekindle_load_run_%d", os.Getpid())
	start := time.Now()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+run+` TEMPLATE `+template); err != nil {
		t.Fatal(err)
	}
	defer admin.ExecContext(context.Background(), `DROP DATABASE IF EXISTS `+run+` WITH (FORCE)`)
	dsn := dbURL(t, base, run)
	t.Logf("copied the seeded database in %s", time.Since(start).Round(time.Millisecond))

	// The sessions the clients sign in with: one per athlete, made by the
	// seeder (the cookie's secret is the athlete id's, see seedSecret).
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := st.ListAthleteZones(ctx)
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var runners []int64
	for _, z := range ids {
		runners = append(runners, z.ID)
	}
	var nActs, nTracks int64
	if db, err := sql.Open("pgx", dsn); err == nil {
		db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM activities), (SELECT COUNT(*) FROM tracks)`).Scan(&nActs, &nTracks)
		db.Close()
	}
	t.Logf("database: %d athletes, %d activities, %d tracks", len(runners), nActs, nTracks)

	bin := filepath.Join(t.TempDir(), "rekindle")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/rekindle")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	day := testkit.Today.Format(time.DateOnly)
	var reps []*loadReplica
	for i := range 2 {
		b := bin
		if base := os.Getenv("REKINDLE_LOAD_BASELINE"); base != "" && i == 0 {
			// Before and after in one run: replica0 runs the baseline
			// binary, replica1 this build, on the same database and load.
			b = base
		}
		reps = append(reps, startLoadReplica(t, b, dsn, day, fmt.Sprintf("replica%d", i)))
	}
	if base := os.Getenv("REKINDLE_LOAD_BASELINE"); base != "" {
		t.Logf("replica0 runs the baseline %s, replica1 this build", base)
	}
	for _, r := range reps {
		t.Logf("%s started: RSS %.1f MB", r.name, float64(load.ProcKB(r.cmd.Process.Pid, "VmRSS"))/1024)
	}

	// Each runner's tracked runs (the last three), for the activity page.
	tracked := map[int64][]int64{}
	if db, err := sql.Open("pgx", dsn); err == nil {
		rows, err := db.QueryContext(ctx, `SELECT athlete_id, activity_id FROM tracks`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var a, id int64
			rows.Scan(&a, &id)
			tracked[a] = append(tracked[a], id)
		}
		rows.Close()
		db.Close()
	}

	pages := []string{"home", "activities", "activity", "training", "api_home", "api_activities", "api_training"}
	// pick chooses the activity page's run: a session draws it once, so
	// its cached pass asks for the page its first pass saw (a run drawn
	// again per pass made most "cached" activity visits first renders of
	// another run's page).
	pathOf := func(page string, ath int64, pick int) string {
		switch page {
		case "home":
			return "/"
		case "activities":
			return "/activities"
		case "activity":
			if ts := tracked[ath]; len(ts) > 0 {
				return fmt.Sprintf("/activities/%d", ts[pick%len(ts)])
			}
			return "/activities"
		case "training":
			return "/training"
		case "api_home":
			return "/api/v1/home"
		case "api_activities":
			return "/api/v1/activities"
		}
		return "/api/v1/training"
	}
	// Warm-up: one runner per replica, every page.
	for i, r := range reps {
		hc := &http.Client{Timeout: 60 * time.Second}
		ath := runners[i]
		for _, page := range pages {
			req, _ := http.NewRequest("GET", r.base+pathOf(page, ath, 0), nil)
			req.AddCookie(&http.Cookie{Name: server.SessionCookie, Value: seedCookie(ath)})
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatalf("warm-up %s: %v", page, err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("warm-up %s on %s: %d", page, r.name, resp.StatusCode)
			}
		}
	}
	t.Logf("warm-up done (replicas' GOMEMLIMIT %q); machine load average %s", os.Getenv("REKINDLE_LOAD_GOMEMLIMIT"), load.LoadAvg())

	cpu0 := make([]time.Duration, len(reps))
	wait0 := make([]time.Duration, len(reps))
	pids := make([]int, len(reps))
	for i, r := range reps {
		cpu0[i], wait0[i], pids[i] = load.ProcCPU(r.cmd.Process.Pid), load.ProcRunWait(r.cmd.Process.Pid), r.cmd.Process.Pid
	}
	results := make(chan load.Result, 8192) // keyed page/pass/replica
	loadStart := time.Now()
	deadline := loadStart.Add(time.Duration(seconds) * time.Second)
	// What the replicas wait on: PostgreSQL's sessions sampled through the
	// run, and with REKINDLE_LOAD_PROFILE each replica's block, mutex and
	// goroutine profiles.
	pgWaits := samplePGActivity(ctx, t, base, run, deadline)
	var profiling sync.WaitGroup
	if dir := os.Getenv("REKINDLE_LOAD_PROFILE"); dir != "" {
		for _, r := range reps {
			profiling.Add(1)
			go func() { defer profiling.Done(); fetchDebugProfiles(t, r, dir, seconds) }()
		}
	}
	var sessions atomic.Int64
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := reps[w%len(reps)]
			rng := mrand.New(mrand.NewPCG(uint64(w), 19))
			hc := &http.Client{Transport: r.tr, Timeout: 30 * time.Second}
			for time.Now().Before(deadline) {
				ath := runners[rng.IntN(len(runners))]
				sessions.Add(1)
				ck := &http.Cookie{Name: server.SessionCookie, Value: seedCookie(ath)}
				pick := rng.IntN(1 << 30)
				for pass, name := range []string{"first", "cached"} {
					_ = pass
					for _, page := range pages {
						if !time.Now().Before(deadline) {
							return
						}
						d, err := load.Get(hc, r.base, pathOf(page, ath, pick), ck)
						if err != nil {
							err = fmt.Errorf("%s %w", r.name, err)
						}
						results <- load.Result{Key: page + "/" + name + "/" + r.name, D: d, Err: err}
					}
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()
	lat, errs, peak := load.Collect(results, func(key string) []string {
		f := strings.Split(key, "/") // page, pass, replica
		return []string{f[0] + "/" + f[1], "all/" + f[1], "all", f[2] + "/" + f[1], f[2], key}
	}, pids...)
	inflight := map[string]time.Duration{}
	for _, r := range reps {
		for _, d := range lat[r.name] {
			inflight[r.name] += d
		}
	}
	keys := []string{}
	for _, pass := range []string{"first", "cached"} {
		for _, p := range pages {
			keys = append(keys, p+"/"+pass)
		}
		keys = append(keys, "all/"+pass)
	}
	keys = append(keys, "all")
	for _, r := range reps {
		keys = append(keys, r.name+"/first", r.name+"/cached")
	}
	if os.Getenv("REKINDLE_LOAD_BASELINE") != "" {
		// Before (replica0) and after (replica1) page by page.
		for _, p := range pages {
			for _, r := range reps {
				keys = append(keys, p+"/cached/"+r.name)
			}
		}
	}
	load.Log(t, lat, keys...)
	pgWaits(t)
	profiling.Wait()
	for _, r := range reps {
		if r.debug == "" {
			continue
		}
		// The connection pool's waits over the replica's life.
		if resp, err := http.Get("http://" + r.debug + "/debug/dbstats"); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Logf("%s: pool %s", r.name, strings.TrimSpace(string(b)))
		}
	}
	n := len(lat["all"])
	t.Logf("%d clients over %d replicas, %ds: %d requests (%.0f/s), %d runner visits, %d errors; machine load average %s",
		clients, len(reps), seconds, n, float64(n)/float64(seconds), sessions.Load(), len(errs), load.LoadAvg())
	for i, r := range reps {
		cpu := load.ProcCPU(r.cmd.Process.Pid) - cpu0[i]
		nr := len(lat[r.name])
		runWait := load.ProcRunWait(r.cmd.Process.Pid) - wait0[i]
		t.Logf("%s: RSS peak %.1f MB (VmHWM %.1f MB), CPU %.1f s (%.2f ms per request of the run, %d requests), %.1f s runnable waiting for a CPU (%.2f ms per request)", r.name,
			float64(peak[i])/1024, float64(load.ProcKB(r.cmd.Process.Pid, "VmHWM"))/1024, cpu.Seconds(), load.MS(cpu)/float64(max(nr, 1)), nr,
			runWait.Seconds(), load.MS(runWait)/float64(max(nr, 1)))
		// Its threads ran for cpu and waited runWait for a CPU: the share
		// of the CPU it asked for that it got. The rest of the requests'
		// time in flight is waiting on something else (the database,
		// locks, slots, other requests).
		t.Logf("%s: got %.0f%% of the CPU time it asked for; requests in flight %.0f s in all (%.1f ms per request, %.1f%% of it on a CPU)", r.name,
			100*cpu.Seconds()/max((cpu+runWait).Seconds(), 1e-9), inflight[r.name].Seconds(), load.MS(inflight[r.name])/float64(max(nr, 1)),
			100*cpu.Seconds()/max(inflight[r.name].Seconds(), 1e-9))
	}
	if len(errs) > 0 {
		t.Errorf("%d errors, first: %v", len(errs), errs[0])
	}
	if d := lat["all/cached"]; len(d) > 0 {
		if p99 := load.Pct(d, .99); p99 > 150*time.Millisecond {
			t.Errorf("cached pages: p99 %v > 150 ms", p99)
		}
	}
	for i, r := range reps {
		if hwm := load.ProcKB(r.cmd.Process.Pid, "VmHWM"); hwm > 200*1024 {
			t.Errorf("%s: RSS %.1f MB > 200 MB", r.name, float64(hwm)/1024)
		}
		_ = i
	}
}

type loadReplica struct {
	name  string
	debug string // its REKINDLE_DEBUG_ADDR (with REKINDLE_LOAD_PROFILE)
	cmd   *exec.Cmd
	base  string
	tr    *http.Transport
}

func startLoadReplica(t *testing.T, bin, dsn, day, name string) *loadReplica {
	t.Helper()
	addr := load.FreeAddr(t)
	r := &loadReplica{name: name, base: "http://" + addr, tr: &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 256}}
	logf, err := os.Create(filepath.Join(os.TempDir(), "rekindle-load-"+name+".log"))
	if err != nil {
		t.Fatal(err)
	}
	r.cmd = exec.Command(bin, "serve", "--db", dsn, "--addr", addr, "--as-of", day, "--log-level", "warn")
	r.cmd.Env = append(os.Environ(), "REKINDLE_SMTP=")
	if os.Getenv("REKINDLE_LOAD_PROFILE") != "" {
		r.debug = load.FreeAddr(t)
		r.cmd.Env = append(r.cmd.Env, "REKINDLE_DEBUG_ADDR="+r.debug)
	}
	if lim := os.Getenv("REKINDLE_LOAD_GOMEMLIMIT"); lim != "" {
		// A memory budget: Go's soft memory limit makes the collector
		// work harder near it rather than let the heap double past the
		// live data (CPU for RSS).
		r.cmd.Env = append(r.cmd.Env, "GOMEMLIMIT="+lim)
	}
	if dir := os.Getenv("REKINDLE_LOAD_PROFILE"); dir != "" {
		r.cmd.Env = append(r.cmd.Env, "REKINDLE_CPU_PROFILE="+filepath.Join(dir, name+".cpu"), "REKINDLE_HEAP_PROFILE="+filepath.Join(dir, name+".heap"))
	}
	r.cmd.Stderr = logf
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		r.cmd.Process.Signal(os.Interrupt)
		r.cmd.Wait()
		logf.Close()
	})
	for deadline := time.Now().Add(120 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(r.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return r
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never ready: %v (log %s)", name, err, logf.Name())
		}
	}
}

// seedSecret is the session secret of a seeded athlete's session: made
// from the athlete id and a per-seed key so the benchmark's clients can
// present it (the database keeps only its hash, as for any session).
func seedSecret(athleteID int64) string {
	return fmt.Sprintf("load-%d-%s", athleteID, strings.Repeat("k", 16))
}

func seedCookie(athleteID int64) string {
	return strconv.FormatInt(athleteID, 10) + "." + seedSecret(athleteID)
}

// seedLoad writes n athletes into the empty database at dsn (see
// TestLoadReplicas).
func seedLoad(ctx context.Context, t *testing.T, dsn string, n int) error {
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	app := athlete.Wire(st, athlete.Options{Now: func() time.Time { return testkit.Today.Add(12 * time.Hour) }})
	// The template runners.
	streets, err := demo.MonacoStreets(ctx)
	if err != nil {
		return err
	}
	type template struct {
		ath  rekindle.Athlete
		acts []*store.PreparedActivity
	}
	personas := demo.PersonaNames()
	var templates []template
	t0 := time.Now()
	var tmu sync.Mutex
	var twg sync.WaitGroup
	sem := make(chan struct{}, 2)
	var terr error
	for seed := range 4 {
		for _, p := range personas {
			twg.Add(1)
			sem <- struct{}{}
			go func() {
				defer twg.Done()
				defer func() { <-sem }()
				h, err := demo.Generate(ctx, demo.Options{Persona: p, Years: 1, End: testkit.Today, Seed: uint64(1000 + seed*97 + len(p)), Streets: streets})
				if err != nil {
					tmu.Lock()
					terr = err
					tmu.Unlock()
					return
				}
				var tpl template
				tpl.ath = h.Athlete
				runs := 0
				for i := len(h.Activities) - 1; i >= 0; i-- {
					a := h.Activities[i]
					measure.Activity(a)
					if a.Sport.IsRun() && runs < 3 && len(a.Track.Time) > 0 {
						runs++ // the benchmark opens these: their tracks stay
					} else {
						a.Track = rekindle.Track{}
					}
					if a.Source.SHA256 == "" {
						sum := make([]byte, 16)
						rand.Read(sum)
						a.Source.SHA256 = hex.EncodeToString(sum)
					}
					p, err := store.Prepare(a)
					if err != nil {
						tmu.Lock()
						terr = err
						tmu.Unlock()
						return
					}
					tpl.acts = append(tpl.acts, p)
				}
				tmu.Lock()
				templates = append(templates, tpl)
				tmu.Unlock()
			}()
		}
	}
	twg.Wait()
	if terr != nil {
		return terr
	}
	slices.SortFunc(templates, func(a, b template) int { return len(a.acts) - len(b.acts) })
	t.Logf("seed: %d template runners simulated and measured in %s", len(templates), time.Since(t0).Round(time.Second))

	hash, err := server.HashPassword("load benchmark password")
	if err != nil {
		return err
	}
	now := testkit.Today
	var next atomic.Int64
	var wg sync.WaitGroup
	errc := make(chan error, 8)
	t1 := time.Now()
	// Round trips more than CPU: many writers at once.
	for range 12 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := seedOne(ctx, st, app, i, templates[i%len(templates)].ath, templates[i%len(templates)].acts, hash, now); err != nil {
					errc <- fmt.Errorf("athlete %d: %w", i, err)
					return
				}
				if i%1000 == 999 || i == n-1 {
					t.Logf("seed: %d athletes in %s (summed over the writers: accounts %s, activities %s, sessions %s, routes %s)", i+1, time.Since(t1).Round(time.Second),
						time.Duration(seedTimes[0].Load()).Round(time.Millisecond), time.Duration(seedTimes[1].Load()).Round(time.Millisecond),
						time.Duration(seedTimes[2].Load()).Round(time.Millisecond), time.Duration(seedTimes[3].Load()).Round(time.Millisecond))
				}
			}
		}()
	}
	wg.Wait()
	close(errc)
	if err := <-errc; err != nil {
		return err
	}
	db, err := sql.Open("pgx", dsn)
	if err == nil {
		db.ExecContext(ctx, `VACUUM ANALYZE`)
		db.Close()
	}
	return nil
}

// seedTimes add up where the seeder's time goes (account, batch, session,
// routes), in nanoseconds.
var seedTimes [4]atomic.Int64

func seedOne(ctx context.Context, st *store.Store, app *athlete.App, i int, tpl rekindle.Athlete, acts []*store.PreparedActivity, hash string, now time.Time) error {
	t0 := time.Now()
	lap := func(k int) {
		t1 := time.Now()
		seedTimes[k].Add(int64(t1.Sub(t0)))
		t0 = t1
	}
	acc, err := st.CreateAccount(ctx, fmt.Sprintf("runner%05d@load.example", i), fmt.Sprintf("Runner %d", i), hash, "", now)
	if err != nil {
		return err
	}
	ath := tpl
	ath.ID, ath.Name, ath.Email = acc.AthleteID, fmt.Sprintf("Runner %d", i), acc.Email
	if err := st.UpdateAthlete(ctx, &ath); err != nil {
		return err
	}
	b := &store.Batch{}
	for _, p := range acts {
		a := *p.A
		a.ID = 0
		cp := *p
		cp.A = &a
		b.New = append(b.New, &cp)
	}
	lap(0)
	if err := st.WriteBatch(ctx, ath.ID, b); err != nil {
		return err
	}
	lap(1)
	se := store.Session{AthleteID: ath.ID, TokenHash: server.HashSecret(seedSecret(ath.ID)), CSRF: "load", CreatedAt: now,
		ExpiresAt: now.AddDate(10, 0, 0), LastSeen: now, UserAgent: "load benchmark"}
	if err := st.CreateSession(ctx, se); err != nil {
		return err
	}
	lap(2)
	err = app.RefreshRoutes(ctx, ath.ID, nil)
	lap(3)
	return err
}

func dbURL(t *testing.T, base, db string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + db
	return u.String()
}

// fetchDebugProfiles saves r's block and mutex profiles over the middle of
// the run (from 5 s in to 5 s before the end: what requests waited on)
// and its goroutines and heap half-way, into dir (for go tool pprof).
func fetchDebugProfiles(t *testing.T, r *loadReplica, dir string, seconds int) {
	if r.debug == "" {
		return
	}
	save := func(name, path string) {
		resp, err := http.Get("http://" + r.debug + path)
		if err != nil {
			t.Logf("%s: profile %s: %v", r.name, name, err)
			return
		}
		defer resp.Body.Close()
		f, err := os.Create(filepath.Join(dir, r.name+"."+name))
		if err != nil {
			t.Logf("%s: profile %s: %v", r.name, name, err)
			return
		}
		io.Copy(f, resp.Body)
		f.Close()
	}
	span := max(seconds-10, 1)
	time.Sleep(5 * time.Second)
	var wg sync.WaitGroup
	for _, p := range []string{"block", "mutex"} {
		wg.Add(1)
		go func() { defer wg.Done(); save(p, fmt.Sprintf("/debug/pprof/%s?seconds=%d", p, span)) }()
	}
	time.Sleep(time.Duration(span/2) * time.Second)
	save("goroutine.txt", "/debug/pprof/goroutine?debug=1")
	save("heap", "/debug/pprof/heap")
	wg.Wait()
}

// samplePGActivity samples the sessions of database db (pg_stat_activity)
// every 200 ms until deadline; the returned func logs the share of samples
// per state, wait event and statement (what the replicas' connections were
// doing: running, waiting on a lock or I/O, or idle in the pool).
func samplePGActivity(ctx context.Context, t *testing.T, base, db string, deadline time.Time) func(t *testing.T) {
	conn, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	var samples, sessions int
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer conn.Close()
		for time.Now().Before(deadline) {
			rows, err := conn.QueryContext(ctx, `SELECT state, COALESCE(wait_event_type || ':' || wait_event, 'cpu'),
				CASE WHEN state = 'active' THEN left(regexp_replace(query, '\s+', ' ', 'g'), 70) ELSE '' END
				FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, db)
			if err == nil {
				samples++
				for rows.Next() {
					var state, wait, q string
					if rows.Scan(&state, &wait, &q) == nil {
						sessions++
						if state != "active" {
							wait = ""
						}
						counts[state+" "+wait+" "+q]++
					}
				}
				rows.Close()
			}
			time.Sleep(200 * time.Millisecond)
		}
	}()
	return func(t *testing.T) {
		<-done
		if samples == 0 {
			return
		}
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int { return counts[b] - counts[a] })
		t.Logf("pg_stat_activity: %d samples, %.1f sessions on average; by state, wait and statement:", samples, float64(sessions)/float64(samples))
		for _, k := range keys[:min(len(keys), 15)] {
			t.Logf("  %5.2f  %s", float64(counts[k])/float64(samples), k)
		}
	}
}
