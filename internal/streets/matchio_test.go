package streets

import (
	"bytes"
	"testing"
)

func TestMatchRoundTrip(t *testing.T) {
	m := []EdgeCover{
		{Edge: 0, Intervals: []Interval{{0, 1}}},
		{Edge: 7, Intervals: []Interval{{0.1, 0.25}, {0.5, 0.75}}},
		{Edge: 300, Intervals: []Interval{{0.333333, 0.666667}}},
	}
	data := EncodeMatch(m)
	got, err := DecodeMatch(data, 301)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(m) {
		t.Fatalf("got %d edges, want %d", len(got), len(m))
	}
	for i := range m {
		if got[i].Edge != m[i].Edge || len(got[i].Intervals) != len(m[i].Intervals) {
			t.Fatalf("edge %d: got %+v, want %+v", i, got[i], m[i])
		}
		for j, iv := range m[i].Intervals {
			g := got[i].Intervals[j]
			if d := max(g.A-iv.A, iv.A-g.A, g.B-iv.B, iv.B-g.B); d > 1.0/matchScale {
				t.Errorf("edge %d interval %d: got %+v, want %+v", i, j, g, iv)
			}
		}
	}
	// Encoding the decoded match gives the same bytes: stored and fresh
	// matches are the same values.
	if again := EncodeMatch(got); !bytes.Equal(again, data) {
		t.Errorf("re-encoding changed the bytes")
	}
	if _, err := DecodeMatch(data, 300); err == nil {
		t.Error("an edge id beyond the graph decoded")
	}
	if _, err := DecodeMatch(data[:len(data)-1], 301); err == nil {
		t.Error("truncated data decoded")
	}
}

func FuzzDecodeMatch(f *testing.F) {
	f.Add(EncodeMatch([]EdgeCover{{Edge: 3, Intervals: []Interval{{0.2, 0.9}}}}), 10)
	f.Add([]byte{}, 1)
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		n = max(0, min(n, 1<<20))
		m, err := DecodeMatch(data, n)
		if err != nil {
			return
		}
		back, err := DecodeMatch(EncodeMatch(m), n)
		if err != nil || len(back) != len(m) {
			t.Fatalf("re-decode: %v (%d vs %d edges)", err, len(back), len(m))
		}
	})
}
