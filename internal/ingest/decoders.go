package ingest

import (
	"rekindle/internal/fit"
	"rekindle/internal/gpx"
	"rekindle/internal/stravadoc"
	"rekindle/internal/tcx"
)

// DefaultDecoders returns the decoders of every supported activity format.
func DefaultDecoders() map[Kind]Decoder {
	return map[Kind]Decoder{
		KindGPX: gpx.Decode,
		KindTCX: tcx.Decode,
		KindFIT: fit.Decode,

		KindStravaAPI: stravadoc.Decode,
	}
}
