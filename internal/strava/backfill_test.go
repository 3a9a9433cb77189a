package strava_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/store"
	"rekindle/internal/strava"
	"rekindle/internal/testkit"
)

// streamFixtures turns real device files into Strava StreamSets (keyed by
// type, as GET /activities/{id}/streams?key_by_type=true answers), every
// step-th sample, for the fake to serve.
func streamFixtures(t *testing.T, step int) string {
	t.Helper()
	dir := t.TempDir()
	files := []string{"fit/activity-small-fenix2-run.fit", "fit/garmin-fenix-5-run.fit", "fit/strava-android-app-201.10-b1218918.fit",
		"fit/2020-06-01-16-52-40.fit", "gpx/activity_5039744860.gpx", "gpx/Mojstrovka.gpx"}
	for i, name := range files {
		f, err := os.Open(testkit.Activities(t, name))
		if err != nil {
			t.Fatal(err)
		}
		var acts []*rekindle.Activity
		if filepath.Ext(name) == ".fit" {
			acts, err = fit.Decode(f)
		} else {
			acts, err = gpx.Decode(f)
		}
		f.Close()
		if err != nil || len(acts) == 0 || acts[0].Track.Len() < 2 || acts[0].Track.Time == nil {
			t.Fatalf("%s: %v", name, err)
		}
		tr := acts[0].Track
		set := map[string]map[string]any{}
		var tm, dist []float64
		var ll [][2]float64
		var alt, hr, cad []any
		var moving []bool
		var d float64
		for j := 0; j < tr.Len(); j += step {
			tm = append(tm, float64(tr.Time[j]-tr.Time[0])/1000)
			if tr.HasPosition() {
				ll = append(ll, [2]float64{tr.Lat[j], tr.Lon[j]})
				if len(ll) > 1 {
					p := ll[len(ll)-2]
					d += haversine(p[0], p[1], tr.Lat[j], tr.Lon[j])
				}
			}
			dist = append(dist, math.Round(d*10)/10)
			if tr.Ele != nil {
				alt = append(alt, nullable(tr.Ele[j], 1))
			}
			if tr.HR != nil {
				hr = append(hr, nullable(tr.HR[j], 1))
			}
			if tr.Cadence != nil {
				cad = append(cad, nullable(tr.Cadence[j], 0.5)) // Strava counts one foot
			}
			moving = append(moving, true)
		}
		series := func(data any) map[string]any {
			return map[string]any{"data": data, "series_type": "distance", "original_size": len(tm), "resolution": "high"}
		}
		set["time"] = series(tm)
		set["distance"] = series(dist)
		set["moving"] = series(moving)
		if ll != nil {
			set["latlng"] = series(ll)
		}
		if alt != nil {
			set["altitude"] = series(alt)
		}
		if hr != nil {
			set["heartrate"] = series(hr)
		}
		if cad != nil {
			set["cadence"] = series(cad)
		}
		b, _ := json.Marshal(set)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%02d.json", i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func nullable(v float32, scale float64) any {
	if math.IsNaN(float64(v)) {
		return nil
	}
	return math.Round(float64(v)*scale*10) / 10
}

func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371008.8
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// connected makes an athlete, connects them to the fake and returns the
// client and the athlete.
func connected(t *testing.T, st *store.Store, base, clientID string, window time.Duration, limit int) (*strava.Client, *rekindle.Athlete) {
	t.Helper()
	ctx := context.Background()
	ath := &rekindle.Athlete{Name: "backfill runner"}
	if err := st.CreateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.DeleteAthlete(context.Background(), ath.ID) })
	c := client(t, st, base, clientID, window, limit)
	if _, err := c.Exchange(ctx, ath.ID, "the-code", strava.Scope); err != nil {
		t.Fatal(err)
	}
	return c, ath
}

func client(t *testing.T, st *store.Store, base, clientID string, window time.Duration, limit int) *strava.Client {
	c, err := strava.New(strava.Config{ClientID: clientID, ClientSecret: "s3cret", BaseURL: base, Key: key, Rate: st,
		Window: window, LimitShort: limit, LimitDay: 1_000_000}, st)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func countActivities(t *testing.T, st *store.Store, athleteID int64) int {
	t.Helper()
	acts, err := st.ListActivities(context.Background(), athleteID, store.ActivityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return len(acts)
}

// The backfill of 2,000 activities with real streams under the rate
// limit: every activity stored once, in as many windows as the limit
// asks, never over it; a second backfill stores nothing again.
func TestBackfill(t *testing.T) {
	ctx := context.Background()
	dir := streamFixtures(t, 10)
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			const n, limit, window = 2000, 100, time.Second
			clientID := "backfill-" + name + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
			base := fake(t, "-client-id", clientID, "-client-secret", "s3cret", "-code", "the-code", "-activities", strconv.Itoa(n),
				"-streams", dir, "-limit", fmt.Sprintf("%d,1000000", limit), "-window", window.String())
			c, ath := connected(t, st, base, clientID, window, limit)
			app := athlete.New(athlete.Config{Store: st, Importer: athlete.IngestImporter{Store: st}, Strava: &athlete.StravaSetup{Client: c}})
			t.Cleanup(app.Wait)
			batches := 0
			sync, err := app.StravaBackfill(ctx, ath.ID, func(store.StravaSync) { batches++ })
			if err != nil {
				t.Fatal(err)
			}
			if sync.State != "done" || sync.Listed != n || sync.Stored != n || sync.Failed != 0 {
				t.Errorf("sync %+v, want %d listed and stored", sync, n)
			}
			if got := countActivities(t, st, ath.ID); got != n {
				t.Errorf("%d activities stored, want %d", got, n)
			}
			priv, err := st.PrivateActivities(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(priv) != n/10 {
				t.Errorf("%d private activities, want %d (Strava's private ones)", len(priv), n/10)
			}
			s := stats(t, base)
			// 2000 activities, 40 entered by hand (no streams call), 10 full
			// pages and the empty one.
			wantReq := n - n/50 + n/200 + 1
			if s["api_requests"] != wantReq {
				t.Errorf("%d API requests, want %d", s["api_requests"], wantReq)
			}
			minWindows := (wantReq + limit - 1) / limit
			if s["most_in_a_window"] > limit || s["windows"] < minWindows || s["rate_limited"] != 0 {
				t.Errorf("rate: %v; want at most %d a window, at least %d windows, no 429", s, limit, minWindows)
			}
			t.Logf("%d requests in %d windows of %s (at most %d in one), %d progress reports", s["api_requests"], s["windows"], window, s["most_in_a_window"], batches)
			// Again: everything is known, nothing is stored twice.
			again, err := app.StravaBackfill(ctx, ath.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			if again.Known != n || again.Stored != 0 || countActivities(t, st, ath.ID) != n {
				t.Errorf("second backfill %+v", again)
			}
			// One of them, a run, reads like its source file: a track with
			// positions and heart rate, the sport from Strava's sport_type.
			acts, _ := st.ListActivities(ctx, ath.ID, store.ActivityFilter{})
			runs, rides := 0, 0
			for _, a := range acts {
				switch a.Sport {
				case rekindle.SportRunning:
					runs++
				case rekindle.SportCycling:
					rides++
				}
			}
			if rides != 286 || runs != n-286 {
				t.Errorf("%d runs and %d rides, want %d and 286", runs, rides, n-286)
			}
		})
	}
}

// A 429 (another application's burst, a limit lowered) is waited out until
// the window resets, and the instance's state remembers it.
func TestBackfillWaitsOut429(t *testing.T) {
	ctx := context.Background()
	dir := streamFixtures(t, 20)
	st := stores(t)["sqlite"]
	const window = time.Second
	clientID := "429-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	// Strava allows 20 a window; the client believes 1000 until the
	// headers say otherwise.
	base := fake(t, "-client-id", clientID, "-client-secret", "s3cret", "-code", "the-code", "-activities", "60",
		"-streams", dir, "-limit", "20,1000000", "-window", window.String())
	c, ath := connected(t, st, base, clientID, window, 1000)
	app := athlete.New(athlete.Config{Store: st, Importer: athlete.IngestImporter{Store: st}, Strava: &athlete.StravaSetup{Client: c}})
	t.Cleanup(app.Wait)
	sync, err := app.StravaBackfill(ctx, ath.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sync.Stored != 60 || countActivities(t, st, ath.ID) != 60 {
		t.Errorf("sync %+v", sync)
	}
	s := stats(t, base)
	if s["most_in_a_window"] > 20 {
		t.Errorf("over the limit: %v", s)
	}
	r, err := st.StravaRateState(ctx, clientID)
	if err != nil || r.LimitShort != 20 {
		t.Errorf("the limit from Strava's headers was not kept: %+v %v", r, err)
	}
}

// TestMain lets the kill test run a backfill in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("REKINDLE_STRAVA_CHILD") == "1" {
		os.Exit(childBackfill())
	}
	os.Exit(m.Run())
}

func childBackfill() int {
	ctx := context.Background()
	st, err := store.Open(ctx, os.Getenv("REKINDLE_STRAVA_DB"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	id, _ := strconv.ParseInt(os.Getenv("REKINDLE_STRAVA_ATHLETE"), 10, 64)
	c, err := strava.New(strava.Config{ClientID: os.Getenv("REKINDLE_STRAVA_CLIENT"), ClientSecret: "s3cret", BaseURL: os.Getenv("REKINDLE_STRAVA_URL"),
		Key: key, Rate: st, Window: time.Second, LimitShort: 1000, LimitDay: 1_000_000}, st)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	app := athlete.New(athlete.Config{Store: st, Importer: athlete.IngestImporter{Store: st}, Strava: &athlete.StravaSetup{Client: c}})
	if _, err := app.StravaBackfill(ctx, id, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	app.Wait()
	return 0
}

// A backfill killed with kill -9 in the middle is resumed by the next one
// where it stopped: every activity stored once.
func TestBackfillResumesAfterKill(t *testing.T) {
	ctx := context.Background()
	dir := streamFixtures(t, 20)
	for name, st := range stores(t) {
		t.Run(name, func(t *testing.T) {
			const n = 600
			clientID := "kill-" + name + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
			// 40 requests a second: the child is slow enough to be caught.
			base := fake(t, "-client-id", clientID, "-client-secret", "s3cret", "-code", "the-code", "-activities", strconv.Itoa(n),
				"-streams", dir, "-limit", "40,1000000", "-window", "1s")
			c, ath := connected(t, st, base, clientID, time.Second, 40)
			dsn := st.DSN()
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "REKINDLE_STRAVA_CHILD=1", "REKINDLE_STRAVA_DB="+dsn, "REKINDLE_STRAVA_URL="+base,
				"REKINDLE_STRAVA_CLIENT="+clientID, "REKINDLE_STRAVA_ATHLETE="+strconv.FormatInt(ath.ID, 10))
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// Kill it once some batches are in (each batch is 50).
			for {
				m, err := st.CountStravaActivities(ctx, ath.ID)
				if err != nil {
					t.Fatal(err)
				}
				if m["imported"] >= 100 {
					break
				}
				if cmd.ProcessState != nil {
					t.Fatal("the child ended before it was killed")
				}
				time.Sleep(20 * time.Millisecond)
			}
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			mid, _ := st.StravaSyncOf(ctx, ath.ID)
			if mid == nil || mid.State != "running" || countActivities(t, st, ath.ID) >= n {
				t.Fatalf("the child was not killed mid-backfill: %+v", mid)
			}
			app := athlete.New(athlete.Config{Store: st, Importer: athlete.IngestImporter{Store: st}, Strava: &athlete.StravaSetup{Client: c}})
			t.Cleanup(app.Wait)
			sync, err := app.StravaBackfill(ctx, ath.ID, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := countActivities(t, st, ath.ID); got != n || sync.State != "done" {
				t.Errorf("%d activities after the resume, want %d (%+v)", got, n, sync)
			}
			m, _ := st.CountStravaActivities(ctx, ath.ID)
			if m["imported"]+m["duplicate"] != n || m["failed"] != 0 {
				t.Errorf("fetched %v, want %d in all", m, n)
			}
			t.Logf("killed after %d fetched; resumed: %+v", mid.Stored+mid.Known, sync)
		})
	}
}
