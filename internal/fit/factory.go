package fit

import (
	"github.com/muktihari/fit/profile/factory"
	"github.com/muktihari/fit/profile/typedef"
	"github.com/muktihari/fit/proto"
)

// fieldFactory wraps muktihari's standard profile factory and caches the
// field bases it hands out, so that the unknown (manufacturer-specific)
// fields many devices write into every record are allocated once per
// decoder instead of once per message.
type fieldFactory struct {
	std    *factory.Factory
	byMesg [profileMesgs]*[256]*proto.FieldBase // [mesgNum][fieldNum], for profile message numbers
	other  map[uint32]*proto.FieldBase
}

const profileMesgs = 512

func newFieldFactory() *fieldFactory {
	return &fieldFactory{std: factory.StandardFactory()}
}

// CreateField implements decoder.Factory.
func (f *fieldFactory) CreateField(mesgNum typedef.MesgNum, num byte) proto.Field {
	if int(mesgNum) < profileMesgs {
		// Fixed-size rows: a byte indexes them with no bounds check.
		row := f.byMesg[mesgNum]
		if row == nil {
			row = new([256]*proto.FieldBase)
			f.byMesg[mesgNum] = row
		}
		if fb := row[num]; fb != nil {
			return proto.Field{FieldBase: fb}
		}
		fl := f.std.CreateField(mesgNum, num)
		row[num] = fl.FieldBase
		return fl
	}
	key := uint32(mesgNum)<<8 | uint32(num)
	if fb, ok := f.other[key]; ok {
		return proto.Field{FieldBase: fb}
	}
	fl := f.std.CreateField(mesgNum, num)
	if f.other == nil {
		f.other = make(map[uint32]*proto.FieldBase)
	}
	if len(f.other) < 4096 {
		f.other[key] = fl.FieldBase
	}
	return fl
}
