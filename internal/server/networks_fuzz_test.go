package server

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParseNetworks checks that any metrics-networks setting either fails
// cleanly or gives valid, masked prefixes that read back the same.
func FuzzParseNetworks(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8, 192.168.1.5", "::1", "::ffff:10.0.0.1", "::ffff:10.0.0.0/104", "fe80::1%eth0",
		"2001:db8::/32,,127.0.0.1", " 10.1.2.3/8 ", "10.0.0.0/33", "1.2.3.4/-1", "", ","} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nets, err := ParseNetworks(s)
		if err != nil {
			return
		}
		strs := make([]string, len(nets))
		for i, p := range nets {
			if !p.IsValid() || p != p.Masked() {
				t.Fatalf("%q: prefix %d %v is not a valid masked network", s, i, p)
			}
			strs[i] = p.String()
		}
		again, err := ParseNetworks(strings.Join(strs, ","))
		if err != nil || !slices.Equal(again, nets) {
			t.Fatalf("%q → %v, read back as %v (%v)", s, nets, again, err)
		}
	})
}
