// Package route knows where a runner runs from the tracks alone: route
// fingerprints, the same-route test, grouping runs into routes (the usual
// loop) and routine signals. It knows nothing of streets; the street graph,
// map matching, coverage and suggestions are in package streets, which
// imports this one (suggestions stay away from the usual routes).
//
// Everything here is pure: values in, values out, no I/O beyond the
// io.Reader/io.Writer a caller hands in.
package route
