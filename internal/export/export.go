// Package export writes everything rekindle holds for an athlete as one zip:
// the original files they imported, their activities as JSON, and every row
// of every table that carries their id. It streams: one row, one activity or
// one file in memory at a time.
package export

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"path"
	"reflect"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// Stats sums up an export.
type Stats struct {
	Originals     int   // original files written
	OriginalBytes int64 // their decoded size
	Activities    int
	Tables        int
	Rows          int
	// Mismatched lists originals whose bytes no longer match their digest
	// (written anyway, so nothing is held back).
	Mismatched []string
}

// Readme describes the zip's layout; it is the zip's first entry.
const Readme = `rekindle export
===============

Everything rekindle holds for you, as of the time in this zip's entries.

README.txt              this file
originals/              the files you imported, byte for byte as rekindle decoded them:
                        a FIT, GPX or TCX file uncompressed (a .gz you imported is here
                        unpacked), a CSV file whole. Named <date>_<name>.<ext>, where
                        <date> is the (UTC) day of the first activity the file gave and
                        <name> the file's own name; each file's SHA-256 is the sha256 of
                        rekindle/files.json and source_sha256 of activities.json.
activities.json         every activity as rekindle measured it: start (UTC), sport, name,
                        source, totals from the file, summary (distance, times, heart
                        rate, splits, best efforts), laps. Numbers are SI: metres,
                        seconds, m/s, bpm, watts; a missing value is null.
rekindle/activities/<id>.json
                        one activity with its track as columns (time_ms: Unix
                        milliseconds; lat/lon: degrees; ele: metres; hr: bpm; ...), null
                        for a missing sample.
rekindle/<table>.json   every row of every database table that holds your data (check-ins,
                        plans, gear, rewards, ...), as column -> value objects; binary
                        columns are base64 strings. Track and original-file bytes are
                        left out there (they are above); password and token hashes are
                        never exported.

Import the originals into any tool that reads FIT, GPX or TCX, or into another
rekindle with "rekindle import originals/".
`

// Write writes the athlete's export zip to w. now is the application's
// clock reading (the time of the README, activities.json and the tables'
// entries); every entry's time is written in UTC, so the zip does not
// depend on the machine's time zone.
func Write(ctx context.Context, st *store.Store, athleteID int64, now time.Time, w io.Writer) (Stats, error) {
	var stats Stats
	zw := zip.NewWriter(w)
	create := func(name string, modified time.Time) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
	}
	f, err := create("README.txt", now)
	if err != nil {
		return stats, fmt.Errorf("export: %w", err)
	}
	if _, err := io.WriteString(f, Readme); err != nil {
		return stats, fmt.Errorf("export: %w", err)
	}
	if err := writeOriginals(ctx, st, athleteID, create, &stats); err != nil {
		return stats, err
	}
	if err := writeActivities(ctx, st, athleteID, create, now, &stats); err != nil {
		return stats, err
	}
	if err := writeTables(ctx, st, athleteID, create, now, &stats); err != nil {
		return stats, err
	}
	if err := zw.Close(); err != nil {
		return stats, fmt.Errorf("export: %w", err)
	}
	return stats, nil
}

type createFunc func(name string, modified time.Time) (io.Writer, error)

func writeOriginals(ctx context.Context, st *store.Store, athleteID int64, create createFunc, stats *Stats) error {
	list, err := st.ListOriginals(ctx, athleteID)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	used := map[string]bool{}
	for _, meta := range list {
		o, err := st.GetOriginal(ctx, athleteID, meta.SHA256)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		modified := o.CreatedAt
		if meta.StartMs > 0 {
			modified = time.UnixMilli(meta.StartMs).UTC()
		}
		name := uniqueName(used, OriginalName(meta))
		f, err := create(name, modified)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		rc, err := o.Open()
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(f, h), rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("export: original %s: %w", o.Name, err)
		}
		if hex.EncodeToString(h.Sum(nil)) != o.SHA256 {
			stats.Mismatched = append(stats.Mismatched, name)
		}
		stats.Originals++
		stats.OriginalBytes += n
	}
	return nil
}

// OriginalName is the zip path of an original: originals/<date>_<name>.<ext>.
func OriginalName(o store.Original) string {
	// The day of the file's first activity; "undated" for a file without
	// real times (before 1970, or a summary CSV), never the import day.
	date := "undated"
	if o.StartMs > 0 {
		date = time.UnixMilli(o.StartMs).UTC().Format("2006-01-02")
	}
	base := o.Name
	if i := strings.LastIndex(base, "!"); i >= 0 {
		base = base[i+1:]
	}
	base = path.Base(strings.ReplaceAll(base, `\`, "/"))
	ext := ".dat"
	switch o.Kind {
	case "fit", "gpx", "tcx":
		ext = "." + o.Kind
	case "strava_csv", "history_csv":
		ext = ".csv"
	case "strava_api":
		ext = ".json"
	}
	for _, suffix := range []string{".gz", ext} {
		if strings.HasSuffix(strings.ToLower(base), suffix) {
			base = base[:len(base)-len(suffix)]
		}
	}
	var b strings.Builder
	for _, r := range base {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
		if b.Len() >= 80 {
			break
		}
	}
	name := strings.Trim(b.String(), "._")
	if name == "" {
		name = o.SHA256[:min(12, len(o.SHA256))]
	}
	return "originals/" + date + "_" + name + ext
}

func uniqueName(used map[string]bool, name string) string {
	if !used[name] {
		used[name] = true
		return name
	}
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 2; ; i++ {
		n := fmt.Sprintf("%s-%d%s", stem, i, ext)
		if !used[n] {
			used[n] = true
			return n
		}
	}
}

const page = 500

func writeActivities(ctx context.Context, st *store.Store, athleteID int64, create createFunc, now time.Time, stats *Stats) error {
	f, err := create("activities.json", now)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	io.WriteString(f, "[")
	var ids []int64
	for off := 0; ; off += page {
		list, err := st.ListActivities(ctx, athleteID, store.ActivityFilter{Limit: page, Offset: off, SetAside: store.WithSetAside})
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		for _, a := range list {
			full, err := st.GetActivity(ctx, athleteID, a.ID)
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if len(ids) > 0 {
				io.WriteString(f, ",")
			}
			io.WriteString(f, "\n")
			b, err := json.Marshal(activityJSON(full))
			if err != nil {
				return fmt.Errorf("export: activity %d: %w", a.ID, err)
			}
			if _, err := f.Write(b); err != nil {
				return fmt.Errorf("export: %w", err)
			}
			ids = append(ids, a.ID)
		}
		if len(list) < page {
			break
		}
	}
	if _, err := io.WriteString(f, "\n]\n"); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	stats.Activities = len(ids)
	for _, id := range ids {
		a, err := st.GetActivity(ctx, athleteID, id)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		f, err := create(fmt.Sprintf("rekindle/activities/%d.json", id), a.Start)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := json.NewEncoder(f).Encode(TrackJSON(a)); err != nil {
			return fmt.Errorf("export: activity %d: %w", id, err)
		}
	}
	return nil
}

// activityJSON is everything of an activity but its track, with
// snake_case keys and null for a missing value (NaN, or a zero that means
// "not known": see missingZero).
func activityJSON(a *rekindle.Activity) map[string]any {
	m := missingZero(a)
	rpe := num(a.RPE)
	if rpe != nil && *rpe < 0 {
		rpe = nil
	}
	return map[string]any{
		"id": a.ID, "start": a.Start, "sport": a.Sport, "sub_sport": rekindle.SubSportName(a.SubSport), "name": a.Name, "description": a.Description,
		"device": a.Device, "gear": a.Gear, "rpe": rpe,
		"source":     map[string]any{"format": a.Source.Format, "file": a.Source.File, "sha256": a.Source.SHA256, "index": a.Source.Index},
		"multisport": a.Multisport, "multisport_leg": a.MultisportLeg,
		"totals": plain(reflect.ValueOf(a.Totals), m), "summary": plain(reflect.ValueOf(a.Summary), m),
		"laps": plain(reflect.ValueOf(a.Laps), m), "lengths": plain(reflect.ValueOf(a.Lengths), m), "warnings": a.Warnings,
		"samples": a.Track.Len(), "channels": a.Track.Channels(),
	}
}

var (
	timeType    = reflect.TypeFor[time.Time]()
	totalsType  = reflect.TypeFor[rekindle.Totals]()
	lapType     = reflect.TypeFor[rekindle.Lap]()
	summaryType = reflect.TypeFor[rekindle.Summary]()
	splitType   = reflect.TypeFor[rekindle.Split]()
)

// missingFunc reports whether field (a Go field name) of a struct of type t
// holds the value v that means "not known".
type missingFunc func(t reflect.Type, field string, v reflect.Value) bool

// missingZero is the activity's rule for values that mean "not known":
//   - Totals and laps are what the file said, and a zero there means the file
//     did not say (rekindle.Totals); a lap's sample range is -1 when unknown;
//   - in the summary and splits, heart rate, cadence, power and speed are
//     zero only without a sensor; ascent and descent are unknown without
//     elevation, distance when its source is "none".
func missingZero(a *rekindle.Activity) missingFunc {
	noEle := a.Track.Ele == nil
	return func(t reflect.Type, field string, v reflect.Value) bool {
		switch t {
		case totalsType:
			return v.CanFloat() && v.Float() == 0
		case lapType:
			if field == "First" || field == "Last" {
				return v.Int() < 0
			}
			return v.CanFloat() && v.Float() == 0
		case summaryType, splitType:
			if !v.CanFloat() || v.Float() != 0 {
				return false
			}
			switch field {
			case "AvgHR", "MaxHR", "AvgCadenceSPM", "AvgPowerW", "MaxPowerW", "AvgSpeedMS", "MaxSpeedMS", "NormalizedSpeedMS":
				return true
			case "AscentM", "DescentM":
				return noEle && a.Totals.AscentM == 0
			case "DistanceM":
				return t == summaryType && (a.Summary.DistanceSource == "none" || a.Summary.DistanceSource == "")
			}
		}
		return false
	}
}

// plain turns structs into maps with snake_case keys, slices into lists
// and NaN or infinite numbers, and values missing says are unknown, into
// nil, so that any value marshals.
func plain(v reflect.Value, missing missingFunc) any {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		return num(v.Float())
	case reflect.Struct:
		if v.Type() == timeType {
			return v.Interface()
		}
		m := make(map[string]any, v.NumField())
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			if missing != nil && missing(v.Type(), f.Name, v.Field(i)) {
				m[snake(f.Name)] = nil
				continue
			}
			m[snake(f.Name)] = plain(v.Field(i), missing)
		}
		return m
	case reflect.Slice:
		if v.IsNil() {
			return nil
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = plain(v.Index(i), missing)
		}
		return out
	}
	return v.Interface()
}

// snake turns a Go field name into snake_case: AvgHR → avg_hr,
// HRSeconds → hr_seconds, DistanceM → distance_m.
func snake(s string) string {
	var b strings.Builder
	r := []rune(s)
	for i, c := range r {
		up := c >= 'A' && c <= 'Z'
		if up && i > 0 {
			prev := r[i-1]
			prevLower := (prev >= 'a' && prev <= 'z') || (prev >= '0' && prev <= '9')
			nextLower := i+1 < len(r) && r[i+1] >= 'a' && r[i+1] <= 'z'
			if prevLower || (prev >= 'A' && prev <= 'Z' && nextLower) {
				b.WriteByte('_')
			}
		}
		if up {
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// TrackJSON is an activity's identity and its track as columns with null
// for a missing sample.
func TrackJSON(x *rekindle.Activity) map[string]any {
	t := &x.Track
	f32 := func(v []float32) []*float64 {
		if v == nil {
			return nil
		}
		out := make([]*float64, len(v))
		for i, f := range v {
			out[i] = num(float64(f))
		}
		return out
	}
	f64 := func(v []float64) []*float64 {
		if v == nil {
			return nil
		}
		out := make([]*float64, len(v))
		for i, f := range v {
			out[i] = num(f)
		}
		return out
	}
	return map[string]any{
		"id": x.ID, "start": x.Start, "sport": x.Sport, "sub_sport": rekindle.SubSportName(x.SubSport), "name": x.Name, "device": x.Device,
		"source": x.Source, "laps": len(x.Laps), "warnings": x.Warnings,
		"track": map[string]any{"time_ms": t.Time, "lat": f64(t.Lat), "lon": f64(t.Lon), "ele": f32(t.Ele), "dist": f64(t.Dist),
			"hr": f32(t.HR), "cadence": f32(t.Cadence), "power": f32(t.Power), "speed": f32(t.Speed), "temp": f32(t.Temp), "breaks": t.Breaks},
	}
}

func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func writeTables(ctx context.Context, st *store.Store, athleteID int64, create createFunc, now time.Time, stats *Stats) error {
	var cur string
	var f io.Writer
	first := true
	err := st.ExportAthlete(ctx, athleteID, func(table string, row map[string]any) error {
		if table == "tracks" {
			return nil // decoded in rekindle/activities/<id>.json
		}
		if table == "originals" {
			delete(row, "data") // the bytes are in originals/
		}
		if table != cur {
			if f != nil {
				if _, err := io.WriteString(f, "\n]\n"); err != nil {
					return err
				}
			}
			var err error
			if f, err = create("rekindle/"+table+".json", now); err != nil {
				return err
			}
			cur, first = table, true
			stats.Tables++
			io.WriteString(f, "[")
		}
		if !first {
			io.WriteString(f, ",")
		}
		first = false
		io.WriteString(f, "\n")
		for k, v := range row {
			if x, ok := v.(float64); ok && (math.IsNaN(x) || math.IsInf(x, 0)) {
				row[k] = nil
			}
		}
		b, err := json.Marshal(row) // []byte → base64
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		stats.Rows++
		_, err = f.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f != nil {
		if _, err := io.WriteString(f, "\n]\n"); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}
