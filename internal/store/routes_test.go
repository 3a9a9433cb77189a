package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rekindle"
)

func routesStores(t *testing.T) map[string]*Store {
	t.Helper()
	ctx := context.Background()
	out := map[string]*Store{}
	s, err := Open(ctx, filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	out["sqlite"] = s
	if url := os.Getenv("REKINDLE_TEST_POSTGRES"); url != "" {
		p, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { p.Close() })
		out["postgres"] = p
	} else {
		t.Log("REKINDLE_TEST_POSTGRES not set: PostgreSQL part skipped")
	}
	return out
}

func TestRouteFingerprintsAndGraph(t *testing.T) {
	ctx := context.Background()
	for name, s := range routesStores(t) {
		t.Run(name, func(t *testing.T) {
			a, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// Unique activity ids per run so a shared PostgreSQL test db is fine.
			base := time.Now().UnixNano() % 1_000_000_000
			f := RouteFingerprint{ActivityID: base + 1, Version: 1, StartMs: 1000, Kind: "loop", DistanceM: 8000, Data: []byte{1, 2, 3}}
			if err := s.SaveRouteFingerprint(ctx, a.ID, &f); err != nil {
				t.Fatal(err)
			}
			f.Data = []byte{4, 5}
			if err := s.SaveRouteFingerprint(ctx, a.ID, &f); err != nil { // upsert
				t.Fatal(err)
			}
			if err := s.SetRouteGroups(ctx, a.ID, map[int64]int64{base + 1: 7}); err != nil {
				t.Fatal(err)
			}
			got, err := s.ListRouteFingerprints(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, g := range got {
				if g.ActivityID == base+1 {
					found = true
					if g.GroupID != 7 || string(g.Data) != string([]byte{4, 5}) || g.Kind != "loop" {
						t.Errorf("got %+v", g)
					}
				}
			}
			if !found {
				t.Fatal("fingerprint not listed")
			}
			if _, _, err := s.LoadRouteGraph(ctx, a.ID+1_000_000); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("missing graph: %v", err)
			}
			info := RouteGraphInfo{SourceName: "x.osm.pbf", SourceSHA: "ab", Nodes: 3, Edges: 2, BuiltAt: time.UnixMilli(5000).UTC()}
			if err := s.SaveRouteGraph(ctx, a.ID, info, []byte("graph")); err != nil {
				t.Fatal(err)
			}
			gi, data, err := s.LoadRouteGraph(ctx, a.ID)
			if err != nil || string(data) != "graph" || gi != info {
				t.Fatalf("load graph: %+v %q %v", gi, data, err)
			}
		})
	}
}
