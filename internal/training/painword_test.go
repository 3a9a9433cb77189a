package training

import "testing"

// SaysHurt reads pain, injury and illness in the runner's words, in the
// languages they write, as whole words, with the negations that say the
// opposite.
func TestSaysHurt(t *testing.T) {
	for _, tc := range []struct {
		text       string
		hurt, fine bool
	}{
		{"knee sore", true, false},
		{"foot getting a bit better", true, false},
		{"Sick run", true, false},
		{"Pain, but not bad pain", true, false},
		{"Afterwork, Eis+Schnee, Erkältung", true, false},
		{"Lauf mit Knieschmerzen", true, false},
		{"verletzt abgebrochen", true, false},
		{"Schmerz im Fuß", true, false},
		{"受伤了", true, false},
		{"膝盖疼", true, false},
		{"lesión en el tobillo", true, false},
		{"petite blessure", true, false},
		{"kontuzja kolana", true, false},
		{"no pain", false, true},
		{"Long run, pain free", false, true},
		{"can finally put on my shoes without hamstring pain", false, true},
		{"schmerzfrei gelaufen", false, true},
		{"sin dolor", false, true},
		{"不疼了", false, true},
		{"痛快跑", false, false},
		{"Spain: painted hills loop", false, false},
		{"Footbridge run", false, false},
		{"Morning Run", false, false},
		{"Easy jog after being sick", false, false}, // a return, not a hurt
		{"", false, false},
	} {
		if hurt, fine := SaysHurt(tc.text); hurt != tc.hurt || fine != tc.fine {
			t.Errorf("SaysHurt(%q) = %v, %v; want %v, %v", tc.text, hurt, fine, tc.hurt, tc.fine)
		}
	}
}
