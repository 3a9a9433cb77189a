package testkit

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fatalRecorder records the Fatalf a helper calls instead of failing.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Helper() {}
func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *fatalRecorder) Skipf(format string, args ...any) {
	r.msg = "SKIPPED " + fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// fatal runs f with a recorder and returns what it failed with.
func fatal(t *testing.T, f func(tb testing.TB)) string {
	r := &fatalRecorder{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); f(r) }()
	<-done
	return r.msg
}

// TestMissingDataFails: data that is not there fails the test with its
// path; it never skips.
func TestMissingDataFails(t *testing.T) {
	for name, f := range map[string]func(testing.TB){
		"file":   func(tb testing.TB) { Activities(tb, "fit", "no-such.fit") },
		"glob":   func(tb testing.TB) { Glob(tb, "fit/*.nothing") },
		"module": func(tb testing.TB) { ModuleFile(tb, "github.com/paulmach/osm", "testdata", "no-such.pbf") },
	} {
		msg := fatal(t, f)
		if msg == "" || strings.HasPrefix(msg, "SKIPPED") || !strings.Contains(msg, "no-such") && !strings.Contains(msg, "*.nothing") {
			t.Errorf("%s: %q", name, msg)
		}
	}
}

func TestRootHoldsTheModule(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(Root(t), "go.mod"))
	if err != nil || len(b) < 15 || string(b[:15]) != "module rekindle" {
		t.Fatalf("root go.mod: %v %.40q", err, b)
	}
}

func TestActivities(t *testing.T) {
	for _, rel := range []string{"MANIFEST.md", "expected.json", "fit", "gpx", "tcx", "osm"} {
		Activities(t, rel)
	}
	if n := len(Glob(t, "fit/*.fit")); n != 24 {
		t.Errorf("%d FIT files, MANIFEST.md lists 24", n)
	}
}

func TestClock(t *testing.T) {
	if Now() != Today || Today.Weekday() != 1 || Midnight.Hour() != 0 || Midnight.Day() != Today.Day() {
		t.Errorf("clock: %v %v %v", Now(), Today.Weekday(), Midnight)
	}
}

func TestProcessCPU(t *testing.T) {
	c0 := ProcessCPU()
	x := 0
	for i := range 50_000_000 {
		x ^= i
	}
	if c1 := ProcessCPU(); runtime.GOOS == "linux" && c1 <= c0 {
		t.Errorf("CPU time did not advance over a busy loop: %v -> %v (%d)", c0, c1, x)
	}
}

// TestNoticeListsTestData: every third-party file under testdata/activities
// is listed in NOTICE with its source and licence.
func TestNoticeListsTestData(t *testing.T) {
	notice, err := os.ReadFile(filepath.Join(Root(t), "NOTICE"))
	if err != nil {
		t.Fatal(err)
	}
	dir := Activities(t)
	n := 0
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(Root(t), p)
		rel = filepath.ToSlash(rel)
		if rel == "testdata/activities/MANIFEST.md" || rel == "testdata/activities/expected.json" {
			return nil // written for this project
		}
		n++
		if !strings.Contains(string(notice), "  "+rel+"\n") {
			t.Errorf("NOTICE does not list %s", rel)
		}
		return nil
	})
	if err != nil || n < 50 {
		t.Fatalf("%d files: %v", n, err)
	}
}

// TestOnlyTestsImportTestkit: production code never imports testkit or its
// test server (test-only packages under internal/testkit may import testkit).
func TestOnlyTestsImportTestkit(t *testing.T) {
	root := Root(t)
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".") && p != root) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.HasPrefix(p, filepath.Join(root, "internal", "testkit")+string(filepath.Separator)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), `"rekindle/internal/testkit"`) || strings.Contains(string(b), `"rekindle/internal/testkit/`) {
			t.Errorf("%s imports testkit; only tests may", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
