package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
)

func TestEditActivityAndBulkSport(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for i := range 3 {
				a := sampleActivity(day.AddDate(0, 0, i), 5)
				a.Sport, a.SportSource = rekindle.SportOther, rekindle.SportFromFile
				if err := s.SaveActivity(ctx, ath.ID, a); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			stamp0, _ := s.ActivityStamp(ctx, ath.ID)
			run, nm, yes := rekindle.SportRunning, "Track Tuesday", true
			if err := s.EditActivity(ctx, ath.ID, ids[0], ActivityEdit{Sport: &run, Name: &nm, SetRace: true, Race: &yes}); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetActivity(ctx, ath.ID, ids[0])
			if err != nil {
				t.Fatal(err)
			}
			if got.Sport != run || got.SportSource != rekindle.SportByUser || got.Name != nm || got.RaceOverride == nil || !*got.RaceOverride {
				t.Fatalf("edit not stored: sport %q/%q name %q race %v", got.Sport, got.SportSource, got.Name, got.RaceOverride)
			}
			if stamp1, _ := s.ActivityStamp(ctx, ath.ID); stamp1 == stamp0 {
				t.Fatalf("activity stamp %q did not change after an edit", stamp1)
			}
			// Clearing the override; unknown id is not found.
			if err := s.EditActivity(ctx, ath.ID, ids[0], ActivityEdit{SetRace: true}); err != nil {
				t.Fatal(err)
			}
			if got, _ := s.GetActivity(ctx, ath.ID, ids[0]); got.RaceOverride != nil {
				t.Fatalf("race override not cleared: %v", *got.RaceOverride)
			}
			if err := s.EditActivity(ctx, ath.ID, 9999, ActivityEdit{Name: &nm}); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("edit of a missing activity: %v", err)
			}
			// A richer record of the same session (reprocess, a FIT after a
			// GPX) keeps what the runner set.
			again := sampleActivity(day, 8)
			again.Sport, again.SportSource, again.Name = rekindle.SportCycling, rekindle.SportInferredSpeed, "from file"
			p, err := Prepare(again)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.WriteBatch(ctx, ath.ID, &Batch{Replace: []Replacement{{ID: ids[0], P: p}}}); err != nil {
				t.Fatal(err)
			}
			got, _ = s.GetActivity(ctx, ath.ID, ids[0])
			if got.Sport != run || got.SportSource != rekindle.SportByUser || got.Name != nm {
				t.Fatalf("replacement overwrote the runner's edit: %q/%q %q", got.Sport, got.SportSource, got.Name)
			}
			// Bulk: the two remaining "other" activities from the 2nd on.
			n, err := s.SetSportWhere(ctx, ath.ID, BulkSportFilter{Sport: rekindle.SportOther, From: day.AddDate(0, 0, 2)}, rekindle.SportRunning)
			if err != nil || n != 1 {
				t.Fatalf("bulk set sport: %d, %v; want 1", n, err)
			}
			n, err = s.SetSportWhere(ctx, ath.ID, BulkSportFilter{Sport: rekindle.SportOther}, rekindle.SportRunning)
			if err != nil || n != 1 {
				t.Fatalf("bulk set sport: %d, %v; want 1", n, err)
			}
			runs, err := s.ListActivities(ctx, ath.ID, ActivityFilter{Sports: []rekindle.Sport{rekindle.SportRunning}, SportSource: rekindle.SportByUser})
			if err != nil || len(runs) != 3 {
				t.Fatalf("runs set by the user: %d, %v; want 3", len(runs), err)
			}
		})
	}
}

func TestCoursesAndAthleteCountry(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			ath.TimeZone, ath.TimeZoneSource, ath.Country = "Asia/Shanghai", "inferred", "CN"
			if err := s.UpdateAthlete(ctx, ath); err != nil {
				t.Fatal(err)
			}
			got, err := s.GetAthlete(ctx, ath.ID)
			if err != nil || got.Country != "CN" || got.TimeZoneSource != "inferred" || got.TimeZone != "Asia/Shanghai" {
				t.Fatalf("athlete: %+v, %v", got, err)
			}
			c := &Course{Name: "Harbour 10K", DistanceM: 10012, AscentM: 35, StartLat: 31.2, StartLon: 121.5,
				Points: rekindle.Track{Lat: []float64{31.2, 31.21, 31.22}, Lon: []float64{121.5, 121.51, 121.52}},
				Source: rekindle.Source{Format: rekindle.FormatGPX, File: "harbour.gpx", SHA256: "abc"}}
			if err := s.WriteBatch(ctx, ath.ID, &Batch{Courses: []*Course{c}}); err != nil {
				t.Fatal(err)
			}
			// The same file again keeps one course.
			dup := *c
			dup.ID = 0
			if err := s.WriteBatch(ctx, ath.ID, &Batch{Courses: []*Course{&dup}}); err != nil {
				t.Fatal(err)
			}
			list, err := s.ListCourses(ctx, ath.ID)
			if err != nil || len(list) != 1 || list[0].Name != "Harbour 10K" || list[0].DistanceM != 10012 {
				t.Fatalf("courses: %v, %v", list, err)
			}
			full, err := s.GetCourse(ctx, ath.ID, list[0].ID)
			if err != nil || full.Points.Len() != 3 || full.Points.Time != nil {
				t.Fatalf("course points: %+v, %v", full, err)
			}
			if err := s.DeleteCourse(ctx, ath.ID, full.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.GetCourse(ctx, ath.ID, full.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("deleted course: %v", err)
			}
		})
	}
}

// TestActivityPageHead: the activity page's one read says what
// ActivityHead and PrivateActivities say, and not found for another's or a
// missing activity.
func TestActivityPageHead(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2024, 5, 1, 6, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			a := sampleActivity(day, 5)
			a.Sport, a.SportSource = rekindle.SportOther, ""
			if err := s.SaveActivity(ctx, ath.ID, a); err != nil {
				t.Fatal(err)
			}
			check := func(wantSrc string, wantRace *bool, wantPrivate bool) {
				t.Helper()
				src, race, private, err := s.ActivityPageHead(ctx, ath.ID, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				hsrc, hrace, err := s.ActivityHead(ctx, ath.ID, a.ID)
				if err != nil {
					t.Fatal(err)
				}
				priv, err := s.PrivateActivities(ctx, ath.ID)
				if err != nil {
					t.Fatal(err)
				}
				if src != wantSrc || src != hsrc || (race == nil) != (wantRace == nil) || (race == nil) != (hrace == nil) ||
					(race != nil && (*race != *wantRace || *race != *hrace)) || private != wantPrivate || private != priv[a.ID] {
					t.Fatalf("page head %q %v %v, want %q %v %v (head %q %v, private %v)", src, race, private, wantSrc, wantRace, wantPrivate, hsrc, hrace, priv[a.ID])
				}
			}
			check(rekindle.SportFromFile, nil, false)
			run, no := rekindle.SportRunning, false
			if err := s.EditActivity(ctx, ath.ID, a.ID, ActivityEdit{Sport: &run, SetRace: true, Race: &no}); err != nil {
				t.Fatal(err)
			}
			if err := s.SetActivityPrivate(ctx, ath.ID, a.ID, true, day); err != nil {
				t.Fatal(err)
			}
			check(rekindle.SportByUser, &no, true)
			if err := s.SetActivityPrivate(ctx, ath.ID, a.ID, false, day); err != nil {
				t.Fatal(err)
			}
			check(rekindle.SportByUser, &no, false)
			if _, _, _, err := s.ActivityPageHead(ctx, ath.ID+1000, a.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("another athlete's activity: %v", err)
			}
			if _, _, _, err := s.ActivityPageHead(ctx, ath.ID, a.ID+1000); !errors.Is(err, rekindle.ErrNotFound) {
				t.Fatalf("a missing activity: %v", err)
			}
		})
	}
}
