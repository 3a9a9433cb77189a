package place

import (
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// real37 reads held-out real-37's list rows (a Hangzhou runner's watch
// list, no positions; the casebook fixture) with the names the source gave
// them (testdata/real-37-names.txt, one a row in the fixture's order: the
// watch's session labels, 基础训练 base, 恢复 recovery, 乳酸阈值
// threshold…, with the city the source put before them dropped).
func real37(t *testing.T) ([]time.Time, []string) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "casebook", "real-37", "history.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "real-37-names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(names) != len(recs)-1 {
		t.Fatalf("%d names for %d rows", len(names), len(recs)-1)
	}
	var starts []time.Time
	for _, rec := range recs[1:] {
		at, err := time.Parse("2006-01-02 15:04", rec[0][:16])
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, at)
	}
	return starts, names
}

// A position-less Chinese list whose runner runs in the evening and never
// at dawn has a night gap flat from UTC+5 to UTC+8, and its middle put
// real-37 (Hangzhou, UTC+8) at UTC+6. Names written in Chinese point to
// UTC+8, two hours from the middle, where the hours alone would accept it
// (1.4% of the starts in its night): it is taken, and says why. The same
// hours without the names stay at the gap's middle; a hint two hours
// away to a busy night (a runner at UTC+6 who runs at 9-10 pm: 11 pm and
// midnight at UTC+8) or four hours away is not taken.
func TestChineseNamesSettleAFlatNightGap(t *testing.T) {
	starts, names := real37(t)
	if o, ok := OffsetFromStarts(starts); !ok || o.Hours != 6 {
		t.Fatalf("hours alone: %+v ok=%v, want UTC+6 (the flat gap's middle)", o, ok)
	}
	hint := ScriptHint(names)
	if hint.Hours != 8 || hint.Why != "names written in Chinese" {
		t.Fatalf("hint %+v", hint)
	}
	z, ok := ZoneFromStarts(starts, names)
	if !ok || z.Hours != 8 || z.Zone != "Etc/GMT-8" || z.Offset.Hint != hint.Why || z.Moved != 2 {
		t.Fatalf("with the names: %+v ok=%v, want UTC+8 (Etc/GMT-8), moved 2 hours by the names", z, ok)
	}
	if z.Night > maxNightShare || z.Confidence < minOffsetConfidence {
		t.Errorf("taken at a night the hours alone would refuse: %+v", z.Offset)
	}
	late := startsAt(6, []int{6, 7, 18, 21, 22, 22, 19, 12}, 200)
	if o, ok := OffsetFromStartsHinted(late, hint); !ok || o.Hours < 5 || o.Hours > 6 || o.Hint != "" {
		t.Errorf("a late runner at UTC+6 moved by the names: %+v ok=%v", o, ok)
	}
	if o, _ := OffsetFromStartsHinted(starts, Hint{Hours: 10, Why: "x"}); o.Hours != 6 || o.Hint != "" {
		t.Errorf("a hint four hours away moved it: %+v", o)
	}
}
