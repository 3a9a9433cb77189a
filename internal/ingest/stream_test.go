package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStreamedInputs: files no decoder reads are hashed as they stream
// past (their SHA-256 is that of the whole inflated content, their error the
// usual one, a damaged gzip stream named as such), while a GPX whose root
// element lies past the sniffed head is still read whole and imported.
func TestStreamedInputs(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	for i := range 120_000 {
		fmt.Fprintf(&log, "%d heartbeat monitor log line\n", i)
	}
	gzLog := gz(t, log.Bytes())
	start := time.Date(2024, 5, 6, 7, 0, 0, 0, time.UTC)
	doc := gpxDoc("preamble", start, 40)
	preamble := append([]byte(`<?xml version="1.0"?>`+"\n<!-- "+strings.Repeat("a long export comment ", 400)+" -->\n"), doc[bytes.Index(doc, []byte("<gpx")):]...)
	files := map[string][]byte{
		"big.log":           log.Bytes(),
		"big.log.gz":        gzLog,
		"big-cut.log.gz":    gzLog[:len(gzLog)/2],
		"big.log.gz.gz":     gz(t, gzLog),
		"preamble.gpx":      preamble,
		"preamble.gpx.gz":   gz(t, preamble),
		"nested-zip.gpx.gz": gz(t, append([]byte("PK\x03\x04"), log.Bytes()[:100]...)),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum := sha256.Sum256(log.Bytes())
	logSHA := hex.EncodeToString(sum[:])
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, _, err := importOne(t, s, Options{}, dir)
			if err != nil {
				t.Fatal(err)
			}
			wantErr := map[string]string{
				"big.log":           "not a GPX, TCX, FIT, zip, gzip or known CSV file",
				"big.log.gz":        "not a GPX, TCX, FIT, zip, gzip or known CSV file",
				"big.log.gz.gz":     "not a GPX, TCX, FIT, zip, gzip or known CSV file",
				"big-cut.log.gz":    "gzip: truncated",
				"nested-zip.gpx.gz": "an archive inside a gzip file is not supported",
			}
			for f, want := range wantErr {
				r := byBase(res, f)
				if r.Status != "failed" || !strings.Contains(r.Error, want) {
					t.Errorf("%s: %s %q, want failed with %q", f, r.Status, r.Error, want)
				}
			}
			for _, f := range []string{"preamble.gpx", "preamble.gpx.gz"} {
				if r := byBase(res, f); r.Status != "imported" && r.Status != "duplicate" {
					t.Errorf("%s: %s %q, want imported (root element past the sniffed head)", f, r.Status, r.Error)
				}
			}
			recs, err := s.ListFiles(context.Background(), athlete(t, s))
			if err != nil {
				t.Fatal(err)
			}
			hashed := 0
			for _, r := range recs {
				if strings.HasPrefix(filepath.Base(r.Name), "big.log") {
					hashed++
					if r.SHA256 != logSHA {
						t.Errorf("%s: sha256 %s, want that of its content %s", r.Name, r.SHA256, logSHA)
					}
				}
			}
			if hashed == 0 {
				t.Errorf("no file record for the big logs among %d", len(recs))
			}
		})
	}
}
