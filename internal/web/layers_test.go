package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoStoreReach keeps the pages a shell over athlete.App: no handler
// reads or writes the store itself (App.Store is for the JSON API's
// remaining handlers).
func TestNoStoreReach(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, ".Store()") || strings.Contains(line, "cfg.Store") {
				t.Errorf("%s:%d reaches into the store: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
