package route

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestFingerprintQuality(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	type tally struct{ n, ok int }
	pos := map[string]*tally{}
	neg := map[string]*tally{}
	var posN, posOK, negN, negBad int
	for b := range 12 {
		base := makeBase(rng, b)
		ref := fpOf(rng, fxCase{path: base, sigma: 5, spacing: 3})
		for _, c := range fixtures(rng, base, []float64{5, 10}) {
			fp := fpOf(rng, c)
			s := Similarity(ref, fp)
			if s2 := Similarity(fp, ref); s2 != s {
				t.Fatalf("similarity not symmetric: %v vs %v", s, s2)
			}
			m := pos
			if !c.positive {
				m = neg
			}
			if m[c.name] == nil {
				m[c.name] = &tally{}
			}
			m[c.name].n++
			if c.positive {
				posN++
				if s >= SameRoute {
					posOK++
					m[c.name].ok++
				} else {
					t.Logf("miss %s σ=%.0f spacing %.0f: S=%.2f", c.name, c.sigma, c.spacing, s)
				}
			} else {
				negN++
				if s >= SameRoute {
					negBad++
					m[c.name].ok++
					t.Logf("false match %s σ=%.0f: S=%.2f", c.name, c.sigma, s)
				}
			}
		}
	}
	for k, v := range pos {
		t.Logf("positive %-18s %d/%d", k, v.ok, v.n)
	}
	for k, v := range neg {
		t.Logf("negative %-22s %d/%d matched", k, v.ok, v.n)
	}
	recall := float64(posOK) / float64(posN)
	falseRate := float64(negBad) / float64(negN)
	t.Logf("recall %.3f (%d/%d), false matches %.3f (%d/%d)", recall, posOK, posN, falseRate, negBad, negN)
	if recall < 0.95 {
		t.Errorf("recall %.3f < 0.95 at σ ≤ 10 m", recall)
	}
	if falseRate > 0.02 {
		t.Errorf("false matches %.3f > 2%%", falseRate)
	}
}

func TestFingerprintSigma20(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ok, n := 0, 0
	for b := range 8 {
		base := makeBase(rng, b)
		ref := fpOf(rng, fxCase{path: base, sigma: 5, spacing: 3})
		for _, c := range fixtures(rng, base, []float64{20}) {
			if !c.positive {
				continue
			}
			n++
			if Similarity(ref, fpOf(rng, c)) >= SameRoute {
				ok++
			}
		}
	}
	t.Logf("σ=20 m recall %d/%d", ok, n) // reported, not a target
}

func TestShapeKinds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	base := makeBase(rng, 0)
	d := densify(base, 5)
	half := d[:len(d)/2]
	track := []xy{}
	for range 10 { // 10 laps of a 100 m × 60 m oval-ish rectangle
		track = append(track, densify([]xy{{0, 0}, {100, 0}, {100, 60}, {0, 60}, {0, 0}}, 2)...)
	}
	cases := []struct {
		name string
		path []xy
		want Kind
	}{
		{"loop", base, KindLoop},
		{"two laps", append(d, d[1:]...), KindLoop},
		{"out and back", append(append([]xy{}, half...), reverse(half)...), KindOutAndBack},
		{"point to point", half, KindPointToPoint},
		{"track", track, KindTrack},
	}
	for _, c := range cases {
		fp := fpOf(rng, fxCase{path: c.path, sigma: 4, spacing: 3})
		if fp.Kind != c.want {
			t.Errorf("%s: kind %s, want %s", c.name, fp.Kind, c.want)
		}
	}
	if fp := NewFingerprint(nil, nil, nil, 5000); fp.Kind != KindTreadmill || fp.DistanceM != 5000 {
		t.Errorf("no GPS: %+v", fp)
	}
}

func TestFingerprintEncoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	fp := fpOf(rng, fxCase{path: makeBase(rng, 3), sigma: 5, spacing: 3})
	b, _ := fp.MarshalBinary()
	var got Fingerprint
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Cells, fp.Cells) || got.Kind != fp.Kind || got.DistanceM != fp.DistanceM || len(got.Clean) != len(fp.Clean) {
		t.Fatalf("round trip differs")
	}
	for i := range b {
		var x Fingerprint
		_ = x.UnmarshalBinary(b[:i]) // must not panic
	}
}

func FuzzFingerprintDecode(f *testing.F) {
	rng := rand.New(rand.NewPCG(9, 9))
	fp := fpOf(rng, fxCase{path: makeBase(rng, 1), sigma: 5, spacing: 20})
	b, _ := fp.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		var x Fingerprint
		if x.UnmarshalBinary(data) == nil {
			Similarity(&x, &x)
		}
	})
}
