package gpx

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestImpossibleTimes: a point stamped 64 years ahead (a damaged clock) and
// one a minute ahead of its neighbours are dropped, with warnings; the rest
// of the track and its pause are kept, in order.
func TestImpossibleTimes(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<gpx version="1.1" creator="test"><trk><name>Run</name><trkseg>`)
	t0 := time.Date(2021, 9, 27, 14, 0, 0, 0, time.UTC)
	for i := range 100 {
		if i == 70 {
			b.WriteString(`</trkseg><trkseg>`)
		}
		tm := t0.Add(time.Duration(i) * time.Second)
		switch i {
		case 30:
			tm = tm.AddDate(64, 0, 0)
		case 50:
			tm = tm.Add(time.Minute)
		}
		fmt.Fprintf(&b, `<trkpt lat="%f" lon="7.4"><time>%s</time></trkpt>`, 43.7+float64(i)*0.00003, tm.Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	acts, err := Decode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if len(acts) != 1 || a.Track.Len() != 98 || !slices.IsSorted(a.Track.Time) {
		t.Fatalf("%d activities, %d points, sorted %v", len(acts), a.Track.Len(), slices.IsSorted(a.Track.Time))
	}
	if !slices.Equal(a.Track.Breaks, []int{68}) {
		t.Errorf("breaks %v, want [68]", a.Track.Breaks)
	}
	w := strings.Join(a.Warnings, "; ")
	if !strings.Contains(w, "1 points with impossible times") || !strings.Contains(w, "1 points whose time goes backwards dropped") {
		t.Errorf("warnings %q", w)
	}
	if !a.Start.Equal(t0) {
		t.Errorf("start %s", a.Start)
	}
}

// TestOutOfOrderStretch: a whole stretch of points recorded out of time
// order (too long for SaneTimes to drop as damage) is moved into place
// with its heart rate, with a warning, and the pause that began at its
// first point begins where that point lands.
func TestOutOfOrderStretch(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<gpx version="1.1" creator="test" xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><name>Run</name><trkseg>`)
	t0 := time.Date(2021, 9, 27, 14, 0, 0, 0, time.UTC)
	// File order: seconds 0–39, 60–79, 40–59, 80–99; a new segment (a
	// pause) begins at second 60.
	var order []int
	for i := range 40 {
		order = append(order, i)
	}
	for i := 60; i < 80; i++ {
		order = append(order, i)
	}
	for i := 40; i < 60; i++ {
		order = append(order, i)
	}
	for i := 80; i < 100; i++ {
		order = append(order, i)
	}
	for k, i := range order {
		if k == 40 {
			b.WriteString(`</trkseg><trkseg>`)
		}
		fmt.Fprintf(&b, `<trkpt lat="%f" lon="7.4"><time>%s</time><extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>%d</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>`,
			43.7+float64(i)*0.00003, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 100+i)
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	acts, err := Decode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	tr := a.Track
	if len(acts) != 1 || tr.Len() != 100 || !slices.IsSorted(tr.Time) {
		t.Fatalf("%d activities, %d points, sorted %v", len(acts), tr.Len(), slices.IsSorted(tr.Time))
	}
	for i := range 100 {
		if got := tr.Time[i] - t0.UnixMilli(); got != int64(i)*1000 || tr.HR[i] != float32(100+i) {
			t.Fatalf("point %d: %d ms, hr %v", i, got, tr.HR[i])
		}
	}
	if !slices.Equal(tr.Breaks, []int{60}) {
		t.Errorf("breaks %v, want [60]", tr.Breaks)
	}
	if w := strings.Join(a.Warnings, "; "); !strings.Contains(w, "20 points recorded out of time order moved into place") {
		t.Errorf("warnings %q", w)
	}
	if !a.Start.Equal(t0) {
		t.Errorf("start %s", a.Start)
	}
}
