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

// builder receives muktihari's decoded messages one at a time and keeps
// what rekindle needs: file identity, sessions, laps, lengths, timer events
// and the record samples as growing columns.
type builder struct {
	w        *walker // to project sizes from progress
	sizeHint int64   // bytes the reader holds, -1 when unknown
	segData  uint32  // data size of the FIT segment being decoded
	recLen   int     // size of the record message that started the columns
	recLens  [16]int // record message size per local message number

	// For resynchronisation after a fault: the local definitions in force,
	// the size of the last message, whether it added a sample, and the
	// last few record times and positions.
	defs    [16]proto.MessageDefinition
	haveDef [16]bool
	defLen  [16]int // data message size (header included) per local number
	lastLen int
	lastNew bool
	recent  [8]fix
	nRecent int
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

	messages int
	records  int // record messages seen (before merging)
	noTime   int // records dropped for lack of any timestamp
	tooMany  bool
	relative bool // some record timestamps are device-relative
	lastTS   uint32
	haveTS   bool

	// compressed_speed_distance accumulator (12-bit distance in 1/16 m)
	cdAcc, cdLast uint32
	cdHave        bool

	// Columns, all of length n; nil until a channel first has a value.
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
	if d.MesgNum == mesgnum.Record {
		b.recLens[local] = size
	}
}

// OnMesg implements decoder.MesgListener.
func (b *builder) OnMesg(m proto.Message) {
	b.messages++
	b.lastLen, b.lastNew = b.defLen[localNum(m.Header)], false
	switch m.Num {
	case mesgnum.Record:
		b.record(&m)
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

// record turns one record message into a sample and appends it to the
// columns, merging it into the previous sample when both carry the same
// timestamp and complementary channels (the Strava app writes position and
// distance as two records of the same second).
func (b *builder) record(m *proto.Message) {
	b.records++
	var s sample
	var ts uint32
	haveTS := false
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case proto.FieldNumTimestamp:
			ts, haveTS = u32(f)
		case fieldnum.RecordPositionLat:
			if f.Value.Type() == proto.TypeInt32 {
				if x := f.Value.Int32(); x != math.MaxInt32 {
					s.lat, s.mask = float64(x)*semicircle, s.mask|chLat
				}
			}
		case fieldnum.RecordPositionLong:
			if f.Value.Type() == proto.TypeInt32 {
				if x := f.Value.Int32(); x != math.MaxInt32 {
					s.lon, s.mask = float64(x)*semicircle, s.mask|chLon
				}
			}
		case fieldnum.RecordAltitude:
			if !s.enhEle {
				if x, ok := scaled(f); ok {
					s.ele, s.mask = float32(x), s.mask|chEle
				}
			}
		case fieldnum.RecordEnhancedAltitude:
			// An enhanced value expanded from the plain field carries
			// muktihari's float truncation (8.024 becomes 8.023): the plain
			// value wins then; a real enhanced field wins always.
			if f.IsExpandedField && s.mask&chEle != 0 {
				break
			}
			if x, ok := scaled(f); ok {
				s.ele, s.mask, s.enhEle = float32(x), s.mask|chEle, !f.IsExpandedField
			}
		case fieldnum.RecordHeartRate:
			if x, ok := u8(f); ok {
				s.hr, s.mask = float32(x), s.mask|chHR
			}
		case fieldnum.RecordCadence:
			if x, ok := u8(f); ok {
				s.cad, s.mask = float32(x), s.mask|chCad
			}
		case fieldnum.RecordFractionalCadence:
			if x, ok := scaled(f); ok {
				s.frac, s.haveFrac = float32(x), true
			}
		case fieldnum.RecordCompressedSpeedDistance:
			b.compressedSpeedDistance(f, &s)
		case fieldnum.RecordDistance:
			if f.IsExpandedField && s.compressed {
				break
			}
			if x, ok := scaled(f); ok {
				s.dist, s.mask = x, s.mask|chDist
			}
		case fieldnum.RecordSpeed:
			if f.IsExpandedField && s.compressed {
				break
			}
			if !s.enhSpeed {
				if x, ok := scaled(f); ok {
					s.speed, s.mask = float32(x), s.mask|chSpeed
				}
			}
		case fieldnum.RecordEnhancedSpeed:
			if f.IsExpandedField && (s.mask&chSpeed != 0 || s.compressed) {
				break
			}
			if x, ok := scaled(f); ok {
				s.speed, s.mask, s.enhSpeed = float32(x), s.mask|chSpeed, !f.IsExpandedField
			}
		case fieldnum.RecordPower:
			if x, ok := scaled(f); ok {
				s.power, s.mask = float32(x), s.mask|chPower
			}
		case fieldnum.RecordTemperature:
			if x, ok := scaled(f); ok {
				s.temp, s.mask = float32(x), s.mask|chTemp
			}
		}
	}
	if s.mask&chPower == 0 && len(b.devPower) > 0 {
		b.devRecordPower(m, &s)
	}
	if s.haveFrac && s.mask&chCad != 0 {
		s.cad += s.frac
	}
	if !haveTS {
		if !b.haveTS {
			b.noTime++
			return
		}
		ts = b.lastTS
	}
	if ts < relativeLimit {
		b.relative = true
	}
	idx := b.n - 1
	grew := false
	if !(b.n > 0 && ts == b.lastTS && b.mergeable(s.mask)) {
		grew = true
		if b.n >= MaxSamples {
			b.tooMany = true
			return
		}
		if b.t == nil {
			b.recLen = b.recLens[localNum(m.Header)]
		}
		b.grow(int64(fitEpoch+int64(ts)) * 1000)
		idx = b.n - 1
	}
	b.lastNew = grew
	b.lastTS, b.haveTS = ts, true
	b.put(idx, &s)
	f := fix{ts: ts, lat: nan, lon: nan}
	if s.mask&(chLat|chLon) == chLat|chLon {
		f.lat, f.lon = s.lat, s.lon
	}
	b.recent[b.nRecent%len(b.recent)] = f
	b.nRecent++
}

func (b *builder) devRecordPower(m *proto.Message, s *sample) {
	for i := range m.DeveloperFields {
		df := &m.DeveloperFields[i]
		for j := range b.devPower {
			dp := &b.devPower[j]
			if dp.key.index != df.DeveloperDataIndex || dp.key.num != df.Num {
				continue
			}
			f := proto.Field{FieldBase: &dp.base, Value: df.Value}
			if x, ok := scaled(&f); ok && x >= 0 && x < 10000 {
				s.power, s.mask = float32(x), s.mask|chPower
				return
			}
		}
	}
}

// mergeable reports whether a sample with these channels can fill the gaps
// of the last sample instead of becoming a new one.
func (b *builder) mergeable(mask uint16) bool {
	i := b.n - 1
	free := func(bit uint16, isNaN bool) bool { return mask&bit == 0 || isNaN }
	return free(chLat, b.lat == nil || math.IsNaN(b.lat[i])) &&
		free(chLon, b.lon == nil || math.IsNaN(b.lon[i])) &&
		free(chEle, b.ele == nil || isNaN32(b.ele[i])) &&
		free(chDist, b.dist == nil || math.IsNaN(b.dist[i])) &&
		free(chHR, b.hr == nil || isNaN32(b.hr[i])) &&
		free(chCad, b.cad == nil || isNaN32(b.cad[i])) &&
		free(chPower, b.power == nil || isNaN32(b.power[i])) &&
		free(chSpeed, b.speed == nil || isNaN32(b.speed[i])) &&
		free(chTemp, b.temp == nil || isNaN32(b.temp[i]))
}

// compressedSpeedDistance decodes the 3-byte compressed_speed_distance field
// of old footpod-era devices itself: 12 bits of speed (1/100 m/s) and 12
// bits of rolling distance (1/16 m), accumulated. muktihari expands it too,
// but truncates the values onto the plain fields' scales (18.875 m becomes
// 18.87 m), so its expansion is ignored.
func (b *builder) compressedSpeedDistance(f *proto.Field, s *sample) {
	if f.Value.Type() != proto.TypeSliceUint8 {
		return
	}
	v := f.Value.SliceUint8()
	if len(v) != 3 {
		return
	}
	s.compressed = true
	if v[0] == 0xFF && v[1] == 0xFF && v[2] == 0xFF {
		return // invalid: no speed, no distance
	}
	speed := uint32(v[0]) | uint32(v[1]&0x0F)<<8
	d := uint32(v[1])>>4 | uint32(v[2])<<4
	if !b.cdHave {
		b.cdAcc, b.cdHave = d, true
	} else {
		b.cdAcc += (d - b.cdLast) & 0xFFF
	}
	b.cdLast = d
	s.speed, s.dist = float32(speed)/100, float64(b.cdAcc)/16
	s.mask |= chSpeed | chDist
}
