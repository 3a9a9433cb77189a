package demo

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"math"
	"sync"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/measure"
	"rekindle/internal/tcx"
)

var (
	streetsOnce sync.Once
	demoStreets *Streets
	streetsErr  error
)

func testStreets(t testing.TB) *Streets {
	t.Helper()
	streetsOnce.Do(func() { demoStreets, streetsErr = MonacoStreets(context.Background()) })
	if streetsErr != nil {
		t.Fatal(streetsErr)
	}
	return demoStreets
}

var testEnd = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func generate(t testing.TB, persona string, years float64) *History {
	t.Helper()
	h, err := Generate(context.Background(), Options{Persona: persona, Years: years, End: testEnd, Streets: testStreets(t)})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

type decodeFunc func(r *bytes.Reader) ([]*rekindle.Activity, error)

// roundTrip writes activities of one format and decodes them with
// rekindle's own decoder, comparing measured distance and times with the
// simulated truth.
func roundTrip(t *testing.T, format rekindle.SourceFormat, dec decodeFunc, distTol float64) {
	h := generate(t, "happy", 0.25)
	checked := 0
	for _, a := range h.Activities {
		if a.Source.Format != format || checked >= 12 {
			continue
		}
		checked++
		var buf bytes.Buffer
		if err := WriteFile(&buf, a); err != nil {
			t.Fatal(err)
		}
		got, err := dec(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("%s: decode: %v", a.Source.File, err)
		}
		if len(got) != 1 {
			t.Fatalf("%s: %d activities", a.Source.File, len(got))
		}
		g := got[0]
		measure.Activity(g)
		want := a.Totals
		s := g.Summary
		if !g.Start.Equal(a.Start) {
			t.Errorf("%s: start %v, want %v", a.Source.File, g.Start, a.Start)
		}
		if g.Track.Len() != a.Track.Len() {
			t.Errorf("%s: %d samples, want %d", a.Source.File, g.Track.Len(), a.Track.Len())
		}
		if math.Abs(s.ElapsedS-want.ElapsedS) > 1 {
			t.Errorf("%s: elapsed %.0f, want %.0f", a.Source.File, s.ElapsedS, want.ElapsedS)
		}
		if want.DistanceM > 0 && math.Abs(s.DistanceM-want.DistanceM) > distTol*want.DistanceM {
			t.Errorf("%s: distance %.0f (%s), want %.0f ± %.1f%%", a.Source.File, s.DistanceM, s.DistanceSource, want.DistanceM, distTol*100)
		}
		// Moving time: the simulated runner stood still for up to ~3 min.
		if s.MovingS > s.ElapsedS || s.MovingS < want.TimerS-200 {
			t.Errorf("%s: moving %.0f, timer %.0f, elapsed %.0f", a.Source.File, s.MovingS, want.TimerS, s.ElapsedS)
		}
		if math.Abs(s.AvgHR-want.AvgHR) > 4 {
			t.Errorf("%s: avg HR %.0f, want %.0f", a.Source.File, s.AvgHR, want.AvgHR)
		}
	}
	if checked == 0 {
		t.Fatalf("no %s activity generated", format)
	}
}

func TestRoundTripGPX(t *testing.T) {
	roundTrip(t, rekindle.FormatGPX, func(r *bytes.Reader) ([]*rekindle.Activity, error) { return gpx.Decode(r) }, 0.04)
}

func TestDeterministic(t *testing.T) {
	a := generate(t, "rut", 0.3)
	b := generate(t, "rut", 0.3)
	if len(a.Activities) != len(b.Activities) || len(a.CheckIns) != len(b.CheckIns) {
		t.Fatalf("two runs differ: %d/%d activities, %d/%d check-ins", len(a.Activities), len(b.Activities), len(a.CheckIns), len(b.CheckIns))
	}
	for i := range a.Activities {
		x, y := a.Activities[i], b.Activities[i]
		if x.Source.File != y.Source.File || x.Track.Len() != y.Track.Len() || x.Totals != y.Totals {
			t.Fatalf("activity %d differs: %s vs %s", i, x.Source.File, y.Source.File)
		}
	}
	var w1, w2 bytes.Buffer
	if err := WriteFile(&w1, a.Activities[3]); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(&w2, b.Activities[3]); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		t.Error("the same activity wrote different bytes")
	}
}

func TestRoundTripFIT(t *testing.T) {
	roundTrip(t, rekindle.FormatFIT, func(r *bytes.Reader) ([]*rekindle.Activity, error) { return fit.Decode(r) }, 0.005)
}

func TestRoundTripTCX(t *testing.T) {
	roundTrip(t, rekindle.FormatTCX, func(r *bytes.Reader) ([]*rekindle.Activity, error) { return tcx.Decode(r) }, 0.005)
}

func TestStravaExport(t *testing.T) {
	h := generate(t, "happy", 0.1)
	var buf bytes.Buffer
	if err := WriteStravaExport(&buf, h); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	members := map[string]*zip.File{}
	for _, f := range zr.File {
		members[f.Name] = f
	}
	f, ok := members["activities.csv"]
	if !ok {
		t.Fatal("no activities.csv")
	}
	rc, _ := f.Open()
	rows, err := csv.NewReader(rc).ReadAll()
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(h.Activities)+1 || rows[0][12] != "Filename" {
		t.Fatalf("%d rows for %d activities; header %v", len(rows), len(h.Activities), rows[0])
	}
	for _, r := range rows[1:] {
		m, ok := members[r[12]]
		if !ok {
			t.Fatalf("row names %s, not in the archive", r[12])
		}
		rc, _ := m.Open()
		gz, err := gzip.NewReader(rc)
		if err != nil {
			t.Fatalf("%s: %v", r[12], err)
		}
		head := make([]byte, 12)
		io.ReadFull(gz, head)
		rc.Close()
		if !bytes.Contains(head, []byte("<?xml")) && !bytes.Contains(head, []byte(".FIT")) {
			t.Errorf("%s starts %q", r[12], head)
		}
	}
	// Check-ins name the archive's files without .gz.
	for _, c := range h.CheckIns {
		if _, ok := members[c.File+".gz"]; !ok {
			t.Fatalf("check-in for %s has no file", c.File)
		}
	}
}

// A history streamed to an export as it is simulated (Options.OnActivity,
// as 'rekindle demo' imports it) is the same archive, byte for byte, as the
// whole history written at the end, and lets every track go.
func TestStreamedExportIsTheSame(t *testing.T) {
	ctx := context.Background()
	opt := Options{Persona: "rut", Years: 0.5, End: time.Date(2025, 6, 4, 0, 0, 0, 0, time.UTC)} // a Wednesday: the last week is cut
	h, err := Generate(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	var whole bytes.Buffer
	if err := WriteStravaExport(&whole, h); err != nil {
		t.Fatal(err)
	}
	var streamed bytes.Buffer
	x := NewStravaExport(&streamed)
	opt.OnActivity = x.Add
	hs, err := Generate(ctx, opt)
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
		t.Errorf("streamed export differs: %d bytes against %d", streamed.Len(), whole.Len())
	}
	if len(hs.Activities) != len(h.Activities) || len(hs.CheckIns) != len(h.CheckIns) || len(h.Activities) < 50 {
		t.Errorf("streamed: %d activities, %d check-ins; whole: %d, %d", len(hs.Activities), len(hs.CheckIns), len(h.Activities), len(h.CheckIns))
	}
	for _, a := range hs.Activities {
		if a.Track.Len() != 0 {
			t.Fatalf("%s kept its track", a.Source.File)
		}
	}
	if last := h.Activities[len(h.Activities)-1].Start; !last.Before(opt.End.AddDate(0, 0, 1)) {
		t.Errorf("an activity after the last day: %v", last)
	}
}
