package place

import (
	"errors"

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
	for b := data; len(b) > 0; {
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
			if z < 0 || z > maxZoom {
				continue
			}
			for i := range pts {
				t := want[i][z]
				if got[i][z] == "" && t.X == x && t.Y == y {
					got[i][z] = string(name)
				}
			}
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

// scanFuzzy is scanTiles over the embedded lite tile table.
func scanFuzzy(pts []orb.Point) ([]string, error) { return scanTiles(tzfrellite.PreindexData, pts) }
