package privacy

import (
	"math"
	"testing"

	"rekindle"
	"rekindle/internal/geo"
)

// line is a track due east from (lat, lon), one sample every 10 m and 3 s.
func line(lat, lon float64, n int) rekindle.Track {
	var t rekindle.Track
	for i := range n {
		la, lo := geo.Offset(lat, lon, 90, float64(i)*10)
		t.Time = append(t.Time, int64(i)*3000)
		t.Lat = append(t.Lat, la)
		t.Lon = append(t.Lon, lo)
		t.HR = append(t.HR, float32(120+i%30))
		t.Dist = append(t.Dist, float64(i)*10)
	}
	return t
}

func TestValidate(t *testing.T) {
	for _, c := range []struct {
		z  Zone
		ok bool
	}{
		{Zone{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: 200}, true},
		{Zone{Name: " work ", Lat: -33.9, Lon: 151.2, RadiusM: 1000}, true},
		{Zone{Name: "", Lat: 52.5, Lon: 13.4, RadiusM: 500}, false},
		{Zone{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: 199}, false},
		{Zone{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: 1001}, false},
		{Zone{Name: "home", Lat: 91, Lon: 13.4, RadiusM: 500}, false},
		{Zone{Name: "home", Lat: math.NaN(), Lon: 13.4, RadiusM: 500}, false},
		{Zone{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: math.NaN()}, false},
	} {
		err := c.z.Validate()
		if (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.z, err)
		}
		if err != nil && rekindle.ErrorCode(err) != rekindle.CodeInvalid {
			t.Errorf("%+v: code %v", c.z, rekindle.ErrorCode(err))
		}
	}
}

func TestMaskCutsZoneAndKeepsTheRest(t *testing.T) {
	// 3 km east from the home point: the first 300 m lie in a 300 m zone,
	// a second zone sits 2 km along.
	tr := line(52.5, 13.4, 301)
	wLat, wLon := geo.Offset(52.5, 13.4, 90, 2000)
	zones := []Zone{{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: 300}, {Name: "work", Lat: wLat, Lon: wLon, RadiusM: 200}}
	orig := tr.Lat[0]
	m := Mask(&tr, zones)
	if tr.Lat[0] != orig || tr.Len() != 301 {
		t.Fatal("Mask changed its input")
	}
	if err := m.Validate(); err != nil {
		t.Fatalf("masked track invalid: %v", err)
	}
	if n := Leaks(zones, m.Lat, m.Lon); n != 0 {
		t.Fatalf("%d masked points inside a zone", n)
	}
	// 31 samples in home (0..300 m), 41 in work (1800..2200 m).
	if got, want := m.Len(), 301-31-41; got != want {
		t.Errorf("kept %d samples, want %d", got, want)
	}
	for _, ch := range [][]float64{m.Lat, m.Lon, m.Dist} {
		if len(ch) != m.Len() {
			t.Errorf("channel length %d, want %d", len(ch), m.Len())
		}
	}
	if len(m.HR) != m.Len() {
		t.Errorf("hr length %d", len(m.HR))
	}
	// One break: where the work zone was cut (the home cut is at the start).
	if len(m.Breaks) != 1 || m.Dist[m.Breaks[0]] != 2210 || m.Dist[m.Breaks[0]-1] != 1790 {
		t.Errorf("breaks %v", m.Breaks)
	}
	// No zones, or zones elsewhere: the track is unchanged.
	if c := Mask(&tr, nil); c.Len() != tr.Len() || &c.Lat[0] == &tr.Lat[0] {
		t.Error("no zones: want an equal copy")
	}
	far := []Zone{{Name: "far", Lat: 10, Lon: 10, RadiusM: 1000}}
	if Kept(&tr, far) != nil || len(Mask(&tr, far).Lat) != tr.Len() {
		t.Error("far zone cut something")
	}
}

func TestMaskNaNAndNoPositions(t *testing.T) {
	tr := line(52.5, 13.4, 10)
	tr.Lat[5], tr.Lon[5] = math.NaN(), math.NaN()
	z := []Zone{{Name: "home", Lat: 52.5, Lon: 13.4, RadiusM: 200}}
	m := Mask(&tr, z)
	if m.Len() != 0 {
		// Every positioned sample is within 90 m; the NaN one places nothing
		// and is kept.
		if m.Len() != 1 || !math.IsNaN(m.Lat[0]) {
			t.Errorf("kept %d samples", m.Len())
		}
	}
	treadmill := rekindle.Track{Time: []int64{0, 1000}, HR: []float32{100, 101}}
	if m := Mask(&treadmill, z); m.Len() != 2 {
		t.Error("a track without positions lost samples")
	}
}

func FuzzMask(f *testing.F) {
	f.Add(52.5, 13.4, 300.0, 52.5, 13.4, 50)
	f.Fuzz(func(t *testing.T, zlat, zlon, r, lat, lon float64, n int) {
		n = min(max(n, 0), 500)
		tr := line(lat, lon, n)
		z := Zone{Name: "z", Lat: zlat, Lon: zlon, RadiusM: r}
		if z.Validate() != nil {
			return
		}
		m := Mask(&tr, []Zone{z})
		if Leaks([]Zone{z}, m.Lat, m.Lon) != 0 {
			t.Fatal("leak")
		}
		if m.Len() > 0 {
			if err := m.Validate(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
