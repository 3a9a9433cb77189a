package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// Three real fenix 5 files (a run, a walk, a ride) recorded at UTC−7: the
// offsets are stored, and the zone from their positions is taken because
// it gives the watch's own offset.
func TestImportRealFITKeepsDeviceOffset(t *testing.T) {
	var paths []string
	for _, f := range []string{"garmin-fenix-5-run.fit", "garmin-fenix-5-walk.fit", "garmin-fenix-5-bike.fit"} {
		paths = append(paths, testkit.Activities(t, "fit", f))
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, paths...)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != 3 {
				t.Fatalf("%d activities, want 3", len(acts))
			}
			for _, a := range acts {
				if a.UTCOffsetS == nil || *a.UTCOffsetS != -7*3600 {
					t.Errorf("%s: offset %v, want −7 h", a.Source.File, a.UTCOffsetS)
				}
			}
			if ath.TimeZone == "" || ath.TimeZoneSource == "" {
				t.Fatalf("no zone set (%q): %s", ath.TimeZone, st.Place)
			}
			if share := zoneShare(t, ath.TimeZone, acts); share != 1 {
				t.Errorf("zone %s (%s) gives the watch's offset on %.2f of the runs: %s", ath.TimeZone, ath.TimeZoneSource, share, st.Place)
			}
		})
	}
}

func zoneShare(t *testing.T, zone string, acts []*rekindle.Activity) float64 {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range acts {
		if _, off := a.Start.In(loc).Zone(); a.UTCOffsetS != nil && off == *a.UTCOffsetS {
			n++
		}
	}
	return float64(n) / float64(len(acts))
}

// A history without positions whose watch kept UTC+5:30 (a late-evening
// runner; some files say nothing): the devices' offset is taken before
// the start hours are looked at (they can only give whole hours), the
// summary says so, and a zone the runner set is never replaced.
func TestDeviceOffsetBeatsStartHours(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			india := time.FixedZone("IST", 5*3600+1800)
			hours := []int{18, 19, 20, 21, 22, 23, 6}
			var b store.Batch
			for d := range 60 {
				a := &rekindle.Activity{Start: time.Date(2025, 1, 1+d, hours[d%len(hours)], 15, 0, 0, india).UTC(),
					Sport: rekindle.SportRunning, Source: rekindle.Source{Format: rekindle.FormatFIT, File: "r.fit", SHA256: "sha" + time.Duration(d).String()},
					Totals: rekindle.Totals{DistanceM: 8000, ElapsedS: 2700}}
				if d%4 != 3 { // some files say nothing
					off := 5*3600 + 1800
					a.UTCOffsetS = &off
				}
				p, err := store.Prepare(a)
				if err != nil {
					t.Fatal(err)
				}
				b.New = append(b.New, p)
			}
			if err := s.WriteBatch(ctx, ath.ID, &b); err != nil {
				t.Fatal(err)
			}
			msg, err := InferPlace(ctx, s, ath.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.GetAthlete(ctx, ath.ID)
			if got.TimeZone != "Asia/Kolkata" || got.TimeZoneSource != TimeZoneFromDevice {
				t.Fatalf("zone %q (%s), want Asia/Kolkata from the device: %s", got.TimeZone, got.TimeZoneSource, msg)
			}
			if !strings.Contains(msg, "from the local time your device recorded: UTC+5:30 on 45 of 45 recent activities") {
				t.Errorf("summary: %q", msg)
			}
			got.TimeZone, got.TimeZoneSource = "Asia/Dubai", "user"
			if err := s.UpdateAthlete(ctx, got); err != nil {
				t.Fatal(err)
			}
			if msg, err := InferPlace(ctx, s, ath.ID); err != nil || msg != "" {
				t.Errorf("inference over a user zone: %q, %v", msg, err)
			}
			if a, _ := s.GetAthlete(ctx, ath.ID); a.TimeZone != "Asia/Dubai" {
				t.Errorf("user zone changed to %q", a.TimeZone)
			}
		})
	}
}
