package fit

import (
	"math"

	"github.com/muktihari/fit/profile/untyped/fieldnum"
	"github.com/muktihari/fit/proto"
)

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
		} else if ts < b.lastTS {
			b.back = true
		}
		b.appendSample(int64(fitEpoch+int64(ts))*1000, &s)
	} else {
		b.put(idx, &s)
	}
	b.lastNew = grew
	b.lastTS, b.haveTS = ts, true
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
