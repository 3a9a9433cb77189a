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
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/store"
	"rekindle/internal/tcx"
	"rekindle/internal/testkit"
)

func tcxDoc(start time.Time, points int, backwards bool) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0"?><TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>%s</Id><Lap StartTime="%[1]s"><TotalTimeSeconds>%d</TotalTimeSeconds><DistanceMeters>%d</DistanceMeters><Track>`,
		start.Format(time.RFC3339), points, 3*points)
	for k := range points {
		i := k
		if backwards { // the second half first: a stretch out of order
			i = (k + points/2) % points
		}
		fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.6f</LatitudeDegrees><LongitudeDegrees>14</LongitudeDegrees></Position><DistanceMeters>%d</DistanceMeters><HeartRateBpm><Value>140</Value></HeartRateBpm></Trackpoint>`,
			start.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 46.0+float64(i)*0.00003, 3*i)
	}
	b.WriteString(`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`)
	return b.Bytes()
}

// gpxBackwards is a GPX run whose second half was recorded first: a
// stretch out of order.
func gpxBackwards(name string, start time.Time, points int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><name>%s</name><type>running</type><trkseg>`, name)
	for k := range points {
		i := (k + points/2) % points
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="14"><ele>100</ele><time>%s</time></trkpt>`,
			46.0+float64(i)*0.00003, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.Bytes()
}

// TestStreamDecoded: GPX and TCX files above streamDecodeAbove (here all of
// them: plain, gzipped, zip members deflated and stored) are decoded as they
// are read, never held whole (their decoder gets a plain stream, not bytes),
// and import exactly as when read whole: the same results, warnings,
// errors, activities, digests and originals (which read back as the
// bytes imported). A damaged gzip stream or zip member fails the file as it
// did, rather than import what came before the damage; a file imported
// again is known by its digest.
func TestStreamDecoded(t *testing.T) {
	dir := t.TempDir()
	day := func(d int) time.Time { return time.Date(2024, 5, d, 7, 0, 0, 0, time.UTC) }
	files := map[string][]byte{
		"a.gpx":         gpxDoc("plain", day(1), 900),
		"b.tcx":         tcxDoc(day(2), 900, false),
		"c.gpx.gz":      gz(t, gpxBackwards("gzipped", day(3), 900)),
		"d.tcx.gz":      gz(t, tcxDoc(day(4), 900, true)),
		"cut.gpx.gz":    gz(t, gpxDoc("cut", day(5), 900))[:3000],
		"waypoints.gpx": []byte(`<gpx version="1.1"><wpt lat="1" lon="2"/></gpx>`),
		"broken.tcx":    append(tcxDoc(day(6), 200, false)[:5000], "<<<"...),
	}
	members := map[string][]byte{"m/e.gpx": gpxDoc("member", day(7), 900), "m/f.tcx": tcxDoc(day(8), 900, false)}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for name, method := range map[string]uint16{"m/e.gpx": zip.Deflate, "m/f.tcx": zip.Store} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(members[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	files["export.zip"] = zbuf.Bytes()
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var streams, whole atomic.Int64
	spy := func(dec Decoder) Decoder {
		return func(r io.Reader) ([]*rekindle.Activity, error) {
			if _, ok := r.(io.ReaderAt); ok {
				whole.Add(1)
			} else {
				streams.Add(1)
			}
			return dec(r)
		}
	}
	decoders := DefaultDecoders()
	decoders[KindGPX], decoders[KindTCX] = spy(gpx.Decode), spy(tcx.Decode)

	type outcome struct {
		res   map[string]FileResult
		files map[string]store.FileRecord
		acts  []string
		origs map[string][]byte
	}
	importAll := func(t *testing.T, above int64) (outcome, *store.Store) {
		t.Helper()
		old := streamDecodeAbove
		streamDecodeAbove = above
		defer func() { streamDecodeAbove = old }()
		s := store.TestStores(t)["sqlite"]
		res, _, err := importOne(t, s, Options{Decoders: decoders}, dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		ath := athlete(t, s)
		o := outcome{res: map[string]FileResult{}, files: map[string]store.FileRecord{}, origs: map[string][]byte{}}
		for k, r := range res {
			slices.Sort(r.ActivityIDs)
			r.ActivityIDs = nil
			o.res[k] = r
		}
		recs, err := s.ListFiles(ctx, ath)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			r.ImportedAt, r.ActivityIDs = time.Time{}, nil
			o.files[r.Name] = r
		}
		acts, err := s.ListActivities(ctx, ath, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			o.acts = append(o.acts, fmt.Sprintf("%s %s %s %.1f m %.0f s %q", a.Start.Format(time.RFC3339), a.Source.File, a.Sport, a.Summary.DistanceM, a.Summary.MovingS, a.Warnings))
		}
		slices.Sort(o.acts)
		origs, err := s.ListOriginals(ctx, ath)
		if err != nil {
			t.Fatal(err)
		}
		for _, og := range origs {
			full, err := s.GetOriginal(ctx, ath, og.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(full.Data))
			if err != nil {
				t.Fatalf("%s: %v", og.Name, err)
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("%s: %v", og.Name, err)
			}
			if int64(len(b)) != full.Size {
				t.Errorf("%s: original of %d bytes, recorded size %d", og.Name, len(b), full.Size)
			}
			o.origs[og.Name] = b
		}
		return o, s
	}
	want, _ := importAll(t, 1<<40)
	if streams.Load() != 0 {
		t.Fatalf("%d files streamed into a decoder with streaming off", streams.Load())
	}
	whole.Store(0)
	got, s := importAll(t, -1)
	if whole.Load() != 0 || streams.Load() < 7 {
		t.Errorf("decoders got %d streams and %d whole files, want every GPX/TCX streamed", streams.Load(), whole.Load())
	}
	if len(want.acts) != 7 {
		t.Errorf("%d activities read whole, want 7: %v", len(want.acts), want.acts)
	}
	for k, w := range want.res {
		if g := got.res[k]; fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: streamed %+v\nwhole %+v", k, g, w)
		}
	}
	if r := byBase(got.res, "cut.gpx.gz"); r.Status != "failed" || !strings.Contains(r.Error, "gzip: truncated") {
		t.Errorf("cut.gpx.gz: %s %q, want failed, truncated", r.Status, r.Error)
	}
	if r := byBase(got.res, "c.gpx.gz"); !strings.Contains(strings.Join(r.Warnings, "; "), "450 points recorded out of time order moved into place") {
		t.Errorf("c.gpx.gz warnings %q, want the stretch out of order moved", r.Warnings)
	}
	if r := byBase(got.res, "d.tcx.gz"); !strings.Contains(strings.Join(r.Warnings, "; "), "out of time order moved into place") {
		t.Errorf("d.tcx.gz warnings %q, want the stretch out of order moved", r.Warnings)
	}
	if fmt.Sprint(got.files) != fmt.Sprint(want.files) {
		t.Errorf("file records streamed %v\nwhole %v", got.files, want.files)
	}
	if !slices.Equal(got.acts, want.acts) {
		t.Errorf("activities streamed %q\nwhole %q", got.acts, want.acts)
	}
	if len(got.origs) != len(want.origs) || len(got.origs) < 7 {
		t.Errorf("%d originals streamed, %d whole", len(got.origs), len(want.origs))
	}
	for k, w := range want.origs {
		if !bytes.Equal(got.origs[k], w) {
			t.Errorf("%s: original streamed differs from the one read whole", k)
		}
	}
	for _, name := range []string{"a.gpx", "b.tcx"} {
		if !bytes.Equal(got.origs[filepath.Join(dir, name)], files[name]) {
			t.Errorf("%s: original is not the file", name)
		}
	}
	// Again: every file is known by its digest, nothing new is stored.
	old := streamDecodeAbove
	streamDecodeAbove = -1
	defer func() { streamDecodeAbove = old }()
	_, st, err := importOne(t, s, Options{Decoders: decoders}, dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Activities != 0 {
		t.Errorf("imported again: %d activities stored, want 0 (stats %+v)", st.Activities, st)
	}
}

// TestStreamDecodedFIT: FIT files on disk above streamDecodeAbove (here all
// of the real device files, a damaged one the decoder resynchronises in, a
// truncated one and a gzipped one, which is still read whole) are decoded
// as they are read, and import exactly as when read whole: the same
// results, warnings, activities, file records and originals.
func TestStreamDecodedFIT(t *testing.T) {
	dir := t.TempDir()
	var truncated []byte
	for _, p := range testkit.Glob(t, "fit/*.fit") {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(p) == "activity-small-fenix2-run.fit" {
			truncated = b[:len(b)*2/3]
			if err := os.WriteFile(filepath.Join(dir, "cut.fit.gz"), gz(t, b), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "truncated.fit"), truncated, 0o644); err != nil {
		t.Fatal(err)
	}
	var streams atomic.Int64
	decoders := DefaultDecoders()
	decoders[KindFIT] = func(r io.Reader) ([]*rekindle.Activity, error) {
		if _, ok := r.(*teeAt); ok {
			streams.Add(1)
		}
		return fit.Decode(r)
	}
	type outcome struct {
		res   map[string]string
		files map[string]store.FileRecord
		acts  []string
		origs map[string][]byte
	}
	importAll := func(dir string, above int64) outcome {
		old := streamDecodeAbove
		streamDecodeAbove = above
		defer func() { streamDecodeAbove = old }()
		s := store.TestStores(t)["sqlite"]
		res, _, err := importOne(t, s, Options{Decoders: decoders}, dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		ath := athlete(t, s)
		o := outcome{res: map[string]string{}, files: map[string]store.FileRecord{}, origs: map[string][]byte{}}
		for k, r := range res {
			r.ActivityIDs = nil
			o.res[k] = fmt.Sprint(r)
		}
		recs, err := s.ListFiles(ctx, ath)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			r.ImportedAt, r.ActivityIDs = time.Time{}, nil
			o.files[r.Name] = r
		}
		acts, err := s.ListActivities(ctx, ath, store.ActivityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			o.acts = append(o.acts, fmt.Sprintf("%s %s %s %.1f m %.0f s %q", a.Start.Format(time.RFC3339), a.Source.File, a.Sport, a.Summary.DistanceM, a.Summary.MovingS, a.Warnings))
		}
		slices.Sort(o.acts)
		origs, err := s.ListOriginals(ctx, ath)
		if err != nil {
			t.Fatal(err)
		}
		for _, og := range origs {
			full, err := s.GetOriginal(ctx, ath, og.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := gzip.NewReader(bytes.NewReader(full.Data))
			if err != nil {
				t.Fatalf("%s: %v", og.Name, err)
			}
			b, err := io.ReadAll(zr)
			if err != nil {
				t.Fatalf("%s: %v", og.Name, err)
			}
			o.origs[og.Name] = b
		}
		return o
	}
	want := importAll(dir, 1<<40)
	if streams.Load() != 0 {
		t.Fatalf("%d FIT files streamed with streaming off", streams.Load())
	}
	got := importAll(dir, -1)
	// Every file streams, the gzipped one too.
	if n := len(want.res); streams.Load() != int64(n) {
		t.Errorf("%d FIT files streamed, want %d", streams.Load(), n)
	}
	if len(want.acts) < 20 {
		t.Errorf("%d activities read whole, want the real files' (≥ 20)", len(want.acts))
	}
	for k, w := range want.res {
		if g := got.res[k]; g != w {
			t.Errorf("%s: streamed %s\nwhole %s", k, g, w)
		}
	}
	if r := want.res[filepath.Join(dir, "strava-android-app-201.10-b1218918.fit")]; !strings.Contains(r, "decoding resumed") {
		t.Errorf("the damaged Strava file is not resynchronised: %s", r)
	}
	if fmt.Sprint(got.files) != fmt.Sprint(want.files) {
		t.Errorf("file records streamed %v\nwhole %v", got.files, want.files)
	}
	if !slices.Equal(got.acts, want.acts) {
		t.Errorf("activities streamed %q\nwhole %q", got.acts, want.acts)
	}
	if len(got.origs) != len(want.origs) {
		t.Errorf("%d originals streamed, %d whole", len(got.origs), len(want.origs))
	}
	for k, w := range want.origs {
		if !bytes.Equal(got.origs[k], w) {
			t.Errorf("%s: original streamed differs from the one read whole", k)
		}
	}

	// Gzipped FIT files and FIT zip members (deflated and stored), damaged
	// ones among them, stream too: the decoder resynchronises by reading
	// them at offsets, inflated again (reopenAt), and imports them as when
	// read whole.
	zdir := t.TempDir()
	read := func(name string) []byte {
		b, err := os.ReadFile(testkit.Activities(t, "fit", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	damaged := read("garmin-fenix-5-run.fit")
	for i := len(damaged) / 2; i < len(damaged)/2+24; i++ {
		damaged[i] = 0x0F // data messages of local type 15, never defined
	}
	for name, b := range map[string][]byte{
		"strava.fit.gz": gz(t, read("strava-android-app-201.10-b1218918.fit")),
		"edge.fit.gz":   gz(t, read("garmin-edge-500-activity.fit")),
	} {
		if err := os.WriteFile(filepath.Join(zdir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	for _, m := range []struct {
		name   string
		method uint16
		data   []byte
	}{
		{"fit/damaged.fit", zip.Deflate, damaged},
		{"fit/stored.fit", zip.Store, read("2019-02-17-062644-ELEMNT-297E-195-0.fit")},
		{"fit/multisport.fit", zip.Deflate, read("activity-large-fenxi2-multisport.fit")},
	} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: m.name, Method: m.method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(m.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(zdir, "export.zip"), zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	streams.Store(0)
	want = importAll(zdir, 1<<40)
	got = importAll(zdir, -1)
	if streams.Load() != 5 {
		t.Errorf("%d compressed FIT files streamed, want 5", streams.Load())
	}
	if len(want.acts) < 5 {
		t.Errorf("%d activities read whole, want ≥ 5: %q", len(want.acts), want.acts)
	}
	for k, w := range want.res {
		if g := got.res[k]; g != w {
			t.Errorf("%s: streamed %s\nwhole %s", k, g, w)
		}
	}
	for _, name := range []string{"strava.fit.gz", "export.zip!fit/damaged.fit"} {
		found := false
		for k, r := range got.res {
			if strings.HasSuffix(k, name) {
				found = true
				if !strings.Contains(r, "decoding resumed") {
					t.Errorf("%s is not resynchronised when streamed: %s", k, r)
				}
			}
		}
		if !found {
			t.Errorf("no result for %s in %v", name, slices.Collect(maps.Keys(got.res)))
		}
	}
	if fmt.Sprint(got.files) != fmt.Sprint(want.files) {
		t.Errorf("file records streamed %v\nwhole %v", got.files, want.files)
	}
	if !slices.Equal(got.acts, want.acts) {
		t.Errorf("activities streamed %q\nwhole %q", got.acts, want.acts)
	}
	if len(got.origs) != len(want.origs) || len(got.origs) < 5 {
		t.Errorf("%d originals streamed, %d whole", len(got.origs), len(want.origs))
	}
	for k, w := range want.origs {
		if !bytes.Equal(got.origs[k], w) {
			t.Errorf("%s: original streamed differs from the one read whole", k)
		}
	}
}

// TestReopenAt: reading a gzip stream at offsets, forward, backward, inside
// and across the range read last, and past its end, gives what reading the
// inflated bytes at the same offsets gives, and inflates no further than
// its limit.
func TestReopenAt(t *testing.T) {
	data := make([]byte, 300_000)
	for i := range data {
		data[i] = byte(i*7 + i/1000)
	}
	want := bytes.NewReader(data)
	ra := gzipAt(context.Background(), gz(t, data), DefaultLimits)
	defer ra.Close()
	for _, c := range []struct {
		off int64
		n   int
	}{
		{1000, 100}, {1050, 20}, {1050, 4096}, {200_000, 70_000}, {250_000, 10}, {260_000, 50_000},
		{5, 5}, {299_990, 10}, {299_990, 20}, {300_000, 1}, {400_000, 1}, {0, 300_000},
	} {
		g, w := make([]byte, c.n), make([]byte, c.n)
		gn, gerr := ra.ReadAt(g, c.off)
		wn, werr := want.ReadAt(w, c.off)
		if gn != wn || (gerr == nil) != (werr == nil) || !bytes.Equal(g[:gn], w[:wn]) {
			t.Errorf("ReadAt(%d bytes, %d): %d, %v; want %d, %v", c.n, c.off, gn, gerr, wn, werr)
		}
	}
	limited := gzipAt(context.Background(), gz(t, data), Limits{MaxFileBytes: 1000, MaxRatio: 200})
	defer limited.Close()
	if n, err := limited.ReadAt(make([]byte, 100), 950); n != 50 || err != io.EOF {
		t.Errorf("past the limit: %d, %v; want 50, EOF", n, err)
	}
}

// TestCompressAgain: a FIT file's original, compressed after measuring from
// a second read, is its bytes; a file whose bytes changed since they were
// decoded fails rather than keep an original that is not what was imported.
func TestCompressAgain(t *testing.T) {
	data := bytes.Repeat([]byte("FIT data "), 10_000)
	sum := sha256.Sum256(data)
	got, err := compressAgain(bytes.NewReader(data), int64(len(data)), hex.EncodeToString(sum[:]))
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	if back, err := io.ReadAll(zr); err != nil || !bytes.Equal(back, data) {
		t.Fatalf("original reads back as %d bytes, %v", len(back), err)
	}
	changed := bytes.Clone(data)
	changed[5] = 'X'
	if _, err := compressAgain(bytes.NewReader(changed), int64(len(changed)), hex.EncodeToString(sum[:])); err == nil || !strings.Contains(err.Error(), "changed") {
		t.Errorf("a changed file: %v, want an error saying it changed", err)
	}
}
