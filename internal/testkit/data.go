package testkit

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

var root = sync.OnceValues(func() (string, error) {
	// This file is <root>/internal/testkit/data.go.
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		dir := filepath.Dir(filepath.Dir(filepath.Dir(file)))
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
	}
	// Built with -trimpath: ask the go command for the main module's go.mod.
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", os.ErrNotExist
	}
	return filepath.Dir(gomod), nil
})

// Root returns the module root, the directory holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := root()
	if err != nil {
		t.Fatalf("testkit: cannot find the module root (go.mod): %v", err)
	}
	return dir
}

// Activities returns the path of testdata/activities/<elem...> at the module
// root (the real device files and OSM extracts listed in its MANIFEST.md)
// and fails the test, naming the path, when it is not there.
func Activities(t testing.TB, elem ...string) string {
	t.Helper()
	p := filepath.Join(append([]string{Root(t), "testdata", "activities"}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test data missing: %v (it is committed with the repository under testdata/activities)", err)
	}
	return p
}

// Glob returns the files under testdata/activities matching pattern (in
// filepath.Match syntax, relative to that folder), sorted, and fails the
// test when none matches.
func Glob(t testing.TB, pattern string) []string {
	t.Helper()
	dir := Activities(t)
	paths, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil {
		t.Fatalf("testkit: glob %q: %v", pattern, err)
	}
	if len(paths) == 0 {
		t.Fatalf("test data missing: no file in %s matches %q", dir, pattern)
	}
	return paths
}

// ModuleFile returns the path of a file shipped inside a dependency's module
// (as the go command resolves it for this module: its version from go.mod,
// GOMODCACHE, GOFLAGS) and fails the test, naming the path, when the module
// or the file is absent.
func ModuleFile(t testing.TB, module string, elem ...string) string {
	t.Helper()
	cmd := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", module)
	cmd.Dir = Root(t)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		t.Fatalf("module %s is not in the module cache (run 'go mod download %s'): %v %s", module, module, err, strings.TrimSpace(stderr.String()))
	}
	p := filepath.Join(append([]string{dir}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("module %s lacks %s: %v", module, filepath.Join(elem...), err)
	}
	return p
}
