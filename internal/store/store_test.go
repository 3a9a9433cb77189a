package store

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"rekindle"
)

func sampleActivity(start time.Time, n int) *rekindle.Activity {
	a := &rekindle.Activity{
		Start: start.UTC().Truncate(time.Millisecond), Sport: rekindle.SportRunning, Name: "Morning run \x00ü",
		Source: rekindle.Source{Format: rekindle.FormatFIT, File: "a.fit", SHA256: fmt.Sprint("sha", start.Unix())},
		Totals: rekindle.Totals{DistanceM: 5000, ElapsedS: 1800, AvgHR: math.NaN()},
		Laps:   []rekindle.Lap{{Start: start.UTC(), DistanceM: 1000, AvgHR: math.NaN(), First: 0, Last: 9}},
		Summary: rekindle.Summary{DistanceM: 5000, ElapsedS: 1800, MovingS: 1750, AvgHR: 150, DistanceSource: "device",
			HRSeconds:   append(make([]float32, 140), 10, 20, 30),
			Splits:      []rekindle.Split{{Unit: "km", Index: 1, DistanceM: 1000, ElapsedS: 300}},
			BestEfforts: []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: 290, StartS: 12}}},
	}
	tr := &a.Track
	for i := range n {
		tr.Time = append(tr.Time, a.Start.UnixMilli()+int64(i)*1000)
		tr.Lat = append(tr.Lat, 46.5+float64(i)*1e-4)
		tr.Lon = append(tr.Lon, 13.2+float64(i)*1.3e-4)
		tr.HR = append(tr.HR, float32(140+i%7))
		tr.Ele = append(tr.Ele, float32(300+0.1*float64(i)))
	}
	if n > 3 {
		tr.HR[2] = rekindle.NaN32
		tr.Breaks = []int{3}
	}
	return a
}

func TestStoreActivities(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			again, err := s.DefaultAthlete(ctx)
			if err != nil || again.ID != ath.ID {
				t.Fatalf("default athlete not stable: %v %v", again, err)
			}
			ath.MaxHR, ath.TimeZone = 190, "Europe/Ljubljana"
			if err := s.UpdateAthlete(ctx, ath); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetAthlete(ctx, ath.ID)
			if err != nil || got.MaxHR != 190 || got.TimeZone != "Europe/Ljubljana" {
				t.Fatalf("athlete = %+v, %v", got, err)
			}
			other := &rekindle.Athlete{Name: "other"}
			if err := s.CreateAthlete(ctx, other); err != nil {
				t.Fatal(err)
			}
			base := time.Date(2024, 5, 1, 7, 0, 0, 0, time.UTC)
			a := sampleActivity(base, 50)
			if err := s.SaveActivity(ctx, ath.ID, a); err != nil {
				t.Fatal(err)
			}
			b := sampleActivity(base.Add(48*time.Hour), 0)
			if err := s.SaveActivity(ctx, ath.ID, b); err != nil {
				t.Fatal(err)
			}
			if err := s.SaveActivity(ctx, other.ID, sampleActivity(base, 5)); err != nil {
				t.Fatal(err)
			}
			list, metas, err := s.ListActivitiesMeta(ctx, ath.ID, ActivityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].ID != a.ID || metas[0].Samples != 50 || metas[1].Samples != 0 {
				t.Fatalf("list = %d activities, first %d, metas %+v", len(list), list[0].ID, metas[0])
			}
			if l := list[0]; l.Summary.HRSeconds[141] != 20 || len(l.Summary.HRSeconds) != 143 || l.Summary.BestEfforts[0].ElapsedS != 290 ||
				l.Name != "Morning run ü" || !math.IsNaN(l.Totals.AvgHR) || !l.Start.Equal(a.Start) {
				t.Fatalf("listed activity lost data: %+v", l)
			}
			newest, _ := s.ListActivities(ctx, ath.ID, ActivityFilter{Newest: true, Limit: 1})
			if len(newest) != 1 || newest[0].ID != b.ID {
				t.Fatalf("newest = %v", newest)
			}
			ranged, _ := s.ListActivities(ctx, ath.ID, ActivityFilter{From: base.Add(time.Hour), Sports: []rekindle.Sport{rekindle.SportRunning}})
			if len(ranged) != 1 || ranged[0].ID != b.ID {
				t.Fatalf("ranged = %v", ranged)
			}
			full, err := s.GetActivity(ctx, ath.ID, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if full.Track.Len() != 50 || !math.IsNaN(float64(full.Track.HR[2])) || full.Track.Breaks[0] != 3 || len(full.Laps) != 1 || full.Laps[0].Last != 9 {
				t.Fatalf("full activity: %d samples, laps %v", full.Track.Len(), full.Laps)
			}
			row, meta, err := s.GetActivityRow(ctx, ath.ID, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if row.Track.Len() != 0 || meta.Samples != 50 || len(meta.Channels) == 0 || len(row.Laps) != 1 || row.Laps[0].Last != 9 || row.Name != full.Name {
				t.Fatalf("activity row: %d samples read, meta %+v, laps %v", row.Track.Len(), meta, row.Laps)
			}
			if _, _, err := s.GetActivityRow(ctx, other.ID, a.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("other athlete sees activity row: %v", err)
			}
			if _, err := s.GetActivity(ctx, other.ID, a.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("other athlete sees activity: %v", err)
			}
			if err := s.DeleteAthlete(ctx, other.ID); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountActivities(ctx, other.ID); n != 0 {
				t.Fatalf("deleted athlete still has %d activities", n)
			}
			if err := s.DeleteActivity(ctx, ath.ID, b.ID); err != nil {
				t.Fatal(err)
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != 1 {
				t.Fatalf("count = %d", n)
			}
		})
	}
}

func TestBatchAllOrNothing(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, _ := s.DefaultAthlete(ctx)
			base := time.Date(2023, 1, 1, 7, 0, 0, 0, time.UTC)
			p1, _ := Prepare(sampleActivity(base, 10))
			if err := s.WriteBatch(ctx, ath.ID, &Batch{New: []*PreparedActivity{p1},
				Files: []FileRecord{{SHA256: "f1", Name: "a.fit", Status: StatusImported, ActivityIDs: []int64{1}}}}); err != nil {
				t.Fatal(err)
			}
			// The second batch repeats an id: it must fail as a whole.
			p2, _ := Prepare(sampleActivity(base.Add(time.Hour), 10))
			p3, _ := Prepare(sampleActivity(base.Add(2*time.Hour), 10))
			p3.A.ID = p1.A.ID
			err := s.WriteBatch(ctx, ath.ID, &Batch{New: []*PreparedActivity{p2, p3},
				Files: []FileRecord{{SHA256: "f2", Name: "b.fit", Status: StatusImported}}})
			if err == nil {
				t.Fatal("batch with a repeated id succeeded")
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != 1 {
				t.Fatalf("after failed batch: %d activities", n)
			}
			if _, ok, _ := s.FileStatus(ctx, ath.ID, "f2"); ok {
				t.Fatal("file record of a failed batch kept")
			}
			// Replacement keeps the id; duplicates are recorded.
			p4, _ := Prepare(sampleActivity(base, 20))
			p4.A.Name = "richer"
			err = s.WriteBatch(ctx, ath.ID, &Batch{Replace: []Replacement{{ID: p1.A.ID, P: p4}},
				Duplicates: []Duplicate{{ActivityID: p1.A.ID, Source: rekindle.Source{Format: "gpx", File: "a.gpx", SHA256: "g"}}}})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.GetActivity(ctx, ath.ID, p1.A.ID)
			if err != nil || got.Name != "richer" || got.Track.Len() != 20 {
				t.Fatalf("replaced = %v, %v", got, err)
			}
			d, _ := s.ListDuplicates(ctx, ath.ID)
			if len(d) != 1 || d[0].Source.File != "a.gpx" {
				t.Fatalf("duplicates = %v", d)
			}
			c, _ := s.Overlapping(ctx, ath.ID, base.Add(time.Minute).UnixMilli(), base.Add(2*time.Minute).UnixMilli())
			if len(c) != 1 || c[0].ID != p1.A.ID {
				t.Fatalf("overlapping = %v", c)
			}
		})
	}
}

func TestMigrateIdempotent(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			v1, err := s.Migrate(ctx)
			if err != nil {
				t.Fatal(err)
			}
			v2, err := s.Migrate(ctx)
			if err != nil || v1 != v2 || v1 < 1 {
				t.Fatalf("versions %d %d, %v", v1, v2, err)
			}
		})
	}
}

// BenchmarkListActivities lists 4,000 activities with full summaries.
func BenchmarkListActivities(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ath, _ := s.DefaultAthlete(ctx)
	base := time.Date(2015, 1, 1, 7, 0, 0, 0, time.UTC)
	batch := &Batch{}
	for i := range 4000 {
		a := sampleActivity(base.Add(time.Duration(i)*24*time.Hour), 0)
		a.Summary.HRSeconds = make([]float32, 200)
		for j := 100; j < 190; j++ {
			a.Summary.HRSeconds[j] = float32(j)
		}
		for k := 1; k <= 10; k++ {
			a.Summary.Splits = append(a.Summary.Splits, rekindle.Split{Unit: "km", Index: k, DistanceM: 1000, ElapsedS: 300})
		}
		p, _ := Prepare(a)
		batch.New = append(batch.New, p)
	}
	if err := s.WriteBatch(ctx, ath.ID, batch); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		acts, err := s.ListActivities(ctx, ath.ID, ActivityFilter{})
		if err != nil || len(acts) != 4000 {
			b.Fatal(len(acts), err)
		}
	}
}
