package fit

import (
	"math"
	"slices"
	"strings"

	"github.com/muktihari/fit/profile/basetype"
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

// scaled returns a field's value in its profile units, false when invalid
// or not a number.
func scaled(f *proto.Field) (float64, bool) {
	v := f.Value
	var x float64
	switch v.Type() {
	case proto.TypeInt8:
		x = float64(v.Int8())
	case proto.TypeUint8:
		x = float64(v.Uint8())
	case proto.TypeInt16:
		x = float64(v.Int16())
	case proto.TypeUint16:
		x = float64(v.Uint16())
	case proto.TypeInt32:
		x = float64(v.Int32())
	case proto.TypeUint32:
		x = float64(v.Uint32())
	case proto.TypeInt64:
		x = float64(v.Int64())
	case proto.TypeUint64:
		x = float64(v.Uint64())
	case proto.TypeFloat32:
		x = float64(v.Float32())
	case proto.TypeFloat64:
		x = v.Float64()
	default:
		return 0, false
	}
	if !v.Valid(f.BaseType) || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	if f.Scale != 0 && f.Scale != 1 {
		x /= f.Scale
	}
	return x - f.Offset, true
}

func u32(f *proto.Field) (uint32, bool) {
	if f.Value.Type() != proto.TypeUint32 {
		return 0, false
	}
	x := f.Value.Uint32()
	return x, x != basetype.Uint32Invalid
}

func u8(f *proto.Field) (uint8, bool) {
	if f.Value.Type() != proto.TypeUint8 {
		return 0, false
	}
	x := f.Value.Uint8()
	return x, x != 0xFF
}

func str(f *proto.Field) string {
	switch f.Value.Type() {
	case proto.TypeString:
		return strings.TrimSpace(f.Value.String())
	case proto.TypeSliceString:
		return strings.TrimSpace(strings.Join(f.Value.SliceString(), " "))
	}
	return ""
}

func (b *builder) fileID(m *proto.Message) {
	if b.haveFileID {
		return // a chained file repeats it; the first one names the file
	}
	b.haveFileID = true
	b.fileType = typedef.FileInvalid
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.FileIdType:
			if x, ok := u8(f); ok {
				b.fileType = typedef.File(x)
			}
		case fieldnum.FileIdManufacturer:
			if f.Value.Type() == proto.TypeUint16 {
				b.manufacturer = typedef.Manufacturer(f.Value.Uint16())
			}
		case fieldnum.FileIdProduct:
			if f.Value.Type() == proto.TypeUint16 && f.Value.Uint16() != 0xFFFF {
				b.product = f.Value.Uint16()
			}
		case fieldnum.FileIdProductName:
			b.productName = str(f)
		case fieldnum.FileIdSerialNumber:
			if f.Value.Type() == proto.TypeUint32 && f.Value.Uint32() != 0 {
				b.serial = f.Value.Uint32()
			}
		case fieldnum.FileIdTimeCreated:
			b.timeCreated, _ = u32(f)
		}
	}
}

func (b *builder) deviceInfo(m *proto.Message) {
	if b.creatorName != "" {
		return
	}
	creator, name := false, ""
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.DeviceInfoDeviceIndex:
			x, ok := u8(f)
			creator = ok && x == 0
		case fieldnum.DeviceInfoProductName:
			name = str(f)
		}
	}
	if creator && name != "" {
		b.creatorName = name
	}
}

func summaryMsg(m *proto.Message, session bool) sessionMsg {
	s := sessionMsg{sport: typedef.SportInvalid, sub: typedef.SubSportInvalid}
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case proto.FieldNumTimestamp:
			s.end, s.hasEnd = u32(f)
			continue
		}
		if m.Num == mesgnum.Sport {
			switch f.Num {
			case fieldnum.SportSport:
				if x, ok := u8(f); ok {
					s.sport, s.hasSport = typedef.Sport(x), true
				}
			case fieldnum.SportSubSport:
				if x, ok := u8(f); ok {
					s.sub = typedef.SubSport(x)
				}
			}
			continue
		}
		// Session and lap share most field numbers up to 11; the rest differ.
		num := f.Num
		switch num {
		case fieldnum.SessionStartTime:
			s.start, s.hasStart = u32(f)
			continue
		}
		if session {
			switch num {
			case fieldnum.SessionSport:
				if x, ok := u8(f); ok {
					s.sport, s.hasSport = typedef.Sport(x), true
				}
				continue
			case fieldnum.SessionSubSport:
				if x, ok := u8(f); ok {
					s.sub = typedef.SubSport(x)
				}
				continue
			case fieldnum.SessionWorkoutRpe: // Borg CR10 times 10
				if x, ok := u8(f); ok && x <= 100 {
					s.rpe = float64(x) / 10
				}
				continue
			}
		} else {
			switch num {
			case fieldnum.LapSport:
				if x, ok := u8(f); ok {
					s.sport, s.hasSport = typedef.Sport(x), true
				}
				continue
			case fieldnum.LapSubSport:
				if x, ok := u8(f); ok {
					s.sub = typedef.SubSport(x)
				}
				continue
			case fieldnum.LapIntensity:
				if x, ok := u8(f); ok {
					s.intensity = typedef.Intensity(x).String()
				}
				continue
			case fieldnum.LapLapTrigger:
				if x, ok := u8(f); ok {
					s.trigger = typedef.LapTrigger(x).String()
				}
				continue
			}
		}
		x, ok := scaled(f)
		if !ok {
			continue
		}
		if session {
			switch num {
			case fieldnum.SessionTotalElapsedTime:
				s.elapsed = x
			case fieldnum.SessionTotalTimerTime:
				s.timer = x
			case fieldnum.SessionTotalDistance:
				s.dist = x
			case fieldnum.SessionTotalCalories:
				s.calories = x
			case fieldnum.SessionAvgSpeed:
				s.avgSpeed = x
			case fieldnum.SessionMaxSpeed:
				s.maxSpd = x
			case fieldnum.SessionEnhancedAvgSpeed:
				s.enhAvg = x
			case fieldnum.SessionEnhancedMaxSpeed:
				s.enhMax = x
			case fieldnum.SessionAvgHeartRate:
				s.avgHR = x
			case fieldnum.SessionMaxHeartRate:
				s.maxHR = x
			case fieldnum.SessionAvgCadence:
				s.avgCad = x
			case fieldnum.SessionAvgFractionalCadence:
				s.fracCad = x
			case fieldnum.SessionAvgPower:
				s.avgPower = x
			case fieldnum.SessionTotalAscent:
				s.ascent = x
			case fieldnum.SessionTotalDescent:
				s.descent = x
			case fieldnum.SessionPoolLength:
				s.poolLength = x
			}
			continue
		}
		switch num {
		case fieldnum.LapTotalElapsedTime:
			s.elapsed = x
		case fieldnum.LapTotalTimerTime:
			s.timer = x
		case fieldnum.LapTotalDistance:
			s.dist = x
		case fieldnum.LapTotalCalories:
			s.calories = x
		case fieldnum.LapAvgSpeed:
			s.avgSpeed = x
		case fieldnum.LapMaxSpeed:
			s.maxSpd = x
		case fieldnum.LapEnhancedAvgSpeed:
			s.enhAvg = x
		case fieldnum.LapEnhancedMaxSpeed:
			s.enhMax = x
		case fieldnum.LapAvgHeartRate:
			s.avgHR = x
		case fieldnum.LapMaxHeartRate:
			s.maxHR = x
		case fieldnum.LapAvgCadence:
			s.avgCad = x
		case fieldnum.LapAvgFractionalCadence:
			s.fracCad = x
		case fieldnum.LapAvgPower:
			s.avgPower = x
		case fieldnum.LapTotalAscent:
			s.ascent = x
		case fieldnum.LapTotalDescent:
			s.descent = x
		}
	}
	return s
}

func (b *builder) length(m *proto.Message) {
	var l lengthMsg
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.LengthStartTime:
			l.start, l.hasStart = u32(f)
		case fieldnum.LengthTotalElapsedTime:
			l.elapsed, _ = scaled(f)
		case fieldnum.LengthTotalStrokes:
			x, _ := scaled(f)
			l.strokes = int(x)
		case fieldnum.LengthSwimStroke:
			if x, ok := u8(f); ok {
				l.stroke = typedef.SwimStroke(x).String()
			}
		case fieldnum.LengthLengthType:
			x, ok := u8(f)
			l.active = ok && typedef.LengthType(x) == typedef.LengthTypeActive
		}
	}
	if l.hasStart && len(b.lengths) < MaxSamples {
		b.lengths = append(b.lengths, l)
	}
}

func (b *builder) event(m *proto.Message) {
	var ts uint32
	var haveTS, timer bool
	et := typedef.EventTypeInvalid
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case proto.FieldNumTimestamp:
			ts, haveTS = u32(f)
		case fieldnum.EventEvent:
			x, ok := u8(f)
			timer = ok && typedef.Event(x) == typedef.EventTimer
		case fieldnum.EventEventType:
			if x, ok := u8(f); ok {
				et = typedef.EventType(x)
			}
		}
	}
	if !timer || !haveTS || len(b.timer) >= MaxSamples {
		return
	}
	switch et {
	case typedef.EventTypeStart:
		b.timer = append(b.timer, timerEvent{t: ts})
	case typedef.EventTypeStop, typedef.EventTypeStopAll, typedef.EventTypeStopDisable, typedef.EventTypeStopDisableAll:
		b.timer = append(b.timer, timerEvent{t: ts, stop: true})
	}
}

// fieldDescription notes developer fields that carry running power (Stryd's
// "Power", or any field declared as the native record power), so records
// without a native power value can take theirs.
func (b *builder) fieldDescription(m *proto.Message) {
	var (
		name, units            string
		idx, num               byte
		haveIdx, haveNum       bool
		bt                     = basetype.BaseType(0xFF)
		scale, offset          = 1.0, 0.0
		nativeMesg, nativeFeld = -1, -1
	)
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case fieldnum.FieldDescriptionDeveloperDataIndex:
			idx, haveIdx = u8(f)
		case fieldnum.FieldDescriptionFieldDefinitionNumber:
			num, haveNum = u8(f)
		case fieldnum.FieldDescriptionFitBaseTypeId:
			if x, ok := u8(f); ok {
				bt = basetype.BaseType(x)
			}
		case fieldnum.FieldDescriptionFieldName:
			name = str(f)
		case fieldnum.FieldDescriptionUnits:
			units = str(f)
		case fieldnum.FieldDescriptionScale:
			if x, ok := u8(f); ok && x != 0 {
				scale = float64(x)
			}
		case fieldnum.FieldDescriptionOffset:
			if f.Value.Type() == proto.TypeInt8 && f.Value.Int8() != 0x7F {
				offset = float64(f.Value.Int8())
			}
		case fieldnum.FieldDescriptionNativeMesgNum:
			if f.Value.Type() == proto.TypeUint16 && f.Value.Uint16() != 0xFFFF {
				nativeMesg = int(f.Value.Uint16())
			}
		case fieldnum.FieldDescriptionNativeFieldNum:
			if x, ok := u8(f); ok {
				nativeFeld = int(x)
			}
		}
	}
	if !haveIdx || !haveNum || !bt.Valid() || len(b.devPower) >= 16 {
		return
	}
	isPower := strings.EqualFold(name, "power") && (units == "" || strings.HasPrefix(strings.ToLower(units), "w"))
	if nativeFeld == fieldnum.RecordPower && (nativeMesg == -1 || nativeMesg == int(mesgnum.Record)) {
		isPower = true
	}
	if isPower {
		b.devPower = append(b.devPower, devPower{key: devKey{idx, num}, base: proto.FieldBase{BaseType: bt, Scale: scale, Offset: offset}})
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
	var cad256 float32
	have256 := false
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
		case fieldnum.RecordCadence256:
			// Components are not expanded (decodeOptions): the cadence
			// this field carries is read here, used when no plain one is.
			if x, ok := scaled(f); ok {
				cad256, have256 = float32(x), true
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
	if have256 && s.mask&chCad == 0 {
		s.cad, s.mask, s.haveFrac = cad256, s.mask|chCad, false
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
		b.appendSample(int64(fitEpoch+int64(ts))*1000, &s)
	} else {
		b.put(idx, &s)
	}
	b.lastNew = grew
	b.lastTS, b.haveTS = ts, true
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

func isNaN32(f float32) bool { return f != f }

// capacity is how many samples the columns should hold: enough for every
// record the current segment can contain, so they are allocated once.
func (b *builder) capacity() int {
	if b.t != nil {
		return cap(b.t)
	}
	bytes := int64(b.segData)
	if b.sizeHint >= 0 && b.sizeHint < bytes {
		bytes = b.sizeHint
	}
	if b.sizeHint < 0 && bytes > 1<<22 {
		bytes = 1 << 22 // unknown reader size: don't trust a huge header, grow instead
	}
	rl := int64(max(b.recLen, 2))
	c := bytes/rl + 1
	if b.recLen < 12 {
		// A tiny first record (a timestamp alone) says little about the
		// rest: start small and project from progress when full.
		c = min(c, 1024)
	}
	return int(min(max(c, 16), MaxSamples))
}

// project is the capacity to grow to when the columns are full: the
// samples so far scaled by how much of the current segment is still to
// come, so that a file needs one or two reallocations, not a dozen.
func (b *builder) project() int {
	n := len(b.t)
	c := n + n/4
	if w := b.w; w != nil && len(w.segs) > 0 {
		s := w.segs[len(w.segs)-1]
		start := s.Offset + int64(s.Header)
		done, total := w.off-start, int64(s.DataSize)
		if b.sizeHint >= 0 {
			total = min(total, b.sizeHint-start)
		}
		if done > 0 && total > done {
			c = max(c, int(float64(n)*float64(total)/float64(done)*1.05)+64)
		}
	}
	return min(c, MaxSamples+1)
}

// regrow moves every column to a new backing array of capacity c.
func (b *builder) regrow(c int) {
	b.t = slices.Grow(b.t, c-len(b.t))
	b.lat = grow64(b.lat, c)
	b.lon = grow64(b.lon, c)
	b.dist = grow64(b.dist, c)
	b.ele = grow32(b.ele, c)
	b.hr = grow32(b.hr, c)
	b.cad = grow32(b.cad, c)
	b.power = grow32(b.power, c)
	b.speed = grow32(b.speed, c)
	b.temp = grow32(b.temp, c)
}

func grow64(s []float64, c int) []float64 {
	if s == nil {
		return nil
	}
	return slices.Grow(s, c-len(s))
}

func grow32(s []float32, c int) []float32 {
	if s == nil {
		return nil
	}
	return slices.Grow(s, c-len(s))
}

// appendSample appends a new sample at time ms: each column takes the
// sample's value, or NaN when the sample has none; a channel's column is
// made (NaN for the samples before) when it first has a value. One write
// per column and sample.
func (b *builder) appendSample(ms int64, s *sample) {
	if b.t == nil {
		b.t = make([]int64, 0, b.capacity())
	} else if len(b.t) == cap(b.t) {
		b.regrow(b.project())
	}
	b.t = append(b.t, ms)
	m := s.mask
	b.lat = b.app64(b.lat, m&chLat != 0, s.lat)
	b.lon = b.app64(b.lon, m&chLon != 0, s.lon)
	b.ele = b.app32(b.ele, m&chEle != 0, s.ele)
	b.dist = b.app64(b.dist, m&chDist != 0, s.dist)
	b.hr = b.app32(b.hr, m&chHR != 0, s.hr)
	b.cad = b.app32(b.cad, m&chCad != 0, s.cad)
	b.power = b.app32(b.power, m&chPower != 0, s.power)
	b.speed = b.app32(b.speed, m&chSpeed != 0, s.speed)
	b.temp = b.app32(b.temp, m&chTemp != 0, s.temp)
	b.n++
}

func (b *builder) app64(c []float64, have bool, v float64) []float64 {
	if !have {
		if c == nil {
			return nil
		}
		v = nan
	} else if c == nil {
		c = b.col64(&c)
	}
	return append(c, v)
}

func (b *builder) app32(c []float32, have bool, v float32) []float32 {
	if !have {
		if c == nil {
			return nil
		}
		v = float32(nan)
	} else if c == nil {
		c = b.col32(&c)
	}
	return append(c, v)
}

func (b *builder) col64(c *[]float64) []float64 {
	if *c == nil {
		s := make([]float64, b.n, cap(b.t))
		for i := range s {
			s[i] = nan
		}
		*c = s
	}
	return *c
}

func (b *builder) col32(c *[]float32) []float32 {
	if *c == nil {
		s := make([]float32, b.n, cap(b.t))
		for i := range s {
			s[i] = float32(nan)
		}
		*c = s
	}
	return *c
}

func (b *builder) put(i int, s *sample) {
	m := s.mask
	if m&chLat != 0 {
		b.col64(&b.lat)[i] = s.lat
	}
	if m&chLon != 0 {
		b.col64(&b.lon)[i] = s.lon
	}
	if m&chEle != 0 {
		b.col32(&b.ele)[i] = s.ele
	}
	if m&chDist != 0 {
		b.col64(&b.dist)[i] = s.dist
	}
	if m&chHR != 0 {
		b.col32(&b.hr)[i] = s.hr
	}
	if m&chCad != 0 {
		b.col32(&b.cad)[i] = s.cad
	}
	if m&chPower != 0 {
		b.col32(&b.power)[i] = s.power
	}
	if m&chSpeed != 0 {
		b.col32(&b.speed)[i] = s.speed
	}
	if m&chTemp != 0 {
		b.col32(&b.temp)[i] = s.temp
	}
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
