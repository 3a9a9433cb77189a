package store

import (
	"math"
	"testing"

	"rekindle"
)

// FuzzDecodeSummary: any bytes in the summary column (a damaged or foreign
// database) are refused or decoded without a panic; what decodes encodes
// again to a blob that decodes the same.
func FuzzDecodeSummary(f *testing.F) {
	s := &rekindle.Summary{DistanceM: 5000, ElapsedS: 1800, MovingS: 1750, AvgHR: 150, DistanceSource: "device",
		HRSeconds: []float32{1, 2, 3}, BestEfforts: []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: 240}}}
	tot := &rekindle.Totals{DistanceM: 5000, ElapsedS: 1800, AvgHR: math.NaN()}
	f.Add(encodeSummary(s, tot))
	f.Add(encodeSummary(&rekindle.Summary{}, &rekindle.Totals{}))
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		var s rekindle.Summary
		var tot rekindle.Totals
		if err := decodeSummary(b, &s, &tot); err != nil {
			return
		}
		again := encodeSummary(&s, &tot)
		var s2 rekindle.Summary
		var t2 rekindle.Totals
		if err := decodeSummary(again, &s2, &t2); err != nil {
			t.Fatalf("re-encoded summary does not decode: %v", err)
		}
		if b2 := encodeSummary(&s2, &t2); string(b2) != string(again) {
			t.Fatalf("summary does not round-trip")
		}
	})
}
