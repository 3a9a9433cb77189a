package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
)

// TestNotificationChannels: the e-mail and push states on both databases —
// due lists, claims with a lease, backoff, deferral, settings, push
// subscriptions and the instance's VAPID key.
func TestNotificationChannels(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath := &rekindle.Athlete{Name: "notify " + name}
			if err := s.CreateAthlete(ctx, ath); err != nil {
				t.Fatal(err)
			}
			id := ath.ID
			now := time.Date(2025, 6, 2, 12, 0, 0, 0, time.UTC)
			n := Notification{Kind: "race_soon", Key: "12", Day: "2025-06-05", Title: "Race", CreatedAt: now, Detail: `{"x":1}`}
			if ok, err := s.AddNotification(ctx, id, &n); !ok || err != nil {
				t.Fatalf("add: %v %v", ok, err)
			}
			if ok, _ := s.AddNotification(ctx, id, &Notification{Kind: "race_soon", Key: "12", CreatedAt: now}); ok {
				t.Fatal("added twice")
			}
			due, err := s.NotificationsToEmail(ctx, id, now, 10*time.Minute, 10)
			if err != nil || len(due) != 1 || due[0].Detail != `{"x":1}` {
				t.Fatalf("due: %+v %v", due, err)
			}
			if ok, _ := s.ClaimNotificationEmail(ctx, id, n.ID, now, 10*time.Minute); !ok {
				t.Fatal("claim")
			}
			if ok, _ := s.ClaimNotificationEmail(ctx, id, n.ID, now.Add(time.Minute), 10*time.Minute); ok {
				t.Fatal("claimed twice within the lease")
			}
			if err := s.FinishNotificationEmail(ctx, id, n.ID, errors.New("connection refused"), now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			if due, _ := s.NotificationsToEmail(ctx, id, now.Add(30*time.Second), time.Minute, 10); len(due) != 0 {
				t.Fatal("due within the backoff")
			}
			st, err := s.NotificationEmailStatus(ctx, id)
			if err != nil || st.Failed != 1 || st.LastError != "connection refused" || !st.NextAttempt.Equal(now.Add(time.Minute)) {
				t.Fatalf("status %+v %v", st, err)
			}
			if err := s.DeferNotificationEmail(ctx, id, n.ID, now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			if due, _ := s.NotificationsToEmail(ctx, id, now.Add(59*time.Minute), time.Minute, 10); len(due) != 0 {
				t.Fatal("due before the deferral ends")
			}
			if ok, err := s.SkipNotificationEmail(ctx, id, n.ID); !ok || err != nil {
				t.Fatalf("skip %v %v", ok, err)
			}
			got, _ := s.GetNotification(ctx, id, n.ID)
			if got.EmailState != EmailOff {
				t.Errorf("state %q", got.EmailState)
			}
			// Settings.
			ns, err := s.GetNotifySettings(ctx, id)
			if err != nil || ns.QuietStart != -1 || len(ns.EmailOff) != 0 {
				t.Fatalf("default settings %+v %v", ns, err)
			}
			ns.QuietStart, ns.QuietEnd, ns.UnsubKey = 22*60, 7*60, "k"
			if err := s.SaveNotifySettings(ctx, id, ns); err != nil {
				t.Fatal(err)
			}
			if err := s.SetNotifyKindOff(ctx, id, "weekly_digest"); err != nil {
				t.Fatal(err)
			}
			if ns, _ = s.GetNotifySettings(ctx, id); ns.QuietEnd != 7*60 || ns.UnsubKey != "k" || len(ns.EmailOff) != 1 || ns.EmailOff[0] != "weekly_digest" {
				t.Errorf("settings %+v", ns)
			}
			// Push: nothing is due before a subscription; then only what came after it.
			if ids, err := s.NotificationsToPush(ctx, id, now, time.Minute, 10); err != nil || len(ids) != 0 {
				t.Fatalf("push without subscription: %v %v", ids, err)
			}
			if err := s.AddPushSubscription(ctx, id, &PushSubscription{Endpoint: "https://push.example.org/1", P256dh: "p", Auth: "a", CreatedAt: now.Add(time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if err := s.AddPushSubscription(ctx, id, &PushSubscription{Endpoint: "https://push.example.org/1", P256dh: "p2", Auth: "a2", CreatedAt: now.Add(2 * time.Hour)}); err != nil {
				t.Fatal(err)
			}
			subs, _ := s.ListPushSubscriptions(ctx, id)
			if len(subs) != 1 || subs[0].P256dh != "p2" {
				t.Fatalf("subscriptions %+v", subs)
			}
			later := Notification{Kind: "no_run", Key: "2025-05-27", Day: "2025-06-01", Title: "5 days", CreatedAt: now.Add(2 * time.Hour)}
			s.AddNotification(ctx, id, &later)
			ids, err := s.NotificationsToPush(ctx, id, now.Add(3*time.Hour), time.Minute, 10)
			if err != nil || len(ids) != 1 || ids[0] != later.ID {
				t.Fatalf("to push %v %v", ids, err)
			}
			if ok, tries, err := s.ClaimNotificationPush(ctx, id, later.ID, now.Add(3*time.Hour), time.Minute); !ok || tries != 1 || err != nil {
				t.Fatalf("claim push %v %d %v", ok, tries, err)
			}
			if err := s.FinishNotificationPush(ctx, id, later.ID, EmailSent, nil, time.Time{}); err != nil {
				t.Fatal(err)
			}
			if ids, _ := s.NotificationsToPush(ctx, id, now.Add(4*time.Hour), time.Minute, 10); len(ids) != 0 {
				t.Fatalf("pushed twice: %v", ids)
			}
			if err := s.DeletePushSubscription(ctx, id, "https://push.example.org/1"); err != nil {
				t.Fatal(err)
			}
			// The VAPID key: made once, then read back.
			made := 0
			mk := func() (string, error) { made++; return "key-" + name, nil }
			k1, err := s.ServerKey(ctx, "test_key_"+name, mk)
			k2, _ := s.ServerKey(ctx, "test_key_"+name, mk)
			if err != nil || k1 != k2 || made != 1 {
				t.Errorf("server key %q %q made %d %v", k1, k2, made, err)
			}
		})
	}
}
