package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// overlapFiles writes the files of a day like casebook runner real-31's
// 2026-05-13: a recorded run (a TCX track, 13:50 for 40 minutes), entries
// typed by hand over it (exactly 1:00:00 each, started 13:52, 13:57, 13:58
// and 13:59; 3 km in 0:11:00 at 14:38 — the first, 10 km from 13:52, is
// taken for the same session as the run by dedupe's distance rule: within
// 35 % and starting within two minutes), another app's summary of the run
// with heart rate and another distance (so not the same session by
// distance), and runs of the day before that overlap nothing.
func overlapFiles(t *testing.T) (dir string, names []string) {
	t.Helper()
	dir = t.TempDir()
	day := time.Date(2026, 5, 13, 13, 50, 0, 0, time.UTC)
	tcx := `<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>` +
		tcxActivity(day, 8000, 240) + `</Activities></TrainingCenterDatabase>`
	files := map[string]string{
		"recorded.tcx": tcx,
		"typed.csv": "date,sport,distance_km,duration,avg_hr,name\n" +
			"2026-05-12 08:49,Run,8.004,0:39:52,144,\n" +
			"2026-05-12 11:51,Run,3.000,0:15:00,,\n" +
			"2026-05-13 13:52,Run,10.000,1:00:00,,Test\n" +
			"2026-05-13 13:57,Run,12.000,1:00:00,,Hi\n" +
			"2026-05-13 13:58,Run,1.000,1:00:00,,Yo\n" +
			"2026-05-13 13:59,Run,13.000,1:00:00,,Hey\n" +
			"2026-05-13 14:38,Run,3.000,0:11:00,,\n",
		"other.csv": "date,sport,distance_km,duration,avg_hr,name\n" +
			"2026-05-13 13:51,Run,5.0,0:37:10,151,Phone\n",
	}
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	slices.Sort(names)
	return dir, names
}

// overlapState describes what counts and what is set aside, by the
// records themselves (never by id, which depends on the order stored).
func overlapState(t *testing.T, s *store.Store) (counted, aside []string) {
	t.Helper()
	acts := list(t, s)
	byID := map[int64]*rekindle.Activity{}
	for _, a := range acts {
		byID[a.ID] = a
	}
	key := func(a *rekindle.Activity) string {
		return fmt.Sprintf("%s %.0fm %s", a.Start.Format("01-02 15:04"), a.Summary.DistanceM, filepath.Base(a.Source.File))
	}
	for _, a := range acts {
		if !a.SetAside {
			counted = append(counted, key(a))
			continue
		}
		k := key(a) + " for "
		if f := byID[a.SetAsideFor]; f != nil {
			k += key(f)
		}
		aside = append(aside, k)
	}
	slices.Sort(counted)
	slices.Sort(aside)
	return counted, aside
}

// Activities overlapping in time are settled the same way whatever the
// order the files come in — in one import or several, the typed entries
// before or after the recorded run — on both stores: the recorded track is
// kept, the three entries over it and the other app's summary are set
// aside (not deleted), and the analyses' list leaves them out.
func TestOverlapSetAsideAnyOrder(t *testing.T) {
	orders := [][][]string{
		{{"typed.csv", "recorded.tcx", "other.csv"}},
		{{"recorded.tcx", "other.csv", "typed.csv"}},
		{{"typed.csv"}, {"recorded.tcx"}, {"other.csv"}},
		{{"other.csv"}, {"recorded.tcx"}, {"typed.csv"}},
		{{"recorded.tcx"}, {"typed.csv", "other.csv"}},
		{{"other.csv", "typed.csv"}, {"recorded.tcx"}},
	}
	wantCounted := []string{
		"05-12 08:49 8004m typed.csv",
		"05-12 11:51 3000m typed.csv",
		"05-13 13:50 8000m recorded.tcx",
		"05-13 14:38 3000m typed.csv", // overlaps only entries set aside
	}
	for name := range stores(t) {
		t.Run(name, func(t *testing.T) {
			var first []string
			for i, order := range orders {
				s := freshStore(t, name) // a fresh store (schema) for each order
				dir, _ := overlapFiles(t)
				for _, imp := range order {
					var paths []string
					for _, n := range imp {
						paths = append(paths, filepath.Join(dir, n))
					}
					run(t, s, paths...)
				}
				counted, aside := overlapState(t, s)
				if !slices.Equal(counted, wantCounted) {
					t.Fatalf("order %v: counted\n%s\nwant\n%s", order, strings.Join(counted, "\n"), strings.Join(wantCounted, "\n"))
				}
				if len(aside) != 4 {
					t.Fatalf("order %v: set aside %d, want 4:\n%s", order, len(aside), strings.Join(aside, "\n"))
				}
				for _, a := range aside {
					if !strings.HasSuffix(a, "for 05-13 13:50 8000m recorded.tcx") {
						t.Errorf("order %v: %s, want set aside for the recorded run", order, a)
					}
				}
				if i == 0 {
					first = aside
				} else if !slices.Equal(aside, first) {
					t.Fatalf("order %v: set aside\n%s\nwant\n%s", order, strings.Join(aside, "\n"), strings.Join(first, "\n"))
				}
				// The analyses read the counted ones only.
				ath, _ := s.DefaultAthlete(t.Context())
				an, err := s.ListActivities(t.Context(), ath.ID, store.ActivityFilter{})
				if err != nil || len(an) != len(wantCounted) {
					t.Fatalf("analysed %d (%v), want %d", len(an), err, len(wantCounted))
				}
				heads, err := s.ListActivityHeads(t.Context(), ath.ID, time.Time{})
				if err != nil || len(heads) != len(wantCounted) {
					t.Fatalf("heads %d (%v), want %d", len(heads), err, len(wantCounted))
				}
			}
		})
	}
}

// The runner can restore an activity set aside: it counts and what
// overlaps it is set aside instead; forgetting the mark gives the rule's
// outcome back. A runner's mark outlives later imports.
func TestOverlapRestore(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			dir, names := overlapFiles(t)
			var paths []string
			for _, n := range names {
				paths = append(paths, filepath.Join(dir, n))
			}
			run(t, s, paths...)
			ath, _ := s.DefaultAthlete(ctx)
			counted0, aside0 := overlapState(t, s)
			var typed *rekindle.Activity
			for _, a := range list(t, s) {
				if a.Name == "Hi" {
					typed = a
				}
			}
			if typed == nil || !typed.SetAside {
				t.Fatalf("the typed hour: %+v, want set aside", typed)
			}
			yes := true
			if err := s.EditActivity(ctx, ath.ID, typed.ID, store.ActivityEdit{SetCount: true, Count: &yes}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := ResolveOverlaps(ctx, s, ath.ID); err != nil {
				t.Fatal(err)
			}
			counted, _ := overlapState(t, s)
			want := []string{"05-12 08:49 8004m typed.csv", "05-12 11:51 3000m typed.csv", "05-13 13:57 12000m typed.csv"}
			if !slices.Equal(counted, want) {
				t.Fatalf("restored: counted\n%s\nwant\n%s", strings.Join(counted, "\n"), strings.Join(want, "\n"))
			}
			// A later import of another overlapping record keeps the mark.
			late := filepath.Join(dir, "late.csv")
			if err := os.WriteFile(late, []byte("date,sport,distance_km,duration,avg_hr,name\n2026-05-13 14:05,Run,6.0,0:30:13,149,\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			run(t, s, late)
			if counted, _ := overlapState(t, s); !slices.Equal(counted, want) {
				t.Fatalf("after a later import: counted\n%s\nwant\n%s", strings.Join(counted, "\n"), strings.Join(want, "\n"))
			}
			// Forgetting the mark: the rule decides again.
			if err := s.EditActivity(ctx, ath.ID, typed.ID, store.ActivityEdit{SetCount: true}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := ResolveOverlaps(ctx, s, ath.ID); err != nil {
				t.Fatal(err)
			}
			counted, aside := overlapState(t, s)
			if !slices.Equal(counted, counted0) || len(aside) != len(aside0)+1 {
				t.Fatalf("auto again: counted\n%s\nwant\n%s\n(set aside %d, want %d)", strings.Join(counted, "\n"), strings.Join(counted0, "\n"), len(aside), len(aside0)+1)
			}
		})
	}
}

// The rule's order is total and its decision a function of the set: the
// same items in any order give the same states.
func TestDecideOverlapsPermutations(t *testing.T) {
	base := time.Date(2026, 5, 13, 13, 0, 0, 0, time.UTC).UnixMilli()
	mk := func(id int64, startMin, durS int, dist, hr float64, samples int, sha string) store.OverlapItem {
		st := base + int64(startMin)*60_000
		return store.OverlapItem{Candidate: store.Candidate{ID: id, Sport: rekindle.SportRunning, StartMs: st, EndMs: st + int64(durS)*1000,
			DistanceM: dist, Samples: samples, Source: rekindle.Source{SHA256: sha, Index: int(id)}}, AvgHR: hr}
	}
	items := []store.OverlapItem{
		mk(1, 52, 3600, 10000, 0, 0, "a"), mk(2, 57, 3600, 12000, 0, 0, "a"), mk(3, 58, 3600, 1000, 0, 0, "a"),
		mk(4, 59, 3600, 13000, 0, 0, "a"), mk(5, 98, 660, 3000, 0, 0, "a"), mk(6, 50, 2400, 8000, 150, 240, "b"),
		mk(7, 51, 2230, 5000, 151, 0, "c"), mk(8, 200, 2392, 8004, 144, 0, "a"),
	}
	want := map[int64]store.SetAsideChange{}
	for _, d := range decideOverlaps(sortedByStart(items)) {
		want[d.ID] = d
	}
	if want[6].SetAside || !want[1].SetAside || want[1].For != 6 || want[5].SetAside || want[8].SetAside {
		t.Fatalf("decision: %+v", want)
	}
	perm := slices.Clone(items)
	for k := range 50 {
		// A deterministic shuffle; equal starts keep any order.
		for i := range perm {
			j := (i*7 + k*13) % len(perm)
			perm[i], perm[j] = perm[j], perm[i]
		}
		for _, d := range decideOverlaps(sortedByStart(perm)) {
			if want[d.ID] != d {
				t.Fatalf("permutation %d: %+v, want %+v", k, d, want[d.ID])
			}
		}
	}
}

// freshStore opens a new empty store of the kind named (sqlite or
// postgres, a fresh schema).
func freshStore(t *testing.T, kind string) *store.Store {
	t.Helper()
	dsn := filepath.Join(t.TempDir(), "t.db")
	if kind == "postgres" {
		dsn = store.PostgresTestDSN(t)
	}
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func sortedByStart(items []store.OverlapItem) []store.OverlapItem {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b store.OverlapItem) int { return int(a.StartMs - b.StartMs) })
	return out
}

// A run inside a longer ride or walk is never set aside for it, nor the
// ride for the run: records of different sports are not weighed against
// each other (a recording left running is the likelier story, and the
// run is what the coach reads); two rides over one span still are.
func TestOverlapAcrossSportsKeepsBoth(t *testing.T) {
	base := time.Date(2019, 7, 14, 17, 0, 0, 0, time.UTC).UnixMilli()
	mk := func(id int64, sport rekindle.Sport, startMin, durS int, dist float64, samples int) store.OverlapItem {
		st := base + int64(startMin)*60_000
		return store.OverlapItem{Candidate: store.Candidate{ID: id, Sport: sport, StartMs: st, EndMs: st + int64(durS)*1000,
			DistanceM: dist, Samples: samples, Source: rekindle.Source{SHA256: string(rune('a' + id)), Index: 0}}}
	}
	items := sortedByStart([]store.OverlapItem{
		mk(1, rekindle.SportCycling, 0, 9000, 40000, 900), // a 2:30 ride
		mk(2, rekindle.SportRunning, 60, 1800, 5600, 300), // a run inside it
		mk(3, rekindle.SportCycling, 5, 8400, 38000, 0),   // the same ride from a second app
		mk(4, rekindle.SportWalking, 55, 2400, 3000, 200), // a walk around the run
		mk(5, rekindle.SportTreadmill, 62, 1500, 4000, 0), // another app's record of the run
		mk(6, rekindle.SportVirtualRide, 1, 8800, 0, 0),   // a virtual ride's record of the ride
	})
	got := map[int64]store.SetAsideChange{}
	for _, d := range decideOverlaps(items) {
		got[d.ID] = d
	}
	if got[2].SetAside || got[1].SetAside || got[4].SetAside {
		t.Fatalf("records of different sports set aside for each other: %+v", got)
	}
	if !got[3].SetAside || got[3].For != 1 {
		t.Fatalf("the second record of the ride: %+v, want set aside for 1", got[3])
	}
	if !got[6].SetAside || got[6].For != 1 {
		t.Fatalf("a virtual ride's record of the ride: %+v, want set aside for 1 (rides of any kind are one family)", got[6])
	}
	if !got[5].SetAside || got[5].For != 2 {
		t.Fatalf("a treadmill record of the run: %+v, want set aside for 2 (runs of any kind are one sport)", got[5])
	}
}

// pieceItems is a day of records where a piece of a session overlaps a
// longer record of it (casebook real-46's 9 Sep 2024 first: a 2.0 km run
// of 15:20 without heart rate, and a 0.35 km record of 2:10 with heart
// rate 93 starting 80 s before it ends), beside two records of one
// session (a watch's track and a phone's summary with heart rate) that
// are weighed by evidence as before.
func pieceItems() []store.OverlapItem {
	base := time.Date(2024, 9, 8, 23, 54, 0, 0, time.UTC).UnixMilli()
	mk := func(id int64, startS, durS int, dist, hr float64, samples int) store.OverlapItem {
		st := base + int64(startS)*1000
		return store.OverlapItem{Candidate: store.Candidate{ID: id, Sport: rekindle.SportRunning, StartMs: st, EndMs: st + int64(durS)*1000,
			DistanceM: dist, Samples: samples, Source: rekindle.Source{SHA256: string(rune('a' + id))}}, AvgHR: hr}
	}
	day := int(24 * time.Hour / time.Second)
	return []store.OverlapItem{
		mk(1, 0, 920, 2025, 0, 0),   // the run, 23:54:00-00:09:20
		mk(2, 840, 130, 350, 93, 0), // its cool-down, 00:08:00-00:10:10
		// A day later: a 60-minute summary without heart rate, and a 15-minute
		// track inside it (a phone started late).
		mk(3, day, 3605, 10100, 0, 0),
		mk(4, day+600, 900, 2600, 0, 900),
		// Two days later: a watch's track and a phone's summary with heart
		// rate of one session: one kept, the track.
		mk(5, 2*day, 2400, 8000, 0, 480),
		mk(6, 2*day+45, 2330, 8300, 151, 0),
		// Three days later: a 5-minute warm-up with heart rate whose last
		// 3 minutes run into a 50-minute run without it.
		mk(7, 3*day, 300, 800, 120, 0),
		mk(8, 3*day+120, 3001, 10000, 0, 0),
	}
}

// A piece of a session never displaces the longer record of it, whatever
// its evidence: the cool-down with heart rate is set aside for the run, not
// the run for it (the old rule ranked heart rate above span and lost the
// run), and a 15-minute track inside an hour's summary for the summary;
// two records of one session are still weighed by evidence, in any order.
func TestDecideOverlapsPieceKeepsTheRun(t *testing.T) {
	items := pieceItems()
	want := map[int64]store.SetAsideChange{
		1: {ID: 1}, 2: {ID: 2, SetAside: true, For: 1},
		3: {ID: 3}, 4: {ID: 4, SetAside: true, For: 3},
		5: {ID: 5}, 6: {ID: 6, SetAside: true, For: 5},
		7: {ID: 7, SetAside: true, For: 8}, 8: {ID: 8},
	}
	perm := slices.Clone(items)
	for k := range 20 {
		for i := range perm {
			j := (i*5 + k*11) % len(perm)
			perm[i], perm[j] = perm[j], perm[i]
		}
		for _, d := range decideOverlaps(sortedByStart(perm)) {
			if want[d.ID] != d {
				t.Fatalf("permutation %d: %+v, want %+v", k, d, want[d.ID])
			}
		}
	}
}

// What stays as before: a longer record that looks typed (no heart rate,
// whole minutes) is no whole for a recorded piece of it (the track is
// kept, as the typed hours over real-31's run); a longer record the runner
// set aside is none either; and a piece the runner counts stands beside
// the run instead of setting it aside.
func TestDecideOverlapsPieceExceptions(t *testing.T) {
	items := pieceItems()[:2]
	items[0].EndMs = items[0].StartMs + 960_000 // 16:00, no heart rate: typed
	got := decideOverlaps(items)
	if got[1].SetAside || !got[0].SetAside || got[0].For != 2 {
		t.Fatalf("typed run and recorded piece: %+v, want the typed one set aside for the piece", got)
	}
	items = pieceItems()[:2]
	no, yes := false, true
	items[0].CountOverride = &no
	if got := decideOverlaps(items); !got[0].SetAside || got[1].SetAside {
		t.Fatalf("run set aside by the runner: %+v, want the piece kept", got)
	}
	items[0].CountOverride = nil
	items[1].CountOverride = &yes
	if got := decideOverlaps(items); got[0].SetAside || got[1].SetAside {
		t.Fatalf("piece counted by the runner: %+v, want both kept", got)
	}
}

// Through the real import path on both stores, in either order of the
// files: real-46's run of 9 Sep 2024 counts and its cool-down is set aside
// for it; the watch and phone records of one session keep the track.
func TestImportPieceKeepsTheRun(t *testing.T) {
	files := map[string]string{
		"phone.csv": "date,sport,distance_km,duration,avg_hr,name\n" +
			"2024-09-08 23:54,Run,2.025,0:15:20,,\n" +
			"2024-09-11 07:03,Run,5.0,0:35:10,151,Phone\n",
		"watch.csv": "date,sport,distance_km,duration,avg_hr,name\n" +
			"2024-09-09 00:08,Run,0.350,0:02:10,93,\n",
	}
	dir := t.TempDir()
	for n, body := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tcx := `<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>` +
		tcxActivity(time.Date(2024, 9, 11, 7, 0, 30, 0, time.UTC), 8000, 240) + `</Activities></TrainingCenterDatabase>`
	if err := os.WriteFile(filepath.Join(dir, "watch.tcx"), []byte(tcx), 0o644); err != nil {
		t.Fatal(err)
	}
	wantCounted := []string{"09-08 23:54 2025m phone.csv", "09-11 07:00 8000m watch.tcx"}
	wantAside := []string{"09-09 00:08 350m watch.csv for 09-08 23:54 2025m phone.csv", "09-11 07:03 5000m phone.csv for 09-11 07:00 8000m watch.tcx"}
	for _, order := range [][]string{{"phone.csv", "watch.csv", "watch.tcx"}, {"watch.tcx", "watch.csv", "phone.csv"}} {
		for name := range stores(t) {
			t.Run(name, func(t *testing.T) {
				s := freshStore(t, name)
				for _, n := range order {
					run(t, s, filepath.Join(dir, n))
				}
				counted, aside := overlapState(t, s)
				if !slices.Equal(counted, wantCounted) || !slices.Equal(aside, wantAside) {
					t.Fatalf("order %v: counted\n%s\nset aside\n%s\nwant\n%s\nand\n%s", order, strings.Join(counted, "\n"),
						strings.Join(aside, "\n"), strings.Join(wantCounted, "\n"), strings.Join(wantAside, "\n"))
				}
			})
		}
	}
}

// A log of dates without hours (held-out real-65, a college runner's
// hand-typed log: 345 of 2,435 entries were set aside) puts every entry of
// a day at midnight: the warm-up typed apart from the race, a run and a
// pool run are the day's entries, not one session twice, and all count, on
// both stores. Rows with hours that overlap are still settled as before.
func TestImportDateOnlyDayEntriesAllCount(t *testing.T) {
	dir := t.TempDir()
	log := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2009-09-19,running,6.66,0:29:00,,Warm up and cool down\n" +
		"2009-09-19,running,8.0,0:24:54,,Invitational\n" +
		"2009-09-20,running,6.9,0:32:00,,\n" +
		"2009-09-20,running,6.44,0:40:00,,Pool run\n" +
		"2009-09-22 07:00,running,10.0,0:50:00,,\n" +
		"2009-09-22 07:10,running,3.0,0:15:00,,\n"
	if err := os.WriteFile(filepath.Join(dir, "log.csv"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	wantCounted := []string{"09-19 00:00 6660m log.csv", "09-19 00:00 8000m log.csv", "09-20 00:00 6440m log.csv",
		"09-20 00:00 6900m log.csv", "09-22 07:00 10000m log.csv"}
	wantAside := []string{"09-22 07:10 3000m log.csv for 09-22 07:00 10000m log.csv"}
	for name := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := freshStore(t, name)
			run(t, s, filepath.Join(dir, "log.csv"))
			counted, aside := overlapState(t, s)
			if !slices.Equal(counted, wantCounted) || !slices.Equal(aside, wantAside) {
				t.Fatalf("counted\n%s\nset aside\n%s\nwant\n%s\nand\n%s", strings.Join(counted, "\n"),
					strings.Join(aside, "\n"), strings.Join(wantCounted, "\n"), strings.Join(wantAside, "\n"))
			}
		})
	}
}
