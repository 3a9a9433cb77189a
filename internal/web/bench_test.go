package web_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	ctx := context.Background()
	s := newServer(b, filepath.Join(b.TempDir(), "bench.db"), cli.ServeOptions{})
	c := s.Client(b)
	c.Signup("runner@example.org")
	acc, err := s.Store.AccountByEmail(ctx, "runner@example.org")
	if err != nil {
		b.Fatal(err)
	}
	h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: 10, End: testkit.Midnight})
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
	if err := s.Store.WriteBatch(ctx, acc.AthleteID, &store.Batch{New: ps}); err != nil {
		b.Fatal(err)
	}
	list, _ := s.Store.ListActivities(ctx, acc.AthleteID, store.ActivityFilter{})
	cookies := c.HC.Jar.Cookies(mustURL(s.URL))
	handler := s.Config.Handler
	get := func(path string) {
		req := httptest.NewRequest("GET", path, nil)
		req.RemoteAddr = "192.0.2.1:1234"
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
	}
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
	ctx := context.Background()
	s := testserver.New(b, db, cli.ServeOptions{RoutesInline: true})
	c := s.Client(b)
	c.Signup("runner@example.org")
	acc, err := s.Store.AccountByEmail(ctx, "runner@example.org")
	if err != nil {
		b.Fatal(err)
	}
	list, err := s.Store.ListActivities(ctx, acc.AthleteID, store.ActivityFilter{})
	if err != nil {
		b.Fatal(err)
	}
	cookies := c.HC.Jar.Cookies(mustURL(s.URL))
	handler := s.Config.Handler
	get := func(path string) {
		req := httptest.NewRequest("GET", path, nil)
		req.RemoteAddr = "192.0.2.1:1234"
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
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
