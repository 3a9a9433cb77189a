package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"rekindle"
)

// TestGetActivityHeads: the heads of some ids are the athlete's own, in the
// order asked, each once, with the id, start, sport and name GetActivity
// reads; another athlete's id and an unknown one are left out; on both
// databases.
func TestGetActivityHeads(t *testing.T) {
	tracks := realTracks(t, 4)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ann, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			bob := &rekindle.Athlete{Name: "Bob"}
			if err := s.CreateAthlete(ctx, bob); err != nil {
				t.Fatal(err)
			}
			write := func(athleteID int64, names ...string) []int64 {
				b := &Batch{}
				for i, n := range names {
					a := &rekindle.Activity{Sport: rekindle.SportRunning, Name: n, Start: time.Date(2024, 3, 1+i, 7, 30, 0, 0, time.UTC),
						Source: rekindle.Source{Format: rekindle.FormatGPX, File: "f", SHA256: n, Index: i}}
					if i == 1 {
						a.Sport = rekindle.SportCycling
					}
					a.Track = *tracks[i]
					p, err := Prepare(a)
					if err != nil {
						t.Fatal(err)
					}
					b.New = append(b.New, p)
				}
				if err := s.WriteBatch(ctx, athleteID, b); err != nil {
					t.Fatal(err)
				}
				var ids []int64
				for _, p := range b.New {
					ids = append(ids, p.A.ID)
				}
				return ids
			}
			a := write(ann.ID, "Tempo", "Commute", "Long run")
			b := write(bob.ID, "Bob's run")
			got, err := s.GetActivityHeads(ctx, ann.ID, []int64{a[2], b[0], 1 << 40, a[1], a[2]})
			if err != nil {
				t.Fatal(err)
			}
			var want []*rekindle.Activity
			for _, id := range []int64{a[2], a[1]} {
				full, err := s.GetActivity(ctx, ann.ID, id)
				if err != nil {
					t.Fatal(err)
				}
				want = append(want, &rekindle.Activity{ID: full.ID, AthleteID: ann.ID, Start: full.Start, Sport: full.Sport, Name: full.Name})
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("heads:\n got %+v\nwant %+v", got, want)
			}
			if got[1].Sport != rekindle.SportCycling || got[0].Name != "Long run" {
				t.Fatalf("heads %+v", got)
			}
			if none, err := s.GetActivityHeads(ctx, ann.ID, nil); err != nil || len(none) != 0 {
				t.Fatalf("no ids: %v %v", none, err)
			}
		})
	}
}
