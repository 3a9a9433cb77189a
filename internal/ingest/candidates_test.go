package ingest

import (
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// TestCandidatesAfterLanding: a file's stored candidates, read in one query
// when it is added, are read again for its activities placed after a batch
// landed: a session stored by that batch (not yet committed when the file's
// candidates were read) is found and recorded as a duplicate, not stored
// twice. The steps are taken one by one, so no timing decides the outcome.
func TestCandidatesAfterLanding(t *testing.T) {
	start := time.Date(2021, 6, 1, 7, 0, 0, 0, time.UTC)
	prep := func(t *testing.T, f rekindle.SourceFormat, file string, i int, at time.Time) *store.PreparedActivity {
		a := &rekindle.Activity{Sport: rekindle.SportRunning, Start: at,
			Source: rekindle.Source{Format: f, File: file, SHA256: file, Index: i}}
		a.Summary.DistanceM, a.Summary.ElapsedS = 10_000, 3000
		p, err := store.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		p.EndMs = at.Add(50 * time.Minute).UnixMilli()
		return p
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			w := &writer{st: s, athleteID: ath.ID, opt: &Options{}, report: func(FileResult, int64, int, int, int) {}}
			// A device file of one session, queued (not yet written).
			dev := prep(t, rekindle.FormatFIT, "run.fit", 0, start)
			if err := w.add(ctx, decoded{job: job{name: "run.fit"}, sha: "run.fit", kind: KindFIT, acts: []*store.PreparedActivity{dev}}); err != nil {
				t.Fatal(err)
			}
			// A summary file of that session and another: its candidates
			// are read now, before the device file is written.
			rows := []*store.PreparedActivity{
				prep(t, rekindle.FormatStravaCSV, "history.csv", 0, start.Add(24*time.Hour)),
				prep(t, rekindle.FormatStravaCSV, "history.csv", 1, start),
			}
			if err := w.prefetch(ctx, rows); err != nil {
				t.Fatal(err)
			}
			if got := w.cands[rows[1]]; len(got) != 0 {
				t.Fatalf("the device file is not written yet, but %v", got)
			}
			if err := w.flush(ctx); err != nil {
				t.Fatal(err)
			}
			if err := w.land(ctx); err != nil {
				t.Fatal(err)
			}
			pf := &pendingFile{d: decoded{job: job{name: "history.csv"}, sha: "history.csv"}}
			ids := make([]int64, len(rows))
			for i, p := range rows {
				if ids[i], err = w.place(ctx, pf, p); err != nil {
					t.Fatal(err)
				}
			}
			if ids[1] != dev.A.ID || pf.dupN != 1 || pf.stored != 1 || len(pf.newActs) != 1 {
				t.Fatalf("the row of the stored session: id %d (device file's %d), %d duplicates, %d stored, %d new; want it a duplicate",
					ids[1], dev.A.ID, pf.dupN, pf.stored, len(pf.newActs))
			}
			if ids[0] == dev.A.ID || ids[0] == 0 {
				t.Fatalf("the other row: id %d", ids[0])
			}
		})
	}
}
