package fit

import (
	"strings"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/profile/untyped/mesgnum"
	"github.com/muktihari/fit/proto"
)

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

// maxUTCOffsetS bounds a plausible UTC offset: −12 h … +14 h.
const (
	minUTCOffsetS = -12 * 3600
	maxUTCOffsetS = 14 * 3600
)

// activityMsg reads the device's UTC offset from the activity message:
// local_timestamp (field 5, the same moment in local time) minus its
// timestamp. Offsets are whole quarter hours; a difference more than two
// minutes from one (a clock set by hand) or out of range is not taken.
func (b *builder) activityMsg(m *proto.Message) {
	if b.haveUTCOffset {
		return // a chained file repeats it; the first one says it
	}
	var ts, local uint32
	var haveTS, haveLocal bool
	for i := range m.Fields {
		f := &m.Fields[i]
		switch f.Num {
		case proto.FieldNumTimestamp:
			ts, haveTS = u32(f)
		case fieldnum.ActivityLocalTimestamp:
			local, haveLocal = u32(f)
		}
	}
	if !haveTS || !haveLocal || ts < relativeLimit || local < relativeLimit {
		return
	}
	d := int64(local) - int64(ts)
	q := (d+450+48*3600)/900*900 - 48*3600 // nearest quarter hour
	if d-q > 120 || q-d > 120 || q < minUTCOffsetS || q > maxUTCOffsetS {
		return
	}
	b.utcOffsetS, b.haveUTCOffset = int32(q), true
}
