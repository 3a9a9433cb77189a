package demo

import (
	"bytes"
	"testing"

	"rekindle"
	"rekindle/internal/xsdcheck"
)

// TestWrittenFilesValidate checks every GPX and TCX file the demo writes for
// a quarter-year of runs against the official GPX 1.1 and TCX v2 XSDs (with
// the Garmin extension schemas) using xmllint.
func TestWrittenFilesValidate(t *testing.T) {
	xsdcheck.Xmllint(t)
	h := generate(t, "happy", 0.25)
	docs := map[rekindle.SourceFormat]map[string][]byte{rekindle.FormatGPX: {}, rekindle.FormatTCX: {}}
	for _, a := range h.Activities {
		m, ok := docs[a.Source.Format]
		if !ok {
			continue
		}
		var buf bytes.Buffer
		if err := WriteFile(&buf, a); err != nil {
			t.Fatal(err)
		}
		m[a.Source.File] = buf.Bytes()
	}
	t.Logf("%d GPX, %d TCX files", len(docs[rekindle.FormatGPX]), len(docs[rekindle.FormatTCX]))
	xsdcheck.Validate(t, xsdcheck.GPX, docs[rekindle.FormatGPX])
	xsdcheck.Validate(t, xsdcheck.TCX, docs[rekindle.FormatTCX])
}
