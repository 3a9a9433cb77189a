package training

import (
	"math"
	"slices"
	"time"

	"rekindle"
)

// BestEffort is the fastest time over a standard distance and where it was run.
type BestEffort struct {
	Name       string  `json:"name"` // "400m", "1k", "1mi", "5k", "10k", "half", "marathon"
	DistanceM  float64 `json:"distance_m"`
	ElapsedS   float64 `json:"elapsed_s"`
	ActivityID int64   `json:"activity_id"`
	Date       string  `json:"date"` // YYYY-MM-DD, athlete's time zone
	// VDOT of the effort when it lasted between 4 min and 4 h (GoldenCheetah's
	// window, where Daniels' equations hold), else 0.
	VDOT float64 `json:"vdot,omitempty"`
}

// SeasonBests are the best efforts of one calendar year (athlete's time zone).
type SeasonBests struct {
	Season  int          `json:"season"`
	Efforts []BestEffort `json:"efforts"`
}

// Effort duration window for VDOT, seconds.
const (
	minVDOTEffortS = 4 * 60
	maxVDOTEffortS = 4 * 3600
	maxEffortSpeed = 10.5 // m/s: faster than any human over ≥ 400 m, a GPS glitch
)

func effortVDOT(distanceM, elapsedS float64) float64 {
	if elapsedS < minVDOTEffortS || elapsedS > maxVDOTEffortS {
		return 0
	}
	v := VDOT(distanceM, elapsedS)
	if v < MinVDOT || v > MaxVDOT {
		return 0
	}
	return v
}

// effortOrder is the position of a standard effort name.
func effortOrder(name string) int {
	for i, e := range rekindle.EffortDistances {
		if e.Name == name {
			return i
		}
	}
	return len(rekindle.EffortDistances)
}

// effortRef is one effort before it is turned into a BestEffort.
type effortRef struct {
	name          string
	dist, elapsed float64
	id            int64
	day           int // civil day number
	set           bool
}

func (e effortRef) better(o effortRef) bool {
	return !o.set || e.elapsed < o.elapsed || (e.elapsed == o.elapsed && e.day < o.day)
}

func (e effortRef) best() BestEffort {
	return BestEffort{Name: e.name, DistanceM: e.dist, ElapsedS: e.elapsed, ActivityID: e.id, Date: dayString(e.day), VDOT: effortVDOT(e.dist, e.elapsed)}
}

// effortSet keeps the best effort per distance: the standard ones in an
// array, any other name in a map.
type effortSet struct {
	std   [7]effortRef
	other map[string]effortRef
}

func (s *effortSet) add(e effortRef) {
	if i := effortOrder(e.name); i < len(s.std) {
		if e.better(s.std[i]) {
			s.std[i] = e
		}
		return
	}
	if s.other == nil {
		s.other = map[string]effortRef{}
	}
	if e.better(s.other[e.name]) {
		s.other[e.name] = e
	}
}

func (s *effortSet) list() []BestEffort {
	out := []BestEffort{}
	for _, e := range s.std {
		if e.set {
			out = append(out, e.best())
		}
	}
	var more []BestEffort
	for _, e := range s.other {
		more = append(more, e.best())
	}
	slices.SortFunc(more, func(a, b BestEffort) int { return cmpFloat(a.DistanceM, b.DistanceM) })
	return append(out, more...)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// effortAgg gathers best efforts over all time and per season, and the
// efforts with the highest VDOT in the VDOT window and in the year before today.
type effortAgg struct {
	all      effortSet
	seasons  map[int]*effortSet
	today    int
	window   int
	bestWin  effortRef
	bestYear effortRef
	vdotWin  float64
	vdotYear float64
}

func newEffortAgg(today, window int) *effortAgg {
	return &effortAgg{seasons: map[int]*effortSet{}, today: today, window: window}
}

func (g *effortAgg) addActivity(a *rekindle.Activity, day, season int) {
	if !a.Sport.IsRun() || len(a.Summary.BestEfforts) == 0 {
		return
	}
	ss := g.seasons[season]
	if ss == nil {
		ss = &effortSet{}
		g.seasons[season] = ss
	}
	age := g.today - day
	for _, e := range a.Summary.BestEfforts {
		if !plausible(e.DistanceM, maxSessionM) || !plausible(e.ElapsedS, maxSessionS) || e.DistanceM/e.ElapsedS > maxEffortSpeed {
			continue
		}
		r := effortRef{name: e.Name, dist: e.DistanceM, elapsed: e.ElapsedS, id: a.ID, day: day, set: true}
		g.all.add(r)
		ss.add(r)
		if age < 365 && age >= 0 {
			v := effortVDOT(e.DistanceM, e.ElapsedS)
			if v > g.vdotYear {
				g.vdotYear, g.bestYear = v, r
			}
			if age < g.window && v > g.vdotWin {
				g.vdotWin, g.bestWin = v, r
			}
		}
	}
}

// fitness is the running fitness from the best effort in the window, else in the year.
func (g *effortAgg) fitness() Fitness {
	switch {
	case g.vdotWin > 0:
		return fitnessOf(g.bestWin.best(), g.window)
	case g.vdotYear > 0:
		return fitnessOf(g.bestYear.best(), 365)
	}
	return Fitness{WindowDays: g.window}
}

func (g *effortAgg) result() ([]BestEffort, []SeasonBests) {
	seasons := make([]SeasonBests, 0, len(g.seasons))
	for y, s := range g.seasons {
		if l := s.list(); len(l) > 0 {
			seasons = append(seasons, SeasonBests{Season: y, Efforts: l})
		}
	}
	slices.SortFunc(seasons, func(a, b SeasonBests) int { return b.Season - a.Season })
	return g.all.list(), seasons
}

// BestEfforts returns the best effort per distance over all the runs, and per
// season (calendar year in loc), newest season first.
func BestEfforts(acts []*rekindle.Activity, loc *time.Location) (allTime []BestEffort, seasons []SeasonBests) {
	g := newEffortAgg(0, 0)
	for _, a := range acts {
		t := a.Start.In(loc)
		y, m, d := t.Date()
		g.addActivity(a, civilDay(y, m, d), y)
	}
	return g.result()
}

// Prediction is an equivalent race time by two methods, side by side.
type Prediction struct {
	Name      string  `json:"name"` // "5k", "10k", "half", "marathon"
	DistanceM float64 `json:"distance_m"`
	VDOTS     float64 `json:"vdot_s"`   // Daniels' equivalent time
	RiegelS   float64 `json:"riegel_s"` // Riegel (exponent 1.06) from the same effort
}

// PredictionDistances are the races rekindle predicts.
var PredictionDistances = []struct {
	Name      string
	DistanceM float64
}{{"5k", 5000}, {"10k", 10000}, {"half", 21097.5}, {"marathon", 42195}}

// Fitness is the runner's current running fitness from their best recent
// efforts: VDOT, equivalent race times and training paces.
type Fitness struct {
	VDOT float64 `json:"vdot"` // 0 when no effort qualifies
	// From is the effort that gave the VDOT (the highest in the window).
	From        *BestEffort  `json:"from,omitempty"`
	WindowDays  int          `json:"window_days"` // how far back efforts were considered
	Predictions []Prediction `json:"predictions,omitempty"`
	Paces       *Paces       `json:"paces,omitempty"`
}

// FitnessFrom computes VDOT from the best effort (highest VDOT) dated within
// the windowDays before asOf (inclusive); if none qualifies, within the year
// before. Efforts in training runs understate fitness, which is why the best
// one counts.
func FitnessFrom(efforts []BestEffort, asOf string, windowDays int) Fitness {
	for _, w := range []int{windowDays, 365} {
		from := addDays(asOf, -(w - 1))
		var best *BestEffort
		for i := range efforts {
			e := &efforts[i]
			if e.VDOT <= 0 || e.Date < from || e.Date > asOf {
				continue
			}
			if best == nil || e.VDOT > best.VDOT {
				best = e
			}
		}
		if best == nil {
			continue
		}
		return fitnessOf(*best, w)
	}
	return Fitness{WindowDays: windowDays}
}

// fitnessOf is the running fitness of one effort with a VDOT.
func fitnessOf(b BestEffort, w int) Fitness {
	f := Fitness{VDOT: b.VDOT, From: &b, WindowDays: w}
	for _, d := range PredictionDistances {
		f.Predictions = append(f.Predictions, Prediction{
			Name: d.Name, DistanceM: d.DistanceM,
			VDOTS:   EquivalentTime(b.VDOT, d.DistanceM),
			RiegelS: Riegel(b.ElapsedS, b.DistanceM, d.DistanceM, RiegelExponent),
		})
	}
	p := TrainingPaces(b.VDOT)
	f.Paces = &p
	return f
}

// EffectiveVO2max is Runalyze's per-run estimate from average heart rate and
// speed: %VO2max = e^((HR/HRmax − 1.00466)/0.68725), and the oxygen cost of
// the speed scaled to 100 %. 0 when it cannot be computed.
func EffectiveVO2max(avgSpeedMS, avgHR, maxHR float64) float64 {
	if !plausible(avgSpeedMS, maxRunSpeedMS) || !plausible(avgHR, 255) || !plausible(maxHR, 255) {
		return 0
	}
	pct := math.Exp((avgHR/maxHR - 1.00466) / 0.68725)
	v := avgSpeedMS * 60 / pct
	return oxygenCost(v)
}

func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}
