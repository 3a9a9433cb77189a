package spark

import (
	"strconv"
	"testing"
)

// A ratio a why quotes (the 7 days' load, this week against the usual one)
// is the report's: rounded once from the value the report shows (3
// decimals), not from the exact one. A load ratio of 1.27502 (held-out
// real-104 2023-08-20, a summer of daily runs) showed 1.275 in the report
// and read "1.28×" in the why, a number the report's signals do not hold.
func TestRatiosQuoteTheReportsValue(t *testing.T) {
	for _, v := range []float64{1.27502, 1.2749, 1.4451, 2.0049, 0.9951} {
		s := &sigs{m: map[string]Signal{}, raw: map[string]float64{}}
		s.set(SigACWR, v, "", "test")
		shown := s.export()[SigACWR].Value
		if got, want := s.saidRatio(SigACWR), strconv.FormatFloat(shown, 'f', 2, 64); got != want {
			t.Errorf("ratio %v (report %v): the why says %s, the report's value reads %s", v, shown, got, want)
		}
	}
}
