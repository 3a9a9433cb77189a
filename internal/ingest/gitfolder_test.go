package ingest

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

// copyInto copies the named testdata/activities files into dir.
func copyInto(t *testing.T, dir string, files ...string) {
	t.Helper()
	for _, f := range files {
		b, err := os.ReadFile(testkit.Activities(t, "workouts-page", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A running_page fork's GPX_OUT as a git clone holds it (held-out
// rawimport30: .gitkeep beside the files, a .git folder above), or a zip
// made on a Mac (__MACOSX/._file resource forks): the bookkeeping files
// are no activities and no failures; every activity file is read. A
// hidden file named on the command line is still read.
func TestFolderBookkeepingFilesSkipped(t *testing.T) {
	real := []string{"running-page-hiit-505201416.gpx", "running-page-jump-rope-556622978.gpx"}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "GPX_OUT")
			objs := filepath.Join(root, ".git", "objects", "ab")
			for _, d := range []string{out, objs} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			copyInto(t, out, real...)
			junk := map[string]string{
				filepath.Join(out, ".gitkeep"):        "",
				filepath.Join(out, ".DS_Store"):       "\x00\x00\x00\x01Bud1",
				filepath.Join(objs, "cdef0123456789"): "x\x01not an activity",
				filepath.Join(root, ".git", "HEAD"):   "ref: refs/heads/master\n",
			}
			for p, c := range junk {
				if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// A Mac-made zip of the same folder (another athlete would
			// dedupe it; here it only has to add no failures).
			zpath := filepath.Join(t.TempDir(), "export.zip")
			zf, err := os.Create(zpath)
			if err != nil {
				t.Fatal(err)
			}
			zw := zip.NewWriter(zf)
			for _, n := range []string{"GPX_OUT/.gitkeep", "__MACOSX/GPX_OUT/._" + real[0], "GPX_OUT/._" + real[1]} {
				w, err := zw.Create(n)
				if err != nil {
					t.Fatal(err)
				}
				w.Write([]byte("\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X"))
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			zf.Close()

			res, st := run(t, s, root, zpath)
			for f, r := range res {
				if r.Status == "failed" {
					t.Errorf("%s: failed (%s): a bookkeeping file read as an activity file", f, r.Error)
				}
			}
			if len(res) != len(real) {
				t.Errorf("%d file results, want %d (the activity files only): %v", len(res), len(real), res)
			}
			if st.Activities != len(real) {
				t.Errorf("%d activities stored, want %d", st.Activities, len(real))
			}

			// Named on the command line, a hidden file is read (and fails
			// as what it is).
			res, _ = run(t, s, filepath.Join(out, ".gitkeep"))
			if r := byBase(res, ".gitkeep"); r.Status != "failed" {
				t.Errorf(".gitkeep named on the command line: %s, want failed", r.Status)
			}
		})
	}
}

// A whole clone of a running_page fork (held-out rawimport30: 367 files,
// 185 of them the template's code, images and data.db, each listed
// "failed: not an activity") or a Strava export's media/ folder: files
// plainly no activity files by their names are left out and counted in
// one figure, not listed as failures; an activity file is read whatever
// its name, and a file of no known name that is no activity still fails.
func TestFolderNonActivityFilesCounted(t *testing.T) {
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "GPX_OUT")
			src := filepath.Join(root, "src", "static")
			for _, d := range []string{out, src} {
				if err := os.MkdirAll(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			copyInto(t, out, "running-page-hiit-505201416.gpx")
			// An activity file under a misleading name is still read.
			b, err := os.ReadFile(testkit.Activities(t, "workouts-page", "running-page-jump-rope-556622978.gpx"))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string][]byte{
				filepath.Join(out, "jump.txt"):             b,
				filepath.Join(root, "README.md"):           []byte("# my running page\n"),
				filepath.Join(root, "run_page", "data.db"): []byte("SQLite format 3\x00"),
				filepath.Join(src, "App.tsx"):              []byte("export default function App() {}\n"),
				filepath.Join(root, "assets", "year.svg"):  []byte("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
				filepath.Join(root, "media", "IMG_1.JPG"):  []byte("\xff\xd8\xff\xe0JFIF"),
				filepath.Join(root, "notes.bin"):           []byte("no activity"),
			}
			for p, c := range files {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, c, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, st := run(t, s, root)
			if st.Skipped != 5 {
				t.Errorf("skipped %d, want 5 (README.md, data.db, App.tsx, year.svg, IMG_1.JPG)", st.Skipped)
			}
			if st.Activities != 2 {
				t.Errorf("%d activities stored, want 2 (jump.txt read by its content)", st.Activities)
			}
			if r := byBase(res, "notes.bin"); r.Status != "failed" {
				t.Errorf("notes.bin: %s, want failed (no name says it is no activity file)", r.Status)
			}
			if len(res) != 3 {
				t.Errorf("%d file results, want 3", len(res))
			}
		})
	}
}

// A Garmin Connect session typed with a sport rekindle has no key for
// (running_page's GPX_OUT: <type>hiit</type>, <type>jump_rope</type>, an
// empty track) is that sport, stored as other with no inference: never
// warned "the file did not say" (held-out rawimport30, two of 182 files).
func TestNamedSportWithoutKeyNotUnknown(t *testing.T) {
	files := []string{"running-page-hiit-505201416.gpx", "running-page-jump-rope-556622978.gpx"}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyInto(t, dir, files...)
			res, _ := run(t, s, dir)
			for _, f := range files {
				r := byBase(res, f)
				if r.Status == "failed" || r.Status == "missing" {
					t.Fatalf("%s: %s %s", f, r.Status, r.Error)
				}
				if w := strings.Join(r.Warnings, "\n"); strings.Contains(w, "did not say") {
					t.Errorf("%s: warned %q, but the file names its sport", f, w)
				}
			}
			for _, a := range list(t, s) {
				if a.Sport != rekindle.SportOther || a.SportSource != rekindle.SportFromFile {
					t.Errorf("%s (%s): %s from %s, want other from the file", a.Name, a.SubSport, a.Sport, a.SportSource)
				}
			}
		})
	}
}
