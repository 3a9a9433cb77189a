package store

import (
	"encoding/binary"
	"fmt"
	"math"

	"rekindle"
)

// The summary blob holds an activity's Summary and Totals in a compact binary
// form that decodes quickly (listing thousands of activities stays cheap).
// Floats are IEEE bits, so NaN survives; HRSeconds keeps only its non-zero span.

const summaryVersion = 1

func encodeSummary(s *rekindle.Summary, t *rekindle.Totals) []byte {
	b := make([]byte, 0, 256+4*len(s.HRSeconds)+56*len(s.Splits)+40*len(s.BestEfforts))
	b = append(b, summaryVersion)
	for _, v := range []float64{s.DistanceM, s.ElapsedS, s.MovingS, s.AscentM, s.DescentM, s.AvgHR, s.MaxHR,
		s.AvgCadenceSPM, s.AvgPowerW, s.MaxPowerW, s.AvgSpeedMS, s.MaxSpeedMS, s.NormalizedSpeedMS} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	b = appendString(b, s.DistanceSource)
	// HR histogram: nil, or [first non-zero, last non-zero].
	lo, hi := 0, len(s.HRSeconds)
	for lo < hi && s.HRSeconds[lo] == 0 {
		lo++
	}
	for hi > lo && s.HRSeconds[hi-1] == 0 {
		hi--
	}
	if s.HRSeconds == nil {
		b = append(b, 0)
	} else {
		b = append(b, 1)
		b = binary.AppendUvarint(b, uint64(len(s.HRSeconds)))
		b = binary.AppendUvarint(b, uint64(lo))
		b = binary.AppendUvarint(b, uint64(hi-lo))
		for _, v := range s.HRSeconds[lo:hi] {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.Splits)))
	for _, sp := range s.Splits {
		b = appendString(b, sp.Unit)
		b = binary.AppendUvarint(b, uint64(max(sp.Index, 0)))
		for _, v := range []float64{sp.DistanceM, sp.ElapsedS, sp.MovingS, sp.AvgHR, sp.AscentM} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(s.BestEfforts)))
	for _, e := range s.BestEfforts {
		b = appendString(b, e.Name)
		for _, v := range []float64{e.DistanceM, e.ElapsedS, e.StartS} {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	for _, v := range []float64{t.DistanceM, t.ElapsedS, t.TimerS, t.AscentM, t.DescentM, t.Calories, t.AvgHR,
		t.MaxHR, t.AvgCadence, t.AvgPowerW, t.AvgSpeedMS, t.MaxSpeedMS, t.PoolLengthM} {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

type sumReader struct {
	blobReader
}

func (r *sumReader) f64() float64 {
	p := r.bytes(8)
	if p == nil {
		return 0
	}
	// An infinite or absurd number stored earlier (a 1e308 CSV value once
	// made every JSON view of the activity fail) reads as 0; NaN, the mark
	// of a missing value, stays.
	v := math.Float64frombits(binary.LittleEndian.Uint64(p))
	if math.IsInf(v, 0) || math.Abs(v) > maxSummaryValue {
		return 0
	}
	return v
}

// maxSummaryValue bounds any number of a summary (metres, seconds, bpm):
// 1e12 m is a billion kilometres, 1e12 s thirty thousand years.
const maxSummaryValue = 1e12

func (r *sumReader) str() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.err = fmt.Errorf("%w: summary string too long", ErrBadBlob)
		return ""
	}
	return string(r.bytes(int(n)))
}

func decodeSummary(b []byte, s *rekindle.Summary, t *rekindle.Totals) error {
	if len(b) < 1 || b[0] != summaryVersion {
		return fmt.Errorf("%w: summary version", ErrBadBlob)
	}
	r := &sumReader{blobReader{b: b, off: 1}}
	for _, p := range []*float64{&s.DistanceM, &s.ElapsedS, &s.MovingS, &s.AscentM, &s.DescentM, &s.AvgHR, &s.MaxHR,
		&s.AvgCadenceSPM, &s.AvgPowerW, &s.MaxPowerW, &s.AvgSpeedMS, &s.MaxSpeedMS, &s.NormalizedSpeedMS} {
		*p = r.f64()
	}
	s.DistanceSource = r.str()
	if r.byte() == 1 {
		n, lo, k := r.uvarint(), r.uvarint(), r.uvarint()
		if r.err == nil && (n > 1000 || lo+k > n) {
			return fmt.Errorf("%w: summary HR histogram", ErrBadBlob)
		}
		if r.err == nil {
			s.HRSeconds = make([]float32, n)
			for i := range int(k) {
				p := r.bytes(4)
				if p == nil {
					break
				}
				s.HRSeconds[int(lo)+i] = math.Float32frombits(binary.LittleEndian.Uint32(p))
			}
		}
	}
	if n := r.uvarint(); n > 0 && r.err == nil {
		if n > uint64(len(b)) {
			return fmt.Errorf("%w: summary splits", ErrBadBlob)
		}
		s.Splits = make([]rekindle.Split, n)
		for i := range s.Splits {
			sp := &s.Splits[i]
			sp.Unit = r.str()
			sp.Index = int(r.uvarint())
			for _, p := range []*float64{&sp.DistanceM, &sp.ElapsedS, &sp.MovingS, &sp.AvgHR, &sp.AscentM} {
				*p = r.f64()
			}
		}
	}
	if n := r.uvarint(); n > 0 && r.err == nil {
		if n > uint64(len(b)) {
			return fmt.Errorf("%w: summary efforts", ErrBadBlob)
		}
		s.BestEfforts = make([]rekindle.Effort, n)
		for i := range s.BestEfforts {
			e := &s.BestEfforts[i]
			e.Name = r.str()
			for _, p := range []*float64{&e.DistanceM, &e.ElapsedS, &e.StartS} {
				*p = r.f64()
			}
		}
	}
	for _, p := range []*float64{&t.DistanceM, &t.ElapsedS, &t.TimerS, &t.AscentM, &t.DescentM, &t.Calories, &t.AvgHR,
		&t.MaxHR, &t.AvgCadence, &t.AvgPowerW, &t.AvgSpeedMS, &t.MaxSpeedMS, &t.PoolLengthM} {
		*p = r.f64()
	}
	return r.err
}
