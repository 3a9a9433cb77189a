package webpush

import (
	"testing"
)

// FuzzParseVAPIDKey checks that any configured key either fails cleanly or
// is a P-256 key that reads back the same from its own encoding.
func FuzzParseVAPIDKey(f *testing.F) {
	_, enc, err := NewVAPIDKey()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{enc, enc + "=", enc[:len(enc)-1], "", "=", "====", "AAAA", "_-_-", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseVAPIDKey(s)
		if err != nil {
			return
		}
		b, err := k.Bytes()
		if err != nil {
			t.Fatalf("%q: accepted key has no bytes: %v", s, err)
		}
		again, err := ParseVAPIDKey(b64.EncodeToString(b))
		if err != nil || !again.Equal(k) {
			t.Fatalf("%q: key does not read back from its encoding (%v)", s, err)
		}
		if _, err := k.PublicKey.Bytes(); err != nil {
			t.Fatalf("%q: accepted key has no public point: %v", s, err)
		}
	})
}
