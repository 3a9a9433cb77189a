package ingest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A log of dates without hours (held-out real-65, a track runner's
// hand-typed log) puts every entry of a day at midnight, so the spans of a
// day's entries "overlap" by construction and dedupe took two entries of
// nearly one distance for one session: his 5000 m race of 10 Apr 2010
// (5.000 km in 14:56) was stored as a duplicate of the day's warm-up (5.021
// km in 20:00), and the commute run there and back (4.426 km in 18:54 and
// in 19:34) was one run. Their lengths differ beyond rounding: two
// activities, in one file or in two, on both stores. The same entry typed
// twice (the same distance and length) is still one session.
func TestImportUndatedEntriesOfDifferentLengthsAreTwo(t *testing.T) {
	dir := t.TempDir()
	write := func(name, rows string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("date,sport,distance_km,duration,avg_hr,name\n"+rows), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// real-65's rows, as his log gives them.
	log := write("log.csv", "2010-04-06,,8.851,0:38:00,,Warm up and cool down\n"+
		"2010-04-06,,8.851,0:38:00,,4x4321\n"+
		"2010-04-10,,5.021,0:20:00,,Warm up\n"+
		"2010-04-10,,5.000,0:14:56,,5k\n"+
		"2011-02-03,,4.426,0:18:54,,\n"+
		"2011-02-03,,4.426,0:19:34,,\n")
	// The same day's two entries typed in two files.
	warm := write("warmup.csv", "2010-05-15,,5.021,0:20:00,,Warm up\n")
	race := write("race.csv", "2010-05-15,,5.000,0:14:56,,5000\n")
	want := []string{"02-03 00:00 4426m log.csv", "02-03 00:00 4426m log.csv", "04-06 00:00 8851m log.csv",
		"04-10 00:00 5000m log.csv", "04-10 00:00 5021m log.csv", "05-15 00:00 5000m race.csv", "05-15 00:00 5021m warmup.csv"}
	for name := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := freshStore(t, name)
			_, st := run(t, s, log, warm)
			if st.DuplicateActivities != 1 {
				t.Errorf("duplicates %d, want 1 (the entry typed twice)", st.DuplicateActivities)
			}
			run(t, s, race)
			counted, aside := overlapState(t, s)
			if !slices.Equal(counted, want) || len(aside) != 0 {
				t.Fatalf("counted\n%s\nset aside\n%s\nwant\n%s", strings.Join(counted, "\n"), strings.Join(aside, "\n"), strings.Join(want, "\n"))
			}
			// Importing the files again adds nothing.
			if _, st := run(t, s, log, warm, race); st.Imported != 0 {
				t.Fatalf("re-import: %+v", st)
			}
		})
	}
}
