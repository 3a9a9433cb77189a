package athlete

import (
	"context"
	"rekindle/internal/store"
	"time"
)

// The account use cases the web pages and the JSON API share (sign-in itself
// is server.Auth's).

// AccountCount is how many accounts the server has (none: the first visitor
// signs up as admin).
func (a *App) AccountCount(ctx context.Context) (int, error) {
	return a.cfg.Store.CountAccounts(ctx)
}

// Account returns the athlete's account (rekindle.ErrNotFound in
// single-user mode, which has none).
func (a *App) Account(ctx context.Context, athleteID int64) (store.Account, error) {
	return a.cfg.Store.GetAccount(ctx, athleteID)
}

// APITokens lists the athlete's API tokens.
func (a *App) APITokens(ctx context.Context, athleteID int64) ([]store.APIToken, error) {
	return a.cfg.Store.ListAPITokens(ctx, athleteID)
}

// RevokeAPIToken deletes one of the athlete's API tokens.
func (a *App) RevokeAPIToken(ctx context.Context, athleteID, id int64) error {
	return a.cfg.Store.DeleteAPIToken(ctx, athleteID, id)
}

// SetSignupMode stores the server's sign-up mode if adminID is the admin
// when it is written (checked in the same transaction; 0 is the operator
// at the machine). The caller checks the mode is known.
func (a *App) SetSignupMode(ctx context.Context, adminID int64, mode string) error {
	return a.cfg.Store.SetSettingAsAdmin(ctx, adminID, "signup", mode)
}

// DeleteAthlete deletes the athlete and all their data.
func (a *App) DeleteAthlete(ctx context.Context, athleteID int64) error {
	if err := a.cfg.Store.DeleteAthlete(ctx, athleteID); err != nil {
		return err
	}
	a.Changed(athleteID)
	return nil
}

// Accounts lists every account of the server.
func (a *App) Accounts(ctx context.Context) ([]store.Account, error) {
	return a.cfg.Store.ListAccounts(ctx)
}

// SetAdmin makes an account an administrator or not.
func (a *App) SetAdmin(ctx context.Context, athleteID int64, admin bool) error {
	return a.cfg.Store.SetAdmin(ctx, athleteID, admin)
}

// SetPassword replaces an account's password hash and ends every session
// but keepSession (a token hash, may be empty) and every API token.
func (a *App) SetPassword(ctx context.Context, athleteID int64, passwordHash, keepSession string, now time.Time) error {
	return a.cfg.Store.SetPassword(ctx, athleteID, passwordHash, keepSession, now)
}
