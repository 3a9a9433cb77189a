package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/gear"
	"rekindle/internal/reward"
)

func TestRewards(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			peg := gear.Gear{Kind: gear.KindShoes, Name: "Pegasus 40", RetireAtM: 100_000, DefaultFor: []rekindle.Sport{rekindle.SportRunning}}
			if err := s.SaveGear(ctx, a, &peg); err != nil {
				t.Fatal(err)
			}
			addRuns(t, s, a, day.Add(7*time.Hour), 12, 10, "")
			massage := reward.Reward{Text: "a massage", Kind: reward.KindRuns, Runs: 8, Days: 14, Start: day}
			shoes := reward.Reward{Text: "new shoes", Kind: reward.KindShoe, GearID: peg.ID, Start: day}
			for _, r := range []*reward.Reward{&massage, &shoes} {
				if err := s.SaveReward(ctx, a, r); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SaveReward(ctx, a, &reward.Reward{Text: "x", Kind: reward.KindRuns, Start: day}); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("invalid reward: %v", err)
			}
			f, err := s.RewardFacts(ctx, a, day.AddDate(0, 0, 30))
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Runs) != 12 || len(f.Shoes) != 1 || f.Shoes[0].DistanceM != 120_000 {
				t.Fatalf("facts %+v", f)
			}
			list, err := s.ListRewards(ctx, a)
			if err != nil || len(list) != 2 {
				t.Fatalf("list %v %v", list, err)
			}
			pm := reward.Evaluate(&list[0], f, day.AddDate(0, 0, 30))
			ps := reward.Evaluate(&list[1], f, day.AddDate(0, 0, 30))
			if !pm.Earned || !pm.EarnedAt.Equal(day.AddDate(0, 0, 7).Add(7*time.Hour)) || !ps.Earned || !ps.EarnedAt.Equal(day.AddDate(0, 0, 9).Add(7*time.Hour)) {
				t.Errorf("massage %+v, shoes %+v", pm, ps)
			}
			if err := s.MarkRewardEarned(ctx, a, massage.ID, pm.EarnedAt); err != nil {
				t.Fatal(err)
			}
			if err := s.MarkRewardEarned(ctx, a, massage.ID, day.AddDate(1, 0, 0)); err != nil { // kept: the first date
				t.Fatal(err)
			}
			if err := s.ClaimReward(ctx, a, massage.ID, day.AddDate(0, 0, 31)); err != nil {
				t.Fatal(err)
			}
			if err := s.ClaimReward(ctx, a, massage.ID, day.AddDate(0, 0, 32)); rekindle.ErrorCode(err) != rekindle.CodeConflict {
				t.Errorf("claim twice: %v", err)
			}
			if err := s.ClaimReward(ctx, b, shoes.ID, day); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("other athlete claims: %v", err)
			}
			got, err := s.GetReward(ctx, a, massage.ID)
			if err != nil || !got.Earned.Equal(pm.EarnedAt) || !got.Claimed.Equal(day.AddDate(0, 0, 31)) || got.Runs != 8 || got.Days != 14 {
				t.Errorf("get %+v %v", got, err)
			}
			if err := s.DeleteReward(ctx, a, shoes.ID); err != nil {
				t.Error(err)
			}
			if other, _ := s.ListRewards(ctx, b); len(other) != 0 {
				t.Errorf("other athlete lists %d rewards", len(other))
			}
		})
	}
}
