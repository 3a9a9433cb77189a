package fit

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"rekindle"
	"rekindle/internal/testkit"
)

// colReader offers a Columns to Decode, as an import worker's reader does.
type colReader struct {
	*bytes.Reader
	c *Columns
}

func (r colReader) FITColumns() *Columns { return r.c }

// dump is every value of the activities' tracks (%v prints a float
// exactly enough to tell any two apart).
func dump(acts []*rekindle.Activity) string {
	var b bytes.Buffer
	for _, a := range acts {
		fmt.Fprintf(&b, "%v\n", a.Track)
	}
	return b.String()
}

// TestColumnsReuse decodes files in turn with one Columns: every track is
// what a fresh decode gives; tracks not released are never written over by
// the next file (the aliasing guard); once released, their memory is used
// again (so a release made too early would change them: checked too, to
// show the guard would catch it).
func TestColumnsReuse(t *testing.T) {
	read := func(name string) []byte {
		data, err := os.ReadFile(testkit.Activities(t, "fit/"+name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	small, large := read("garmin-fenix-5-run.fit"), read("garmin-edge-500-activity.fit")
	decode := func(data []byte, c *Columns) []*rekindle.Activity {
		t.Helper()
		acts, err := Decode(colReader{bytes.NewReader(data), c})
		if err != nil || len(acts) == 0 || acts[0].Track.Len() == 0 {
			t.Fatalf("decode: %d activities, %v", len(acts), err)
		}
		return acts
	}
	wantSmall, wantLarge := dump(decode(small, nil)), dump(decode(large, nil))

	c := new(Columns)
	l1 := decode(large, c)
	if got := dump(l1); got != wantLarge {
		t.Fatal("first decode with Columns differs from a fresh decode")
	}
	// Not released: the next file must not touch l1's memory.
	s1 := decode(small, c)
	if dump(s1) != wantSmall || dump(l1) != wantLarge {
		t.Fatal("a decode wrote over tracks not released")
	}
	c.Release()
	l2 := decode(large, c)
	if dump(l2) != wantLarge || dump(s1) != wantSmall {
		t.Fatal("decode with released Columns differs from a fresh decode")
	}
	// l1 still holds its own memory (forgotten by c when s1 was decoded).
	if dump(l1) != wantLarge {
		t.Fatal("tracks whose memory was forgotten were written over")
	}
	// Released: the next file reuses l2's memory, l2 is written over.
	c.Release()
	s2 := decode(small, c)
	if dump(s2) != wantSmall {
		t.Fatal("decode into reused columns differs from a fresh decode")
	}
	if &s2[0].Track.Time[0] != &l2[0].Track.Time[:1][0] {
		t.Fatal("released columns were not used again")
	}
	if dump(l2) == wantLarge {
		t.Fatal("reused columns left the released tracks as they were: the guard above could not fail")
	}
}
