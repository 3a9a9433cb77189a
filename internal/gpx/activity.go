package gpx

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/trackbuild"
	"rekindle/internal/xmlscan"
)

// activities turns what was read into activities.
func (d *decoder) activities() ([]*rekindle.Activity, error) {
	if !d.rootSeen {
		return nil, fmt.Errorf("gpx: empty file: %w", rekindle.ErrNotActivity)
	}
	if d.badPos > 0 {
		d.warnf("%d points with a missing or impossible position", d.badPos)
	}
	if d.badTime > 0 {
		d.warnf("%d points with an unreadable <time>", d.badTime)
	}
	var timed, untimed []*track
	for _, t := range d.trks {
		switch {
		case !t.b.Usable():
		case t.timed:
			timed = append(timed, t)
		default:
			untimed = append(untimed, t)
		}
	}
	if len(timed) == 0 && len(untimed) == 0 {
		// Routes stand in for a track only when there is none.
		for _, t := range d.rtes {
			if !t.b.Usable() {
				continue
			}
			if t.timed {
				timed = append(timed, t)
			} else {
				untimed = append(untimed, t)
			}
		}
	}
	for _, t := range timed {
		t.tr, t.interp = t.b.Finish()
		t.far, t.back, _ = trackbuild.SaneTimes(&t.tr)
	}
	for _, t := range untimed {
		t.tr, t.interp = t.b.Finish()
	}
	groups := splitByGap(timed)
	if len(untimed) > 0 {
		groups = append(groups, untimed)
	}
	var out []*rekindle.Activity
	for _, group := range groups {
		a, err := d.activity(group, len(timed) == 0)
		if err != nil {
			return nil, err
		}
		if !group[0].timed && len(timed) > 0 {
			a.Warnings = append(a.Warnings, "tracks without times, kept apart from the timed tracks of the same file")
		}
		a.Source.Index = len(out)
		out = append(out, a)
	}
	if len(out) == 0 {
		if a := d.session(); a != nil {
			return []*rekindle.Activity{a}, nil
		}
		what := "no track or route points"
		if d.waypoints > 0 {
			what = fmt.Sprintf("only waypoints (%d), no track", d.waypoints)
		}
		return nil, fmt.Errorf("gpx: %s: %w", what, rekindle.ErrNotActivity)
	}
	return out, nil
}

// session is the activity of a file whose track names a sport but holds no
// points, dated by the file's metadata time: Garmin Connect exports a pool
// swim so (<type>lap_swimming</type>, an empty <trkseg/>). It is a real
// session, kept without a track: its duration and distance are what the
// file's totals say, unknown otherwise. Nil when no track names a sport or
// the file has no time.
func (d *decoder) session() *rekindle.Activity {
	if d.metaTime == trackbuild.NoTime && d.rootStart != 0 {
		d.metaTime = d.rootStart
	}
	if d.metaTime == trackbuild.NoTime {
		return nil
	}
	var t *track
	for _, c := range d.trks {
		if strings.TrimSpace(c.typ) != "" {
			t = c
			break
		}
	}
	if t == nil {
		return nil
	}
	a := &rekindle.Activity{
		Source:      rekindle.Source{Format: rekindle.FormatGPX},
		Device:      d.creator,
		Name:        t.name,
		Description: t.desc,
		Start:       time.UnixMilli(d.metaTime).UTC(),
	}
	if a.Name == "" {
		a.Name = d.metaName
	}
	if a.Description == "" {
		a.Description = d.metaDesc
	}
	a.Warnings = append(a.Warnings, d.warnings...)
	for _, c := range d.trks {
		addTotals(&a.Totals, c.totals)
	}
	if a.Totals == (rekindle.Totals{}) {
		// No track's own totals: the converter's summary on the root
		// (the same session's distance and time, as its list has them).
		a.Totals = d.rootTotals
	}
	a.Sport = SportOf(t.typ)
	a.SubSport = rekindle.SubSportName(t.typ)
	known := "duration and distance unknown"
	switch {
	case a.Totals.ElapsedS > 0 && a.Totals.DistanceM > 0:
		known = "duration and distance from the file's totals"
	case a.Totals.ElapsedS > 0:
		known = "duration from the file's totals, distance unknown"
	case a.Totals.DistanceM > 0:
		known = "distance from the file's totals, duration unknown"
	}
	a.Warnings = append(a.Warnings, "no track points: kept as a session with the file's start time and sport ("+known+")")
	return a
}

// maxGap is the longest pause between two timed tracks of one activity: a
// device log holding several days' outings becomes several activities.
const maxGap = 3 * time.Hour

// splitByGap groups consecutive timed tracks, starting a new group when a
// track begins more than maxGap after (or before) the previous group.
func splitByGap(timed []*track) [][]*track {
	var groups [][]*track
	var last int64
	for _, t := range timed {
		first, end := slices.Min(t.tr.Time), slices.Max(t.tr.Time)
		if len(groups) == 0 || first-last > maxGap.Milliseconds() || last-first > maxGap.Milliseconds() {
			groups = append(groups, []*track{t})
			last = end
			continue
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], t)
		last = max(last, end)
	}
	return groups
}

// activity joins the tracks of a group into one activity; each further
// track starts after a break.
func (d *decoder) activity(group []*track, onlyUntimed bool) (*rekindle.Activity, error) {
	a := &rekindle.Activity{
		Source: rekindle.Source{Format: rekindle.FormatGPX},
		Device: d.creator,
	}
	a.Warnings = append(a.Warnings, d.warnings...)
	tr, interp := group[0].tr, group[0].interp
	for _, g := range group[1:] {
		next, n := g.tr, g.interp
		interp += n
		var err error
		if tr, err = appendTrack(tr, next, d.maxSamples); err != nil {
			return nil, err
		}
	}
	if interp > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points without a time: times interpolated", interp))
	}
	far, back := 0, 0
	for _, g := range group {
		far, back = far+g.far, back+g.back
	}
	if far > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points with impossible times (more than a week from the rest) dropped", far))
	}
	if back > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points whose time goes backwards dropped", back))
	}
	pauses := 0
	for _, g := range group {
		pauses += g.pauses
		if a.Name == "" {
			a.Name = g.name
		}
		if a.Description == "" {
			a.Description = g.desc
		}
		if a.SubSport == "" && g.typ != "" {
			a.SubSport = g.typ
		}
		addTotals(&a.Totals, g.totals)
	}
	if a.Name == "" {
		a.Name = d.metaName
	}
	if a.Description == "" {
		a.Description = d.metaDesc
	}
	a.Sport = SportOf(a.SubSport)
	a.SubSport = rekindle.SubSportName(a.SubSport)
	// SaneTimes left each track's whole stretches out of order (a device
	// whose points go back in time for a while), and tracks of one group
	// may overlap: that is data, moved into place as the TCX and FIT
	// decoders do, pauses with it.
	if moved, _ := trackbuild.SortByTime(&tr); moved > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d points recorded out of time order moved into place", moved))
	}
	switch {
	case len(tr.Time) > 0:
		a.Start = time.UnixMilli(slices.Min(tr.Time)).UTC()
	case onlyUntimed && d.metaTime != trackbuild.NoTime:
		// A file of routes only: its creation time is the best date there is.
		a.Start = time.UnixMilli(d.metaTime).UTC()
		a.Warnings = append(a.Warnings, "no point times: start taken from the file's metadata time")
	}
	if a.Sport.IsRun() && tr.Cadence != nil && median(tr.Cadence) < 120 {
		for i, c := range tr.Cadence {
			tr.Cadence[i] = 2 * c
		}
	}
	a.Track = tr
	if err := a.Track.Validate(); err != nil {
		return nil, fmt.Errorf("gpx: %w", err) // a bug, not bad input
	}
	return a, nil
}

// addTotals adds the totals of another track of the same activity.
func addTotals(t *rekindle.Totals, o rekindle.Totals) {
	t.DistanceM += o.DistanceM
	t.TimerS += o.TimerS
	t.ElapsedS += o.ElapsedS
	t.AscentM += o.AscentM
	t.DescentM += o.DescentM
	t.Calories += o.Calories
	t.MaxSpeedMS = math.Max(t.MaxSpeedMS, o.MaxSpeedMS)
	t.MaxHR = math.Max(t.MaxHR, o.MaxHR)
	if t.AvgHR == 0 {
		t.AvgHR = o.AvgHR
	}
}

// appendTrack concatenates b after a, with a break between them.
func appendTrack(a, b rekindle.Track, maxSamples int) (rekindle.Track, error) {
	na, nb := a.Len(), b.Len()
	if na == 0 {
		return b, nil
	}
	if na+nb > maxSamples {
		return a, fmt.Errorf("gpx: more than %d points in one activity: %w", maxSamples, xmlscan.ErrTooLarge)
	}
	out := rekindle.Track{
		Time:    cat64i(a.Time, b.Time, na, nb),
		Lat:     cat64(a.Lat, b.Lat, na, nb),
		Lon:     cat64(a.Lon, b.Lon, na, nb),
		Dist:    cat64(a.Dist, b.Dist, na, nb),
		Ele:     cat32(a.Ele, b.Ele, na, nb),
		HR:      cat32(a.HR, b.HR, na, nb),
		Cadence: cat32(a.Cadence, b.Cadence, na, nb),
		Power:   cat32(a.Power, b.Power, na, nb),
		Speed:   cat32(a.Speed, b.Speed, na, nb),
		Temp:    cat32(a.Temp, b.Temp, na, nb),
	}
	out.Breaks = append(out.Breaks, a.Breaks...)
	if nb > 0 {
		out.Breaks = append(out.Breaks, na)
	}
	for _, x := range b.Breaks {
		out.Breaks = append(out.Breaks, na+x)
	}
	return out, nil
}

func cat64i(a, b []int64, na, nb int) []int64 {
	if a == nil && b == nil {
		return nil
	}
	out := make([]int64, 0, na+nb)
	out = append(out, a...)
	return append(out, b...)
}

func cat64(a, b []float64, na, nb int) []float64 {
	if a == nil && b == nil {
		return nil
	}
	out := make([]float64, 0, na+nb)
	out = appendOrNaN64(out, a, na)
	return appendOrNaN64(out, b, nb)
}

func appendOrNaN64(out, a []float64, n int) []float64 {
	if a != nil {
		return append(out, a...)
	}
	for range n {
		out = append(out, math.NaN())
	}
	return out
}

func cat32(a, b []float32, na, nb int) []float32 {
	if a == nil && b == nil {
		return nil
	}
	out := make([]float32, 0, na+nb)
	out = appendOrNaN32(out, a, na)
	return appendOrNaN32(out, b, nb)
}

func appendOrNaN32(out, a []float32, n int) []float32 {
	if a != nil {
		return append(out, a...)
	}
	for range n {
		out = append(out, rekindle.NaN32)
	}
	return out
}

func median(c []float32) float32 {
	v := make([]float32, 0, len(c))
	for _, x := range c {
		if x == x && x > 0 {
			v = append(v, x)
		}
	}
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	return v[len(v)/2]
}

// SportOf maps a GPX <type> (Garmin Connect, Strava's numeric codes or
// names, OpenTracks and other apps' free text) to a sport. Unknown or
// empty types map to SportOther.
func SportOf(typ string) rekindle.Sport {
	t := strings.ToLower(strings.TrimSpace(typ))
	t = strings.NewReplacer("-", "_", " ", "_").Replace(t)
	switch t {
	case "running", "run", "9", "street_running", "road_running", "jogging":
		return rekindle.SportRunning
	case "trail_running", "trail_run", "trailrun", "trail":
		return rekindle.SportTrailRunning
	case "treadmill_running", "treadmill", "indoor_running", "virtualrun", "virtual_run":
		return rekindle.SportTreadmill
	case "track_running", "track":
		return rekindle.SportTrack
	case "walking", "walk", "10", "casual_walking", "speed_walking":
		return rekindle.SportWalking
	case "hiking", "hike", "4", "mountaineering":
		return rekindle.SportHiking
	case "cycling", "biking", "ride", "1", "road_biking", "road_cycling", "mountain_biking", "mountain_bike",
		"mtb", "gravel_cycling", "gravel_ride", "ebikeride", "e_bike_ride", "cyclocross", "bike", "bicycle":
		return rekindle.SportCycling
	case "virtual_ride", "virtualride", "17", "virtual_cycling":
		return rekindle.SportVirtualRide
	case "indoor_cycling", "spinning":
		return rekindle.SportIndoorCycling
	case "swimming", "swim", "16", "open_water_swimming":
		return rekindle.SportSwimming
	case "lap_swimming", "pool_swimming":
		return rekindle.SportPoolSwim
	case "rowing", "indoor_rowing", "kayaking", "canoeing":
		return rekindle.SportRowing
	case "skiing", "cross_country_skiing", "backcountry_skiing", "resort_skiing_snowboarding", "alpineski", "nordicski":
		return rekindle.SportSkiing
	case "elliptical":
		return rekindle.SportElliptical
	}
	return rekindle.SportOther
}
