package strava

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

// FuzzParseKey checks that any configured token key either fails cleanly
// or is 32 bytes that read back the same from hex and from base64.
func FuzzParseKey(f *testing.F) {
	key := bytes.Repeat([]byte{0xab}, 32)
	for _, s := range []string{hex.EncodeToString(key), strings.ToUpper(hex.EncodeToString(key)), base64.StdEncoding.EncodeToString(key),
		" " + hex.EncodeToString(key) + "\n", base64.RawStdEncoding.EncodeToString(key), "", "00", strings.Repeat("0", 63)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseKey(s)
		if err != nil {
			return
		}
		if len(b) != 32 {
			t.Fatalf("%q: %d-byte key accepted", s, len(b))
		}
		for _, enc := range []string{hex.EncodeToString(b), base64.StdEncoding.EncodeToString(b)} {
			if again, err := ParseKey(enc); err != nil || !bytes.Equal(again, b) {
				t.Fatalf("%q: key does not read back from %q (%v)", s, enc, err)
			}
		}
	})
}
