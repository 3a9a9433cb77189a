// Package xsdcheck validates XML the product writes (GPX, TCX) against the
// official XSDs in testdata/xsd with xmllint (Debian libxml2-utils), an
// independent validator. It is meant for tests.
package xsdcheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Schemas: each wraps an official schema with the Garmin extension schemas
// rekindle writes, so that extension content is checked too.
const (
	GPX = "gpx-garmin.xsd" // GPX 1.1 + Garmin TrackPointExtension v1
	TCX = "tcx-garmin.xsd" // TCX v2 + Garmin ActivityExtension v2
)

// Dir is the directory holding the XSDs (testdata/xsd at the repository root).
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "xsd")
}

// Xmllint returns the xmllint path. Without it the test is skipped locally
// and fails in CI (CI=true), where .ci/run installs libxml2-utils.
func Xmllint(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("xmllint not found (install libxml2-utils): %v", err)
		}
		t.Skip("xmllint not found: install libxml2-utils to validate written GPX/TCX against the XSDs")
	}
	return p
}

// Validate checks the documents against schema (GPX or TCX) with one
// xmllint run and reports each invalid document by name.
func Validate(t testing.TB, schema string, docs map[string][]byte) {
	t.Helper()
	if len(docs) == 0 {
		t.Fatal("xsdcheck: no documents to validate")
	}
	bin := Xmllint(t)
	dir := t.TempDir()
	args := []string{"--noout", "--nonet", "--schema", filepath.Join(Dir(), schema)}
	for name, b := range docs {
		p := filepath.Join(dir, filepath.Base(name))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	var out bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	report := strings.ReplaceAll(out.String(), dir+string(filepath.Separator), "")
	valid := strings.Count(report, " validates")
	if err != nil || valid != len(docs) {
		t.Errorf("xmllint --schema %s: %d of %d documents valid (%v):\n%s", schema, valid, len(docs), err, head(report, 40))
	}
}

func head(s string, lines int) string {
	l := strings.SplitAfter(s, "\n")
	if len(l) > lines {
		return strings.Join(l[:lines], "") + fmt.Sprintf("… (%d more lines)\n", len(l)-lines)
	}
	return s
}
