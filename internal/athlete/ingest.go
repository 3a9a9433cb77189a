package athlete

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"rekindle"
	"rekindle/internal/ingest"
	"rekindle/internal/locale"
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
	// Queue, when set, infers it by a durable job instead (rekindle serve).
	Queue interface {
		EnqueuePlace(ctx context.Context, athleteID int64) error
	}
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
	loc, lc := time.UTC, locale.Default
	if ath, err := im.Store.GetAthlete(ctx, athleteID); err == nil {
		loc, lc = ath.Location(), Dates(ath)
	}
	var mu sync.Mutex
	done := 0
	stats, err := ingest.Import(ctx, im.Store, athleteID, paths, ingest.Options{
		Workers:   im.Workers,
		SkipPlace: im.Places != nil || im.Queue != nil,
		Limits:    lim,
		Name:      display,
		OnFile: func(fr ingest.FileResult) {
			mu.Lock()
			done++
			d := done
			mu.Unlock()
			ev := ImportEvent{File: fr.File, Status: fr.Status, Activities: fr.ActivityIDs, Message: fr.Error,
				Warnings: fr.Warnings, Done: d, Total: len(files)}
			if ev.Status == store.StatusPartial && ev.Message == "" {
				ev.Message = PartialWhy(fr.Warnings)
			}
			if n := ingest.ReplacedNote(fr.Replaced); n != "" {
				ev.Replaced = fr.Replaced
				if ev.Message == "" {
					ev.Message = n
				} else {
					ev.Message += "; " + n
				}
			}
			ev.Links = im.links(ctx, athleteID, fr.ActivityIDs, loc, lc)
			emit(ev)
		},
		OnProgress: func(p ingest.Progress) {
			mu.Lock()
			d := done
			mu.Unlock()
			emit(ImportEvent{Status: "progress", Done: d, Total: len(files), Bytes: p.Bytes, TotalBytes: p.TotalBytes})
		},
	})
	if err == nil && stats.Activities > 0 {
		switch {
		case im.Queue != nil:
			if qerr := im.Queue.EnqueuePlace(context.WithoutCancel(ctx), athleteID); qerr != nil {
				// Left for the next upload.
				slog.Warn("infer place: enqueue", "athlete", athleteID, "err", qerr)
			}
		case im.Places != nil:
			im.Places.Enqueue(athleteID)
		}
	}
	return err
}

// PartialWhy says why a file was imported only partly, from its warnings.
func PartialWhy(warnings []string) string {
	if len(warnings) == 0 {
		return "some of its data could not be read"
	}
	why := strings.Join(warnings[:min(3, len(warnings))], "; ")
	if n := len(warnings) - 3; n > 0 {
		why += fmt.Sprintf("; and %d more", n)
	}
	return why
}

// links names a file's first activities for the upload outcome.
func (im IngestImporter) links(ctx context.Context, athleteID int64, ids []int64, loc *time.Location, lc locale.Locale) []ActivityLink {
	// One query for the file's first few activities, their name, sport
	// and start only (it read each whole activity with its track).
	acts, err := im.Store.GetActivityHeads(ctx, athleteID, ids[:min(maxLinks, len(ids))])
	if err != nil {
		return nil
	}
	var out []ActivityLink
	for _, a := range acts {
		out = append(out, ActivityLink{ID: a.ID, Name: ActivityLabel(a, loc, lc)})
	}
	return out
}

// ActivityLabel is an activity's name and day, as a link names it.
func ActivityLabel(a *rekindle.Activity, loc *time.Location, lc locale.Locale) string {
	name := strings.TrimSpace(a.Name)
	if name == "" {
		name = strings.ReplaceAll(string(a.Sport), "_", " ")
	}
	if name == "" {
		name = "activity"
	}
	return name + ", " + lc.Day(a.Start.In(loc))
}
