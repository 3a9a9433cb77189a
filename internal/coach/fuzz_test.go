package coach

import (
	"slices"
	"testing"
)

// FuzzParseScopes: any scope list a form or the API posts is refused or
// read into known scopes, read first, each once, that format and read back
// the same.
func FuzzParseScopes(f *testing.F) {
	for _, s := range []string{"read,comment,edit_plan", " edit_plan , read ", "", ",,", "admin", "read,read"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ss, err := ParseScopes(s)
		if err != nil {
			return
		}
		if len(ss) == 0 || ss[0] != ScopeRead {
			t.Fatalf("ParseScopes(%q) = %v", s, ss)
		}
		for i, sc := range ss {
			if !slices.Contains(AllScopes, sc) || slices.Index(ss, sc) != i {
				t.Fatalf("ParseScopes(%q) = %v", s, ss)
			}
		}
		back, err := ParseScopes(FormatScopes(ss))
		if err != nil || !slices.Equal(back, ss) {
			t.Fatalf("round trip of %v: %v %v", ss, back, err)
		}
	})
}
