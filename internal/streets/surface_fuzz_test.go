package streets

import "testing"

// FuzzParseSurfacePref checks that any surface either fails cleanly or is
// one of the three preferences, which reads back as itself.
func FuzzParseSurfacePref(f *testing.F) {
	for _, s := range []string{"", "road", "mixed", "trail", "Road", " trail", "gravel", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseSurfacePref(s)
		if err != nil {
			return
		}
		switch p {
		case PreferRoad, PreferMixed, PreferTrail:
		default:
			t.Fatalf("%q → unknown preference %q", s, p)
		}
		if again, err := ParseSurfacePref(string(p)); err != nil || again != p {
			t.Fatalf("%q → %q reads back as %q (%v)", s, p, again, err)
		}
	})
}
