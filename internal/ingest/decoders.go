package ingest

import (
	"rekindle/internal/gpx"
)

// DefaultDecoders returns the decoders of every supported activity format.
func DefaultDecoders() map[Kind]Decoder {
	return map[Kind]Decoder{
		KindGPX: gpx.Decode,
	}
}
