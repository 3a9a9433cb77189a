package streets

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The saved form: magic, version, counts, then every array raw in little
// endian, then a CRC-32 of everything before it. It loads with one read and
// a few copy loops.
const (
	graphMagic   = "RKGRAPH\x00"
	graphVersion = 2 // 2: FlagBusy on edges
)

type binWriter struct {
	buf []byte
}

func (w *binWriter) u32(v uint32) { w.buf = binary.LittleEndian.AppendUint32(w.buf, v) }
func (w *binWriter) i32s(v []int32) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, uint32(x))
	}
}
func (w *binWriter) i64s(v []int64) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, uint64(x))
	}
}
func (w *binWriter) f64s(v []float64) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(x))
	}
}
func (w *binWriter) f32s(v []float32) {
	w.u32(uint32(len(v)))
	for _, x := range v {
		w.buf = binary.LittleEndian.AppendUint32(w.buf, math.Float32bits(x))
	}
}
func (w *binWriter) bytes(v []byte) {
	w.u32(uint32(len(v)))
	w.buf = append(w.buf, v...)
}
func (w *binWriter) str(s string) {
	w.u32(uint32(len(s)))
	w.buf = append(w.buf, s...)
}

// WriteTo writes the graph in its saved binary form.
func (g *Graph) WriteTo(w io.Writer) (int64, error) {
	bw := &binWriter{buf: make([]byte, 0, 64+len(g.lat)*24+len(g.eu)*30+len(g.arcHead)*8)}
	bw.buf = append(bw.buf, graphMagic...)
	bw.u32(graphVersion)
	bw.f64s(g.lat)
	bw.f64s(g.lon)
	bw.i64s(g.osmID)
	bw.i32s(g.off)
	bw.i32s(g.arcHead)
	bw.i32s(g.arcEdge)
	bw.i32s(g.eu)
	bw.i32s(g.ev)
	bw.f32s(g.elen)
	bw.bytes(classBytes(g.eclass))
	bw.bytes(surfaceBytes(g.esurface))
	bw.bytes(g.eflags)
	bw.i32s(g.ename)
	bw.i64s(g.eway)
	bw.u32(uint32(len(g.names)))
	for _, s := range g.names {
		bw.str(s)
	}
	bw.u32(uint32(len(g.pois)))
	for _, p := range g.pois {
		bw.buf = append(bw.buf, byte(p.Kind))
		bw.buf = binary.LittleEndian.AppendUint64(bw.buf, math.Float64bits(p.Lat))
		bw.buf = binary.LittleEndian.AppendUint64(bw.buf, math.Float64bits(p.Lon))
		bw.u32(uint32(p.Node))
		bw.str(p.Name)
	}
	bw.u32(crc32.ChecksumIEEE(bw.buf))
	n, err := w.Write(bw.buf)
	if err != nil {
		return int64(n), fmt.Errorf("route: write graph: %w", err)
	}
	return int64(n), nil
}

func classBytes(v []Class) []byte {
	b := make([]byte, len(v))
	for i, c := range v {
		b[i] = byte(c)
	}
	return b
}

func surfaceBytes(v []Surface) []byte {
	b := make([]byte, len(v))
	for i, c := range v {
		b[i] = byte(c)
	}
	return b
}

type binReader struct {
	buf []byte
	err error
}

var errShort = errors.New("truncated")

func (r *binReader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.buf) {
		if r.err == nil {
			r.err = errShort
		}
		return nil
	}
	b := r.buf[:n]
	r.buf = r.buf[n:]
	return b
}
func (r *binReader) u32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}
func (r *binReader) count(size int) int {
	n := int(r.u32())
	if r.err == nil && n*size > len(r.buf) {
		r.err = errShort
		return 0
	}
	return n
}
func (r *binReader) i32s() []int32 {
	n := r.count(4)
	b := r.take(4 * n)
	v := make([]int32, n)
	for i := range v {
		v[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}
func (r *binReader) i64s() []int64 {
	n := r.count(8)
	b := r.take(8 * n)
	v := make([]int64, n)
	for i := range v {
		v[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v
}
func (r *binReader) f64s() []float64 {
	n := r.count(8)
	b := r.take(8 * n)
	v := make([]float64, n)
	for i := range v {
		v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return v
}
func (r *binReader) f32s() []float32 {
	n := r.count(4)
	b := r.take(4 * n)
	v := make([]float32, n)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}
func (r *binReader) bytes() []byte {
	n := r.count(1)
	return append([]byte(nil), r.take(n)...)
}
func (r *binReader) str() string { return string(r.bytes()) }

// ReadGraph loads a graph saved by WriteTo, checking its structure so a
// damaged file is an error, never a panic later.
func ReadGraph(r io.Reader) (*Graph, error) {
	data, err := io.ReadAll(bufio.NewReaderSize(r, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("route: read graph: %w", err)
	}
	if len(data) < len(graphMagic)+8 || string(data[:len(graphMagic)]) != graphMagic {
		return nil, errors.New("route: read graph: not a saved rekindle graph")
	}
	body, sum := data[:len(data)-4], binary.LittleEndian.Uint32(data[len(data)-4:])
	if crc32.ChecksumIEEE(body) != sum {
		return nil, errors.New("route: read graph: checksum mismatch (damaged file)")
	}
	br := &binReader{buf: body[len(graphMagic):]}
	if v := br.u32(); v != graphVersion {
		return nil, fmt.Errorf("route: read graph: version %d, want %d (rebuild with 'rekindle map load')", v, graphVersion)
	}
	g := &Graph{}
	g.lat, g.lon, g.osmID = br.f64s(), br.f64s(), br.i64s()
	g.off, g.arcHead, g.arcEdge = br.i32s(), br.i32s(), br.i32s()
	g.eu, g.ev, g.elen = br.i32s(), br.i32s(), br.f32s()
	cls, srf := br.bytes(), br.bytes()
	g.eflags = br.bytes()
	g.ename, g.eway = br.i32s(), br.i64s()
	nn := br.count(4)
	g.names = make([]string, 0, nn)
	for range nn {
		g.names = append(g.names, br.str())
	}
	np := br.count(21)
	for range np {
		var p POI
		if b := br.take(17); b != nil {
			p.Kind = POIKind(b[0])
			p.Lat = math.Float64frombits(binary.LittleEndian.Uint64(b[1:]))
			p.Lon = math.Float64frombits(binary.LittleEndian.Uint64(b[9:]))
		}
		p.Node = int32(br.u32())
		p.Name = br.str()
		g.pois = append(g.pois, p)
	}
	if br.err != nil {
		return nil, fmt.Errorf("route: read graph: %w", br.err)
	}
	g.eclass = make([]Class, len(cls))
	for i, c := range cls {
		g.eclass[i] = Class(c)
	}
	g.esurface = make([]Surface, len(srf))
	for i, c := range srf {
		g.esurface[i] = Surface(c)
	}
	if err := g.check(); err != nil {
		return nil, fmt.Errorf("route: read graph: %w", err)
	}
	return g, nil
}

// check validates array sizes and indices.
func (g *Graph) check() error {
	n, m := len(g.lat), len(g.eu)
	if len(g.lon) != n || len(g.osmID) != n || len(g.off) != n+1 {
		return errors.New("node arrays disagree")
	}
	if len(g.ev) != m || len(g.elen) != m || len(g.eclass) != m || len(g.esurface) != m ||
		len(g.eflags) != m || len(g.ename) != m || len(g.eway) != m {
		return errors.New("edge arrays disagree")
	}
	if len(g.arcHead) != 2*m || len(g.arcEdge) != 2*m || len(g.names) == 0 {
		return errors.New("arc arrays disagree")
	}
	prev := int32(0)
	for _, o := range g.off {
		if o < prev || int(o) > 2*m {
			return errors.New("bad offsets")
		}
		prev = o
	}
	if g.off[0] != 0 || int(g.off[n]) != 2*m {
		return errors.New("bad offsets")
	}
	for i := range g.arcHead {
		if uint32(g.arcHead[i]) >= uint32(n) || uint32(g.arcEdge[i]) >= uint32(m) {
			return errors.New("arc out of range")
		}
	}
	for e := range m {
		if uint32(g.eu[e]) >= uint32(n) || uint32(g.ev[e]) >= uint32(n) || uint32(g.ename[e]) >= uint32(len(g.names)) {
			return errors.New("edge out of range")
		}
	}
	for _, p := range g.pois {
		if uint32(p.Node) >= uint32(n) {
			return errors.New("poi out of range")
		}
	}
	return nil
}
