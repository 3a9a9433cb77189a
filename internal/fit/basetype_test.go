package fit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"rekindle"
)

// A Strava FIT of 2020 (testdata/imports) writes file_id.serial_number, a
// uint32z, with base type byte 0x0C instead of 0x8C; its CRC is right (checked
// with an independent reader, testdata/imports/README.md). The FIT SDK reads
// the base type by its number, so the file is sound: decoded whole, no warning.
func TestBaseTypeWithoutEndianBit(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "imports", "real64-3280081443-basetype.fit"))
	if err != nil {
		t.Fatal(err)
	}
	orig := bytes.Clone(data)
	acts, err := Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, orig) {
		t.Fatal("the caller's bytes were changed")
	}
	if len(acts) != 1 || len(acts[0].Warnings) != 0 || acts[0].Sport != rekindle.SportRunning {
		t.Fatalf("got %d activities, warnings %q", len(acts), acts[0].Warnings)
	}
	if n := len(acts[0].Track.Time); n < 100 {
		t.Errorf("%d samples", n)
	}

	fixed := bytes.Clone(data)
	if n := fixBaseTypes(fixed); n != 1 || fixed[12+6+3*3+2] != 0x8C {
		t.Errorf("fixBaseTypes repaired %d definitions, byte %#x", n, fixed[12+6+3*3+2])
	}
	if n := fixBaseTypes(fixed); n != 0 {
		t.Errorf("a second pass repaired %d", n)
	}
	w := &walker{r: bytes.NewReader(fixed)}
	buf := make([]byte, 4096)
	for {
		if _, err := w.Read(buf); err != nil {
			break
		}
	}
	if len(w.segs) != 1 || w.segs[0].CRC != "ok" {
		t.Errorf("segments after repair: %+v, want one with its CRC ok", w.segs)
	}
}
