package trackbuild

import (
	"cmp"
	"slices"
	"time"

	"rekindle"
)

// MaxSpreadMS: a sample further than this (a week) from the median time of
// its track has an impossible time: no activity lasts a week.
const MaxSpreadMS = int64(7 * 24 * time.Hour / time.Millisecond)

// SaneTimes drops the samples of a timed track whose time is impossible:
// further than MaxSpreadMS from the track's median time (far), or out of
// order (back: it keeps the longest non-decreasing run, so one sample
// stamped ahead does not take the rest with it; but when that would drop
// more than a tenth of the samples (and more than three), a whole stretch
// is out of order and the order is left as it is). Breaks are remapped. keep
// lists, in order, the old indices of the samples kept, nil when none was
// dropped: callers remap their own sample indices with it (RemapRange).
// A track whose times are in order and within a week costs one pass.
func SaneTimes(tr *rekindle.Track) (far, back int, keep []int) {
	ts := tr.Time
	n := len(ts)
	if n < 2 || n != tr.Len() {
		return 0, 0, nil
	}
	sorted := Sorted(ts)
	if d := ts[n-1] - ts[0]; sorted && d >= 0 && d <= MaxSpreadMS { // d < 0: overflow
		return 0, 0, nil
	}
	med := median(ts)
	idx := make([]int, 0, n)
	for i, t := range ts {
		if d := t - med; d <= MaxSpreadMS && d >= -MaxSpreadMS && (t < med) == (d < 0) {
			idx = append(idx, i)
		}
	}
	far = n - len(idx)
	if !sorted {
		sub := make([]int64, len(idx))
		for k, i := range idx {
			sub[k] = ts[i]
		}
		ord := NonDecreasing(sub)
		if back = len(idx) - len(ord); back <= max(3, len(idx)/10) {
			for k, j := range ord {
				idx[k] = idx[j]
			}
			idx = idx[:len(ord)]
		} else {
			back = 0 // a whole stretch out of order is data, not a damaged record
		}
	}
	if far == 0 && back == 0 {
		return 0, 0, nil
	}
	Keep(tr, idx)
	return far, back, idx
}

// Sorted reports whether times never decrease. It is what
// slices.IsSorted says, in a plain loop: every decoder checks its times
// several times, and a short file's decode is a few microseconds.
func Sorted(ts []int64) bool {
	for i := 1; i < len(ts); i++ {
		if ts[i] < ts[i-1] {
			return false
		}
	}
	return true
}

// Keep reduces every channel of tr to the samples at the given old indices
// (increasing) and remaps Breaks: a pause that ended at a dropped sample
// ends at the next sample kept.
func Keep(tr *rekindle.Track, idx []int) {
	tr.Breaks = remapBreaks(idx, tr.Breaks)
	tr.Time = keep64i(tr.Time, idx)
	tr.Lat, tr.Lon, tr.Dist = keep64(tr.Lat, idx), keep64(tr.Lon, idx), keep64(tr.Dist, idx)
	tr.Ele, tr.HR, tr.Cadence = keep32(tr.Ele, idx), keep32(tr.HR, idx), keep32(tr.Cadence, idx)
	tr.Power, tr.Speed, tr.Temp = keep32(tr.Power, idx), keep32(tr.Speed, idx), keep32(tr.Temp, idx)
}

// RemapRange converts an inclusive range of old sample indices to the kept
// samples it still covers; -1, -1 when none (or when first is -1).
func RemapRange(idx []int, first, last int) (int, int) {
	if first < 0 || last < first {
		return -1, -1
	}
	f, _ := slices.BinarySearch(idx, first)
	l, found := slices.BinarySearch(idx, last)
	if !found {
		l--
	}
	if f >= len(idx) || l < f {
		return -1, -1
	}
	return f, l
}

func remapBreaks(idx []int, breaks []int) []int {
	if breaks == nil {
		return nil
	}
	out := breaks[:0]
	for _, b := range breaks {
		k, _ := slices.BinarySearch(idx, b)
		if k > 0 && k < len(idx) && (len(out) == 0 || k > out[len(out)-1]) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// NonDecreasing returns the indices, increasing, of a longest
// non-decreasing subsequence of t (patience sorting, O(n log n)).
func NonDecreasing(t []int64) []int {
	if len(t) == 0 {
		return nil
	}
	tails := make([]int, 0, 64) // tails[k]: index ending the best run of length k+1
	prev := make([]int, len(t))
	for i, v := range t {
		k, _ := slices.BinarySearchFunc(tails, v, func(idx int, v int64) int {
			if t[idx] <= v {
				return -1
			}
			return 1
		})
		prev[i] = -1
		if k > 0 {
			prev[i] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	out := make([]int, len(tails))
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = i
	}
	return out
}

func median(t []int64) int64 {
	c := slices.Clone(t)
	slices.Sort(c)
	return c[len(c)/2]
}

func keep64i(c []int64, idx []int) []int64 {
	if c == nil {
		return nil
	}
	for k, i := range idx {
		c[k] = c[i]
	}
	return c[:len(idx)]
}

func keep64(c []float64, idx []int) []float64 {
	if c == nil {
		return nil
	}
	for k, i := range idx {
		c[k] = c[i]
	}
	return c[:len(idx)]
}

func keep32(c []float32, idx []int) []float32 {
	if c == nil {
		return nil
	}
	for k, i := range idx {
		c[k] = c[i]
	}
	return c[:len(idx)]
}

// SortByTime puts the samples of a timed track in time order, stably: a
// whole stretch recorded out of order (which SaneTimes leaves as it is, as
// data rather than damage) is moved into place. A sorted track costs one
// pass and is left as it is (moved 0, perm nil). moved counts the samples
// outside a longest run in order; perm[new] is the old index of each
// sample, for callers to remap their own sample indices (laps). A pause
// that began at a sample begins where that sample lands. The channels are
// copied, not permuted in place.
func SortByTime(tr *rekindle.Track) (moved int, perm []int) {
	if tr.Len() != len(tr.Time) || Sorted(tr.Time) {
		return 0, nil
	}
	moved = len(tr.Time) - len(NonDecreasing(tr.Time))
	perm = make([]int, len(tr.Time))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(i, j int) int { return cmp.Compare(tr.Time[i], tr.Time[j]) })
	if tr.Breaks != nil {
		inv := Inverse(perm)
		var breaks []int
		for _, b := range tr.Breaks {
			if b > 0 && b < len(inv) && inv[b] > 0 {
				breaks = append(breaks, inv[b])
			}
		}
		slices.Sort(breaks)
		tr.Breaks = slices.Compact(breaks)
	}
	tr.Time = permute(tr.Time, perm)
	tr.Lat, tr.Lon, tr.Dist = permute(tr.Lat, perm), permute(tr.Lon, perm), permute(tr.Dist, perm)
	tr.Ele, tr.HR, tr.Cadence = permute(tr.Ele, perm), permute(tr.HR, perm), permute(tr.Cadence, perm)
	tr.Power, tr.Speed, tr.Temp = permute(tr.Power, perm), permute(tr.Speed, perm), permute(tr.Temp, perm)
	return moved, perm
}

// Inverse returns where each old sample landed after SortByTime's perm.
func Inverse(perm []int) []int {
	inv := make([]int, len(perm))
	for k, i := range perm {
		inv[i] = k
	}
	return inv
}

// MovedRange converts an inclusive range of old sample indices to the
// smallest range of new indices holding them all (inv from Inverse);
// -1, -1 when the range is empty or out of bounds.
func MovedRange(inv []int, first, last int) (int, int) {
	if first < 0 || last < first || last >= len(inv) {
		return -1, -1
	}
	lo, hi := inv[first], inv[first]
	for _, k := range inv[first+1 : last+1] {
		lo, hi = min(lo, k), max(hi, k)
	}
	return lo, hi
}

func permute[T any](c []T, perm []int) []T {
	if c == nil {
		return nil
	}
	out := make([]T, len(perm))
	for k, i := range perm {
		out[k] = c[i]
	}
	return out
}
