package ingest

// Attack inputs, generated here (never committed): each must end in a clear
// result with bounded work, asserted through the bytes really inflated or
// an explicit error, never through timing.

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// gpxDoc is a small valid GPX run named name, starting at start.
func gpxDoc(name string, start time.Time, points int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<gpx version="1.1" creator="test"><trk><name>`)
	b.WriteString(name)
	b.WriteString(`</name><type>running</type><trkseg>`)
	for i := range points {
		fmt.Fprintf(&b, `<trkpt lat="%.6f" lon="%.6f"><ele>100</ele><time>%s</time></trkpt>`,
			46.0+float64(i)*0.00003, 14.0, start.Add(time.Duration(i)*time.Second).Format(time.RFC3339))
	}
	b.WriteString(`</trkseg></trk></gpx>`)
	return b.Bytes()
}

func deflateBytes(t testing.TB, data io.Reader) []byte {
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	if _, err := io.Copy(fw, data); err != nil {
		t.Fatal(err)
	}
	fw.Close()
	return buf.Bytes()
}

// paddedBomb is a zip whose members each inflate n zero bytes from a
// deflate stream followed by padding, so that the declared compressed size
// makes the declared ratio look modest (n / declared < 150).
func paddedBomb(t testing.TB, members int, n int64) []byte {
	def := deflateBytes(t, io.LimitReader(zeroes{}, n))
	crc := crc32.NewIEEE()
	io.Copy(crc, io.LimitReader(zeroes{}, n))
	declared := n / 150
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range members {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("bomb%d.gpx", i), Method: zip.Deflate,
			CRC32: crc.Sum32(), CompressedSize64: uint64(declared), UncompressedSize64: uint64(n)})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(def)
		w.Write(make([]byte, declared-int64(len(def))))
	}
	zw.Close()
	return buf.Bytes()
}

type zeroes struct{}

func (zeroes) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// overlappingZip has one deflated member and a central directory of
// entries that all point at its bytes.
func overlappingZip(t testing.TB, entries int, data []byte) []byte {
	def := deflateBytes(t, bytes.NewReader(data))
	crc := crc32.ChecksumIEEE(data)
	var out bytes.Buffer
	le := func(v any) { binary.Write(&out, binary.LittleEndian, v) }
	name := "a.gpx"
	le(uint32(0x04034b50))
	le(uint16(20))
	le(uint16(0))
	le(uint16(8))
	le(uint32(0))
	le(crc)
	le(uint32(len(def)))
	le(uint32(len(data)))
	le(uint16(len(name)))
	le(uint16(0))
	out.WriteString(name)
	out.Write(def)
	cdStart := out.Len()
	for i := range entries {
		n := fmt.Sprintf("e%05d.gpx", i)
		le(uint32(0x02014b50))
		le(uint16(20))
		le(uint16(20))
		le(uint16(0))
		le(uint16(8))
		le(uint32(0))
		le(crc)
		le(uint32(len(def)))
		le(uint32(len(data)))
		le(uint16(len(n)))
		le(uint16(0))
		le(uint16(0))
		le(uint16(0))
		le(uint16(0))
		le(uint32(0))
		le(uint32(0)) // every entry's local header: offset 0
		out.WriteString(n)
	}
	cdLen := out.Len() - cdStart
	le(uint32(0x06054b50))
	le(uint16(0))
	le(uint16(0))
	le(uint16(entries))
	le(uint16(entries))
	le(uint32(cdLen))
	le(uint32(cdStart))
	le(uint16(0))
	return out.Bytes()
}

// manyEntries is a zip of n tiny stored members.
func manyEntries(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprintf("f%05d.txt", i), Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("x"))
	}
	zw.Close()
	return buf.Bytes()
}

func athlete(t *testing.T, s *store.Store) int64 {
	t.Helper()
	ath, err := s.DefaultAthlete(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ath.ID
}

// importOne imports paths and returns the results by file name and stats.
func importOne(t *testing.T, s *store.Store, opt Options, paths ...string) (map[string]FileResult, Stats, error) {
	t.Helper()
	var mu sync.Mutex
	res := map[string]FileResult{}
	opt.OnFile = func(r FileResult) {
		mu.Lock()
		res[r.File] = r
		mu.Unlock()
	}
	st, err := Import(context.Background(), s, athlete(t, s), paths, opt)
	return res, st, err
}

func TestHostileGenerated(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC)
	good := gpxDoc("ok", start, 50)
	gzGood := gz(t, good)
	badCRC := bytes.Clone(gzGood)
	badCRC[len(badCRC)-8] ^= 0xff
	bigAttr := []byte(`<?xml version="1.0"?><gpx><trk><trkseg><trkpt lat="` + strings.Repeat("4", 4<<20) + `" lon="1"></trkpt></trkseg></trk></gpx>`)
	files := map[string][]byte{
		"padded.zip":       paddedBomb(t, 8, 64<<20),
		"overlap.zip":      overlappingZip(t, 500, good),
		"many.zip":         manyEntries(t, 20_000),
		"truncated.gpx.gz": gzGood[:len(gzGood)/2],
		"badcrc.gpx.gz":    badCRC,
		"attr.gpx":         bigAttr,
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{
		"overlap.zip":      "overlapping entries",
		"many.zip":         "over the 10000 entry limit",
		"truncated.gpx.gz": "truncated",
		"badcrc.gpx.gz":    "checksum mismatch",
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			res, st, err := importOne(t, s, Options{}, dir)
			if err != nil {
				t.Fatal(err)
			}
			for f, msg := range want {
				r := res[filepath.Join(dir, f)]
				if r.Status != store.StatusFailed || !strings.Contains(r.Error, msg) {
					t.Errorf("%s: got %s %q, want failed with %q", f, r.Status, r.Error, msg)
				}
				if strings.Contains(f, ".gz") && strings.Contains(r.Error, "bomb") {
					t.Errorf("%s reported as a bomb: %q", f, r.Error)
				}
			}
			bombs := 0
			for f, r := range res {
				if strings.Contains(f, "padded.zip!") {
					if r.Status != store.StatusFailed || !strings.Contains(r.Error, "zip bomb") {
						t.Errorf("%s: %+v", f, r)
					}
					bombs++
				}
			}
			if bombs != 8 {
				t.Errorf("%d padded members reported, want 8", bombs)
			}
			// 8 members of 64 MiB each, the zip's 500 entries of one member:
			// without the guards 512 MiB and more would be inflated. Each
			// bomb member stops past 1 MiB (sniffing opens it once more).
			if limit := int64(8*2*(memberFloor+64<<10)) + int64(len(good)); st.Inflated > limit {
				t.Errorf("inflated %d bytes, want at most %d", st.Inflated, limit)
			}
			if r := res[filepath.Join(dir, "attr.gpx")]; r.Status != store.StatusFailed {
				t.Errorf("attr.gpx: %+v", r)
			}
			if n := len(list(t, s)); n != 0 {
				t.Errorf("%d activities stored from hostile files", n)
			}
		})
	}
}

// TestImportHonoursContext: once the import's context is done, decoders
// see their reader fail and no further file is decoded.
func TestImportHonoursContext(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC)
	for i := range 40 {
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.gpx", i)), gpxDoc("r", start.Add(time.Duration(i)*24*time.Hour), 3000), 0o600)
	}
	s := stores(t)["sqlite"]
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	calls := 0
	var readErrs []error
	dec := DefaultDecoders()
	gpxDec := dec[KindGPX]
	dec[KindGPX] = func(r io.Reader) ([]*rekindle.Activity, error) {
		mu.Lock()
		calls++
		mu.Unlock()
		cancel() // the client goes away
		acts, err := gpxDec(r)
		mu.Lock()
		readErrs = append(readErrs, err)
		mu.Unlock()
		return acts, err
	}
	_, err := Import(ctx, s, athlete(t, s), []string{dir}, Options{Workers: 2, Decoders: dec})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("import: %v, want context.Canceled", err)
	}
	if calls > 2 {
		t.Errorf("%d files decoded after cancellation, want at most one per worker", calls)
	}
	for _, e := range readErrs {
		if e == nil || !strings.Contains(e.Error(), context.Canceled.Error()) {
			t.Errorf("decoder read on after cancel: %v", e)
		}
	}
}

// TestConcurrentSameFiles: the same files imported by several imports at
// once are stored once (a unique key, not luck).
func TestConcurrentSameFiles(t *testing.T) {
	dir := t.TempDir()
	start := time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC)
	var paths []string
	for i := range 10 {
		p := filepath.Join(dir, fmt.Sprintf("r%02d.gpx", i))
		os.WriteFile(p, gpxDoc(fmt.Sprint("run ", i), start.Add(time.Duration(i)*24*time.Hour), 200), 0o600)
		paths = append(paths, p)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ath := athlete(t, s)
			var wg sync.WaitGroup
			var mu sync.Mutex
			status := map[string]int{}
			for range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := Import(context.Background(), s, ath, paths, Options{Workers: 1, SkipDedupe: true, OnFile: func(r FileResult) {
						mu.Lock()
						status[r.Status]++
						mu.Unlock()
					}})
					if err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if n := len(list(t, s)); n != 10 {
				t.Errorf("%d activities from 10 files sent 8 times, want 10", n)
			}
			if status[store.StatusImported] != 10 || status[store.StatusDuplicate] != 70 {
				t.Errorf("statuses %v, want 10 imported and 70 duplicate", status)
			}
		})
	}
}

// TestAbsurdCSVValues: a row with an absurd value is skipped with a
// warning naming its line; what was stored before reads back finite.
func TestAbsurdCSVValues(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "history.csv")
	os.WriteFile(p, []byte("date,sport,distance_km,duration,avg_hr,name\n2012-05-01,running,10,0:50:00,150,ok\n2012-05-02,running,1e308,0:50:00,150,inf\n2012-05-03,running,5,0:25:00,999,hr\n2012-05-04,running,5,9999:00:00,,long\n"), 0o600)
	s := stores(t)["sqlite"]
	res, _, err := importOne(t, s, Options{}, p)
	if err != nil {
		t.Fatal(err)
	}
	r := res[p]
	if r.Status != store.StatusPartial || len(r.ActivityIDs) != 1 || len(r.Warnings) != 3 {
		t.Fatalf("%+v", r)
	}
	for i, want := range []string{"line 3: distance", "line 4: average heart rate", "line 5: elapsed time"} {
		if !strings.HasPrefix(r.Warnings[i], "history.csv "+want) || !strings.Contains(r.Warnings[i], "out of range") {
			t.Errorf("warning %d: %q, want %q…", i, r.Warnings[i], want)
		}
	}
	if _, err := json.Marshal(list(t, s)); err != nil {
		t.Fatal(err)
	}
}

// TestHugeNameBounded: a name of a million characters is cut at import.
func TestHugeNameBounded(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "name.gpx")
	os.WriteFile(p, gpxDoc(strings.Repeat("é", 1<<20), time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC), 100), 0o600)
	s := stores(t)["sqlite"]
	res, _, err := importOne(t, s, Options{}, p)
	if err != nil {
		t.Fatal(err)
	}
	if r := res[p]; r.Status != store.StatusPartial || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "name of 1048576 characters cut to 200") {
		t.Fatalf("%+v", res[p])
	}
	acts := list(t, s)
	if len(acts) != 1 || acts[0].Name != strings.Repeat("é", MaxNameRunes) {
		t.Fatalf("stored name of %d bytes", len(acts[0].Name))
	}
}

// TestNamesAndFailedOriginals: the recorded name is the one given for the
// path, and a file that fails is kept as an original only when small.
func TestNamesAndFailedOriginals(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "spool-1")
	os.WriteFile(good, gpxDoc("ok", time.Date(2024, 3, 2, 8, 0, 0, 0, time.UTC), 50), 0o600)
	small := filepath.Join(dir, "spool-2")
	// A GPX that cannot be read at all (an unknown character set).
	bad := `<?xml version="1.0" encoding="x-no-such-charset"?><gpx><trk><trkseg><trkpt lat="46" lon="14"></trkpt>`
	os.WriteFile(small, []byte(bad), 0o600)
	big := filepath.Join(dir, "spool-3")
	os.WriteFile(big, []byte(bad+strings.Repeat(`<trkpt lat="46" lon="14"></trkpt>`, 300)), 0o600)
	names := map[string]string{good: "morning.gpx", small: "small.gpx", big: "big.gpx"}
	s := stores(t)["sqlite"]
	lim := DefaultLimits
	lim.MaxFailedOriginal = 4 << 10
	res, _, err := importOne(t, s, Options{Limits: lim, Name: func(p string) string { return names[p] }}, good, small, big)
	if err != nil {
		t.Fatal(err)
	}
	if res["morning.gpx"].Status != store.StatusImported || res["small.gpx"].Status != store.StatusFailed || res["big.gpx"].Status != store.StatusFailed {
		t.Fatalf("%+v", res)
	}
	acts := list(t, s)
	if len(acts) != 1 || acts[0].Source.File != "morning.gpx" {
		t.Fatalf("source file %q", acts[0].Source.File)
	}
	origs, err := s.ListOriginals(context.Background(), athlete(t, s))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, o := range origs {
		got[o.Name] = true
	}
	if !got["morning.gpx"] || !got["small.gpx"] || got["big.gpx"] || len(got) != 2 {
		t.Errorf("originals kept: %v, want morning.gpx and small.gpx", got)
	}
}
