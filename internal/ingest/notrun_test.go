package ingest

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// notRunCSV is a simulated history with the two kinds of "runs" no runner
// did beside runs that must count: a drive typed as a run (42 km in an
// hour, no heart rate), a run with no heart rate inside the runner's own
// ride with heart rate (another athlete's recording), and, kept, a fast
// but human 10 km (27:30, slower than the record of 26:11), a half
// marathon at 3:00/km, a run with heart rate inside a ride (a recording
// left running), a run with no heart rate inside a ride with none (nothing
// says who rode), and a 1 km GPS sprint (too short to judge).
const notRunCSV = "date,sport,distance_km,duration,avg_hr,name\n" +
	"2025-08-23 08:00,Run,10.0,0:52:10,148,Easy\n" +
	"2025-08-30 02:00,Run,41.98,0:59:56,,Night run\n" +
	"2025-09-21 07:00,Run,30.5,3:03:35,,Long run\n" +
	"2025-09-21 07:00,Ride,10.2,0:40:10,112,Ride along\n" +
	"2025-09-27 09:00,Run,10.0,0:27:30,181,Fast 10K\n" +
	"2025-09-28 09:00,Run,21.1,1:03:18,176,Half\n" +
	"2025-10-04 10:00,Ride,40.0,1:30:00,130,Ride\n" +
	"2025-10-04 10:20,Run,5.0,0:25:00,150,Run left on\n" +
	"2025-10-05 10:00,Ride,30.0,1:10:00,,Ride no HR\n" +
	"2025-10-05 10:10,Run,6.0,0:30:00,,Run no HR\n" +
	"2025-10-06 12:00,Run,1.0,0:01:30,,Sprint\n"

// Runs no runner could have done are set aside — left out of what the
// analyses read — with a warning naming each and how to fix it; every
// other run counts. Restoring one or giving it its sport counts it again.
func TestNotRunsSetAside(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "history.csv")
			if err := os.WriteFile(path, []byte(notRunCSV), 0o644); err != nil {
				t.Fatal(err)
			}
			_, st := run(t, s, path)
			byName := map[string]*rekindle.Activity{}
			for _, a := range list(t, s) {
				byName[a.Name] = a
			}
			if len(byName) != 11 {
				t.Fatalf("stored %d activities, want 11", len(byName))
			}
			drive, along, ride := byName["Night run"], byName["Long run"], byName["Ride along"]
			if !drive.SetAside || drive.SetAsideFor != 0 {
				t.Errorf("41.98 km in 59:56: set aside %v for %d, want set aside for nothing", drive.SetAside, drive.SetAsideFor)
			}
			if !along.SetAside || along.SetAsideFor != ride.ID {
				t.Errorf("a run without heart rate inside the runner's ride: set aside %v for %d, want for the ride #%d", along.SetAside, along.SetAsideFor, ride.ID)
			}
			for n, a := range byName {
				if a != drive && a != along && a.SetAside {
					t.Errorf("%q set aside (for %d), want it counted", n, a.SetAsideFor)
				}
			}
			if len(st.NotRuns) != 2 {
				t.Fatalf("warnings %q, want 2", st.NotRuns)
			}
			for i, a := range []*rekindle.Activity{drive, along} {
				w := st.NotRuns[i]
				if !strings.Contains(w, "#"+strconv.FormatInt(a.ID, 10)) || !strings.Contains(w, "--restore") {
					t.Errorf("warning %q names not #%d or not the fix", w, a.ID)
				}
			}
			if !strings.Contains(st.NotRuns[0], "42.0 km/h") || !strings.Contains(st.NotRuns[0], "--sport cycling") {
				t.Errorf("warning %q: want the speed and the sport fix", st.NotRuns[0])
			}
			if !strings.Contains(st.NotRuns[1], "no heart rate") || !strings.Contains(st.NotRuns[1], "#"+strconv.FormatInt(ride.ID, 10)) {
				t.Errorf("warning %q: want the reason and the ride", st.NotRuns[1])
			}
			ath, _ := s.DefaultAthlete(ctx)
			analysed, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{})
			if err != nil || len(analysed) != 9 {
				t.Fatalf("analysed %d (%v), want 9", len(analysed), err)
			}
			// The runner says the drive was a ride, and counts the other.
			cyc := rekindle.SportCycling
			yes := true
			if err := s.EditActivity(ctx, ath.ID, drive.ID, store.ActivityEdit{Sport: &cyc}); err != nil {
				t.Fatal(err)
			}
			if err := s.EditActivity(ctx, ath.ID, along.ID, store.ActivityEdit{SetCount: true, Count: &yes}); err != nil {
				t.Fatal(err)
			}
			if _, _, err := ResolveOverlaps(ctx, s, ath.ID); err != nil {
				t.Fatal(err)
			}
			for _, a := range list(t, s) {
				if a.SetAside {
					t.Errorf("%q still set aside after the runner's fix", a.Name)
				}
			}
		})
	}
}

// The speed limit follows the records: a world-record run and anything
// slower counts, 15 % faster at any distance from 1500 m up does not.
func TestImpossibleRunThreshold(t *testing.T) {
	for _, r := range []struct{ m, s float64 }{{1500, 206.00}, {5000, 755.36}, {10000, 1571.00}, {21097.5, 3402}, {42195, 7235}} {
		if ImpossibleRun(rekindle.SportRunning, r.m, r.s) {
			t.Errorf("the world record over %.0f m (%.0f s) read as impossible", r.m, r.s)
		}
		if !ImpossibleRun(rekindle.SportRunning, r.m, r.s/1.16) {
			t.Errorf("16 %% faster than the record over %.0f m read as a run", r.m)
		}
		if ImpossibleRun(rekindle.SportCycling, r.m, r.s/2) {
			t.Errorf("a ride read by the run rule")
		}
	}
	// Between records the limit is continuous and falls with distance.
	prev := rekindle.WorldRecordSpeedMS(1500)
	for d := 1600.0; d <= 60000; d += 100 {
		v := rekindle.WorldRecordSpeedMS(d)
		if v > prev+1e-9 || v < prev-0.05 {
			t.Fatalf("limit at %.0f m is %.3f m/s after %.3f", d, v, prev)
		}
		prev = v
	}
}

// A run without heart rate inside a ride with it is set aside for the
// ride, in the rule itself, whatever the order; a run with heart rate in
// a ride is kept (TestOverlapAcrossSportsKeepsBoth).
func TestDecideOverlapsRidden(t *testing.T) {
	base := time.Date(2024, 9, 22, 7, 0, 0, 0, time.UTC).UnixMilli()
	items := []store.OverlapItem{
		{Candidate: store.Candidate{ID: 1, Sport: rekindle.SportRunning, StartMs: base, EndMs: base + 11015_000, DistanceM: 30500, Source: rekindle.Source{SHA256: "a"}}},
		{Candidate: store.Candidate{ID: 2, Sport: rekindle.SportCycling, StartMs: base + 16_000, EndMs: base + 2426_000, DistanceM: 10200, Source: rekindle.Source{SHA256: "a", Index: 1}}, AvgHR: 112},
	}
	got := decideOverlaps(items)
	if !got[0].SetAside || got[0].For != 2 || got[1].SetAside {
		t.Fatalf("%+v, want the run set aside for the ride", got)
	}
	items[0].AvgHR = 140
	if got := decideOverlaps(items); got[0].SetAside || got[1].SetAside {
		t.Fatalf("%+v, want both kept (the run has heart rate)", got)
	}
}
