package ingest

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Watcher imports the files that appear in a folder (a watch's USB
// folder, a synced folder) once they have settled: a file is taken when
// its size and modification time have not changed for Settle, so a file
// still being written is never imported half. Each settled version of a
// file is handed to Import once; the store remembers files by content
// hash, so a file seen again after a restart, or the same file under
// another name, is a duplicate and imports nothing.
type Watcher struct {
	Dir    string
	Settle time.Duration    // default DefaultSettle
	Now    func() time.Time // default time.Now
	// Import imports the settled files (absolute paths) and reports each
	// file's outcome its own way; an error is logged by the caller and the
	// files are not taken again until they change.
	Import func(ctx context.Context, paths []string) error

	seen map[string]*watched
}

type watched struct {
	size  int64
	mod   time.Time
	since time.Time // when this size and mtime were first seen
	done  bool      // handed to Import
}

// DefaultSettle is how long a file must stay unchanged before it is taken.
const DefaultSettle = 5 * time.Second

// skipName reports names that are never activity files: hidden files and
// the temporary files of copy tools, browsers and editors.
func skipName(name string) bool {
	lower := strings.ToLower(name)
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(lower, ".part") || strings.HasSuffix(lower, ".tmp") || strings.HasSuffix(lower, ".crdownload") || strings.HasSuffix(lower, ".partial")
}

// Scan looks at the folder once and imports the files that have settled
// since the last scans; it returns them. A folder that cannot be read is
// an error (the caller logs it and scans again later).
func (w *Watcher) Scan(ctx context.Context) ([]string, error) {
	if w.seen == nil {
		w.seen = map[string]*watched{}
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	settle := w.Settle
	if settle <= 0 {
		settle = DefaultSettle
	}
	t := now()
	present := map[string]bool{}
	var ready []string
	err := filepath.WalkDir(w.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == w.Dir {
				return err
			}
			return nil // a sub-folder that went away or cannot be read
		}
		if p != w.Dir && skipName(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil // gone meanwhile
		}
		present[p] = true
		o := w.seen[p]
		if o == nil || o.size != info.Size() || !o.mod.Equal(info.ModTime()) {
			w.seen[p] = &watched{size: info.Size(), mod: info.ModTime(), since: t}
			return nil
		}
		if !o.done && t.Sub(o.since) >= settle && info.Size() > 0 {
			ready = append(ready, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", w.Dir, err)
	}
	for p := range w.seen {
		if !present[p] {
			delete(w.seen, p)
		}
	}
	if len(ready) == 0 {
		return nil, nil
	}
	slices.Sort(ready)
	ierr := w.Import(ctx, ready)
	if ctx.Err() != nil {
		return nil, ctx.Err() // interrupted: taken again next time
	}
	for _, p := range ready {
		w.seen[p].done = true
	}
	return ready, ierr
}

// Run scans every interval until ctx ends; a failed scan is reported
// through onErr (nil: ignored) and the watcher goes on.
func (w *Watcher) Run(ctx context.Context, every time.Duration, onErr func(error)) error {
	if st, err := os.Stat(w.Dir); err != nil || !st.IsDir() {
		if err == nil {
			err = errors.New("not a folder")
		}
		return fmt.Errorf("watch %s: %w", w.Dir, err)
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if _, err := w.Scan(ctx); err != nil && ctx.Err() == nil && onErr != nil {
			onErr(err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}
