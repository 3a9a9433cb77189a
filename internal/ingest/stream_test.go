package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
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

// TestDeflatedMemberKeptAsIs: a deflated zip member's original is its own
// deflate stream framed as gzip (no second compression), and it reads back
// byte-identical through compress/gzip, which checks the CRC-32 and size
// the framing carries; /bin/gzip checks it too when present.
func TestDeflatedMemberKeptAsIs(t *testing.T) {
	needTestdata(t)
	fitData := read(t, "fit/garmin-edge-500-activity.fit")
	gpxData := gpxDoc("member", time.Date(2024, 6, 1, 6, 0, 0, 0, time.UTC), 300)
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	sizes := map[string]uint64{}
	for name, b := range map[string][]byte{"a/ride.fit": fitData, "a/walk.gpx": gpxData} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zbuf.Bytes()), int64(zbuf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		sizes[f.Name] = f.CompressedSize64
	}
	path := filepath.Join(t.TempDir(), "export.zip")
	if err := os.WriteFile(path, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"a/ride.fit": fitData, "a/walk.gpx": gpxData}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			res, _, err := importOne(t, s, Options{}, path)
			if err != nil {
				t.Fatal(err)
			}
			ath := athlete(t, s)
			origs, err := s.ListOriginals(ctx, ath)
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, o := range origs {
				member := o.Name[strings.LastIndexByte(o.Name, '!')+1:]
				b, ok := want[member]
				if !ok {
					continue
				}
				found++
				full, err := s.GetOriginal(ctx, ath, o.SHA256)
				if err != nil {
					t.Fatal(err)
				}
				if got := uint64(len(full.Data)); got != sizes[member]+18 {
					t.Errorf("%s: original is %d bytes, want its deflate stream (%d) plus gzip framing (18)", member, got, sizes[member])
				}
				gr, err := gzip.NewReader(bytes.NewReader(full.Data))
				if err != nil {
					t.Fatalf("%s: %v", member, err)
				}
				got, err := io.ReadAll(gr)
				if err != nil || !bytes.Equal(got, b) {
					t.Errorf("%s: original reads back %d bytes, err %v; want the %d bytes imported", member, len(got), err, len(b))
				}
				if gzipBin, err := exec.LookPath("gzip"); err == nil {
					cmd := exec.Command(gzipBin, "-t")
					cmd.Stdin = bytes.NewReader(full.Data)
					if out, err := cmd.CombinedOutput(); err != nil {
						t.Errorf("%s: gzip -t: %v %s", member, err, out)
					}
				}
			}
			if found != 2 {
				t.Errorf("%d originals of the zip's members, want 2 (results %v)", found, res)
			}
		})
	}
}
