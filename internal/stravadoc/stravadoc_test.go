package stravadoc_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/stravadoc"
)

const activityJSON = `{"id":987654321,"name":"Morning Run","type":"Run","sport_type":"Run",
 "start_date":"2025-05-31T06:12:00Z","start_date_local":"2025-05-31T08:12:00Z","timezone":"(GMT+01:00) Europe/Berlin",
 "distance":10012.5,"moving_time":3000,"elapsed_time":3100,"total_elevation_gain":42,"average_speed":3.34,"max_speed":4.9,
 "average_heartrate":148.2,"max_heartrate":171,"average_cadence":84,"trainer":false,"manual":false,"private":true,
 "visibility":"only_me","workout_type":1,"gear":{"id":"g1","name":"Pegasus 40"},"device_name":"Garmin Forerunner 255",
 "unknown_field":{"kept":true}}`

const streamsJSON = `{"time":{"data":[0,10,20,30,40],"series_type":"distance","original_size":5,"resolution":"high"},
 "latlng":{"data":[[52.52,13.40],[52.5201,13.4002],[52.5202,13.4004],[52.5203,13.4006],[52.5204,13.4008]]},
 "distance":{"data":[0,30,61,92,123]},"altitude":{"data":[34,34.2,34.4,null,35]},
 "heartrate":{"data":[120,130,140,150,160]},"cadence":{"data":[80,82,84,86,88]},
 "moving":{"data":[true,true,false,true,true]}}`

func TestEncodeDecode(t *testing.T) {
	doc, err := stravadoc.Encode([]byte(activityJSON), []byte(streamsJSON))
	if err != nil {
		t.Fatal(err)
	}
	if !stravadoc.Sniff(doc) {
		t.Fatalf("Sniff does not recognise %q", doc[:40])
	}
	if !json.Valid(doc) {
		t.Fatal("document is not JSON")
	}
	if !bytes.Contains(doc, []byte(`"unknown_field":{"kept":true}`)) {
		t.Error("Strava's own fields are not kept in the document")
	}
	acts, err := stravadoc.Decode(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(acts) != 1 {
		t.Fatalf("%d activities", len(acts))
	}
	a := acts[0]
	if want := time.Date(2025, 5, 31, 6, 12, 0, 0, time.UTC); !a.Start.Equal(want) {
		t.Errorf("start %v, want %v", a.Start, want)
	}
	if a.Sport != rekindle.SportRunning || a.SubSport != "Run" || a.Name != "Morning Run" || a.Gear != "Pegasus 40" {
		t.Errorf("sport %q/%q name %q gear %q", a.Sport, a.SubSport, a.Name, a.Gear)
	}
	if a.RaceOverride == nil || !*a.RaceOverride {
		t.Error("workout_type 1 (race) not read")
	}
	if a.Totals.DistanceM != 10012.5 || a.Totals.TimerS != 3000 || a.Totals.ElapsedS != 3100 || a.Totals.AvgCadence != 168 {
		t.Errorf("totals %+v", a.Totals)
	}
	tr := a.Track
	if tr.Len() != 5 || tr.Time[4]-tr.Time[0] != 40_000 || tr.Time[0] != a.Start.UnixMilli() {
		t.Fatalf("track times %v", tr.Time)
	}
	if tr.Lat[2] != 52.5202 || tr.Lon[4] != 13.4008 || tr.Dist[4] != 123 || tr.HR[3] != 150 || tr.Cadence[0] != 160 {
		t.Errorf("channels lat %v lon %v dist %v hr %v cad %v", tr.Lat, tr.Lon, tr.Dist, tr.HR, tr.Cadence)
	}
	if !math.IsNaN(float64(tr.Ele[3])) || tr.Ele[4] != 35 {
		t.Errorf("altitude with a null sample: %v", tr.Ele)
	}
	if len(tr.Breaks) != 1 || tr.Breaks[0] != 3 {
		t.Errorf("breaks %v, want [3] (moving again at sample 3)", tr.Breaks)
	}
	sa, err := stravadoc.ReadActivity(doc)
	if err != nil || sa.ID != 987654321 || !sa.PrivateToCoach() {
		t.Errorf("ReadActivity: %+v %v", sa, err)
	}
}

// A list of streams (key_by_type=false) is stored keyed by type.
func TestEncodeStreamList(t *testing.T) {
	list := `[{"type":"time","data":[0,1,2]},{"type":"heartrate","data":[100,101,102]}]`
	doc, err := stravadoc.Encode([]byte(activityJSON), []byte(list))
	if err != nil {
		t.Fatal(err)
	}
	acts, err := stravadoc.Decode(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if hr := acts[0].Track.HR; len(hr) != 3 || hr[2] != 102 {
		t.Errorf("hr %v", hr)
	}
}

func TestDecodeBadStreams(t *testing.T) {
	for _, c := range []struct{ name, streams, want string }{
		{"mismatched lengths", `{"time":{"data":[0,1,2]},"heartrate":{"data":[100,101]}}`, `stream "heartrate" has 2 samples, the time stream 3`},
		{"time goes back", `{"time":{"data":[0,5,3]}}`, "time stream goes back at sample 2"},
		{"negative time", `{"time":{"data":[-1,0]}}`, "sample 0 is -1 seconds"},
		{"latlng wrong type", `{"time":{"data":[0]},"latlng":{"data":"x"}}`, `stream "latlng"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc, err := stravadoc.Encode([]byte(activityJSON), []byte(c.streams))
			if err != nil {
				t.Fatal(err)
			}
			_, err = stravadoc.Decode(bytes.NewReader(doc))
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "987654321") {
				t.Errorf("error %v, want one naming activity 987654321 and %q", err, c.want)
			}
		})
	}
}

// Positions out of range (NaN is not JSON; Strava sends none, a broken
// proxy might) are filled from their neighbours with a warning; a track
// with none valid keeps its other channels.
func TestDecodeBadPositions(t *testing.T) {
	streams := `{"time":{"data":[0,1,2,3]},"latlng":{"data":[[999,0],[52.5,13.4],[0,0],[52.6,13.5]]}}`
	doc, _ := stravadoc.Encode([]byte(activityJSON), []byte(streams))
	acts, err := stravadoc.Decode(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	tr := acts[0].Track
	if tr.Lat[0] != 52.5 || tr.Lat[2] != 52.5 || tr.Lat[3] != 52.6 {
		t.Errorf("lat %v", tr.Lat)
	}
	if len(acts[0].Warnings) != 1 || !strings.Contains(acts[0].Warnings[0], "2 of 4 positions out of range") {
		t.Errorf("warnings %v", acts[0].Warnings)
	}
	streams = `{"time":{"data":[0,1]},"latlng":{"data":[[999,0],[0,0]]},"heartrate":{"data":[1,2]}}`
	doc, _ = stravadoc.Encode([]byte(activityJSON), []byte(streams))
	acts, err = stravadoc.Decode(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if acts[0].Track.Lat != nil || len(acts[0].Track.HR) != 2 {
		t.Errorf("track %+v", acts[0].Track)
	}
}

func TestDecodeRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"not json":      `{"rekindle_strava_activity":1,`,
		"version":       `{"rekindle_strava_activity":2,"activity":{}}`,
		"no start":      `{"rekindle_strava_activity":1,"activity":{"id":5}}`,
		"negative dist": `{"rekindle_strava_activity":1,"activity":{"id":5,"start_date":"2025-01-01T00:00:00Z","distance":-3}}`,
	} {
		if _, err := stravadoc.Decode(strings.NewReader(in)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := stravadoc.Encode([]byte(`[1]`), nil); err == nil {
		t.Error("Encode took an array as the activity")
	}
}

func TestSport(t *testing.T) {
	for _, c := range []struct {
		sportType, typ string
		trainer        bool
		want           rekindle.Sport
	}{
		{"TrailRun", "Run", false, rekindle.SportTrailRunning},
		{"", "Run", true, rekindle.SportTreadmill},
		{"GravelRide", "Ride", false, rekindle.SportCycling},
		{"Ride", "Ride", true, rekindle.SportIndoorCycling},
		{"Weight Training", "", false, rekindle.SportStrength},
		{"Kitesurf", "Kitesurf", false, rekindle.SportOther},
		{"Snowboard", "Snowboard", false, rekindle.SportSkiing},
		{"Kayaking", "Kayaking", false, rekindle.SportRowing},
		{"StandUpPaddling", "", false, rekindle.SportRowing},
		{"Snowshoe", "Snowshoe", false, rekindle.SportHiking},
	} {
		if got, _ := stravadoc.Sport(c.sportType, c.typ, c.trainer); got != c.want {
			t.Errorf("Sport(%q, %q, %v) = %q, want %q", c.sportType, c.typ, c.trainer, got, c.want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	doc, _ := stravadoc.Encode([]byte(activityJSON), []byte(streamsJSON))
	f.Add(doc)
	f.Add([]byte(`{"rekindle_strava_activity":1,"activity":{"id":1,"start_date":"2025-01-01T00:00:00Z"},"streams":{"time":{"data":[0,1e9]}}}`))
	f.Add([]byte(`{"rekindle_strava_activity":1,"activity":{"id":1,"start_date":"2025-01-01T00:00:00Z"},"streams":{"time":{"data":[0,1]},"moving":{"data":[false,true]}}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		acts, err := stravadoc.Decode(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, a := range acts {
			if err := a.Track.Validate(); err != nil {
				t.Fatalf("decoded an invalid track: %v", err)
			}
			for i := range a.Track.Lat {
				if math.IsNaN(a.Track.Lat[i]) || a.Track.Lat[i] < -90 || a.Track.Lat[i] > 90 {
					t.Fatalf("position %d out of range: %v", i, a.Track.Lat[i])
				}
			}
		}
	})
}
