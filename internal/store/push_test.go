package store

import (
	"context"
	"testing"
	"time"
)

func TestPushSubscriptions(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for name, s := range openSparkTestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			p1 := PushSubscription{AthleteID: a, Endpoint: "https://push.example/1", P256dh: "k1", Auth: "a1", CreatedAt: now}
			p2 := PushSubscription{AthleteID: a, Endpoint: "https://push.example/2", P256dh: "k2", Auth: "a2", CreatedAt: now.Add(time.Minute)}
			for _, p := range []PushSubscription{p1, p2} {
				if err := s.SavePushSubscription(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			got, err := s.PushSubscriptions(ctx, a)
			if err != nil || len(got) != 2 || got[0] != p1 || got[1] != p2 {
				t.Fatalf("a's subscriptions %+v %v", got, err)
			}
			// The same browser endpoint signed in as b moves to b, with new keys.
			moved := PushSubscription{AthleteID: b, Endpoint: p1.Endpoint, P256dh: "k3", Auth: "a3", CreatedAt: now.Add(time.Hour)}
			if err := s.SavePushSubscription(ctx, moved); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.PushSubscriptions(ctx, a); len(got) != 1 || got[0] != p2 {
				t.Fatalf("a after move %+v", got)
			}
			if got, _ := s.PushSubscriptions(ctx, b); len(got) != 1 || got[0] != moved {
				t.Fatalf("b after move %+v", got)
			}
			// a cannot delete b's subscription.
			if ok, err := s.DeletePushSubscription(ctx, a, p1.Endpoint); ok || err != nil {
				t.Fatalf("a deleted b's: %v %v", ok, err)
			}
			if ok, err := s.DeletePushSubscription(ctx, b, p1.Endpoint); !ok || err != nil {
				t.Fatalf("b delete: %v %v", ok, err)
			}
			if got, _ := s.PushSubscriptions(ctx, b); len(got) != 0 {
				t.Fatalf("b after delete %+v", got)
			}
			// Deleting the athlete deletes their subscriptions.
			if err := s.DeleteAthlete(ctx, a); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.PushSubscriptions(ctx, a); len(got) != 0 {
				t.Fatalf("deleted athlete's subscriptions %+v", got)
			}

			// The first value set wins.
			key := "test_once_" + name
			v, err := s.SettingOnce(ctx, key, "first")
			if err != nil || v != "first" {
				t.Fatalf("once %q %v", v, err)
			}
			if v, err := s.SettingOnce(ctx, key, "second"); err != nil || v != "first" {
				t.Fatalf("once again %q %v", v, err)
			}
		})
	}
}
