package place

import (
	"errors"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	tzfrellite "github.com/ringsaturn/tzf-rel-lite"
	"google.golang.org/protobuf/encoding/protowire"
)

// scanTiles answers the fuzzy table's question — the zone of the first
// pre-indexed tile holding each point, from the coarsest zoom to the
// finest, as tzf's FuzzyFinder does — by one pass over the embedded
// protobuf, without decoding it into a map (that costs 0.5–1 s and 20 MB;
// the pass a few tens of milliseconds and nothing held). For a handful of
// look-ups (a home and the tiles around it); a Zones asked many times
// decodes the table instead. names[i] is "" where no tile holds pts[i].
func scanTiles(data []byte, pts []orb.Point) ([]string, error) {
	const maxZoom = 24
	// want[i][z] is point i's tile at zoom z; got[i][z] the first zone
	// listed for it.
	want := make([][maxZoom + 1]maptile.Tile, len(pts))
	got := make([][maxZoom + 1]string, len(pts))
	for i, p := range pts {
		for z := range maxZoom + 1 {
			want[i][z] = maptile.At(p, maptile.Zoom(z))
		}
	}
	var idxZoom, aggZoom int64
	// The least and greatest x of the points' tiles at each zoom: most
	// keys lie outside and are passed over with two comparisons.
	var loX, hiX [maxZoom + 1]uint32
	for z := range maxZoom + 1 {
		loX[z], hiX[z] = math.MaxUint32, 0
		for i := range pts {
			loX[z], hiX[z] = min(loX[z], want[i][z].X), max(hiX[z], want[i][z].X)
		}
	}
	match := func(name []byte, x, y uint32, z int) {
		if z < 0 || z > maxZoom || x < loX[z] || x > hiX[z] {
			return
		}
		for i := range pts {
			t := want[i][z]
			if got[i][z] == "" && t.X == x && t.Y == y {
				got[i][z] = string(name)
			}
		}
	}
	for b := data; len(b) > 0; {
		// Nearly every entry is a short tile key laid out as the table's
		// generator writes it: read at once (tileKeyFast); anything else
		// takes the general path below, which reads any valid layout.
		if len(b) >= 2 && b[0] == 3<<3|byte(protowire.BytesType) && b[1] < 0x80 && 2+int(b[1]) <= len(b) {
			if name, x, y, z, ok := tileKeyFast(b[2 : 2+int(b[1])]); ok {
				b = b[2+int(b[1]):]
				match(name, x, y, z)
				continue
			}
		}
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, errors.New("place: tile table: bad tag")
		}
		b = b[n:]
		switch {
		case (num == 1 || num == 2) && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(b)
			if n < 0 {
				return nil, errors.New("place: tile table: bad zoom")
			}
			if num == 1 {
				idxZoom = int64(v)
			} else {
				aggZoom = int64(v)
			}
			b = b[n:]
		case num == 3 && typ == protowire.BytesType:
			msg, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return nil, errors.New("place: tile table: bad key")
			}
			b = b[n:]
			name, x, y, z, err := tileKey(msg)
			if err != nil {
				return nil, err
			}
			match(name, x, y, z)
		default:
			n := protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return nil, errors.New("place: tile table: bad field")
			}
			b = b[n:]
		}
	}
	names := make([]string, len(pts))
	for i := range pts {
		for z := max(aggZoom, 0); z <= min(idxZoom, maxZoom); z++ {
			if got[i][z] != "" {
				names[i] = got[i][z]
				break
			}
		}
	}
	return names, nil
}

// tileKey reads one PreindexTimezone message: name (1), x (2), y (3), z (4).
func tileKey(msg []byte) (name []byte, x, y uint32, z int, err error) {
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return nil, 0, 0, 0, errors.New("place: tile table: bad key tag")
		}
		msg = msg[n:]
		switch {
		case num == 1 && typ == protowire.BytesType:
			v, n := protowire.ConsumeBytes(msg)
			if n < 0 {
				return nil, 0, 0, 0, errors.New("place: tile table: bad name")
			}
			name, msg = v, msg[n:]
		case num >= 2 && num <= 4 && typ == protowire.VarintType:
			v, n := protowire.ConsumeVarint(msg)
			if n < 0 {
				return nil, 0, 0, 0, errors.New("place: tile table: bad tile")
			}
			msg = msg[n:]
			switch num {
			case 2:
				x = uint32(int32(v))
			case 3:
				y = uint32(int32(v))
			case 4:
				z = int(int32(v))
			}
		default:
			n := protowire.ConsumeFieldValue(num, typ, msg)
			if n < 0 {
				return nil, 0, 0, 0, errors.New("place: tile table: bad key field")
			}
			msg = msg[n:]
		}
	}
	return name, x, y, z, nil
}

// tileKeyFast is tileKey for a message laid out as the table holds its
// keys — name (1, shorter than 128 bytes), x (2), y (3), z (4), each once
// and in that order, nothing else — and false for any other layout, which
// tileKey reads. It reads the same values tileKey would (x and y as int32
// cut to uint32, z as int32), with none of protowire's general checks per
// field: one pass over the table's ~89,000 keys costs a fraction of it.
func tileKeyFast(msg []byte) (name []byte, x, y uint32, z int, ok bool) {
	if len(msg) < 2 || msg[0] != 1<<3|byte(protowire.BytesType) || msg[1] >= 0x80 || 2+int(msg[1]) > len(msg) {
		return nil, 0, 0, 0, false
	}
	name, msg = msg[2:2+int(msg[1])], msg[2+int(msg[1]):]
	var v [3]uint64
	for k := range v {
		if len(msg) == 0 || msg[0] != byte(k+2)<<3|byte(protowire.VarintType) {
			return nil, 0, 0, 0, false
		}
		msg = msg[1:]
		var u uint64
		for shift := uint(0); ; shift += 7 {
			if len(msg) == 0 || shift > 63 {
				return nil, 0, 0, 0, false
			}
			c := msg[0]
			msg = msg[1:]
			if shift == 63 && c > 1 {
				return nil, 0, 0, 0, false // overflows: protowire refuses it
			}
			u |= uint64(c&0x7f) << shift
			if c < 0x80 {
				break
			}
		}
		v[k] = u
	}
	if len(msg) != 0 {
		return nil, 0, 0, 0, false
	}
	return name, uint32(int32(v[0])), uint32(int32(v[1])), int(int32(v[2])), true
}

// scanFuzzy is scanTiles over the embedded lite tile table.
func scanFuzzy(pts []orb.Point) ([]string, error) { return scanTiles(tzfrellite.PreindexData, pts) }
