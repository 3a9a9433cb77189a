package web_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle/internal/cli"
)

// partlyGPX is a run whose 11th point has no time: it is imported with the
// times interpolated, "partly", and the outcome must say so.
func partlyGPX() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="rekindle test" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Harbour loop</name><type>running</type><trkseg>`)
	t0 := time.Date(2025, 5, 20, 7, 0, 0, 0, time.UTC)
	for i := range 40 {
		lat, lon := 43.7350+float64(i)*0.0003, 7.4200
		if i == 10 {
			fmt.Fprintf(&b, `<trkpt lat="%.5f" lon="%.5f"></trkpt>`, lat, lon)
			continue
		}
		fmt.Fprintf(&b, `<trkpt lat="%.5f" lon="%.5f"><time>%s</time></trkpt>`, lat, lon, t0.Add(time.Duration(i)*10*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.String()
}

// An upload outcome says why a file was imported only partly and links
// its activity by name, in the streamed events and on the no-JavaScript page.
func TestUploadOutcomeSaysWhyAndNames(t *testing.T) {
	s := newServer(t, filepath.Join(t.TempDir(), "outcome.db"), cli.ServeOptions{})
	c := s.Client(t)
	c.Signup("partly@example.org")
	p := filepath.Join(t.TempDir(), "harbour.gpx")
	mustWrite(t, p, []byte(partlyGPX()))
	var found bool
	for _, e := range c.Upload(p) {
		if e.File != "harbour.gpx" || e.Status == "received" {
			continue
		}
		found = true
		if e.Status != "partial" || !strings.Contains(e.Message, "without a time") {
			t.Errorf("outcome %q %q: want partial, saying why", e.Status, e.Message)
		}
		if len(e.Links) != 1 || e.Links[0].Name != "Harbour loop, Tue 20 May 2025" || len(e.Activities) != 1 || e.Links[0].ID != e.Activities[0] {
			t.Errorf("links %+v for activities %v", e.Links, e.Activities)
		}
	}
	if !found {
		t.Fatal("no outcome for harbour.gpx")
	}
	// The no-JavaScript form: the same words on the page.
	p2 := filepath.Join(t.TempDir(), "harbour2.gpx")
	mustWrite(t, p2, []byte(strings.ReplaceAll(strings.Replace(partlyGPX(), "Harbour loop", "Harbour loop again", 1), "2025-05-20", "2025-05-21")))
	_, body := c.Do("POST", "/upload", filesBody(t, p2))
	if !strings.Contains(body, "imported, partly: ") || !strings.Contains(body, "without a time") || !strings.Contains(body, ">Harbour loop again, Wed 21 May 2025</a>") {
		t.Errorf("upload page does not say why or name the run:\n%s", body)
	}
}
