package athlete

import (
	"context"
	"time"

	"rekindle/internal/store"
)

// The check-in records as the terminal edits them (the web and the API
// use CheckIn, which takes a form for one activity).

// CheckIns lists the athlete's check-ins between from and to (zero: open).
func (a *App) CheckIns(ctx context.Context, athleteID int64, from, to time.Time) ([]store.CheckIn, error) {
	return a.cfg.Store.ListCheckIns(ctx, athleteID, from, to)
}

// CheckInByID returns one check-in of the athlete (the store's not-found
// error when there is none).
func (a *App) CheckInByID(ctx context.Context, athleteID, id int64) (store.CheckIn, error) {
	return a.cfg.Store.GetCheckIn(ctx, athleteID, id)
}

// SaveCheckIn stores a new check-in (c.ID zero) or updates one; c.ID is set.
func (a *App) SaveCheckIn(ctx context.Context, c *store.CheckIn) error {
	if err := a.cfg.Store.SaveCheckIn(ctx, c); err != nil {
		return err
	}
	a.Changed(c.AthleteID)
	return nil
}

// DeleteCheckIn removes one of the athlete's check-ins.
func (a *App) DeleteCheckIn(ctx context.Context, athleteID, id int64) error {
	if err := a.cfg.Store.DeleteCheckIn(ctx, athleteID, id); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}
