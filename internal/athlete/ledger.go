package athlete

import (
	"context"
	"rekindle"
	"rekindle/internal/reward"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/units"
	"time"
)

// ledger lists the rewards with their facts at at; when record is set the
// rewards newly earned get their date stored.
func ledger(ctx context.Context, s *store.Store, athleteID int64, at time.Time, record bool) ([]reward.Reward, *reward.Facts, error) {
	list, err := s.ListRewards(ctx, athleteID)
	if err != nil {
		return nil, nil, err
	}
	f, err := s.RewardFacts(ctx, athleteID, at)
	if err != nil {
		return nil, nil, err
	}
	if err := markEarned(ctx, s, athleteID, list, f, at, record); err != nil {
		return nil, nil, err
	}
	return list, f, nil
}

// markEarned stores the date of rewards newly earned by at when record is set.
func markEarned(ctx context.Context, s *store.Store, athleteID int64, list []reward.Reward, f *reward.Facts, at time.Time, record bool) error {
	for i := range list {
		r := &list[i]
		if r.Start.After(at) {
			continue
		}
		if p := reward.Evaluate(r, f, at); p.Earned && r.Earned.IsZero() && record {
			if err := s.MarkRewardEarned(ctx, athleteID, r.ID, p.EarnedAt); err != nil {
				return err
			}
			r.Earned = p.EarnedAt
		}
	}
	return nil
}

// ledgerInput fills spark's input with the gear's mileage, the reward
// Ledger's progress at asOf (read only: nothing is recorded) and the
// gratitude facts of its sessions.
func ledgerInput(ctx context.Context, s *store.Store, ath *rekindle.Athlete, asOf time.Time, history []rekindle.Activity, in *spark.Input) error {
	loc := ath.Location()
	y, m, d := asOf.In(loc).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	mileage, err := s.GearMileageOf(ctx, ath.ID, history, end)
	if err != nil {
		return err
	}
	for _, x := range mileage {
		in.Gear = append(in.Gear, spark.GearInfo{Name: x.Gear.Label(), Kind: string(x.Gear.Kind), DistanceM: x.DistanceM, RetireAtM: x.Gear.RetireAtM,
			Retired: !x.Gear.Retired.IsZero() && !x.Gear.Retired.After(end)})
	}
	list, err := s.ListRewards(ctx, ath.ID)
	if err != nil {
		return err
	}
	f, err := s.RewardFactsOf(ctx, ath.ID, history, mileage, end)
	if err != nil {
		return err
	}
	unit := ath.Unit
	if unit == "" {
		unit = rekindle.UnitKm
	}
	for i := range list {
		r := &list[i]
		if !r.Start.Before(end) {
			continue
		}
		p := reward.Evaluate(r, f, end)
		in.Rewards = append(in.Rewards, spark.RewardInfo{ID: r.ID, Text: r.Text, Condition: reward.Describe(r, f, units.Metres(unit), string(unit)),
			Progress: reward.Status(r, p, units.Metres(unit), string(unit), loc, Dates(ath)), Share: p.Share, Earned: p.Earned,
			Claimed: !r.Claimed.IsZero() && r.Claimed.Before(end), Expired: p.Expired})
	}
	in.GratitudeFacts = gratitudeFacts(ath, in)
	return nil
}
