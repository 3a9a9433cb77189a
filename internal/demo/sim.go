// Package demo simulates runners for the demo and for tests: a persona
// (habits, fitness, a story in its last weeks) becomes years of activities
// on real streets, with GPS noise, smart recording, pace from fitness,
// fatigue, hills and workout type, heart rate following effort with drift,
// cadence, laps, pauses, races, cross-training and check-ins. Everything is
// seeded and deterministic; writers turn the result into real GPX, TCX and
// FIT files and a Strava-style export archive.
package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
	_ "time/tzdata" // the demo runner lives in Europe/Monaco on any machine

	"rekindle"
)

// Options select what to simulate.
type Options struct {
	Persona string    // a name from PersonaNames; "" means "rut"
	Years   float64   // length of the history; 0 means 2
	End     time.Time // the last day of the history (required for determinism; zero means 2026-01-04)
	Seed    uint64    // 0 uses the persona's own seed
	Streets *Streets  // nil builds the bundled Monaco streets
	// OnActivity, when set, is given each activity of the history as it is
	// made (oldest first, with its track); its track is let go afterwards,
	// so a long history is streamed (to an export, say) without holding
	// every track: the History's activities then have empty tracks.
	OnActivity func(*rekindle.Activity) error
}

// History is a simulated runner's whole record.
type History struct {
	Persona    Persona
	Athlete    rekindle.Athlete
	Activities []*rekindle.Activity // by start time, with tracks; Source.File and Format set, Summary empty
	CheckIns   []CheckIn
	End        time.Time // the last day (midnight, the athlete's time zone)
}

// CheckIn is a check-in tied to the activity file it was given after.
type CheckIn struct {
	rekindle.CheckIn
	File string `json:"file"` // the activity's Source.File
}

// Generate simulates a history.
func Generate(ctx context.Context, opt Options) (*History, error) {
	if opt.Persona == "" {
		opt.Persona = "rut"
	}
	p, ok := personas[opt.Persona]
	if !ok {
		return nil, fmt.Errorf("demo: unknown persona %q (have %v)", opt.Persona, PersonaNames())
	}
	if opt.Years <= 0 {
		opt.Years = 2
	}
	if opt.Years > 50 {
		return nil, fmt.Errorf("demo: %v years is too long", opt.Years)
	}
	if opt.End.IsZero() {
		opt.End = time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC)
	}
	seed := opt.Seed
	if seed == 0 {
		seed = p.seed
	}
	st := opt.Streets
	if st == nil {
		var err error
		if st, err = MonacoStreets(ctx); err != nil {
			return nil, err
		}
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	lib, err := st.library(rng, 12)
	if err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation("Europe/Monaco")
	if err != nil {
		loc = time.UTC
	}
	homeLat, homeLon := st.Home()
	s := &sim{
		p: p, rng: rng, lib: lib, loc: loc,
		ath: rekindle.Athlete{Name: "Demo runner (" + p.Name + ")", Sex: rekindle.SexFemale, BirthYear: 1988,
			RestingHR: 50, MaxHR: 188, TimeZone: "Europe/Monaco", Unit: rekindle.UnitKm, HomeLat: homeLat, HomeLon: homeLon},
		fitness: 0.9,
	}
	// The last day, at the end of a Sunday in local time.
	endDay := time.Date(opt.End.Year(), opt.End.Month(), opt.End.Day(), 0, 0, 0, 0, loc)
	for endDay.Weekday() != time.Sunday {
		endDay = endDay.AddDate(0, 0, 1)
	}
	weeks := int(math.Round(opt.Years * 52.18))
	first := endDay.AddDate(0, 0, -7*weeks+1) // a Monday
	h := &History{Persona: p, Athlete: s.ath, End: endDay}
	// Weeks are planned Monday to Sunday; what falls after the last day is
	// left out.
	last := time.Date(opt.End.Year(), opt.End.Month(), opt.End.Day(), 0, 0, 0, 0, loc)
	cut := last.AddDate(0, 0, 1)
	s.cut, s.emit = cut, opt.OnActivity
	for w := 0; w < weeks; w++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if s.err != nil {
			return nil, s.err
		}
		left := weeks - 1 - w
		plan := background(left)
		if p.week != nil {
			plan = p.week(left, plan)
		}
		s.week(h, first.AddDate(0, 0, 7*w), plan)
	}
	if s.err != nil {
		return nil, s.err
	}
	for len(h.Activities) > 0 && !h.Activities[len(h.Activities)-1].Start.Before(cut) {
		h.Activities = h.Activities[:len(h.Activities)-1]
	}
	files := make(map[string]bool, len(h.Activities))
	for _, a := range h.Activities {
		files[a.Source.File] = true
	}
	kept := h.CheckIns[:0]
	for _, c := range h.CheckIns {
		if files[c.File] {
			kept = append(kept, c)
		}
	}
	h.CheckIns = kept
	h.End = last
	h.Athlete.ThresholdPaceMS = s.vThreshold()
	return h, nil
}

type sim struct {
	p       Persona
	rng     *rand.Rand
	lib     []*path
	loc     *time.Location
	ath     rekindle.Athlete
	fitness float64                        // ~1 for a 35 km/week runner
	n       int                            // activities made
	cut     time.Time                      // activities from here on are left out
	emit    func(*rekindle.Activity) error // Options.OnActivity
	err     error                          // the first error of emit
}

// elevation is the made-up terrain around the runner's home.
func (s *sim) elevation(lat, lon float64) float64 {
	return elevation(s.ath.HomeLat, s.ath.HomeLon, lat, lon)
}

func (s *sim) vEasy() float64      { return 2.55 + 0.42*s.fitness }
func (s *sim) vThreshold() float64 { return s.vEasy() * 1.24 }

// workout kinds.
const (
	kEasy = iota
	kLong
	kTempo
	kIntervals
	kRace
)

type session struct {
	day      int // 0 = Monday
	kind     int
	distM    float64
	route    *path
	cross    rekindle.Sport
	crossMin float64
}

// week plans and simulates one week starting on Monday mon.
func (s *sim) week(h *History, mon time.Time, plan weekPlan) {
	s.fitness = 0.96*s.fitness + 0.04*math.Max(0.2, plan.volumeKm/35)
	var days []int
	if plan.fixedDays {
		days = []int{0, 1, 3, 5}[:min(plan.runs, 4)]
	} else {
		free := []int{}
		for d := plan.off; d < 7; d++ {
			free = append(free, d)
		}
		s.rng.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
		days = free[:min(plan.runs, len(free))]
		// The long run or race goes on Sunday when Sunday is free.
		for i, d := range days {
			if d == 6 {
				days[0], days[i] = days[i], days[0]
			}
		}
	}
	var sess []session
	remaining := plan.volumeKm * 1000
	for i, d := range days {
		se := session{day: d, kind: kEasy, route: s.lib[0]}
		switch {
		case i == 0 && plan.race > 0:
			se.kind, se.distM = kRace, plan.race
			se.route = s.lib[len(s.lib)-1]
		case plan.sameDist:
			laps := math.Max(1, math.Round(8000/s.lib[0].lengthM))
			se.distM = laps * s.lib[0].lengthM
		case i == 0 && len(days) >= 3:
			se.kind, se.distM = kLong, plan.volumeKm*1000*plan.longFrac
		default:
			n := len(days) - i
			se.distM = remaining / float64(n) * (0.85 + 0.3*s.rng.Float64())
			if i <= plan.quality && len(days) >= 3 {
				se.kind = kTempo + s.rng.IntN(2)
			}
		}
		if se.kind != kRace && s.rng.Float64() < plan.variety {
			se.route = s.lib[1+s.rng.IntN(len(s.lib)-1)]
		}
		se.distM = math.Max(2000, se.distM)
		remaining -= se.distM
		sess = append(sess, se)
	}
	for c := 0; c < plan.cross && plan.off < 7; c++ {
		kinds := []rekindle.Sport{rekindle.SportYoga, rekindle.SportSpin, rekindle.SportStrength}
		sess = append(sess, session{day: plan.off + s.rng.IntN(7-plan.off), cross: kinds[s.rng.IntN(len(kinds))], crossMin: 40 + float64(s.rng.IntN(4))*10})
	}
	// In time order.
	for i := 1; i < len(sess); i++ {
		for j := i; j > 0 && sess[j].day < sess[j-1].day; j-- {
			sess[j], sess[j-1] = sess[j-1], sess[j]
		}
	}
	for _, se := range sess {
		hour := plan.hour + (s.rng.Float64()*2-1)*plan.spread
		if se.kind == kRace {
			hour = 9
		}
		if se.cross != "" {
			hour = 18 + s.rng.Float64()
		}
		day := mon.AddDate(0, 0, se.day)
		start := day.Add(time.Duration(hour * float64(time.Hour))).Truncate(time.Second).UTC()
		var a *rekindle.Activity
		if se.cross != "" {
			a = s.crossTraining(start, se, plan)
		} else {
			a = s.run(start, se, plan)
		}
		if a.Start.Before(s.cut) {
			h.Activities = append(h.Activities, a)
			if s.emit != nil && s.err == nil {
				s.err = s.emit(a)
			}
			if s.emit != nil {
				a.Track = rekindle.Track{}
			}
		}
		if ci, ok := s.checkIn(a, se, plan); ok {
			h.CheckIns = append(h.CheckIns, ci)
		}
	}
}

// checkIn is how the session felt, following the persona's state.
func (s *sim) checkIn(a *rekindle.Activity, se session, plan weekPlan) (CheckIn, bool) {
	if s.rng.Float64() > 0.8 {
		return CheckIn{}, false
	}
	e := plan.enjoy + s.rng.NormFloat64()*0.55 - 0.5*plan.fatigue
	rpe := map[int]float64{kEasy: 3.5, kLong: 5, kTempo: 6.5, kIntervals: 7.5, kRace: 8.5}[se.kind] + 2*plan.fatigue
	comp := 0
	if s.rng.Float64() < plan.social {
		comp = 1 + s.rng.IntN(3)
		e += 0.4
	}
	if se.route != s.lib[0] {
		e += 0.2
	}
	surface := "road"
	if se.route != nil && se.route.trail {
		surface = "trail"
	}
	if se.cross != "" {
		surface, rpe = "", 4
	}
	ci := CheckIn{File: a.Source.File}
	ci.At = a.Start.Add(time.Duration(a.Totals.ElapsedS+600) * time.Second)
	ci.Enjoyment = int(math.Max(1, math.Min(5, math.Round(e))))
	ci.RPE = math.Round(math.Max(1, math.Min(10, rpe+s.rng.NormFloat64()*0.7)))
	ci.Companions = comp
	ci.Surface = surface
	ci.Note = notes[ci.Enjoyment-1][s.rng.IntN(len(notes[ci.Enjoyment-1]))]
	return ci, true
}

var notes = [5][]string{
	{"Dragged myself round.", "Why am I doing this?", "Legs like lead."},
	{"Meh.", "Same old.", "Glad it's done."},
	{"Fine.", "OK run.", "Nothing special."},
	{"Good one.", "Felt smooth.", "Nice morning out."},
	{"Loved it!", "Flying today.", "Best run in weeks."},
}

// device is what recorded a run: a watch writes FIT or TCX with a distance
// channel and auto-pause; a phone app writes GPX with positions only.
type device struct {
	name      string
	format    rekindle.SourceFormat
	autoPause bool
	barometer bool
}

func (s *sim) device() device {
	switch r := s.rng.Float64(); {
	case r < 0.6:
		return device{"Garmin Forerunner 255", rekindle.FormatFIT, true, true}
	case r < 0.75:
		return device{"Garmin Forerunner 255", rekindle.FormatTCX, true, true}
	default:
		return device{"Strava Android app", rekindle.FormatGPX, false, false}
	}
}

// run simulates one run second by second and records it like a device.
func (s *sim) run(start time.Time, se session, plan weekPlan) *rekindle.Activity {
	s.n++
	dev := s.device()
	rt := se.route
	vE, vT := s.vEasy(), s.vThreshold()
	slow := 1 - 0.08*plan.fatigue
	// Target speed as a function of elapsed running seconds.
	target := func(t float64) (v float64, hard bool) {
		switch se.kind {
		case kLong:
			return vE * 0.97 * slow, false
		case kTempo:
			if t > 900 && t < 900+1500 {
				return vT * 0.98 * slow, true
			}
		case kIntervals:
			if t > 900 {
				k := int(t-900) / 300
				if k < 6 && math.Mod(t-900, 300) < 180 {
					return vT * 1.1 * slow, true
				}
			}
		case kRace:
			f := map[bool]float64{true: 1.07, false: 0.92}[se.distM <= 10000]
			if se.distM > 30000 {
				f = 0.88
			}
			return vT * f * slow, true
		}
		return vE * slow, false
	}
	// Stops: traffic lights, a chat, tying a shoe.
	type stop struct{ at, dur float64 }
	var stops []stop
	for k := s.rng.IntN(3); k > 0 && se.kind != kRace; k-- {
		stops = append(stops, stop{s.rng.Float64() * se.distM, 10 + s.rng.Float64()*80})
	}
	recEvery := 1.0
	if dev.format != rekindle.FormatFIT {
		recEvery = 2
	}
	var tr rekindle.Track
	withDist := dev.format != rekindle.FormatGPX
	var (
		dist, t, hr    = 0.0, 0.0, s.ath.RestingHR + 25
		noiseN, noiseE float64
		eleNoise       float64
		vNoise         float64
		nextRec        float64
		paused         bool
		sumHR, maxHR   float64
		moving         float64
		ascent         float64
		lastEle        = s.elevation(rt.at(0))
	)
	rest, max := s.ath.RestingHR, s.ath.MaxHR
	cosLat := math.Cos(s.ath.HomeLat * math.Pi / 180)
	t0 := start.UnixMilli()
	for dist < se.distM && t < 6*3600*4 {
		// Are we stopped?
		standing := false
		for i := range stops {
			if dist >= stops[i].at && stops[i].dur > 0 {
				standing = true
				stops[i].dur--
				break
			}
		}
		lat, lon := rt.at(dist)
		ele := s.elevation(lat, lon)
		la2, lo2 := rt.at(dist + 10)
		grade := (s.elevation(la2, lo2) - ele) / 10
		v, hard := target(t)
		vNoise = 0.95*vNoise + s.rng.NormFloat64()*0.008
		if standing {
			v = 0
		} else {
			// Hills: hold roughly constant effort (speed scaled by the
			// energy cost ratio, damped).
			// Runners slow down more uphill than they speed up downhill.
			c := minetti(grade) / 3.6
			if c < 1 {
				v /= math.Pow(c, 0.1)
			} else {
				v /= math.Pow(c, 0.4)
			}
			v *= 1 + vNoise
			moving++
		}
		// Heart rate follows effort with a lag and drifts upward.
		effort := 0.0
		if v > 0 {
			effort = v * minetti(grade) / 3.6 / vT
		}
		frac := 0.3 + 0.6*effort + 0.05*t/3600 + 0.05*plan.fatigue
		if hard {
			frac += 0.03
		}
		hrT := rest + (max-rest)*math.Min(1, frac)
		hr += (hrT - hr) * (1 - math.Exp(-1/28.0))
		// GPS error is correlated from second to second.
		noiseN = 0.96*noiseN + s.rng.NormFloat64()*0.8
		noiseE = 0.96*noiseE + s.rng.NormFloat64()*0.8
		eleNoise = 0.98*eleNoise + s.rng.NormFloat64()*0.3
		wasPaused := paused
		paused = standing && dev.autoPause
		if ele > lastEle+1 {
			ascent += ele - lastEle
			lastEle = ele
		} else if ele < lastEle-1 {
			lastEle = ele
		}
		if !paused && t >= nextRec {
			if wasPaused && tr.Len() > 0 {
				tr.Breaks = append(tr.Breaks, tr.Len())
			}
			hv := hr + s.rng.NormFloat64()*1.2
			sumHR += hv
			maxHR = math.Max(maxHR, hv)
			tr.Time = append(tr.Time, t0+int64(t*1000))
			tr.Lat = append(tr.Lat, lat+noiseN/111195)
			tr.Lon = append(tr.Lon, lon+noiseE/(111195*cosLat))
			e := ele + eleNoise*6
			if dev.barometer {
				e = ele + eleNoise*0.3
			}
			tr.Ele = append(tr.Ele, float32(math.Round(e*5)/5))
			if withDist {
				tr.Dist = append(tr.Dist, math.Round(dist*100)/100)
			}
			tr.HR = append(tr.HR, float32(math.Round(hv)))
			cad := 0.0
			if v > 0 {
				cad = math.Round(142 + 10.5*v + s.rng.NormFloat64()*1.5)
			}
			tr.Cadence = append(tr.Cadence, float32(cad))
			nextRec = t + recEvery
			if dev.format != rekindle.FormatFIT && s.rng.Float64() < 0.3 {
				nextRec += float64(s.rng.IntN(3)) // smart recording
			}
		}
		dist += v
		t++
	}
	// The final sample at the finish.
	if n := tr.Len(); n > 0 && tr.Time[n-1] != t0+int64(t*1000) {
		lat, lon := rt.at(dist)
		tr.Time = append(tr.Time, t0+int64(t*1000))
		tr.Lat = append(tr.Lat, lat)
		tr.Lon = append(tr.Lon, lon)
		tr.Ele = append(tr.Ele, float32(math.Round(s.elevation(lat, lon)*5)/5))
		if withDist {
			tr.Dist = append(tr.Dist, math.Round(dist*100)/100)
		}
		tr.HR = append(tr.HR, float32(math.Round(hr)))
		tr.Cadence = append(tr.Cadence, tr.Cadence[n-1])
	}
	n := tr.Len()
	a := &rekindle.Activity{
		Start:  start,
		Sport:  rekindle.SportRunning,
		Name:   s.runName(se, start),
		Device: dev.name,
		Source: rekindle.Source{Format: dev.format},
		Track:  tr,
		Totals: rekindle.Totals{
			DistanceM: math.Round(dist*100) / 100, ElapsedS: t, TimerS: t,
			AscentM: math.Round(ascent), AvgHR: math.Round(sumHR / float64(n)), MaxHR: math.Round(maxHR),
			Calories: math.Round(dist / 1000 * 62),
		},
	}
	if se.route.trail {
		a.Sport = rekindle.SportTrailRunning
	}
	if dev.autoPause {
		a.Totals.TimerS = moving
	}
	a.Laps = autoLaps(&a.Track, start)
	a.Source.File = fileName(a, s.n)
	return a
}

// crossTraining is a session without GPS: heart rate only.
func (s *sim) crossTraining(start time.Time, se session, plan weekPlan) *rekindle.Activity {
	s.n++
	dur := se.crossMin * 60
	level := map[rekindle.Sport]float64{rekindle.SportYoga: 0.2, rekindle.SportSpin: 0.65, rekindle.SportStrength: 0.4}[se.cross]
	var tr rekindle.Track
	hr := s.ath.RestingHR + 15
	t0 := start.UnixMilli()
	var sum, mx float64
	for t := 0.0; t <= dur; t += 5 {
		target := s.ath.RestingHR + (s.ath.MaxHR-s.ath.RestingHR)*(level+0.1*math.Sin(t/180))
		hr += (target - hr) * 0.15
		v := math.Round(hr + s.rng.NormFloat64())
		sum += v
		mx = math.Max(mx, v)
		tr.Time = append(tr.Time, t0+int64(t*1000))
		tr.HR = append(tr.HR, float32(v))
	}
	a := &rekindle.Activity{
		Start: start, Sport: se.cross, Name: map[rekindle.Sport]string{rekindle.SportYoga: "Yoga class",
			rekindle.SportSpin: "Spin class", rekindle.SportStrength: "Gym"}[se.cross],
		Device: "Garmin Forerunner 255", Source: rekindle.Source{Format: rekindle.FormatFIT}, Track: tr,
		Totals: rekindle.Totals{ElapsedS: dur, TimerS: dur, AvgHR: math.Round(sum / float64(tr.Len())), MaxHR: mx, Calories: math.Round(dur / 60 * 7)},
	}
	a.Laps = autoLaps(&a.Track, start)
	a.Source.File = fileName(a, s.n)
	return a
}

func (s *sim) runName(se session, start time.Time) string {
	local := start.In(s.loc)
	part := "Morning"
	switch h := local.Hour(); {
	case h >= 17:
		part = "Evening"
	case h >= 12:
		part = "Afternoon"
	}
	switch se.kind {
	case kRace:
		switch {
		case se.distM >= 42000:
			return "Monaco Marathon"
		case se.distM >= 21000:
			return "Half marathon"
		case se.distM >= 10000:
			return "Monaco 10K"
		}
		return "Parkrun 5K"
	case kTempo:
		return "Tempo run"
	case kIntervals:
		return "6 × 3 min intervals"
	case kLong:
		return "Long run"
	}
	return part + " Run"
}

// autoLaps splits a track every kilometre (or every 10 minutes without distance).
func autoLaps(t *rekindle.Track, start time.Time) []rekindle.Lap {
	n := t.Len()
	if n == 0 {
		return nil
	}
	var laps []rekindle.Lap
	first := 0
	for i := 1; i < n; i++ {
		var cut bool
		if t.Dist != nil {
			cut = math.Floor(t.Dist[i]/1000) > math.Floor(t.Dist[first]/1000)
		} else if t.Lat == nil {
			cut = (t.Time[i]-t.Time[first])/1000 >= 600
		}
		if cut || i == n-1 {
			laps = append(laps, lapOf(t, first, i))
			first = i
		}
	}
	if len(laps) == 0 {
		laps = append(laps, lapOf(t, 0, n-1))
	}
	return laps
}

func lapOf(t *rekindle.Track, first, last int) rekindle.Lap {
	l := rekindle.Lap{Start: time.UnixMilli(t.Time[first]).UTC(), First: first, Last: last, Trigger: "distance", Intensity: "active"}
	l.ElapsedS = float64(t.Time[last]-t.Time[first]) / 1000
	l.TimerS = l.ElapsedS
	if t.Dist != nil {
		l.DistanceM = t.Dist[last] - t.Dist[first]
	}
	var sum, mx float64
	for i := first; i <= last; i++ {
		v := float64(t.HR[i])
		sum += v
		mx = math.Max(mx, v)
	}
	l.AvgHR = math.Round(sum / float64(last-first+1))
	l.MaxHR = mx
	return l
}

// minetti is the energy cost of running at a grade (J/kg/m), Minetti 2002.
func minetti(i float64) float64 {
	i = math.Max(-0.45, math.Min(0.45, i))
	return ((((155.4*i-30.4)*i-43.3)*i+46.3)*i+19.5)*i + 3.6
}

// fileName is the activity's path inside an export.
func fileName(a *rekindle.Activity, n int) string {
	return fmt.Sprintf("activities/%s-%04d.%s", a.Start.Format("20060102-1504"), n, a.Source.Format)
}
