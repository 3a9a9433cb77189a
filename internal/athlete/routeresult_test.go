package athlete

import (
	"bytes"
	"context"
	"maps"
	"reflect"
	"slices"
	"testing"

	"rekindle/internal/demo"
	"rekindle/internal/measure"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// A route result kept in the database by one replica is what another
// (a new route source) builds from it without reading the fingerprints
// and matches again, equal to the one computed; a write to the runs makes
// it stale at once (the routes counter moves), on both stores.
func TestStoredRouteResult(t *testing.T) {
	ctx := context.Background()
	ms, err := demo.MonacoStreets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h, err := demo.Generate(ctx, demo.Options{Persona: "rut", Years: 0.3, End: testkit.Midnight, Seed: 1097, Streets: ms})
	if err != nil {
		t.Fatal(err)
	}
	for name, st := range store.TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath := h.Athlete
			if err := st.CreateAthlete(ctx, &ath); err != nil {
				t.Fatal(err)
			}
			var ps []*store.PreparedActivity
			for _, a := range h.Activities {
				c := *a
				measure.Activity(&c)
				p, err := store.Prepare(&c)
				if err != nil {
					t.Fatal(err)
				}
				ps = append(ps, p)
			}
			if err := st.WriteBatch(ctx, ath.ID, &store.Batch{New: ps}); err != nil {
				t.Fatal(err)
			}
			app := Wire(st, Options{})
			if err := app.SaveStreetGraph(ctx, ath.ID, ms.Graph(), "monaco.osm.pbf", "monaco"); err != nil {
				t.Fatal(err)
			}
			built, err := NewStoreRoutes(st, nil, false).compute(WithStamps(ctx), ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(built.groups) == 0 || built.state == nil || built.run == nil || !built.hasLast {
				t.Fatalf("the demo runner's result has no groups or street graph: %+v", built)
			}
			stamp, err := st.AthleteStamp(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			gv, err := st.RouteGraphVersion(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			key := routeResultKey(stamp, gv)
			data, ok, err := st.RouteResult(ctx, ath.ID, key)
			if err != nil || !ok {
				t.Fatalf("no result kept for %q: %v", key, err)
			}
			t.Logf("kept result: %d bytes (%d groups, %d usual routes, %d edges)", len(data), len(built.groups), len(built.usual), built.graph.NumEdges())
			read, err := NewStoreRoutes(st, nil, false).compute(WithStamps(ctx), ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameRouteResult(t, built, read)

			// The other replica reads what is kept (here a doctored name)...
			doctored := slices.Clone(built.groups)
			doctored[0].Name = "kept by the other replica"
			res := built
			res.groups = doctored
			data, _ = encodeRouteResult(res)
			if err := st.PutRouteResult(ctx, ath.ID, key, data); err != nil {
				t.Fatal(err)
			}
			read, err = NewStoreRoutes(st, nil, false).compute(WithStamps(ctx), ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			if read.groups[0].Name != "kept by the other replica" {
				t.Fatalf("the kept result was not read: %q", read.groups[0].Name)
			}
			// ...until a write to the runs: then it is built again.
			if err := st.BumpStamp(ctx, ath.ID, true); err != nil {
				t.Fatal(err)
			}
			read, err = NewStoreRoutes(st, nil, false).compute(WithStamps(ctx), ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			sameRouteResult(t, built, read)
		})
	}
}

func sameRouteResult(t *testing.T, want, got routeResult) {
	t.Helper()
	if !reflect.DeepEqual(want.groups, got.groups) {
		t.Errorf("groups %+v, want %+v", got.groups, want.groups)
	}
	if len(want.usual) != len(got.usual) {
		t.Fatalf("%d usual routes, want %d", len(got.usual), len(want.usual))
	}
	for i := range want.usual {
		a, _ := want.usual[i].MarshalBinary()
		b, _ := got.usual[i].MarshalBinary()
		if !bytes.Equal(a, b) {
			t.Errorf("usual route %d differs", i)
		}
	}
	if want.lastLat != got.lastLat || want.lastLon != got.lastLon || want.hasLast != got.hasLast {
		t.Errorf("last start %v %v %v, want %v %v %v", got.lastLat, got.lastLon, got.hasLast, want.lastLat, want.lastLon, want.hasLast)
	}
	if (want.graph == nil) != (got.graph == nil) || (want.state == nil) != (got.state == nil) {
		t.Fatalf("graph or state missing")
	}
	if want.state == nil {
		return
	}
	ws, gs := want.state, got.state
	if !reflect.DeepEqual(ws.Assign, gs.Assign) || !reflect.DeepEqual(ws.Groups, gs.Groups) || !reflect.DeepEqual(ws.Streets, gs.Streets) {
		t.Errorf("grouping or street names differ")
	}
	if !slices.Equal(slices.Sorted(maps.Keys(ws.Acts)), slices.Sorted(maps.Keys(gs.Acts))) {
		t.Errorf("runs differ")
	}
	runs := 0
	for e := range int32(want.graph.NumEdges()) {
		if want.run(e) != got.run(e) {
			t.Fatalf("edge %d run %v, want %v", e, got.run(e), want.run(e))
		}
		if want.run(e) {
			runs++
		}
	}
	if runs == 0 {
		t.Error("no street run")
	}
}
