package cli

import "testing"

func TestParseMemSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
	}{
		{"160MiB", 160 << 20}, {"1GiB", 1 << 30}, {"512KiB", 512 << 10}, {"1000", 1000}, {"2048B", 2048},
		{"", -1}, {"160MB", -1}, {"-5MiB", -1}, {"MiB", -1}, {"off", -1},
	} {
		got, err := parseMemSize(c.in)
		if c.want < 0 {
			if err == nil {
				t.Errorf("parseMemSize(%q) = %d, want an error", c.in, got)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("parseMemSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}
