package rekindle

import "testing"

func TestSubSportName(t *testing.T) {
	for raw, want := range map[string]string{
		"running": "", "Running": "", "run": "", "RUN": "", "9": "", "Biking": "", "Other": "", "generic": "", "": "",
		"trail_running": "trail", "Trail Running": "trail", "trail-run": "trail", "TrailRun": "trail", "trail": "trail",
		"treadmill": "treadmill", "treadmill_running": "treadmill", "VirtualRun": "virtual_activity", "17": "virtual_activity",
		"virtual_activity": "virtual_activity", "lap_swimming": "lap_swimming", "pool swimming": "lap_swimming",
		"MountainBikeRide": "mountain", "mountain_biking": "mountain", "GravelRide": "gravel_cycling", "EBikeRide": "e_bike_fitness",
		"indoor_cycling": "indoor_cycling", "spinning": "spin", "open_water_swimming": "open_water",
		"Kayaking": "kayaking", "  Stand-Up  Paddling ": "stand_up_paddling", "…": "",
	} {
		if got := SubSportName(raw); got != want {
			t.Errorf("SubSportName(%q) = %q, want %q", raw, got, want)
		}
	}
	long := SubSportName("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz")
	if len(long) > 40 {
		t.Errorf("SubSportName keeps %d bytes, want ≤ 40", len(long))
	}
	// Idempotent: a normalised name maps to itself.
	for _, s := range []string{"trail", "virtual_activity", "e_bike_fitness", "kayaking", "stand_up_paddling"} {
		if got := SubSportName(s); got != s {
			t.Errorf("SubSportName(%q) = %q, not idempotent", s, got)
		}
	}
}
