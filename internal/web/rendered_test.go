package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRenderedGzip: a remembered page is kept gzipped, sent as it is to a
// client that takes gzip and inflated for one that does not (the bounds
// of the response cache that keeps it are package cache's tests).
func TestRenderedGzip(t *testing.T) {
	page := []byte("<!doctype html><title>x</title>" + strings.Repeat("<tr><td>12.3 km</td><td>5:01 /km</td></tr>\n", 500))
	gz := gzipPage(page)
	if len(gz) >= len(page)/4 {
		t.Fatalf("gzipped %d bytes of %d", len(gz), len(page))
	}
	for _, tc := range []struct {
		accept string
		gz     bool
	}{{"", false}, {"gzip, deflate, br", true}, {"br;q=1.0, gzip;q=0.8", true}, {"gzip;q=0", false}, {"identity", false}} {
		r := httptest.NewRequest("GET", "/", nil)
		if tc.accept != "" {
			r.Header.Set("Accept-Encoding", tc.accept)
		}
		rw := httptest.NewRecorder()
		writeGzipped(rw, r, http.StatusOK, gz)
		body := rw.Body.Bytes()
		if got := rw.Header().Get("Content-Encoding") == "gzip"; got != tc.gz {
			t.Fatalf("Accept-Encoding %q: gzipped %v, want %v", tc.accept, got, tc.gz)
		}
		if tc.gz {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			if body, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(body, page) {
			t.Fatalf("Accept-Encoding %q: the page differs (%d bytes, want %d)", tc.accept, len(body), len(page))
		}
		if cl := rw.Header().Get("Content-Length"); cl == "" {
			t.Fatalf("no Content-Length")
		}
	}
}
