package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/gpx"
	"rekindle/internal/testkit"
)

func suggestCLI(t *testing.T, db string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	t.Setenv("REKINDLE_DB", db)
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestRoutesSuggestCLI(t *testing.T) {
	pbf := testkit.Activities(t, "osm", "monaco.osm.pbf")
	dir := t.TempDir()
	db := filepath.Join(dir, "r.db")
	if out, errs, code := suggestCLI(t, db, "routes", "suggest", "--distance", "5km", "--from", "43.7384,7.4246"); code == 0 || !strings.Contains(errs+out, "map load") {
		t.Fatalf("without a graph: exit %d, %q", code, errs)
	}
	if _, errs, code := suggestCLI(t, db, "map", "load", pbf); code != 0 {
		t.Fatalf("map load: %s", errs)
	}
	out, errs, code := suggestCLI(t, db, "routes", "suggest", "--distance", "5km", "--from", "43.7384,7.4246", "--json", "--gpx", filepath.Join(dir, "gpx"))
	if code != 0 {
		t.Fatalf("suggest: exit %d: %s", code, errs)
	}
	var res suggestJSON
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(res.Suggestions) != 3 || len(res.Files) != 6 {
		t.Fatalf("%d suggestions, files %v", len(res.Suggestions), res.Files)
	}
	for _, s := range res.Suggestions {
		if s.DistanceM < 4750 || s.DistanceM > 5250 || len(s.Polyline) < 10 || len(s.Cues) < 2 || s.NeverRunShare != 1 {
			t.Errorf("suggestion %s %.0f m, %d points, %d cues, never run %.2f", s.Kind, s.DistanceM, len(s.Polyline), len(s.Cues), s.NeverRunShare)
		}
	}
	f, err := os.Open(res.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if acts, err := gpx.Decode(f); err != nil || len(acts) != 1 {
		t.Fatalf("GPX file: %v", err)
	}
	out, errs, code = suggestCLI(t, db, "routes", "suggest", "--distance", "3km", "--from", "43.7384,7.4246", "--to", "cafe", "--one-way", "--count", "1")
	if code != 0 || !strings.Contains(out, "point to point") || !strings.Contains(out, "(cafe)") {
		t.Fatalf("to a café: exit %d %s\n%s", code, errs, out)
	}
	for _, bad := range [][]string{
		{"routes", "suggest"},
		{"routes", "suggest", "--distance", "far"},
		{"routes", "suggest", "--distance", "5km", "--surface", "sand"},
		{"routes", "suggest", "--distance", "5km", "--from", "north"},
		{"routes", "suggest", "--distance", "5km", "--one-way"},
	} {
		if _, _, code := suggestCLI(t, db, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
}

func TestParseDistance(t *testing.T) {
	for in, want := range map[string]float64{"8km": 8000, "5mi": 8046.72, "8000m": 8000, "10k": 10000, "12": 12000, " 6.5 KM ": 6500} {
		got, err := parseDistance(in)
		if err != nil || got < want-0.01 || got > want+0.01 {
			t.Errorf("%q: %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "km", "-5km", "0", "1e9", "NaN", "Inf"} {
		if _, err := parseDistance(in); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

func FuzzParseSuggestFlags(f *testing.F) {
	for _, s := range []string{"8km", "5mi", "43.7384,7.4246", "1e308km", "-0,-0", "NaN,NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := parseDistance(s); err == nil && !(d >= 500 && d <= 100000) {
			t.Fatalf("%q: distance %v accepted", s, d)
		}
		if lat, lon, err := parseLatLon(s); err == nil && !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
			t.Fatalf("%q: %v,%v accepted", s, lat, lon)
		}
	})
}

// A new user asks for a round trip from an Andorran start where every loop
// of the length is busy: several out-and-backs are offered, each saying
// where it turns, and a run to a park too far away is refused with the
// nearest park's distance by the streets (issue 15, session 22).
func TestRoutesSuggestCLIOutAndBacksAndFarPlaces(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the Andorra extract; skipped in -short")
	}
	pbf := testkit.Activities(t, "osm", "andorra.osm.pbf")
	db := filepath.Join(t.TempDir(), "r.db")
	if _, errs, code := suggestCLI(t, db, "map", "load", pbf); code != 0 {
		t.Fatalf("map load: %s", errs)
	}
	out, errs, code := suggestCLI(t, db, "routes", "suggest", "--distance", "17.3km", "--from", "42.5492637,1.5155001")
	if code != 0 {
		t.Fatalf("suggest: exit %d: %s", code, errs)
	}
	if n := strings.Count(out, ". out and back, "); n < 2 {
		t.Errorf("%d out-and-backs offered, want more than one:\n%s", n, out)
	}
	turns := map[string]bool{}
	for _, line := range strings.Split(out, "\n") {
		if _, after, ok := strings.Cut(line, "twice (out to "); ok {
			turns[after] = true
		}
	}
	if len(turns) < 2 {
		t.Errorf("the out-and-backs do not say where they turn, apart: %v\n%s", turns, out)
	}
	out, errs, code = suggestCLI(t, db, "routes", "suggest", "--distance", "4.09km", "--from", "42.471965,1.5442997", "--surface", "trail", "--to", "park", "--one-way")
	if code == 0 || !strings.Contains(errs+out, "the nearest park is ") || !strings.Contains(errs+out, "km away by the streets") {
		t.Errorf("a park too far: exit %d, %q %q", code, out, errs)
	}
}
