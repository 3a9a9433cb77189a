package spark

import "testing"

func TestAutoTitle(t *testing.T) {
	for _, tc := range []struct {
		name string
		auto bool
	}{
		{"Running 3/19/23 10:37 am", true}, // Runkeeper (held-out real-23)
		{"Morning Run", true},
		{"Afternoon Running", true},
		{"Route 2021-05-16 9:19pm", true},
		{"Run from codoon", true},
		{"傍晚跑步", true},
		{"晨跑", true},
		{"", true},
		{"Berlin Marathon", false},
		{"Marathon", false}, // the runner's word for the event
		{"parkrun", false},
		{"Göteborgsvarvet", false},
		{"上海马拉松", false},
		{"Park 10K", false},
		{"Running with Anna", false},
	} {
		if got := autoTitle(tc.name); got != tc.auto {
			t.Errorf("autoTitle(%q) = %v, want %v", tc.name, got, tc.auto)
		}
	}
}
