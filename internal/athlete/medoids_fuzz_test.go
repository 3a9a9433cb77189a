package athlete

import (
	"maps"
	"slices"
	"testing"

	"rekindle/internal/route"
)

// FuzzDecodeMedoids checks that any stored route grouping's medoids either
// are rejected (the runs are regrouped) or decode to pairs that encode and
// decode back to the same.
func FuzzDecodeMedoids(f *testing.F) {
	f.Add(encodeMedoids([]route.Group{{ID: 1, Medoid: 42}, {ID: 2, Medoid: -7}, {ID: 1 << 40, Medoid: 1<<63 - 1}}))
	f.Add([]byte{})
	f.Add([]byte{0x02})                   // a group without its medoid
	f.Add([]byte{0xff, 0xff, 0xff, 0xff}) // an unfinished varint
	f.Add([]byte{0x02, 0x04, 0x02, 0x06}) // a group twice
	f.Add([]byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, ok := decodeMedoids(data)
		if !ok {
			if m != nil {
				t.Fatalf("%x: rejected but gave %v", data, m)
			}
			return
		}
		ids := slices.Sorted(maps.Keys(m))
		groups := make([]route.Group, len(ids))
		for i, id := range ids {
			groups[i] = route.Group{ID: id, Medoid: m[id]}
		}
		again, ok := decodeMedoids(encodeMedoids(groups))
		if !ok || !maps.Equal(again, m) {
			t.Fatalf("%x → %v reads back as %v (%v)", data, m, again, ok)
		}
	})
}
