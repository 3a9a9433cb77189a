package fit

import (
	"math"
	"strings"

	"github.com/muktihari/fit/profile/basetype"
	"github.com/muktihari/fit/proto"
)

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
