package store

import (
	"math"
	"reflect"
	"testing"
	"time"

	"rekindle"
)

func TestTrackBlobRoundTrip(t *testing.T) {
	full := sampleActivity(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 100).Track
	full.Dist = make([]float64, 100)
	full.Speed = make([]float32, 100)
	full.Cadence = make([]float32, 100)
	full.Power = make([]float32, 100)
	full.Temp = make([]float32, 100)
	for i := range 100 {
		full.Dist[i] = float64(i) * 3.21
		full.Speed[i] = 3.21
		full.Cadence[i] = 170
		full.Power[i] = float32(200 + i)
		full.Temp[i] = 21.5
	}
	full.Lat[7] = math.NaN()
	full.Lon[7] = math.NaN()
	full.Power[0] = float32(math.Inf(1))
	tests := []struct {
		name string
		tr   rekindle.Track
	}{
		{"empty", rekindle.Track{}},
		{"time only", rekindle.Track{Time: []int64{1, 2, 1000, -5}}},
		{"route without time", rekindle.Track{Lat: []float64{1, 2}, Lon: []float64{3, 4}}},
		{"all channels with gaps", full},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := EncodeTrack(&tc.tr)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeTrack(b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Len() != tc.tr.Len() || !reflect.DeepEqual(got.Channels(), tc.tr.Channels()) || !reflect.DeepEqual(got.Breaks, tc.tr.Breaks) {
				t.Fatalf("shape: %d %v %v", got.Len(), got.Channels(), got.Breaks)
			}
			b2, err := EncodeTrack(&got)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b, b2) {
				t.Fatal("re-encoding the decoded track differs: not exact at stored precision")
			}
		})
	}
	b, _ := EncodeTrack(&full)
	got, _ := DecodeTrack(b)
	if !math.IsNaN(got.Lat[7]) || !math.IsNaN(float64(got.Power[0])) || got.Lat[8] != full.Lat[8] && math.Abs(got.Lat[8]-full.Lat[8]) > 0.6e-7 {
		t.Fatalf("values: lat7 %v power0 %v lat8 %v vs %v", got.Lat[7], got.Power[0], got.Lat[8], full.Lat[8])
	}
	if math.Abs(float64(got.Ele[5]-full.Ele[5])) > 0.051 || got.Time[99] != full.Time[99] {
		t.Fatalf("ele %v vs %v", got.Ele[5], full.Ele[5])
	}
}

func FuzzDecodeTrack(f *testing.F) {
	tr := sampleActivity(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), 30).Track
	b, _ := EncodeTrack(&tr)
	f.Add(b)
	f.Add([]byte("RK\x01"))
	for _, tr := range realTracks(f, 3) {
		b, _ := EncodeTrack(tr)
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tr, err := DecodeTrack(b)
		if err != nil {
			return
		}
		if err := tr.Validate(); err != nil {
			t.Fatalf("decoded an invalid track: %v", err)
		}
		if _, err := EncodeTrack(&tr); err != nil {
			t.Fatal(err)
		}
		// The partial reader RecentStarts uses agrees with the whole decode.
		lat, lon, ok, _, err := firstPosition(b, nil)
		if err != nil {
			t.Fatalf("first position of a blob DecodeTrack reads: %v", err)
		}
		wlat, wlon, wok := 0.0, 0.0, false
		for i := range tr.Lat {
			if i < len(tr.Lon) && tr.Lat[i] == tr.Lat[i] && tr.Lon[i] == tr.Lon[i] && (tr.Lat[i] != 0 || tr.Lon[i] != 0) {
				wlat, wlon, wok = tr.Lat[i], tr.Lon[i], true
				break
			}
		}
		if ok != wok || lat != wlat || lon != wlon {
			t.Fatalf("first position %v,%v,%v; whole decode %v,%v,%v", lat, lon, ok, wlat, wlon, wok)
		}
	})
}
