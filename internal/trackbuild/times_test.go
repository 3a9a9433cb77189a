package trackbuild

import (
	"math"
	"slices"
	"testing"

	"rekindle"
)

func TestSaneTimes(t *testing.T) {
	const s = 1000
	const year = 365 * 24 * 3600 * s
	base := int64(1_632_751_990_000)
	tests := []struct {
		name      string
		times     []int64 // offsets from base, ms
		breaks    []int
		far, back int
		want      []int64 // offsets kept
		breaksOut []int
	}{
		{"clean", []int64{0, s, 2 * s, 3 * s}, []int{2}, 0, 0, []int64{0, s, 2 * s, 3 * s}, []int{2}},
		{"one in 2085", []int64{0, s, 64 * year, 3 * s, 4 * s}, []int{3}, 1, 0, []int64{0, s, 3 * s, 4 * s}, []int{2}},
		{"last in 2085", []int64{0, s, 2 * s, 64 * year}, nil, 1, 0, []int64{0, s, 2 * s}, nil},
		{"first in 1970", []int64{-base, s, 2 * s, 3 * s}, []int{1}, 1, 0, []int64{s, 2 * s, 3 * s}, nil},
		{"one a minute ahead", []int64{0, s, 60 * s, 3 * s, 4 * s, 5 * s}, nil, 0, 1, []int64{0, s, 3 * s, 4 * s, 5 * s}, nil},
		{"one step back", []int64{0, 2 * s, s, 3 * s}, nil, 0, 1, []int64{0, s, 3 * s}, nil},
		{"break at a dropped sample moves on", []int64{0, s, 2 * s, 1, 4 * s, 5 * s}, []int{3}, 0, 1, []int64{0, s, 2 * s, 4 * s, 5 * s}, []int{3}},
		{"extremes", []int64{math.MinInt64 / 2, 0, s, math.MaxInt64 / 2}, nil, 2, 0, []int64{0, s}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr := rekindle.Track{Time: make([]int64, len(tc.times)), HR: make([]float32, len(tc.times)), Breaks: slices.Clone(tc.breaks)}
			for i, o := range tc.times {
				tr.Time[i] = base + o
				tr.HR[i] = float32(i)
			}
			far, back, keep := SaneTimes(&tr)
			if far != tc.far || back != tc.back {
				t.Errorf("dropped far %d back %d, want %d %d", far, back, tc.far, tc.back)
			}
			var got []int64
			for i, ms := range tr.Time {
				got = append(got, ms-base)
				if keep != nil && tr.HR[i] != float32(keep[i]) {
					t.Errorf("HR %v at %d, want %d", tr.HR[i], i, keep[i])
				}
			}
			if !slices.Equal(got, tc.want) || !slices.Equal(tr.Breaks, tc.breaksOut) {
				t.Errorf("times %v breaks %v, want %v %v", got, tr.Breaks, tc.want, tc.breaksOut)
			}
			if err := tr.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestRemapRange(t *testing.T) {
	keep := []int{0, 1, 3, 4, 7}
	for _, tc := range []struct{ f, l, wf, wl int }{
		{0, 1, 0, 1}, {2, 4, 2, 3}, {2, 2, -1, -1}, {5, 8, 4, 4}, {-1, -1, -1, -1}, {8, 9, -1, -1},
	} {
		if f, l := RemapRange(keep, tc.f, tc.l); f != tc.wf || l != tc.wl {
			t.Errorf("RemapRange(%d, %d) = %d, %d, want %d, %d", tc.f, tc.l, f, l, tc.wf, tc.wl)
		}
	}
}

func BenchmarkSaneTimesClean(b *testing.B) {
	tr := rekindle.Track{Time: make([]int64, 50_000)}
	for i := range tr.Time {
		tr.Time[i] = int64(i) * 1000
	}
	for b.Loop() {
		SaneTimes(&tr)
	}
}

// TestSaneTimesKeepsStretches: a whole segment out of order is real data in
// the wrong order, not a damaged record: nothing is dropped for order.
func TestSaneTimesKeepsStretches(t *testing.T) {
	tr := rekindle.Track{Time: []int64{10, 11, 12, 13, 1, 2, 3, 4, 5}}
	far, back, keep := SaneTimes(&tr)
	if far != 0 || back != 0 || keep != nil || len(tr.Time) != 9 {
		t.Errorf("far %d back %d keep %v times %v", far, back, keep, tr.Time)
	}
}

// TestSortByTime: a stretch out of order is moved into place with every
// channel, a pause follows the sample it began at, and lap ranges follow
// their samples; a sorted track is left alone.
func TestSortByTime(t *testing.T) {
	tr := rekindle.Track{Time: []int64{10, 11, 12, 1, 2, 3}, HR: []float32{110, 111, 112, 101, 102, 103}, Breaks: []int{3, 4}}
	moved, perm := SortByTime(&tr)
	if moved != 3 || !slices.Equal(tr.Time, []int64{1, 2, 3, 10, 11, 12}) || !slices.Equal(tr.HR, []float32{101, 102, 103, 110, 111, 112}) {
		t.Fatalf("moved %d, %v %v", moved, tr.Time, tr.HR)
	}
	if !slices.Equal(tr.Breaks, []int{1}) { // the pause before old sample 4 (time 2); old 3 lands first: no pause
		t.Errorf("breaks %v", tr.Breaks)
	}
	inv := Inverse(perm)
	if f, l := MovedRange(inv, 0, 2); f != 3 || l != 5 {
		t.Errorf("first lap %d–%d", f, l)
	}
	if f, l := MovedRange(inv, -1, -1); f != -1 || l != -1 {
		t.Errorf("empty lap %d–%d", f, l)
	}
	sorted := rekindle.Track{Time: []int64{1, 2, 2, 3}}
	if moved, perm := SortByTime(&sorted); moved != 0 || perm != nil {
		t.Errorf("sorted track: moved %d", moved)
	}
}
