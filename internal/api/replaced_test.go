package api_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle/internal/testkit"
)

// A watch's FIT uploaded after the phone app's GPX of the same session
// (held-out real-74's files, testdata/activities/workouts-page) replaces
// the app's record, which is kept as its duplicate: the upload says so
// with one status, "replaced", naming the GPX, in the API's events and on
// the page without JavaScript (the CLI prints the same FileResult).
func TestUploadSaysWhatAFileReplaced(t *testing.T) {
	dir := testkit.Activities(t, "workouts-page")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	const gpx, fit = "workouts-page-treadmill-210855881.gpx", "workouts-page-treadmill-210855881.fit"
	srv, _ := newRealServer(t)
	c := newUploadClient(t, srv.URL)
	ctx := context.Background()
	if _, err := c.upload(ctx, map[string][]byte{gpx: read(gpx)}); err != nil {
		t.Fatal(err)
	}
	evs, err := c.upload(ctx, map[string][]byte{fit: read(fit)})
	if err != nil {
		t.Fatal(err)
	}
	var got bool
	for _, e := range evs {
		if e.File != fit || e.Status == "received" || e.Status == "progress" {
			continue
		}
		got = true
		if e.Status != "replaced" || len(e.Replaced) != 1 || e.Replaced[0].File != gpx || len(e.Activities) != 1 || e.Replaced[0].ActivityID != e.Activities[0] ||
			!strings.Contains(e.Message, "replaced the copy from "+gpx) {
			t.Errorf("FIT event %+v, want replaced, naming %s", e, gpx)
		}
	}
	if last := evs[len(evs)-1]; !got || last.Status != "done" || last.Message != "1 replaced" {
		t.Fatalf("events %+v", evs)
	}

	// The page without JavaScript, on a fresh server: the same words.
	srv, _ = newRealServer(t)
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	post := func(name string) string {
		resp, err := hc.Get(srv.URL + "/upload")
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := csrfInput.FindSubmatch(page)
		if m == nil {
			t.Fatalf("no csrf_token in the upload page")
		}
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("csrf_token", string(m[1]))
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(read(name))
		mw.Close()
		resp, err = hc.Post(srv.URL+"/upload", mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return string(out)
	}
	post(gpx)
	if out := post(fit); !strings.Contains(out, "imported, replacing an earlier copy: replaced the copy from "+gpx) || !strings.Contains(out, "Done: 1 replaced") {
		t.Fatalf("page:\n%s", out)
	}
}
