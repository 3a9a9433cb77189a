package fit

import (
	"math"

	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

// MaxSamples is the most records one file may hold; more is treated as hostile.
const MaxSamples = 5_000_000

const (
	semicircle = 180.0 / (1 << 31)
	// fitEpoch is 1989-12-31T00:00:00Z in Unix seconds.
	fitEpoch = 631065600
	// relativeLimit: FIT date_time values below it count seconds since the
	// device powered on, not since the FIT epoch.
	relativeLimit = 0x10000000
)

var nan = math.NaN()

// sessionMsg is a session (or lap) message reduced to what rekindle keeps.
type sessionMsg struct {
	start, end       uint32 // FIT seconds; end is the message timestamp
	hasStart, hasEnd bool
	sport            typedef.Sport
	sub              typedef.SubSport
	hasSport         bool
	elapsed, timer   float64
	dist             float64
	ascent, descent  float64
	calories         float64
	avgHR, maxHR     float64
	avgCad, fracCad  float64
	avgPower         float64
	avgSpeed, maxSpd float64
	enhAvg, enhMax   float64
	poolLength       float64
	rpe              float64 // workout_rpe, 0–10; 0 when not given
	intensity        string
	trigger          string
}

type lengthMsg struct {
	start    uint32
	elapsed  float64
	strokes  int
	stroke   string
	active   bool
	hasStart bool
}

type timerEvent struct {
	t    uint32
	stop bool
}

type devKey struct{ index, num byte }

type devPower struct {
	key  devKey
	base proto.FieldBase // base type, scale and offset from the field description
}

// builder receives muktihari's decoded messages one at a time and keeps
// what rekindle needs: file identity, sessions, laps, lengths, timer events
// and the record samples as growing columns.
type builder struct {
	w        *walker  // to project sizes from progress
	pool     *Columns // memory for the columns, nil for fresh allocations
	sizeHint int64    // bytes the reader holds, -1 when unknown
	segData  uint32   // data size of the FIT segment being decoded
	segRead  int64    // bytes of its messages decoded so far
	recLen   int      // size of the record message that started the columns
	recLens  [16]int  // record message size per local message number

	// For resynchronisation after a fault: the local definitions in force,
	// the size of the last message, whether it added a sample, and the
	// last few record times and positions.
	defs    [16]proto.MessageDefinition
	haveDef [16]bool
	defLen  [16]int // data message size (header included) per local number
	lastLen int
	lastNew bool
	scanBuf []byte

	haveFileID   bool
	fileType     typedef.File
	manufacturer typedef.Manufacturer
	product      uint16
	productName  string
	serial       uint32
	timeCreated  uint32
	creatorName  string
	sportMsg     sessionMsg
	haveSportMsg bool

	sessions []sessionMsg
	laps     []sessionMsg
	lengths  []lengthMsg
	timer    []timerEvent
	devPower []devPower

	corrSys, corrUTC uint32
	haveCorr         bool

	// The device's UTC offset: the first activity message with both its
	// timestamp and its local_timestamp (field 5).
	utcOffsetS    int32
	haveUTCOffset bool

	messages int
	records  int // record messages seen (before merging)
	noTime   int // records dropped for lack of any timestamp
	tooMany  bool
	relative bool // some record timestamps are device-relative
	lastTS   uint32
	back     bool // some record's time is before the previous one's
	haveTS   bool

	// compressed_speed_distance accumulator (12-bit distance in 1/16 m)
	cdAcc, cdLast uint32
	cdHave        bool

	// Columns, all of length n; nil until a channel first has a value.
	// cols has the channel bit of each column there is.
	cols  uint16
	n     int
	t     []int64
	lat   []float64
	lon   []float64
	ele   []float32
	dist  []float64
	hr    []float32
	cad   []float32
	power []float32
	speed []float32
	temp  []float32
}

// reset readies a pooled builder for a new file, keeping the capacity of
// its message lists (unless a file made them large) and its scan buffer.
func (b *builder) reset(sizeHint int64, w *walker, pool *Columns) {
	*b = builder{
		sizeHint: sizeHint, w: w, pool: pool,
		sessions: reuse(b.sessions), laps: reuse(b.laps), lengths: reuse(b.lengths),
		timer: reuse(b.timer), devPower: reuse(b.devPower), scanBuf: b.scanBuf,
	}
	if cap(b.scanBuf) > 1<<20 {
		b.scanBuf = nil
	}
}

// release drops what the builder shares with the activities it returned
// and the walker, so that a pooled builder holds nothing of a past file.
func (b *builder) release() {
	b.w, b.pool = nil, nil
	b.cols = 0
	b.t, b.lat, b.lon, b.ele, b.dist = nil, nil, nil, nil, nil
	b.hr, b.cad, b.power, b.speed, b.temp = nil, nil, nil, nil, nil
}

func reuse[T any](s []T) []T {
	if cap(s) > 1024 {
		return nil
	}
	return s[:0]
}

// channel bits of a sample.
const (
	chLat = 1 << iota
	chLon
	chEle
	chDist
	chHR
	chCad
	chPower
	chSpeed
	chTemp
)

type sample struct {
	lat, lon, dist                    float64
	ele, hr, cad, frac, power, speed  float32
	temp                              float32
	mask                              uint16
	enhEle, enhSpeed, haveFrac, devPw bool
	compressed                        bool // speed and distance came from compressed_speed_distance
}

// OnMesgDef implements decoder.MesgDefListener; it tracks the size of
// record messages to size the columns once, up front.
// It also keeps every local definition, for resynchronisation after a fault.
func (b *builder) OnMesgDef(d proto.MessageDefinition) {
	size := 1
	for _, f := range d.FieldDefinitions {
		size += int(f.Size)
	}
	for _, f := range d.DeveloperFieldDefinitions {
		size += int(f.Size)
	}
	local := d.Header & 0x0F
	b.defs[local], b.haveDef[local], b.defLen[local] = d, true, size
	b.lastLen, b.lastNew = 6+3*len(d.FieldDefinitions), false
	if len(d.DeveloperFieldDefinitions) > 0 {
		b.lastLen += 1 + 3*len(d.DeveloperFieldDefinitions)
	}
	b.segRead += int64(b.lastLen)
	if d.MesgNum == mesgnum.Record {
		b.recLens[local] = size
	}
}

// OnMesg implements decoder.MesgListener.
func (b *builder) OnMesg(m proto.Message) {
	b.messages++
	b.lastLen, b.lastNew = b.defLen[localNum(m.Header)], false
	b.segRead += int64(b.lastLen)
	if m.Num == mesgnum.Record { // nearly every message
		b.record(&m)
		return
	}
	switch m.Num {
	case mesgnum.FileId:
		b.fileID(&m)
	case mesgnum.Session:
		b.sessions = append(b.sessions, summaryMsg(&m, true))
	case mesgnum.Lap:
		b.laps = append(b.laps, summaryMsg(&m, false))
	case mesgnum.Length:
		b.length(&m)
	case mesgnum.Event:
		b.event(&m)
	case mesgnum.Sport:
		if !b.haveSportMsg {
			b.sportMsg = summaryMsg(&m, false)
			b.haveSportMsg = true
		}
	case mesgnum.DeviceInfo:
		b.deviceInfo(&m)
	case mesgnum.Activity:
		b.activityMsg(&m)
	case mesgnum.FieldDescription:
		b.fieldDescription(&m)
	case mesgnum.TimestampCorrelation:
		var sys, utc uint32
		for i := range m.Fields {
			f := &m.Fields[i]
			switch f.Num {
			case fieldnum.TimestampCorrelationSystemTimestamp:
				sys, _ = u32(f)
			case fieldnum.TimestampCorrelationTimestamp:
				utc, _ = u32(f)
			}
		}
		if sys > 0 && sys < relativeLimit && utc >= relativeLimit && !b.haveCorr {
			b.corrSys, b.corrUTC, b.haveCorr = sys, utc, true
		}
	}
}
