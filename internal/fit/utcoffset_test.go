package fit

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/muktihari/fit/decoder"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"

	"rekindle/internal/testkit"
)

// muktihariOffset is the UTC offset muktihari's decoder reads from the
// file's first activity message: local_timestamp minus timestamp, in
// seconds; ok is false when no activity message has both.
// noOffset stands for "the file says none" in the table of known offsets.
const noOffset = -1 << 30

func muktihariOffset(t *testing.T, data []byte) (off int64, ok bool) {
	t.Helper()
	dec := decoder.New(bytes.NewReader(data), decoder.WithIgnoreChecksum(), decoder.WithNoComponentExpansion())
	for dec.Next() {
		f, err := dec.Decode()
		if err != nil {
			return 0, false // a damaged file: what it read before counts only if it got that far
		}
		for _, m := range f.Messages {
			if m.Num != mesgnum.Activity {
				continue
			}
			ts := m.FieldValueByNum(proto.FieldNumTimestamp)
			local := m.FieldValueByNum(fieldnum.ActivityLocalTimestamp)
			if ts.Type() != proto.TypeUint32 || local.Type() != proto.TypeUint32 ||
				ts.Uint32() == 0xFFFFFFFF || local.Uint32() == 0xFFFFFFFF {
				continue
			}
			d := int64(local.Uint32()) - int64(ts.Uint32())
			// A device-relative clock or a garbage field gives a
			// difference of years: no offset. Offsets are whole quarter
			// hours within −12 h … +14 h.
			if d < -12*3600 || d > 14*3600 || d%900 != 0 {
				return 0, false
			}
			return d, true
		}
	}
	return 0, false
}

// TestUTCOffsetRealFiles checks the offset Decode reads from every real
// device file against muktihari's decoder, and known values: the fenix 5
// files recorded in a Pacific summer (UTC−7), the Wahoo ELEMNT whose
// sensors are named in Chinese (UTC+8), the Forerunner 735XT pool swim
// (UTC−4), the fenix 2 run (UTC+2). Files whose local_timestamp is a
// device-relative clock or garbage (the Forerunner 70 dumps, Zwift) have
// none.
func TestUTCOffsetRealFiles(t *testing.T) {
	known := map[string]int{
		"garmin-fenix-5-run.fit":                  -7 * 3600,
		"2019-02-17-062644-ELEMNT-297E-195-0.fit": 8 * 3600,
		"event_timestamp.fit":                     -4 * 3600,
		"activity-small-fenix2-run.fit":           2 * 3600,
		"antfs-dump.63.fit":                       noOffset,
		"compressed-speed-distance.fit":           noOffset,
		"null_compressed_speed_dist.fit":          noOffset,
	}
	seen := 0
	for _, p := range testkit.Glob(t, "fit/*.fit") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(p)
		acts, err := Decode(bytes.NewReader(data))
		if err != nil {
			continue // not an activity
		}
		ref, ok := muktihariOffset(t, data)
		for _, a := range acts {
			switch {
			case !ok && a.UTCOffsetS != nil:
				t.Errorf("%s: offset %d s, muktihari reads none", name, *a.UTCOffsetS)
			case ok && a.UTCOffsetS == nil:
				t.Errorf("%s: no offset, muktihari reads %d s", name, ref)
			case ok && int64(*a.UTCOffsetS) != ref:
				t.Errorf("%s: offset %d s, muktihari reads %d s", name, *a.UTCOffsetS, ref)
			}
		}
		if w, isKnown := known[name]; isKnown {
			delete(known, name)
			for _, a := range acts {
				got := noOffset
				if a.UTCOffsetS != nil {
					got = *a.UTCOffsetS
				}
				if got != w {
					t.Errorf("%s: offset %d s, want %d s", name, got, w)
				}
			}
		}
		if ok {
			seen++
		}
	}
	for name := range known {
		t.Errorf("%s: not among the real files", name)
	}
	if seen < 5 {
		t.Errorf("only %d real files carry an offset, want ≥ 5", seen)
	}
}
