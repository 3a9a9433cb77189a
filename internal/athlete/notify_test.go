package athlete

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/mail"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
	"rekindle/internal/webpush"
)

// TestNotificationsExactlyOnce: the moments are stored once however often
// they are computed, e-mailed once through a real SMTP server process
// (aiosmtpd) even across a restart (a new App on the same store), and a
// send to an unreachable server is kept as failed and retried.
func TestNotificationsExactlyOnce(t *testing.T) {
	ctx := context.Background()
	_, st, id := feedApp(t)
	clock := testkit.Today
	app := New(Config{Store: st, Now: func() time.Time { return clock }})
	// A race in 3 days and an experiment whose window ended yesterday.
	if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-05", Kind: "race", DistanceM: 10000, Note: "Harbour 10K"}); err != nil {
		t.Fatal(err)
	}
	exp := store.Experiment{AthleteID: id, RecID: "variety-route", Strategy: rekindle.StrategyVariety, Title: "Run somewhere new",
		State: store.ExperimentAccepted, At: testkit.Today.AddDate(0, 0, -15), WindowDays: 14}
	if err := st.SaveExperiment(ctx, &exp); err != nil {
		t.Fatal(err)
	}
	nl, err := app.Notifications(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	list := nl.Items
	if len(list) != 2 || nl.Unread != 2 {
		t.Fatalf("%d notifications: %+v", len(list), list)
	}
	kinds := map[string]bool{}
	for _, n := range list {
		kinds[n.Kind] = true
		if n.Read {
			t.Errorf("%s read already", n.Kind)
		}
	}
	if !kinds[string(notify.KindRaceSoon)] || !kinds[string(notify.KindExperimentEnds)] {
		t.Fatalf("kinds %v", kinds)
	}
	if again, _ := app.Notifications(ctx, id); len(again.Items) != 2 {
		t.Fatalf("recomputed: %d notifications", len(again.Items))
	}

	// An unreachable server: both kept as failed, with the error, not lost.
	down := &notify.SMTP{Addr: "127.0.0.1:1", Timeout: 5 * time.Second}
	rep, err := app.EmailNotifications(ctx, id, MailConfig{Mailer: down, From: "rekindle <coach@run.example.org>", To: "ann@example.org", Base: "https://run.example.org"})
	if err != nil || rep.Sent != 0 || rep.Failed != 2 {
		t.Fatalf("unreachable: %+v %v", rep, err)
	}
	nl, _ = app.Notifications(ctx, id)
	for _, n := range nl.Items {
		if n.EmailState != store.EmailFailed || !strings.Contains(n.EmailError, "127.0.0.1:1") {
			t.Errorf("%s: state %q error %q", n.Kind, n.EmailState, n.EmailError)
		}
	}

	// Settings say so: the last error and the next try, a minute on.
	sv, err := app.NotifySettings(ctx, id)
	if err != nil || sv.Status.Failed != 2 || !strings.Contains(sv.Status.LastError, "127.0.0.1:1") || sv.Status.NextAttempt == nil || !sv.Status.NextAttempt.Equal(clock.Add(time.Minute)) {
		t.Fatalf("status after failure: %+v %v", sv, err)
	}
	addr, delivered := testkit.SMTPServer(t)
	up := &notify.SMTP{Addr: addr}
	// Before the backoff has passed nothing is tried.
	if rep, err := app.EmailNotifications(ctx, id, MailConfig{Mailer: up, From: "coach@run.example.org", To: "ann@example.org"}); err != nil || rep.Sent+rep.Failed != 0 {
		t.Fatalf("within backoff: %+v %v", rep, err)
	}
	clock = clock.Add(time.Minute)
	rep, err = app.EmailNotifications(ctx, id, MailConfig{Mailer: up, From: "rekindle <coach@run.example.org>", To: "ann@example.org", Base: "https://run.example.org"})
	if err != nil || rep.Sent != 2 || rep.Failed != 0 {
		t.Fatalf("send: %+v %v", rep, err)
	}
	// A restart: a new App on the same store sends nothing again.
	restarted := New(Config{Store: st, Now: func() time.Time { return clock.Add(time.Hour) }})
	rep, err = restarted.EmailNotifications(ctx, id, MailConfig{Mailer: up, From: "rekindle <coach@run.example.org>", To: "ann@example.org", Base: "https://run.example.org"})
	if err != nil || rep.Sent != 0 {
		t.Fatalf("after restart: %+v %v", rep, err)
	}
	msgs := delivered()
	if len(msgs) != 2 {
		t.Fatalf("%d messages delivered, want 2", len(msgs))
	}
	subjects := map[string]bool{}
	for _, b := range msgs {
		m, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		s, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		subjects[s] = true
	}
	if !subjects["Race in 3 days (Thu 5 Jun): Harbour 10K"] {
		t.Errorf("subjects %v", subjects)
	}
	if err := app.MarkNotificationsRead(ctx, id); err != nil {
		t.Fatal(err)
	}
	nl, _ = app.Notifications(ctx, id)
	if nl.Unread != 0 {
		t.Errorf("%d unread after marking read", nl.Unread)
	}
	for _, n := range nl.Items {
		if !n.Read || n.EmailState != store.EmailSent {
			t.Errorf("%s: read %v, e-mail %q", n.Kind, n.Read, n.EmailState)
		}
	}
}

// TestEmailAllNotifications: one round sends each account's moments to its
// own address through aiosmtpd; a second round sends nothing.
func TestEmailAllNotifications(t *testing.T) {
	ctx := context.Background()
	app, st, _ := feedApp(t)
	var ids []int64
	for _, email := range []string{"ann@example.org", "bob@example.org"} {
		acc, err := st.CreateAccount(ctx, email, email, "x", "", testkit.Today)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, acc.AthleteID)
		if _, err := app.AddPlanned(ctx, acc.AthleteID, PlanForm{Day: "2025-06-04", Kind: "race", DistanceM: 5000, Note: "Parc 5K"}); err != nil {
			t.Fatal(err)
		}
	}
	addr, delivered := testkit.SMTPServer(t)
	mc := MailConfig{Mailer: &notify.SMTP{Addr: addr}, From: "coach@run.example.org", Base: "https://run.example.org"}
	for round, want := range []int{2, 0} {
		rep, err := app.EmailAllNotifications(ctx, mc)
		if err != nil || rep.Sent != want || rep.Failed != 0 {
			t.Fatalf("round %d: %+v %v", round, rep, err)
		}
	}
	to := map[string]bool{}
	for _, b := range delivered() {
		m, err := mail.ReadMessage(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		to[m.Header.Get("To")] = true
	}
	if len(to) != 2 || !to["<ann@example.org>"] || !to["<bob@example.org>"] {
		t.Fatalf("delivered to %v (athletes %v)", to, ids)
	}
}

// TestNotificationCrashAfterClaim: a sender that claimed a notification
// and died before recording the send leaves it pending; after the claim's
// lease it is sent (at least once) with the same Message-ID, and then
// never again. Within the lease a second sender leaves it alone.
func TestNotificationCrashAfterClaim(t *testing.T) {
	ctx := context.Background()
	_, st, id := feedApp(t)
	clock := testkit.Today
	app := New(Config{Store: st, Now: func() time.Time { return clock }})
	if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-04", Kind: "race", DistanceM: 5000, Note: "Parc 5K"}); err != nil {
		t.Fatal(err)
	}
	if _, err := app.RefreshNotifications(ctx, id); err != nil {
		t.Fatal(err)
	}
	list, err := st.ListNotifications(ctx, id, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("%d notifications %v", len(list), err)
	}
	// The crashed sender: claimed, never finished.
	if ok, err := st.ClaimNotificationEmail(ctx, id, list[0].ID, clock, ClaimLease); !ok || err != nil {
		t.Fatalf("claim: %v %v", ok, err)
	}
	addr, delivered := testkit.SMTPServer(t)
	mc := MailConfig{Mailer: &notify.SMTP{Addr: addr}, From: "coach@run.example.org", To: "ann@example.org"}
	clock = clock.Add(ClaimLease - time.Second)
	if rep, err := app.EmailNotifications(ctx, id, mc); err != nil || rep.Sent != 0 {
		t.Fatalf("within the lease: %+v %v", rep, err)
	}
	if out, err := app.SendNotification(ctx, mc, id, list[0].ID); out != SendNotDue || err != nil {
		t.Fatalf("send within the lease: %s %v", out, err)
	}
	clock = clock.Add(2 * time.Second)
	if rep, err := app.EmailNotifications(ctx, id, mc); err != nil || rep.Sent != 1 {
		t.Fatalf("after the lease: %+v %v", rep, err)
	}
	if rep, err := app.EmailNotifications(ctx, id, mc); err != nil || rep.Sent != 0 {
		t.Fatalf("again: %+v %v", rep, err)
	}
	msgs := delivered()
	if len(msgs) != 1 {
		t.Fatalf("%d delivered", len(msgs))
	}
	m, err := mail.ReadMessage(bytes.NewReader(msgs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("<moment-%d-%d@run.example.org>", id, list[0].ID); m.Header.Get("Message-ID") != want {
		t.Errorf("Message-ID %q, want %q", m.Header.Get("Message-ID"), want)
	}
	n, _ := st.GetNotification(ctx, id, list[0].ID)
	if n.EmailState != store.EmailSent || n.EmailTries != 2 {
		t.Errorf("state %q tries %d", n.EmailState, n.EmailTries)
	}
}

// TestNotificationsCalendarRace: a race on an imported race calendar two
// days out is a race_soon notification, once.
func TestNotificationsCalendarRace(t *testing.T) {
	ctx := context.Background()
	app, _, id := feedApp(t)
	ath, err := app.Athlete(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:park-5k@example.org\r\nDTSTAMP:20250501T000000Z\r\n" +
		"DTSTART;VALUE=DATE:20250604\r\nSUMMARY:Park 5K\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
	if _, _, err := app.ImportCalendar(ctx, ath, store.CalendarRaces, "races.ics", "Local races", strings.NewReader(ics)); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		nl, err := app.Notifications(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(nl.Items) != 1 || nl.Items[0].Kind != string(notify.KindRaceSoon) || !strings.Contains(nl.Items[0].Title, "in 2 days (Wed 4 Jun): Park 5K") {
			t.Fatalf("%+v", nl.Items)
		}
	}
}

// TestPushNotifications: a notification is pushed to the athlete's browser
// through a real push endpoint process that decrypts it (RFC 8291) with
// the subscription's keys; a busy service is retried after the backoff;
// nothing is pushed twice, also after a restart.
func TestPushNotifications(t *testing.T) {
	ctx := context.Background()
	_, st, id := feedApp(t)
	clock := testkit.Today
	app := New(Config{Store: st, Now: func() time.Time { return clock }})
	ps, received := testkit.PushEndpoint(t, 1)
	var sub webpush.Subscription
	sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth = ps.Endpoint, ps.P256dh, ps.Auth
	if err := app.SubscribePush(ctx, id, sub); err != nil {
		t.Fatal(err)
	}
	bad := sub
	bad.Keys.P256dh = "AAAA"
	if err := app.SubscribePush(ctx, id, bad); err == nil {
		t.Error("a bad subscription was stored")
	}
	if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-05", Kind: "race", DistanceM: 10000, Note: "Harbour 10K"}); err != nil {
		t.Fatal(err)
	}
	pc := PushConfig{Subject: "mailto:admin@run.example.org"}
	rep, err := app.PushNotifications(ctx, id, pc)
	if err != nil || rep.Failed != 1 || !strings.Contains(rep.Errors[0], "503") {
		t.Fatalf("busy service: %+v %v", rep, err)
	}
	if rep, err := app.PushNotifications(ctx, id, pc); err != nil || rep.Sent+rep.Failed != 0 {
		t.Fatalf("within the backoff: %+v %v", rep, err)
	}
	// Settings say so: one browser, the error, the next try.
	if sv, err := app.NotifySettings(ctx, id); err != nil || sv.Push.Browsers != 1 || sv.Push.Failed != 1 || !strings.Contains(sv.Push.LastError, "503") ||
		sv.Push.NextAttempt == nil || !sv.Push.NextAttempt.Equal(clock.Add(time.Minute)) {
		t.Fatalf("push status: %+v %v", sv, err)
	}
	clock = clock.Add(time.Minute)
	if rep, err := app.PushNotifications(ctx, id, pc); err != nil || rep.Sent != 1 {
		t.Fatalf("retry: %+v %v", rep, err)
	}
	restarted := New(Config{Store: st, Now: func() time.Time { return clock.Add(time.Hour) }})
	if rep, err := restarted.PushNotifications(ctx, id, pc); err != nil || rep.Sent+rep.Failed != 0 {
		t.Fatalf("after restart: %+v %v", rep, err)
	}
	got := received()
	if len(got) != 1 {
		t.Fatalf("received %q", got)
	}
	var p PushPayload
	if err := json.Unmarshal([]byte(got[0]), &p); err != nil || p.Title != "Race in 3 days (Thu 5 Jun): Harbour 10K" || p.URL != "/plan" || !strings.HasPrefix(p.Tag, "race_soon/") {
		t.Errorf("payload %s %v", got[0], err)
	}
	key, err := app.PushPublicKey(ctx)
	if again, _ := restarted.PushPublicKey(ctx); err != nil || len(key.Key) != 87 || again.Key != key.Key {
		t.Errorf("vapid key %+v %v", key, err)
	}
}

// TestPushRetryAfter: a push service's Retry-After holds the next try back
// when it is later than the backoff (a real push endpoint process answers
// 503 with Retry-After: 7200); the push goes out once it has passed.
func TestPushRetryAfter(t *testing.T) {
	ctx := context.Background()
	_, st, id := feedApp(t)
	clock := testkit.Today
	app := New(Config{Store: st, Now: func() time.Time { return clock }})
	ps, received := testkit.PushEndpointRetryAfter(t, 1, "7200")
	var sub webpush.Subscription
	sub.Endpoint, sub.Keys.P256dh, sub.Keys.Auth = ps.Endpoint, ps.P256dh, ps.Auth
	if err := app.SubscribePush(ctx, id, sub); err != nil {
		t.Fatal(err)
	}
	if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-05", Kind: "race", DistanceM: 10000, Note: "Harbour 10K"}); err != nil {
		t.Fatal(err)
	}
	pc := PushConfig{Subject: "mailto:admin@run.example.org"}
	if rep, err := app.PushNotifications(ctx, id, pc); err != nil || rep.Failed != 1 {
		t.Fatalf("busy service: %+v %v", rep, err)
	}
	if sv, err := app.NotifySettings(ctx, id); err != nil || sv.Push.NextAttempt == nil || !sv.Push.NextAttempt.Equal(clock.Add(2*time.Hour)) {
		t.Fatalf("next attempt %+v %v, want the Retry-After (2 h), not the 1-minute backoff", sv.Push, err)
	}
	clock = clock.Add(time.Hour) // past the backoff, before the Retry-After
	if rep, err := app.PushNotifications(ctx, id, pc); err != nil || rep.Sent+rep.Failed != 0 || len(received()) != 0 {
		t.Fatalf("before the Retry-After: %+v %v", rep, err)
	}
	clock = testkit.Today.Add(2 * time.Hour)
	if rep, err := app.PushNotifications(ctx, id, pc); err != nil || rep.Sent != 1 || len(received()) != 1 {
		t.Fatalf("after the Retry-After: %+v %v", rep, err)
	}
}
