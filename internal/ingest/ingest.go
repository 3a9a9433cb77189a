package ingest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	kgzip "github.com/klauspost/compress/gzip"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/geo"
	"rekindle/internal/measure"
	"rekindle/internal/sportinfer"
	"rekindle/internal/store"
)

// Decoder decodes one activity file.
type Decoder func(r io.Reader) ([]*rekindle.Activity, error)

// Limits guard against hostile input.
type Limits struct {
	MaxFileBytes    int64   // one decompressed file
	MaxArchiveBytes int64   // all members of one zip, decompressed
	MaxRatio        float64 // compression ratio above which a large member is a bomb
	MaxDepth        int     // archives inside archives
	MaxSamples      int     // track samples of one activity
	MaxMembers      int     // entries of one zip
	// MaxImportBytes caps the bytes really inflated (zip members, gzip
	// streams) by one import, whatever the archives declare.
	MaxImportBytes int64
	// MaxFailedOriginal is the largest file kept as an original when it
	// could not be read (files that import are always kept).
	MaxFailedOriginal int64
}

// DefaultLimits are generous for real exports and stop bombs.
var DefaultLimits = Limits{MaxFileBytes: 256 << 20, MaxArchiveBytes: 64 << 30, MaxRatio: 200, MaxDepth: 4,
	MaxSamples: store.MaxTrackSamples, MaxMembers: 10_000, MaxImportBytes: 64 << 30, MaxFailedOriginal: 16 << 20}

// Bounds on text fields of an activity: longer ones are cut at import with
// a warning (a 60 MB name once made the activity list print 1.77 GB).
const (
	MaxNameRunes = 200
	MaxNoteRunes = 10_000
)

// Options configure an import.
type Options struct {
	Workers    int              // decoding goroutines; default GOMAXPROCS
	BatchSize  int              // activities per transaction; default 200
	Decoders   map[Kind]Decoder // default DefaultDecoders()
	Limits     Limits           // zero: DefaultLimits
	OnFile     func(FileResult) // called once per file, in the writer goroutine, after its commit
	OnProgress func(Progress)   // called a few times a second and at the end
	Now        func() time.Time // for tests; default time.Now
	SkipDedupe bool             // store every activity even when it duplicates another (benchmarks)

	SkipPlace bool // do not infer the athlete's time zone and home after the import
	// DiscardOriginals leaves the files' original bytes out of the store
	// (by default each imported file is kept, compressed, for export and
	// reprocess).
	DiscardOriginals bool
	// Name, when set, gives the name recorded for an input path (and so
	// for its archive members): an upload's own name, not its spool path.
	Name func(path string) string
	// serialWrites waits for each batch's write before going on (tests:
	// the import as it was before batches were written in the background).
	serialWrites bool
	// perActivityCandidates reads each activity's stored candidates on
	// its own (tests: dedupe as it was before a file's were read at once).
	perActivityCandidates bool
	// groupAll makes the writer take the decoded files in groups of
	// maxGroup (or what is left) however fast they come (tests of the
	// grouping, independent of timing; PostgreSQL only, as the grouping).
	groupAll bool
	_        struct{}
}

// FileResult is the outcome of one file.
type FileResult struct {
	File        string   `json:"file"`
	Status      string   `json:"status"` // imported | replaced | duplicate | partial | failed
	ActivityIDs []int64  `json:"activity_ids"`
	Warnings    []string `json:"warnings"`
	Error       string   `json:"error"`
	// Replaced names the earlier records of the same sessions, from other
	// files with less data, that this file's records took the place of
	// (each now kept as a duplicate of the activity): status replaced, or
	// partial when the file also has warnings.
	Replaced []Replaced `json:"replaced,omitempty"`
	// Courses counts the planned courses (positions without times) the
	// file held, saved as courses rather than activities.
	Courses int `json:"courses,omitempty"`
}

// Replaced is an earlier record a file's record took the place of.
type Replaced struct {
	ActivityID int64  `json:"activity_id"` // the activity, now this file's record
	File       string `json:"file"`        // the earlier record's file
}

// ReplacedNote says in words what a file's records replaced:
// "replaced the copy from a.gpx (activity 12), kept as its duplicate".
func ReplacedNote(rs []Replaced) string {
	if len(rs) == 0 {
		return ""
	}
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = fmt.Sprintf("%s (activity %d)", r.File, r.ActivityID)
	}
	what := "the copy"
	if len(rs) > 1 {
		what = "the copies"
	}
	return fmt.Sprintf("replaced %s from %s with this file's fuller record; kept as a duplicate", what, strings.Join(parts, ", "))
}

// Progress is a snapshot of a running import.
type Progress struct {
	Files      int64
	Activities int64
	Bytes      int64 // input bytes done (compressed, as on disk)
	TotalBytes int64 // input bytes known so far
	Elapsed    time.Duration
	Done       bool
}

// Rate is bytes per second so far.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Bytes) / p.Elapsed.Seconds()
}

// ETA estimates the time left, 0 when unknown.
func (p Progress) ETA() time.Duration {
	r := p.Rate()
	if r <= 0 || p.TotalBytes <= p.Bytes {
		return 0
	}
	return time.Duration(float64(p.TotalBytes-p.Bytes) / r * float64(time.Second))
}

// Stats sums up an import.
type Stats struct {
	Files, Imported, Replaced, Partial, Duplicate, Failed int
	Activities                                            int // stored (new or replacing)
	DuplicateActivities                                   int
	Courses                                               int // planned courses saved (files with no times)
	InferredSports                                        int // activities whose sport was inferred (the file did not say)
	// Skipped counts the files of walked folders and archives left out as
	// plainly no activity files by their names (photos, documents, code).
	Skipped int
	// SetAside counts the athlete's activities set aside because they
	// overlap in time one kept as the real one (ResolveOverlaps), in the
	// whole history, when this import stored any that overlap; SetAsideNow
	// how many of those changed state with this import.
	SetAside, SetAsideNow int
	// NotRuns warns of the runs this import set aside as no run a person
	// did (faster than any runner, or inside their own ride): each names
	// the activity, says why and how to fix it.
	NotRuns []string
	// Place says what the import set on the athlete: the time zone, home
	// and country inferred from where their activities start, when the
	// time zone was unset ("" when nothing was set).
	Place string
	Bytes int64
	// Inflated is the bytes really decompressed from zip members and gzip
	// streams (what the bomb guards bound).
	Inflated int64
	Elapsed  time.Duration
}

// decoded is what a worker hands the writer.
type decoded struct {
	job      job
	sha      string
	size     int64
	kind     Kind
	acts     []*store.PreparedActivity
	courses  []*store.Course
	inferred int // activities whose sport was inferred
	warnings []string
	err      error
	known    bool            // the store already has this file
	original *store.Original // the file's bytes to keep, nil when not kept
}

// Import imports paths (files, folders, archives) for an athlete.
func Import(ctx context.Context, st *store.Store, athleteID int64, paths []string, opt Options) (Stats, error) {
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 200
	}
	if opt.Decoders == nil {
		opt.Decoders = DefaultDecoders()
	}
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	// Limits set before a field existed keep working: zero is the default.
	if opt.Limits.MaxMembers <= 0 {
		opt.Limits.MaxMembers = DefaultLimits.MaxMembers
	}
	if opt.Limits.MaxImportBytes <= 0 {
		opt.Limits.MaxImportBytes = DefaultLimits.MaxImportBytes
	}
	if opt.Limits.MaxFailedOriginal <= 0 {
		opt.Limits.MaxFailedOriginal = DefaultLimits.MaxFailedOriginal
	}
	imp := newBudget("the import", opt.Limits.MaxImportBytes)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	start := opt.Now()
	// The files already stored, read once (a query per file costs a round
	// trip each on PostgreSQL): a file stored meanwhile by another import
	// is decoded and then found stored (store.ErrAlreadyStored).
	known, err := st.KnownFiles(ctx, athleteID)
	if err != nil {
		return Stats{}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var prog struct{ files, acts, bytes, total atomic.Int64 }
	jobs := make(chan job, opt.Workers*2)
	results := make(chan decoded, opt.Workers*2)

	var walkErr error
	var skipped atomic.Int64
	go func() {
		defer close(jobs)
		w := &walker{lim: opt.Limits, imp: imp, name: opt.Name, skipped: &skipped, emit: func(j job) error {
			prog.total.Add(j.size)
			select {
			case jobs <- j:
				return nil
			case <-ctx.Done():
				if j.release != nil {
					j.release()
				}
				return ctx.Err()
			}
		}}
		for _, p := range paths {
			if err := w.walkPath(ctx, p); err != nil {
				if !errors.Is(err, context.Canceled) {
					walkErr = err
				}
				return
			}
		}
	}()

	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// The worker's FIT columns, used again from file to file
			// (see work).
			cols := new(fit.Columns)
			for j := range jobs {
				if ctx.Err() != nil { // drain: the import is over
					if j.release != nil {
						j.release()
					}
					continue
				}
				d := work(ctx, known, j, &opt, imp, cols)
				if j.release != nil {
					j.release()
				}
				select {
				case results <- d:
				case <-ctx.Done():
				}
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	stopProgress := make(chan struct{})
	var progWG sync.WaitGroup
	snapshot := func(done bool) Progress {
		return Progress{Files: prog.files.Load(), Activities: prog.acts.Load(), Bytes: prog.bytes.Load(),
			TotalBytes: prog.total.Load(), Elapsed: opt.Now().Sub(start), Done: done}
	}
	if opt.OnProgress != nil {
		progWG.Add(1)
		go func() {
			defer progWG.Done()
			t := time.NewTicker(250 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					opt.OnProgress(snapshot(false))
				case <-stopProgress:
					return
				}
			}
		}()
	}

	wr := &writer{st: st, athleteID: athleteID, opt: &opt}
	if !opt.SkipPlace {
		// The runner will be placed from the newest tracks, most of them
		// perhaps written now: their first positions are noted as written
		// rather than read back.
		if ath, err := st.GetAthlete(ctx, athleteID); err == nil && !settled(ath) {
			wr.starts = map[int64]store.TrackStart{}
		}
	}
	var stats Stats
	report := func(r FileResult, bytes int64, stored, dups, inferred int) {
		prog.files.Add(1)
		prog.bytes.Add(bytes)
		prog.acts.Add(int64(stored))
		stats.Files++
		stats.Bytes += bytes
		stats.Activities += stored
		stats.DuplicateActivities += dups
		stats.Courses += r.Courses
		stats.InferredSports += inferred
		switch r.Status {
		case store.StatusImported:
			stats.Imported++
		case store.StatusReplaced:
			stats.Replaced++
		case store.StatusPartial:
			stats.Partial++
		case store.StatusDuplicate:
			stats.Duplicate++
		default:
			stats.Failed++
		}
		if opt.OnFile != nil {
			opt.OnFile(r)
		}
	}
	wr.report = report
	batchBytes := 16 << 20
	if st.Dialect() != store.Postgres {
		batchBytes = sqliteBatchBytes
	}
	lastFlush := opt.Now()
	// On PostgreSQL the files decoded while the writer was busy are taken
	// together and their stored candidates read in one round trip
	// (prefetchGroup); on SQLite a query is a call in the process, and
	// its small batches land often (which makes candidates read earlier
	// stale): one file at a time, as before.
	grouped := st.Dialect() == store.Postgres
	var group []decoded
	for d := range results {
		group = append(group[:0], d)
	more:
		for grouped && len(group) < maxGroup {
			if opt.groupAll {
				d, ok := <-results
				if !ok {
					break more
				}
				group = append(group, d)
				continue
			}
			select {
			case d, ok := <-results:
				if !ok {
					break more
				}
				group = append(group, d)
			default:
				break more
			}
		}
		if ctx.Err() == nil && len(group) > 1 {
			if e := wr.prefetchGroup(ctx, group); e != nil {
				err = e
				wr.land(ctx)
				cancel()
			}
		}
		for _, d := range group {
			if ctx.Err() != nil {
				continue // drain
			}
			if e := wr.add(ctx, d); e != nil {
				err = e
				wr.land(ctx) // the batch written before stays written, as it would have without the pipeline
				cancel()
				continue
			}
			if wr.size() >= opt.BatchSize || wr.bytes >= batchBytes || (wr.size() > 0 && opt.Now().Sub(lastFlush) > time.Second) {
				if e := wr.flush(ctx); e != nil {
					err = e
					cancel()
				}
				lastFlush = opt.Now()
			}
		}
	}
	if err == nil && ctx.Err() == nil {
		err = wr.flush(ctx)
	}
	if e := wr.land(ctx); err == nil && ctx.Err() == nil {
		// Always waited for: nothing is written once Import returns.
		err = e
	}
	if err == nil && ctx.Err() == nil && wr.touched {
		// Some of what was stored overlaps other activities in time: the
		// overlap rule decides again from what is stored, so the outcome
		// is the same whatever order the files came in.
		stats.SetAside, stats.SetAsideNow, stats.NotRuns, err = resolveOverlaps(ctx, st, athleteID)
	}
	if err == nil && ctx.Err() == nil && stats.Activities > 0 && !opt.SkipPlace {
		stats.Place, err = inferPlace(ctx, st, athleteID, nil, wr.starts)
		if err == nil && stats.Place == "" {
			stats.Place, err = unknownZoneNote(ctx, st, athleteID)
		}
	}
	close(stopProgress)
	progWG.Wait()
	if opt.OnProgress != nil {
		opt.OnProgress(snapshot(true))
	}
	stats.Elapsed = opt.Now().Sub(start)
	stats.Inflated = imp.used.Load()
	stats.Skipped = int(skipped.Load())
	if err == nil {
		err = walkErr
	}
	if err == nil {
		err = context.Cause(ctx)
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			// our own deferred cancel has not run yet: only a parent cancel lands here
			err = ctx.Err()
		}
	}
	return stats, err
}

// sqliteBatchBytes bounds the bytes (originals, tracks, summaries) of a
// batch written to SQLite: a transaction larger than the writer's page
// cache (SQLite's default, 2,000 KiB) spills dirty pages into the WAL
// before its commit, and a spilled page changed again (the header page, the
// tables' inner pages) is written again and makes the commit read back and
// checksum every frame after it, a system call per 4 KiB page each way.
const sqliteBatchBytes = 1536 << 10

// maxGroup bounds how many decoded files the writer takes at once
// (PostgreSQL: their stored candidates read in one query).
const maxGroup = 64

// readLimited reads all of r, failing beyond max bytes. hint is the size
// expected (a file's size on disk): the buffer starts there instead of
// doubling its way up, which would hold up to twice the file.
func readLimited(r io.Reader, max, hint int64) ([]byte, error) {
	var b []byte
	if hint > 0 {
		b = make([]byte, 0, int(min(hint, max))+bytes.MinRead+1)
	}
	return readInto(b, r, max)
}

// readInto reads r to its end into b (grown as needed), refusing more than
// max bytes.
func readInto(b []byte, r io.Reader, max int64) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	n, err := io.Copy(buf, io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if n > max {
		return nil, fmt.Errorf("larger than the %d byte limit", max)
	}
	return buf.Bytes(), nil
}

// gunzip opens the decompressed stream of data, refusing bombs: past
// MaxRatio times its size (at least 1 MiB) it is a bomb, past MaxFileBytes
// too large. Read errors from the stream are to be named with
// describeInflateErr("gzip", err): truncated, damaged, a bomb.
// The reader comes from a pool: release gives it back once nothing reads
// the stream any more (not called on error).
func gunzip(ctx context.Context, data []byte, lim Limits, imp *budget) (_ io.Reader, release func(), _ error) {
	zr, _ := gzipReaders.Get().(*kgzip.Reader)
	var err error
	if zr != nil {
		err = zr.Reset(bytes.NewReader(data))
	} else {
		zr, err = kgzip.NewReader(bytes.NewReader(data))
	}
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, nil, describeInflateErr("gzip", err)
	}
	zr.Multistream(true)
	maxOut := lim.MaxFileBytes
	bomb := false
	if ratioCap := max(int64(float64(len(data))*lim.MaxRatio), memberFloor); ratioCap < maxOut {
		maxOut, bomb = ratioCap, true
	}
	return &inflated{r: ctxReader{ctx, zr}, max: maxOut, budgets: []*budget{imp}, what: "the gzip stream", bomb: bomb},
		func() { gzipReaders.Put(zr) }, nil
}

// gzipReaders holds gzip readers used before (each holds a 32 KiB window
// and Huffman tables): a Strava export's thousands of .gz members reuse a
// few rather than allocate one each.
var gzipReaders sync.Pool // of *kgzip.Reader

// gzipSizeHint is the size a gzip stream should inflate to: its trailer's
// ISIZE when plausible (a hostile one may lie; it only sizes a buffer),
// else four times the stream.
func gzipSizeHint(gz []byte) int64 {
	guess := int64(len(gz)) * 4
	if len(gz) < 18 {
		return guess
	}
	isize := int64(binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	if isize > 0 && isize <= int64(len(gz))*32+64<<10 {
		return isize
	}
	return guess
}

// streamed reports whether a file starting with head is only hashed as it
// streams past, never held whole: no decoder reads it (unknown content, an
// archive inside a gzip file), and its bytes are never kept as an original.
// A head that might name a known kind further on (XML whose root element
// lies past it, a first line longer than it) is not streamed.
func streamed(head []byte, k Kind) bool {
	switch k {
	case KindZip, KindGzip:
		return true
	case KindUnknown:
		if len(head) < SniffLen {
			return true
		}
		if t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n"); len(t) > 0 && t[0] == '<' && xmlRoot(head) == "" {
			return false
		}
		return bytes.ContainsAny(head, "\r\n")
	}
	return false
}

// hashStream reads r to its end through SHA-256, holding nothing but a
// buffer, and fails past max bytes.
func hashStream(r io.Reader, max int64) (sum [sha256.Size]byte, n int64, err error) {
	h := sha256.New()
	n, err = io.Copy(h, io.LimitReader(r, max+1))
	if err != nil {
		return sum, n, err
	}
	if n > max {
		return sum, n, fmt.Errorf("larger than the %d byte limit", max)
	}
	h.Sum(sum[:0])
	return sum, n, nil
}

// work reads, identifies, decodes, measures and encodes one file, and
// keeps its original bytes (compressed) unless told not to.
//
// cols is the worker's memory for FIT columns: the file's tracks are cut
// from it, and work releases it for the next file once what it returns
// holds nothing of them (the tracks encoded and let go, no course kept).
func work(ctx context.Context, known map[string]bool, j job, opt *Options, imp *budget, cols *fit.Columns) (d decoded) {
	d.job, d.size = j, j.size
	if j.err != nil {
		d.err = j.err
		return d
	}
	defer func() {
		if p := recover(); p != nil {
			d.err = fmt.Errorf("internal error while importing: %v", p)
			d.acts = nil
			d.original = nil
		}
	}()
	rc, err := j.open()
	if err != nil {
		d.err = err
		return d
	}
	defer rc.Close()
	// The decoded bytes' buffers, given back once the file is decoded:
	// nothing below keeps them (originals are compressed copies or the
	// compressed input).
	var pooled [][]byte
	defer func() {
		for _, b := range pooled {
			putBuf(b)
		}
	}()
	// Every input streams: its head tells its kind; a file no decoder reads
	// (however large, gzipped or not) is only hashed as it passes. The
	// others are read whole (decoders and kept originals want the bytes),
	// a gzip layer inflated straight into that one buffer.
	br := bufio.NewReaderSize(ctxReader{ctx, rc}, SniffLen)
	head, _ := br.Peek(SniffLen) // a read error comes again from the reads below
	var data, gz []byte
	var sum [sha256.Size]byte
	hashed := false
	if k := Sniff(head); k != KindGzip && streamed(head, k) {
		if sum, _, err = hashStream(br, opt.Limits.MaxFileBytes); err != nil {
			d.err = err
			return d
		}
		d.kind, hashed = k, true
	} else {
		hint := j.size
		if m, ok := rc.(interface{ sizeHint() int64 }); ok {
			hint = m.sizeHint()
		}
		if k := Sniff(head); streamsDecoding(k, hint, opt) {
			return streamDecode(ctx, d, known, j, br, nil, k, nil, hint, opt)
		}
		// A large FIT file read from disk streams too: the decoder reads
		// it through br, and resynchronises after damage by reading the
		// file at offsets.
		if Sniff(head) == KindFIT && hint > streamDecodeAbove && opt.Decoders[KindFIT] != nil {
			if ra, ok := rc.(io.ReaderAt); ok {
				return streamDecode(ctx, d, known, j, br, ra, KindFIT, nil, hint, opt)
			}
			// A zip member: read at offsets by unpacking it again.
			if m, ok := rc.(*member); ok {
				ra := m.at(ctx)
				defer ra.Close()
				return streamDecode(ctx, d, known, j, br, ra, KindFIT, nil, hint, opt)
			}
		}
		if Sniff(head) == KindGzip {
			// Kept as the original when it holds one level of gzip.
			data, err = readLimited(br, opt.Limits.MaxFileBytes, hint)
		} else if data, err = readPooled(br, opt.Limits.MaxFileBytes, hint); err == nil {
			pooled = append(pooled, data)
		}
		if err != nil {
			d.err = err
			return d
		}
		// gz is the input's gzip stream when it held exactly one level of
		// it, or a deflated zip member's stream made gzip: already a
		// compressed original, kept as it is.
		layers := 0
		for range 2 {
			if Sniff(data) != KindGzip {
				break
			}
			zr, done, err := gunzip(ctx, data, opt.Limits, imp)
			if err != nil {
				d.err = err
				return d
			}
			defer done() // once the file is decoded: a streamed decode reads zr to the end
			gz = data
			layers++
			inner := bufio.NewReaderSize(zr, SniffLen)
			head, _ := inner.Peek(SniffLen)
			k := Sniff(head)
			if (k != KindGzip || layers == 2) && streamed(head, k) {
				if sum, _, err = hashStream(inner, opt.Limits.MaxFileBytes); err != nil {
					d.err = describeInflateErr("gzip", err)
					return d
				}
				data, d.kind, hashed = nil, k, true
				break
			}
			fitAbove := k == KindFIT && gzipSizeHint(gz) > streamDecodeAbove && opt.Decoders[KindFIT] != nil
			if layers == 1 && (streamsDecoding(k, gzipSizeHint(gz), opt) || fitAbove) {
				if cap(gz) > len(gz)+len(gz)/8+4096 {
					gz = bytes.Clone(gz) // kept until the batch is written
				}
				var ra io.ReaderAt
				if k == KindFIT {
					// Read at offsets by inflating gz again, to
					// resynchronise after damage.
					gra := gzipAt(ctx, gz, opt.Limits)
					defer gra.Close()
					ra = gra
				}
				return streamDecode(ctx, d, known, j, inner, ra, k, gz, gzipSizeHint(gz), opt)
			}
			if data, err = readPooled(inner, opt.Limits.MaxFileBytes, gzipSizeHint(gz)); err != nil {
				d.err = describeInflateErr("gzip", err)
				return d
			}
			pooled = append(pooled, data)
		}
		if layers == 0 {
			// A deflated zip member: its own deflate stream is the original.
			if m, ok := rc.(interface{ gzipped() []byte }); ok {
				gz = m.gzipped()
			}
		} else if layers != 1 {
			gz = nil
		} else if cap(gz) > len(gz)+len(gz)/8+4096 {
			gz = bytes.Clone(gz) // kept until the batch is written: not the read buffer's slack
		}
		if !hashed {
			sum = sha256.Sum256(data)
			d.kind = Sniff(data)
		}
	}
	d.sha = hex.EncodeToString(sum[:])
	if known[d.sha] {
		d.known = true
		d.acts = nil
		return d
	}
	var rows []StravaRow
	if d.kind == KindStravaCSV && j.hasRows {
		rows = j.rows
	}
	var acts []*rekindle.Activity
	acts, d.courses, d.warnings, d.err = decodeData(ctx, d.kind, data, j.name, rows, j.hasRows, j.strava, opt.Decoders, opt.Limits, cols)
	d.prepare(acts)
	if d.holdsNoTrack() {
		cols.Release()
	}
	if !opt.DiscardOriginals && keepOriginal(d.kind, d.err) && (d.err == nil || int64(len(data)) <= opt.Limits.MaxFailedOriginal) {
		o := &store.Original{SHA256: d.sha, Name: j.name, Kind: string(d.kind), Size: int64(len(data)), Data: gz}
		if o.Data == nil {
			o.Data = store.CompressOriginal(data)
		}
		d.original = o
	}
	return d
}

// prepare counts the inferred sports of a file's decoded activities, marks
// its courses with its digest and encodes the activities for the store;
// nothing when the file failed.
func (d *decoded) prepare(acts []*rekindle.Activity) {
	if d.err != nil {
		return
	}
	for _, a := range acts {
		if a.SportSource == rekindle.SportInferredName || a.SportSource == rekindle.SportInferredSpeed {
			d.inferred++
		}
	}
	for _, c := range d.courses {
		c.Source.SHA256 = d.sha
	}
	d.acts, d.err = prepareAll(acts, d.sha)
}

// holdsNoTrack reports whether d holds no decoded track's samples: every
// activity's track encoded and let go (prepareAll), and no course (a
// course keeps its points as decoded).
func (d *decoded) holdsNoTrack() bool {
	if len(d.courses) > 0 {
		return false
	}
	for _, p := range d.acts {
		if t := &p.A.Track; t.Time != nil || t.Lat != nil || t.Lon != nil || t.Ele != nil || t.Dist != nil ||
			t.HR != nil || t.Cadence != nil || t.Power != nil || t.Speed != nil || t.Temp != nil {
			return false
		}
	}
	return true
}

// keepOriginal reports whether a file's bytes are worth keeping: it gave
// activities, or it is an activity format that failed to decode (a better
// decoder may read it on reprocess). Files that are well formed but hold no
// activity (monitoring FIT files, waypoint-only GPX) are not kept.
func keepOriginal(kind Kind, err error) bool {
	if err == nil {
		return true
	}
	switch kind {
	case KindFIT, KindGPX, KindTCX, KindStravaAPI:
		return !errors.Is(err, rekindle.ErrNotActivity)
	}
	return false
}

// inFile names the file in a CSV reader's row warnings ("line 86: …"
// becomes "history.csv line 86: …"), so a warning read on its own (a list
// of a folder's warnings, the JSON of an import) still says where it is.
func inFile(name string, warnings []string) []string {
	base := path.Base(filepath.ToSlash(name))
	for i, w := range warnings {
		warnings[i] = base + " " + w
	}
	return warnings
}

// decodeData decodes and measures one file's decoded bytes. For a Strava
// activities.csv, rows (when hasRows) are the rows to import, else every
// row of the file is; strava, when set, is the csv row naming this file.
func decodeData(ctx context.Context, kind Kind, data []byte, name string, rows []StravaRow, hasRows bool, strava *StravaRow,
	decoders map[Kind]Decoder, lim Limits, cols *fit.Columns) (acts []*rekindle.Activity, courses []*store.Course, warnings []string, err error) {
	src := func() io.Reader { return &ctxBytes{ctx, bytes.NewReader(data), cols} }
	switch kind {
	case KindZip, KindGzip:
		return nil, nil, nil, errors.New("an archive inside a gzip file is not supported")
	case KindStravaCSV:
		if !hasRows {
			rows, warnings, err = ReadStravaCSV(src())
			warnings = inFile(name, warnings)
			if err != nil {
				return nil, nil, warnings, err
			}
		}
		for _, r := range rows {
			a := summaryActivity(r.Start, StravaSport(r.Type), r.Name, r.DistanceM, r.ElapsedS, r.MovingS, r.AscentM, r.AvgHR, r.MaxHR)
			if a.Sport == rekindle.SportOther {
				a.SubSport = rekindle.SubSportName(r.Type) // a sport with no key of its own ("Tennis"): sportinfer.FromType
			}
			a.Description, a.Gear, a.RPE = r.Description, r.Gear, r.RPE
			a.Totals.Calories, a.Totals.AvgCadence = r.Calories, r.AvgCadence
			a.Source = rekindle.Source{Format: rekindle.FormatStravaCSV, Index: r.Line}
			acts = append(acts, a)
		}
		if w := inferSummarySports(acts); w != "" {
			warnings = append(warnings, w)
		}
	case KindHistoryCSV:
		acts, warnings, err = ReadHistoryCSV(src())
		warnings = inFile(name, warnings)
		if err != nil {
			return nil, nil, warnings, err
		}
		for i, a := range acts {
			a.Source.Index = i
		}
		if w := inferSummarySports(acts); w != "" {
			warnings = append(warnings, w)
		}
	default:
		dec := decoders[kind]
		if dec == nil && kind != KindUnknown {
			return nil, nil, nil, fmt.Errorf("%s: no decoder available", kind)
		}
		if dec == nil {
			return nil, nil, nil, fmt.Errorf("%w: not a GPX, TCX, FIT, zip, gzip or known CSV file", rekindle.ErrNotActivity)
		}
		acts, err = dec(src())
		return measureDecoded(ctx, kind, acts, err, name, strava, lim)
	}
	return keepDated(kind, acts, courses, warnings, name)
}

// measureDecoded checks and measures what an activity decoder read from
// one file (err: the decoder's error), infers sports, sets the Strava
// row's fields, and sets the planned courses apart.
func measureDecoded(ctx context.Context, kind Kind, acts []*rekindle.Activity, err error, name string, strava *StravaRow,
	lim Limits) (_ []*rekindle.Activity, courses []*store.Course, warnings []string, _ error) {
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, nil, nil, ctxErr
		}
		return nil, nil, nil, err
	}
	if len(acts) == 0 {
		return nil, nil, nil, fmt.Errorf("%w: no activity in the file", rekindle.ErrNotActivity)
	}
	for _, a := range acts {
		if n := a.Track.Len(); n > lim.MaxSamples {
			return nil, nil, nil, fmt.Errorf("activity %d has %d samples, over the %d limit", a.Source.Index, n, lim.MaxSamples)
		}
		if err := a.Track.Validate(); err != nil {
			return nil, nil, nil, fmt.Errorf("activity %d: %w", a.Source.Index, err)
		}
		a.Source.Format = rekindle.SourceFormat(kind)
		if r := strava; r != nil && r.Name != "" {
			a.Name = r.Name
		}
		still := dropStillPositions(a)
		spreadCollapsedTimes(a)
		measure.Activity(a)
		inferSport(a)
		if still {
			stillRunIndoors(a)
		}
		warnUndecidedSport(a, still)
		if r := strava; r != nil {
			a.Description, a.Gear, a.RPE = r.Description, r.Gear, r.RPE
		}
	}
	acts, courses, warnings = splitCourses(acts, name)
	return keepDated(kind, acts, courses, warnings, name)
}

// keepDated names the file in its activities, drops (with a warning) those
// dated before MinStart, cuts their text fields to bounds and gathers
// their warnings; a file left with nothing is not an activity file.
func keepDated(kind Kind, acts []*rekindle.Activity, courses []*store.Course, warnings []string, name string) ([]*rekindle.Activity, []*store.Course, []string, error) {
	var kept []*rekindle.Activity
	var early []string
	for _, a := range acts {
		a.Source.File = name
		if a.SportSource == "" {
			a.SportSource = rekindle.SportFromFile
		}
		if a.Start.Before(MinStart) {
			early = append(early, a.Start.Format("2006-01-02"))
			continue
		}
		boundText(a)
		warnings = append(warnings, a.Warnings...)
		kept = append(kept, a)
	}
	if len(early) > 0 {
		msg := fmt.Sprintf("%d activit%s dated before 1980 (%s): a device clock that was not set; not imported",
			len(early), plural(len(early), "y", "ies"), strings.Join(early, ", "))
		if len(kept) == 0 && len(courses) == 0 {
			return nil, nil, warnings, fmt.Errorf("%w: %s", rekindle.ErrNotActivity, msg)
		}
		warnings = append(warnings, msg)
	}
	acts = kept
	if len(acts) == 0 && len(courses) == 0 && kind != KindStravaCSV {
		return nil, nil, warnings, fmt.Errorf("%w: no activity in the file", rekindle.ErrNotActivity)
	}
	return acts, courses, warnings, nil
}

// MinStart is the earliest start an activity may have: anything before is
// a device clock that was never set (0001-01-01, 1970-01-01, 1989 GPS
// epoch rollovers aside), not a run.
var MinStart = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// inferSummarySports decides the sports of a summary file's rows that did
// not say theirs (a blank or unknown type: name, then average speed and
// heart rate) and returns one warning for the file saying what was
// decided, "" when nothing was.
func inferSummarySports(acts []*rekindle.Activity) string {
	count := map[rekindle.Sport]int{}
	var first sportinfer.Result
	n, walks, belts := 0, 0, 0
	walksApart := sportinfer.ListTypesWalksApart(acts)
	for _, a := range acts {
		if a.SportSource == "" {
			a.SportSource = rekindle.SportFromFile
		}
		if s := sportinfer.FromType(a); s != "" {
			a.Sport = s // the file's own type said it: no guess
			continue
		}
		if r := sportinfer.WalkTypedAsRunIn(a, walksApart); r.Inferred() {
			a.Sport, a.SportSource = r.Sport, r.Source
			walks++
			continue
		}
		if r := sportinfer.TreadmillTypedAsRun(a); r.Inferred() {
			a.Sport, a.SportSource = r.Sport, r.Source
			belts++
			continue
		}
		if r := sportinfer.RaceTypedAsHike(a); r.Inferred() {
			a.Sport, a.SportSource = r.Sport, r.Source
			continue
		}
		if !sportinfer.NeedsInference(a) {
			continue
		}
		r := sportinfer.Infer(a)
		if !r.Inferred() {
			continue
		}
		a.Sport, a.SportSource = r.Sport, r.Source
		if n == 0 {
			first = r
		}
		n++
		count[r.Sport]++
	}
	walked := ""
	if walks > 0 {
		walked = fmt.Sprintf("%d %s typed as runs had a walk's pace and heart rate (or a walk's name): read as walks; "+
			"change them with `rekindle activity edit`, many at once with --where-sport walking --where-source inferred:speed",
			walks, plural(walks, "activity", "activities"))
	}
	if belts > 0 {
		belt := fmt.Sprintf("%d %s typed as runs had no positions and a treadmill's name: read as treadmill runs; "+
			"change them with `rekindle activity edit`, many at once with --where-sport treadmill --where-source inferred:name",
			belts, plural(belts, "activity", "activities"))
		if walked != "" {
			walked += "; "
		}
		walked += belt
	}
	join := func(w string) string {
		if walked == "" || w == "" {
			return walked + w
		}
		return w + "; " + walked
	}
	switch n {
	case 0:
		return join("")
	case 1:
		return join(first.Warning())
	}
	sports := make([]string, 0, len(count))
	for sp := range count {
		sports = append(sports, string(sp))
	}
	sort.Slice(sports, func(i, j int) bool {
		a, b := count[rekindle.Sport(sports[i])], count[rekindle.Sport(sports[j])]
		return a > b || (a == b && sports[i] < sports[j])
	})
	for i, sp := range sports {
		sports[i] = fmt.Sprintf("%d as %s", count[rekindle.Sport(sp)], strings.ReplaceAll(sp, "_", " "))
	}
	return join(fmt.Sprintf("%d activities did not say their sport: inferred from their names, else from average pace and heart rate alone "+
		"(a ride with long stops can pass for a run), %s; change them with `rekindle activity edit`, many at once with "+
		"--where-sport SPORT --where-source inferred:speed", n, strings.Join(sports, ", ")))
}

// inferSport decides the sport of an activity whose file did not say it,
// records how, warns, and measures again when the sport changes what is
// measured (grade adjustment, best efforts on foot).
func inferSport(a *rekindle.Activity) {
	if a.SportSource == "" {
		a.SportSource = rekindle.SportFromFile
	}
	if s := sportinfer.FromType(a); s != "" {
		// The file's own type said it ("Tennis", "Laufen"): no guess, no
		// warning; measured again when it is a sport measured otherwise.
		changed := s != a.Sport && s != rekindle.SportOther
		a.Sport = s
		if changed {
			remeasureAs(a)
		}
		return
	}
	// A file's plain run that its data says was a walk, a treadmill session
	// or a ride: the first that speaks decides, with a warning.
	for _, typedAsRun := range []func(*rekindle.Activity) sportinfer.Result{sportinfer.WalkTypedAsRun, sportinfer.TreadmillTypedAsRun, sportinfer.RideTypedAsRun} {
		if r := typedAsRun(a); r.Inferred() {
			a.Sport, a.SportSource = r.Sport, r.Source
			remeasureAs(a)
			a.Warnings = append(a.Warnings, fmt.Sprintf("typed a run, but read as %s from %s; change it with `rekindle activity edit`", r.Sport, r.Reason))
			return
		}
	}
	// A hike or walk its name says was a race: a mountain race (RaceTypedAsHike).
	if r := sportinfer.RaceTypedAsHike(a); r.Inferred() {
		a.Sport, a.SportSource = r.Sport, r.Source
		remeasureAs(a)
		a.Warnings = append(a.Warnings, fmt.Sprintf("typed a %s, but read as a trail run from %s; change it with `rekindle activity edit`", a.SubSport, r.Reason))
		return
	}
	if !sportinfer.NeedsInference(a) {
		return
	}
	r := sportinfer.AppRunIndoors(a)
	if !r.Inferred() {
		r = sportinfer.Infer(a)
	}
	if !r.Inferred() {
		return
	}
	a.Sport, a.SportSource = r.Sport, r.Source
	remeasureAs(a)
	a.Warnings = append(a.Warnings, r.Warning())
}

// dropStillPositions makes a timed track that never leaves one position and
// has no distance of its own an indoor session: a phone app's treadmill or
// gym file holds two points at one placeholder position (Keep writes the
// centre of Beijing wherever the runner is) an hour apart, and such a
// position is no route and no home. The positions (and an elevation that
// never changes) are dropped; time, heart rate and the file's totals stay,
// so the session keeps its duration, a heart rate only where the readings
// cover it, and a distance only when the file says one. It reports whether
// it dropped them.
func dropStillPositions(a *rekindle.Activity) bool {
	t := &a.Track
	n := t.Len()
	if n < 2 || !t.HasPosition() || len(t.Time) != n || len(t.Lat) != n || t.Time[n-1] <= t.Time[0] {
		return false
	}
	for _, d := range t.Dist {
		if d > 0 {
			return false
		}
	}
	for i := 1; i < n; i++ {
		if t.Lat[i] != t.Lat[0] || t.Lon[i] != t.Lon[0] {
			return false
		}
	}
	t.Lat, t.Lon = nil, nil
	if len(t.Ele) == n && !slices.ContainsFunc(t.Ele, func(e float32) bool { return e != t.Ele[0] }) {
		t.Ele = nil
	}
	return true
}

// Thresholds of spreadCollapsedTimes.
const (
	collapseMinM    = 500.0     // a stretch this long or longer…
	collapseSpeedMS = 50.0      // …covered faster than this (180 km/h) by its own clock…
	collapseGapS    = 60.0      // …before a step in time this long or longer…
	collapseFitMS   = 15.0      // …that, spread over the gap, goes at a pace a body or a bike can (54 km/h)
	collapseMaxGapS = 48 * 3600 // a longer step is a clock fault (measure.MaxClockGapS), not the stretch's time
)

// spreadCollapsedTimes gives back the time of a stretch whose points the
// app wrote at (nearly) one instant: Keep's files of July 2026 hold 100–400
// points a few kilometres long within a few seconds, then one step of 20–70
// minutes, then points every 3–12 s as usual, so the stretch's time is all in
// that step. Measured as written, its distance is a glitch (faster than any
// vehicle) and its time a pause: a 11.2 km run of 54 minutes read 4.0 km in
// 9 minutes moving. The stretch's points are spread over the step by
// distance (an even pace: the route and the total time are the file's, the
// pace within the stretch is not known), their heart rate, cadence, power
// and speed readings (taken in the first seconds) are left unknown, and the
// activity says so.
func spreadCollapsedTimes(a *rekindle.Activity) { spreadCollapsed(a, true) }

// spreadCollapsed is spreadCollapsedTimes; with bounded false it computes
// the track's distance at the first gap without the cheap bound first (the
// bound must change nothing: TestCollapsedTimesBound compares the two).
func spreadCollapsed(a *rekindle.Activity, bounded bool) {
	t := &a.Track
	n := t.Len()
	if n < 3 || len(t.Time) != n || len(t.Lat) != n || len(t.Lon) != n {
		return
	}
	var cum []float64
	spread, points := 0.0, 0
	s := 0
	for g := 1; g < n; g++ {
		dt := float64(t.Time[g]-t.Time[g-1]) / 1000
		if dt < collapseGapS {
			continue
		}
		if dt > collapseMaxGapS {
			s = g
			continue
		}
		if cum == nil {
			// Most gaps are pauses after an ordinary stretch: a bound on
			// its length, cheap beside the haversine, tells it cannot
			// be collapsed, and the track's distance is not computed.
			if t1 := float64(t.Time[g-1]-t.Time[s]) / 1000; bounded && (g-1 <= s || !collapsible(t.Lat, t.Lon, s, g-1, max(t1, 1))) {
				s = g
				continue
			}
			cum = make([]float64, n)
			geo.Cumulative(cum, t.Lat, t.Lon)
		}
		d1, t1 := cum[g-1]-cum[s], float64(t.Time[g-1]-t.Time[s])/1000
		d, span := cum[g]-cum[s], float64(t.Time[g]-t.Time[s])/1000
		if d1 >= collapseMinM && d1 > collapseSpeedMS*max(t1, 1) && span > 0 && d/span <= collapseFitMS && g-1 > s {
			t0, t1ms := t.Time[s], t.Time[g]
			for k := s + 1; k < g; k++ {
				t.Time[k] = t0 + int64(math.Round((cum[k]-cum[s])/d*float64(t1ms-t0)))
				// The sensors' readings were taken when they were
				// stamped (the first seconds), not where the points now
				// fall: unknown there.
				for _, c := range [][]float32{t.HR, t.Cadence, t.Power, t.Speed} {
					if len(c) == n {
						c[k] = rekindle.NaN32
					}
				}
			}
			spread += dt
			points += g - s
		}
		s = g
	}
	if points > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points were written at (nearly) one instant and then %s passed with no point: "+
			"the app's clock, not a pause; their times are spread over it by distance (the pace within that stretch is even, not measured; its heart rate unknown)",
			points, clock(spread)))
	}
}

// collapsible reports whether the stretch from sample s to sample e may be
// long and fast enough for spreadCollapsedTimes (geo.Cumulative's distance
// from s to e at least collapseMinM and over collapseSpeedMS × t1): false
// only when an upper bound of that distance says it is not. Each step of
// geo.Cumulative (between valid positions, the first from the last valid
// one at or before s) is a great circle, never longer than a path along the
// meridian and then along the parallel: R·(|Δφ| + |Δλ|), Δλ as written (the
// longer way round when it crosses the antimeridian, still a bound).
func collapsible(lat, lon []float64, s, e int, t1 float64) bool {
	p := s
	for p >= 0 && (math.IsNaN(lat[p]) || math.IsNaN(lon[p])) {
		p--
	}
	var pl, po float64
	if p >= 0 {
		pl, po = lat[p], lon[p]
	} else {
		pl, po = math.NaN(), math.NaN()
	}
	bound := 0.0 // in degrees
	for i := s + 1; i <= e; i++ {
		la, lo := lat[i], lon[i]
		if math.IsNaN(la) || math.IsNaN(lo) {
			continue
		}
		if !math.IsNaN(pl) {
			bound += math.Abs(la-pl) + math.Abs(lo-po)
		}
		pl, po = la, lo
	}
	// A margin far above the rounding of either sum.
	m := bound*geo.MetresPerDegree*(1+1e-6) + 1e-3
	return m >= collapseMinM && m > collapseSpeedMS*t1
}

// warnUndecidedSport warns, for the one file, when its activity did not
// say its sport and rekindle could not infer it: it stays "other" (out of
// every running count) until the runner sets it. still: the positions
// were dropped as an indoor session's (dropStillPositions).
func warnUndecidedSport(a *rekindle.Activity, still bool) {
	if a.SportSource != rekindle.SportFromFile || !sportinfer.NeedsInference(a) {
		return
	}
	s := &a.Summary
	what := "its data cannot tell it"
	if still {
		dist := "distance unknown"
		if s.DistanceM > 0 {
			dist = fmt.Sprintf("%.2f km as the file says", s.DistanceM/1000)
		}
		hr := "heart rate unknown (too few readings)"
		if s.AvgHR > 0 {
			hr = fmt.Sprintf("mean heart rate %.0f", s.AvgHR)
		}
		what = fmt.Sprintf("it is an indoor session (%d points at one position, no distance: a treadmill or gym file) of %s, %s, %s, "+
			"its load counted from its duration", a.Track.Len(), clock(s.ElapsedS), dist, hr)
	} else if s.MovingS > 0 && s.DistanceM > 0 {
		what = fmt.Sprintf("its data cannot tell it (%.2f km in %s moving)", s.DistanceM/1000, clock(s.MovingS))
	}
	a.Warnings = append(a.Warnings, fmt.Sprintf("sport unknown: the file did not say and %s; stored as other, counted in no run; "+
		"set it with `rekindle activity edit ID --sport running` (treadmill, walking …), many at once with --where-sport other --where-source file", what))
}

// stillRunIndoors makes a plain run its file typed (running_page's Keep
// sync writes <type>Run</type> since April 2024) whose track never left
// one position and has no distance (dropStillPositions) a treadmill run:
// the app says run, the data says indoors. Stored as a road run it would
// be a run of no distance outdoors, its duration read as a long run's.
func stillRunIndoors(a *rekindle.Activity) {
	if a.Sport != rekindle.SportRunning || a.SportSource != rekindle.SportFromFile || a.Multisport != "" || a.Summary.DistanceM > 0 {
		return
	}
	a.Sport, a.SportSource = rekindle.SportTreadmill, rekindle.SportInferredSpeed
	remeasureAs(a)
	a.Warnings = append(a.Warnings, fmt.Sprintf("typed a run, but read as treadmill from its track: %d points at one position and no distance "+
		"(an indoor session); change it with `rekindle activity edit`", a.Track.Len()))
}

// remeasureAs measures an activity again after its sport was decided.
func remeasureAs(a *rekindle.Activity) {
	if a.Sport.IsRun() {
		// A run's cadence written per foot (as the GPX and TCX decoders
		// double for files that say they are runs).
		if c := a.Track.Cadence; len(c) > 0 && medianCadence(c) < 110 && medianCadence(c) >= 60 {
			for i := range c {
				c[i] *= 2
			}
		}
	}
	measure.Activity(a)
}

func medianCadence(c []float32) float64 {
	var v []float64
	for _, x := range c {
		if x > 0 && x < 400 {
			v = append(v, float64(x))
		}
	}
	if len(v) == 0 {
		return 0
	}
	sort.Float64s(v)
	return v[len(v)/2]
}

// splitCourses takes the planned courses out of a file's activities:
// positions without times, or with times before MinStart (a clock never
// set: the route is real, the times are not). They are routes, not
// sessions.
func splitCourses(acts []*rekindle.Activity, file string) (kept []*rekindle.Activity, courses []*store.Course, warnings []string) {
	for _, a := range acts {
		t := &a.Track
		bogus := t.Time != nil && a.Start.Before(MinStart)
		if (t.Time != nil && !bogus) || !t.HasPosition() || t.Len() < 2 {
			kept = append(kept, a)
			continue
		}
		if bogus {
			warnings = append(warnings, fmt.Sprintf("activity %d is dated %s, before 1980: its times are not real (a device clock that was not set); its route is saved as a course",
				a.Source.Index, a.Start.Format("2006-01-02")))
		}
		c := &store.Course{Name: a.Name, DistanceM: a.Summary.DistanceM, AscentM: a.Summary.AscentM,
			Source: rekindle.Source{Format: a.Source.Format, File: file, Index: a.Source.Index}}
		c.Points = rekindle.Track{Lat: t.Lat, Lon: t.Lon, Ele: t.Ele}
		dist := 0.0
		first := -1
		for i := range t.Lat {
			if math.IsNaN(t.Lat[i]) || math.IsNaN(t.Lon[i]) {
				continue
			}
			if first >= 0 {
				dist += geo.Distance(t.Lat[first], t.Lon[first], t.Lat[i], t.Lon[i])
			} else {
				c.StartLat, c.StartLon = t.Lat[i], t.Lon[i]
			}
			first = i
		}
		if c.DistanceM <= 0 {
			c.DistanceM = dist
		}
		if c.Name == "" {
			c.Name = courseName(file)
		}
		courses = append(courses, c)
	}
	return kept, courses, warnings
}

// courseName is a file's base name without its extensions.
func courseName(file string) string {
	if i := strings.LastIndexAny(file, "/\\!"); i >= 0 {
		file = file[i+1:]
	}
	for _, ext := range []string{".gz", ".gpx", ".tcx", ".fit"} {
		file = strings.TrimSuffix(strings.TrimSuffix(file, strings.ToUpper(ext)), ext)
	}
	return file
}

// prepareAll encodes decoded activities for the store (dropping each
// track once encoded).
func prepareAll(acts []*rekindle.Activity, sha string) ([]*store.PreparedActivity, error) {
	out := make([]*store.PreparedActivity, 0, len(acts))
	for _, a := range acts {
		a.Source.SHA256 = sha
		p, err := store.Prepare(a)
		if err != nil {
			return nil, err
		}
		a.Track = rekindle.Track{} // encoded: let it go
		out = append(out, p)
	}
	return out, nil
}

// sortResults orders file results by name (for stable output in tests).
func sortResults(r []FileResult) {
	sort.Slice(r, func(i, j int) bool { return r[i].File < r[j].File })
}

// boundText cuts an activity's name, gear and description to their bounds,
// with a warning.
func boundText(a *rekindle.Activity) {
	cut := func(field string, s *string, n int) {
		if len(*s) <= n { // bytes ≥ runes: nothing to count
			return
		}
		if r := utf8.RuneCountInString(*s); r > n {
			i := 0
			for k := 0; k < n; k++ {
				_, size := utf8.DecodeRuneInString((*s)[i:])
				i += size
			}
			*s = (*s)[:i]
			a.Warnings = append(a.Warnings, fmt.Sprintf("activity %d: %s of %d characters cut to %d", a.Source.Index, field, r, n))
		}
	}
	cut("name", &a.Name, MaxNameRunes)
	cut("gear", &a.Gear, MaxNameRunes)
	cut("device", &a.Device, MaxNameRunes)
	cut("description", &a.Description, MaxNoteRunes)
}
