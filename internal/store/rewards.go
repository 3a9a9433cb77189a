package store

// The reward ledger (migration 00071), see package reward.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"rekindle"
	"rekindle/internal/gear"
	"rekindle/internal/reward"
)

const rewardCols = `id, text, kind, runs, distance_m, days, experiment_id, gear_id, start_ms, earned_ms, claimed_ms`

func scanReward(row rowScanner) (reward.Reward, error) {
	var r reward.Reward
	var kind string
	var start, earned, claimed int64
	err := row.Scan(&r.ID, &r.Text, &kind, &r.Runs, &r.DistanceM, &r.Days, &r.ExperimentID, &r.GearID, &start, &earned, &claimed)
	r.Kind = reward.Kind(kind)
	r.Start, r.Earned, r.Claimed = time.UnixMilli(start).UTC(), fromMS(earned), fromMS(claimed)
	return r, err
}

// SaveReward stores a reward (updating it when r.ID is set) and sets r.ID.
func (s *Store) SaveReward(ctx context.Context, athleteID int64, r *reward.Reward) error {
	if err := r.Validate(); err != nil {
		return fmt.Errorf("store: save reward: %w", err)
	}
	args := []any{clean(r.Text), string(r.Kind), r.Runs, r.DistanceM, r.Days, r.ExperimentID, r.GearID, r.Start.UnixMilli(), ms(r.Earned), ms(r.Claimed)}
	if r.ID != 0 {
		res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE rewards SET text = ?, kind = ?, runs = ?, distance_m = ?, days = ?, experiment_id = ?, gear_id = ?,
			start_ms = ?, earned_ms = ?, claimed_ms = ? WHERE athlete_id = ? AND id = ?`), append(args, athleteID, r.ID)...)
		if err != nil {
			return fmt.Errorf("store: update reward %d: %w", r.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("store: update reward %d: %w", r.ID, rekindle.ErrNotFound)
		}
		return nil
	}
	id, err := s.insertRow(ctx, "add reward", "reward", `INSERT INTO rewards (text, kind, runs, distance_m, days, experiment_id, gear_id, start_ms, earned_ms, claimed_ms, created_ms, athlete_id, id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, func(id int64) []any {
		return append(args, s.now().UnixMilli(), athleteID, id)
	})
	if err != nil {
		return err
	}
	r.ID = id
	return nil
}

// GetReward returns one reward, or an error wrapping rekindle.ErrNotFound.
func (s *Store) GetReward(ctx context.Context, athleteID, id int64) (reward.Reward, error) {
	r, err := scanReward(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+rewardCols+` FROM rewards WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: reward %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: reward %d: %w", id, err)
	}
	return r, nil
}

// ListRewards returns an athlete's rewards in the order they were added.
func (s *Store) ListRewards(ctx context.Context, athleteID int64) ([]reward.Reward, error) {
	return queryAll(ctx, hotReads{s}, "list rewards", `SELECT `+rewardCols+` FROM rewards WHERE athlete_id = ? ORDER BY id`, []any{athleteID}, scanReward)
}

// MarkRewardEarned records when a reward was earned (once: a reward already
// recorded as earned keeps its date).
func (s *Store) MarkRewardEarned(ctx context.Context, athleteID, id int64, at time.Time) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`UPDATE rewards SET earned_ms = ? WHERE athlete_id = ? AND id = ? AND earned_ms = 0`), at.UnixMilli(), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: reward %d earned: %w", id, err)
	}
	return nil
}

// ClaimReward records that the runner took the reward; a reward is claimed once.
func (s *Store) ClaimReward(ctx context.Context, athleteID, id int64, at time.Time) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE rewards SET claimed_ms = ? WHERE athlete_id = ? AND id = ? AND claimed_ms = 0`), at.UnixMilli(), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: claim reward %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.GetReward(ctx, athleteID, id); err != nil {
			return err
		}
		return fmt.Errorf("store: claim reward %d: %w", id, rekindle.Errorf(rekindle.CodeConflict, "already claimed"))
	}
	return nil
}

// DeleteReward deletes a reward.
func (s *Store) DeleteReward(ctx context.Context, athleteID, id int64) error {
	return s.execOne(ctx, fmt.Sprintf("delete reward %d", id), `DELETE FROM rewards WHERE athlete_id = ? AND id = ?`, athleteID, id)
}

// RewardFacts gathers what reward progress is computed from for an athlete
// by asOf: runs, accepted experiments with their window's end, and shoes
// with their mileage.
func (s *Store) RewardFacts(ctx context.Context, athleteID int64, asOf time.Time) (*reward.Facts, error) {
	list, err := s.ListActivities(ctx, athleteID, ActivityFilter{To: asOf})
	if err != nil {
		return nil, err
	}
	acts := make([]rekindle.Activity, len(list))
	for i, a := range list {
		acts[i] = *a
	}
	return s.RewardFactsOf(ctx, athleteID, acts, nil, asOf)
}

// RewardFactsOf is RewardFacts over a history already read (activities
// from asOf on are left out) and, when not nil, the gear's mileage by asOf
// already tallied (GearMileageOf): a view that has both reads only the
// experiments from the store.
func (s *Store) RewardFactsOf(ctx context.Context, athleteID int64, acts []rekindle.Activity, mileage []gear.Mileage, asOf time.Time) (*reward.Facts, error) {
	f := &reward.Facts{}
	for i := range acts {
		a := &acts[i]
		if a.Sport.IsRun() && (asOf.IsZero() || a.Start.Before(asOf)) {
			f.Runs = append(f.Runs, reward.Run{Start: a.Start, DistanceM: a.Summary.DistanceM})
		}
	}
	exps, err := s.ListExperiments(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	for _, e := range exps {
		if e.State == ExperimentAccepted {
			w := e.WindowDays
			if w <= 0 {
				w = 14
			}
			f.Experiments = append(f.Experiments, reward.Experiment{ID: e.ID, Title: e.Title, Ends: e.At.AddDate(0, 0, w)})
		}
	}
	if mileage == nil {
		if mileage, err = s.GearMileageOf(ctx, athleteID, acts, asOf); err != nil {
			return nil, err
		}
	}
	for _, x := range mileage {
		if x.Gear.Kind == "shoes" {
			f.Shoes = append(f.Shoes, reward.Shoe{ID: x.Gear.ID, Name: x.Gear.Label(), DistanceM: x.DistanceM, RetireAtM: x.Gear.RetireAtM, ReachedAt: x.ReachedAt})
		}
	}
	return f, nil
}
