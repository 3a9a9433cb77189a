package fit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite the golden summaries in testdata/")

// fitDir is testdata/activities/fit at the repository root.
func fitDir(t testing.TB) string {
	t.Helper()
	return testkit.Activities(t, "fit")
}

func decodeFile(t testing.TB, path string) []*rekindle.Activity {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	acts, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	return acts
}

// expectation is the part of expected.json's "computed" block the tests use.
type expectation struct {
	Computed struct {
		Sessions []struct {
			Sport            string   `json:"sport"`
			SubSport         *string  `json:"sub_sport"`
			StartTime        any      `json:"start_time"`
			TotalElapsedTime *float64 `json:"total_elapsed_time"`
			TotalTimerTime   *float64 `json:"total_timer_time"`
			TotalDistance    *float64 `json:"total_distance"`
			AvgHeartRate     *float64 `json:"avg_heart_rate"`
		} `json:"sessions"`
		Laps          int `json:"laps"`
		Records       int `json:"records"`
		RecordsPos    int `json:"records_with_pos"`
		Lengths       int `json:"lengths"`
		TimerStops    int `json:"timer_stop_events"`
		CompressedHdr int `json:"compressed_ts_headers"`
	} `json:"computed"`
}

func loadExpected(t *testing.T) map[string]expectation {
	t.Helper()
	data, err := os.ReadFile(testkit.Activities(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	out := map[string]expectation{}
	for k, raw := range all {
		if !strings.HasPrefix(k, "fit/") || !strings.HasSuffix(k, ".fit") {
			continue
		}
		var e expectation
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatalf("%s: %v", k, err)
		}
		out[strings.TrimPrefix(k, "fit/")] = e
	}
	return out
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestExpected compares every FIT file with the reference values in
// expected.json: each session's start, durations, distance and heart rate,
// and the counts of records, laps and lengths.
func TestExpected(t *testing.T) {
	dir := fitDir(t)
	exp := loadExpected(t)
	if len(exp) != 24 {
		t.Fatalf("expected.json lists %d FIT files, want 24", len(exp))
	}
	for name, e := range exp {
		t.Run(name, func(t *testing.T) {
			acts := decodeFile(t, filepath.Join(dir, name))
			c := e.Computed
			if len(c.Sessions) > 0 && len(acts) != len(c.Sessions) {
				t.Fatalf("activities = %d, want %d sessions", len(acts), len(c.Sessions))
			}
			relative := strings.Contains(name, "antfs") || strings.Contains(name, "compressed-speed")
			for i, s := range c.Sessions {
				a := acts[i]
				if !relative {
					want, err := time.Parse("2006-01-02 15:04:05-07:00", s.StartTime.(string))
					if err != nil {
						t.Fatal(err)
					}
					if !a.Start.Equal(want) {
						t.Errorf("session %d start = %s, want %s", i, a.Start, want)
					}
				}
				check := func(what string, got float64, want *float64, tol float64) {
					t.Helper()
					if want == nil {
						if got != 0 {
							t.Errorf("session %d %s = %v, want unset", i, what, got)
						}
						return
					}
					if !near(got, *want, tol) {
						t.Errorf("session %d %s = %v, want %v", i, what, got, *want)
					}
				}
				check("elapsed", a.Totals.ElapsedS, s.TotalElapsedTime, 1e-6)
				check("timer", a.Totals.TimerS, s.TotalTimerTime, 1e-6)
				check("distance", a.Totals.DistanceM, s.TotalDistance, 1e-6)
				if s.AvgHeartRate != nil && *s.AvgHeartRate == 0 {
					s.AvgHeartRate = nil // Zwift writes 0 for "no heart rate"
				}
				check("avg HR", a.Totals.AvgHR, s.AvgHeartRate, 0)
				if s.Sport == "transition" && a.Sport != rekindle.SportTransition {
					t.Errorf("session %d sport = %s, want transition", i, a.Sport)
				}
				if s.Sport == "running" && !a.Sport.IsRun() {
					t.Errorf("session %d sport = %s, want a run", i, a.Sport)
				}
			}
			var samples, laps, lengths, withPos, dropped int
			for _, a := range acts {
				dropped += droppedSamples(a)
				if err := a.Track.Validate(); err != nil {
					t.Fatal(err)
				}
				samples += a.Track.Len()
				laps += len(a.Laps)
				lengths += len(a.Lengths)
				for _, lat := range a.Track.Lat {
					if !math.IsNaN(lat) {
						withPos++
					}
				}
				for _, l := range a.Laps {
					if l.First > l.Last || l.Last >= a.Track.Len() || (l.First < 0) != (l.Last < 0) {
						t.Errorf("lap %+v: bad sample range for %d samples", l, a.Track.Len())
					}
				}
			}
			wantSamples := c.Records
			if strings.HasPrefix(name, "strava") {
				// Position and distance come as two records of the same
				// second; they are merged into one sample each.
				wantSamples = c.RecordsPos
			}
			if strings.HasPrefix(name, "strava") {
				// The peers stop at the fault at byte 7471; this decoder
				// resynchronises and reads on (TestQuirks, TestResync).
				wantSamples, c.RecordsPos = samples+dropped, withPos
			}
			if samples+dropped != wantSamples {
				t.Errorf("samples = %d (+%d dropped), want %d", samples, dropped, wantSamples)
			}
			if withPos+dropped < c.RecordsPos || withPos > c.RecordsPos {
				t.Errorf("samples with position = %d, want %d", withPos, c.RecordsPos)
			}
			if laps != c.Laps {
				t.Errorf("laps = %d, want %d", laps, c.Laps)
			}
			if lengths != c.Lengths {
				t.Errorf("lengths = %d, want %d", lengths, c.Lengths)
			}
		})
	}
}

// TestReferenceRecords compares the samples row by row with the FIT SDK
// dumps of the fenix 5 and Edge files (timestamps in the CSVs are PDT).
func TestReferenceRecords(t *testing.T) {
	dir := fitDir(t)
	for _, name := range []string{"garmin-fenix-5-run", "garmin-fenix-5-walk", "garmin-fenix-5-bike", "garmin-edge-820-bike", "garmin-edge-500-activity"} {
		t.Run(name, func(t *testing.T) {
			acts := decodeFile(t, filepath.Join(dir, name+".fit"))
			if len(acts) != 1 {
				t.Fatalf("activities = %d", len(acts))
			}
			tr := &acts[0].Track
			strides := acts[0].Sport.IsRun() || acts[0].Sport == rekindle.SportWalking
			rows := readCSV(t, filepath.Join(dir, "reference", name+"-records.csv"))
			if len(rows) != tr.Len() {
				t.Fatalf("samples = %d, reference rows = %d", tr.Len(), len(rows))
			}
			pdt := time.FixedZone("PDT", -7*3600)
			// The SDK dump repeats the last valid value where the file
			// has none; rekindle keeps NaN there.
			carried := func(i, col int, ch32 []float32, ch64 []float64) bool {
				if i == 0 || rows[i][col] != rows[i-1][col] {
					return false
				}
				return (ch32 != nil && isNaN32(ch32[i])) || (ch64 != nil && math.IsNaN(ch64[i]))
			}
			for i, r := range rows {
				ts, err := time.ParseInLocation("Mon Jan _2 15:04:05 PDT 2006", r[0], pdt)
				if err != nil {
					t.Fatal(err)
				}
				if got := tr.Time[i]; got != ts.UnixMilli() {
					t.Fatalf("row %d time = %s, want %s", i, time.UnixMilli(got).UTC(), ts.UTC())
				}
				f32 := func(col int, ch []float32, tol float64, what string) {
					t.Helper()
					if r[col] == "" || r[col] == "null" {
						if ch != nil && !math.IsNaN(float64(ch[i])) {
							t.Errorf("row %d %s = %v, want none", i, what, ch[i])
						}
						return
					}
					want, _ := strconv.ParseFloat(r[col], 64)
					if ch == nil {
						t.Errorf("row %d %s: no channel, want %v", i, what, want)
					} else if !near(float64(ch[i]), want, tol) && !carried(i, col, ch, nil) {
						t.Errorf("row %d %s = %v, want %v", i, what, ch[i], want)
					}
				}
				f64 := func(col int, ch []float64, scale, tol float64, what string) {
					t.Helper()
					if r[col] == "" {
						if ch != nil && !math.IsNaN(ch[i]) {
							t.Errorf("row %d %s = %v, want none", i, what, ch[i])
						}
						return
					}
					want, _ := strconv.ParseFloat(r[col], 64)
					if ch == nil {
						t.Errorf("row %d %s: no channel, want %v", i, what, want*scale)
					} else if !near(ch[i], want*scale, tol) && !carried(i, col, nil, ch) {
						t.Errorf("row %d %s = %v, want %v", i, what, ch[i], want*scale)
					}
				}
				f32(1, tr.HR, 0, "heart rate")
				if strides && tr.Cadence != nil && r[2] != "" {
					// The SDK dump shows whole strides per minute; rekindle
					// reports steps (strides × 2, with the fractional part).
					want, _ := strconv.ParseFloat(r[2], 64)
					if got := math.Floor(float64(tr.Cadence[i]) / 2); got != want {
						t.Errorf("row %d cadence = %v steps/min, want %v strides/min", i, tr.Cadence[i], want)
					}
				} else {
					f32(2, tr.Cadence, 0, "cadence")
				}
				f32(3, tr.Speed, 1e-3, "speed")
				f64(4, tr.Dist, 1, 1e-6, "distance")
				f64(5, tr.Lat, semicircle, 1e-9, "latitude")
				f64(6, tr.Lon, semicircle, 1e-9, "longitude")
				f32(7, tr.Ele, 1e-3, "altitude")
				f32(8, tr.Temp, 0, "temperature")
			}
		})
	}
}

// TestCompressedSpeedDistance checks the accumulated compressed
// speed/distance fields and compressed timestamp headers against the
// reference values: 753 records after the first, relative timestamps.
func TestCompressedSpeedDistance(t *testing.T) {
	dir := fitDir(t)
	acts := decodeFile(t, filepath.Join(dir, "compressed-speed-distance.fit"))
	tr := &acts[0].Track
	rows := readCSV(t, filepath.Join(dir, "reference", "compressed-speed-distance-records.csv"))
	if first := tr.Time[0]/1000 - fitEpoch; first != 17217864 {
		t.Fatalf("first timestamp = %d, want relative 17217864", first)
	}
	if len(rows) < 753 || tr.Len() < len(rows)+1 {
		t.Fatalf("rows %d samples %d", len(rows), tr.Len())
	}
	for i, r := range rows[:753] {
		j := i + 1
		ts, _ := strconv.ParseInt(r[0], 10, 64)
		if got := tr.Time[j]/1000 - fitEpoch; got != ts {
			t.Fatalf("row %d time = %d, want %d", i, got, ts)
		}
		hr, _ := strconv.ParseFloat(r[1], 64)
		speed, _ := strconv.ParseFloat(r[2], 64)
		dist, _ := strconv.ParseFloat(r[3], 64)
		if float64(tr.HR[j]) != hr || !near(float64(tr.Speed[j]), speed, 1e-3) || !near(tr.Dist[j], dist, 1e-6) {
			t.Errorf("row %d: hr %v speed %v dist %v, want %v %v %v", i, tr.HR[j], tr.Speed[j], tr.Dist[j], hr, speed, dist)
		}
		if r[4] != "null" {
			cad, _ := strconv.ParseFloat(r[4], 64)
			if got := math.Floor(float64(tr.Cadence[j]) / 2); got != cad {
				t.Errorf("row %d cadence %v steps/min, want %v strides/min", i, tr.Cadence[j], cad)
			}
		}
	}
	if !hasWarning(acts[0], "relative to device power-on") {
		t.Errorf("no warning about relative timestamps: %q", acts[0].Warnings)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows [][]string
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		rows = append(rows, strings.Split(sc.Text(), ","))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// droppedSamples is how many samples the activity's warnings say were
// dropped for their times.
func droppedSamples(a *rekindle.Activity) int {
	n := 0
	for _, w := range a.Warnings {
		if strings.Contains(w, "implausible timestamps dropped") || strings.Contains(w, "time goes backwards dropped") || strings.Contains(w, "impossible times") {
			k, err := strconv.Atoi(strings.Fields(w)[0])
			if err == nil {
				n += k
			}
		}
	}
	return n
}

func hasWarning(a *rekindle.Activity, part string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

// TestQuirks checks what MANIFEST.md says is special about each file.
func TestQuirks(t *testing.T) {
	dir := fitDir(t)
	tests := []struct {
		file  string
		check func(t *testing.T, acts []*rekindle.Activity)
	}{
		{"strava-android-app-201.10-b1218918.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if !hasWarning(a, "byte 7471: undefined local message 11") || !hasWarning(a, "truncated") {
				t.Errorf("warnings = %q", a.Warnings)
			}
			if a.Sport != rekindle.SportRunning || a.Totals.DistanceM != 11274.04 {
				t.Errorf("sport %s distance %v", a.Sport, a.Totals.DistanceM)
			}
			if n := a.Track.Len(); n == 0 || a.Track.Lat == nil || a.Track.Dist == nil {
				t.Errorf("track %d samples, channels %v", n, a.Track.Channels())
			}
			for i := 1; i < len(a.Track.Time); i++ {
				if a.Track.Time[i] < a.Track.Time[i-1] {
					t.Fatalf("time goes backwards at %d", i)
				}
			}
			// The damaged record before the fault says 2085: it must not
			// reach the track (it made a run of 2×10⁹ s downstream).
			end := a.Start.Add(time.Duration(a.Totals.ElapsedS) * time.Second)
			for i, ms := range a.Track.Time {
				if at := time.UnixMilli(ms); at.Before(a.Start) || at.After(end) {
					t.Fatalf("sample %d at %s, outside the session %s – %s", i, at.UTC(), a.Start, end)
				}
			}
			if !hasWarning(a, "implausible timestamps dropped") {
				t.Errorf("no warning about the dropped record: %q", a.Warnings)
			}
		}},
		{"nick.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if !hasWarning(a, "no session") || !hasWarning(a, "byte 403456") {
				t.Errorf("warnings = %q", a.Warnings)
			}
			if a.Sport != rekindle.SportCycling || a.Track.Len() != 14391 || a.Track.Power == nil || len(a.Laps) != 1 {
				t.Errorf("sport %s samples %d channels %v laps %d", a.Sport, a.Track.Len(), a.Track.Channels(), len(a.Laps))
			}
			if want := time.Date(2020, 9, 12, 12, 23, 38, 0, time.UTC); !a.Start.Equal(want) {
				t.Errorf("start %s, want %s", a.Start, want)
			}
		}},
		{"coros-pace-2-cycling-misaligned-fields.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if len(a.Warnings) != 0 || a.Track.Len() != 11272 || len(a.Laps) != 4 {
				t.Errorf("warnings %q samples %d laps %d", a.Warnings, a.Track.Len(), len(a.Laps))
			}
		}},
		{"developer-types-sample.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if a.Track.Power == nil || a.Totals.AvgPowerW != 218 {
				t.Errorf("power channel %v, avg power %v", a.Track.Power != nil, a.Totals.AvgPowerW)
			}
		}},
		{"event_timestamp.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if a.Sport != rekindle.SportPoolSwim || a.Totals.PoolLengthM != 22.86 || len(a.Lengths) != 166 || a.Track.HasPosition() {
				t.Errorf("sport %s pool %v lengths %d", a.Sport, a.Totals.PoolLengthM, len(a.Lengths))
			}
			active := 0
			for _, l := range a.Lengths {
				if l.Active {
					active++
				}
			}
			if active == 0 || active == len(a.Lengths) {
				t.Errorf("active lengths %d of %d", active, len(a.Lengths))
			}
		}},
		{"sample_mulitple_header.fit", func(t *testing.T, acts []*rekindle.Activity) {
			want := []rekindle.Sport{rekindle.SportSwimming, rekindle.SportTransition, rekindle.SportCycling, rekindle.SportTransition, rekindle.SportRunning}
			for i, a := range acts {
				if a.Sport != want[i] || a.Multisport == "" || a.Multisport != acts[0].Multisport || a.MultisportLeg != i+1 || a.Source.Index != i {
					t.Errorf("leg %d: %s %q %d", i, a.Sport, a.Multisport, a.MultisportLeg)
				}
			}
			run := acts[4]
			if run.Totals.AvgCadence < 150 || run.Track.Cadence == nil {
				t.Errorf("run cadence %v: want steps per minute", run.Totals.AvgCadence)
			}
			if bike := acts[2]; bike.Totals.AvgCadence > 100 {
				t.Errorf("bike cadence %v: want rpm", bike.Totals.AvgCadence)
			}
		}},
		{"garmin-edge-500-activity.fit", func(t *testing.T, acts []*rekindle.Activity) {
			a := acts[0]
			if len(a.Track.Breaks) < 40 || len(a.Laps) != 9 {
				t.Errorf("breaks %d laps %d", len(a.Track.Breaks), len(a.Laps))
			}
			if a.Laps[0].First != 0 || a.Laps[8].Last != a.Track.Len()-1 {
				t.Errorf("laps cover %d..%d of %d", a.Laps[0].First, a.Laps[8].Last, a.Track.Len())
			}
			for i := 1; i < len(a.Laps); i++ {
				if a.Laps[i].First != a.Laps[i-1].Last+1 {
					t.Errorf("lap %d starts at %d, previous ends at %d", i, a.Laps[i].First, a.Laps[i-1].Last)
				}
			}
			if a.Device != "garmin edge500" {
				t.Errorf("device %q", a.Device)
			}
		}},
		{"garmin-fenix-5-run.fit", func(t *testing.T, acts []*rekindle.Activity) {
			if a := acts[0]; a.Device != "garmin fenix5" || a.Totals.AvgCadence < 150 {
				t.Errorf("device %q cadence %v", a.Device, a.Totals.AvgCadence)
			}
		}},
		{"null_compressed_speed_dist.fit", func(t *testing.T, acts []*rekindle.Activity) {
			if a := acts[0]; a.Sport != rekindle.SportVirtualRide {
				t.Errorf("sport %s", a.Sport)
			}
		}},
		{"20170518-191602-1740899583.fit", func(t *testing.T, acts []*rekindle.Activity) {
			if a := acts[0]; a.Sport != rekindle.SportRowing || a.Track.HasPosition() {
				t.Errorf("sport %s", a.Sport)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) { tt.check(t, decodeFile(t, filepath.Join(dir, tt.file))) })
	}
}

// TestNotActivity checks the errors for files with no activity in them.
func TestNotActivity(t *testing.T) {
	dir := fitDir(t)
	good, err := os.ReadFile(filepath.Join(dir, "garmin-fenix-5-run.fit"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, rekindle.ErrNotActivity},
		{"random bytes", bytes.Repeat([]byte("not a fit file "), 20), rekindle.ErrCorrupt},
		{"header only", good[:14], rekindle.ErrCorrupt},
		{"cut inside first message", good[:20], rekindle.ErrCorrupt},
		{"settings file", settingsFile(), rekindle.ErrNotActivity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acts, err := Decode(bytes.NewReader(tt.data))
			if !errors.Is(err, tt.want) || acts != nil {
				t.Fatalf("Decode = %d activities, %v; want %v", len(acts), err, tt.want)
			}
		})
	}
}

// settingsFile is a minimal valid FIT file of type settings: a header, a
// file_id definition and message, and the CRC.
func settingsFile() []byte {
	var data []byte
	data = append(data, 0x40, 0, 0, 0, 0, 1, 0, 1, 0x00) // definition: local 0, file_id, 1 field: type enum
	data = append(data, 0x00, 2)                         // data: type = settings
	hdr := []byte{12, 0x10, 0x2C, 0x08, byte(len(data)), 0, 0, 0, '.', 'F', 'I', 'T'}
	file := append(hdr, data...)
	crc := crcUpdate(0, file)
	return append(file, byte(crc), byte(crc>>8))
}

// TestTruncatedEverywhere cuts a real file at many points: every prefix
// must decode to a partial activity with a warning, or a clean error.
func TestTruncatedEverywhere(t *testing.T) {
	dir := fitDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "2020-06-01-16-52-40.fit"))
	if err != nil {
		t.Fatal(err)
	}
	step := 1
	if testing.Short() {
		step = 17
	}
	for n := 0; n < len(data); n += step {
		acts, err := Decode(bytes.NewReader(data[:n]))
		if err != nil {
			if !errors.Is(err, rekindle.ErrCorrupt) && !errors.Is(err, rekindle.ErrNotActivity) {
				t.Fatalf("cut at %d: unexpected error %v", n, err)
			}
			continue
		}
		for _, a := range acts {
			if len(a.Warnings) == 0 {
				t.Fatalf("cut at %d: partial activity without a warning", n)
			}
			if err := a.Track.Validate(); err != nil {
				t.Fatalf("cut at %d: %v", n, err)
			}
		}
	}
}

// TestWorkoutRPE: a session's workout_rpe (Borg CR10 ×10) becomes the
// activity's RPE. FIT carries no activity name in sessions, so Name stays
// empty (the CLI and web name unnamed runs).
func TestWorkoutRPE(t *testing.T) {
	var data []byte
	// file_id: type (enum) = activity
	data = append(data, 0x40, 0, 0, 0, 0, 1, 0, 1, 0x00, 0x00, 4)
	// record: timestamp, heart_rate
	data = append(data, 0x41, 0, 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02)
	for i := range 3 {
		ts := uint32(1_000_000_000 + i)
		data = append(data, 0x01, byte(ts), byte(ts>>8), byte(ts>>16), byte(ts>>24), 120)
	}
	// session: timestamp, start_time, sport, total_elapsed_time, workout_rpe
	data = append(data, 0x42, 0, 0, 18, 0, 5, 253, 4, 0x86, 2, 4, 0x86, 5, 1, 0x00, 7, 4, 0x86, 193, 1, 0x02)
	el := uint32(2000)
	data = append(data, 0x02, 0x02, 0xCA, 0x9A, 0x3B, 0x00, 0xCA, 0x9A, 0x3B, 1, byte(el), byte(el>>8), 0, 0, 70)
	hdr := []byte{12, 0x10, 0x2C, 0x08, byte(len(data)), 0, 0, 0, '.', 'F', 'I', 'T'}
	file := append(hdr, data...)
	crc := crcUpdate(0, file)
	file = append(file, byte(crc), byte(crc>>8))
	acts, err := Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if a.RPE != 7 || a.Sport != rekindle.SportRunning || a.Name != "" || a.Track.Len() != 3 || len(a.Warnings) != 0 {
		t.Errorf("rpe %v sport %s name %q samples %d warnings %q", a.RPE, a.Sport, a.Name, a.Track.Len(), a.Warnings)
	}
}

// TestStretchBackInTime: records that go back in time for a whole stretch
// (too many to drop as damaged) are moved into time order with a warning,
// every channel with its time; the fuzzer found such files after a
// resynchronisation resumed on an earlier stretch.
func TestStretchBackInTime(t *testing.T) {
	var data []byte
	data = append(data, 0x40, 0, 0, 0, 0, 1, 0, 1, 0x00, 0x00, 4) // file_id: type = activity
	// record: timestamp, heart_rate
	data = append(data, 0x41, 0, 0, 20, 0, 2, 253, 4, 0x86, 3, 1, 0x02)
	var order []int
	for _, r := range [][2]int{{0, 20}, {40, 60}, {20, 40}} {
		for i := r[0]; i < r[1]; i++ {
			order = append(order, i)
		}
	}
	for _, i := range order {
		ts := uint32(1_000_000_000 + i)
		data = append(data, 0x01, byte(ts), byte(ts>>8), byte(ts>>16), byte(ts>>24), byte(100+i))
	}
	hdr := []byte{12, 0x10, 0x2C, 0x08, byte(len(data)), byte(len(data) >> 8), 0, 0, '.', 'F', 'I', 'T'}
	file := append(hdr, data...)
	crc := crcUpdate(0, file)
	file = append(file, byte(crc), byte(crc>>8))
	acts, err := Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	tr := acts[0].Track
	if tr.Len() != 60 || !hasWarning(acts[0], "20 samples recorded out of time order moved into place") {
		t.Fatalf("%d samples, warnings %q", tr.Len(), acts[0].Warnings)
	}
	for i := range 60 {
		if want := (fitEpoch + 1_000_000_000 + int64(i)) * 1000; tr.Time[i] != want || tr.HR[i] != float32(100+i) {
			t.Fatalf("sample %d: time %d hr %v, want %d and %d", i, tr.Time[i], tr.HR[i], want, 100+i)
		}
	}
}
