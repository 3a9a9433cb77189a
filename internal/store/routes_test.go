package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
)

func TestRouteFingerprintsAndGraph(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			const base = 1000 // each store is fresh (TestStores)
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

func TestRouteMatchesAndGrouping(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a := &rekindle.Athlete{Name: "matches " + name, Unit: rekindle.UnitKm}
			if err := s.CreateAthlete(ctx, a); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.DeleteAthlete(ctx, a.ID) })
			if _, err := s.RouteGraphVersion(ctx, a.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("graph version without a graph: %v", err)
			}
			built := time.UnixMilli(1700000000000).UTC()
			if err := s.SaveRouteGraph(ctx, a.ID, RouteGraphInfo{SourceName: "x.osm.pbf", SourceSHA: "abc", BuiltAt: built}, []byte{1}); err != nil {
				t.Fatal(err)
			}
			gv, err := s.RouteGraphVersion(ctx, a.ID)
			// The SHA-256 of the stored bytes {1}: the content, whatever the source and build time.
			const want = "sha256:4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a"
			if err != nil || gv != want {
				t.Fatalf("graph version %q, %v", gv, err)
			}
			if err := s.SaveRouteGraph(ctx, a.ID, RouteGraphInfo{SourceName: "y.osm.pbf", SourceSHA: "def", BuiltAt: built.Add(time.Hour)}, []byte{1}); err != nil {
				t.Fatal(err)
			}
			if again, err := s.RouteGraphVersion(ctx, a.ID); err != nil || again != want {
				t.Fatalf("the same graph saved again: version %q, %v", again, err)
			}
			if _, err := s.DB().ExecContext(ctx, s.rebind(`UPDATE route_graphs SET data_sha = '' WHERE athlete_id = ?`), a.ID); err != nil {
				t.Fatal(err)
			}
			if old, err := s.RouteGraphVersion(ctx, a.ID); err != nil || old != "def@1700003600000" {
				t.Fatalf("a graph saved before migration 00350: version %q, %v", old, err)
			}
			ms := []RouteMatch{{ActivityID: 1, GraphVersion: gv, Version: 1, Data: []byte{1, 2}}, {ActivityID: 2, GraphVersion: gv, Version: 1, Data: []byte{}}}
			if err := s.SaveRouteMatches(ctx, a.ID, ms); err != nil {
				t.Fatal(err)
			}
			ms[0].Data, ms[0].GraphVersion = []byte{9}, "new"
			if err := s.SaveRouteMatches(ctx, a.ID, ms[:1]); err != nil { // upsert
				t.Fatal(err)
			}
			got, err := s.ListRouteMatches(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			byID := map[int64]RouteMatch{}
			for _, m := range got {
				byID[m.ActivityID] = m
			}
			if len(got) != 2 || byID[1].GraphVersion != "new" || string(byID[1].Data) != "\x09" || len(byID[2].Data) != 0 {
				t.Errorf("matches %+v", got)
			}

			if _, err := s.LoadRouteGrouping(ctx, a.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("grouping before any: %v", err)
			}
			fps := []RouteFingerprint{{ActivityID: 1, Version: 2, StartMs: 10, Kind: "loop", Data: []byte{1}}, {ActivityID: 2, Version: 2, StartMs: 20, Kind: "loop", Data: []byte{2}}}
			if err := s.SaveRouteFingerprints(ctx, a.ID, fps); err != nil {
				t.Fatal(err)
			}
			for _, med := range [][]byte{{}, {4, 2}} {
				if err := s.SaveRouteGrouping(ctx, a.ID, map[int64]int64{1: 3, 2: 3}, RouteGrouping{RunsKey: "k", Medoids: med}); err != nil {
					t.Fatal(err)
				}
			}
			g, err := s.LoadRouteGrouping(ctx, a.ID)
			if err != nil || g.RunsKey != "k" || string(g.Medoids) != "\x04\x02" {
				t.Errorf("grouping %+v, %v", g, err)
			}
			list, err := s.ListRouteFingerprints(ctx, a.ID)
			if err != nil || len(list) != 2 || list[0].GroupID != 3 || list[1].GroupID != 3 {
				t.Errorf("fingerprints %+v, %v", list, err)
			}
		})
	}
}
