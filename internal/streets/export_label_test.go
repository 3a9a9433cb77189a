package streets

import (
	"testing"
	"unicode/utf8"
)

func TestFITLabelKeepsWholeCharacters(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Rue Grimaldi", "Rue Grimaldi"},
		{"Boulevard du Général de Gaulle", "Boulevard du G"}, // 'é' would straddle byte 15
		{"Avenue de la Costa", "Avenue de la Co"},
		{"Straße des 17. Juni", "Straße des 17."},
		{"ééééééééé", "ééééééé"},
		{"", ""},
	} {
		got := fitLabel(tc.in)
		if got != tc.want || !utf8.ValidString(got) || len(got) > 15 {
			t.Errorf("fitLabel(%q) = %q, want %q (valid UTF-8, ≤ 15 bytes)", tc.in, got, tc.want)
		}
	}
}
