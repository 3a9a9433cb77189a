package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/ingest"
	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// dsns names a fresh SQLite file and, with REKINDLE_TEST_POSTGRES, a fresh
// PostgreSQL schema: each test opens two stores (two "processes") on one.
func dsns(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": filepath.Join(t.TempDir(), "t.db")}
	if dsn := store.PostgresTestDSN(t); dsn != "" {
		out["postgres"] = dsn
	}
	return out
}

func openStore(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newQueue makes a started queue with its App over st; stopped when the
// test ends.
func newQueue(t *testing.T, st *store.Store, cfg Config) (*Queue, *athlete.App) {
	t.Helper()
	cfg.Store = st
	cfg.Log = slog.New(slog.DiscardHandler)
	if cfg.Poll == 0 {
		cfg.Poll = 50 * time.Millisecond
	}
	q, err := New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	app := athlete.New(athlete.Config{Store: st, Log: cfg.Log, Queue: q, Now: testkit.Now})
	q.Bind(app)
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		q.Stop(ctx)
	})
	return q, app
}

// waitJob polls the job until ok says it is as wanted (a generous limit,
// not a timing assumption).
func waitJob(t *testing.T, q *Queue, id int64, ok func(athlete.JobView) bool) athlete.JobView {
	t.Helper()
	var last athlete.JobView
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		list, err := q.Jobs(context.Background(), athlete.JobFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range list {
			if j.ID == id {
				last = j
				if ok(j) {
					return j
				}
			}
		}
	}
	t.Fatalf("job %d never got there: %+v", id, last)
	return last
}

func newAthlete(t *testing.T, st *store.Store) int64 {
	t.Helper()
	a := rekindle.Athlete{Name: "Ann", Unit: rekindle.UnitKm}
	if err := st.CreateAthlete(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func setGate(t *testing.T, g func(ctx context.Context, kind string, athleteID int64) error) {
	testGate = g
	t.Cleanup(func() { testGate = nil })
}

// TestRouteJobsListRetry: a route refresh job completes; one for a missing
// athlete is cancelled with its error; both are listed with their state;
// a retry runs the cancelled one again (attempt 2).
func TestRouteJobsListRetry(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, dsn)
			q, _ := newQueue(t, st, Config{})
			id := newAthlete(t, st)
			if err := q.EnqueueRouteRefresh(ctx, id); err != nil {
				t.Fatal(err)
			}
			if err := q.EnqueueRouteRefresh(ctx, 999999); err != nil {
				t.Fatal(err)
			}
			list, err := q.Jobs(ctx, athlete.JobFilter{Kind: KindRouteRefresh})
			if err != nil || len(list) != 2 {
				t.Fatalf("%d jobs, %v", len(list), err)
			}
			missing, good := list[0], list[1] // newest first
			if good.AthleteID != id || missing.AthleteID != 999999 {
				t.Fatalf("athletes %d, %d", good.AthleteID, missing.AthleteID)
			}
			waitJob(t, q, good.ID, func(j athlete.JobView) bool { return j.State == "completed" })
			j := waitJob(t, q, missing.ID, func(j athlete.JobView) bool { return j.State == "cancelled" })
			if !strings.Contains(j.Error, "not found") || j.Attempt != 1 {
				t.Fatalf("cancelled job: %+v", j)
			}
			done, err := q.Jobs(ctx, athlete.JobFilter{States: []string{"completed"}, Kind: KindRouteRefresh})
			if err != nil || len(done) != 1 || done[0].ID != good.ID {
				t.Fatalf("completed: %+v %v", done, err)
			}
			if _, err := q.Jobs(ctx, athlete.JobFilter{States: []string{"nonsense"}}); err == nil {
				t.Fatal("unknown state accepted")
			}
			if _, err := q.RetryJob(ctx, missing.ID); err != nil {
				t.Fatal(err)
			}
			waitJob(t, q, missing.ID, func(j athlete.JobView) bool { return j.State == "cancelled" && j.Attempt == 2 })
			if _, err := q.RetryJob(ctx, 123456789); err == nil {
				t.Fatal("retry of a missing job")
			}
		})
	}
}

// TestClaimedOnce: two processes' queues on one database work 30 jobs;
// each runs exactly once, by one of them.
func TestClaimedOnce(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			var mu sync.Mutex
			runs := map[int64]int{}
			setGate(t, func(ctx context.Context, kind string, athleteID int64) error {
				mu.Lock()
				runs[athleteID]++
				mu.Unlock()
				return nil
			})
			st1, st2 := openStore(t, dsn), openStore(t, dsn)
			q1, _ := newQueue(t, st1, Config{Workers: 3})
			q2, _ := newQueue(t, st2, Config{Workers: 3})
			var ids []int64
			for range 30 {
				id := newAthlete(t, st1)
				ids = append(ids, id)
				if err := q1.EnqueueRouteRefresh(ctx, id); err != nil {
					t.Fatal(err)
				}
			}
			list, err := q2.Jobs(ctx, athlete.JobFilter{})
			if err != nil {
				t.Fatal(err)
			}
			for _, j := range list {
				if j.Kind != KindRouteRefresh {
					continue
				}
				j = waitJob(t, q2, j.ID, func(j athlete.JobView) bool { return j.State == "completed" })
				if j.Attempt != 1 || len(j.AttemptedBy) != 1 {
					t.Errorf("job %d: attempt %d by %v", j.ID, j.Attempt, j.AttemptedBy)
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, id := range ids {
				if runs[id] != 1 {
					t.Errorf("athlete %d's refresh ran %d times", id, runs[id])
				}
			}
		})
	}
}

// TestHandedBackOnStop: a job still running when its process stops is
// handed back (not failed) and finished by another process.
func TestHandedBackOnStop(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			started := make(chan struct{}, 1)
			var mu sync.Mutex
			hold := true
			setGate(t, func(ctx context.Context, kind string, athleteID int64) error {
				mu.Lock()
				h := hold
				mu.Unlock()
				if !h {
					return nil
				}
				started <- struct{}{}
				<-ctx.Done() // held until the process stops
				return ctx.Err()
			})
			st1 := openStore(t, dsn)
			q1, _ := newQueue(t, st1, Config{StopWait: 100 * time.Millisecond})
			id := newAthlete(t, st1)
			if err := q1.EnqueueRouteRefresh(ctx, id); err != nil {
				t.Fatal(err)
			}
			<-started
			if err := q1.Stop(ctx); err != nil {
				t.Fatal(err)
			}
			list, err := q1.Jobs(ctx, athlete.JobFilter{Kind: KindRouteRefresh})
			if err != nil || len(list) != 1 {
				t.Fatalf("%+v %v", list, err)
			}
			j := list[0]
			if j.State != "scheduled" && j.State != "available" {
				t.Fatalf("after stop: %+v", j)
			}
			mu.Lock()
			hold = false
			mu.Unlock()
			q2, _ := newQueue(t, openStore(t, dsn), Config{})
			j = waitJob(t, q2, j.ID, func(j athlete.JobView) bool { return j.State == "completed" })
			if len(j.AttemptedBy) != 2 || j.AttemptedBy[0] == j.AttemptedBy[1] {
				t.Fatalf("attempted by %v", j.AttemptedBy)
			}
		})
	}
}

// switchMailer is a real SMTP client whose server address the test
// changes: the first sends go nowhere, the later ones to aiosmtpd.
type switchMailer struct {
	mu   sync.Mutex
	addr string
}

func (m *switchMailer) Send(ctx context.Context, mail *notify.Mail) error {
	m.mu.Lock()
	s := notify.SMTP{Addr: m.addr, Timeout: 5 * time.Second}
	m.mu.Unlock()
	return s.Send(ctx, mail)
}

// TestEmailJobRetried: a notification e-mail job whose send fails is
// retried with backoff and delivered exactly once (a real SMTP server
// process) when the server is back.
func TestEmailJobRetried(t *testing.T) {
	addr, delivered := testkit.SMTPServer(t)
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, dsn)
			mailer := &switchMailer{addr: "127.0.0.1:1"}
			q, _ := newQueue(t, st, Config{Mail: &athlete.MailConfig{Mailer: mailer, From: "rekindle <coach@run.example.org>", Base: "https://run.example.org"}, MailEvery: time.Hour})
			id := newAthlete(t, st)
			n := store.Notification{Kind: "no_run", Key: name, Day: "2025-06-01", Title: "5 days since your last run " + name, Body: "No pressure.", Link: "/", CreatedAt: testkit.Today}
			if _, err := st.AddNotification(ctx, id, &n); err != nil {
				t.Fatal(err)
			}
			before := len(delivered())
			args := notifyEmailArgs{AthleteID: id, NotificationID: n.ID, To: "ann@example.org"}
			res, err := q.client.Insert(ctx, args, nil)
			if err != nil {
				t.Fatal(err)
			}
			// The same notification again: one job only.
			if again, err := q.client.Insert(ctx, args, nil); err != nil || !again.UniqueSkippedAsDuplicate {
				t.Fatalf("second insert: %+v %v", again, err)
			}
			j := waitJob(t, q, res.Job.ID, func(j athlete.JobView) bool { return j.State == "retryable" })
			if j.Error == "" || j.Attempt < 1 || !j.ScheduledAt.After(j.AttemptedAt) {
				t.Fatalf("failed send: %+v", j)
			}
			got, err := st.GetNotification(ctx, id, n.ID)
			if err != nil || got.EmailState != store.EmailFailed {
				t.Fatalf("notification after a failed send: %+v %v", got, err)
			}
			mailer.mu.Lock()
			mailer.addr = addr
			mailer.mu.Unlock()
			j = waitJob(t, q, res.Job.ID, func(j athlete.JobView) bool { return j.State == "completed" })
			if j.Attempt < 2 {
				t.Fatalf("sent on attempt %d", j.Attempt)
			}
			msgs := delivered()[before:]
			if len(msgs) != 1 || !strings.Contains(string(msgs[0]), fmt.Sprintf("moment-%d-%d", id, n.ID)) {
				t.Fatalf("%d messages delivered", len(msgs))
			}
			got, _ = st.GetNotification(ctx, id, n.ID)
			if got.EmailState != store.EmailSent || got.EmailTries != j.Attempt {
				t.Fatalf("notification: %+v", got)
			}
		})
	}
}

// TestNightlyDue: the nightly jobs are due from 03:00 in each athlete's
// time zone, for their local day.
func TestNightlyDue(t *testing.T) {
	now := time.Date(2025, 6, 1, 2, 30, 0, 0, time.UTC) // 02:30 UTC
	zones := []store.AthleteZone{{ID: 1, TimeZone: ""}, {ID: 2, TimeZone: "Europe/Berlin"}, {ID: 3, TimeZone: "America/New_York"}, {ID: 4, TimeZone: "Asia/Tokyo"}}
	got := NightlyDue(zones, now)
	// UTC is at 02:30 (not yet), Berlin 04:30, New York 22:30 on 31 May,
	// Tokyo 11:30.
	want := []nightlyArgs{{AthleteID: 2, Day: "2025-06-01"}, {AthleteID: 3, Day: "2025-05-31"}, {AthleteID: 4, Day: "2025-06-01"}}
	if !slices.Equal(got, want) {
		t.Fatalf("due %+v, want %+v", got, want)
	}
	if got := NightlyDue(zones[:1], now.Add(time.Hour)); len(got) != 1 || got[0].Day != "2025-06-01" {
		t.Fatalf("UTC at 03:30: %+v", got)
	}
}

// berlinRun is a short run in Berlin on day (a fixed date).
func berlinRun(t *testing.T, dir string, day int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Run</name><trkseg>`)
	t0 := time.Date(2025, 5, 1, 6, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	for i := range 600 {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="13.4"><time>%s</time></trkpt>`, 52.5+float64(i)*0.00003, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	p := filepath.Join(dir, fmt.Sprintf("run-%d.gpx", day))
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestInferPlaceJob: after an import (place left out), an infer_place job
// sets the athlete's time zone from where the runs start.
func TestInferPlaceJob(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := openStore(t, dsn)
			q, _ := newQueue(t, st, Config{})
			id := newAthlete(t, st)
			dir := t.TempDir()
			paths := []string{berlinRun(t, dir, 0), berlinRun(t, dir, 2), berlinRun(t, dir, 4)}
			if _, err := ingest.Import(ctx, st, id, paths, ingest.Options{SkipPlace: true}); err != nil {
				t.Fatal(err)
			}
			if ath, _ := st.GetAthlete(ctx, id); ath.TimeZone != "" {
				t.Fatalf("time zone %q before the job", ath.TimeZone)
			}
			if err := q.EnqueuePlace(ctx, id); err != nil {
				t.Fatal(err)
			}
			list, err := q.Jobs(ctx, athlete.JobFilter{Kind: KindInferPlace})
			if err != nil || len(list) != 1 {
				t.Fatalf("%+v %v", list, err)
			}
			waitJob(t, q, list[0].ID, func(j athlete.JobView) bool { return j.State == "completed" })
			if ath, _ := st.GetAthlete(ctx, id); ath.TimeZone != "Europe/Berlin" {
				t.Fatalf("time zone %q after the job", ath.TimeZone)
			}
		})
	}
}

// TestNightlyAt: a round's nightly jobs wait a minute after the round, then
// are spread over its hour in order, none after the next round.
func TestNightlyAt(t *testing.T) {
	now := time.Date(2025, 6, 2, 3, 0, 0, 0, time.UTC)
	at := NightlyAt(now, 1000)
	if got := at(0); !got.Equal(now.Add(NightlyWait)) {
		t.Errorf("first at %v", got)
	}
	for i := 1; i < 1000; i++ {
		if !at(i).After(at(i - 1)) {
			t.Fatalf("job %d at %v, not after %v", i, at(i), at(i-1))
		}
	}
	if last := at(999); !last.Before(now.Add(time.Hour)) {
		t.Errorf("last at %v", last)
	}
	if got := NightlyAt(now, 0)(0); !got.Equal(now.Add(NightlyWait)) {
		t.Errorf("empty round at %v", got)
	}
}

// findJob polls the job list until a job of the kind appears (a generous
// limit, not a timing assumption).
func findJob(t *testing.T, q *Queue, kind string) athlete.JobView {
	t.Helper()
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		list, err := q.Jobs(context.Background(), athlete.JobFilter{Kind: kind, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(list) > 0 {
			return list[0]
		}
	}
	t.Fatalf("no %s job", kind)
	return athlete.JobView{}
}

// checkScheduled fails unless at is delay after the database time before
// (read just before the job was made), give or take the time taken.
func checkScheduled(t *testing.T, at, before time.Time, delay time.Duration) {
	t.Helper()
	if d := at.Sub(before); d < delay-time.Second || d > delay+30*time.Second {
		t.Errorf("scheduled at %v: %v after the database's clock, want %v", at, d, delay)
	}
}

// TestScheduledOnDBClock: a delayed job's scheduled_at is the database's
// now plus the delay, whatever this process's clock says (River makes it
// available by the database's clock): a route check still runs about two
// seconds later, and a nightly round's first job is NightlyWait after the
// database's now. With the app's clock moved (the faketime sweep, e.g.
// Kiritimati: hours ahead of the database), scheduling from time.Now held
// the route check back by the skew and failed here.
func TestScheduledOnDBClock(t *testing.T) {
	for name, dsn := range dsns(t) {
		t.Run(name, func(t *testing.T) {
			st := openStore(t, dsn)
			id := newAthlete(t, st)
			ctx := context.Background()
			before, err := DBNow(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			// An app clock well past NightlyHour (testkit.Now, noon UTC of
			// a fixed day, not today: nothing here may hang on the day the
			// test runs): the round makes the athlete's nightly job when
			// the queue starts, however far the app's day is from the
			// database's.
			q, _ := newQueue(t, st, Config{Now: testkit.Now})
			checkScheduled(t, findJob(t, q, KindNightly).ScheduledAt, before, NightlyWait)

			before, err = DBNow(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			if err := q.EnqueueRouteCheck(ctx, id); err != nil {
				t.Fatal(err)
			}
			j := findJob(t, q, KindRouteRefresh)
			checkScheduled(t, j.ScheduledAt, before, routeCheckDelay)
			waitJob(t, q, j.ID, func(j athlete.JobView) bool { return j.State == "completed" })
		})
	}
}
