package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// inputs maps the SHA-256 of each real activity file (decompressed) to its
// decoded bytes.
func inputs(t *testing.T) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, g := range []string{"fit/*.fit", "gpx/*.gpx", "tcx/*.tcx"} {
		paths := testkit.Glob(t, g)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(b)
			out[hex.EncodeToString(sum[:])] = b
		}
	}
	return out
}

func TestOriginalsAndReprocess(t *testing.T) {
	needTestdata(t)
	ctx := context.Background()
	want := inputs(t)
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			// One file gzipped (kept as its own gzip stream), the rest plain.
			run1 := testkit.Activities(t, "fit")
			run2 := testkit.Activities(t, "gpx")
			run3 := testkit.Activities(t, "tcx")
			plain := read(t, "gpx/cerknicko-jezero.gpx")
			os.WriteFile(filepath.Join(dir, "lake.gpx.gz"), gz(t, plain), 0o644)
			_, st := run(t, s, run1, run2, run3, dir)
			ath, _ := s.DefaultAthlete(ctx)

			// Every file that gave activities is kept, byte-identical.
			origs, err := s.ListOriginals(ctx, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			files, _ := s.ListFiles(ctx, ath.ID)
			withActs := 0
			for _, f := range files {
				if len(f.ActivityIDs) > 0 {
					withActs++
				}
			}
			if len(origs) < withActs || len(origs) == 0 {
				t.Fatalf("%d originals for %d files with activities", len(origs), withActs)
			}
			for _, m := range origs {
				o, err := s.GetOriginal(ctx, ath.ID, m.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				b, err := o.Bytes()
				if err != nil {
					t.Fatalf("%s: %v", o.Name, err)
				}
				if w, ok := want[o.SHA256]; ok && !bytes.Equal(b, w) {
					t.Errorf("%s: original differs from the input", o.Name)
				} else if !ok && !bytes.Equal(b, plain) {
					t.Errorf("%s: an original that is no input", o.Name)
				}
				if int64(len(b)) != o.Size {
					t.Errorf("%s: size %d, stored %d", o.Name, len(b), o.Size)
				}
			}

			before := list(t, s)
			if len(before) != st.Activities {
				t.Fatalf("%d activities listed, %d stored", len(before), st.Activities)
			}

			// Reprocess with unchanged decoders changes nothing.
			rs, err := Reprocess(ctx, s, ath.ID, ReprocessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if rs.Files != len(origs) || rs.Updated != 0 || rs.Added != 0 || rs.Removed != 0 {
				t.Fatalf("idle reprocess: %+v", rs)
			}

			// An activity stored under an older measure is brought up to date,
			// keeping its id, name and gear.
			target := before[len(before)/2]
			old, err := s.GetActivity(ctx, ath.ID, target.ID)
			if err != nil {
				t.Fatal(err)
			}
			realDist := old.Summary.DistanceM
			old.Summary.DistanceM, old.Summary.MovingS = 1, 1
			old.Gear = "blue shoes"
			p, err := store.Prepare(old)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteBatch(ctx, ath.ID, &store.Batch{Replace: []store.Replacement{{ID: old.ID, P: p}}}); err != nil {
				t.Fatal(err)
			}
			var lines []ReprocessResult
			rs, err = Reprocess(ctx, s, ath.ID, ReprocessOptions{OnFile: func(r ReprocessResult) { lines = append(lines, r) }})
			if err != nil {
				t.Fatal(err)
			}
			if rs.Updated != 1 || rs.ActivitiesUpdated != 1 || rs.Added != 0 || rs.Removed != 0 || len(lines) != len(origs) {
				t.Fatalf("reprocess after a measure change: %+v", rs)
			}
			got, err := s.GetActivity(ctx, ath.ID, target.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Summary.DistanceM != realDist || got.Gear != "blue shoes" || got.Name != old.Name {
				t.Errorf("after reprocess: distance %.1f (want %.1f), gear %q, name %q", got.Summary.DistanceM, realDist, got.Gear, got.Name)
			}
			if n, _ := s.CountActivities(ctx, ath.ID); n != len(before) {
				t.Errorf("%d activities after reprocess, %d before", n, len(before))
			}

			// A decoder that now finds a second session in one GPX file: it is
			// added; back to the real decoder, it is removed; ids stay.
			sha := target.Source.SHA256
			dec := DefaultDecoders()
			split := map[Kind]Decoder{KindFIT: dec[KindFIT], KindTCX: dec[KindTCX], KindGPX: func(r io.Reader) ([]*rekindle.Activity, error) {
				b, _ := io.ReadAll(r)
				acts, err := dec[KindGPX](bytes.NewReader(b))
				if err != nil || len(acts) == 0 {
					return acts, err
				}
				sum := sha256.Sum256(b)
				if hex.EncodeToString(sum[:]) == sha || target.Source.Format != rekindle.FormatGPX {
					extra, _ := dec[KindGPX](bytes.NewReader(b))
					for _, a := range extra {
						shift(a, 400*24*time.Hour)
						a.Source.Index = len(acts)
						acts = append(acts, a)
					}
				}
				return acts, nil
			}}
			rs, err = Reprocess(ctx, s, ath.ID, ReprocessOptions{Decoders: split, Workers: 1})
			if err != nil {
				t.Fatal(err)
			}
			if rs.Added == 0 || rs.Removed != 0 {
				t.Fatalf("split decoder: %+v", rs)
			}
			added := rs.Added
			if n, _ := s.CountActivities(ctx, ath.ID); n != len(before)+added {
				t.Errorf("%d activities after the split, want %d", n, len(before)+added)
			}
			rs, err = Reprocess(ctx, s, ath.ID, ReprocessOptions{OnFile: func(r ReprocessResult) {
				if r.Status != ReprocessUnchanged {
					t.Logf("%+v", r)
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			if rs.Removed != added || rs.Added != 0 {
				t.Fatalf("back to the real decoder: %+v (added %d before)", rs, added)
			}
			after := list(t, s)
			if len(after) != len(before) {
				t.Fatalf("%d activities at the end, %d at first", len(after), len(before))
			}
			for i := range after {
				if after[i].ID != before[i].ID {
					t.Fatalf("ids changed: %d → %d", before[i].ID, after[i].ID)
				}
			}
		})
	}
}

// shift moves an activity and its track by d.
func shift(a *rekindle.Activity, d time.Duration) {
	a.Start = a.Start.Add(d)
	for i := range a.Track.Time {
		a.Track.Time[i] += d.Milliseconds()
	}
	for i := range a.Laps {
		a.Laps[i].Start = a.Laps[i].Start.Add(d)
	}
}

func TestDiscardOriginals(t *testing.T) {
	needTestdata(t)
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ath, _ := s.DefaultAthlete(ctx)
	st, err := Import(ctx, s, ath.ID, []string{testkit.Activities(t, "tcx")}, Options{DiscardOriginals: true})
	if err != nil || st.Activities == 0 {
		t.Fatalf("import: %v %+v", err, st)
	}
	if o, _ := s.ListOriginals(ctx, ath.ID); len(o) != 0 {
		t.Errorf("%d originals kept with DiscardOriginals", len(o))
	}
}
