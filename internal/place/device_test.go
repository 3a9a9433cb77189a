package place

import (
	"testing"
	"time"
)

// weekly makes one activity a week, newest first, from the newest back,
// with the offset zone gives at each (or fixed when zone is "").
func weekly(t *testing.T, newest time.Time, n int, zone string, fixed int) []DeviceOffset {
	t.Helper()
	var loc *time.Location
	if zone != "" {
		var err error
		if loc, err = time.LoadLocation(zone); err != nil {
			t.Skip("no tzdata:", err)
		}
	}
	out := make([]DeviceOffset, n)
	for i := range out {
		at := newest.AddDate(0, 0, -7*i)
		off := fixed
		if loc != nil {
			_, off = at.In(loc).Zone()
		}
		out[i] = DeviceOffset{At: at, OffsetS: off}
	}
	return out
}

func TestZoneFromOffsets(t *testing.T) {
	newest := time.Date(2025, 11, 30, 6, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		offs  []DeviceOffset
		zone  string
		fixed bool
		ok    bool
	}{
		{"China all year", weekly(t, newest, 40, "", 8*3600), "Etc/GMT-8", true, true},
		{"India, half an hour", weekly(t, newest, 40, "", 5*3600+1800), "Asia/Kolkata", true, true},
		{"Rome with summer time", weekly(t, newest, 52, "Europe/Rome", 0), "Europe/Paris", false, true},
		{"New York", weekly(t, newest, 52, "America/New_York", 0), "America/New_York", false, true},
		{"Sydney", weekly(t, newest, 52, "Australia/Sydney", 0), "Australia/Sydney", false, true},
		{"two files", weekly(t, newest, 2, "", 8*3600), "", false, false},
	}
	for _, c := range cases {
		z, ok := ZoneFromOffsets(c.offs)
		if ok != c.ok || z.Zone != c.zone || (ok && z.Fixed != c.fixed) {
			t.Errorf("%s: %q fixed %v ok %v, want %q fixed %v ok %v", c.name, z.Zone, z.Fixed, ok, c.zone, c.fixed, c.ok)
		}
	}
	// Seoul with a third of the activities on trips to New York: no zone
	// gives the device's offset at 80% of them.
	mixed := weekly(t, newest, 30, "", 9*3600)
	for i := 0; i < len(mixed); i += 3 {
		mixed[i].OffsetS = -5 * 3600
	}
	if z, ok := ZoneFromOffsets(mixed); ok {
		t.Errorf("two homes: %q, want none", z.Zone)
	}
	// Trips are outvoted: one in ten away still places the runner.
	mostly := weekly(t, newest, 30, "", 9*3600)
	for i := 0; i < len(mostly); i += 10 {
		mostly[i].OffsetS = -5 * 3600
	}
	if z, ok := ZoneFromOffsets(mostly); !ok || z.Zone != "Etc/GMT-9" || z.Agree != 27 || z.Of != 30 || z.Label() != "UTC+9 and UTC-5" {
		t.Errorf("home with trips: %+v %v, want Etc/GMT-9 on 27 of 30", z, ok)
	}
}

func TestRecentOffsetsAndZoneAgrees(t *testing.T) {
	newest := time.Date(2025, 11, 30, 6, 0, 0, 0, time.UTC)
	// A runner who moved from New York to Berlin a year ago: only Berlin counts.
	offs := append(weekly(t, newest, 53, "Europe/Berlin", 0), weekly(t, newest.AddDate(0, 0, -7*53), 60, "America/New_York", 0)...)
	rec := RecentOffsets(offs)
	if len(rec) != 53 {
		t.Fatalf("recent offsets %d, want the 53 within a year", len(rec))
	}
	if a := ZoneAgrees("Europe/Berlin", rec); a != 1 {
		t.Errorf("Berlin agrees on %.2f, want 1", a)
	}
	if a := ZoneAgrees("Europe/London", rec); a != 0 {
		t.Errorf("London agrees on %.2f, want 0", a)
	}
	if a := ZoneAgrees("Nowhere/Else", rec); a != 0 {
		t.Errorf("an unknown zone agrees on %.2f", a)
	}
}
