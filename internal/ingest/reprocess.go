package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"rekindle"
	"rekindle/internal/store"
)

// ReprocessOptions configure Reprocess.
type ReprocessOptions struct {
	Workers  int              // decoding goroutines; default GOMAXPROCS
	Decoders map[Kind]Decoder // default DefaultDecoders()
	Limits   Limits           // zero: DefaultLimits
	DryRun   bool             // work out what would change, write nothing
	OnFile   func(ReprocessResult)
}

// Reprocess outcomes.
const (
	ReprocessUnchanged = "unchanged"
	ReprocessUpdated   = "updated"
	ReprocessFailed    = "failed"
)

// ReprocessResult is the outcome of one stored original.
type ReprocessResult struct {
	File        string   `json:"file"`
	SHA256      string   `json:"sha256"`
	Status      string   `json:"status"`       // unchanged | updated | failed
	ActivityIDs []int64  `json:"activity_ids"` // the file's activities now (or kept, as duplicates)
	Updated     []int64  `json:"updated"`      // rewritten in place, same id
	Added       []int64  `json:"added"`        // sessions the file gives now and did not before
	Removed     []int64  `json:"removed"`      // sessions the file no longer gives
	Warnings    []string `json:"warnings"`
	Error       string   `json:"error"`
}

// ReprocessStats sums up a reprocess run.
type ReprocessStats struct {
	Files, Unchanged, Updated, Failed int
	ActivitiesUpdated, Added, Removed int
	SetAside                          int // activities set aside as overlapping others, after the run
}

// Reprocess decodes every stored original again with the current decoders
// and measures, and updates the athlete's activities in place: a session
// that matches a stored one keeps its id (and the name, description, gear
// and RPE stored for it, which may come from a Strava activities.csv or the
// runner); a session the file did not give before is added (or recorded as
// a duplicate of an overlapping one from another file); a stored session the
// file no longer gives is removed. For CSV files only sessions already
// stored are updated. Each file is written in its own transaction.
func Reprocess(ctx context.Context, st *store.Store, athleteID int64, opt ReprocessOptions) (ReprocessStats, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.Decoders == nil {
		opt.Decoders = DefaultDecoders()
	}
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	var stats ReprocessStats
	origs, err := st.ListOriginals(ctx, athleteID)
	if err != nil {
		return stats, err
	}
	dups, err := st.ListDuplicates(ctx, athleteID)
	if err != nil {
		return stats, err
	}
	known := make(map[dupKey]bool, len(dups))
	for _, d := range dups {
		known[dupKey{d.Source.SHA256, d.Source.Index}] = true
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		o    store.Original
		acts []*store.PreparedActivity
		warn []string
		err  error
	}
	jobs := make(chan store.Original)
	results := make(chan result, opt.Workers)
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for o := range jobs {
				r := result{o: o}
				r.acts, r.warn, r.err = redecode(ctx, st, athleteID, o, &opt)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for _, o := range origs {
			select {
			case jobs <- o:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var firstErr error
	for r := range results {
		if firstErr != nil {
			continue // drain
		}
		res, err := applyReprocess(ctx, st, athleteID, r.o, r.acts, r.warn, r.err, known, &opt)
		if err != nil {
			firstErr = err
			cancel()
			continue
		}
		stats.Files++
		switch res.Status {
		case ReprocessUnchanged:
			stats.Unchanged++
		case ReprocessUpdated:
			stats.Updated++
		default:
			stats.Failed++
		}
		stats.ActivitiesUpdated += len(res.Updated)
		stats.Added += len(res.Added)
		stats.Removed += len(res.Removed)
		if opt.OnFile != nil {
			opt.OnFile(res)
		}
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr == nil && !opt.DryRun {
		// Sessions added, changed or removed may change what overlaps
		// what; and an import stopped before its last step left it undone.
		stats.SetAside, _, firstErr = ResolveOverlaps(ctx, st, athleteID)
	}
	return stats, firstErr
}

// redecode reads one original back and decodes, measures and prepares it.
func redecode(ctx context.Context, st *store.Store, athleteID int64, meta store.Original, opt *ReprocessOptions) (acts []*store.PreparedActivity, warnings []string, err error) {
	defer func() {
		if p := recover(); p != nil {
			acts, err = nil, fmt.Errorf("internal error while decoding: %v", p)
		}
	}()
	o, err := st.GetOriginal(ctx, athleteID, meta.SHA256)
	if err != nil {
		return nil, nil, err
	}
	data, err := o.Bytes()
	if err != nil {
		return nil, nil, err
	}
	kind := Sniff(data)
	decoded, courses, warnings, err := decodeData(ctx, kind, data, o.Name, nil, false, nil, opt.Decoders, opt.Limits, nil)
	if err != nil {
		return nil, warnings, err
	}
	if len(courses) > 0 && !opt.DryRun {
		// A planned route once stored as an activity becomes a saved
		// course (kept once per file and index).
		for _, c := range courses {
			c.Source.SHA256 = o.SHA256
		}
		if err := st.WriteBatch(ctx, athleteID, &store.Batch{Courses: courses}); err != nil {
			return nil, warnings, err
		}
	}
	acts, err = prepareAll(decoded, o.SHA256)
	return acts, warnings, err
}

// applyReprocess matches a file's new sessions to its stored ones and
// writes the difference. The returned error is a store failure that stops
// the run; a file that no longer decodes is a failed result.
func applyReprocess(ctx context.Context, st *store.Store, athleteID int64, o store.Original, acts []*store.PreparedActivity,
	warnings []string, decErr error, known map[dupKey]bool, opt *ReprocessOptions) (ReprocessResult, error) {
	res := ReprocessResult{File: o.Name, SHA256: o.SHA256, ActivityIDs: []int64{}, Updated: []int64{}, Added: []int64{},
		Removed: []int64{}, Warnings: warnings}
	if res.Warnings == nil {
		res.Warnings = []string{}
	}
	old, err := st.ActivitiesOfFile(ctx, athleteID, o.SHA256)
	if err != nil {
		return res, err
	}
	if decErr != nil {
		// Keep what is stored: a decoder that now fails is no reason to lose runs.
		res.Status, res.Error = ReprocessFailed, decErr.Error()
		for _, f := range old {
			res.ActivityIDs = append(res.ActivityIDs, f.ID)
		}
		return res, nil
	}
	csv := o.Kind == string(KindStravaCSV) || o.Kind == string(KindHistoryCSV)
	pairs, added, removed := matchSessions(old, acts, csv)
	b := &store.Batch{}
	for _, pr := range pairs {
		f, p := old[pr.old], acts[pr.new]
		keepMeta(p.A, &f)
		res.ActivityIDs = append(res.ActivityIDs, f.ID)
		if store.PreparedFingerprint(p) == f.Fingerprint {
			continue
		}
		b.Replace = append(b.Replace, store.Replacement{ID: f.ID, P: p})
		res.Updated = append(res.Updated, f.ID)
	}
	if !csv {
		gone := map[int64]bool{}
		for _, i := range removed {
			b.Delete = append(b.Delete, old[i].ID)
			res.Removed = append(res.Removed, old[i].ID)
			gone[old[i].ID] = true
		}
		for _, i := range added {
			p := acts[i]
			a := p.A
			cands, err := st.Overlapping(ctx, athleteID, a.Start.UnixMilli(), p.EndMs)
			if err != nil {
				return res, err
			}
			var dupOf *store.Candidate
			for k, c := range cands {
				same := sameSession
				if c.Source.SHA256 == o.SHA256 {
					// A record of this file listed twice (as import keeps it):
					// the kept one, unless this run removes it.
					if gone[c.ID] {
						continue
					}
					same = sameRecord
				}
				if same(a.Sport, a.Start.UnixMilli(), p.EndMs, a.Summary.DistanceM, c.Sport, c.StartMs, c.EndMs, c.DistanceM) {
					dupOf = &cands[k]
					break
				}
			}
			if dupOf != nil {
				res.ActivityIDs = append(res.ActivityIDs, dupOf.ID)
				if known[dupKey{a.Source.SHA256, a.Source.Index}] {
					continue // recorded before
				}
				b.Duplicates = append(b.Duplicates, store.Duplicate{ActivityID: dupOf.ID, Source: a.Source, Reason: "same session as " + dupOf.Source.File})
				continue
			}
			b.New = append(b.New, p)
		}
	}
	if len(b.Replace) == 0 && len(b.New) == 0 && len(b.Delete) == 0 && len(b.Duplicates) == 0 {
		res.Status = ReprocessUnchanged
		return res, nil
	}
	res.Status = ReprocessUpdated
	if len(b.New) > 0 && !opt.DryRun {
		first, err := st.NextIDs(ctx, "activity", len(b.New))
		if err != nil {
			return res, err
		}
		for k, p := range b.New {
			p.A.ID = first + int64(k)
		}
	}
	for _, p := range b.New {
		res.Added = append(res.Added, p.A.ID) // 0 in a dry run
		res.ActivityIDs = append(res.ActivityIDs, p.A.ID)
	}
	if opt.DryRun {
		return res, nil
	}
	rec, ok, err := st.FileStatus(ctx, athleteID, o.SHA256)
	if err != nil {
		return res, err
	}
	if !ok {
		rec = store.FileRecord{SHA256: o.SHA256, Name: o.Name, Format: o.Kind, Size: o.Size}
	}
	rec.Status, rec.Error, rec.Warnings, rec.ActivityIDs = store.StatusImported, "", res.Warnings, res.ActivityIDs
	if len(res.Warnings) > 0 {
		rec.Status = store.StatusPartial
	}
	b.Files = []store.FileRecord{rec}
	if err := st.WriteBatch(ctx, athleteID, b); err != nil {
		return res, fmt.Errorf("reprocess %s: %w", o.Name, err)
	}
	return res, nil
}

// keepMeta carries over what the runner or a Strava activities.csv gave a
// stored session and the file itself does not hold.
func keepMeta(a *rekindle.Activity, f *store.FileActivity) {
	if f.SportSource == rekindle.SportByUser {
		a.Sport, a.SportSource = f.Sport, f.SportSource
	}
	if f.Name != "" {
		a.Name = f.Name
	}
	if f.Description != "" {
		a.Description = f.Description
	}
	if f.Gear != "" {
		a.Gear = f.Gear
	}
	if f.RPE != 0 {
		a.RPE = f.RPE
	}
	a.Source.File = f.Source.File
}

type pair struct{ old, new int }

// dupKey names a recorded duplicate: its source file and index.
type dupKey struct {
	sha   string
	index int
}

func same(f *store.FileActivity, p *store.PreparedActivity) bool {
	if undatedApart(f.StartMs, f.EndMs, f.Samples, p.A.Start.UnixMilli(), p.EndMs, p.Samples) {
		return false
	}
	return sameSession(f.Sport, f.StartMs, f.EndMs, f.DistanceM, p.A.Sport, p.A.Start.UnixMilli(), p.EndMs, p.A.Summary.DistanceM)
}

func all(n int, f func(int) bool) bool {
	for i := range n {
		if !f(i) {
			return false
		}
	}
	return true
}

// matchSessions pairs stored sessions with new ones: by source index for
// CSV rows; by position when the counts agree and each pair is the same
// session; else each new session with the first unpaired stored one of the
// same session (same index preferred). It returns the pairs and the
// unpaired on each side. (A decoder fix that moves a session in time so
// far that it is no longer the same session gives it a new id.)
func matchSessions(old []store.FileActivity, acts []*store.PreparedActivity, csv bool) (pairs []pair, added, removed []int) {
	usedOld := make([]bool, len(old))
	usedNew := make([]bool, len(acts))
	link := func(i, j int) {
		pairs = append(pairs, pair{i, j})
		usedOld[i], usedNew[j] = true, true
	}
	switch {
	case csv:
		byIndex := map[int]int{}
		for i, f := range old {
			byIndex[f.Source.Index] = i
		}
		for j, p := range acts {
			if i, ok := byIndex[p.A.Source.Index]; ok && !usedOld[i] {
				link(i, j)
			}
		}
	case len(old) == len(acts) && all(len(old), func(i int) bool { return same(&old[i], acts[i]) }):
		for i := range old {
			link(i, i)
		}
	default:
		for pass := range 2 {
			for j, p := range acts {
				if usedNew[j] {
					continue
				}
				for i := range old {
					if usedOld[i] || (pass == 0 && old[i].Source.Index != p.A.Source.Index) || !same(&old[i], p) {
						continue
					}
					link(i, j)
					break
				}
			}
		}
	}
	for j := range acts {
		if !usedNew[j] {
			added = append(added, j)
		}
	}
	for i := range old {
		if !usedOld[i] {
			removed = append(removed, i)
		}
	}
	return pairs, added, removed
}
