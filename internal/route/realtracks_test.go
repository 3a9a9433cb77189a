package route

import (
	"io"
	"os"
	"testing"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

func decodeShared(t *testing.T, rel string, dec func(io.Reader) ([]*rekindle.Activity, error)) *rekindle.Activity {
	t.Helper()
	f, err := os.Open(testkit.Activities(t, rel))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	acts, err := dec(f)
	if err != nil || len(acts) == 0 {
		t.Fatalf("decode %s: %v", rel, err)
	}
	return acts[0]
}

// The same rides written by different tools (MANIFEST.md, cross-format
// groups) must fingerprint as the same route and land in one group.
func TestRealTracksSameRideGroups(t *testing.T) {
	sets := [][]*rekindle.Activity{
		{
			decodeShared(t, "fit/4078723797.fit", fit.Decode),
			decodeShared(t, "gpx/activity_4078723797.gpx", gpx.Decode),
			decodeShared(t, "gpx/4078723797_strava.gpx", gpx.Decode),
		},
		{
			decodeShared(t, "fit/2020-06-01-16-52-40.fit", fit.Decode),
			decodeShared(t, "gpx/activity_5039744860.gpx", gpx.Decode),
			decodeShared(t, "tcx/activity_5039744860.tcx", tcx.Decode),
		},
	}
	var runs []Run
	id := int64(1)
	for si, set := range sets {
		var fps []*Fingerprint
		for _, a := range set {
			fp := FingerprintActivity(a)
			fps = append(fps, &fp)
			runs = append(runs, Run{ID: id, Start: a.Start, FP: &fp})
			id++
		}
		for i := 1; i < len(fps); i++ {
			s := Similarity(fps[0], fps[i])
			t.Logf("set %d: file 0 vs %d: S=%.3f (%s, %.0f m vs %.0f m)", si, i, s, fps[i].Kind, fps[0].DistanceM, fps[i].DistanceM)
			if s < SameRoute {
				t.Errorf("set %d: same ride from two writers scores %.3f", si, s)
			}
		}
	}
	g, assign := Regroup(runs, nil, 1)
	if assign[1] != assign[2] || assign[1] != assign[3] || assign[4] != assign[5] || assign[4] != assign[6] || assign[1] == assign[4] {
		t.Errorf("assignment %v, groups %+v", assign, g.Groups())
	}
	// The two rides are different routes.
	if s := Similarity(runs[0].FP, runs[3].FP); s >= Variant {
		t.Errorf("different rides score %.3f", s)
	}
}
