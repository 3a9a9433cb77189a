package place

import (
	"github.com/paulmach/orb"
	"runtime"
	"testing"
	"time"
)

func TestZoneAtAndCountry(t *testing.T) {
	tests := []struct {
		name     string
		lat, lon float64
		zone, cc string
	}{
		{"Berlin Tiergarten", 52.5145, 13.3501, "Europe/Berlin", "DE"},
		{"Shanghai Century Park", 31.2196, 121.5447, "Asia/Shanghai", "CN"},
		{"Chengdu", 30.6586, 104.0647, "Asia/Shanghai", "CN"},
		{"Boulder, Colorado", 40.015, -105.2705, "America/Denver", "US"},
		{"Sydney Centennial Park", -33.8981, 151.2339, "Australia/Sydney", "AU"},
		{"Amsterdam Vondelpark", 52.358, 4.8686, "Europe/Amsterdam", "NL"},
		{"Ljubljana", 46.0569, 14.5058, "Europe/Ljubljana", "SI"},
		{"Tokyo Imperial Palace loop", 35.6852, 139.7528, "Asia/Tokyo", "JP"},
		{"no position", 0, 0, "", ""},
	}
	zones := NewZones()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			z := zones.At(tc.lat, tc.lon)
			if z != tc.zone {
				t.Fatalf("ZoneAt = %q, want %q", z, tc.zone)
			}
			if cc := CountryOfZone(z); cc != tc.cc {
				t.Errorf("CountryOfZone(%q) = %q, want %q", z, cc, tc.cc)
			}
		})
	}
	for zone, cc := range map[string]string{"Asia/Calcutta": "IN", "US/Eastern": "US", "UTC": "", "Etc/GMT-8": "", "Europe/Oslo": "NO"} {
		if got := CountryOfZone(zone); got != cc {
			t.Errorf("CountryOfZone(%q) = %q, want %q", zone, got, cc)
		}
	}
}

func TestHomeOf(t *testing.T) {
	day := time.Date(2024, 1, 1, 7, 0, 0, 0, time.UTC)
	var starts []Start
	// 30 runs from home in Shanghai (jittered by ~200 m), 10 from the
	// office, 5 race trips elsewhere, and 300 old runs from Berlin that are
	// more than RecentDays before the newest.
	for i := range 300 {
		starts = append(starts, Start{At: day.AddDate(-3, 0, -i), Lat: 52.5145, Lon: 13.3501})
	}
	for i := range 30 {
		j := float64(i%5-2) * 0.0008
		starts = append(starts, Start{At: day.AddDate(0, 0, i), Lat: 31.2196 + j, Lon: 121.5447 - j})
	}
	for i := range 10 {
		starts = append(starts, Start{At: day.AddDate(0, 0, 40+i), Lat: 31.2397, Lon: 121.4998})
	}
	for i := range 5 {
		starts = append(starts, Start{At: day.AddDate(0, 1, i), Lat: 30.2 + float64(i), Lon: 120.1})
	}
	h, ok := HomeOf(starts)
	if !ok {
		t.Fatal("no home")
	}
	if h.Starts != 30 || h.Of != 45 {
		t.Errorf("home from %d of %d starts, want 30 of 45", h.Starts, h.Of)
	}
	if d := abs(int((h.Lat-31.2196)*1e4)) + abs(int((h.Lon-121.5447)*1e4)); d > 10 {
		t.Errorf("home %.4f,%.4f, want about 31.2196,121.5447", h.Lat, h.Lon)
	}
	if _, ok := HomeOf([]Start{{Lat: 0, Lon: 0}, {Lat: 200, Lon: 1}}); ok {
		t.Error("a home from no usable start")
	}
}

// TestZonesCoarse: a city position is answered from the tiles alone (the
// polygons are never decoded), and the tiles-around answer agrees with the
// polygons on a grid across borders, coasts and enclaves.
func TestZonesCoarse(t *testing.T) {
	z := NewZones()
	for _, p := range [][2]float64{{52.5145, 13.3501}, {31.2196, 121.5447}, {51.5074, -0.1278}, {40.7128, -74.006}} {
		if z.At(p[0], p[1]) == "" {
			t.Fatalf("no zone at %v", p)
		}
	}
	if z.UsedPolygons() {
		t.Error("city centres needed the polygons")
	}
	if testing.Short() {
		t.Skip("decodes the polygons")
	}
	zz := NewZones()
	full, err := zz.fullF()
	if err != nil {
		t.Fatal(err)
	}
	// Grids over Baarle (BE/NL enclaves), Basel (CH/DE/FR), the Indiana
	// zones, the Dutch–German border and the Hong Kong–Shenzhen border.
	areas := [][4]float64{{51.40, 4.88, 51.48, 5.00}, {47.50, 7.50, 47.62, 7.70}, {38.0, -87.8, 38.6, -86.4}, {51.70, 5.90, 52.10, 6.80}, {22.45, 113.9, 22.60, 114.3}}
	coarse, disagree, n := 0, 0, 0
	for _, a := range areas {
		for i := range 12 {
			for j := range 12 {
				lat, lon := a[0]+(a[2]-a[0])*float64(i)/11, a[1]+(a[3]-a[1])*float64(j)/11
				want := full.GetTimezoneName(lon, lat)
				if want == "" {
					continue
				}
				n++
				asked := zz.fullAsked
				got := zz.At(lat, lon)
				if zz.fullAsked == asked {
					coarse++
				}
				if got != want {
					disagree++
					t.Errorf("%.4f,%.4f: %q, the polygons say %q", lat, lon, got, want)
				}
			}
		}
	}
	t.Logf("%d border-area positions: %d answered from the tiles, %d disagree with the polygons", n, coarse, disagree)
}

// BenchmarkZonesFirstUse is what a process pays to answer its first time
// zone look-up: decoding the tables (ns/op, B/op) and the heap it holds
// afterwards (MB-held). Run:
//
//	go test ./internal/place -run '^$' -bench ZonesFirstUse -benchtime 3x -benchmem
func BenchmarkZonesFirstUse(b *testing.B) {
	for _, bc := range []struct {
		name     string
		lat, lon float64
	}{{"city", 52.5145, 13.3501}, {"border", 51.4385, 4.9263}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var held float64
			polygons := false
			for range b.N {
				runtime.GC()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				z := NewZones()
				if z.At(bc.lat, bc.lon) == "" {
					b.Fatal("no zone")
				}
				runtime.GC()
				runtime.ReadMemStats(&after)
				held = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
				polygons = z.UsedPolygons()
				runtime.KeepAlive(z)
			}
			b.ReportMetric(held, "MB-held")
			if polygons {
				b.ReportMetric(1, "polygons")
			} else {
				b.ReportMetric(0, "polygons")
			}
		})
	}
}

// BenchmarkZonesAt is a warm look-up.
func BenchmarkZonesAt(b *testing.B) {
	z := NewZones()
	z.At(52.5, 13.4) // decode once
	b.ResetTimer()
	for i := range b.N {
		z.At(30+float64(i%20), 100+float64(i%40))
	}
}

func FuzzParseLatLon(f *testing.F) {
	for _, s := range []string{"52.5,13.4", "-33.9, 151.2", "95,1", "a,b", ",", "NaN,NaN", "1e308,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lat, lon, err := ParseLatLon(s)
		if err == nil && !valid(lat, lon) {
			t.Fatalf("ParseLatLon(%q) = %v,%v without error", s, lat, lon)
		}
	})
}

// TestScanTilesIsTheFuzzyFinder: the one-pass scan of the tile table gives
// tzf's FuzzyFinder answer (decoded from the same table) at points all
// over the world, on borders and at sea included.
func TestScanTilesIsTheFuzzyFinder(t *testing.T) {
	z := NewZones()
	f, err := z.fuzzyF()
	if err != nil {
		t.Fatal(err)
	}
	var pts []orb.Point
	for lat := -80.0; lat <= 80; lat += 7.3 {
		for lon := -179.0; lon <= 179; lon += 9.1 {
			pts = append(pts, orb.Point{lon, lat})
		}
	}
	// Cities and borders: Monaco, Geneva, Dover, Delaware, Tokyo, Perth.
	for _, p := range [][2]float64{{43.7384, 7.4246}, {46.2044, 6.1432}, {51.1279, 1.3134}, {39.7391, -75.5398}, {35.6762, 139.6503}, {-31.9523, 115.8613}, {43.765, 7.46}} {
		pts = append(pts, orb.Point{p[1], p[0]})
	}
	got, err := scanFuzzy(pts)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for i, p := range pts {
		want := f.GetTimezoneName(p[0], p[1])
		if got[i] != want {
			t.Errorf("%v: scan %q, fuzzy finder %q", p, got[i], want)
		}
		if want != "" {
			found++
		}
	}
	if found < len(pts)/4 {
		t.Errorf("only %d of %d points in a tile: the comparison proves little", found, len(pts))
	}
}
