package store

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// TestOverlappingMany: one query for many spans gives each span what
// Overlapping gives it alone, in the same order, on both databases: spans
// meeting none, one or several stored activities, the same span twice, one
// reaching back past the two-day bound, more spans than one query takes.
func TestOverlappingMany(t *testing.T) {
	base := time.Date(2024, 3, 1, 6, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			b := &Batch{}
			for i := range 60 {
				// Two activities a day, the second overlapping the first
				// on even days.
				start := base.Add(time.Duration(i/2)*24*time.Hour + time.Duration(i%2)*time.Duration(20+40*(i/2%2))*time.Minute)
				a := &rekindle.Activity{Sport: rekindle.SportRunning, Start: start,
					Source: rekindle.Source{Format: rekindle.FormatFIT, File: "f", SHA256: "s", Index: i}}
				a.Summary.DistanceM = float64(5000 + i)
				a.Summary.ElapsedS = 3000
				p, err := Prepare(a)
				if err != nil {
					t.Fatal(err)
				}
				p.EndMs = start.Add(50 * time.Minute).UnixMilli()
				b.New = append(b.New, p)
			}
			if err := s.WriteBatch(ctx, ath.ID, b); err != nil {
				t.Fatal(err)
			}
			var spans []Span
			for i := range overlapChunk + 40 {
				st := base.Add(time.Duration(i%50)*12*time.Hour + time.Duration(i%7)*10*time.Minute)
				end := st.Add(time.Duration(10+i%90) * time.Minute)
				if i%97 == 0 {
					end = st.Add(5 * 24 * time.Hour) // spans days: the 2-day bound applies
				}
				spans = append(spans, Span{st.UnixMilli(), end.UnixMilli()})
			}
			spans = append(spans, spans[3], Span{base.Add(-time.Hour).UnixMilli(), base.Add(-time.Minute).UnixMilli()})
			got, err := s.OverlappingMany(ctx, ath.ID, spans)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(spans) {
				t.Fatalf("%d results for %d spans", len(got), len(spans))
			}
			several := 0
			for i, sp := range spans {
				want, err := s.Overlapping(ctx, ath.ID, sp.StartMs, sp.EndMs)
				if err != nil {
					t.Fatal(err)
				}
				if len(want) > 1 {
					several++
				}
				if len(want) == 0 && len(got[i]) == 0 {
					continue
				}
				if !reflect.DeepEqual(got[i], want) {
					t.Fatalf("span %d %v: got %v, want %v", i, sp, got[i], want)
				}
			}
			if several == 0 {
				t.Fatal("no span met several activities: the test checks no order")
			}
			if got, err := s.OverlappingMany(ctx, ath.ID, nil); err != nil || len(got) != 0 {
				t.Fatalf("no spans: %v, %v", got, err)
			}
			// Each span finds its candidates by the index on start, not by
			// reading the athlete's whole history.
			q, args := s.overlappingManyQuery(ath.ID, spans[:20])
			plan := explain(t, ctx, s, q, args)
			if s.dialect == Postgres {
				if strings.Contains(plan, "Seq Scan on activities") || !strings.Contains(plan, "Index") {
					t.Errorf("no index scan: %s", plan)
				}
			} else if !strings.Contains(plan, "SEARCH a USING INDEX activities_by_start") {
				t.Errorf("not searched by start: %s", plan)
			}
		})
	}
}
