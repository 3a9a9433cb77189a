package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"rekindle/internal/cli"
	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
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
