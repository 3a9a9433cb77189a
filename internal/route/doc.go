// Package route knows where a runner runs: route fingerprints and grouping
// (the usual loop), routine signals, a street and path graph built from
// OpenStreetMap with shortest paths, map matching and street coverage.
//
// Everything here is pure: values in, values out, no I/O beyond the
// io.Reader/io.Writer a caller hands in.
package route

import _ "github.com/paulmach/osm/osmpbf"
