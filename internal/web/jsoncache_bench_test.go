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

// BenchmarkAPIJSONCache: API GETs of the views whose JSON the response
// cache keeps (a year of demo history), as a client taking gzip sends
// them, served from the cache ("cached") and with the athlete's entries
// dropped before each request ("uncached": the App's own views stay
// cached, so the difference is the JSON made and sent again).
func BenchmarkAPIJSONCache(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a year of history")
	}
	ctx := context.Background()
	s := newServer(b, filepath.Join(b.TempDir(), "bench.db"), cli.ServeOptions{})
	c := s.Client(b)
	c.Signup("runner@example.org")
	acc, err := s.Store.AccountByEmail(ctx, "runner@example.org")
	if err != nil {
		b.Fatal(err)
	}
	h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: 1, End: testkit.Midnight})
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
		req.Header.Set("Accept-Encoding", "gzip")
		for _, ck := range cookies {
			req.AddCookie(ck)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, w.Code)
		}
	}
	paths := map[string]string{"home": "/api/v1/home", "training": "/api/v1/training", "activities": "/api/v1/activities",
		"activity": fmt.Sprintf("/api/v1/activities/%d", list[len(list)/2].ID)}
	for _, view := range []string{"home", "training", "activities", "activity"} {
		get(paths[view])
		for _, mode := range []string{"uncached", "cached"} {
			b.Run(view+"/"+mode, func(b *testing.B) {
				for b.Loop() {
					if mode == "uncached" {
						s.API.Responses().Forget(acc.AthleteID)
					}
					get(paths[view])
				}
			})
		}
	}
}
