package store

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/coach"
)

func TestCoach(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			runner, c := newTestAthletes(t, s)
			other, stranger := newTestAthletes(t, s)
			token, hash, err := coach.NewToken()
			if err != nil {
				t.Fatal(err)
			}
			scopes, _ := coach.ParseScopes("comment")
			inv := coach.Invite{AthleteID: runner, Scopes: scopes, Created: now, Expires: now.AddDate(0, 0, coach.InviteDays)}
			if err := s.CreateCoachInvite(ctx, &inv, hash); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AcceptCoachInvite(ctx, coach.HashToken(token), runner, now); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("self-coaching: %v", err)
			}
			if _, err := s.AcceptCoachInvite(ctx, coach.HashToken(token), c, now.AddDate(0, 0, 15)); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("expired: %v", err)
			}
			if _, err := s.AcceptCoachInvite(ctx, coach.HashToken("rkc_wrong"), c, now); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
				t.Errorf("wrong token: %v", err)
			}
			l, err := s.AcceptCoachInvite(ctx, coach.HashToken(" "+token+"\n"), c, now)
			if err != nil || !l.Allows(coach.ScopeComment) || !l.Allows(coach.ScopeRead) || l.Allows(coach.ScopeEditPlan) {
				t.Fatalf("accept: %+v %v", l, err)
			}
			if _, err := s.AcceptCoachInvite(ctx, hash, other, now); rekindle.ErrorCode(err) != rekindle.CodeConflict {
				t.Errorf("reuse: %v", err)
			}
			if ok, _ := s.CoachCan(ctx, runner, c, coach.ScopeRead); !ok {
				t.Error("coach cannot read")
			}
			if ok, _ := s.CoachCan(ctx, runner, stranger, coach.ScopeRead); ok {
				t.Error("stranger can read")
			}
			if ok, _ := s.CoachCan(ctx, c, runner, coach.ScopeRead); ok {
				t.Error("links are one way")
			}
			if coached, _ := s.ListCoachedAthletes(ctx, c); len(coached) != 1 || coached[0].AthleteID != runner {
				t.Errorf("coached %+v", coached)
			}

			req := coach.Request{AthleteID: runner, CoachID: c, Message: "Can you look at my next 4 weeks?", Created: now,
				Context: coach.Context{AsOf: "2025-03-01", Spark: json.RawMessage(`{"spark_score":41}`), Training: &coach.KeyNumbers{Fitness: 52.1, RunsPerWeek: 4.5}}}
			if err := s.CreateCoachRequest(ctx, &req); err != nil {
				t.Fatal(err)
			}
			bad := coach.Request{AthleteID: runner, CoachID: stranger, Message: "hi"}
			if err := s.CreateCoachRequest(ctx, &bad); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("request to a stranger: %v", err)
			}
			if _, err := s.ReplyCoachRequest(ctx, runner, req.ID, stranger, "let me in", now); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("stranger replies: %v", err)
			}
			if _, err := s.ReplyCoachRequest(ctx, runner, req.ID, c, "Take next week light: 30 km.", now.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			forCoach, _ := s.ListRequestsForCoach(ctx, c)
			if len(forCoach) != 1 || forCoach[0].State != coach.StateAnswered || string(forCoach[0].Context.Spark) != `{"spark_score":41}` || forCoach[0].Context.Training.Fitness != 52.1 {
				t.Errorf("coach's requests %+v", forCoach)
			}
			if _, err := s.ReplyCoachRequest(ctx, runner, req.ID, runner, "Thanks!", now.Add(2*time.Hour)); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetCoachRequest(ctx, runner, req.ID)
			if err != nil || len(got.Messages) != 2 || got.Messages[0].AuthorID != c || got.State != coach.StateOpen {
				t.Errorf("request %+v %v", got, err)
			}
			if _, err := s.GetCoachRequest(ctx, c, req.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("request under the coach's own id: %v", err)
			}
			// Read only: no more replies from the coach; revoked: nothing.
			if err := s.SetCoachScopes(ctx, runner, c, []coach.Scope{coach.ScopeRead}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ReplyCoachRequest(ctx, runner, req.ID, c, "one more", now); rekindle.ErrorCode(err) != rekindle.CodeForbidden {
				t.Errorf("read-only coach replies: %v", err)
			}
			if err := s.RevokeCoach(ctx, runner, c, now.Add(3*time.Hour)); err != nil {
				t.Fatal(err)
			}
			if ok, _ := s.CoachCan(ctx, runner, c, coach.ScopeRead); ok {
				t.Error("revoked coach can read")
			}
			if forCoach, _ := s.ListRequestsForCoach(ctx, c); len(forCoach) != 0 {
				t.Errorf("revoked coach still sees %d requests", len(forCoach))
			}
			if mine, _ := s.ListCoachRequests(ctx, runner); len(mine) != 1 {
				t.Errorf("the athlete keeps their requests: %d", len(mine))
			}
			if err := s.CloseCoachRequest(ctx, runner, req.ID, now); err != nil {
				t.Error(err)
			}
			if _, err := s.ReplyCoachRequest(ctx, runner, req.ID, runner, "again", now); rekindle.ErrorCode(err) != rekindle.CodeConflict {
				t.Errorf("reply on closed: %v", err)
			}
		})
	}
}
