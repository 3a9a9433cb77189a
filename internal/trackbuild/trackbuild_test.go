package trackbuild

import (
	"fmt"
	"math"
	"testing"
)

func sample(time int64, lat float64, hr float32) *Sample {
	var s Sample
	s.Reset()
	s.Time, s.Lat, s.Lon, s.HR = time, lat, lat, hr
	return &s
}

func TestBuilder(t *testing.T) {
	nan := float32(math.NaN())
	tests := []struct {
		name      string
		samples   []*Sample
		breaks    []int // Break() before the sample at these indices
		wantTime  string
		wantHR    string
		wantBreak string
		wantInt   int
	}{
		{"channel appears late", []*Sample{sample(0, 1, nan), sample(1000, 1, 150), sample(2000, 1, 151)}, nil, "[0 1000 2000]", "[NaN 150 151]", "[]", 0},
		{"no HR at all", []*Sample{sample(0, 1, nan), sample(1000, 1, nan)}, nil, "[0 1000]", "[]", "[]", 0},
		{"times interpolated", []*Sample{sample(NoTime, 1, 1), sample(1000, 1, 1), sample(NoTime, 1, 1), sample(NoTime, 1, 1), sample(4000, 1, 1), sample(NoTime, 1, 1)}, nil,
			"[1000 1000 2000 3000 4000 4000]", "[1 1 1 1 1 1]", "[]", 4},
		{"breaks", []*Sample{sample(0, 1, 1), sample(1, 1, 1), sample(2, 1, 1)}, []int{0, 1, 2}, "[0 1 2]", "[1 1 1]", "[1 2]", 0},
		{"empty samples skipped", []*Sample{sample(NoTime, math.NaN(), nan), sample(5, 1, 1)}, nil, "[5]", "[1]", "[]", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := New(100)
			for i, s := range tc.samples {
				for _, bi := range tc.breaks {
					if bi == i {
						b.Break()
					}
				}
				if err := b.Add(s); err != nil {
					t.Fatal(err)
				}
			}
			tr, n := b.Finish()
			if err := tr.Validate(); err != nil {
				t.Fatal(err)
			}
			hr := "[]"
			if tr.HR != nil {
				hr = fmt.Sprint(tr.HR)
			}
			if got := fmt.Sprint(tr.Time); got != tc.wantTime {
				t.Errorf("time %s, want %s", got, tc.wantTime)
			}
			if hr != tc.wantHR {
				t.Errorf("hr %s, want %s", hr, tc.wantHR)
			}
			if got := fmt.Sprint(tr.Breaks); got != tc.wantBreak {
				t.Errorf("breaks %s, want %s", got, tc.wantBreak)
			}
			if n != tc.wantInt {
				t.Errorf("interpolated %d, want %d", n, tc.wantInt)
			}
		})
	}
}

func TestCapAndUsable(t *testing.T) {
	b := New(2)
	for i := range 2 {
		if err := b.Add(sample(int64(i), 1, 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Add(sample(3, 1, 1)); err != ErrFull {
		t.Fatalf("err = %v, want ErrFull", err)
	}
	var s Sample
	s.Reset()
	s.Cadence = 80
	c := New(10)
	_ = c.Add(&s)
	if c.Usable() {
		t.Fatal("a cadence-only track has no length and is not usable")
	}
	if tr, _ := c.Finish(); tr.Len() != 0 || tr.Cadence != nil {
		t.Fatalf("unusable track kept: %v", tr.Channels())
	}
}

func BenchmarkAdd(b *testing.B) {
	s := sample(0, 50.1, 150)
	s.Ele, s.Cadence = 400, 85
	for b.Loop() {
		bld := New(100_000)
		for i := range 10_000 {
			s.Time = int64(i) * 1000
			_ = bld.Add(s)
		}
		bld.Finish()
	}
}
