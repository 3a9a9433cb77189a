package store

// Web accounts, sessions, API tokens, invites and instance settings
// (migration 00050). Each account is an athlete: the accounts table is keyed
// by athlete_id. Secrets (session tokens, API tokens, invite codes) are
// stored only as hashes; the caller hashes.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"rekindle"
)

// Account is a login for an athlete.
type Account struct {
	AthleteID         int64
	Email             string
	PasswordHash      string
	Admin             bool
	CreatedAt         time.Time
	PasswordChangedAt time.Time
}

// Session is a logged-in browser.
type Session struct {
	AthleteID int64
	TokenHash string // hex SHA-256 of the cookie's secret
	CSRF      string // the per-session CSRF token
	CreatedAt time.Time
	ExpiresAt time.Time
	LastSeen  time.Time
	UserAgent string
	// Stamp is the athlete's data stamp, read with the session by
	// GetSessionAccount (zero otherwise): the request need not read it
	// again.
	Stamp Stamp
}

// APIToken is a bearer token for scripts.
type APIToken struct {
	AthleteID int64
	ID        int64
	Name      string
	TokenHash string
	CreatedAt time.Time
	LastUsed  time.Time
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

// NormalizeEmail is how emails are compared: trimmed and lower-cased.
func NormalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

// CountAccounts returns how many accounts exist.
func (s *Store) CountAccounts(ctx context.Context) (int, error) {
	var n int
	if err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count accounts: %w", err)
	}
	return n, nil
}

// CreateAccount creates an athlete with a login. The first account becomes
// the admin and takes over the CLI's default athlete (with everything
// already imported) when that athlete has no account yet. inviteHash, when
// not empty, must name an unused, unexpired invite, which it uses up.
// A taken email is a CodeConflict error.
func (s *Store) CreateAccount(ctx context.Context, email, name, passwordHash, inviteHash string, now time.Time) (_ Account, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	email = NormalizeEmail(email)
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	defer tx.Rollback()
	// Sign-ups wait in line: on PostgreSQL two first sign-ups at once both
	// counted no account and both became the admin, and two with one email
	// both passed the check and one failed on the unique index.
	if err := s.lockKey(ctx, tx, "accounts"); err != nil {
		return Account{}, err
	}
	var taken int
	if err := tx.QueryRowContext(ctx, s.rebind(`SELECT COUNT(*) FROM accounts WHERE email = ?`), email).Scan(&taken); err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	if taken > 0 {
		return Account{}, &rekindle.Error{Code: rekindle.CodeConflict, Message: "an account with this email exists"}
	}
	var count int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM accounts`).Scan(&count); err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	var athleteID int64
	if count == 0 {
		err := tx.QueryRowContext(ctx, `SELECT id FROM athletes WHERE is_default = 1 AND id NOT IN (SELECT athlete_id FROM accounts) ORDER BY id LIMIT 1`).Scan(&athleteID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Account{}, fmt.Errorf("store: create account: default athlete: %w", err)
		}
		if athleteID != 0 {
			if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE athletes SET email = ?, name = CASE WHEN name = '' THEN ? ELSE name END WHERE id = ?`), email, name, athleteID); err != nil {
				return Account{}, fmt.Errorf("store: create account: %w", err)
			}
		}
	}
	if inviteHash != "" {
		res, err := tx.ExecContext(ctx, s.rebind(`UPDATE invites SET used_by = -1 WHERE code_hash = ? AND used_by = 0 AND expires_ms > ?`), inviteHash, now.UnixMilli())
		if err != nil {
			return Account{}, fmt.Errorf("store: create account: invite: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return Account{}, &rekindle.Error{Code: rekindle.CodeForbidden, Message: "the invite is not valid (used or expired)"}
		}
	}
	if athleteID == 0 {
		athleteID, err = s.nextIDs(ctx, tx, "athlete", 1)
		if err != nil {
			return Account{}, err
		}
		if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO athletes (id, name, email, created_ms) VALUES (?, ?, ?, ?)`), athleteID, name, email, now.UnixMilli()); err != nil {
			return Account{}, fmt.Errorf("store: create account: athlete: %w", err)
		}
	}
	if inviteHash != "" {
		if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE invites SET used_by = ? WHERE code_hash = ?`), athleteID, inviteHash); err != nil {
			return Account{}, fmt.Errorf("store: create account: invite: %w", err)
		}
	}
	a := Account{AthleteID: athleteID, Email: email, PasswordHash: passwordHash, Admin: count == 0, CreatedAt: now.UTC(), PasswordChangedAt: now.UTC()}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO accounts (athlete_id, email, password_hash, is_admin, created_ms, password_changed_ms) VALUES (?, ?, ?, ?, ?, ?)`),
		a.AthleteID, a.Email, a.PasswordHash, boolInt(a.Admin), now.UnixMilli(), now.UnixMilli()); err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Account{}, fmt.Errorf("store: create account: %w", err)
	}
	return a, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

const accountCols = `athlete_id, email, password_hash, is_admin, created_ms, password_changed_ms`

func scanAccount(row rowScanner) (Account, error) {
	var a Account
	var admin int
	var created, changed int64
	if err := row.Scan(&a.AthleteID, &a.Email, &a.PasswordHash, &admin, &created, &changed); err != nil {
		return Account{}, err
	}
	a.Admin = admin != 0
	a.CreatedAt, a.PasswordChangedAt = fromMS(created), fromMS(changed)
	return a, nil
}

// AccountByEmail finds the account for a login.
func (s *Store) AccountByEmail(ctx context.Context, email string) (Account, error) {
	a, err := scanAccount(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+accountCols+` FROM accounts WHERE email = ?`), NormalizeEmail(email)))
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, fmt.Errorf("store: account by email: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return Account{}, fmt.Errorf("store: account by email: %w", err)
	}
	return a, nil
}

// GetAccount returns an athlete's account.
func (s *Store) GetAccount(ctx context.Context, athleteID int64) (Account, error) {
	a, err := scanAccount(s.readRow(ctx, `SELECT `+accountCols+` FROM accounts WHERE athlete_id = ?`, athleteID))
	if errors.Is(err, sql.ErrNoRows) {
		return Account{}, fmt.Errorf("store: account %d: %w", athleteID, rekindle.ErrNotFound)
	}
	if err != nil {
		return Account{}, fmt.Errorf("store: account %d: %w", athleteID, err)
	}
	return a, nil
}

// SetPassword replaces an account's password hash and ends every session
// of the athlete except keepSession (a token hash, may be empty) and every
// API token.
func (s *Store) SetPassword(ctx context.Context, athleteID int64, passwordHash, keepSession string, now time.Time) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.rebind(`UPDATE accounts SET password_hash = ?, password_changed_ms = ? WHERE athlete_id = ?`), passwordHash, now.UnixMilli(), athleteID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return fmt.Errorf("store: set password %d: %w", athleteID, rekindle.ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM sessions WHERE athlete_id = ? AND token_hash <> ?`), athleteID, keepSession); err != nil {
		return fmt.Errorf("store: set password: sessions: %w", err)
	}
	// API tokens were granted under the old password: they end with it.
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM api_tokens WHERE athlete_id = ?`), athleteID); err != nil {
		return fmt.Errorf("store: set password: api tokens: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	return nil
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, se Session) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO sessions (athlete_id, token_hash, csrf, created_ms, expires_ms, last_seen_ms, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		se.AthleteID, se.TokenHash, se.CSRF, ms(se.CreatedAt), ms(se.ExpiresAt), ms(se.LastSeen), se.UserAgent)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// GetSession returns a session that has not expired at now.
func (s *Store) GetSession(ctx context.Context, athleteID int64, tokenHash string, now time.Time) (Session, error) {
	var se Session
	var created, expires, seen int64
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT athlete_id, token_hash, csrf, created_ms, expires_ms, last_seen_ms, user_agent FROM sessions WHERE athlete_id = ? AND token_hash = ? AND expires_ms > ?`),
		athleteID, tokenHash, now.UnixMilli()).Scan(&se.AthleteID, &se.TokenHash, &se.CSRF, &created, &expires, &seen, &se.UserAgent)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, fmt.Errorf("store: get session: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return Session{}, fmt.Errorf("store: get session: %w", err)
	}
	se.CreatedAt, se.ExpiresAt, se.LastSeen = fromMS(created), fromMS(expires), fromMS(seen)
	return se, nil
}

// GetSessionAccount is GetSession joined with the session's account and
// the athlete's data stamp (Session.Stamp, as AthleteStamp): the one read
// a signed-in request makes to know who it is and which version of their
// data its caches must match (not found when the session is unknown or
// expired, or its account is gone).
func (s *Store) GetSessionAccount(ctx context.Context, athleteID int64, tokenHash string, now time.Time) (Session, Account, error) {
	var se Session
	var created, expires, seen int64
	a, err := scanAccount(rowFunc(func(dest ...any) error {
		return s.readRow(ctx, `SELECT s.athlete_id, s.token_hash, s.csrf, s.created_ms, s.expires_ms, s.last_seen_ms, s.user_agent, `+
			`COALESCE(st.data, 0), COALESCE(st.routes, 0), COALESCE(st.routes_done, 0), COALESCE(st.athlete, 0), `+
			`a.athlete_id, a.email, a.password_hash, a.is_admin, a.created_ms, a.password_changed_ms `+
			`FROM sessions s JOIN accounts a ON a.athlete_id = s.athlete_id LEFT JOIN athlete_stamps st ON st.athlete_id = s.athlete_id `+
			`WHERE s.athlete_id = ? AND s.token_hash = ? AND s.expires_ms > ?`,
			athleteID, tokenHash, now.UnixMilli()).Scan(append([]any{&se.AthleteID, &se.TokenHash, &se.CSRF, &created, &expires, &seen, &se.UserAgent,
			&se.Stamp.Data, &se.Stamp.Routes, &se.Stamp.RoutesDone, &se.Stamp.Athlete}, dest...)...)
	}))
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, Account{}, fmt.Errorf("store: get session: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return Session{}, Account{}, fmt.Errorf("store: get session: %w", err)
	}
	se.CreatedAt, se.ExpiresAt, se.LastSeen = fromMS(created), fromMS(expires), fromMS(seen)
	return se, a, nil
}

// rowFunc is a rowScanner made of a function.
type rowFunc func(dest ...any) error

func (f rowFunc) Scan(dest ...any) error { return f(dest...) }

// TouchSession records activity and slides the expiry.
func (s *Store) TouchSession(ctx context.Context, athleteID int64, tokenHash string, seen, expires time.Time) error {
	_, err := s.db.ExecContext(ctx, s.rebind(`UPDATE sessions SET last_seen_ms = ?, expires_ms = ? WHERE athlete_id = ? AND token_hash = ?`),
		seen.UnixMilli(), expires.UnixMilli(), athleteID, tokenHash)
	if err != nil {
		return fmt.Errorf("store: touch session: %w", err)
	}
	return nil
}

// DeleteSession ends one session (logout).
func (s *Store) DeleteSession(ctx context.Context, athleteID int64, tokenHash string) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM sessions WHERE athlete_id = ? AND token_hash = ?`), athleteID, tokenHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions of an athlete that expired before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, athleteID int64, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM sessions WHERE athlete_id = ? AND expires_ms <= ?`), athleteID, now.UnixMilli()); err != nil {
		return fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return nil
}

// CreateAPIToken stores a token's hash and returns the token's record.
func (s *Store) CreateAPIToken(ctx context.Context, athleteID int64, name, tokenHash string, now time.Time) (APIToken, error) {
	id, err := s.NextIDs(ctx, "api_token", 1)
	if err != nil {
		return APIToken{}, err
	}
	t := APIToken{AthleteID: athleteID, ID: id, Name: name, TokenHash: tokenHash, CreatedAt: now.UTC()}
	_, err = s.db.ExecContext(ctx, s.rebind(`INSERT INTO api_tokens (athlete_id, id, name, token_hash, created_ms) VALUES (?, ?, ?, ?, ?)`),
		athleteID, id, name, tokenHash, now.UnixMilli())
	if err != nil {
		return APIToken{}, fmt.Errorf("store: create api token: %w", err)
	}
	return t, nil
}

// ListAPITokens lists an athlete's tokens (hashes included; never show them).
func (s *Store) ListAPITokens(ctx context.Context, athleteID int64) ([]APIToken, error) {
	return queryAll(ctx, s.rdb, "list api tokens", s.rebind(`SELECT athlete_id, id, name, token_hash, created_ms, last_used_ms FROM api_tokens WHERE athlete_id = ? ORDER BY id`), []any{athleteID}, func(rows rowScanner) (APIToken, error) {
		var t APIToken
		var c, u int64
		if err := rows.Scan(&t.AthleteID, &t.ID, &t.Name, &t.TokenHash, &c, &u); err != nil {
			return t, err
		}
		t.CreatedAt, t.LastUsed = fromMS(c), fromMS(u)
		return t, nil
	})
}

// CheckAPIToken finds the token with this hash, with its account, in one
// read, and records its use. A token deleted (DeleteAPIToken, a password
// change, the account deleted) is not found by any check that starts after
// the deletion commits: the read is of committed rows on the primary
// (PostgreSQL) or the same database file (SQLite's readers), nothing is
// cached, and the use is recorded by an UPDATE that cannot bring a deleted
// row back. A request whose check ran before the deletion committed goes
// on (TestRevokedTokenNeverAuthenticates).
func (s *Store) CheckAPIToken(ctx context.Context, athleteID int64, tokenHash string, now time.Time) (APIToken, Account, error) {
	var t APIToken
	var c, u int64
	a, err := scanAccount(rowFunc(func(dest ...any) error {
		return s.readRow(ctx, `SELECT t.athlete_id, t.id, t.name, t.token_hash, t.created_ms, t.last_used_ms, `+
			`a.athlete_id, a.email, a.password_hash, a.is_admin, a.created_ms, a.password_changed_ms `+
			`FROM api_tokens t JOIN accounts a ON a.athlete_id = t.athlete_id WHERE t.athlete_id = ? AND t.token_hash = ?`,
			athleteID, tokenHash).Scan(append([]any{&t.AthleteID, &t.ID, &t.Name, &t.TokenHash, &c, &u}, dest...)...)
	}))
	if errors.Is(err, sql.ErrNoRows) {
		return APIToken{}, Account{}, fmt.Errorf("store: check api token: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return APIToken{}, Account{}, fmt.Errorf("store: check api token: %w", err)
	}
	t.CreatedAt, t.LastUsed = fromMS(c), fromMS(u)
	if now.Sub(t.LastUsed) > time.Minute {
		if _, err := s.db.ExecContext(ctx, s.rebind(`UPDATE api_tokens SET last_used_ms = ? WHERE athlete_id = ? AND id = ?`), now.UnixMilli(), athleteID, t.ID); err != nil {
			return APIToken{}, Account{}, fmt.Errorf("store: check api token: %w", err)
		}
	}
	return t, a, nil
}

// DeleteAPIToken revokes a token.
func (s *Store) DeleteAPIToken(ctx context.Context, athleteID, id int64) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM api_tokens WHERE athlete_id = ? AND id = ?`), athleteID, id)
	if err != nil {
		return fmt.Errorf("store: delete api token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: delete api token %d: %w", id, rekindle.ErrNotFound)
	}
	return nil
}

// CreateInvite stores an invite code's hash. adminID is checked to be an
// admin in the same transaction (requireAdmin); 0 is the operator at the
// machine (the CLI, single-user mode), who has no account to check.
func (s *Store) CreateInvite(ctx context.Context, adminID, createdBy int64, codeHash string, now, expires time.Time) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: create invite: %w", err)
	}
	defer tx.Rollback()
	if err := s.requireAdmin(ctx, tx, adminID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO invites (code_hash, created_by, created_ms, expires_ms) VALUES (?, ?, ?, ?)`),
		codeHash, createdBy, now.UnixMilli(), expires.UnixMilli()); err != nil {
		return fmt.Errorf("store: create invite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: create invite: %w", err)
	}
	return nil
}

// ErrNotAdmin is the error of an admin action by an account that is not
// (or no longer) the admin.
var ErrNotAdmin = &rekindle.Error{Code: rekindle.CodeForbidden, Message: "only the admin can do this"}

// requireAdmin checks, inside tx, that athleteID's account is an admin
// (ErrNotAdmin otherwise, also for no account). On PostgreSQL the account
// row stays locked (FOR SHARE) until tx ends: a demotion (SetAdmin) that
// commits first is seen, one that comes later waits for tx, so an admin
// action never commits after the demotion of the one doing it. SQLite's
// single writer serialises the same way. 0 is the operator at the machine:
// nothing to check.
func (s *Store) requireAdmin(ctx context.Context, tx *sql.Tx, athleteID int64) error {
	if athleteID == 0 {
		return nil
	}
	q := `SELECT is_admin FROM accounts WHERE athlete_id = ?`
	if s.dialect == Postgres {
		q += ` FOR SHARE`
	}
	var admin int
	err := tx.QueryRowContext(ctx, s.rebind(q), athleteID).Scan(&admin)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && admin == 0) {
		return ErrNotAdmin
	}
	if err != nil {
		return fmt.Errorf("store: check admin %d: %w", athleteID, err)
	}
	return nil
}

// IsAdmin reads whether athleteID's account is an admin now, from the
// primary (false without an account).
func (s *Store) IsAdmin(ctx context.Context, athleteID int64) (bool, error) {
	var admin int
	err := s.db.QueryRowContext(ctx, s.rebind(`SELECT is_admin FROM accounts WHERE athlete_id = ?`), athleteID).Scan(&admin)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: is admin %d: %w", athleteID, err)
	}
	return admin != 0, nil
}

// Setting returns an instance setting, "" when unset.
func (s *Store) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT value FROM instance_settings WHERE name = ?`), name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: setting %s: %w", name, err)
	}
	return v, nil
}

// SetSettingAsAdmin writes an instance setting if adminID is an admin when
// the write commits (requireAdmin: in the same transaction); 0 is the
// operator at the machine.
func (s *Store) SetSettingAsAdmin(ctx context.Context, adminID int64, name, value string) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set setting %s: %w", name, err)
	}
	defer tx.Rollback()
	if err := s.requireAdmin(ctx, tx, adminID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO instance_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`), name, value); err != nil {
		return fmt.Errorf("store: set setting %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set setting %s: %w", name, err)
	}
	return nil
}

// athleteTables lists every table with an athlete_id column, children
// (tables whose rows reference others) are handled by retrying passes.
func (s *Store) athleteTables(ctx context.Context) ([]string, error) {
	var q string
	if s.dialect == Postgres {
		q = `SELECT table_name FROM information_schema.columns WHERE column_name = 'athlete_id' AND table_schema = current_schema() ORDER BY table_name`
	} else {
		q = `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table' AND p.name = 'athlete_id' ORDER BY m.name`
	}
	return queryAll(ctx, s.db, "athlete tables", q, nil, func(rows rowScanner) (string, error) {
		var t string
		if err := rows.Scan(&t); err != nil {
			return t, err
		}
		return t, nil
	})
}

// DeleteAthlete deletes an athlete and every row of every table that
// carries their athlete_id — including tables other domains add later —
// in one transaction. It really deletes: nothing of theirs is left.
func (s *Store) DeleteAthlete(ctx context.Context, athleteID int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tables, err := s.athleteTables(ctx)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
	}
	defer tx.Rollback()
	// The athlete's row first, on PostgreSQL: a write of theirs in flight
	// holds it (key share, its foreign keys) and is waited for; one that
	// comes later waits and then finds the athlete gone. Taken after the
	// tables' deletes (whose stamp triggers lock the athlete's stamp row),
	// it deadlocked with an import whose COPY held the key share and
	// waited for the stamp.
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SELECT id FROM athletes WHERE id = $1 FOR UPDATE`, athleteID); err != nil {
			return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
		}
	}
	// Tables may reference each other without cascades: delete what can be
	// deleted, each in a savepoint, and retry the rest until nothing is left
	// or no progress is made.
	pending := tables
	for len(pending) > 0 {
		var failed []string
		var lastErr error
		for _, t := range pending {
			if _, err := tx.ExecContext(ctx, `SAVEPOINT del`); err != nil {
				return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
			}
			if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM `+quoteIdent(t)+` WHERE athlete_id = ?`), athleteID); err != nil {
				if _, rerr := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT del`); rerr != nil {
					return fmt.Errorf("store: delete athlete %d: %s: %w", athleteID, t, rerr)
				}
				failed, lastErr = append(failed, t), fmt.Errorf("%s: %w", t, err)
				continue
			}
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT del`); err != nil {
				return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
			}
		}
		if len(failed) == len(pending) {
			return fmt.Errorf("store: delete athlete %d: %w", athleteID, lastErr)
		}
		pending = failed
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM invites WHERE created_by = ? OR used_by = ?`), athleteID, athleteID); err != nil {
		return fmt.Errorf("store: delete athlete %d: invites: %w", athleteID, err)
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`DELETE FROM athletes WHERE id = ?`), athleteID); err != nil {
		return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: delete athlete %d: %w", athleteID, err)
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// ExportAthlete calls emit with every row of every table that carries the
// athlete's id (and their athletes row), as column → value maps. Binary
// columns arrive as []byte. Secrets (password and token hashes, session
// rows) are left out.
func (s *Store) ExportAthlete(ctx context.Context, athleteID int64, emit func(table string, row map[string]any) error) error {
	tables, err := s.athleteTables(ctx)
	if err != nil {
		return err
	}
	// Secrets stay in; the athlete's stamp is the server's bookkeeping.
	skip := map[string]bool{"sessions": true, "api_tokens": true, "strava_tokens": true, "athlete_stamps": true}
	dump := func(table, q string) error {
		rows, err := s.rdb.QueryContext(ctx, s.rebind(q), athleteID)
		if err != nil {
			return fmt.Errorf("store: export %s: %w", table, err)
		}
		defer rows.Close()
		cols, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("store: export %s: %w", table, err)
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return fmt.Errorf("store: export %s: %w", table, err)
			}
			row := make(map[string]any, len(cols))
			for i, c := range cols {
				if c == "password_hash" || c == "token_hash" {
					continue
				}
				row[c] = vals[i]
			}
			if err := emit(table, row); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if err := dump("athletes", `SELECT * FROM athletes WHERE id = ?`); err != nil {
		return err
	}
	for _, t := range tables {
		if skip[t] {
			continue
		}
		if err := dump(t, `SELECT * FROM `+quoteIdent(t)+` WHERE athlete_id = ?`); err != nil {
			return err
		}
	}
	return nil
}

const activityStampQuery = `SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(MAX(edited_ms), 0) FROM activities WHERE athlete_id = ?`

// ActivityStamp is a cheap stamp of an athlete's activities (count and
// highest id, from the primary key alone) that changes when activities are
// added, deleted or edited by the runner (sport, name, race); caches of
// analyses compare it.
//
// The covering index activities_by_edit answers it (TestHotQueriesUseIndexes).
func (s *Store) ActivityStamp(ctx context.Context, athleteID int64) (string, error) {
	var n, maxID, edited int64
	err := s.rdb.QueryRowContext(ctx, s.rebind(activityStampQuery), athleteID).Scan(&n, &maxID, &edited)
	if err != nil {
		return "", fmt.Errorf("store: activity stamp: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d", n, maxID, edited), nil
}
