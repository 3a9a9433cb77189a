package athlete

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/route"
	"rekindle/internal/store"
	"rekindle/internal/streets"
)

// Route results are stored, not recomputed (issue 16): every run's
// fingerprint (route_fingerprints), its matched street edges per version
// of the street graph (route_matches) and the grouping of the runs with
// the set of runs it was made over (route_groupings). Each is computed
// once, for the runs that lack it; a fresh computation goes through the
// same encoding as a stored one, so a cold call and a warm call give the
// same answer.

// matchBatch is how many new matches are saved per transaction (progress
// survives an interruption).
const matchBatch = 200

// RefreshRoutes brings an athlete's stored route results up to date: it
// fingerprints runs that have no fingerprint, regroups when the set of runs
// changed, and matches onto the saved street graph every run not yet
// matched on this version of it. It is idempotent (a second call finds
// everything stored and does no matching) and safe to run as a background
// job after an import or a new street graph. progress, when set, is told
// how many runs are matched out of how many need it.
func (a *App) RefreshRoutes(ctx context.Context, athleteID int64, progress func(done, total int)) error {
	defer a.routeLocks.lock(athleteID)() // one refresh of an athlete at a time
	// What the refresh starts from: when it completes, the stored results
	// cover every change up to this stamp (replicas then read them).
	st, err := a.cfg.Store.AthleteStamp(ctx, athleteID)
	if err != nil {
		return fmt.Errorf("routes: refresh: %w", err)
	}
	ath, err := a.cfg.Store.GetAthlete(ctx, athleteID)
	if err != nil {
		return fmt.Errorf("routes: refresh: %w", err)
	}
	_, err = a.refreshStamped(ctx, ath, st, progress)
	return err
}

// refreshRoutesChanged is RefreshRoutes saying whether it stored anything
// (a fingerprint, a grouping, a match): when not, what this process
// computed from the stored results still holds.
func (a *App) refreshRoutesChanged(ctx context.Context, athleteID int64) (bool, error) {
	defer a.routeLocks.lock(athleteID)()
	st, err := a.cfg.Store.AthleteStamp(ctx, athleteID)
	if err != nil {
		return false, fmt.Errorf("routes: refresh: %w", err)
	}
	ath, err := a.cfg.Store.GetAthlete(ctx, athleteID)
	if err != nil {
		return false, fmt.Errorf("routes: refresh: %w", err)
	}
	return a.refreshStamped(ctx, ath, st, nil)
}

// refreshStamped refreshes the stored route results and records that they
// cover every change up to st (the stamp read before the refresh began).
func (a *App) refreshStamped(ctx context.Context, ath *rekindle.Athlete, st store.Stamp, progress func(done, total int)) (bool, error) {
	changed, err := refreshRoutes(ctx, a.cfg.Store, ath, progress)
	if err != nil {
		return false, err
	}
	if err := a.cfg.Store.SetRoutesDone(ctx, ath.ID, st.Routes); err != nil {
		return false, fmt.Errorf("routes: refresh: %w", err)
	}
	return changed, nil
}

// athleteLocks hold one mutex per athlete: route results are computed and
// stored by one caller at a time (App.RefreshRoutes and the server's
// StoreRoutes share them), so the second finds them stored instead of
// matching the same runs again.
type athleteLocks struct {
	mu sync.Mutex
	m  map[int64]*sync.Mutex
}

// lock locks the athlete's mutex and returns its unlock.
func (l *athleteLocks) lock(athleteID int64) func() {
	l.mu.Lock()
	if l.m == nil {
		l.m = map[int64]*sync.Mutex{}
	}
	m := l.m[athleteID]
	if m == nil {
		m = new(sync.Mutex)
		l.m[athleteID] = m
	}
	l.mu.Unlock()
	m.Lock()
	return m.Unlock
}

// refreshRoutes is App.RefreshRoutes over a store.
// It reports whether it stored anything.
func refreshRoutes(ctx context.Context, s *store.Store, ath *rekindle.Athlete, progress func(done, total int)) (bool, error) {
	g, gv, err := loadGraphVersion(ctx, s, ath.ID)
	if err != nil {
		return false, err
	}
	acts, err := s.ListActivityHeads(ctx, ath.ID, time.Time{})
	if err != nil {
		return false, err
	}
	gr, err := groupRuns(ctx, s, ath.ID, acts, true, nil)
	if err != nil {
		return false, err
	}
	if g == nil {
		return gr.changed, nil
	}
	matched := false
	// Stored matches are only checked (decoded one at a time), not kept.
	err = eachMatch(ctx, s, ath.ID, gr.runs, g, gv, func(done, total int) {
		matched = true
		if progress != nil {
			progress(done, total)
		}
	}, func(int64, []streets.EdgeCover) {})
	return gr.changed || matched, err
}

// loadGraphVersion reads the athlete's saved graph and its version; nil
// and "" when there is none (or it is unusable, which is logged).
func loadGraphVersion(ctx context.Context, s *store.Store, athleteID int64) (*streets.Graph, string, error) {
	gv, err := s.RouteGraphVersion(ctx, athleteID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", err
	}
	g, err := loadGraph(ctx, s, athleteID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return nil, "", nil
	}
	if err != nil {
		slog.Warn("routes: saved street graph unusable; run 'rekindle map load' again", "err", err)
		return nil, "", nil
	}
	return g, gv, nil
}

// matchRuns returns every run's matched edges on g (version gv): stored
// ones are read, missing or stale ones are matched (on all cores) and
// saved in batches. Runs with fewer than two positions have no match.
func matchRuns(ctx context.Context, s *store.Store, athleteID int64, runs []route.Run, g *streets.Graph, gv string, progress func(done, total int)) (map[int64][]streets.EdgeCover, error) {
	out := make(map[int64][]streets.EdgeCover, len(runs))
	err := eachMatch(ctx, s, athleteID, runs, g, gv, progress, func(id int64, ec []streets.EdgeCover) { out[id] = ec })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// eachMatch is matchRuns handing each run's match to each (the stored
// ones in the order of runs, then the new ones oldest first) instead of
// keeping them all: a caller that only folds them (coverage, a few street
// names) holds one decoded match at a time, not the whole history's.
func eachMatch(ctx context.Context, s *store.Store, athleteID int64, runs []route.Run, g *streets.Graph, gv string, progress func(done, total int), each func(id int64, ec []streets.EdgeCover)) error {
	stored, err := s.ListRouteMatches(ctx, athleteID)
	if err != nil {
		return err
	}
	byAct := make(map[int64]store.RouteMatch, len(stored))
	for _, m := range stored {
		byAct[m.ActivityID] = m
	}
	var todo []route.Run
	for _, r := range runs {
		if len(r.FP.Clean) < 2 {
			continue
		}
		if m, ok := byAct[r.ID]; ok && m.GraphVersion == gv && m.Version == streets.MatchVersion {
			if ec, err := streets.DecodeMatch(m.Data, g.NumEdges()); err == nil {
				each(r.ID, ec)
				continue
			}
		}
		todo = append(todo, r)
	}
	if len(todo) == 0 {
		return nil
	}
	// Oldest first, so an interrupted refresh has matched a prefix.
	slices.SortFunc(todo, func(a, b route.Run) int { return a.Start.Compare(b.Start) })
	workers := max(1, min(runtime.GOMAXPROCS(0), len(todo)))
	for lo := 0; lo < len(todo); lo += matchBatch {
		if err := ctx.Err(); err != nil {
			return err
		}
		batch := todo[lo:min(len(todo), lo+matchBatch)]
		recs := make([]store.RouteMatch, len(batch))
		var wg sync.WaitGroup
		next := make(chan int)
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range next {
					r := batch[i]
					recs[i] = store.RouteMatch{ActivityID: r.ID, GraphVersion: gv, Version: streets.MatchVersion,
						Data: streets.EncodeMatch(g.MatchPolyline(r.FP.Clean))}
				}
			}()
		}
		for i := range batch {
			next <- i
		}
		close(next)
		wg.Wait()
		for _, rec := range recs {
			// The stored form is the value: a fresh match is used as it
			// will be read back.
			ec, err := streets.DecodeMatch(rec.Data, g.NumEdges())
			if err != nil {
				return fmt.Errorf("routes: match of activity %d: %w", rec.ActivityID, err)
			}
			each(rec.ActivityID, ec)
		}
		if err := s.SaveRouteMatches(ctx, athleteID, recs); err != nil {
			return err
		}
		if progress != nil {
			progress(lo+len(batch), len(todo))
		}
	}
	return nil
}

// runsKey identifies a set of runs (and the fingerprint version) for the
// stored grouping.
func runsKey(runs []route.Run) string {
	ids := make([]int64, len(runs))
	for i, r := range runs {
		ids[i] = r.ID
	}
	slices.Sort(ids)
	h := sha256.New()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], route.FingerprintVersion)
	h.Write(b[:])
	for _, id := range ids {
		binary.LittleEndian.PutUint64(b[:], uint64(id))
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// encodeMedoids packs group id → medoid run id pairs.
func encodeMedoids(groups []route.Group) []byte {
	buf := []byte{}
	for _, g := range groups {
		buf = binary.AppendVarint(buf, g.ID)
		buf = binary.AppendVarint(buf, g.Medoid)
	}
	return buf
}

func decodeMedoids(data []byte) (map[int64]int64, bool) {
	out := map[int64]int64{}
	for len(data) > 0 {
		g, k := binary.Varint(data)
		if k <= 0 {
			return nil, false
		}
		data = data[k:]
		m, k := binary.Varint(data)
		if k <= 0 {
			return nil, false
		}
		data = data[k:]
		out[g] = m
	}
	return out, true
}

// restoreGrouping rebuilds the stored grouping of runs when it was made
// over exactly these runs: every run has its group and every group its
// medoid. ok is false when it must be regrouped.
func restoreGrouping(runs []route.Run, previous map[int64]int64, stored store.RouteGrouping, key string) (*route.Grouper, bool) {
	if stored.RunsKey != key {
		return nil, false
	}
	medoids, ok := decodeMedoids(stored.Medoids)
	if !ok {
		return nil, false
	}
	sorted := slices.Clone(runs)
	slices.SortFunc(sorted, func(a, b route.Run) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	gr := route.NewGrouper(1)
	for _, r := range sorted {
		g := previous[r.ID]
		if g <= 0 {
			return nil, false
		}
		gr.Restore(r, g)
	}
	for g, m := range medoids {
		if gr.GroupOf(m) != g {
			return nil, false
		}
		gr.RestoreMedoid(g, m)
	}
	if len(medoids) != len(gr.Groups()) {
		return nil, false
	}
	return gr, true
}
