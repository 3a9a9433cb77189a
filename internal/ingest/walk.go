package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"rekindle"
)

// job is one file to import: a plain file, an archive member, or the
// summary-only rows of a Strava activities.csv.
type job struct {
	name    string // path, or "archive.zip!member" for archive members
	open    func() (io.ReadCloser, error)
	size    int64 // bytes on disk this job accounts for, for progress
	strava  *StravaRow
	rows    []StravaRow // summary-only rows (name is the csv's)
	hasRows bool        // rows were set by the walker (possibly none)
	err     error       // the walker already knows this file fails
	release func()      // called when the job is done
}

// walker turns the inputs into jobs.
type walker struct {
	lim  Limits
	emit func(job) error
	imp  *budget             // real inflated bytes of the whole import
	name func(string) string // the name recorded for a path (nil: the path)
	// skipped counts the files of walked folders and archives that are
	// plainly no activity files by their name (notActivityName).
	skipped *atomic.Int64
}

// display is the name recorded for a file at path p.
func (w *walker) display(p string) string {
	if w.name == nil {
		return p
	}
	return w.name(p)
}

func unsafeName(n string) bool {
	if n == "" || strings.HasPrefix(n, "/") || strings.HasPrefix(n, `\`) || strings.Contains(n, "\x00") ||
		(len(n) > 1 && n[1] == ':') {
		return true
	}
	for _, p := range strings.FieldsFunc(n, func(r rune) bool { return r == '/' || r == '\\' }) {
		if p == ".." {
			return true
		}
	}
	return false
}

// bookkeepingName reports a file or folder in a walked folder or archive
// that holds no activity of the runner's: hidden ones (.git, .gitkeep,
// .DS_Store, a Mac's ._ resource forks) and a Mac-made zip's __MACOSX
// folder. A folder of a git clone (running_page's GPX_OUT) or an archive
// zipped on a Mac would otherwise list each as a failed file, and .git's
// objects would be read one by one. A file named on the command line is
// read whatever its name.
func bookkeepingName(name string) bool {
	return strings.HasPrefix(name, ".") || name == "__MACOSX"
}

// bookkeepingPath reports an archive member under such a name (any part
// of its slash-separated path).
func bookkeepingPath(name string) bool {
	for _, part := range strings.Split(name, "/") {
		if part != "" && part != "." && part != ".." && bookkeepingName(part) {
			return true
		}
	}
	return false
}

// notActivityExt are name endings of files that are plainly no activity
// file: photos and videos (a Strava export's media/), documents, web pages,
// code and data of the app that wrote the folder (a running_page clone:
// .ts, .py, .svg, data.db). Activity files are recognised by content
// whatever their name; these are not even opened. Not .json (a Strava API
// activity is one) nor .csv or .txt.
var notActivityExt = map[string]bool{
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".heic": true, ".webp": true, ".svg": true, ".ico": true,
	".mp4": true, ".mov": true, ".pdf": true, ".md": true, ".html": true, ".htm": true, ".css": true,
	".js": true, ".mjs": true, ".ts": true, ".tsx": true, ".jsx": true, ".py": true, ".go": true, ".sh": true,
	".yml": true, ".yaml": true, ".toml": true, ".lock": true, ".db": true, ".sqlite": true,
	".woff": true, ".woff2": true, ".ttf": true, ".ipynb": true,
}

// skip reports (and counts) a walked file that is plainly no activity file
// by its name.
func (w *walker) skip(name string) bool {
	if !notActivityExt[strings.ToLower(path.Ext(name))] {
		return false
	}
	if w.skipped != nil {
		w.skipped.Add(1)
	}
	return true
}

func (w *walker) walkPath(ctx context.Context, p string) error {
	st, err := os.Stat(p)
	if err != nil {
		return w.emit(job{name: w.display(p), err: err})
	}
	if st.IsDir() {
		return w.walkDir(ctx, p)
	}
	return w.walkFile(ctx, p, st.Size(), nil)
}

func (w *walker) walkDir(ctx context.Context, root string) error {
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return w.emit(job{name: w.display(p), err: err})
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if p != root && bookkeepingName(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			if w.skip(d.Name()) {
				return nil
			}
			files = append(files, p)
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	// Strava layout: an activities.csv names the files beside it.
	rowsByFile := map[string]*StravaRow{}
	type csvFile struct {
		path string
		rows []StravaRow
	}
	var csvs []*csvFile
	for _, p := range files {
		if filepath.Base(p) != "activities.csv" {
			continue
		}
		rows, ok := w.readStravaFile(p)
		if !ok {
			continue
		}
		c := &csvFile{path: p}
		csvs = append(csvs, c)
		for i := range rows {
			if rows[i].Filename != "" {
				rowsByFile[filepath.Join(filepath.Dir(p), filepath.FromSlash(rows[i].Filename))] = &rows[i]
			}
		}
		c.rows = rows
	}
	isCSV := map[string]*csvFile{}
	for _, c := range csvs {
		isCSV[c.path] = c
	}
	seen := map[*StravaRow]bool{}
	for _, p := range files {
		if isCSV[p] != nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		st, err := os.Stat(p)
		if err != nil {
			if err := w.emit(job{name: w.display(p), err: err}); err != nil {
				return err
			}
			continue
		}
		row := rowsByFile[p]
		if row != nil {
			seen[row] = true
		}
		if err := w.walkFile(ctx, p, st.Size(), row); err != nil {
			return err
		}
	}
	for _, c := range csvs {
		if err := w.emitSummaryRows(w.display(c.path), func() (io.ReadCloser, error) { return os.Open(c.path) }, 0, c.rows, seen); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) readStravaFile(p string) ([]StravaRow, bool) {
	f, err := os.Open(p)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	head := make([]byte, SniffLen)
	n, _ := io.ReadFull(f, head)
	if Sniff(head[:n]) != KindStravaCSV {
		return nil, false
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, false
	}
	rows, _, err := ReadStravaCSV(io.LimitReader(f, w.lim.MaxFileBytes))
	return rows, err == nil
}

// emitSummaryRows emits the rows that no file matched as one job.
func (w *walker) emitSummaryRows(name string, open func() (io.ReadCloser, error), size int64, rows []StravaRow, seen map[*StravaRow]bool) error {
	var rest []StravaRow
	for i := range rows {
		if !seen[&rows[i]] {
			rest = append(rest, rows[i])
		}
	}
	return w.emit(job{name: name, open: open, size: size, rows: rest, hasRows: true})
}

func (w *walker) walkFile(ctx context.Context, p string, size int64, row *StravaRow) error {
	open := func() (io.ReadCloser, error) { return os.Open(p) }
	name := w.display(p)
	f, err := os.Open(p)
	if err != nil {
		return w.emit(job{name: name, err: err})
	}
	head := make([]byte, SniffLen)
	n, _ := io.ReadFull(f, head)
	if Sniff(head[:n]) != KindZip {
		f.Close()
		return w.emit(job{name: name, open: open, size: size, strava: row})
	}
	return w.holding(func() { f.Close() }, func(nw *walker) error { return nw.walkZip(ctx, name, f, size, 1) })
}

// holding runs walk with a walker whose jobs keep an archive open: cleanup
// runs once the walk and every job it emitted are done.
func (w *walker) holding(cleanup func(), walk func(*walker) error) error {
	var wg sync.WaitGroup
	wg.Add(1)
	nw := &walker{lim: w.lim, imp: w.imp, name: w.name, skipped: w.skipped, emit: func(j job) error {
		if j.open != nil {
			wg.Add(1)
			prev := j.release
			j.release = func() {
				if prev != nil {
					prev()
				}
				wg.Done()
			}
		}
		return w.emit(j) // releases the job itself when it cannot be queued
	}}
	err := walk(nw)
	wg.Done()
	go func() { wg.Wait(); cleanup() }()
	return err
}

// walkZip emits the members of a zip read through its central directory.
// Nested zips are spilled to a temporary file (never held in memory whole).
func (w *walker) walkZip(ctx context.Context, name string, ra io.ReaderAt, size int64, depth int) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return w.emit(job{name: name, size: size, err: fmt.Errorf("zip: %w: %w", rekindle.ErrCorrupt, err)})
	}
	if len(zr.File) > w.lim.MaxMembers {
		return w.emit(job{name: name, size: size, err: fmt.Errorf("zip: %d entries, over the %d entry limit", len(zr.File), w.lim.MaxMembers)})
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > uint64(w.lim.MaxArchiveBytes) {
		return w.emit(job{name: name, size: size, err: fmt.Errorf("zip: members unpack to %d bytes, over the %d byte limit", total, w.lim.MaxArchiveBytes)})
	}
	if err := overlapping(zr.File, size); err != nil {
		return w.emit(job{name: name, size: size, err: fmt.Errorf("zip: %w", err)})
	}
	// What the whole archive may really inflate to.
	arch := newBudget("archive "+name, min(w.lim.MaxArchiveBytes, max(64<<20, int64(w.lim.MaxRatio*float64(size)))))
	open := func(f *zip.File) (io.ReadCloser, error) { return openMember(f, w.lim, arch, w.imp) }
	// Strava layout: activities.csv (at the root or under one folder).
	rowsByMember := map[string]*StravaRow{}
	var csvMember *zip.File
	var csvRows []StravaRow
	for _, f := range zr.File {
		if path.Base(f.Name) != "activities.csv" || strings.Count(f.Name, "/") > 1 || unsafeName(f.Name) {
			continue
		}
		rc, err := open(f)
		if err != nil {
			continue
		}
		head := make([]byte, SniffLen)
		n, _ := io.ReadFull(rc, head)
		rc.Close()
		if Sniff(head[:n]) != KindStravaCSV {
			continue
		}
		rc, err = open(f)
		if err != nil {
			continue
		}
		rows, _, err := ReadStravaCSV(io.LimitReader(rc, w.lim.MaxFileBytes))
		rc.Close()
		if err != nil {
			continue
		}
		csvMember, csvRows = f, rows
		dir := path.Dir(f.Name)
		for i := range rows {
			if rows[i].Filename != "" {
				rowsByMember[path.Join(dir, rows[i].Filename)] = &rows[i]
			}
		}
		break
	}
	seen := map[*StravaRow]bool{}
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		if f.FileInfo().IsDir() || f == csvMember {
			continue
		}
		mname := name + "!" + f.Name
		if unsafeName(f.Name) {
			if err := w.emit(job{name: mname, size: int64(f.CompressedSize64), err: fmt.Errorf("unsafe path in archive: %q", f.Name)}); err != nil {
				return err
			}
			continue
		}
		if bookkeepingPath(f.Name) || w.skip(path.Base(f.Name)) {
			continue
		}
		if f.UncompressedSize64 > uint64(w.lim.MaxFileBytes) {
			if err := w.emit(job{name: mname, size: int64(f.CompressedSize64), err: fmt.Errorf("member unpacks to %d bytes, over the %d byte limit", f.UncompressedSize64, w.lim.MaxFileBytes)}); err != nil {
				return err
			}
			continue
		}
		if f.CompressedSize64 > 0 && f.UncompressedSize64 > 1<<20 && f.UncompressedSize64/f.CompressedSize64 > uint64(w.lim.MaxRatio) {
			if err := w.emit(job{name: mname, size: int64(f.CompressedSize64), err: fmt.Errorf("zip bomb: member compressed %d:1", f.UncompressedSize64/f.CompressedSize64)}); err != nil {
				return err
			}
			continue
		}
		row := rowsByMember[f.Name]
		if row != nil {
			seen[row] = true
		}
		kind := Sniff(sniffMember(f, 8, arch, w.imp))
		if kind == KindZip {
			if depth >= w.lim.MaxDepth {
				if err := w.emit(job{name: mname, size: int64(f.CompressedSize64), err: fmt.Errorf("archives nested deeper than %d", w.lim.MaxDepth)}); err != nil {
					return err
				}
				continue
			}
			if err := w.walkNested(ctx, mname, f, open, depth); err != nil {
				return err
			}
			continue
		}
		f := f
		j := job{name: mname, size: int64(f.CompressedSize64), strava: row, open: func() (io.ReadCloser, error) { return open(f) }}
		if err := w.emit(j); err != nil {
			return err
		}
	}
	if csvMember != nil {
		f := csvMember
		if err := w.emitSummaryRows(name+"!"+f.Name, func() (io.ReadCloser, error) { return open(f) }, int64(f.CompressedSize64), csvRows, seen); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) walkNested(ctx context.Context, name string, f *zip.File, open func(*zip.File) (io.ReadCloser, error), depth int) error {
	rc, err := open(f)
	if err != nil {
		return w.emit(job{name: name, size: int64(f.CompressedSize64), err: err})
	}
	defer rc.Close()
	var ra io.ReaderAt
	var size int64
	var cleanup func()
	if f.UncompressedSize64 <= 16<<20 {
		var buf bytes.Buffer
		n, err := io.Copy(&buf, ctxReader{ctx, rc})
		if err != nil {
			return w.emit(job{name: name, size: int64(f.CompressedSize64), err: err})
		}
		ra, size, cleanup = bytes.NewReader(buf.Bytes()), n, func() {}
	} else {
		tmp, err := os.CreateTemp("", "rekindle-nested-*.zip")
		if err != nil {
			return w.emit(job{name: name, size: int64(f.CompressedSize64), err: err})
		}
		os.Remove(tmp.Name()) // unlinked: gone when closed, even after a crash
		n, err := io.Copy(tmp, ctxReader{ctx, rc})
		if err != nil {
			tmp.Close()
			return w.emit(job{name: name, size: int64(f.CompressedSize64), err: err})
		}
		ra, size, cleanup = tmp, n, func() { tmp.Close() }
	}
	return w.holding(cleanup, func(nw *walker) error { return nw.walkZip(ctx, name, ra, size, depth+1) })
}

// overlapping reports entries whose data ranges overlap or leave the
// archive: a zip whose central directory points many entries at one
// member's bytes (a bomb: each entry inflates the same data again).
func overlapping(files []*zip.File, size int64) error {
	type span struct {
		off, end int64
		name     string
	}
	spans := make([]span, 0, len(files))
	for _, f := range files {
		off, err := f.DataOffset()
		if err != nil {
			return fmt.Errorf("entry %q: %w: %w", f.Name, rekindle.ErrCorrupt, err)
		}
		end := off + int64(f.CompressedSize64)
		if f.CompressedSize64 > uint64(size) || end > size || end < off {
			return fmt.Errorf("entry %q: %w: its data runs past the end of the archive", f.Name, rekindle.ErrCorrupt)
		}
		if end > off {
			spans = append(spans, span{off, end, f.Name})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].off < spans[j].off })
	for i := 1; i < len(spans); i++ {
		if spans[i].off < spans[i-1].end {
			return fmt.Errorf("%w: entries %q and %q share data (overlapping entries)", errBomb, spans[i-1].name, spans[i].name)
		}
	}
	return nil
}
