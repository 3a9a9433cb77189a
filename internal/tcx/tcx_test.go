package tcx

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
	"rekindle/internal/trackbuild"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func testFiles(t testing.TB) []string {
	t.Helper()
	return testkit.Glob(t, "tcx/*.tcx")
}

type expActivity struct {
	Sport        string  `json:"sport"`
	ID           string  `json:"id"`
	Creator      string  `json:"creator"`
	Laps         int     `json:"laps"`
	SumTime      float64 `json:"sum_lap_TotalTimeSeconds"`
	SumDist      float64 `json:"sum_lap_DistanceMeters"`
	SumKcal      float64 `json:"sum_lap_Calories"`
	Trackpoints  int     `json:"trackpoints"`
	WithPosition int     `json:"trackpoints_with_position"`
	WithHR       int     `json:"trackpoints_with_hr"`
	WithDist     int     `json:"trackpoints_with_distance"`
	Tracks       int     `json:"tracks"`
	FirstTime    string  `json:"first_time"`
	LastTime     string  `json:"last_time"`
	LastDist     float64 `json:"last_trackpoint_DistanceMeters"`
	HasPower     bool    `json:"has_power_ext"`
	HasRunCad    bool    `json:"has_run_cadence_ext"`
}

func loadExpected(t *testing.T) map[string][]expActivity {
	t.Helper()
	raw, err := os.ReadFile(testkit.Activities(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	out := make(map[string][]expActivity)
	for k, v := range all {
		if !strings.HasPrefix(k, "tcx/") {
			continue
		}
		var e struct {
			Computed struct {
				Activities []expActivity `json:"activities"`
			} `json:"computed"`
		}
		if err := json.Unmarshal(v, &e); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = e.Computed.Activities
	}
	return out
}

func decodeFile(t testing.TB, path string) ([]*rekindle.Activity, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Decode(f)
}

func mustTime(t *testing.T, s string) time.Time {
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func countOK64(c []float64) int {
	n := 0
	for _, v := range c {
		if !math.IsNaN(v) {
			n++
		}
	}
	return n
}

func countOK32(c []float32) int {
	n := 0
	for _, v := range c {
		if v == v {
			n++
		}
	}
	return n
}

func TestRealFiles(t *testing.T) {
	exp := loadExpected(t)
	for _, path := range testFiles(t) {
		name := "tcx/" + filepath.Base(path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			want, ok := exp[name]
			if !ok {
				t.Fatalf("%s not in expected.json", name)
			}
			acts, err := decodeFile(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if len(acts) != len(want) {
				t.Fatalf("%d activities, want %d", len(acts), len(want))
			}
			for i, e := range want {
				a := acts[i]
				tr := &a.Track
				if err := tr.Validate(); err != nil {
					t.Fatal(err)
				}
				if a.Source.Index != i || a.Source.Format != rekindle.FormatTCX {
					t.Errorf("source %+v", a.Source)
				}
				// The file's Sport attribute, in the sub_sport vocabulary.
				if a.Sport != SportOf(e.Sport) || a.SubSport != rekindle.SubSportName(e.Sport) || a.Device != e.Creator {
					t.Errorf("sport %q/%q device %q, want %q %q", a.Sport, a.SubSport, a.Device, e.Sport, e.Creator)
				}
				if !a.Start.Equal(mustTime(t, e.ID)) || a.Start.Location() != time.UTC {
					t.Errorf("start %s, want %s", a.Start, e.ID)
				}
				if len(a.Laps) != e.Laps {
					t.Errorf("laps %d, want %d", len(a.Laps), e.Laps)
				}
				near := func(what string, got, want float64) {
					if math.Abs(got-want) > 1e-6*math.Max(1, want) {
						t.Errorf("%s = %.6f, want %.6f", what, got, want)
					}
				}
				near("totals timer", a.Totals.TimerS, e.SumTime)
				near("totals distance", a.Totals.DistanceM, e.SumDist)
				near("totals calories", a.Totals.Calories, e.SumKcal)
				if tr.Len() != e.Trackpoints {
					t.Errorf("samples %d, want %d", tr.Len(), e.Trackpoints)
				}
				if got := countOK64(tr.Lat); got != e.WithPosition {
					t.Errorf("with position %d, want %d", got, e.WithPosition)
				}
				if e.WithPosition == 0 && tr.Lat != nil {
					t.Errorf("position channel present without positions")
				}
				if got := countOK32(tr.HR); got != e.WithHR {
					t.Errorf("with HR %d, want %d", got, e.WithHR)
				}
				if got := countOK64(tr.Dist); got != e.WithDist {
					t.Errorf("with distance %d, want %d", got, e.WithDist)
				}
				n := tr.Len()
				if !time.UnixMilli(tr.Time[0]).Equal(mustTime(t, e.FirstTime)) || !time.UnixMilli(tr.Time[n-1]).Equal(mustTime(t, e.LastTime)) {
					t.Errorf("times %d..%d, want %s..%s", tr.Time[0], tr.Time[n-1], e.FirstTime, e.LastTime)
				}
				near("last distance", tr.Dist[n-1], e.LastDist)
				if e.HasPower != (tr.Power != nil) {
					t.Errorf("power channel %v, want %v", tr.Power != nil, e.HasPower)
				}
				if len(tr.Breaks) != e.Tracks-e.Laps {
					t.Errorf("breaks %v, want %d (tracks beyond one per lap)", tr.Breaks, e.Tracks-e.Laps)
				}
				// Laps cover the samples in order, without gaps.
				next := 0
				for j, l := range a.Laps {
					if l.First == -1 {
						continue
					}
					if l.First != next || l.Last < l.First {
						t.Errorf("lap %d covers [%d,%d], want to start at %d", j, l.First, l.Last, next)
					}
					next = l.Last + 1
				}
				if next != n {
					t.Errorf("laps cover %d of %d samples", next, n)
				}
			}
		})
	}
}

func TestDeviceValues(t *testing.T) {
	testFiles(t)
	// dblock/tcx asserts these for the first activity.
	acts, err := decodeFile(t, testkit.Activities(t, "tcx", "multiple_running_activities.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	l := a.Laps[0]
	if l.TimerS != 201 || l.DistanceM != 1000 || l.Calories != 66 || l.AvgHR != 167 || l.MaxHR != 179 || l.Trigger != "manual" || l.Intensity != "active" {
		t.Errorf("first lap %+v", l)
	}
	if a.Totals.MaxHR != 181 || math.Abs(a.Totals.MaxSpeedMS-6.247000217437744) > 1e-9 || a.Sport != rekindle.SportRunning {
		t.Errorf("totals %+v sport %q", a.Totals, a.Sport)
	}
	if a.Track.Ele[0] != 279 || a.Track.HR[0] != 113 || a.Track.Lat[0] != 46.09344659373164 {
		t.Errorf("first point ele %v hr %v lat %v", a.Track.Ele[0], a.Track.HR[0], a.Track.Lat[0])
	}
	if end := a.Start.Add(time.Duration(a.Totals.ElapsedS * float64(time.Second))); !end.Equal(time.Date(2014, 12, 26, 10, 55, 10, 0, time.UTC)) {
		t.Errorf("end %s", end)
	}

	// python-tcxparser: HR 60..189, first 62, last 180, notes "Aerobics".
	acts, err = decodeFile(t, testkit.Activities(t, "tcx", "test.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	a = acts[0]
	hr := a.Track.HR
	var lo, hi float32 = 1000, 0
	first, last := float32(-1), float32(-1)
	for _, v := range hr {
		if v == v {
			lo, hi = min(lo, v), max(hi, v)
			if first < 0 {
				first = v
			}
			last = v
		}
	}
	if lo != 60 || hi != 189 || first != 62 || last != 180 || a.Description != "Aerobics" {
		t.Errorf("hr %v..%v first %v last %v notes %q", lo, hi, first, last, a.Description)
	}
	if math.Abs(a.Totals.TimerS-1992.78) > 1e-9 {
		t.Errorf("timer %v", a.Totals.TimerS)
	}

	// Treadmill: running cadence in steps per minute, no positions, power absent.
	acts, err = decodeFile(t, testkit.Activities(t, "tcx", "treadmill_1.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	a = acts[0]
	if a.Track.HasPosition() || a.Laps[0].AvgCadence != 148 || a.Track.Cadence == nil {
		t.Errorf("treadmill: position %v lap cadence %v", a.Track.HasPosition(), a.Laps[0].AvgCadence)
	}
	var cad []float32
	for _, c := range a.Track.Cadence {
		if c > 0 {
			cad = append(cad, c)
		}
	}
	if len(cad) == 0 || cad[len(cad)/2] < 120 {
		t.Errorf("running cadence should read as steps per minute: %v", cad)
	}

	// Edge 1000 ride: power from the TPX Watts, cadence as rpm.
	acts, err = decodeFile(t, testkit.Activities(t, "tcx", "activity_5039744860.tcx"))
	if err != nil {
		t.Fatal(err)
	}
	a = acts[0]
	if a.Sport != rekindle.SportCycling || a.Track.Power == nil || a.Track.Speed == nil {
		t.Errorf("ride: sport %q channels %v", a.Sport, a.Track.Channels())
	}
}

func TestGolden(t *testing.T) {
	for _, path := range testFiles(t) {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			acts, err := decodeFile(t, path)
			var got strings.Builder
			if err != nil {
				fmt.Fprintf(&got, "error: %v\n", err)
			}
			for _, a := range acts {
				got.WriteString(trackbuild.Describe(a))
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(base, ".tcx")+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got.String() != string(want) {
				t.Errorf("summary differs from %s (go test -update to accept):\n--- got\n%s--- want\n%s", golden, got.String(), want)
			}
		})
	}
}

func TestCases(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">`
	tp := func(tm string, extra string) string {
		return `<Trackpoint><Time>` + tm + `</Time>` + extra + `</Trackpoint>`
	}
	tests := []struct {
		name    string
		in      string
		wantErr error
		check   func(t *testing.T, acts []*rekindle.Activity)
	}{
		{"empty", "", rekindle.ErrNotActivity, nil},
		{"garbage", "\x00\x01garbage<<<", rekindle.ErrCorrupt, nil},
		{"gpx is not tcx", `<gpx version="1.1"></gpx>`, rekindle.ErrNotActivity, nil},
		{"courses only", head + `<Courses><Course><Name>x</Name><Track>` + tp("2020-01-01T00:00:00Z", "") + `</Track></Course></Courses></TrainingCenterDatabase>`, rekindle.ErrNotActivity, nil},
		{"pause inside a lap", head + `<Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>20</TotalTimeSeconds>` +
			`<Track>` + tp("2020-01-01T00:00:00Z", "") + tp("2020-01-01T00:00:05Z", "") + `</Track><Track>` + tp("2020-01-01T00:01:00Z", "") + `</Track></Lap></Activity></Activities></TrainingCenterDatabase>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				a := acts[0]
				if fmt.Sprint(a.Track.Breaks) != "[2]" || a.Totals.ElapsedS != 60 || a.Laps[0].First != 0 || a.Laps[0].Last != 2 {
					t.Errorf("breaks %v elapsed %v lap %+v", a.Track.Breaks, a.Totals.ElapsedS, a.Laps[0])
				}
			}},
		{"truncated", head + `<Activities><Activity Sport="Biking"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z"><Track>` +
			tp("2020-01-01T00:00:00Z", `<Cadence>80</Cadence>`) + tp("2020-01-01T00:00:01Z", `<Extensions><ns3:TPX><ns3:Watts>200</ns3:Watts></ns3:TPX></Extensions>`) + `<Trackpoint><Time>2020-01`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				a := acts[0]
				if a.Track.Len() < 2 || len(a.Warnings) == 0 || a.Track.Cadence[0] != 80 || a.Track.Power[1] != 200 {
					t.Errorf("len %d warnings %v cad %v power %v", a.Track.Len(), a.Warnings, a.Track.Cadence, a.Track.Power)
				}
			}},
		{"multisport", head + `<Activities><MultiSportSession><Id>2020-01-01T00:00:00Z</Id>` +
			`<FirstSport><Activity Sport="Biking"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds><Track>` + tp("2020-01-01T00:00:00Z", "") + `</Track></Lap></Activity></FirstSport>` +
			`<NextSport><Transition StartTime="2020-01-01T00:01:00Z"><TotalTimeSeconds>30</TotalTimeSeconds></Transition>` +
			`<Activity Sport="Running"><Id>2020-01-01T00:01:30Z</Id><Lap StartTime="2020-01-01T00:01:30Z"><TotalTimeSeconds>60</TotalTimeSeconds><Track>` + tp("2020-01-01T00:01:30Z", "") + `</Track></Lap></Activity></NextSport>` +
			`</MultiSportSession></Activities></TrainingCenterDatabase>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if len(acts) != 2 || acts[0].Multisport == "" || acts[0].Multisport != acts[1].Multisport || acts[1].MultisportLeg != 2 || acts[1].Sport != rekindle.SportRunning {
					t.Errorf("legs %+v", acts)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acts, err := Decode(strings.NewReader(tc.in))
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range acts {
				if err := a.Track.Validate(); err != nil {
					t.Fatal(err)
				}
			}
			if tc.check != nil {
				tc.check(t, acts)
			}
		})
	}
}
