package store

// Coaches (migration 00073), see package coach: invites, links with scopes,
// plan-tweak requests and their messages.

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/coach"
)

// CreateCoachInvite stores an invite (only the token's hash) and sets inv.ID.
func (s *Store) CreateCoachInvite(ctx context.Context, inv *coach.Invite, tokenHash string) error {
	if len(inv.Scopes) == 0 || inv.Expires.IsZero() || tokenHash == "" || len(inv.Note) > 1000 {
		return fmt.Errorf("store: coach invite: %w", rekindle.Errorf(rekindle.CodeInvalid, "an invite needs scopes, an expiry and a token"))
	}
	id, err := s.insertRow(ctx, "coach invite", "coach_invite", `INSERT INTO coach_invites (athlete_id, id, token_hash, scopes, note, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?)`, func(id int64) []any {
		return []any{inv.AthleteID, id, tokenHash, coach.FormatScopes(inv.Scopes), clean(inv.Note), inv.Created.UnixMilli(), inv.Expires.UnixMilli()}
	})
	if err != nil {
		return err
	}
	inv.ID = id
	return nil
}

func scopesOf(s string) []coach.Scope {
	var out []coach.Scope
	for _, p := range strings.Split(s, ",") {
		if p != "" {
			out = append(out, coach.Scope(p))
		}
	}
	return out
}

// AcceptCoachInvite links the coach to the athlete who issued the invite
// with the token's hash, once; a revoked link comes back with the invite's scopes.
func (s *Store) AcceptCoachInvite(ctx context.Context, tokenHash string, coachID int64, now time.Time) (_ coach.Link, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	defer tx.Rollback()
	var inv coach.Invite
	var scopes string
	var created, expires, usedMS int64
	err = tx.QueryRowContext(ctx, s.rebind(`SELECT athlete_id, id, scopes, created_ms, expires_ms, used_by, used_ms FROM coach_invites WHERE token_hash = ?`), tokenHash).
		Scan(&inv.AthleteID, &inv.ID, &scopes, &created, &expires, &inv.UsedBy, &usedMS)
	if errors.Is(err, sql.ErrNoRows) {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", rekindle.Errorf(rekindle.CodeNotFound, "no such invite: check the token"))
	}
	if err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	inv.Scopes, inv.Created, inv.Expires, inv.UsedAt = scopesOf(scopes), fromMS(created), fromMS(expires), fromMS(usedMS)
	if err := inv.CheckAccept(coachID, now); err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	res, err := tx.ExecContext(ctx, s.rebind(`UPDATE coach_invites SET used_by = ?, used_ms = ? WHERE athlete_id = ? AND id = ? AND used_by = 0`), coachID, now.UnixMilli(), inv.AthleteID, inv.ID)
	if err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", rekindle.Errorf(rekindle.CodeConflict, "this invite has been used"))
	}
	// One upsert (a link made anew: the invite's scopes, not revoked): a
	// DELETE then INSERT met, on PostgreSQL, the link another invite's
	// acceptance committed in between as a duplicate key.
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO coach_links (athlete_id, coach_id, scopes, created_ms, revoked_ms) VALUES (?, ?, ?, ?, 0)
		ON CONFLICT (athlete_id, coach_id) DO UPDATE SET scopes = excluded.scopes, created_ms = excluded.created_ms, revoked_ms = 0`),
		inv.AthleteID, coachID, scopes, now.UnixMilli()); err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return coach.Link{}, fmt.Errorf("store: accept coach invite: %w", err)
	}
	return coach.Link{AthleteID: inv.AthleteID, CoachID: coachID, Scopes: inv.Scopes, Created: now.UTC().Truncate(time.Millisecond)}, nil
}

const linkCols = `athlete_id, coach_id, scopes, created_ms, revoked_ms`

func scanLink(row rowScanner) (coach.Link, error) {
	var l coach.Link
	var scopes string
	var created, revoked int64
	err := row.Scan(&l.AthleteID, &l.CoachID, &scopes, &created, &revoked)
	l.Scopes, l.Created, l.Revoked = scopesOf(scopes), fromMS(created), fromMS(revoked)
	return l, err
}

func (s *Store) listLinks(ctx context.Context, where string, id int64) ([]coach.Link, error) {
	return queryAll(ctx, s.rdb, "coach links", s.rebind(`SELECT `+linkCols+` FROM coach_links WHERE `+where+` = ? ORDER BY created_ms, athlete_id, coach_id`), []any{id}, scanLink)
}

// ListCoaches returns the athlete's coach links (revoked ones too).
func (s *Store) ListCoaches(ctx context.Context, athleteID int64) ([]coach.Link, error) {
	return s.listLinks(ctx, "athlete_id", athleteID)
}

// ListCoachedAthletes returns the links of the athletes a coach coaches (revoked ones too).
func (s *Store) ListCoachedAthletes(ctx context.Context, coachID int64) ([]coach.Link, error) {
	return s.listLinks(ctx, "coach_id", coachID)
}

// GetCoachLink returns the link between an athlete and a coach, or an error
// wrapping rekindle.ErrNotFound.
func (s *Store) GetCoachLink(ctx context.Context, athleteID, coachID int64) (coach.Link, error) {
	l, err := scanLink(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+linkCols+` FROM coach_links WHERE athlete_id = ? AND coach_id = ?`), athleteID, coachID))
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("store: coach %d of athlete %d: %w", coachID, athleteID, rekindle.ErrNotFound)
	}
	if err != nil {
		return l, fmt.Errorf("store: coach link: %w", err)
	}
	return l, nil
}

// CoachCan reports whether coachID may act on athleteID's data with the
// scope: the check the web and API make before showing a coach anything.
func (s *Store) CoachCan(ctx context.Context, athleteID, coachID int64, scope coach.Scope) (bool, error) {
	l, err := s.GetCoachLink(ctx, athleteID, coachID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return l.Allows(scope), nil
}

// SetCoachScopes changes what an active coach may do.
func (s *Store) SetCoachScopes(ctx context.Context, athleteID, coachID int64, scopes []coach.Scope) error {
	res, err := s.db.ExecContext(ctx, s.rebind(`UPDATE coach_links SET scopes = ? WHERE athlete_id = ? AND coach_id = ? AND revoked_ms = 0`),
		coach.FormatScopes(scopes), athleteID, coachID)
	if err != nil {
		return fmt.Errorf("store: coach scopes: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("store: coach %d scopes: %w", coachID, rekindle.ErrNotFound)
	}
	return nil
}

// RevokeCoach ends a coach's link; their requests stay with the athlete.
func (s *Store) RevokeCoach(ctx context.Context, athleteID, coachID int64, now time.Time) error {
	return s.execOne(ctx, fmt.Sprintf("revoke coach %d", coachID), `UPDATE coach_links SET revoked_ms = ? WHERE athlete_id = ? AND coach_id = ? AND revoked_ms = 0`, now.UnixMilli(), athleteID, coachID)
}

// CreateCoachRequest stores a plan-tweak request to a linked coach and sets r.ID.
// The link is read inside the write transaction (shared-locked on
// PostgreSQL, SQLite's write transactions run one at a time): read before
// it, a revoke committed in between let the request through to a coach no
// longer linked. The id is reserved before the transaction (NextIDs
// commits on its own): reserved inside, the sequence's row stayed locked
// until the commit and every athlete's request waited for the one before.
func (s *Store) CreateCoachRequest(ctx context.Context, r *coach.Request) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	ctxJSON, err := json.Marshal(r.Context)
	if err != nil {
		return fmt.Errorf("store: coach request: context: %w", err)
	}
	id, err := s.NextIDs(ctx, "coach_request", 1)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: coach request: %w", err)
	}
	defer tx.Rollback()
	lp, err := s.lockedLink(ctx, tx, r.AthleteID, r.CoachID)
	if err != nil {
		return err
	}
	if err := coach.CheckRequest(lp, r.Message); err != nil {
		return fmt.Errorf("store: coach request: %w", err)
	}
	if r.Created.IsZero() {
		r.Created = s.now().UTC()
	}
	r.State, r.Updated = coach.StateOpen, r.Created
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO coach_requests (athlete_id, id, coach_id, message, context, state, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		r.AthleteID, id, r.CoachID, clean(strings.TrimSpace(r.Message)), clean(string(ctxJSON)), string(r.State), r.Created.UnixMilli(), r.Updated.UnixMilli()); err != nil {
		return fmt.Errorf("store: coach request: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: coach request: %w", err)
	}
	r.ID = id
	return nil
}

// lockedLink reads the athlete's link to the coach inside tx, shared-locked
// on PostgreSQL until the end of tx (a revoke or a change of scopes waits
// for it); nil when there is none.
func (s *Store) lockedLink(ctx context.Context, tx *sql.Tx, athleteID, coachID int64) (*coach.Link, error) {
	q := `SELECT ` + linkCols + ` FROM coach_links WHERE athlete_id = ? AND coach_id = ?`
	if s.dialect == Postgres {
		q += ` FOR SHARE`
	}
	l, err := scanLink(tx.QueryRowContext(ctx, s.rebind(q), athleteID, coachID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: coach link: %w", err)
	}
	return &l, nil
}

const requestCols = `athlete_id, id, coach_id, message, context, state, created_ms, updated_ms`

func scanRequest(row rowScanner) (coach.Request, error) {
	var r coach.Request
	var ctxJSON, state string
	var created, updated int64
	if err := row.Scan(&r.AthleteID, &r.ID, &r.CoachID, &r.Message, &ctxJSON, &state, &created, &updated); err != nil {
		return r, err
	}
	r.State, r.Created, r.Updated = coach.State(state), fromMS(created), fromMS(updated)
	if ctxJSON != "" {
		if err := json.Unmarshal([]byte(ctxJSON), &r.Context); err != nil {
			return r, fmt.Errorf("request %d context: %w", r.ID, err)
		}
	}
	return r, nil
}

func (s *Store) listRequests(ctx context.Context, where string, id int64) ([]coach.Request, error) {
	return queryAll(ctx, s.rdb, "coach requests", s.rebind(`SELECT `+requestCols+` FROM coach_requests WHERE `+where+` = ? ORDER BY created_ms DESC, id DESC`), []any{id}, scanRequest)
}

// ListCoachRequests returns the athlete's requests, newest first (without messages).
func (s *Store) ListCoachRequests(ctx context.Context, athleteID int64) ([]coach.Request, error) {
	return s.listRequests(ctx, "athlete_id", athleteID)
}

// ListRequestsForCoach returns the requests sent to a coach by athletes whose
// link is still active, newest first (without messages).
func (s *Store) ListRequestsForCoach(ctx context.Context, coachID int64) ([]coach.Request, error) {
	all, err := s.listRequests(ctx, "coach_id", coachID)
	if err != nil {
		return nil, err
	}
	var out []coach.Request
	for _, r := range all {
		if ok, err := s.CoachCan(ctx, r.AthleteID, coachID, coach.ScopeRead); err != nil {
			return nil, err
		} else if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// GetCoachRequest returns one request with its messages, oldest first.
func (s *Store) GetCoachRequest(ctx context.Context, athleteID, id int64) (coach.Request, error) {
	r, err := scanRequest(s.rdb.QueryRowContext(ctx, s.rebind(`SELECT `+requestCols+` FROM coach_requests WHERE athlete_id = ? AND id = ?`), athleteID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("store: coach request %d: %w", id, rekindle.ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("store: coach request %d: %w", id, err)
	}
	rows, err := s.rdb.QueryContext(ctx, s.rebind(`SELECT id, author_id, text, created_ms FROM coach_messages WHERE athlete_id = ? AND request_id = ? ORDER BY created_ms, id`), athleteID, id)
	if err != nil {
		return r, fmt.Errorf("store: coach request %d: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		m := coach.Message{RequestID: id}
		var created int64
		if err := rows.Scan(&m.ID, &m.AuthorID, &m.Text, &created); err != nil {
			return r, fmt.Errorf("store: coach request %d: %w", id, err)
		}
		m.Created = fromMS(created)
		r.Messages = append(r.Messages, m)
	}
	return r, rows.Err()
}

// ReplyCoachRequest adds a message by authorID (the athlete, or the coach
// while their link allows comment) and updates the request's state. The
// request and the link are read inside the write transaction (the request
// locked, the link shared-locked on PostgreSQL): read before it, a reply
// whose commit followed a close reopened the closed request, and a coach
// revoked in between still replied. The id is reserved before the
// transaction (see CreateCoachRequest).
func (s *Store) ReplyCoachRequest(ctx context.Context, athleteID, requestID, authorID int64, text string, now time.Time) (_ coach.Message, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	id, err := s.NextIDs(ctx, "coach_message", 1)
	if err != nil {
		return coach.Message{}, err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return coach.Message{}, fmt.Errorf("store: reply to request %d: %w", requestID, err)
	}
	defer tx.Rollback()
	q := `SELECT ` + requestCols + ` FROM coach_requests WHERE athlete_id = ? AND id = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	r, err := scanRequest(tx.QueryRowContext(ctx, s.rebind(q), athleteID, requestID))
	if errors.Is(err, sql.ErrNoRows) {
		return coach.Message{}, fmt.Errorf("store: coach request %d: %w", requestID, rekindle.ErrNotFound)
	}
	if err != nil {
		return coach.Message{}, fmt.Errorf("store: coach request %d: %w", requestID, err)
	}
	lp, err := s.lockedLink(ctx, tx, athleteID, r.CoachID)
	if err != nil {
		return coach.Message{}, err
	}
	if err := coach.CheckReply(&r, lp, authorID, text); err != nil {
		return coach.Message{}, fmt.Errorf("store: reply to request %d: %w", requestID, err)
	}
	m := coach.Message{ID: id, RequestID: requestID, AuthorID: authorID, Text: strings.TrimSpace(text), Created: now.UTC().Truncate(time.Millisecond)}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO coach_messages (athlete_id, id, request_id, author_id, text, created_ms) VALUES (?, ?, ?, ?, ?, ?)`),
		athleteID, id, requestID, authorID, clean(m.Text), now.UnixMilli()); err != nil {
		return coach.Message{}, fmt.Errorf("store: reply to request %d: %w", requestID, err)
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE coach_requests SET state = ?, updated_ms = ? WHERE athlete_id = ? AND id = ?`),
		string(coach.After(&r, authorID)), now.UnixMilli(), athleteID, requestID); err != nil {
		return coach.Message{}, fmt.Errorf("store: reply to request %d: %w", requestID, err)
	}
	if err := tx.Commit(); err != nil {
		return coach.Message{}, fmt.Errorf("store: reply to request %d: %w", requestID, err)
	}
	return m, nil
}

// CloseCoachRequest closes a request (the athlete's call).
func (s *Store) CloseCoachRequest(ctx context.Context, athleteID, requestID int64, now time.Time) error {
	return s.execOne(ctx, fmt.Sprintf("close request %d", requestID), `UPDATE coach_requests SET state = ?, updated_ms = ? WHERE athlete_id = ? AND id = ?`, string(coach.StateClosed), now.UnixMilli(), athleteID, requestID)
}
