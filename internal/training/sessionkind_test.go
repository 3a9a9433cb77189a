package training

import "testing"

func TestSessionKind(t *testing.T) {
	for _, c := range []struct {
		name    string
		kind    string
		quality bool
	}{
		{"7公里轻松跑", "easy", false},
		{"4公里法特莱克跑", "fartlek", true},
		{"9公里渐进节奏跑", "tempo", true},
		{"3*800m间歇跑", "interval", true},
		{"11公里长距离巡航跑", "tempo", true},
		{"Tempo Tuesday", "tempo", true},
		{"Sunday long run", "long", false},
		{"Easy jog", "easy", false},
		{"Threshold work", "threshold", true},
		{"Morning Run", "", false},
		{"Berlin Marathon", "", false},
		{"Temporary detour", "", false},
	} {
		if k, q := SessionKind(c.name); k != c.kind || q != c.quality {
			t.Errorf("SessionKind(%q) = %q, %v; want %q, %v", c.name, k, q, c.kind, c.quality)
		}
	}
}
