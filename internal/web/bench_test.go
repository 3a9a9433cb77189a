package web_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/testkit/testserver"
)

// BenchmarkPages renders the home page and activity pages of an athlete with
// ten years of history, in process (no network), in parallel.
func BenchmarkPages(b *testing.B) {
	if testing.Short() {
		b.Skip("builds ten years of history")
	}
	_, _, list, get := demoRunner(b, 10, false)
	get("/")
	for _, page := range []string{"home", "activity"} {
		b.Run(page, func(b *testing.B) {
			b.RunParallel(func(pb *testing.PB) {
				i := 0
				for pb.Next() {
					i++
					if page == "home" {
						get("/")
					} else {
						get(fmt.Sprintf("/activities/%d", list[(i*7919)%len(list)].ID))
					}
				}
			})
		})
	}
}

// BenchmarkRunnerPages renders each page the load benchmark's runner opens
// (seedRunner: ten years of demo history with check-ins, a street map,
// gear, rewards, plan, races), in process, one request at a time, and
// reports the process CPU time per request. REKINDLE_LOAD_DB=FILE starts
// from a copy of a 'rekindle demo --years 10 --no-serve --end 2025-06-02'
// database.
//
//	go test ./internal/web -run XXX -bench RunnerPages -benchtime 20x
func BenchmarkRunnerPages(b *testing.B) {
	if testing.Short() {
		b.Skip("builds ten years of history")
	}
	db := filepath.Join(b.TempDir(), "runner.db")
	seedRunner(b, db, func(args ...string) string {
		var out, errs bytes.Buffer
		if code := cli.Main(context.Background(), args, strings.NewReader(""), &out, &errs); code != 0 {
			b.Fatalf("rekindle %s: %s", strings.Join(args, " "), errs.String())
		}
		return out.String()
	})
	s := testserver.New(b, db, cli.ServeOptions{RoutesInline: true})
	athleteID, get := signedIn(b, s, false)
	list, err := s.Store.ListActivities(context.Background(), athleteID, store.ActivityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	for _, page := range []string{"home", "activity", "activities", "training", "routes", "plan", "races", "gear"} {
		path := "/" + page
		switch page {
		case "home":
			path = "/"
		case "activity":
			path = fmt.Sprintf("/activities/%d", list[0].ID)
		}
		get(path)
		b.Run(page, func(b *testing.B) {
			i := 0
			var cpu time.Duration
			for b.Loop() {
				i++
				p := path
				if page == "activity" {
					p = fmt.Sprintf("/activities/%d", list[(i*7919)%len(list)].ID)
				}
				c0 := testkit.ProcessCPU()
				get(p)
				cpu += testkit.ProcessCPU() - c0
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// signedIn signs a runner up on s and returns their athlete and a get
// that serves a path in process with their cookies (asking for gzip when
// gzip is set) and fails the benchmark on any status but 200.
func signedIn(b *testing.B, s *testServer, gzip bool) (athleteID int64, get func(path string)) {
	c := s.Client(b)
	c.Signup("runner@example.org")
	acc, err := s.Store.AccountByEmail(context.Background(), "runner@example.org")
	if err != nil {
		b.Fatal(err)
	}
	cookies := c.HC.Jar.Cookies(mustURL(s.URL))
	handler := s.Config.Handler
	return acc.AthleteID, func(path string) {
		req := httptest.NewRequest("GET", path, nil)
		req.RemoteAddr = "192.0.2.1:1234"
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
	}
}

// demoRunner is a fresh SQLite server with a signed-in runner holding
// years of the demo's "rut" history, their activities and signedIn's get.
func demoRunner(b *testing.B, years float64, gzip bool) (s *testServer, athleteID int64, list []*rekindle.Activity, get func(path string)) {
	ctx := context.Background()
	s = newServer(b, filepath.Join(b.TempDir(), "bench.db"), cli.ServeOptions{})
	athleteID, get = signedIn(b, s, gzip)
	h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: years, End: testkit.Midnight})
	if err != nil {
		b.Fatal(err)
	}
	var ps []*store.PreparedActivity
	for _, a := range h.Activities {
		measure.Activity(a)
		p, err := store.Prepare(a)
		if err != nil {
			b.Fatal(err)
		}
		ps = append(ps, p)
	}
	if err := s.Store.WriteBatch(ctx, athleteID, &store.Batch{New: ps}); err != nil {
		b.Fatal(err)
	}
	list, err = s.Store.ListActivities(ctx, athleteID, store.ActivityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	return s, athleteID, list, get
}

// BenchmarkCachedPages is a runner back on pages they have just seen (the
// load benchmarks' "cached" pass), in process, with gzip as Go's client
// and browsers ask: the activity page beside the others, each the same
// path again, and the process CPU time per request.
//
//	go test ./internal/web -run XXX -bench CachedPages -benchtime 200x
func BenchmarkCachedPages(b *testing.B) {
	_, _, list, get := demoRunner(b, 2, true)
	for _, page := range []string{"home", "activities", "training", "activity", "activity_unseen"} {
		path := "/" + page
		switch page {
		case "home":
			path = "/"
		case "activity":
			path = fmt.Sprintf("/activities/%d", list[len(list)-1].ID)
		case "activity_unseen":
			path = ""
		}
		if path != "" {
			get(path)
		}
		// activity_unseen: another activity page each time (the athlete's
		// other pages cached), never one seen before, across b.Run's calls.
		i := 0
		b.Run(page, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				p := path
				if p == "" {
					if i >= len(list)-1 {
						b.Fatalf("only %d activities to see once: a smaller -benchtime or -count", len(list)-1)
					}
					p = fmt.Sprintf("/activities/%d", list[i].ID)
					i++
				}
				c0 := testkit.ProcessCPU()
				get(p)
				cpu += testkit.ProcessCPU() - c0
			}
			b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkActivitySession is the load benchmarks' runner session on the
// activity page (TestLoadReplicas): a first visit to one of three unseen
// runs, then the "cached" visit, whose process CPU time is reported. With
// redraw the cached visit draws its run again (one in three the page seen),
// as the load test did; with same it asks for the page the first saw. Each
// iteration runs one session of each, interleaved, so that background work
// (GC, the route source) falls on both alike.
//
//	go test ./internal/web -run XXX -bench ActivitySession -benchtime 80x
func BenchmarkActivitySession(b *testing.B) {
	_, _, list, get := demoRunner(b, 2, true)
	for _, p := range []string{"/", "/activities", "/training", fmt.Sprintf("/activities/%d", list[len(list)-1].ID)} {
		get(p)
	}
	next := 0 // the first of the next three unseen runs, across b.Loop's calls
	rng := rand.New(rand.NewPCG(19, 19))
	session := func(b *testing.B, redraw bool) time.Duration {
		if next+3 > len(list)-1 {
			b.Fatalf("only %d activities: a smaller -benchtime", len(list))
		}
		ts := list[next : next+3]
		next += 3
		pick := rng.IntN(3)
		get(fmt.Sprintf("/activities/%d", ts[pick].ID))
		if redraw {
			pick = rng.IntN(3)
		}
		c0 := testkit.ProcessCPU()
		get(fmt.Sprintf("/activities/%d", ts[pick].ID))
		return testkit.ProcessCPU() - c0
	}
	var redraw, same time.Duration
	for b.Loop() {
		redraw += session(b, true)
		same += session(b, false)
	}
	b.ReportMetric(float64(redraw)/float64(b.N), "redraw-cpu-ns/op")
	b.ReportMetric(float64(same)/float64(b.N), "same-cpu-ns/op")
	b.ReportMetric(float64(redraw)/float64(same), "redraw/same")
}
