package store

// Rate limits (migration 00360): token buckets in the database, so that a
// limit holds across every replica on one database.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
)

// TakeToken spends a token of the bucket (limit, key) at now: each bucket
// holds burst tokens and regains one every every. It reports whether a
// token was there and, when not, how long until one is. Concurrent takers
// on any replica are serialised by the row (SELECT … FOR UPDATE on
// PostgreSQL, the single writer on SQLite).
func (s *Store) TakeToken(ctx context.Context, limit, key string, burst int, every time.Duration, now time.Time) (_ bool, _ time.Duration, err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	sum := sha256.Sum256([]byte(limit + "\x00" + key))
	id := limit + ":" + hex.EncodeToString(sum[:16])
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, 0, fmt.Errorf("store: rate limit %s: %w", limit, err)
	}
	defer tx.Rollback()
	nowMS := now.UnixMilli()
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO rate_limits (bucket, tokens, last_ms, full_ms) VALUES (?, ?, ?, ?) ON CONFLICT (bucket) DO NOTHING`),
		id, float64(burst), nowMS, nowMS); err != nil {
		return false, 0, fmt.Errorf("store: rate limit %s: %w", limit, err)
	}
	q := `SELECT tokens, last_ms FROM rate_limits WHERE bucket = ?`
	if s.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	var tokens float64
	var last int64
	if err := tx.QueryRowContext(ctx, s.rebind(q), id).Scan(&tokens, &last); err != nil {
		return false, 0, fmt.Errorf("store: rate limit %s: %w", limit, err)
	}
	if nowMS > last { // replicas' clocks may disagree a little: never go back
		tokens += float64(nowMS-last) / float64(every.Milliseconds())
		last = nowMS
	}
	tokens = min(tokens, float64(burst))
	ok := tokens >= 1
	var wait time.Duration
	if ok {
		tokens--
	} else {
		wait = time.Duration((1 - tokens) * float64(every))
	}
	full := last + int64((float64(burst)-tokens)*float64(every.Milliseconds()))
	if _, err := tx.ExecContext(ctx, s.rebind(`UPDATE rate_limits SET tokens = ?, last_ms = ?, full_ms = ? WHERE bucket = ?`), tokens, last, full, id); err != nil {
		return false, 0, fmt.Errorf("store: rate limit %s: %w", limit, err)
	}
	if err := tx.Commit(); err != nil {
		return false, 0, fmt.Errorf("store: rate limit %s: %w", limit, err)
	}
	return ok, wait, nil
}

// SweepRateLimits deletes the buckets that are full again at now (they
// hold nothing a new bucket would not).
func (s *Store) SweepRateLimits(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.ExecContext(ctx, s.rebind(`DELETE FROM rate_limits WHERE full_ms < ?`), now.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: sweep rate limits: %w", err)
	}
	n, _ := res.RowsAffected()
	return n, nil
}
