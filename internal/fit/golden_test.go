package fit

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
)

// goldenActivity is the stable, human-readable summary of one decoded
// activity kept under testdata/golden/.
type goldenActivity struct {
	Start        time.Time
	Sport        rekindle.Sport
	SubSport     string          `json:",omitempty"`
	Device       string          `json:",omitempty"`
	Multisport   string          `json:",omitempty"`
	Leg          int             `json:",omitempty"`
	Totals       rekindle.Totals `json:"totals"`
	Laps         []goldenLap     `json:",omitempty"`
	Lengths      int             `json:",omitempty"`
	Samples      int
	Channels     []string
	Breaks       []int `json:",omitempty"`
	First, Last  map[string]float64
	Warnings     []string `json:",omitempty"`
	ChannelCount map[string]int
}

type goldenLap struct {
	Start       time.Time
	ElapsedS    float64
	DistanceM   float64
	First, Last int
}

func sampleAt(tr *rekindle.Track, i int) map[string]float64 {
	m := map[string]float64{"time": float64(tr.Time[i])}
	add := func(k string, v float64) {
		if !math.IsNaN(v) {
			m[k] = math.Round(v*1e7) / 1e7
		}
	}
	if tr.Lat != nil {
		add("lat", tr.Lat[i])
		add("lon", tr.Lon[i])
	}
	for k, c := range map[string][]float32{"ele": tr.Ele, "hr": tr.HR, "cadence": tr.Cadence, "power": tr.Power, "speed": tr.Speed, "temp": tr.Temp} {
		if c != nil {
			add(k, float64(c[i]))
		}
	}
	if tr.Dist != nil {
		add("dist", tr.Dist[i])
	}
	return m
}

func golden(a *rekindle.Activity) goldenActivity {
	g := goldenActivity{
		Start: a.Start, Sport: a.Sport, SubSport: a.SubSport, Device: a.Device,
		Multisport: a.Multisport, Leg: a.MultisportLeg, Totals: a.Totals,
		Lengths: len(a.Lengths), Samples: a.Track.Len(), Channels: a.Track.Channels(),
		Breaks: a.Track.Breaks, Warnings: a.Warnings, ChannelCount: map[string]int{},
	}
	for _, l := range a.Laps {
		g.Laps = append(g.Laps, goldenLap{l.Start, l.ElapsedS, l.DistanceM, l.First, l.Last})
	}
	if n := a.Track.Len(); n > 0 {
		g.First, g.Last = sampleAt(&a.Track, 0), sampleAt(&a.Track, n-1)
		for i := range n {
			for k := range sampleAt(&a.Track, i) {
				g.ChannelCount[k]++
			}
		}
	}
	return g
}

// TestGolden compares each file's decoded summary with
// testdata/golden/<file>.json; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	dir := fitDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.fit"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no FIT files in %s: %v", dir, err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			var gs []goldenActivity
			for _, a := range acts {
				gs = append(gs, golden(a))
			}
			got, err := json.MarshalIndent(gs, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(name, ".fit")+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("decoded summary differs from %s (run go test -run TestGolden -update and review the diff)", path)
			}
		})
	}
}
