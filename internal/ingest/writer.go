package ingest

import (
	"context"
	"errors"
	"fmt"

	"rekindle"
	"rekindle/internal/sportinfer"
	"rekindle/internal/store"
)

// writer is the single goroutine that dedupes and stores, a batch at a time.
type writer struct {
	st        *store.Store
	athleteID int64
	opt       *Options
	report    func(r FileResult, bytes int64, stored, dups, inferred int)

	files   []*pendingFile
	pending []*pendingAct // activities new in the current batch
	replHit map[int64]score
	bytes   int
	seen    map[string]*FileResult // files of this run, by digest
	nextID  int64
	idsLeft int

	// flight is the batch being written while the next one fills (nil
	// when none): the decoders need not wait for a commit (a round trip
	// and the server's work on PostgreSQL). A file that might depend on it
	// (a duplicate of one of its sessions or files, a stored session it
	// replaces) waits for it first, so dedupe sees what it really stored.
	flight *flight
	// starts, when not nil, gathers the first positions of the tracks
	// written, by activity id, for placing the runner afterwards.
	starts map[int64]store.TrackStart

	// cands holds the stored candidates of a file's activities, read in one
	// query when the file is added (store.OverlappingMany: a summary CSV
	// of thousands of rows is one round trip, not one per row). They are
	// what the store held before any batch landed since: landed counts the
	// batches landed, and candidates read at another count are read again.
	cands       map[*store.PreparedActivity][]store.Candidate
	candsLanded int
	landed      int

	// touched is set when a record stored (new or replacing) overlaps
	// another in time by the overlap rule: the import ends with
	// ResolveOverlaps.
	touched bool
}

// flight is one batch written in the background.
type flight struct {
	files   []*pendingFile
	pending []*pendingAct  // its new activities, for dedupe
	replace map[int64]bool // stored activities it replaces
	done    chan struct{}  // closed when the write returned
	err     error          // the write's, read after done
}

type pendingFile struct {
	d       decoded
	result  FileResult
	record  *store.FileRecord
	newActs []*store.PreparedActivity
	replace []store.Replacement
	dups    []store.Duplicate
	stored  int
	dupN    int
	// replaced: earlier records of other files this file's records took
	// the place of.
	replaced []Replaced
}

type pendingAct struct {
	p    *store.PreparedActivity
	file *pendingFile
	slot int // index in file.newActs
}

// score orders records of the same session: more channels, then the
// device's own format, then more samples, then a stable key of the record
// (its source's digest and index), so that which record is kept does not
// depend on the order the files came in.
type score struct {
	// possible: a time a runner can hold for the distance (beyondRecord
	// is not, without ImpossibleRun's margin). Of two records of one session, one at a runner's
	// pace and one faster than any runner (a list that holds the session
	// from a phone app and from its GPS file, the file's moving time a
	// fraction of the app's: held-out real-122, 7.06 km in 16:41 beside
	// 7.17 km in 1:01:11), the first is the session: what it says is
	// what the runner ran, whatever else the other holds.
	possible                  bool
	channels, format, samples int
	sha                       string
	index                     int
}

func (a score) better(b score) bool {
	if a.possible != b.possible {
		return a.possible
	}
	if a.channels != b.channels {
		return a.channels > b.channels
	}
	if a.format != b.format {
		return a.format > b.format
	}
	if a.samples != b.samples {
		return a.samples > b.samples
	}
	if a.sha != b.sha {
		return a.sha < b.sha
	}
	return a.index < b.index
}

func formatRank(f rekindle.SourceFormat) int {
	switch f {
	case rekindle.FormatFIT:
		return 5
	case rekindle.FormatTCX:
		return 4
	case rekindle.FormatGPX:
		return 3
	case rekindle.FormatStrava: // Strava's streams of the device's file
		return 2
	case rekindle.FormatStravaCSV:
		return 1
	}
	return 0
}

func scoreOf(p *store.PreparedActivity) score {
	return score{!beyondRecord(p.A.Sport, p.A.Summary.DistanceM, float64(p.EndMs-p.StartMs)/1000), len(p.Channels), formatRank(p.A.Source.Format), p.Samples, p.A.Source.SHA256, p.A.Source.Index}
}

func (w *writer) size() int {
	n := 0
	for _, f := range w.files {
		n += len(f.newActs) + len(f.replace)
	}
	return n
}

func (w *writer) allocID(ctx context.Context) (int64, error) {
	if w.idsLeft == 0 {
		first, err := w.st.NextIDs(ctx, "activity", 256)
		if err != nil {
			return 0, err
		}
		w.nextID, w.idsLeft = first, 256
	}
	id := w.nextID
	w.nextID++
	w.idsLeft--
	return id, nil
}

func sportFamily(s rekindle.Sport) string {
	switch {
	case s.IsRun():
		return "run"
	case s == rekindle.SportCycling || s == rekindle.SportVirtualRide || s == rekindle.SportIndoorCycling || s == rekindle.SportSpin:
		return "ride"
	case s == rekindle.SportWalking || s == rekindle.SportHiking:
		return "walk"
	case s == rekindle.SportSwimming || s == rekindle.SportPoolSwim:
		return "swim"
	case s == rekindle.SportOther || s == "":
		return ""
	}
	return string(s)
}

// sameSession reports whether two records describe one session: same sport
// family, time spans overlapping by at least half of the shorter one, and
// distances within 5 % (when both have one) — or within 35 % when the two
// start within two minutes and overlap by 80 % of the shorter span.
func sameSession(aSport rekindle.Sport, aStart, aEnd int64, aDist float64, bSport rekindle.Sport, bStart, bEnd int64, bDist float64) bool {
	fa, fb := sportFamily(aSport), sportFamily(bSport)
	if fa != "" && fb != "" && fa != fb {
		return false
	}
	overlap := min(aEnd, bEnd) - max(aStart, bStart)
	shorter := min(aEnd-aStart, bEnd-bStart)
	if shorter <= 0 {
		d := aStart - bStart
		if d < 0 {
			d = -d
		}
		if d > 120_000 {
			return false
		}
	} else if overlap < shorter/2 {
		return false
	}
	if aDist > 100 && bDist > 100 {
		hi, lo := max(aDist, bDist), min(aDist, bDist)
		if (hi-lo)/hi <= 0.05 {
			return true
		}
		// The same start and nearly the same span: one session whose
		// distances differ by method (device wheel/footpod vs GPS).
		ds := aStart - bStart
		if ds < 0 {
			ds = -ds
		}
		return ds <= 120_000 && shorter > 0 && overlap >= shorter*4/5 && (hi-lo)/hi <= 0.35
	}
	return true
}

// sameRecordWindow is how far apart the starts of two records of one source
// file may be and still be one session listed twice.
const sameRecordWindow = 60_000

// sameRecord reports whether two records of the same source file are one
// session listed twice (an export that repeats some years from two of its
// own sources, e.g. a "run" and a "gpx" row of each session): the same
// sport family, starts within a minute, and distances within 5 % (durations
// within 5 % when neither has a distance). Records of one file are otherwise
// distinct sessions (a multi-sport file, laps of a track day), so this is
// stricter than sameSession.
func sameRecord(aSport rekindle.Sport, aStart, aEnd int64, aDist float64, bSport rekindle.Sport, bStart, bEnd int64, bDist float64) bool {
	fa, fb := sportFamily(aSport), sportFamily(bSport)
	if fa != fb {
		return false
	}
	ds := aStart - bStart
	if ds < 0 {
		ds = -ds
	}
	if ds > sameRecordWindow {
		return false
	}
	within := func(x, y float64) bool {
		hi, lo := max(x, y), min(x, y)
		return hi > 0 && (hi-lo)/hi <= 0.05
	}
	switch {
	case aDist > 100 && bDist > 100:
		return within(aDist, bDist)
	case aDist > 100 || bDist > 100:
		return false
	}
	return aEnd > aStart && bEnd > bStart && within(float64(aEnd-aStart), float64(bEnd-bStart))
}

// noTimeOfDay reports whether a record gives a date and no time of day: a
// summary (fewer than two samples) that starts at exactly midnight UTC,
// where the summary readers put a date without a time.
func noTimeOfDay(startMs int64, samples int) bool {
	const dayMs = 86_400_000
	return samples < 2 && startMs%dayMs == 0
}

// undatedLengthShare is how far apart (a share of the longer) the lengths
// of two records with no time of day may be and still be one session: the
// same session listed twice differs by seconds (0.1-0.3 % in the lists
// measured: 2:06:58 and 2:06:50, 31:16 and 31:10), a day's two entries by
// minutes (held-out real-65's log: a warm-up of 5.021 km in 20:00 and the
// 5000 m race in 14:56; the commute run there and back, 4.426 km in 18:54
// and in 19:34).
const undatedLengthShare = 0.02

// undatedApart reports whether two records that both give no time of day
// are two sessions by their lengths. With no hours, the reader starts both
// at midnight, so their spans "overlap" by construction and the overlap
// that sameSession and sameRecord ask of one session says nothing; what
// is known of their times is how long each lasted, and lengths that differ
// beyond rounding are a day's two entries (a warm-up and the race, a
// double day), never one session listed twice. Records with hours are
// left to the overlap of their spans.
func undatedApart(aStart, aEnd int64, aSamples int, bStart, bEnd int64, bSamples int) bool {
	if !noTimeOfDay(aStart, aSamples) || !noTimeOfDay(bStart, bSamples) {
		return false
	}
	da, db := aEnd-aStart, bEnd-bStart
	if da <= 0 || db <= 0 {
		return false // a length unknown: nothing to compare
	}
	hi, lo := max(da, db), min(da, db)
	return float64(hi-lo) > undatedLengthShare*float64(hi)
}

// duplicates reports whether a record duplicates q: across files by
// sameSession, within one file by the stricter sameRecord.
func duplicates(p, q *store.PreparedActivity) bool {
	a, b := p.A, q.A
	if undatedApart(p.StartMs, p.EndMs, p.Samples, q.StartMs, q.EndMs, q.Samples) {
		return false
	}
	f := sameSession
	if a.Source.SHA256 == b.Source.SHA256 {
		if a.Source.Index == b.Source.Index || (a.Multisport != "" && a.Multisport == b.Multisport) {
			return false // one record, or legs of one multi-sport event
		}
		f = sameRecord
	}
	return f(a.Sport, p.StartMs, p.EndMs, a.Summary.DistanceM, b.Sport, q.StartMs, q.EndMs, b.Summary.DistanceM)
}

func (w *writer) add(ctx context.Context, d decoded) error {
	if w.seen == nil {
		w.seen = map[string]*FileResult{}
		w.replHit = map[int64]score{}
	}
	pf := &pendingFile{d: d, result: FileResult{File: d.job.name, ActivityIDs: []int64{}, Warnings: d.warnings}}
	if pf.result.Warnings == nil {
		pf.result.Warnings = []string{}
	}
	if d.err != nil {
		pf.result.Status, pf.result.Error = store.StatusFailed, d.err.Error()
		if d.sha == "" {
			w.report(pf.result, d.size, 0, 0, 0)
			return nil
		}
		pf.record = &store.FileRecord{SHA256: d.sha, Name: d.job.name, Format: string(d.kind), Size: d.size, Status: store.StatusFailed, Error: pf.result.Error}
		if d.original != nil {
			w.bytes += len(d.original.Data)
		}
		w.files = append(w.files, pf)
		return nil
	}
	if prev := w.seen[d.sha]; prev != nil && w.flight != nil {
		// The same file earlier in this run may be in the batch being
		// written: its outcome is known once written.
		if err := w.land(ctx); err != nil {
			return err
		}
	}
	if prev := w.seen[d.sha]; prev != nil || d.known {
		pf.result.Status = store.StatusDuplicate
		if prev != nil {
			pf.result.ActivityIDs = append(pf.result.ActivityIDs, prev.ActivityIDs...)
		} else if rec, ok, err := w.st.FileStatus(ctx, w.athleteID, d.sha); err == nil && ok {
			pf.result.ActivityIDs = append(pf.result.ActivityIDs, rec.ActivityIDs...)
		}
		pf.result.Warnings = []string{}
		w.report(pf.result, d.size, 0, 0, 0)
		return nil
	}
	w.seen[d.sha] = &pf.result
	pf.result.Courses = len(d.courses)
	if err := w.prefetch(ctx, d.acts); err != nil {
		return err
	}
	var ids map[int64]bool // ids of this file, when a record lands twice on one
	for _, p := range d.acts {
		id, err := w.place(ctx, pf, p)
		if err != nil {
			return err
		}
		if ids == nil {
			ids = make(map[int64]bool, len(d.acts))
		}
		if ids[id] {
			// A record of this file listed twice: one activity.
			w.bytes += len(p.Track) + len(p.Summary)
			continue
		}
		ids[id] = true
		pf.result.ActivityIDs = append(pf.result.ActivityIDs, id)
		w.bytes += len(p.Track) + len(p.Summary)
	}
	pf.finalize()
	if d.original != nil {
		w.bytes += len(d.original.Data)
	}
	w.files = append(w.files, pf)
	return nil
}

// prefetch reads the stored candidates of a file's activities in one query
// when it has several (one is read by place, as it always was), unless they
// were read with its group (prefetchGroup) and no batch landed since.
func (w *writer) prefetch(ctx context.Context, acts []*store.PreparedActivity) error {
	if len(acts) == 0 || (w.candsLanded == w.landed && w.hasCands(acts)) {
		return nil
	}
	clear(w.cands)
	if w.opt.SkipDedupe || w.opt.perActivityCandidates || len(acts) < 2 {
		return nil
	}
	return w.readCandidates(ctx, acts)
}

// prefetchGroup reads in one query the stored candidates of the activities
// of the files that came to the writer together (decoded while it was
// busy): on PostgreSQL one round trip, and one statement for the server,
// where each file of one activity (most files) cost its own. Each file's
// prefetch then finds its activities' candidates read.
func (w *writer) prefetchGroup(ctx context.Context, group []decoded) error {
	if w.opt.SkipDedupe || w.opt.perActivityCandidates || len(group) < 2 {
		return nil
	}
	var acts []*store.PreparedActivity
	for i := range group {
		if d := &group[i]; d.err == nil && !d.known {
			acts = append(acts, d.acts...)
		}
	}
	clear(w.cands)
	if len(acts) < 2 {
		return nil
	}
	return w.readCandidates(ctx, acts)
}

func (w *writer) hasCands(acts []*store.PreparedActivity) bool {
	for _, p := range acts {
		if _, ok := w.cands[p]; !ok {
			return false
		}
	}
	return true
}

// readCandidates reads the stored candidates of acts in one query
// (store.OverlappingMany) into w.cands.
func (w *writer) readCandidates(ctx context.Context, acts []*store.PreparedActivity) error {
	spans := make([]store.Span, len(acts))
	for i, p := range acts {
		spans[i] = store.Span{StartMs: p.StartMs, EndMs: p.EndMs}
	}
	got, err := w.st.OverlappingMany(ctx, w.athleteID, spans)
	if err != nil {
		return err
	}
	if w.cands == nil {
		w.cands = make(map[*store.PreparedActivity][]store.Candidate, len(acts))
	}
	for i, p := range acts {
		w.cands[p] = got[i]
	}
	w.candsLanded = w.landed
	return nil
}

// candidates returns the stored activities p may duplicate: those read with
// its file when no batch has landed since, else read now.
func (w *writer) candidates(ctx context.Context, p *store.PreparedActivity) ([]store.Candidate, error) {
	if c, ok := w.cands[p]; ok {
		delete(w.cands, p)
		if w.candsLanded == w.landed {
			return c, nil
		}
	}
	return w.st.Overlapping(ctx, w.athleteID, p.StartMs, p.EndMs)
}

// finalize sets the file's status and record from what became of its
// activities (a later, richer file of the same batch may supersede them).
func (pf *pendingFile) finalize() {
	if pf.result.Status == store.StatusFailed {
		return
	}
	switch {
	case pf.stored == 0 && pf.dupN > 0:
		pf.result.Status = store.StatusDuplicate
	case len(pf.result.Warnings) > pf.d.inferred:
		// A sport inferred is a note, not damage: the file is imported.
		pf.result.Status = store.StatusPartial
	case len(pf.replaced) > 0:
		pf.result.Status = store.StatusReplaced
	default:
		pf.result.Status = store.StatusImported
	}
	pf.result.Replaced = nil
	if pf.result.Status != store.StatusDuplicate {
		pf.result.Replaced = pf.replaced
	}
	d := &pf.d
	pf.record = &store.FileRecord{SHA256: d.sha, Name: d.job.name, Format: string(d.kind), Size: d.size,
		Status: pf.result.Status, Warnings: pf.result.Warnings, ActivityIDs: pf.result.ActivityIDs}
}

// place dedupes one activity and queues it; it returns the id it lives under.
func (w *writer) place(ctx context.Context, pf *pendingFile, p *store.PreparedActivity) (int64, error) {
	a := p.A
	start := p.StartMs
	sc := scoreOf(p)
	dup := func(keptID int64, src rekindle.Source, reason string) {
		pf.dups = append(pf.dups, store.Duplicate{ActivityID: keptID, Source: src, Reason: reason})
	}
	var cands []store.Candidate
	// near: p overlaps by the overlap rule a record of the batch being
	// filled or written (found in the same passes as duplicates).
	near := false
	if !w.opt.SkipDedupe {
		if f := w.flight; f != nil {
			for _, pa := range f.pending {
				if duplicates(p, pa.p) {
					// Its session is being written: wait, then find it stored.
					if err := w.land(ctx); err != nil {
						return 0, err
					}
					break
				}
				near = near || overlapsRecord(p, pa.p)
			}
		}
		for _, pa := range w.pending {
			q := pa.p
			if !duplicates(p, q) {
				near = near || overlapsRecord(p, q)
				continue
			}
			id := q.A.ID
			if sc.better(scoreOf(q)) {
				p.A.ID = id
				mergeMeta(p.A, q.A)
				pa.file.newActs[pa.slot] = p
				pa.p = p
				pa.file.dups = append(pa.file.dups, store.Duplicate{ActivityID: id, Source: q.A.Source, Reason: "same session, less data"})
				if q.A.Source.SHA256 != a.Source.SHA256 {
					pf.replaced = append(pf.replaced, Replaced{ActivityID: id, File: q.A.Source.File})
				}
				pa.file.stored--
				pa.file.dupN++
				pa.file.finalize()
				pf.stored++
				return id, nil
			}
			mergeMeta(q.A, p.A)
			dup(id, a.Source, "same session as "+q.A.Source.File)
			pf.dupN++
			return id, nil
		}
		var err error
		if cands, err = w.candidates(ctx, p); err != nil {
			return 0, err
		}
		if f := w.flight; f != nil && len(f.replace) > 0 {
			for _, c := range cands {
				if f.replace[c.ID] {
					// Being replaced: compare with what replaces it.
					if err := w.land(ctx); err != nil {
						return 0, err
					}
					if cands, err = w.st.Overlapping(ctx, w.athleteID, start, p.EndMs); err != nil {
						return 0, err
					}
					break
				}
			}
		}
		for _, c := range cands {
			if c.Source.SHA256 == a.Source.SHA256 || undatedApart(start, p.EndMs, p.Samples, c.StartMs, c.EndMs, c.Samples) || !sameSession(a.Sport, start, p.EndMs, a.Summary.DistanceM, c.Sport, c.StartMs, c.EndMs, c.DistanceM) {
				continue
			}
			cs, ok := w.replHit[c.ID]
			if !ok {
				cs = score{!beyondRecord(c.Sport, c.DistanceM, float64(c.EndMs-c.StartMs)/1000), c.Channels, formatRank(c.Source.Format), c.Samples, c.Source.SHA256, c.Source.Index}
			}
			if sc.better(cs) {
				w.touched = w.touched || near || overlapsStored(p, cands, c.ID) || impossiblePrepared(p)
				pf.replace = append(pf.replace, store.Replacement{ID: c.ID, P: p})
				w.replHit[c.ID] = sc
				dup(c.ID, c.Source, "same session, less data")
				pf.replaced = append(pf.replaced, Replaced{ActivityID: c.ID, File: c.Source.File})
				pf.stored++
				return c.ID, nil
			}
			dup(c.ID, a.Source, "same session as "+c.Source.File)
			pf.dupN++
			return c.ID, nil
		}
	}
	w.touched = w.touched || near || overlapsStored(p, cands, 0) || impossiblePrepared(p)
	id, err := w.allocID(ctx)
	if err != nil {
		return 0, err
	}
	p.A.ID = id
	pf.newActs = append(pf.newActs, p)
	w.pending = append(w.pending, &pendingAct{p: p, file: pf, slot: len(pf.newActs) - 1})
	pf.stored++
	return id, nil
}

// mergeMeta fills what the kept record lacks from the other one (a Strava
// name, description or gear for a device file).
func mergeMeta(kept, other *rekindle.Activity) {
	// The runner's own title over one an app made up ("跑步", "Morning
	// Run"): two apps' records of one session often differ only there, and
	// the runner's ("半马配速跑", "tempo", a race's name) is what says
	// what the session was.
	ownOverApp := other.Name != "" && sportinfer.AppTitle(kept.Name) && !sportinfer.AppTitle(other.Name)
	if other.Source.Format == rekindle.FormatStravaCSV || other.Source.Format == rekindle.FormatStrava || kept.Name == "" || ownOverApp {
		if other.Name != "" {
			kept.Name = other.Name
		}
	}
	if kept.Description == "" {
		kept.Description = other.Description
	}
	if kept.Gear == "" {
		kept.Gear = other.Gear
	}
	if kept.RPE == 0 {
		kept.RPE = other.RPE
	}
}

func (w *writer) batchOf(files []*pendingFile) *store.Batch {
	b := &store.Batch{}
	for _, f := range files {
		b.New = append(b.New, f.newActs...)
		b.Replace = append(b.Replace, f.replace...)
		b.Duplicates = append(b.Duplicates, f.dups...)
		if f.record != nil {
			b.Files = append(b.Files, *f.record)
		}
		if f.d.original != nil {
			b.Originals = append(b.Originals, *f.d.original)
		}
		b.Courses = append(b.Courses, f.d.courses...)
	}
	return b
}

// flush starts writing the queued files in one transaction, in the
// background, once the batch written before has landed. land waits for it.
func (w *writer) flush(ctx context.Context) error {
	if len(w.files) == 0 {
		return nil
	}
	if err := w.land(ctx); err != nil {
		return err
	}
	f := &flight{files: w.files, pending: w.pending, done: make(chan struct{})}
	for _, pf := range f.files {
		for _, r := range pf.replace {
			if f.replace == nil {
				f.replace = map[int64]bool{}
			}
			f.replace[r.ID] = true
		}
	}
	w.files, w.pending, w.bytes = nil, nil, 0
	clear(w.replHit)
	b := w.batchOf(f.files)
	w.flight = f
	go func() {
		defer close(f.done)
		f.err = w.st.WriteBatch(ctx, w.athleteID, b)
	}()
	if w.opt.serialWrites {
		return w.land(ctx)
	}
	return nil
}

// land waits for the batch being written, if any, and reports its files.
// When the write failed for a reason other than cancellation, each file is
// retried alone so one bad file cannot sink the others.
func (w *writer) land(ctx context.Context) error {
	f := w.flight
	if f == nil {
		return nil
	}
	<-f.done // the write itself stops when ctx is done
	w.flight = nil
	w.landed++
	files := f.files
	if f.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		for _, f := range files {
			if err := w.st.WriteBatch(ctx, w.athleteID, w.batchOf([]*pendingFile{f})); err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				f.result.ActivityIDs = []int64{}
				f.result.Courses = 0
				f.result.Replaced = nil
				f.stored, f.dupN, f.d.inferred = 0, 0, 0
				if errors.Is(err, store.ErrAlreadyStored) {
					// Another import of the same file committed first.
					f.result.Status, f.result.Warnings = store.StatusDuplicate, []string{}
					if rec, ok, err := w.st.FileStatus(ctx, w.athleteID, f.d.sha); err == nil && ok {
						f.result.ActivityIDs = append(f.result.ActivityIDs, rec.ActivityIDs...)
					}
				} else {
					f.result.Status, f.result.Error = store.StatusFailed, fmt.Sprintf("store: %v", err)
				}
			} else {
				w.written(f)
			}
			w.report(f.result, f.d.size, f.stored, f.dupN, min(f.d.inferred, f.stored))
		}
		release(files)
		return nil
	}
	for _, f := range files {
		w.written(f)
		w.report(f.result, f.d.size, f.stored, f.dupN, min(f.d.inferred, f.stored))
	}
	release(files)
	return nil
}

// written notes the first positions of a file's tracks once stored.
func (w *writer) written(f *pendingFile) {
	if w.starts == nil {
		return
	}
	note := func(id int64, p *store.PreparedActivity) {
		if p.Track != nil {
			w.starts[id] = p.TrackStart()
		} else {
			delete(w.starts, id)
		}
	}
	for _, p := range f.newActs {
		note(p.A.ID, p)
	}
	for _, r := range f.replace {
		note(r.ID, r.P)
	}
}

// release drops what a written file no longer needs: w.seen keeps each
// file's result (and so the file) until the import ends, and memory must
// not grow with the number of files.
func release(files []*pendingFile) {
	for _, f := range files {
		f.d.acts, f.d.courses, f.d.original, f.newActs, f.replace, f.dups, f.record = nil, nil, nil, nil, nil, nil, nil
	}
}
