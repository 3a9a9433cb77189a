// Package streets is the street and path graph built from an OpenStreetMap
// extract (routes.md §4 tag rules) and what runs on it: shortest paths,
// nearest vertex and edge, places by kind or name, map matching of runs
// onto edges, street coverage, and route suggestions (loops, out and back,
// runs to a place) with cues and GPX/FIT export.
//
// Everything here is pure: values in, values out, no I/O beyond the
// io.Reader/io.Writer a caller hands in. It imports package route only for
// fingerprints (a suggestion's similarity to the runner's usual routes).
package streets
