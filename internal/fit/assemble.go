package fit

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/muktihari/fit/profile/typedef"

	"rekindle"
	"rekindle/internal/trackbuild"
)

// window is one activity's share of the file: a session (or a session made
// up from the records when the file has none) and its record index range.
type window struct {
	s          sessionMsg
	startMS    int64
	lo, hi     int // record index range [lo, hi) when contiguous
	count      int
	contiguous bool
	starts     []int64 // every window's start, to tell whose a sample is
	index      int
	laps       []int // indices into builder.laps
	lengths    []int // indices into builder.lengths
	timer      []timerEvent
	keep       []int // sample indices when not contiguous
}

// share hands laps, lengths and timer events to the windows they fall in,
// in one pass (a hostile file may hold many sessions and many laps).
func (b *builder) share(wins []window, starts []int64) {
	for i := range b.laps {
		if st, ok := b.lapStart(i); ok {
			w := &wins[owner(starts, b.ms(st))]
			w.laps = append(w.laps, i)
		}
	}
	for i, l := range b.lengths {
		w := &wins[owner(starts, b.ms(l.start))]
		w.lengths = append(w.lengths, i)
	}
	for _, e := range b.timer {
		w := &wins[owner(starts, b.ms(e.t))]
		w.timer = append(w.timer, e)
	}
}

// lapStart is when lap i began: its start_time, else its end less its
// duration, else the previous lap's end, else the first sample.
func (b *builder) lapStart(i int) (uint32, bool) {
	l := &b.laps[i]
	switch {
	case l.hasStart:
		return l.start, true
	case l.hasEnd && l.elapsed > 0 && float64(l.end) >= l.elapsed:
		return l.end - uint32(l.elapsed), true
	case i > 0 && b.laps[i-1].hasEnd:
		return b.laps[i-1].end, true
	case l.hasEnd && len(b.t) > 0:
		return uint32(max(b.t[0]/1000-fitEpoch, 0)), true
	}
	return 0, false
}

// ms converts a FIT date_time to Unix milliseconds, applying the
// device-relative offset when one is known.
func (b *builder) ms(ts uint32) int64 {
	t := int64(ts)
	if ts < relativeLimit && b.haveCorr {
		t += int64(b.corrUTC) - int64(b.corrSys)
	}
	return (fitEpoch + t) * 1000
}

// activities turns what was decoded into rekindle activities.
func (b *builder) activities(warn []string) []*rekindle.Activity {
	if b.relative || (b.timeCreated > 0 && b.timeCreated < relativeLimit) {
		if b.haveCorr {
			b.back = true // not known any more: times were shifted, some only
			off := (int64(b.corrUTC) - int64(b.corrSys)) * 1000
			for i, t := range b.t {
				if t < (fitEpoch+relativeLimit)*1000 {
					b.t[i] = t + off
				}
			}
			warn = append(warn, "timestamps are relative to device power-on; converted with the file's timestamp_correlation")
		} else if b.relative {
			warn = append(warn, "timestamps are relative to device power-on and the file holds no absolute time: the start date is not a real date, durations are")
		}
	}
	if b.noTime > 0 {
		warn = append(warn, fmt.Sprintf("%d records without a timestamp dropped", b.noTime))
	}

	sessions := slices.Clone(b.sessions)
	for i := range sessions {
		s := &sessions[i]
		if !s.hasStart && s.hasEnd && s.elapsed > 0 && float64(s.end) > s.elapsed {
			s.start, s.hasStart = s.end-uint32(s.elapsed), true
		}
	}
	sessions = slices.DeleteFunc(sessions, func(s sessionMsg) bool { return !s.hasStart })
	if w := b.dropImplausibleTimes(sessions); w != "" {
		warn = append(warn, w)
	}
	if len(sessions) == 0 {
		if b.n == 0 {
			return nil
		}
		s := sessionMsg{sport: typedef.SportInvalid, sub: typedef.SubSportInvalid}
		if b.haveSportMsg && b.sportMsg.hasSport {
			s.sport, s.sub, s.hasSport = b.sportMsg.sport, b.sportMsg.sub, true
		} else {
			for _, l := range b.laps {
				if l.hasSport {
					s.sport, s.sub, s.hasSport = l.sport, l.sub, true
					break
				}
			}
		}
		w := window{s: s, startMS: b.t[0], lo: 0, hi: b.n, count: b.n, contiguous: true}
		ws := []window{w}
		b.share(ws, nil)
		w = ws[0]
		warn = append(warn, "no session message: activity built from its records and laps")
		return []*rekindle.Activity{b.activity(&w, 0, 1, warn)}
	}
	sort.SliceStable(sessions, func(i, j int) bool { return b.ms(sessions[i].start) < b.ms(sessions[j].start) })

	wins := make([]window, len(sessions))
	starts := make([]int64, len(sessions))
	for i := range sessions {
		starts[i] = b.ms(sessions[i].start)
		wins[i] = window{s: sessions[i], startMS: starts[i], lo: -1, starts: starts, index: i}
	}
	b.share(wins, starts)
	if len(wins) == 1 { // every sample is the one window's
		wins[0].lo, wins[0].hi, wins[0].count = 0, len(b.t), len(b.t)
	} else {
		for i, t := range b.t {
			w := &wins[owner(starts, t)]
			if w.lo < 0 {
				w.lo = i
			}
			w.hi = i + 1
			w.count++
		}
	}
	scattered := false
	for i := range wins {
		w := &wins[i]
		if w.lo < 0 {
			w.lo, w.hi = 0, 0
		}
		w.contiguous = w.count == w.hi-w.lo
		scattered = scattered || !w.contiguous
	}
	if scattered {
		// Timestamps out of order: gather each window's samples in one pass.
		for i, t := range b.t {
			if w := &wins[owner(starts, t)]; !w.contiguous {
				w.keep = append(w.keep, i)
			}
		}
	}
	acts := make([]*rekindle.Activity, 0, len(wins))
	for i := range wins {
		acts = append(acts, b.activity(&wins[i], i, len(wins), warn))
	}
	if len(acts) > 1 {
		key := fmt.Sprintf("fit:%d:%d", b.serial, b.timeCreated)
		if b.timeCreated == 0 {
			key = fmt.Sprintf("fit:%d:%d", b.serial, sessions[0].start)
		}
		for i, a := range acts {
			a.Multisport, a.MultisportLeg = key, i+1
		}
	}
	return acts
}

// owner is the index of the last window starting at or before t (0 when t
// precedes them all).
func owner(starts []int64, t int64) int {
	if len(starts) < 2 {
		return 0
	}
	k := sort.Search(len(starts), func(i int) bool { return starts[i] > t }) - 1
	return max(k, 0)
}

func (b *builder) activity(w *window, index, total int, warn []string) *rekindle.Activity {
	s := &w.s
	a := &rekindle.Activity{
		Start:    time.UnixMilli(w.startMS).UTC(),
		Sport:    rekindle.SportOther,
		Device:   b.device(),
		Source:   rekindle.Source{Format: rekindle.FormatFIT, Index: index},
		Warnings: slices.Clone(warn),
	}
	if s.hasSport {
		a.Sport = sportOf(s.sport, s.sub)
		a.SubSport = rekindle.SubSportName(subSportName(s.sub))
	}
	if b.haveSportMsg && total == 1 && b.sportMsg.hasSport && !s.hasSport {
		a.Sport = sportOf(b.sportMsg.sport, b.sportMsg.sub)
	}
	a.RPE = s.rpe
	if b.haveUTCOffset {
		off := int(b.utcOffsetS)
		a.UTCOffsetS = &off
	}
	strides := stepsPerStride(a.Sport)
	a.Totals = totals(s, strides)
	a.Track = b.track(w, strides)
	if far, back, keep := trackbuild.SaneTimes(&a.Track); keep != nil {
		if far > 0 {
			a.Warnings = append(a.Warnings, fmt.Sprintf("%d samples with impossible times (more than a week from the rest) dropped", far))
		}
		if back > 0 {
			a.Warnings = append(a.Warnings, fmt.Sprintf("%d samples whose time goes backwards dropped", back))
		}
	}
	// SaneTimes leaves a whole stretch out of order (a file whose records
	// go back in time for a while, or a resynchronisation that resumed on
	// an earlier stretch): it is data, moved into place. The track has no
	// breaks yet, and laps are placed after, on the sorted times.
	if moved, _ := trackbuild.SortByTime(&a.Track); moved > 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("%d samples recorded out of time order moved into place", moved))
	}
	if a.Track.Len() > 0 && len(b.sessions) == 0 {
		a.Start = time.UnixMilli(a.Track.Time[0]).UTC()
	}

	a.Laps = b.lapsFor(a, w.laps, strides)
	for _, i := range w.lengths {
		l := &b.lengths[i]
		a.Lengths = append(a.Lengths, rekindle.Length{
			Start: time.UnixMilli(b.ms(l.start)).UTC(), ElapsedS: l.elapsed,
			Strokes: l.strokes, Stroke: l.stroke, Active: l.active,
		})
	}
	a.Track.Breaks = breaks(&a.Track, w.timer, b.ms)
	return a
}

func totals(s *sessionMsg, strides bool) rekindle.Totals {
	t := rekindle.Totals{
		DistanceM: s.dist, ElapsedS: s.elapsed, TimerS: s.timer,
		AscentM: s.ascent, DescentM: s.descent, Calories: s.calories,
		AvgHR: s.avgHR, MaxHR: s.maxHR, AvgPowerW: s.avgPower,
		AvgSpeedMS: s.avgSpeed, MaxSpeedMS: s.maxSpd, PoolLengthM: s.poolLength,
	}
	if s.enhAvg > 0 {
		t.AvgSpeedMS = s.enhAvg
	}
	if s.enhMax > 0 {
		t.MaxSpeedMS = s.enhMax
	}
	if s.avgCad > 0 {
		t.AvgCadence = s.avgCad + s.fracCad
		if strides {
			t.AvgCadence *= 2
		}
	}
	return t
}

// track cuts the window's samples out of the file's columns: a sub-slice
// when its records are contiguous, a copy otherwise. Channels with no value
// in the window are dropped.
func (b *builder) track(w *window, strides bool) rekindle.Track {
	if w.count == 0 {
		return rekindle.Track{}
	}
	keep := w.keep
	if w.contiguous {
		keep = nil
	}
	lo, hi := w.lo, w.hi
	tr := rekindle.Track{
		Time:    cut64i(b.t, lo, hi, keep),
		Lat:     cut64(b.lat, lo, hi, keep),
		Lon:     cut64(b.lon, lo, hi, keep),
		Ele:     cut32(b.ele, lo, hi, keep),
		Dist:    cut64(b.dist, lo, hi, keep),
		HR:      cut32(b.hr, lo, hi, keep),
		Cadence: cut32(b.cad, lo, hi, keep),
		Power:   cut32(b.power, lo, hi, keep),
		Speed:   cut32(b.speed, lo, hi, keep),
		Temp:    cut32(b.temp, lo, hi, keep),
	}
	if tr.Lat == nil || tr.Lon == nil {
		tr.Lat, tr.Lon = nil, nil
	}
	if strides {
		for i, c := range tr.Cadence {
			tr.Cadence[i] = c * 2
		}
	}
	return tr
}

func cut64i(c []int64, lo, hi int, keep []int) []int64 {
	if c == nil {
		return nil
	}
	if keep == nil {
		return c[lo:hi:hi]
	}
	out := make([]int64, len(keep))
	for j, i := range keep {
		out[j] = c[i]
	}
	return out
}

func cut64(c []float64, lo, hi int, keep []int) []float64 {
	if c == nil {
		return nil
	}
	var out []float64
	if keep == nil {
		out = c[lo:hi:hi]
	} else {
		out = make([]float64, len(keep))
		for j, i := range keep {
			out[j] = c[i]
		}
	}
	for _, v := range out {
		if !math.IsNaN(v) {
			return out
		}
	}
	return nil
}

func cut32(c []float32, lo, hi int, keep []int) []float32 {
	if c == nil {
		return nil
	}
	var out []float32
	if keep == nil {
		out = c[lo:hi:hi]
	} else {
		out = make([]float32, len(keep))
		for j, i := range keep {
			out[j] = c[i]
		}
	}
	for _, v := range out {
		if v == v {
			return out
		}
	}
	return nil
}

// lapsFor returns the laps whose start falls in the activity, with the
// range of track samples each covers.
func (b *builder) lapsFor(a *rekindle.Activity, idx []int, strides bool) []rekindle.Lap {
	var laps []rekindle.Lap
	var ends []int64
	for _, i := range idx {
		l := &b.laps[i]
		start, _ := b.lapStart(i)
		t := totals(l, strides)
		laps = append(laps, rekindle.Lap{
			Start: time.UnixMilli(b.ms(start)).UTC(), ElapsedS: t.ElapsedS, TimerS: t.TimerS,
			DistanceM: t.DistanceM, AvgHR: t.AvgHR, MaxHR: t.MaxHR, AvgCadence: t.AvgCadence,
			AvgPowerW: t.AvgPowerW, Calories: t.Calories, AscentM: t.AscentM,
			Intensity: l.intensity, Trigger: l.trigger, First: -1, Last: -1,
		})
		end := int64(math.MaxInt64)
		if l.hasEnd {
			end = b.ms(l.end)
		} else if l.elapsed > 0 {
			end = b.ms(start) + int64(l.elapsed*1000)
		}
		ends = append(ends, end)
	}
	times := a.Track.Time
	if !trackbuild.Sorted(times) {
		return laps
	}
	for i := range laps {
		l := &laps[i]
		first := sort.Search(len(times), func(k int) bool { return times[k] >= l.Start.UnixMilli() })
		limit := ends[i] // inclusive end
		if i+1 < len(laps) {
			limit = min(limit, laps[i+1].Start.UnixMilli()-1)
		}
		last := sort.Search(len(times), func(k int) bool { return times[k] > limit }) - 1
		if first < len(times) && last >= first {
			l.First, l.Last = first, last
		}
	}
	return laps
}

// breaks are the sample indices at which the timer restarted after a stop.
func breaks(tr *rekindle.Track, timer []timerEvent, ms func(uint32) int64) []int {
	times := tr.Time
	if len(times) < 2 || len(timer) == 0 || !trackbuild.Sorted(times) {
		return nil
	}
	var out []int
	stopped := false
	for _, e := range timer {
		if e.stop {
			stopped = true
			continue
		}
		if !stopped {
			continue
		}
		stopped = false
		t := ms(e.t)
		i := sort.Search(len(times), func(k int) bool { return times[k] >= t })
		if i > 0 && i < len(times) && (len(out) == 0 || i > out[len(out)-1]) {
			out = append(out, i)
		}
	}
	return out
}

// device names the recording device: "garmin fenix5", "COROS PACE 2".
func (b *builder) device() string {
	man := ""
	if b.haveFileID && b.manufacturer != 0 && b.manufacturer != typedef.ManufacturerInvalid {
		man = b.manufacturer.String()
		if strings.Contains(man, "Invalid") {
			man = "manufacturer " + strconv.Itoa(int(b.manufacturer))
		}
	}
	name := b.productName
	if name == "" {
		name = b.creatorName
	}
	if name == "" && b.product != 0 {
		switch b.manufacturer {
		case typedef.ManufacturerGarmin, typedef.ManufacturerDynastream, typedef.ManufacturerDynastreamOem, typedef.ManufacturerTacx:
			name = typedef.GarminProduct(b.product).String()
			if strings.Contains(name, "Invalid") {
				name = strconv.Itoa(int(b.product))
			}
		default:
			name = strconv.Itoa(int(b.product))
		}
	}
	switch {
	case name == "":
		return man
	case man == "" || strings.HasPrefix(strings.ToLower(name), strings.ToLower(man)):
		return name
	}
	return man + " " + name
}
