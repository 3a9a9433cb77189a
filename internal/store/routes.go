package store

// Route fingerprints, route groups and the saved street graph (migration
// 00030, package route). The store keeps the encoded bytes; package route
// encodes and decodes them.

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"rekindle"
)

// RouteFingerprint is a cached fingerprint of one run activity.
type RouteFingerprint struct {
	ActivityID int64
	Version    int // the encoder's version; stale versions are recomputed
	StartMs    int64
	Kind       string
	DistanceM  float64
	Data       []byte
	GroupID    int64 // 0 until grouped
}

const fingerprintUpsert = `INSERT INTO route_fingerprints
		(athlete_id, activity_id, version, start_ms, kind, distance_m, data, group_id, updated_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id, activity_id) DO UPDATE SET version = excluded.version,
		start_ms = excluded.start_ms, kind = excluded.kind, distance_m = excluded.distance_m,
		data = excluded.data, updated_ms = excluded.updated_ms`

// SaveRouteFingerprint inserts or replaces an activity's fingerprint,
// keeping its group.
func (s *Store) SaveRouteFingerprint(ctx context.Context, athleteID int64, f *RouteFingerprint) error {
	_, err := s.db.ExecContext(ctx, s.rebind(fingerprintUpsert),
		athleteID, f.ActivityID, f.Version, f.StartMs, f.Kind, finite(f.DistanceM), f.Data, f.GroupID, s.now().UnixMilli())
	if err != nil {
		return fmt.Errorf("store: save route fingerprint %d: %w", f.ActivityID, err)
	}
	return nil
}

// ListRouteFingerprints returns every cached fingerprint of an athlete,
// oldest first.
func (s *Store) ListRouteFingerprints(ctx context.Context, athleteID int64) ([]RouteFingerprint, error) {
	return queryAll(ctx, s.rdb, "list route fingerprints", s.rebind(`SELECT activity_id, version, start_ms, kind, distance_m, data, group_id
		FROM route_fingerprints WHERE athlete_id = ? ORDER BY start_ms, activity_id`), []any{athleteID}, func(rows rowScanner) (RouteFingerprint, error) {
		var f RouteFingerprint
		if err := rows.Scan(&f.ActivityID, &f.Version, &f.StartMs, &f.Kind, &f.DistanceM, &f.Data, &f.GroupID); err != nil {
			return f, err
		}
		return f, nil
	})
}

// SetRouteGroups records activity → route group assignments in one
// transaction.
func (s *Store) SetRouteGroups(ctx context.Context, athleteID int64, groups map[int64]int64) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: set route groups: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, s.rebind(`UPDATE route_fingerprints SET group_id = ? WHERE athlete_id = ? AND activity_id = ?`))
	if err != nil {
		return fmt.Errorf("store: set route groups: %w", err)
	}
	defer stmt.Close()
	for act, g := range groups {
		if _, err := stmt.ExecContext(ctx, g, athleteID, act); err != nil {
			return fmt.Errorf("store: set route group of %d: %w", act, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: set route groups: %w", err)
	}
	return nil
}

// RouteGraphInfo describes an athlete's saved street graph.
type RouteGraphInfo struct {
	SourceName string
	SourceSHA  string
	Nodes      int64
	Edges      int64
	BuiltAt    time.Time
}

// SaveRouteGraph stores (replacing) an athlete's saved street graph; its
// version (RouteGraphVersion) is the SHA-256 of data.
func (s *Store) SaveRouteGraph(ctx context.Context, athleteID int64, info RouteGraphInfo, data []byte) error {
	sum := sha256.Sum256(data)
	_, err := s.db.ExecContext(ctx, s.rebind(`INSERT INTO route_graphs
		(athlete_id, source_name, source_sha, nodes, edges, data, built_ms, data_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id) DO UPDATE SET source_name = excluded.source_name, source_sha = excluded.source_sha,
		nodes = excluded.nodes, edges = excluded.edges, data = excluded.data, built_ms = excluded.built_ms, data_sha = excluded.data_sha`),
		athleteID, info.SourceName, info.SourceSHA, info.Nodes, info.Edges, data, info.BuiltAt.UnixMilli(), hex.EncodeToString(sum[:]))
	if err != nil {
		return fmt.Errorf("store: save route graph: %w", err)
	}
	return nil
}

// LoadRouteGraph returns an athlete's saved graph bytes, or an error
// wrapping rekindle.ErrNotFound when none was loaded.
func (s *Store) LoadRouteGraph(ctx context.Context, athleteID int64) (RouteGraphInfo, []byte, error) {
	var info RouteGraphInfo
	var data []byte
	var built int64
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT source_name, source_sha, nodes, edges, data, built_ms
		FROM route_graphs WHERE athlete_id = ?`), athleteID).Scan(&info.SourceName, &info.SourceSHA, &info.Nodes, &info.Edges, &data, &built)
	if errors.Is(err, sql.ErrNoRows) {
		return info, nil, fmt.Errorf("store: load route graph: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return info, nil, fmt.Errorf("store: load route graph: %w", err)
	}
	info.BuiltAt = time.UnixMilli(built).UTC()
	return info, data, nil
}

// RouteGraphVersion identifies the athlete's saved street graph by its
// content (the SHA-256 of the stored graph: the same graph saved again
// keeps its version, and the route matches stored on it) without reading
// it; an error wrapping rekindle.ErrNotFound when none was loaded. A graph
// saved before the content checksum was kept is identified by its source
// checksum and build time.
func (s *Store) RouteGraphVersion(ctx context.Context, athleteID int64) (string, error) {
	var sha, dataSHA string
	var built int64
	err := s.readRow(ctx, `SELECT source_sha, built_ms, data_sha FROM route_graphs WHERE athlete_id = ?`, athleteID).Scan(&sha, &built, &dataSHA)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("store: route graph version: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("store: route graph version: %w", err)
	}
	if dataSHA != "" {
		return "sha256:" + dataSHA, nil
	}
	return fmt.Sprintf("%s@%d", sha, built), nil
}

// RouteMatch is one run's matched street edges on one version of the
// athlete's street graph (encoded by package route).
type RouteMatch struct {
	ActivityID   int64
	GraphVersion string
	Version      int // the matcher's and encoder's version; others are recomputed
	Data         []byte
}

// ListRouteMatches returns every stored route match of an athlete.
func (s *Store) ListRouteMatches(ctx context.Context, athleteID int64) ([]RouteMatch, error) {
	return queryAll(ctx, s.rdb, "list route matches", s.rebind(`SELECT activity_id, graph_version, version, data
		FROM route_matches WHERE athlete_id = ?`), []any{athleteID}, func(rows rowScanner) (RouteMatch, error) {
		var m RouteMatch
		err := rows.Scan(&m.ActivityID, &m.GraphVersion, &m.Version, &m.Data)
		return m, err
	})
}

// SaveRouteMatches inserts or replaces route matches in one transaction.
func (s *Store) SaveRouteMatches(ctx context.Context, athleteID int64, ms []RouteMatch) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	if len(ms) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save route matches: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, s.rebind(`INSERT INTO route_matches
		(athlete_id, activity_id, graph_version, version, data, updated_ms) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (athlete_id, activity_id) DO UPDATE SET graph_version = excluded.graph_version,
		version = excluded.version, data = excluded.data, updated_ms = excluded.updated_ms`))
	if err != nil {
		return fmt.Errorf("store: save route matches: %w", err)
	}
	defer stmt.Close()
	now := s.now().UnixMilli()
	for _, m := range ms {
		if _, err := stmt.ExecContext(ctx, athleteID, m.ActivityID, m.GraphVersion, m.Version, m.Data, now); err != nil {
			return fmt.Errorf("store: save route match of %d: %w", m.ActivityID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save route matches: %w", err)
	}
	return nil
}

// RouteGrouping is what an athlete's route grouping was computed over (a
// key of the set of runs) and each group's representative run, encoded by
// the caller; the run → group assignment itself is in route_fingerprints.
type RouteGrouping struct {
	RunsKey string
	Medoids []byte
}

// LoadRouteGrouping returns the athlete's stored grouping, or an error
// wrapping rekindle.ErrNotFound.
func (s *Store) LoadRouteGrouping(ctx context.Context, athleteID int64) (RouteGrouping, error) {
	var g RouteGrouping
	err := s.rdb.QueryRowContext(ctx, s.rebind(`SELECT runs_key, medoids FROM route_groupings WHERE athlete_id = ?`), athleteID).Scan(&g.RunsKey, &g.Medoids)
	if errors.Is(err, sql.ErrNoRows) {
		return g, fmt.Errorf("store: load route grouping: %w", rekindle.ErrNotFound)
	}
	if err != nil {
		return g, fmt.Errorf("store: load route grouping: %w", err)
	}
	return g, nil
}

// SaveRouteGrouping records the run → group assignments that changed and
// the grouping's key and medoids, in one transaction.
func (s *Store) SaveRouteGrouping(ctx context.Context, athleteID int64, changed map[int64]int64, g RouteGrouping) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save route grouping: %w", err)
	}
	defer tx.Rollback()
	if len(changed) > 0 {
		stmt, err := tx.PrepareContext(ctx, s.rebind(`UPDATE route_fingerprints SET group_id = ? WHERE athlete_id = ? AND activity_id = ?`))
		if err != nil {
			return fmt.Errorf("store: save route grouping: %w", err)
		}
		defer stmt.Close()
		for act, gid := range changed {
			if _, err := stmt.ExecContext(ctx, gid, athleteID, act); err != nil {
				return fmt.Errorf("store: set route group of %d: %w", act, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, s.rebind(`INSERT INTO route_groupings (athlete_id, runs_key, medoids, updated_ms)
		VALUES (?, ?, ?, ?) ON CONFLICT (athlete_id) DO UPDATE SET runs_key = excluded.runs_key,
		medoids = excluded.medoids, updated_ms = excluded.updated_ms`), athleteID, g.RunsKey, g.Medoids, s.now().UnixMilli()); err != nil {
		return fmt.Errorf("store: save route grouping: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save route grouping: %w", err)
	}
	return nil
}

// SaveRouteFingerprints inserts or replaces fingerprints (keeping their
// groups) in one transaction.
func (s *Store) SaveRouteFingerprints(ctx context.Context, athleteID int64, fs []RouteFingerprint) (err error) {
	defer func() { err = cancelledTx(ctx, err) }()
	if len(fs) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save route fingerprints: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, s.rebind(fingerprintUpsert))
	if err != nil {
		return fmt.Errorf("store: save route fingerprints: %w", err)
	}
	defer stmt.Close()
	now := s.now().UnixMilli()
	for _, f := range fs {
		if _, err := stmt.ExecContext(ctx, athleteID, f.ActivityID, f.Version, f.StartMs, f.Kind, finite(f.DistanceM), f.Data, f.GroupID, now); err != nil {
			return fmt.Errorf("store: save route fingerprint %d: %w", f.ActivityID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: save route fingerprints: %w", err)
	}
	return nil
}
