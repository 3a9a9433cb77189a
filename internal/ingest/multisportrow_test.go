package ingest

import (
	"strings"
	"testing"

	"rekindle"
)

// A history list's row whose sport is rekindle's own multisport key (a
// triathlon listed as one row, as rekindle's export writes it) keeps that
// sport: it was left to the speed rule, which read a half-distance
// triathlon of 114 km in 6:19 as a run (a triathlete's Garmin list looked
// at for held-out set 23b).
func TestHistoryCSVMultisportRow(t *testing.T) {
	const in = "date,sport,distance_km,duration,avg_hr,max_hr,ascent_m,name\n" +
		"2025-11-30 09:55:57,multisport,114.2,6:19:02,,165,928,Ironman 70.3\n" +
		"2025-12-06 09:58:37,running,8.51,0:45:12,150,177,102,Carrera\n" +
		"2025-12-07 10:00:00,transition,0.3,0:03:10,,,,T1\n"
	acts, warns, err := ReadHistoryCSV(strings.NewReader(in))
	if err != nil || len(warns) > 0 {
		t.Fatalf("err %v, warnings %v", err, warns)
	}
	want := []rekindle.Sport{rekindle.SportMultisport, rekindle.SportRunning, rekindle.SportTransition}
	if len(acts) != len(want) {
		t.Fatalf("%d activities, want %d", len(acts), len(want))
	}
	for i, a := range acts {
		if a.Sport != want[i] {
			t.Errorf("%s: sport %q, want %q", a.Name, a.Sport, want[i])
		}
	}
}
