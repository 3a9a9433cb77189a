package streets

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// MatchVersion changes whenever map matching or its encoding would come out
// differently; stored matches of another version are matched again.
const MatchVersion = 1

// matchScale is the resolution of stored interval ends: 1/65535 of an edge
// (a few millimetres on a street edge).
const matchScale = 65535

// EncodeMatch packs a run's matched edges (sorted by edge id, as Match
// returns them) compactly: a varint count, then per edge the varint gap
// to the previous edge id, the varint interval count and each interval's
// ends as 16-bit fractions of the edge.
func EncodeMatch(m []EdgeCover) []byte {
	buf := make([]byte, 0, 1+len(m)*8)
	buf = binary.AppendUvarint(buf, uint64(len(m)))
	prev := int64(-1)
	for _, ec := range m {
		buf = binary.AppendUvarint(buf, uint64(int64(ec.Edge)-prev-1))
		prev = int64(ec.Edge)
		buf = binary.AppendUvarint(buf, uint64(len(ec.Intervals)))
		for _, iv := range ec.Intervals {
			buf = binary.LittleEndian.AppendUint16(buf, quantize(iv.A))
			buf = binary.LittleEndian.AppendUint16(buf, quantize(iv.B))
		}
	}
	return buf
}

func quantize(f float64) uint16 {
	return uint16(math.Round(min(1, max(0, f)) * matchScale))
}

var errMatchData = errors.New("route: bad match data")

// DecodeMatch reads what EncodeMatch wrote; numEdges bounds the edge ids
// (the graph the match was made on).
func DecodeMatch(data []byte, numEdges int) ([]EdgeCover, error) {
	n, k := binary.Uvarint(data)
	if k <= 0 || n > uint64(len(data)) {
		return nil, errMatchData
	}
	data = data[k:]
	out := make([]EdgeCover, 0, n)
	prev := int64(-1)
	for range n {
		gap, k := binary.Uvarint(data)
		if k <= 0 || gap >= uint64(numEdges) {
			return nil, errMatchData
		}
		data = data[k:]
		e := prev + 1 + int64(gap)
		if e >= int64(numEdges) {
			return nil, fmt.Errorf("%w: edge %d of %d", errMatchData, e, numEdges)
		}
		prev = e
		cnt, k := binary.Uvarint(data)
		if k <= 0 || cnt > uint64(len(data)-k)/4 {
			return nil, errMatchData
		}
		data = data[k:]
		ivs := make([]Interval, cnt)
		for i := range ivs {
			a, b := binary.LittleEndian.Uint16(data), binary.LittleEndian.Uint16(data[2:])
			if a > b {
				return nil, fmt.Errorf("%w: interval %d..%d", errMatchData, a, b)
			}
			ivs[i] = Interval{float64(a) / matchScale, float64(b) / matchScale}
			data = data[4:]
		}
		out = append(out, EdgeCover{Edge: int32(e), Intervals: ivs})
	}
	if len(data) != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", errMatchData, len(data))
	}
	return out, nil
}
