package athlete

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/ingest"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

// gpxAt is a short run starting at a position.
func gpxAt(start time.Time, lat, lon float64) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><gpx version="1.1" creator="t"><trk><type>running</type><trkseg>`)
	for i := range 120 {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="%.6f"><time>%s</time></trkpt>`, lat+float64(i)*3e-5, lon, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return []byte(b.String())
}

// TestUploadDoesNotWaitForTimeZone: an upload by an athlete without a time
// zone returns while the zone inference is held back, and the zone, home
// and country land once it runs, in the background.
func TestUploadDoesNotWaitForTimeZone(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, _ := st.DefaultAthlete(ctx)
	if ath.TimeZone != "" {
		t.Fatalf("a new athlete has zone %q", ath.TimeZone)
	}
	spool := t.TempDir()
	var files []UploadFile
	for i := range 5 {
		p := filepath.Join(spool, fmt.Sprintf("%d.gpx", i))
		// Tiergarten, Berlin, five mornings.
		if err := os.WriteFile(p, gpxAt(time.Date(2024, 3, 2+i, 6, 0, 0, 0, time.UTC), 52.5145, 13.3501), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, UploadFile{Name: filepath.Base(p), Path: p, Size: 1})
	}
	places := NewPlaces(st, nil)
	hold, started := make(chan struct{}), make(chan struct{})
	places.infer = func(ctx context.Context, st *store.Store, id int64, z *place.Zones) (string, error) {
		close(started)
		<-hold
		return ingest.InferPlaceWith(ctx, st, id, z)
	}
	var mu sync.Mutex
	var done []int64
	places.OnDone = func(id int64) { mu.Lock(); done = append(done, id); mu.Unlock() }
	imported := 0
	if err := (IngestImporter{Store: st, Places: places}).Import(ctx, ath.ID, files, func(e ImportEvent) {
		if e.Status == "imported" {
			imported++
		}
	}); err != nil {
		t.Fatal(err)
	}
	// Import returned with the inference started and held: it did not wait.
	<-started
	if imported != 5 {
		t.Fatalf("%d files imported, want 5", imported)
	}
	if a, _ := st.GetAthlete(ctx, ath.ID); a.TimeZone != "" {
		t.Fatalf("zone %q set before the inference ran: the upload waited for it", a.TimeZone)
	}
	close(hold)
	places.Wait()
	a, err := st.GetAthlete(ctx, ath.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.TimeZone != "Europe/Berlin" || a.TimeZoneSource != "inferred" || a.Country != "DE" || a.HomeLat == 0 {
		t.Errorf("after the inference: zone %q (%s), country %q, home %.4f,%.4f; want Europe/Berlin inferred, DE, a home",
			a.TimeZone, a.TimeZoneSource, a.Country, a.HomeLat, a.HomeLon)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(done) != 1 || done[0] != ath.ID {
		t.Errorf("OnDone called for %v, want [%d]", done, ath.ID)
	}
}

// TestPlacesQueue: athletes queued while one is inferred run after it, each
// once; a zone the runner set meanwhile is never written over.
func TestPlacesQueue(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, _ := st.DefaultAthlete(ctx)
	places := NewPlaces(st, nil)
	hold, started := make(chan struct{}), make(chan struct{})
	var mu sync.Mutex
	calls := 0
	places.infer = func(ctx context.Context, st *store.Store, id int64, z *place.Zones) (string, error) {
		mu.Lock()
		calls++
		first := calls == 1
		mu.Unlock()
		if first {
			close(started)
			<-hold
		}
		return ingest.InferPlaceWith(ctx, st, id, z)
	}
	places.Enqueue(ath.ID)
	<-started
	places.Enqueue(ath.ID) // waiting behind the running one: queued once
	places.Enqueue(ath.ID)
	ath.TimeZone, ath.TimeZoneSource = "Asia/Tokyo", "user"
	if err := st.UpdateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	close(hold)
	places.Wait()
	mu.Lock()
	defer mu.Unlock()
	if calls != 2 {
		t.Errorf("%d inferences, want 2 (the running one and one queued)", calls)
	}
	if a, _ := st.GetAthlete(ctx, ath.ID); a.TimeZone != "Asia/Tokyo" {
		t.Errorf("zone %q: the runner's own zone was written over", a.TimeZone)
	}
}

// TestHomeRecordsShownIdeas: the home view of today records the ideas it
// shows (what the engine rotates by); a replayed day records nothing.
func TestHomeRecordsShownIdeas(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath, _ := st.DefaultAthlete(ctx)
	ath.TimeZone, ath.TimeZoneSource = "Europe/Berlin", "user"
	if err := st.UpdateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var paths []string
	first := time.Date(2024, 2, 1, 6, 0, 0, 0, time.UTC)
	for i := range 40 {
		p := filepath.Join(dir, fmt.Sprintf("%02d.gpx", i))
		os.WriteFile(p, gpxAt(first.AddDate(0, 0, 2*i), 52.5145, 13.3501), 0o600)
		paths = append(paths, p)
	}
	if _, err := ingest.Import(ctx, st, ath.ID, paths, ingest.Options{SkipPlace: true}); err != nil {
		t.Fatal(err)
	}
	today := first.AddDate(0, 0, 81)
	app := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: func() time.Time { return today }})
	ath, _ = st.GetAthlete(ctx, ath.ID)
	if _, err := app.Home(ctx, ath, today.AddDate(0, 0, -10)); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.ListShown(ctx, ath.ID, "2000-01-01", "2100-01-01"); len(got) != 0 {
		t.Fatalf("a replayed day recorded %+v", got)
	}
	hv, err := app.Home(ctx, ath, today)
	if err != nil {
		t.Fatal(err)
	}
	if hv.Top == nil {
		t.Fatal("no idea today")
	}
	got, err := st.ListShown(ctx, ath.ID, "2000-01-01", "2100-01-01")
	if err != nil {
		t.Fatal(err)
	}
	day := today.In(ath.Location()).Format(time.DateOnly)
	if len(got) != len(hv.Report.Recommendations) || got[0].Day != day {
		t.Fatalf("shown %+v, want the %d ideas of %s", got, len(hv.Report.Recommendations), day)
	}
	found := false
	for _, s := range got {
		found = found || s.RecID == hv.Top.ID
	}
	if !found {
		t.Errorf("the top idea %s was not recorded: %+v", hv.Top.ID, got)
	}
}
