package athlete

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"rekindle/internal/ingest"
)

// WatchFolder imports the files that appear in w.Dir into the athlete as
// they settle (rekindle serve --watch), through the same import as an
// upload: the same per-file outcomes, logged one line per file. It runs
// until ctx ends.
func (a *App) WatchFolder(ctx context.Context, athleteID int64, w *ingest.Watcher, every time.Duration) error {
	w.Import = func(ctx context.Context, paths []string) error {
		files := make([]UploadFile, 0, len(paths))
		for _, p := range paths {
			name, err := filepath.Rel(w.Dir, p)
			if err != nil {
				name = filepath.Base(p)
			}
			var size int64
			if fi, err := os.Stat(p); err == nil {
				size = fi.Size()
			}
			files = append(files, UploadFile{Name: filepath.ToSlash(name), Path: p, Size: size})
		}
		return a.Import(ctx, athleteID, files, func(e ImportEvent) {
			switch e.Status {
			case "received", "progress":
			case "failed":
				a.log.WarnContext(ctx, "watched folder", "file", e.File, "status", e.Status, "err", e.Message)
			default:
				a.log.InfoContext(ctx, "watched folder", "file", e.File, "status", e.Status, "activities", len(e.Activities), "message", e.Message)
			}
		})
	}
	return w.Run(ctx, every, func(err error) { a.log.WarnContext(ctx, "watched folder", "err", err) })
}
