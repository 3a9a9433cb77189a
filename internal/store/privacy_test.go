package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/privacy"
)

func TestPrivacy(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			home := privacy.Zone{Name: " home ", Lat: 52.52, Lon: 13.405, RadiusM: 400}
			if err := s.AddPrivacyZone(ctx, a, &home, now); err != nil {
				t.Fatal(err)
			}
			work := privacy.Zone{Name: "work", Lat: 52.5, Lon: 13.3, RadiusM: 200}
			if err := s.AddPrivacyZone(ctx, a, &work, now); err != nil {
				t.Fatal(err)
			}
			if err := s.AddPrivacyZone(ctx, a, &privacy.Zone{Name: "x", Lat: 1, Lon: 1, RadiusM: 5000}, now); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("5 km zone: %v", err)
			}
			zs, err := s.PrivacyZones(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(zs) != 2 || zs[0] != (privacy.Zone{ID: home.ID, Name: "home", Lat: 52.52, Lon: 13.405, RadiusM: 400}) || zs[1].ID != work.ID {
				t.Errorf("zones %+v", zs)
			}
			if zb, _ := s.PrivacyZones(ctx, b); len(zb) != 0 {
				t.Errorf("b sees a's zones: %+v", zb)
			}
			if err := s.DeletePrivacyZone(ctx, b, home.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("b deletes a's zone: %v", err)
			}
			if err := s.DeletePrivacyZone(ctx, a, home.ID); err != nil {
				t.Fatal(err)
			}
			if zs, _ := s.PrivacyZones(ctx, a); len(zs) != 1 || zs[0].Name != "work" {
				t.Errorf("after delete %+v", zs)
			}

			ids := addRuns(t, s, a, now, 3, 5, "")
			for range 2 { // twice: idempotent
				if err := s.SetActivityPrivate(ctx, a, ids[1], true, now); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.SetActivityPrivate(ctx, b, ids[0], true, now); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("b marks a's run: %v", err)
			}
			p, err := s.PrivateActivities(ctx, a)
			if err != nil || len(p) != 1 || !p[ids[1]] {
				t.Errorf("private %v %v", p, err)
			}
			if err := s.SetActivityPrivate(ctx, a, ids[1], false, now); err != nil {
				t.Fatal(err)
			}
			if err := s.SetActivityPrivate(ctx, a, ids[2], true, now); err != nil {
				t.Fatal(err)
			}
			if err := s.DeleteActivity(ctx, a, ids[2]); err != nil {
				t.Fatal(err)
			}
			if p, _ := s.PrivateActivities(ctx, a); len(p) != 0 {
				t.Errorf("private after unmark and delete: %v", p)
			}
		})
	}
}
