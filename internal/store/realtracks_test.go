package store

import (
	"testing"

	"rekindle"
)

// realTracks returns up to n tracks decoded from the shared real files.
// Until the decoders land it returns none.
func realTracks(t testing.TB, n int) []*rekindle.Track { return nil }
