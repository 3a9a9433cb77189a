package athlete

import (
	"context"
	"math"
	"rekindle/internal/geo"
	"slices"
	"time"

	"rekindle"
	"rekindle/internal/store"
)

// Series is an activity's track reduced for charts and maps: at most
// MaxPoints samples, with NaN-free values (null in JSON where missing).
type Series struct {
	DistKm []float64    `json:"dist_km"`         // cumulative distance, km (or the time axis in minutes when DistanceAxis is false)
	TimeS  []float64    `json:"time_s"`          // seconds from the start
	PaceS  []*float64   `json:"pace_s_per_km"`   // seconds per km, smoothed
	HR     []*float64   `json:"hr,omitempty"`    // bpm
	Ele    []*float64   `json:"ele_m,omitempty"` // metres
	Path   [][2]float64 `json:"path,omitempty"`  // [lat, lon], positions only
}

// MaxPoints is the most samples a Series carries.
const MaxPoints = 500

// ActivityView is what the activity page shows.
type ActivityView struct {
	Activity   *rekindle.Activity `json:"-"`
	Row        ActivityRow        `json:"activity"`
	Device     string             `json:"device,omitempty"`
	Laps       []rekindle.Lap     `json:"laps"`
	Splits     []rekindle.Split   `json:"splits"`
	Efforts    []rekindle.Effort  `json:"best_efforts"`
	Warnings   []string           `json:"warnings,omitempty"`
	Series     Series             `json:"series"`
	Route      *RouteGroup        `json:"route_group,omitempty"`
	CheckIn    *rekindle.CheckIn  `json:"check_in,omitempty"`
	CanCheckIn bool               `json:"check_ins_enabled"`
	// Charts says which of the map and the charts have data (the page
	// shows them as images drawn from Series by other requests).
	Charts Charts `json:"-"`
}

// Charts are the parts of an activity's Series that have data.
type Charts struct {
	Samples bool // the track has samples: distance/time axis and pace
	Map     bool // positions
	HR      bool
	Ele     bool
}

// chartsOf says which parts of s have data.
func chartsOf(s *Series) Charts {
	return Charts{Samples: len(s.DistKm) > 0, Map: len(s.Path) > 0, HR: len(s.HR) > 0, Ele: len(s.Ele) > 0}
}

// chartsOfMeta is chartsOf the Series SeriesOf would make of a track with
// m's samples and channels, known without reading the track. (A track
// whose positions are all missing has a position channel but an empty
// Path: the page then shows a map image that has nothing to draw.)
func chartsOfMeta(m *store.ActivityMeta) Charts {
	if m == nil || m.Samples == 0 {
		return Charts{}
	}
	has := func(name string) bool { return slices.Contains(m.Channels, name) }
	return Charts{Samples: true, Map: has("lat") && has("lon"), HR: has("hr"), Ele: has("ele")}
}

// Activity builds the activity's view with its chart series (the API, the
// charts and the map).
func (a *App) Activity(ctx context.Context, ath *rekindle.Athlete, id int64) (*ActivityView, error) {
	x, err := a.cfg.Store.GetActivity(ctx, ath.ID, id)
	if err != nil {
		if isNotFound(err) {
			return nil, ErrNoActivity
		}
		return nil, err
	}
	v, err := a.activityView(ctx, ath, x)
	if err != nil {
		return nil, err
	}
	v.Series = SeriesOf(&x.Track, x.Start)
	v.Charts = chartsOf(&v.Series)
	return v, nil
}

// ErrNoActivity is the one error every use case that names an activity
// returns when the athlete has no activity with that ID (none exists, or it
// is another athlete's: the store never tells them apart): 404 on the web
// and the API (errors.Is also finds rekindle.ErrNotFound in it).
var ErrNoActivity = &rekindle.Error{Code: rekindle.CodeNotFound, Message: "There is no such activity.", Err: rekindle.ErrNotFound}

// activityErr is err, or ErrNoActivity for the store's not-found.
func activityErr(err error) error {
	if isNotFound(err) {
		return ErrNoActivity
	}
	return err
}

// ActivityPage builds the activity page's view: Activity without reading
// or decoding the track (no Series, and Activity.Track empty); Charts
// comes from the stored row's samples and channels.
func (a *App) ActivityPage(ctx context.Context, ath *rekindle.Athlete, id int64) (*ActivityView, error) {
	x, meta, err := a.cfg.Store.GetActivityRow(ctx, ath.ID, id)
	if err != nil {
		if isNotFound(err) {
			return nil, ErrNoActivity
		}
		return nil, err
	}
	v, err := a.activityView(ctx, ath, x)
	if err != nil {
		return nil, err
	}
	v.Charts = chartsOfMeta(meta)
	return v, nil
}

// activityView is the view of x but its Series and Charts.
func (a *App) activityView(ctx context.Context, ath *rekindle.Athlete, x *rekindle.Activity) (*ActivityView, error) {
	id := x.ID
	v := &ActivityView{Activity: x, Row: RowOf(x, ath.Location()), Device: x.Device, Laps: x.Laps, Warnings: x.Warnings, CanCheckIn: a.cfg.Spark != nil}
	for i := range v.Laps {
		l := &v.Laps[i]
		for _, f := range []*float64{&l.ElapsedS, &l.TimerS, &l.DistanceM, &l.AvgHR, &l.MaxHR, &l.AvgCadence, &l.AvgPowerW, &l.Calories, &l.AscentM} {
			*f = fin(*f)
		}
	}
	unit := "km"
	if ath.Unit == rekindle.UnitMi {
		unit = "mi"
	}
	// A run whose time is not its own (Row.TimeUnknown) has no splits or
	// best efforts to show: the analyses read none of them either.
	timeOwn := !x.TimeImpossible()
	for _, s := range x.Summary.Splits {
		if s.Unit == unit && timeOwn {
			s.AvgHR, s.AscentM, s.MovingS, s.ElapsedS = fin(s.AvgHR), fin(s.AscentM), fin(s.MovingS), fin(s.ElapsedS)
			v.Splits = append(v.Splits, s)
		}
	}
	if v.Splits == nil {
		v.Splits = []rekindle.Split{}
	}
	if v.Laps == nil {
		v.Laps = []rekindle.Lap{}
	}
	v.Efforts = []rekindle.Effort{}
	if timeOwn {
		v.Efforts = append(v.Efforts, x.Summary.BestEfforts...)
	}
	if a.cfg.Routes != nil {
		groups, err := a.cfg.Routes.Groups(ctx, ath.ID)
		if err != nil {
			a.log.WarnContext(ctx, "route groups", "err", err)
		}
		for i := range groups {
			for _, aid := range groups[i].Activities {
				if aid == id {
					v.Route = &groups[i]
				}
			}
		}
	}
	if a.cfg.Spark != nil {
		c, ok, err := a.checkInOf(ctx, ath.ID, id)
		if err != nil {
			return nil, err
		}
		if ok {
			if math.IsNaN(c.RPE) {
				c.RPE = -1
			}
			v.CheckIn = &c
		}
	}
	return v, nil
}

func ptr(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// SeriesOf reduces a track for charts: cumulative distance (device channel,
// else from positions), pace smoothed over ~30 s, heart rate, elevation and
// the path, sampled down to at most MaxPoints.
func SeriesOf(t *rekindle.Track, start time.Time) Series {
	n := t.Len()
	var s Series
	if n == 0 {
		return s
	}
	dist := make([]float64, n)
	switch {
	case t.Dist != nil:
		last := 0.0
		for i, d := range t.Dist {
			if !math.IsNaN(d) && d >= last {
				last = d
			}
			dist[i] = last
		}
	case t.HasPosition():
		geo.Cumulative(dist, t.Lat[:n], t.Lon[:n])
	}
	secs := make([]float64, n)
	if t.Time != nil {
		t0 := t.Time[0]
		if !start.IsZero() {
			t0 = start.UnixMilli()
		}
		for i, ms := range t.Time {
			secs[i] = float64(ms-t0) / 1000
		}
	}
	step := max(1, (n+MaxPoints-1)/MaxPoints)
	breaks := map[int]bool{}
	for _, b := range t.Breaks {
		breaks[b] = true
	}
	j := 0 // window start for pace
	for i := 0; i < n; i += step {
		s.DistKm = append(s.DistKm, round(dist[i]/1000, 4))
		s.TimeS = append(s.TimeS, round(secs[i], 1))
		// Pace over the last ~30 s.
		for j < i && secs[i]-secs[j] > 30 {
			j++
		}
		var pace *float64
		if t.Time != nil && i > j {
			dd, dt := dist[i]-dist[j], secs[i]-secs[j]
			if dd > 5 && dt > 0 {
				p := dt / dd * 1000
				if p < 30*60 { // slower than 30 min/km is standing, not pace
					pace = ptr(round(p, 1))
				}
			}
		}
		s.PaceS = append(s.PaceS, pace)
		if t.HR != nil {
			s.HR = append(s.HR, ptr(float64(t.HR[i])))
		}
		if t.Ele != nil {
			s.Ele = append(s.Ele, ptr(round(float64(t.Ele[i]), 1)))
		}
		if t.HasPosition() && !math.IsNaN(t.Lat[i]) && !math.IsNaN(t.Lon[i]) {
			s.Path = append(s.Path, [2]float64{round(t.Lat[i], 6), round(t.Lon[i], 6)})
		}
	}
	if s.Path == nil && t.HasPosition() {
		s.Path = [][2]float64{}
	}
	return s
}

func round(v float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(v*p) / p
}

// CheckInOfer is a SparkStore that finds one activity's check-in without
// reading them all (StoreSpark does, by an indexed query).
type CheckInOfer interface {
	CheckInOf(ctx context.Context, athleteID, activityID int64) (rekindle.CheckIn, bool, error)
}

// checkInOf is the check-in of one activity: one indexed row when the spark
// store can, else found among all of them.
func (a *App) checkInOf(ctx context.Context, athleteID, activityID int64) (rekindle.CheckIn, bool, error) {
	if f, ok := a.cfg.Spark.(CheckInOfer); ok {
		return f.CheckInOf(ctx, athleteID, activityID)
	}
	cs, err := a.cfg.Spark.CheckIns(ctx, athleteID)
	if err != nil {
		return rekindle.CheckIn{}, false, err
	}
	for _, c := range cs {
		if c.ActivityID == activityID {
			return c, true, nil
		}
	}
	return rekindle.CheckIn{}, false, nil
}

// ActivityRecords lists the athlete's activities as stored, filtered (the
// terminal's list and its "last run" lookup).
func (a *App) ActivityRecords(ctx context.Context, athleteID int64, f store.ActivityFilter) ([]*rekindle.Activity, error) {
	return a.cfg.Store.ListActivities(ctx, athleteID, f)
}

// ActivityRecordsMeta is ActivityRecords with each activity's stored
// metadata (its samples).
func (a *App) ActivityRecordsMeta(ctx context.Context, athleteID int64, f store.ActivityFilter) ([]*rekindle.Activity, []*store.ActivityMeta, error) {
	return a.cfg.Store.ListActivitiesMeta(ctx, athleteID, f)
}

// ActivityRecord returns one stored activity of the athlete (the store's
// not-found error when there is none).
func (a *App) ActivityRecord(ctx context.Context, athleteID, id int64) (*rekindle.Activity, error) {
	return a.cfg.Store.GetActivity(ctx, athleteID, id)
}

// ActivityRecordMeta is ActivityRecord with the activity's stored metadata.
func (a *App) ActivityRecordMeta(ctx context.Context, athleteID, id int64) (*rekindle.Activity, *store.ActivityMeta, error) {
	return a.cfg.Store.GetActivityMeta(ctx, athleteID, id)
}
