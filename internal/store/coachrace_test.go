package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/gratitude"
	"rekindle/internal/plan"
)

// linkTestCoach links coach c to runner with the scopes (e.g. "comment").
func linkTestCoach(t *testing.T, s *Store, runner, c int64, scopes string, now time.Time) {
	t.Helper()
	ctx := context.Background()
	token, hash, err := coach.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	sc, _ := coach.ParseScopes(scopes)
	inv := coach.Invite{AthleteID: runner, Scopes: sc, Created: now, Expires: now.AddDate(0, 0, coach.InviteDays)}
	if err := s.CreateCoachInvite(ctx, &inv, hash); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AcceptCoachInvite(ctx, coach.HashToken(token), c, now); err != nil {
		t.Fatal(err)
	}
}

// TestCoachReplyCloseConcurrent: replies sent while the athlete closes the
// request. In any serial order the request ends closed (a reply before the
// close is followed by it, a reply after it is refused as a conflict);
// with the request read before the reply's transaction, a reply committed
// after the close set the state back to open or answered.
func TestCoachReplyCloseConcurrent(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			runner, c := newTestAthletes(t, s)
			linkTestCoach(t, s, runner, c, "comment", now)
			for round := range raceRounds * 4 {
				req := coach.Request{AthleteID: runner, CoachID: c, Message: fmt.Sprintf("round %d", round), Created: now}
				if err := s.CreateCoachRequest(ctx, &req); err != nil {
					t.Fatal(err)
				}
				errs := together(racers, func(i int) error {
					if i == racers/2 {
						return s.CloseCoachRequest(ctx, runner, req.ID, now.Add(time.Hour))
					}
					author := runner
					if i%2 == 1 {
						author = c
					}
					_, err := s.ReplyCoachRequest(ctx, runner, req.ID, author, fmt.Sprintf("reply %d", i), now.Add(time.Minute))
					if rekindle.ErrorCode(err) == rekindle.CodeConflict {
						return nil
					}
					return err
				})
				noErrors(t, "reply or close", errs)
				got, err := s.GetCoachRequest(ctx, runner, req.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.State != coach.StateClosed {
					t.Fatalf("round %d: request %s after a close and %d replies at once (%d stored), want closed", round, got.State, racers-1, len(got.Messages))
				}
			}
		})
	}
}

// holdRow runs lock (a statement that locks rows) in a PostgreSQL
// transaction left open, and returns its backend's pid and the function
// that ends it.
func holdRow(t *testing.T, s *Store, lock string, args ...any) (int, func()) {
	t.Helper()
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var pid int
	if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, lock, args...); err != nil {
		t.Fatal(err)
	}
	done := false
	end := func() {
		if !done {
			done = true
			tx.Rollback()
		}
	}
	t.Cleanup(end)
	return pid, end
}

// blockedBy counts the backends waiting, directly or through others, on
// the lock holder pid.
func blockedBy(t *testing.T, s *Store, pid int) int {
	t.Helper()
	var n int
	err := s.db.QueryRowContext(context.Background(), `WITH RECURSIVE b(pid) AS (SELECT $1::int
		UNION SELECT a.pid FROM pg_stat_activity a, b WHERE b.pid = ANY(pg_blocking_pids(a.pid)))
		SELECT count(*) - 1 FROM b`, pid).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// waitBlocked waits until n backends wait on the holder pid, or done
// delivers (the call returned without waiting), and reports whether they
// did wait.
func waitBlocked(t *testing.T, s *Store, pid, n int, done <-chan error) (blocked bool, err error) {
	t.Helper()
	for {
		select {
		case err := <-done:
			return false, err
		default:
		}
		if blockedBy(t, s, pid) >= n {
			return true, nil
		}
		time.Sleep(time.Millisecond)
	}
}

// TestCoachRevokeMidRequest: a revoke committed while a request or a
// coach's reply is on its way (after the link was checked, before the
// write: here the call waits on the sequence's row) is seen: the request
// and the reply are refused. Before, the link was read before the write
// transaction and both went through to the coach no longer linked.
// PostgreSQL only: on SQLite the check and the write run in one IMMEDIATE
// transaction, one at a time.
func TestCoachRevokeMidRequest(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	s := TestStores(t)["postgres"]
	if s == nil {
		t.Skip("PostgreSQL only (REKINDLE_TEST_POSTGRES)")
	}
	for _, what := range []string{"request", "reply"} {
		t.Run(what, func(t *testing.T) {
			runner, c := newTestAthletes(t, s)
			linkTestCoach(t, s, runner, c, "comment", now)
			req := coach.Request{AthleteID: runner, CoachID: c, Message: "before", Created: now}
			if err := s.CreateCoachRequest(ctx, &req); err != nil {
				t.Fatal(err)
			}
			seq := "coach_" + what
			if what == "reply" {
				seq = "coach_message"
			}
			pid, release := holdRow(t, s, `INSERT INTO id_seq (name, next_id) VALUES ($1, 1) ON CONFLICT (name) DO UPDATE SET next_id = id_seq.next_id`, seq)
			done := make(chan error, 1)
			go func() {
				var err error
				if what == "request" {
					r := coach.Request{AthleteID: runner, CoachID: c, Message: "during", Created: now}
					err = s.CreateCoachRequest(ctx, &r)
				} else {
					_, err = s.ReplyCoachRequest(ctx, runner, req.ID, c, "during", now)
				}
				done <- err
			}()
			if blocked, err := waitBlocked(t, s, pid, 1, done); !blocked {
				t.Fatalf("the %s did not wait on the sequence: %v", what, err)
			}
			if err := s.RevokeCoach(ctx, runner, c, now.Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			release()
			if err := <-done; rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("%s to a coach revoked before it was stored: %v, want forbidden", what, err)
			}
		})
	}
}

// TestSequenceNotHeldAcrossAthletes: a write of one athlete waiting (here
// on its athlete's stamp row, as behind a long import) does not hold up
// another athlete's write of the same kind on PostgreSQL. Before, the id
// was reserved inside the write transaction, whose lock on the sequence's
// row lasted until its commit: every athlete's check-in, coach request or
// reply waited for the one before.
func TestSequenceNotHeldAcrossAthletes(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	s := TestStores(t)["postgres"]
	if s == nil {
		t.Skip("PostgreSQL only (REKINDLE_TEST_POSTGRES)")
	}
	writes := map[string]func(athlete int64) error{
		"checkin": func(a int64) error {
			return s.SaveCheckIn(ctx, &CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a, At: now, Enjoyment: 3, RPE: 4}})
		},
		"gratitude": func(a int64) error {
			return s.AddGratitude(ctx, a, &gratitude.Entry{Day: "2025-03-01", Text: "the hills"})
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			// One write first: the sequence's row exists.
			if err := write(a); err != nil {
				t.Fatal(err)
			}
			pid, release := holdRow(t, s, `SELECT athlete_id FROM athlete_stamps WHERE athlete_id = $1 FOR UPDATE`, a)
			doneA, doneB := make(chan error, 1), make(chan error, 1)
			go func() { doneA <- write(a) }()
			if blocked, err := waitBlocked(t, s, pid, 1, doneA); !blocked {
				t.Fatalf("athlete a's write did not wait on its stamp: %v", err)
			}
			go func() { doneB <- write(b) }()
			blocked, err := waitBlocked(t, s, pid, 2, doneB)
			release()
			if blocked {
				err = <-doneB
				t.Errorf("athlete b's write waited for athlete a's (then: %v)", err)
			} else if err != nil {
				t.Fatal(err)
			}
			if err := <-doneA; err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestDeleteAthleteConcurrentWrites: an athlete deleted while an import,
// a check-in and a journal entry of theirs are written. In a serial order
// each write comes before the delete (and is deleted with the athlete) or
// after it (and is refused as not found); afterwards nothing of theirs is
// left, and no write fails otherwise.
func TestDeleteAthleteConcurrentWrites(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			tables, err := s.athleteTables(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for round := range raceRounds * 2 {
				a := &rekindle.Athlete{Name: "leaving"}
				if err := s.CreateAthlete(ctx, a); err != nil {
					t.Fatal(err)
				}
				errs := together(4, func(i int) error {
					switch i {
					case 0:
						return s.DeleteAthlete(ctx, a.ID)
					case 1:
						p, err := Prepare(sampleActivity(now.Add(time.Duration(round)*time.Hour), 10))
						if err != nil {
							return err
						}
						return s.WriteBatch(ctx, a.ID, &Batch{New: []*PreparedActivity{p}})
					case 2:
						return s.SaveCheckIn(ctx, &CheckIn{CheckIn: rekindle.CheckIn{AthleteID: a.ID, At: now, Enjoyment: 3, RPE: 4}})
					default:
						return s.AddGratitude(ctx, a.ID, &gratitude.Entry{Day: "2025-03-01", Text: "the hills"})
					}
				})
				for i, err := range errs {
					if err != nil && (i == 0 || rekindle.ErrorCode(err) != rekindle.CodeNotFound) {
						t.Errorf("round %d: caller %d: %v", round, i, err)
					}
				}
				for _, tb := range tables {
					var n int
					if err := s.db.QueryRowContext(ctx, s.rebind(`SELECT count(*) FROM `+quoteIdent(tb)+` WHERE athlete_id = ?`), a.ID).Scan(&n); err != nil {
						t.Fatal(err)
					}
					if n != 0 {
						t.Errorf("round %d: %d rows of the deleted athlete left in %s", round, n, tb)
					}
				}
				if t.Failed() {
					return
				}
			}
		})
	}
}

// TestCoachPlanEditRevoked: a coach's plan edit (add or delete) in flight
// while the athlete revokes them. The revoke's transaction is held open,
// its UPDATE done, when the edit starts; once it commits the edit is
// refused (not found: the link is gone) and the plan is unchanged. Before,
// the web and the API checked the link in the handler and the store wrote
// whatever it was given: a revoke committed between the two let the coach's
// edit in. On PostgreSQL the edit is also seen to wait on the revoke (it
// reads the link locked, inside its write's transaction); on SQLite the
// open revoke holds the one writer, so the edit's check can only come after
// it. A link without edit_plan is refused as forbidden, and the athlete
// cannot pass as their own coach.
func TestCoachPlanEditRevoked(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	session := func(day string) []plan.Session {
		return []plan.Session{{Day: day, Kind: plan.KindEasy, Sport: rekindle.SportRunning, DistanceM: 5000}}
	}
	for name, s := range TestStores(t) {
		for _, what := range []string{"add", "delete"} {
			t.Run(name+"/"+what, func(t *testing.T) {
				runner, c := newTestAthletes(t, s)
				linkTestCoach(t, s, runner, c, "read,edit_plan", now)
				// While linked, the coach's edits go through.
				first := session("2025-03-03")
				if err := s.CoachAddPlanned(ctx, runner, c, first); err != nil {
					t.Fatal(err)
				}
				if err := s.CoachDeletePlanned(ctx, runner, c, first[0].ID); err != nil {
					t.Fatal(err)
				}
				kept := session("2025-03-04")
				if err := s.AddPlanned(ctx, runner, kept); err != nil {
					t.Fatal(err)
				}
				tx, err := s.db.BeginTx(ctx, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer tx.Rollback()
				pid := 0
				if s.dialect == Postgres {
					if err := tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE coach_links SET revoked_ms = ? WHERE athlete_id = ? AND coach_id = ? AND revoked_ms = 0`),
					now.Add(time.Hour).UnixMilli(), runner, c); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() {
					if what == "add" {
						done <- s.CoachAddPlanned(ctx, runner, c, session("2025-03-05"))
					} else {
						done <- s.CoachDeletePlanned(ctx, runner, c, kept[0].ID)
					}
				}()
				if s.dialect == Postgres {
					if blocked, err := waitBlocked(t, s, pid, 1, done); !blocked {
						t.Fatalf("the coach's %s did not wait on the revoke (read the link outside its write): %v", what, err)
					}
				}
				if err := tx.Commit(); err != nil {
					t.Fatal(err)
				}
				if err := <-done; rekindle.ErrorCode(err) != rekindle.CodeNotFound {
					t.Errorf("%s by a coach revoked before it was stored: %v, want not found", what, err)
				}
				got, err := s.ListPlanned(ctx, runner, "", "")
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != 1 || got[0].ID != kept[0].ID {
					t.Errorf("plan after the refused %s: %+v, want only session %d", what, got, kept[0].ID)
				}
			})
		}
		t.Run(name+"/scope", func(t *testing.T) {
			runner, c := newTestAthletes(t, s)
			linkTestCoach(t, s, runner, c, "read,comment", now)
			kept := session("2025-03-04")
			if err := s.AddPlanned(ctx, runner, kept); err != nil {
				t.Fatal(err)
			}
			if err := s.CoachAddPlanned(ctx, runner, c, session("2025-03-05")); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("add without edit_plan: %v, want forbidden", err)
			}
			if err := s.CoachDeletePlanned(ctx, runner, c, kept[0].ID); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("delete without edit_plan: %v, want forbidden", err)
			}
			if err := s.CoachAddPlanned(ctx, runner, runner, session("2025-03-05")); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
				t.Errorf("the athlete as their own coach: %v, want not found", err)
			}
			if got, err := s.ListPlanned(ctx, runner, "", ""); err != nil || len(got) != 1 {
				t.Errorf("plan after refused edits: %+v, %v; want one session", got, err)
			}
		})
	}
}
