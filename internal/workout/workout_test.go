package workout

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/muktihari/fit/decoder"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/training"
)

var paces = func() Paces {
	p := training.TrainingPaces(50)
	return Paces{Easy: 1000 / p.E, Threshold: 1000 / p.T, Interval: 1000 / p.I, Repetition: 1000 / p.R}
}()

func run(kind plan.Kind, dist, dur float64, note string) plan.Session {
	return plan.Session{ID: 7, Day: "2026-03-10", Sport: rekindle.SportRunning, Kind: kind, DistanceM: dist, DurationS: dur, Note: note}
}

// approx compares speeds to the mm/s.
func approx(a, b float64) bool { return math.Abs(a-b) < 0.001 }

func TestFromSession(t *testing.T) {
	// Spark's interval session (challenge-intervals): the note's own pace is the target.
	w, ok := FromSession(run(plan.KindQuality, 11000, 0, "2 km warm-up, 5 × 1000 m at 4:00/km with 400 m jog, 2 km cool-down"), paces)
	if !ok || len(w.Blocks) != 3 {
		t.Fatalf("intervals: %v %+v", ok, w)
	}
	if b := w.Blocks[0]; b.Repeat != 1 || b.Steps[0].Intensity != Warmup || b.Steps[0].DistanceM != 2000 || !approx(b.Steps[0].LowMS, paces.Easy*0.95) {
		t.Errorf("warm-up %+v", b)
	}
	rep := w.Blocks[1]
	if rep.Repeat != 5 || len(rep.Steps) != 2 || rep.Steps[0].DistanceM != 1000 || rep.Steps[1].DistanceM != 400 || rep.Steps[1].Intensity != Recovery {
		t.Fatalf("reps %+v", rep)
	}
	if v := 1000.0 / 240; !approx(rep.Steps[0].LowMS, v*0.975) || !approx(rep.Steps[0].HighMS, v*1.025) {
		t.Errorf("interval target %v–%v, want around %v", rep.Steps[0].LowMS, rep.Steps[0].HighMS, v)
	}
	if c := w.Blocks[2].Steps[0]; c.Intensity != Cooldown || c.DistanceM != 2000 {
		t.Errorf("cool-down %+v", c)
	}
	// Threshold blocks without a pace in the note: the runner's threshold pace.
	w, _ = FromSession(run(plan.KindQuality, 9000, 0, "2 km warm-up, 3 × 10 min with 2 min jog, 2 km cool-down"), paces)
	if st := w.Blocks[1].Steps[0]; w.Blocks[1].Repeat != 3 || st.DurationS != 600 || st.Name != "threshold" || !approx(st.LowMS, paces.Threshold*0.975) {
		t.Errorf("threshold %+v", w.Blocks[1])
	}
	// Brisk minutes (no VDOT): time steps, open targets.
	w, _ = FromSession(run(plan.KindQuality, 0, 42*60, "10 min easy, 8 × 1 min brisk with 2 min easy between, 10 min easy"), Paces{})
	if len(w.Blocks) != 3 || w.Blocks[1].Repeat != 8 || w.Blocks[1].Steps[0].DurationS != 60 || w.Blocks[1].Steps[1].DurationS != 120 || w.Blocks[1].Steps[0].LowMS != 0 ||
		w.Blocks[0].Steps[0].DurationS != 600 || w.Blocks[2].Steps[0].DurationS != 600 {
		t.Errorf("brisk %+v", w.Blocks)
	}
	// Long run: one step at easy pace for the distance.
	w, _ = FromSession(run(plan.KindLong, 18000, 0, "long run, usual 16 km: keep it easy"), paces)
	if len(w.Blocks) != 1 || w.Blocks[0].Steps[0].DistanceM != 18000 || !approx(w.Blocks[0].Steps[0].HighMS, paces.Easy*1.05) {
		t.Errorf("long %+v", w.Blocks)
	}
	// A taper run with strides.
	w, _ = FromSession(run(plan.KindEasy, 6000, 0, "taper: 40% less than usual, with 4 × 20 s strides"), paces)
	if len(w.Blocks) != 2 || w.Blocks[1].Repeat != 4 || w.Blocks[1].Steps[0].DurationS != 20 || !approx(w.Blocks[1].Steps[0].LowMS, paces.Repetition*0.975) {
		t.Errorf("strides %+v", w.Blocks)
	}
	// Nothing for a watch to guide.
	for _, s := range []plan.Session{{Day: "2026-03-10", Kind: plan.KindRest}, {Day: "2026-03-10", Kind: plan.KindCross, Sport: rekindle.SportOther}} {
		if _, ok := FromSession(s, paces); ok {
			t.Errorf("%s gave a workout", s.Kind)
		}
	}
}

// wantStep is a workout_step as the FIT SDK defines it, by raw field values.
type wantStep struct {
	durType, durValue, tgtType, tgtValue, low, high, intensity uint64
}

func TestWriteFITDecodes(t *testing.T) {
	w, _ := FromSession(run(plan.KindQuality, 11000, 0, "2 km warm-up, 5 × 1000 m at 4:00/km with 400 m jog, 2 km cool-down"), paces)
	created := time.Date(2026, 3, 1, 6, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	if err := w.WriteFIT(&b, created); err != nil {
		t.Fatal(err)
	}
	e := paces.Easy
	iv := 1000.0 / 240
	mm := func(v float64) uint64 { return uint64(math.Round(v * 1000)) }
	want := []wantStep{
		{1, 200000, 0, 0, mm(e * 0.95), mm(e * 1.05), 2}, // warm-up 2 km (cm), speed target mm/s
		{1, 100000, 0, 0, mm(iv * 0.975), mm(iv * 1.025), 0},
		{1, 40000, 2, 0, 0, 0, 4},
		{6, 1, 2, 5, 0, 0, 0}, // repeat from step 1, 5 times
		{1, 200000, 0, 0, mm(e * 0.95), mm(e * 1.05), 3},
	}

	// 1. muktihari/fit's decoder, fields read by number (not through the
	// mesgdef setters the writer used).
	dec := decoder.New(bytes.NewReader(b.Bytes()))
	fit, err := dec.Decode()
	if err != nil {
		t.Fatalf("muktihari decode: %v", err)
	}
	var got []map[byte]uint64
	var fileType, numSteps uint64
	var name string
	for _, m := range fit.Messages {
		vals := map[byte]uint64{}
		for _, f := range m.Fields {
			switch v := f.Value.Any().(type) {
			case uint8:
				vals[f.Num] = uint64(v)
			case uint16:
				vals[f.Num] = uint64(v)
			case uint32:
				vals[f.Num] = uint64(v)
			case string:
				if m.Num == 26 && f.Num == 8 {
					name = v
				}
			}
		}
		switch m.Num {
		case 0:
			fileType = vals[0]
		case 26:
			numSteps = vals[6]
		case 27:
			got = append(got, vals)
		}
	}
	if fileType != 5 || numSteps != uint64(len(want)) || name != "quality 2026-03-10" {
		t.Fatalf("file_id type %d, num_valid_steps %d, name %q", fileType, numSteps, name)
	}
	check := func(who string, got []map[byte]uint64) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %d steps, want %d", who, len(got), len(want))
		}
		for i, w := range want {
			g := got[i]
			gs := wantStep{g[1], g[2], g[3], g[4], g[5], g[6], g[7]}
			if g[254] != uint64(i) {
				t.Errorf("%s: step %d message_index %d", who, i, g[254])
			}
			if w.durType == 6 { // a repeat step has no intensity
				gs.intensity = 0
			}
			if gs != w {
				t.Errorf("%s: step %d\n got %+v\nwant %+v", who, i, gs, w)
			}
		}
	}
	check("muktihari", got)

	// 2. A second decoder written from the FIT protocol alone (header,
	// definition and data records, CRC), sharing nothing with muktihari.
	msgs, err := rawFIT(b.Bytes())
	if err != nil {
		t.Fatalf("raw decode: %v", err)
	}
	var raw []map[byte]uint64
	for _, m := range msgs {
		if m.num == 0 && m.vals[0] != 5 {
			t.Errorf("raw: file type %d", m.vals[0])
		}
		if m.num == 27 {
			raw = append(raw, m.vals)
		}
	}
	check("raw", raw)
}

func TestWriteFITRefusesEmpty(t *testing.T) {
	if err := (&Workout{Name: "x"}).WriteFIT(&bytes.Buffer{}, time.Unix(1e9, 0)); err == nil {
		t.Fatal("an empty workout was written")
	}
}

type rawMsg struct {
	num  uint16
	vals map[byte]uint64
}

// rawFIT reads a FIT file's messages (integer fields only) straight from
// the protocol: no compressed timestamps, developer fields skipped.
func rawFIT(b []byte) ([]rawMsg, error) {
	if len(b) < 14 || string(b[8:12]) != ".FIT" {
		return nil, fmt.Errorf("no FIT header")
	}
	hs := int(b[0])
	size := int(binary.LittleEndian.Uint32(b[4:8]))
	if hs+size+2 != len(b) {
		return nil, fmt.Errorf("data size %d, header %d, file %d", size, hs, len(b))
	}
	if crc16(b[:len(b)-2]) != binary.LittleEndian.Uint16(b[len(b)-2:]) {
		return nil, fmt.Errorf("file CRC mismatch")
	}
	type field struct{ num, size, base byte }
	type def struct {
		num    uint16
		big    bool
		fields []field
		devLen int
	}
	defs := map[byte]*def{}
	var out []rawMsg
	p := b[hs : hs+size]
	for len(p) > 0 {
		h := p[0]
		p = p[1:]
		if h&0x80 != 0 {
			return nil, fmt.Errorf("compressed timestamp header")
		}
		local := h & 0x0f
		if h&0x40 != 0 { // definition
			d := &def{big: p[1] == 1}
			if d.big {
				d.num = binary.BigEndian.Uint16(p[2:4])
			} else {
				d.num = binary.LittleEndian.Uint16(p[2:4])
			}
			n := int(p[4])
			p = p[5:]
			for range n {
				d.fields = append(d.fields, field{p[0], p[1], p[2]})
				p = p[3:]
			}
			if h&0x20 != 0 {
				nd := int(p[0])
				p = p[1:]
				for range nd {
					d.devLen += int(p[1])
					p = p[3:]
				}
			}
			defs[local] = d
			continue
		}
		d := defs[local]
		if d == nil {
			return nil, fmt.Errorf("data for undefined local type %d", local)
		}
		m := rawMsg{num: d.num, vals: map[byte]uint64{}}
		for _, f := range d.fields {
			v := p[:f.size]
			p = p[f.size:]
			if f.base == 7 { // string
				continue
			}
			var x uint64
			switch f.size {
			case 1:
				x = uint64(v[0])
			case 2:
				if d.big {
					x = uint64(binary.BigEndian.Uint16(v))
				} else {
					x = uint64(binary.LittleEndian.Uint16(v))
				}
			case 4:
				if d.big {
					x = uint64(binary.BigEndian.Uint32(v))
				} else {
					x = uint64(binary.LittleEndian.Uint32(v))
				}
			default:
				continue
			}
			m.vals[f.num] = x
		}
		p = p[d.devLen:]
		out = append(out, m)
	}
	return out, nil
}

// crc16 is the FIT protocol's CRC.
func crc16(b []byte) uint16 {
	tbl := [16]uint16{0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
		0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400}
	var crc uint16
	for _, c := range b {
		tmp := tbl[crc&0xF]
		crc = (crc >> 4) & 0x0FFF
		crc = crc ^ tmp ^ tbl[c&0xF]
		tmp = tbl[crc&0xF]
		crc = (crc >> 4) & 0x0FFF
		crc = crc ^ tmp ^ tbl[(c>>4)&0xF]
	}
	return crc
}
