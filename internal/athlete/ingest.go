package athlete

import (
	"context"
	"path/filepath"
	"strings"
	"sync"

	"rekindle/internal/ingest"
	"rekindle/internal/store"
)

// IngestImporter imports uploads with package ingest.
type IngestImporter struct {
	Store   *store.Store
	Workers int // 0: ingest's default
	// Places, when set, infers the athlete's time zone after the import in
	// the background, so the upload's response never waits for it; nil
	// infers it inline (as 'rekindle import' does).
	Places *Places
}

// Import runs ingest over the spooled files and reports each file's outcome.
func (im IngestImporter) Import(ctx context.Context, athleteID int64, files []UploadFile, emit func(ImportEvent)) error {
	paths := make([]string, len(files))
	names := map[string]string{} // spool dir of each upload → its display prefix
	for i, f := range files {
		paths[i] = f.Path
		names[f.Path] = f.Name
		emit(ImportEvent{File: f.Name, Status: "received", Total: len(files)})
	}
	// The name recorded (in results, file records, activities, originals
	// and so exports) is the upload's own, never the spool path; archive
	// members follow as "upload.zip!member".
	display := func(p string) string {
		if n, ok := names[p]; ok {
			return n
		}
		for sp, n := range names {
			if strings.HasPrefix(p, sp) {
				return n + strings.TrimPrefix(p, sp)
			}
		}
		return filepath.Base(p)
	}
	var total int64
	for _, f := range files {
		total += f.Size
	}
	lim := ingest.DefaultLimits
	// All that one upload may really inflate: generous for real exports.
	lim.MaxImportBytes = max(256<<20, int64(lim.MaxRatio*float64(total)))
	var mu sync.Mutex
	done := 0
	stats, err := ingest.Import(ctx, im.Store, athleteID, paths, ingest.Options{
		Workers:   im.Workers,
		SkipPlace: im.Places != nil,
		Limits:    lim,
		Name:      display,
		OnFile: func(fr ingest.FileResult) {
			mu.Lock()
			done++
			d := done
			mu.Unlock()
			emit(ImportEvent{File: fr.File, Status: fr.Status, Activities: fr.ActivityIDs, Message: fr.Error,
				Warnings: fr.Warnings, Done: d, Total: len(files)})
		},
		OnProgress: func(p ingest.Progress) {
			mu.Lock()
			d := done
			mu.Unlock()
			emit(ImportEvent{Status: "progress", Done: d, Total: len(files), Bytes: p.Bytes, TotalBytes: p.TotalBytes})
		},
	})
	if err == nil && im.Places != nil && stats.Activities > 0 {
		im.Places.Enqueue(athleteID)
	}
	return err
}
