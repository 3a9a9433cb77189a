package place

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestZoneOffsetsTable checks zoneoffsets.go against the tz database this
// machine has: every offset a listed zone gives in the table's span is
// listed (mayAgree is then a true upper bound), and every zone
// ZoneFromOffsets tries is listed. It fails when the tz database gained an
// offset for a past instant: run gen_zoneoffsets.go again.
func TestZoneOffsetsTable(t *testing.T) {
	if _, err := time.LoadLocation("Europe/London"); err != nil {
		t.Skip("no tzdata:", err)
	}
	from, until := time.Unix(zoneOffsetsFrom, 0), time.Unix(zoneOffsetsUntil, 0)
	for name := range zoneCountry {
		if _, ok := zoneOffsets[name]; !ok {
			t.Errorf("%s: not in zoneOffsets", name)
		}
	}
	for _, name := range seasonalZones {
		if _, ok := zoneOffsets[name]; !ok {
			t.Errorf("%s: not in zoneOffsets", name)
		}
	}
	for name, known := range zoneOffsets {
		loc, err := time.LoadLocation(name)
		if err != nil {
			continue // mayAgree is not asked about a zone that does not load: ZoneAgrees gives 0
		}
		for t0 := from; t0.Before(until); {
			_, off := t0.In(loc).Zone()
			if !slices.Contains(known, int32(off)) {
				t.Errorf("%s gives %d at %s, not in zoneOffsets %v", name, off, t0, known)
				break
			}
			_, end := t0.In(loc).ZoneBounds()
			if end.IsZero() || !end.After(t0) {
				break
			}
			t0 = end
		}
	}
}

// TestZoneFromOffsetsSkips checks that leaving out the zones mayAgree rules
// out changes nothing: the same zone, share and outcome as trying every
// zone, for runners of many zones, mixed with trips and with instants
// outside the table's span.
func TestZoneFromOffsetsSkips(t *testing.T) {
	if _, err := time.LoadLocation("Europe/London"); err != nil {
		t.Skip("no tzdata:", err)
	}
	rng := rand.New(rand.NewPCG(16, 20))
	// Each case reads up to every zone's tz file the slow way: a few
	// zones of each kind (seasonal, fixed, half-hour, changed offsets).
	zones := []string{"Europe/Paris", "America/New_York", "Australia/Sydney", "America/Santiago", "Antarctica/Troll",
		"Asia/Almaty", "Asia/Kolkata", "Africa/Casablanca", "Pacific/Chatham", "Australia/Lord_Howe"}
	newests := []time.Time{
		time.Date(2025, 11, 30, 6, 0, 0, 0, time.UTC),
		time.Unix(zoneOffsetsUntil, 0).AddDate(0, 3, 0), // partly past the table
		time.Date(1970, 3, 1, 0, 0, 0, 0, time.UTC),     // partly before it
	}
	tried := 0
	for _, zone := range zones {
		for _, newest := range newests {
			for _, mix := range []int{0, 3} {
				offs := weekly(t, newest, 20+rng.IntN(40), zone, 0)
				for range mix * len(offs) / 10 { // trips: another zone's offset
					offs[rng.IntN(len(offs))].OffsetS = (rng.IntN(29) - 12) * 3600
				}
				want, wantOK := zoneFromOffsets(offs, false)
				got, gotOK := zoneFromOffsets(offs, true)
				if gotOK != wantOK || got.Zone != want.Zone || got.Agree != want.Agree || got.Fixed != want.Fixed || got.Of != want.Of {
					t.Errorf("%s newest %s mix %d: %+v %v, trying every zone %+v %v", zone, newest, mix, got, gotOK, want, wantOK)
				}
				tried++
			}
		}
	}
	if tried == 0 {
		t.Fatal("no case")
	}
}

// BenchmarkZoneFromOffsets finds the zone of offsets no common zone gives
// (UTC in winter, UTC+2 in summer: Antarctica/Troll, as the ingest
// benchmark's mixed files give), with and without the zones mayAgree rules
// out:
//
//	go test ./internal/place -run XXX -bench ZoneFromOffsets
func BenchmarkZoneFromOffsets(b *testing.B) {
	loc, err := time.LoadLocation("Antarctica/Troll")
	if err != nil {
		b.Skip("no tzdata:", err)
	}
	newest := time.Date(2025, 11, 30, 6, 0, 0, 0, time.UTC)
	var offs []DeviceOffset
	for i := range 30 {
		at := newest.AddDate(0, 0, -12*i)
		_, off := at.In(loc).Zone()
		offs = append(offs, DeviceOffset{At: at, OffsetS: off})
	}
	for _, skip := range []bool{true, false} {
		b.Run(map[bool]string{true: "skip", false: "every-zone"}[skip], func(b *testing.B) {
			for b.Loop() {
				if z, ok := zoneFromOffsets(offs, skip); !ok || z.Zone != "Antarctica/Troll" {
					b.Fatalf("%+v %v", z, ok)
				}
			}
		})
	}
}
