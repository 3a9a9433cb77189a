package gpx

import (
	"bytes"
	"os"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// A converter's GPX of a session the app kept no points of (workouts_page:
// an empty <trkseg/>, the summary on the root's <extensions>) is the
// session with its distance, times and heart rate — not an empty one that
// nothing can tell is the watch's FIT of the same treadmill run.
func TestRootExtensionsSummary(t *testing.T) {
	data, err := os.ReadFile(testkit.Activities(t, "workouts-page", "workouts-page-treadmill-210855881.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Decode(bytes.NewReader(data))
	if err != nil || len(acts) != 1 {
		t.Fatalf("decode: %d activities, %v", len(acts), err)
	}
	a := acts[0]
	want := rekindle.Totals{DistanceM: 5080, ElapsedS: 2210.663, TimerS: 2022, AvgHR: 154}
	if a.Totals != want || a.Sport != rekindle.SportTreadmill || !a.Start.Equal(time.Date(2022, 9, 28, 11, 44, 0, 0, time.UTC)) {
		t.Fatalf("got %s at %v, totals %+v; want treadmill at 11:44:00Z, %+v", a.Sport, a.Start, a.Totals, want)
	}
	// No start time anywhere but the summary's: still dated.
	noMeta := bytes.Replace(data, []byte("<time>2022-09-28T11:44:00.000Z</time>"), nil, 1)
	acts, err = Decode(bytes.NewReader(noMeta))
	if err != nil || len(acts) != 1 || !acts[0].Start.Equal(time.Date(2022, 9, 28, 11, 44, 0, 0, time.UTC)) {
		t.Fatalf("no metadata time: %v %v", acts, err)
	}
	// Nonsense values are left out.
	bad := bytes.Replace(data, []byte("<distance>5080.0</distance>"), []byte("<distance>-3</distance>"), 1)
	if acts, err = Decode(bytes.NewReader(bad)); err != nil || acts[0].Totals.DistanceM != 0 {
		t.Fatalf("negative distance: %+v %v", acts[0].Totals, err)
	}
}
