package store

import (
	"context"
	"testing"
	"time"
)

// TestActivityUTCOffset stores activities with and without a device UTC
// offset (through the batch path: COPY on PostgreSQL) and reads them back,
// one by one, in lists and as DeviceOffsets.
func TestActivityUTCOffset(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			offs := []*int{ptr(8 * 3600), nil, ptr(-(3*3600 + 1800))}
			var b Batch
			for i, o := range offs {
				a := sampleActivity(day.AddDate(0, 0, i), 5)
				a.UTCOffsetS = o
				p, err := Prepare(a)
				if err != nil {
					t.Fatal(err)
				}
				b.New = append(b.New, p)
			}
			if err := s.WriteBatch(ctx, ath.ID, &b); err != nil {
				t.Fatal(err)
			}
			for i, p := range b.New {
				got, err := s.GetActivity(ctx, ath.ID, p.A.ID)
				if err != nil {
					t.Fatal(err)
				}
				if !sameOffset(got.UTCOffsetS, offs[i]) {
					t.Errorf("activity %d: offset %v, want %v", i, deref(got.UTCOffsetS), deref(offs[i]))
				}
			}
			list, err := s.ListActivities(ctx, ath.ID, ActivityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for i, a := range list {
				if !sameOffset(a.UTCOffsetS, offs[i]) {
					t.Errorf("listed %d: offset %v, want %v", i, deref(a.UTCOffsetS), deref(offs[i]))
				}
			}
			dev, err := s.DeviceOffsets(ctx, ath.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(dev) != 2 || dev[0].OffsetS != -(3*3600+1800) || !dev[0].At.Equal(day.AddDate(0, 0, 2)) || dev[1].OffsetS != 8*3600 {
				t.Errorf("device offsets %+v, want the third (−3:30) then the first (+8)", dev)
			}
		})
	}
}

func ptr(x int) *int { return &x }

func deref(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func sameOffset(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
