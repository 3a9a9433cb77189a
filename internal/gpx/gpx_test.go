package gpx

import (
	"bytes"
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
	return testkit.Glob(t, "gpx/*.gpx")
}

// expected holds the parts of expected.json these tests use.
type expected struct {
	Computed struct {
		Creator     *string  `json:"creator"`
		TrackPoints int      `json:"track_points"`
		PointsTime  int      `json:"points_with_time"`
		PointsEle   int      `json:"points_with_ele"`
		Segments    int      `json:"segments"`
		Waypoints   int      `json:"waypoints"`
		HasHR       bool     `json:"has_gpxtpx_hr"`
		HasCad      bool     `json:"has_cad"`
		HasPower    bool     `json:"has_power"`
		TrackTypes  []string `json:"track_types"`
		Start       *string  `json:"start"`
		End         *string  `json:"end"`
		DurationS   *float64 `json:"duration_s"`
	} `json:"computed"`
}

func loadExpected(t *testing.T) map[string]expected {
	t.Helper()
	raw, err := os.ReadFile(testkit.Activities(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]expected)
	for k, v := range all {
		if !strings.HasPrefix(k, "gpx/") {
			continue
		}
		var e expected
		if err := json.Unmarshal(v, &e); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[k] = e
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

// pyTime parses gpxpy's "2010-08-05 14:23:59+00:00" style.
func pyTime(t *testing.T, s string) time.Time {
	for _, l := range []string{"2006-01-02 15:04:05.999999-07:00", "2006-01-02 15:04:05-07:00"} {
		if v, err := time.Parse(l, s); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

func TestRealFiles(t *testing.T) {
	exp := loadExpected(t)
	for _, path := range testFiles(t) {
		name := "gpx/" + filepath.Base(path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			e, ok := exp[name]
			if !ok {
				t.Fatalf("%s not in expected.json", name)
			}
			c := e.Computed
			acts, err := decodeFile(t, path)
			if c.TrackPoints == 0 && c.Waypoints > 0 {
				if !errors.Is(err, rekindle.ErrNotActivity) {
					t.Fatalf("waypoint-only file: err = %v, want ErrNotActivity", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Every track point is a sample, except OpenTracks pause markers.
			total, timed, ele, withPos := 0, 0, 0, 0
			for _, a := range acts {
				if err := a.Track.Validate(); err != nil {
					t.Fatal(err)
				}
				if a.Source.Format != rekindle.FormatGPX {
					t.Errorf("format %q", a.Source.Format)
				}
				if c.Creator != nil && a.Device != *c.Creator {
					t.Errorf("device %q, want %q", a.Device, *c.Creator)
				}
				n := a.Track.Len()
				total += n
				if a.Track.Time != nil {
					timed += n
				}
				for i := range n {
					if a.Track.Ele != nil && !math.IsNaN(float64(a.Track.Ele[i])) {
						ele++
					}
					if a.Track.HasPosition() && !math.IsNaN(a.Track.Lat[i]) {
						withPos++
					}
				}
			}
			markers := 0
			if strings.Contains(name, "pause_resume") {
				markers = 2
			}
			if total != c.TrackPoints-markers {
				t.Errorf("samples = %d, want %d", total, c.TrackPoints-markers)
			}
			if withPos != total {
				t.Errorf("samples with position = %d of %d", withPos, total)
			}
			if timed != c.PointsTime-markers {
				t.Errorf("timed samples = %d, want %d", timed, c.PointsTime-markers)
			}
			if ele != c.PointsEle {
				t.Errorf("samples with elevation = %d, want %d", ele, c.PointsEle)
			}
			a := acts[0]
			if c.Start != nil {
				want := pyTime(t, *c.Start)
				if !a.Start.Equal(want.Truncate(time.Millisecond)) {
					t.Errorf("start = %s, want %s", a.Start, want)
				}
				if a.Start.Location() != time.UTC {
					t.Errorf("start not in UTC: %s", a.Start.Location())
				}
			}
			if c.End != nil && a.Track.Time != nil {
				// gpxpy's end is the last point's time; its duration sums
				// segments, so compare it only for single-segment files.
				end := time.UnixMilli(a.Track.Time[len(a.Track.Time)-1])
				if want := pyTime(t, *c.End).Truncate(time.Millisecond); !end.Equal(want) {
					t.Errorf("end = %s, want %s", end, want)
				}
				if c.DurationS != nil && c.Segments == 1 && !strings.Contains(name, "Mojstrovka") {
					if got := end.Sub(a.Start).Seconds(); math.Abs(got-*c.DurationS) > 0.002 {
						t.Errorf("duration = %.3f s, want %.3f", got, *c.DurationS)
					}
				}
			}
			if c.HasHR != (a.Track.HR != nil) {
				t.Errorf("HR channel present = %v, want %v", a.Track.HR != nil, c.HasHR)
			}
			if c.HasCad != (a.Track.Cadence != nil) {
				t.Errorf("cadence channel present = %v, want %v", a.Track.Cadence != nil, c.HasCad)
			}
			if c.HasPower != (a.Track.Power != nil) {
				t.Errorf("power channel present = %v, want %v", a.Track.Power != nil, c.HasPower)
			}
			// The file's <type>, in the sub_sport vocabulary.
			if len(c.TrackTypes) > 0 && a.SubSport != rekindle.SubSportName(c.TrackTypes[0]) {
				t.Errorf("sub-sport %q, want %q (from %q)", a.SubSport, rekindle.SubSportName(c.TrackTypes[0]), c.TrackTypes[0])
			}
		})
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
			golden := filepath.Join("testdata", strings.TrimSuffix(base, ".gpx")+".golden")
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

func decodeString(t *testing.T, s string) ([]*rekindle.Activity, error) {
	t.Helper()
	return Decode(strings.NewReader(s))
}

func TestSameRideSameStart(t *testing.T) {
	testFiles(t)
	var starts []time.Time
	for _, f := range []string{"activity_4078723797.gpx", "4078723797_strava.gpx"} {
		acts, err := decodeFile(t, testkit.Activities(t, "gpx", f))
		if err != nil {
			t.Fatal(err)
		}
		if len(acts) != 1 {
			t.Fatalf("%s: %d activities", f, len(acts))
		}
		a := acts[0]
		starts = append(starts, a.Start)
		if a.Sport != rekindle.SportCycling {
			t.Errorf("%s: sport %q", f, a.Sport)
		}
		if a.Track.Len() != 8357 || a.Track.Temp == nil || a.Track.HR == nil {
			t.Errorf("%s: %d samples, channels %v", f, a.Track.Len(), a.Track.Channels())
		}
	}
	// The device's FIT file of the same ride (expected.json, fitdecode).
	want := fitStart(t, "fit/4078723797.fit")
	if !want.Equal(time.Date(2019, 9, 20, 14, 10, 3, 0, time.UTC)) {
		t.Errorf("FIT session start %s", want)
	}
	for _, s := range starts {
		if !s.Equal(want) {
			t.Errorf("start %s, want %s", s, want)
		}
	}
}

// fitStart reads a FIT file's first session start from expected.json.
func fitStart(t *testing.T, name string) time.Time {
	t.Helper()
	raw, err := os.ReadFile(testkit.Activities(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(raw, &all); err != nil {
		t.Fatal(err)
	}
	var e struct {
		Computed struct {
			Sessions []struct {
				StartTime string `json:"start_time"`
			} `json:"sessions"`
		} `json:"computed"`
	}
	if err := json.Unmarshal(all[name], &e); err != nil || len(e.Computed.Sessions) == 0 {
		t.Fatalf("%s: no session in expected.json", name)
	}
	return pyTime(t, e.Computed.Sessions[0].StartTime)
}

func TestShortRideMatchesFIT(t *testing.T) {
	testFiles(t)
	acts, err := decodeFile(t, testkit.Activities(t, "gpx", "activity_5039744860.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	if want := fitStart(t, "fit/2020-06-01-16-52-40.fit"); !acts[0].Start.Equal(want) {
		t.Errorf("start %s, FIT session start %s", acts[0].Start, want)
	}
}

func TestOpenTracksPauses(t *testing.T) {
	testFiles(t)
	acts, err := decodeFile(t, testkit.Activities(t, "gpx", "legacy_gpx_pause_resume.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	tr := acts[0].Track
	if tr.Len() != 4 || len(tr.Breaks) != 1 || tr.Breaks[0] != 3 {
		t.Fatalf("len %d breaks %v, want 4 samples and a break at 3", tr.Len(), tr.Breaks)
	}
	for _, lat := range tr.Lat {
		if lat != 3 {
			t.Errorf("marker kept as a sample: lat %v", lat)
		}
	}
	// Segments are pauses too, and a wrong namespace URI does not hide the
	// TrackPointExtension.
	acts, err = decodeFile(t, testkit.Activities(t, "gpx", "legacy_gpx_trackpointextensions_incorrect.gpx"))
	if err != nil {
		t.Fatal(err)
	}
	tr = acts[0].Track
	if fmt.Sprint(tr.Breaks) != "[2 3]" {
		t.Errorf("breaks %v, want [2 3]", tr.Breaks)
	}
	if tr.HR[1] != 69 || tr.Power[1] != 50 || tr.Speed[0] != 15 || !math.IsNaN(float64(tr.HR[0])) {
		t.Errorf("extensions: hr %v power %v speed %v", tr.HR, tr.Power, tr.Speed)
	}
	if acts[0].Sport != rekindle.SportCycling || acts[0].Totals.TimerS != 56 {
		t.Errorf("sport %q totals %+v", acts[0].Sport, acts[0].Totals)
	}
}

func TestCases(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">`
	pt := func(lat, lon, tm string, extra string) string {
		return fmt.Sprintf(`<trkpt lat="%s" lon="%s"><ele>10</ele><time>%s</time>%s</trkpt>`, lat, lon, tm, extra)
	}
	tests := []struct {
		name    string
		in      string
		wantErr error
		check   func(t *testing.T, acts []*rekindle.Activity)
	}{
		{"empty", "", rekindle.ErrNotActivity, nil},
		{"whitespace", "  \n ", rekindle.ErrNotActivity, nil},
		{"garbage", "\x00\x01\x02garbage<<<>>>", rekindle.ErrCorrupt, nil},
		{"not gpx", `<?xml version="1.0"?><kml><Document/></kml>`, rekindle.ErrNotActivity, nil},
		{"no points", head + `<trk><trkseg></trkseg></trk></gpx>`, rekindle.ErrNotActivity, nil},
		{"route only", head + `<rte><name>R</name><rtept lat="1" lon="2"/><rtept lat="1.001" lon="2"/></rte></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				a := acts[0]
				if a.Track.Len() != 2 || a.Track.Time != nil || a.Name != "R" {
					t.Errorf("route: len %d time %v name %q", a.Track.Len(), a.Track.Time, a.Name)
				}
			}},
		{"route ignored when track", head + `<rte><rtept lat="1" lon="2"/></rte><trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if len(acts) != 1 || acts[0].Track.Len() != 1 {
					t.Errorf("got %d activities", len(acts))
				}
			}},
		{"offsets and fractions", head + `<trk><type>Run</type><trkseg>` +
			pt("1", "2", "2020-01-01T01:00:00.5+01:00", "") + pt("1", "2", "2020-01-01T00:00:01.250Z", "") + pt("1", "2", "2019-12-31T19:30:02-04:30", "") +
			`</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				a := acts[0]
				if a.Sport != rekindle.SportRunning {
					t.Errorf("sport %q", a.Sport)
				}
				base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
				want := []int64{base + 500, base + 1250, base + 2000}
				if fmt.Sprint(a.Track.Time) != fmt.Sprint(want) {
					t.Errorf("times %v, want %v", a.Track.Time, want)
				}
			}},
		{"missing time interpolated", head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") +
			`<trkpt lat="1" lon="2"/>` + pt("1", "2", "2020-01-01T00:00:10Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				tm := acts[0].Track.Time
				if tm[1]-tm[0] != 5000 || len(acts[0].Warnings) == 0 {
					t.Errorf("times %v warnings %v", tm, acts[0].Warnings)
				}
			}},
		{"truncated", head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + pt("1", "2", "2020-01-01T00:00:01Z", "") + `<trkpt lat="1" lon="2"><ele>1`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				a := acts[0]
				if a.Track.Len() < 2 || len(a.Warnings) == 0 || !strings.Contains(strings.Join(a.Warnings, ";"), "byte") {
					t.Errorf("len %d warnings %v", a.Track.Len(), a.Warnings)
				}
			}},
		{"syntax error midway", head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `<trkpt lat="1" lon="2"><<<</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if len(acts[0].Warnings) == 0 {
					t.Errorf("no warning")
				}
			}},
		{"running cadence doubled", head + `<trk><type>running</type><trkseg>` +
			pt("1", "2", "2020-01-01T00:00:00Z", `<extensions><gpxtpx:TrackPointExtension><gpxtpx:cad>85</gpxtpx:cad><gpxtpx:hr>150</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions>`) +
			`</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if acts[0].Track.Cadence[0] != 170 || acts[0].Track.HR[0] != 150 {
					t.Errorf("cadence %v hr %v", acts[0].Track.Cadence, acts[0].Track.HR)
				}
			}},
		{"untimed track kept apart", head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk><trk><trkseg><trkpt lat="1" lon="2"/></trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if len(acts) != 2 || acts[1].Track.Time != nil || acts[1].Source.Index != 1 {
					t.Errorf("got %d activities", len(acts))
				}
			}},
		{"outings on two days split", head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T08:00:00Z", "") + pt("1", "2", "2020-01-01T09:00:00Z", "") + `</trkseg></trk>` +
			`<trk><trkseg>` + pt("1", "2", "2020-01-01T10:30:00Z", "") + `</trkseg></trk><trk><trkseg>` + pt("1", "2", "2020-01-02T08:00:00Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if len(acts) != 2 || acts[0].Track.Len() != 3 || fmt.Sprint(acts[0].Track.Breaks) != "[2]" || acts[1].Track.Len() != 1 || acts[1].Source.Index != 1 {
					t.Errorf("got %d activities", len(acts))
				}
			}},
		{"iso-8859-1", `<?xml version="1.0" encoding="ISO-8859-1"?><gpx><trk><name>Caf` + "\xe9" + ` run</name><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if acts[0].Name != "Café run" {
					t.Errorf("name %q", acts[0].Name)
				}
			}},
		{"windows-1252", `<?xml version="1.0" encoding="windows-1252"?><gpx><trk><name>` + "\x93quoted\x94 \x80" + `</name><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if acts[0].Name != "“quoted” €" {
					t.Errorf("name %q", acts[0].Name)
				}
			}},
		{"utf-16 with BOM", utf16le(`<?xml version="1.0" encoding="UTF-16"?><gpx><trk><name>Zürich</name><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`), nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if acts[0].Name != "Zürich" || acts[0].Track.Len() != 1 {
					t.Errorf("name %q", acts[0].Name)
				}
			}},
		{"leading whitespace and BOM", "\xef\xbb\xbf\n  " + head + `<trk><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`, nil, nil},
		{"bare ampersand", head + `<trk><name>Run & Fun</name><trkseg>` + pt("1", "2", "2020-01-01T00:00:00Z", "") + `</trkseg></trk></gpx>`, nil,
			func(t *testing.T, acts []*rekindle.Activity) {
				if acts[0].Name != "Run & Fun" {
					t.Errorf("name %q", acts[0].Name)
				}
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acts, err := decodeString(t, tc.in)
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

func utf16le(s string) string {
	var b bytes.Buffer
	b.WriteString("\xff\xfe")
	for _, r := range s {
		if r > 0xffff {
			panic("test helper handles the BMP only")
		}
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}
