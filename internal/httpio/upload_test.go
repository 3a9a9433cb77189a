package httpio

import (
	"strings"
	"testing"
)

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"run.fit", "../../etc/passwd", "export/activities/1.gpx", "C:\\Users\\me\\a.tcx", "", "/abs/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := cleanName(s)
		if n == "" || strings.HasPrefix(n, "/") || strings.Contains("/"+n+"/", "/../") || len(n) > 300 {
			t.Fatalf("cleanName(%q) = %q", s, n)
		}
	})
}
