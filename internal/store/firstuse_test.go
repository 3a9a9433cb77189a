package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/gear"
	"rekindle/internal/plan"
)

// The class of CI stop 29 (TestNextIDsFirstUseConcurrent): a write that
// reads, decides and then writes meets, on PostgreSQL READ COMMITTED (or
// SQLite when the read is outside the write transaction), what another
// transaction committed in between. Each test below releases its callers
// together, rounds at a time, and checks the outcome a serial order would
// give.

const racers, raceRounds = 8, 4

// together runs f(0) … f(n-1) on n goroutines released at once and
// returns their errors.
func together(n int, f func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = f(i)
		}()
	}
	close(start)
	wg.Wait()
	return errs
}

func noErrors(t *testing.T, what string, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("%s: caller %d: %v", what, i, err)
		}
	}
}

// TestDefaultAthleteFirstUseConcurrent: processes starting at once (serve
// and a CLI import, two replicas) all get the one default athlete.
func TestDefaultAthleteFirstUseConcurrent(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			for round := range raceRounds {
				ids := make([]int64, racers)
				noErrors(t, "default athlete", together(racers, func(i int) error {
					a, err := s.DefaultAthlete(ctx)
					if a != nil {
						ids[i] = a.ID
					}
					return err
				}))
				var defaults []int64
				rows, err := s.db.QueryContext(ctx, `SELECT id FROM athletes WHERE is_default = 1`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var id int64
					rows.Scan(&id)
					defaults = append(defaults, id)
				}
				rows.Close()
				for _, id := range defaults {
					s.DeleteAthlete(ctx, id)
				}
				if len(defaults) != 1 || slices.Min(ids) != slices.Max(ids) {
					t.Fatalf("round %d: %d default athletes %v, callers got %v", round, len(defaults), defaults, ids)
				}
			}
		})
	}
}

// TestCreateAccountFirstConcurrent: of sign-ups at once on an instance
// with no account only one becomes the admin, and of sign-ups with one
// email one gets the account and the others a conflict (not a server
// error).
func TestCreateAccountFirstConcurrent(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 4, 7, 30, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			clear := func() {
				accs, _ := s.ListAccounts(ctx)
				for _, a := range accs {
					if err := s.DeleteAthlete(ctx, a.AthleteID); err != nil {
						t.Fatal(err)
					}
				}
			}
			for round := range raceRounds {
				clear()
				admins := make([]bool, racers)
				noErrors(t, "create account", together(racers, func(i int) error {
					a, err := s.CreateAccount(ctx, fmt.Sprintf("r%d-%d@example.com", round, i), "x", "hash", "", now)
					admins[i] = a.Admin
					return err
				}))
				accs, err := s.ListAccounts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, a := range accs {
					if a.Admin {
						n++
					}
				}
				if len(accs) != racers || n != 1 {
					t.Fatalf("round %d: %d accounts, %d admins (callers told %v), want %d and 1", round, len(accs), n, admins, racers)
				}
				errs := together(racers, func(i int) error {
					_, err := s.CreateAccount(ctx, fmt.Sprintf("same-%d@example.com", round), "x", "hash", "", now)
					return err
				})
				made := 0
				for i, err := range errs {
					switch {
					case err == nil:
						made++
					case rekindle.ErrorCode(err) != rekindle.CodeConflict:
						t.Fatalf("round %d: same email, caller %d: %v, want a conflict", round, i, err)
					}
				}
				if made != 1 {
					t.Fatalf("round %d: same email: %d accounts made, want 1", round, made)
				}
			}
			clear()
		})
	}
}

// TestSaveCheckInSameActivityConcurrent: check-ins of one activity saved at
// once (a form sent twice) leave the one check-in, and none fails.
func TestSaveCheckInSameActivityConcurrent(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 3, 4, 7, 30, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, _ := newTestAthletes(t, s)
			for round := range raceRounds {
				act := int64(100 + round)
				ids := make([]int64, racers)
				noErrors(t, "save check-in", together(racers, func(i int) error {
					c := CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a, ActivityID: act, At: at, Enjoyment: 1 + i%5, RPE: 5}}
					err := s.SaveCheckIn(ctx, &c)
					ids[i] = c.ID
					return err
				}))
				got, err := s.CheckInOfActivity(ctx, a, act)
				if err != nil {
					t.Fatal(err)
				}
				for i, id := range ids {
					if id != got.ID {
						t.Fatalf("round %d: caller %d got check-in %d, stored is %d (all %v)", round, i, id, got.ID, ids)
					}
				}
			}
		})
	}
}

// TestImportCalendarSameFeedConcurrent: one feed imported at once (two
// replicas refreshing it) stays one feed with its events once.
func TestImportCalendarSameFeedConcurrent(t *testing.T) {
	ctx := context.Background()
	gym := readCalendarFixture(t, "gym-schedule.ics")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, _ := newTestAthletes(t, s)
			for round := range raceRounds {
				feed := fmt.Sprintf("Harbourside %d", round)
				noErrors(t, "import calendar", together(racers, func(i int) error {
					_, err := s.ImportCalendar(ctx, a, CalendarClasses, feed, "gym-schedule.ics", gym, now.Add(time.Duration(i)*time.Minute))
					return err
				}))
				feeds, err := s.ListCalendarFeeds(ctx, a, CalendarClasses)
				if err != nil {
					t.Fatal(err)
				}
				if len(feeds) != round+1 {
					t.Fatalf("round %d: %d feeds, want %d", round, len(feeds), round+1)
				}
				var n int
				if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM calendar_events e JOIN calendar_feeds f ON f.athlete_id = e.athlete_id AND f.id = e.feed_id
					WHERE f.athlete_id = ? AND f.name = ?`), a, feed).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != len(gym) {
					t.Fatalf("round %d: %d events stored, want %d", round, n, len(gym))
				}
			}
		})
	}
}

// TestAssignGearConcurrent: an activity assigned to gear by hand from two
// tabs at once ends with one assignment, and neither fails.
func TestAssignGearConcurrent(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 1, 6, 7, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, _ := newTestAthletes(t, s)
			runs := addRuns(t, s, a, day, raceRounds, 5, "")
			var pairs []int64
			for i := range 2 {
				g := gear.Gear{Kind: gear.KindShoes, Name: fmt.Sprint("shoe ", i), RetireAtM: gear.DefaultShoeRetireM}
				if err := s.SaveGear(ctx, a, &g); err != nil {
					t.Fatal(err)
				}
				pairs = append(pairs, g.ID)
			}
			for round, run := range runs {
				noErrors(t, "assign gear", together(racers, func(i int) error {
					return s.AssignGear(ctx, a, pairs[i%2], []int64{run})
				}))
				m, err := s.GearAssignments(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				if g := m[run]; g != pairs[0] && g != pairs[1] {
					t.Fatalf("round %d: run %d assigned to %d", round, run, g)
				}
			}
		})
	}
}

// TestAddPlannedSameIdeaConcurrent: one idea accepted twice at once (a
// double click, two replicas) is in the plan once: the later replaces the
// earlier, as it does one after the other.
func TestAddPlannedSameIdeaConcurrent(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, _ := newTestAthletes(t, s)
			for round := range raceRounds {
				day := fmt.Sprintf("2025-03-%02d", 10+round)
				noErrors(t, "add planned", together(racers, func(i int) error {
					return s.AddPlanned(ctx, a, []plan.Session{{Day: day, Sport: rekindle.SportRunning, Kind: plan.KindEasy, DistanceM: 6000, ExperimentID: int64(1 + i)}})
				}))
				got, err := s.ListPlanned(ctx, a, day, day)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 {
					t.Fatalf("round %d: %d sessions on %s, want 1: %+v", round, len(got), day, got)
				}
			}
		})
	}
}

// TestSetNotifyKindOffConcurrent: unsubscribe links of several kinds
// clicked at once turn every one of them off (the settings were read,
// changed and written back whole: the last write won).
func TestSetNotifyKindOffConcurrent(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, _ := newTestAthletes(t, s)
			for round := range raceRounds {
				want := make([]string, racers)
				noErrors(t, "kind off", together(racers, func(i int) error {
					want[i] = fmt.Sprintf("kind%d_%d", round, i)
					return s.SetNotifyKindOff(ctx, a, want[i])
				}))
				ns, err := s.GetNotifySettings(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range want {
					if !slices.Contains(ns.EmailOff, k) {
						t.Fatalf("round %d: %s not off: %v", round, k, ns.EmailOff)
					}
				}
			}
		})
	}
}

// TestUnsubKeyFirstUseConcurrent: two first e-mails at once each make an
// unsubscribe key, save it and read back the one that was kept; the links
// each signs must hold with the key stored in the end (a later save had
// replaced a key already used to sign).
func TestUnsubKeyFirstUseConcurrent(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			for round := range raceRounds {
				a, _ := newTestAthletes(t, s)
				used := make([]string, racers)
				noErrors(t, "unsub key", together(racers, func(i int) error {
					ns := NotifySettings{QuietStart: -1, QuietEnd: -1, UnsubKey: fmt.Sprint("key", i)}
					if err := s.SaveNotifySettings(ctx, a, ns); err != nil {
						return err
					}
					back, err := s.GetNotifySettings(ctx, a)
					used[i] = back.UnsubKey
					return err
				}))
				final, err := s.GetNotifySettings(ctx, a)
				if err != nil {
					t.Fatal(err)
				}
				for i, k := range used {
					if k != final.UnsubKey {
						t.Fatalf("round %d: caller %d signed with %q, stored key is %q", round, i, k, final.UnsubKey)
					}
				}
			}
		})
	}
}

// TestAcceptCoachInvitesConcurrent: two invites of one runner accepted by
// one coach at once (sent twice, both clicked) leave one link, and neither
// acceptance fails.
func TestAcceptCoachInvitesConcurrent(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			for round := range raceRounds {
				runner, c := newTestAthletes(t, s)
				scopes, _ := coach.ParseScopes("comment")
				tokens := make([]string, racers)
				for i := range tokens {
					token, hash, err := coach.NewToken()
					if err != nil {
						t.Fatal(err)
					}
					inv := coach.Invite{AthleteID: runner, Scopes: scopes, Created: now, Expires: now.AddDate(0, 0, coach.InviteDays)}
					if err := s.CreateCoachInvite(ctx, &inv, hash); err != nil {
						t.Fatal(err)
					}
					tokens[i] = token
				}
				noErrors(t, "accept coach invite", together(racers, func(i int) error {
					_, err := s.AcceptCoachInvite(ctx, coach.HashToken(tokens[i]), c, now)
					return err
				}))
				if coached, _ := s.ListCoachedAthletes(ctx, c); len(coached) != 1 || coached[0].AthleteID != runner {
					t.Fatalf("round %d: coached %+v", round, coached)
				}
			}
		})
	}
}
