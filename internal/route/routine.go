package route

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// RoutineRun is what the routine signals need to know about one run.
type RoutineRun struct {
	ID        int64
	Start     time.Time // UTC
	DistanceM float64
	GroupID   int64 // route group (0: none)
	// NoveltyM is the distance of the run on streets never run before it and
	// MatchedM the distance matched to the street graph; both 0 when no graph.
	NoveltyM float64
	MatchedM float64
}

// Routine is the routine picture for one day, consumed by the spark engine.
// Shares are in [0,1]; -1 means unknown (no runs, no graph).
type Routine struct {
	AsOf string `json:"as_of"` // YYYY-MM-DD in the athlete's zone

	LastN            int     `json:"last_n"`              // runs considered (≤ the N asked for)
	TopRouteID       int64   `json:"top_route_id"`        // the most-run route among the last N (0: none)
	TopRouteShareN   float64 `json:"top_route_share_n"`   // its share of the last N runs
	Runs28d          int     `json:"runs_28d"`            // runs in the 28 days up to AsOf
	TopRouteID28d    int64   `json:"top_route_id_28d"`    // the most-run route in those 28 days
	TopRouteShare28d float64 `json:"top_route_share_28d"` // its share of them
	DistinctRoutesN  int     `json:"distinct_routes_n"`   // distinct routes among the last N
	DistinctRoutes28 int     `json:"distinct_routes_28d"` // distinct routes in 28 days

	SameDistanceShare  float64 `json:"same_distance_share"`    // last N within ±10% of their median distance
	SameWeekdayShare   float64 `json:"same_weekday_share"`     // last N on their most common weekday
	TopWeekday         string  `json:"top_weekday"`            // that weekday
	SameTimeOfDayShare float64 `json:"same_time_of_day_share"` // last N starting within ±1 h of their typical time
	TypicalStart       string  `json:"typical_start"`          // HH:MM local, the circular median
	NoveltyShare       float64 `json:"novelty_share"`          // distance on never-run streets / matched distance, last N

	// Stale: the usual route holds ≥ 60% of the last N runs (at least 4 of
	// them) or, with a graph, less than 5% of the distance was new.
	Stale bool `json:"stale"`
}

// Routine signal parameters (routes.md §1 step 6).
const (
	RoutineLastN       = 10
	routineStaleShare  = 0.6
	routineStaleNovel  = 0.05
	routineMinRuns     = 4
	sameDistanceTol    = 0.10
	sameTimeOfDayHalfS = 3600
)

// Signals computes the routine picture as of a day (runs starting after
// that day in loc are ignored). lastN ≤ 0 means RoutineLastN.
func Signals(runs []RoutineRun, asOf time.Time, loc *time.Location, lastN int) Routine {
	if loc == nil {
		loc = time.UTC
	}
	if lastN <= 0 {
		lastN = RoutineLastN
	}
	y, m, d := asOf.In(loc).Date()
	dayEnd := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	from28 := dayEnd.AddDate(0, 0, -28)
	r := Routine{AsOf: time.Date(y, m, d, 0, 0, 0, 0, loc).Format("2006-01-02"), TopRouteShareN: -1,
		TopRouteShare28d: -1, SameDistanceShare: -1, SameWeekdayShare: -1, SameTimeOfDayShare: -1, NoveltyShare: -1}

	var past []RoutineRun
	for _, x := range runs {
		if x.Start.Before(dayEnd) {
			past = append(past, x)
		}
	}
	slices.SortFunc(past, func(a, b RoutineRun) int {
		if c := b.Start.Compare(a.Start); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	recent := past[:min(lastN, len(past))]
	var last28 []RoutineRun
	for _, x := range past {
		if !x.Start.Before(from28) {
			last28 = append(last28, x)
		}
	}
	r.LastN, r.Runs28d = len(recent), len(last28)
	r.TopRouteID, r.TopRouteShareN, r.DistinctRoutesN = topRoute(recent)
	r.TopRouteID28d, r.TopRouteShare28d, r.DistinctRoutes28 = topRoute(last28)
	if len(recent) == 0 {
		return r
	}

	dists := make([]float64, 0, len(recent))
	for _, x := range recent {
		dists = append(dists, x.DistanceM)
	}
	slices.Sort(dists)
	med := dists[len(dists)/2]
	same := 0
	for _, x := range recent {
		if med > 0 && math.Abs(x.DistanceM-med) <= sameDistanceTol*med {
			same++
		}
	}
	r.SameDistanceShare = float64(same) / float64(len(recent))

	var wd [7]int
	for _, x := range recent {
		wd[x.Start.In(loc).Weekday()]++
	}
	best := 0
	for i := range wd {
		if wd[i] > wd[best] {
			best = i
		}
	}
	r.SameWeekdayShare = float64(wd[best]) / float64(len(recent))
	r.TopWeekday = time.Weekday(best).String()

	// Time of day: the start second that has the most runs within ±1 h
	// (circular), which is a robust "typical" start.
	secs := make([]int, 0, len(recent))
	for _, x := range recent {
		t := x.Start.In(loc)
		secs = append(secs, t.Hour()*3600+t.Minute()*60+t.Second())
	}
	bestN, bestS := 0, 0
	for _, s := range secs {
		n := 0
		for _, o := range secs {
			dd := abs(s - o)
			if dd > 43200 {
				dd = 86400 - dd
			}
			if dd <= sameTimeOfDayHalfS {
				n++
			}
		}
		if n > bestN || (n == bestN && s < bestS) {
			bestN, bestS = n, s
		}
	}
	r.SameTimeOfDayShare = float64(bestN) / float64(len(recent))
	r.TypicalStart = time.Date(2000, 1, 1, bestS/3600, bestS%3600/60, 0, 0, time.UTC).Format("15:04")

	var novel, matched float64
	for _, x := range recent {
		novel += x.NoveltyM
		matched += x.MatchedM
	}
	if matched > 0 {
		r.NoveltyShare = novel / matched
	}
	r.Stale = (len(recent) >= routineMinRuns && r.TopRouteShareN >= routineStaleShare) ||
		(r.NoveltyShare >= 0 && len(recent) >= routineMinRuns && r.NoveltyShare < routineStaleNovel)
	return r
}

// topRoute returns the most common group among runs (ties: the one run most
// recently), its share, and the number of distinct groups. Runs without a
// group count as one-off routes each.
func topRoute(runs []RoutineRun) (id int64, share float64, distinct int) {
	if len(runs) == 0 {
		return 0, -1, 0
	}
	count := map[int64]int{}
	oneOff := 0
	for _, x := range runs { // newest first: the first to reach a count wins ties
		if x.GroupID == 0 {
			oneOff++
			continue
		}
		count[x.GroupID]++
	}
	bestN := 0
	seen := map[int64]bool{}
	for _, x := range runs {
		if x.GroupID == 0 || seen[x.GroupID] {
			continue
		}
		seen[x.GroupID] = true
		if count[x.GroupID] > bestN {
			id, bestN = x.GroupID, count[x.GroupID]
		}
	}
	if bestN == 0 {
		bestN = min(1, oneOff)
	}
	return id, float64(bestN) / float64(len(runs)), len(count) + oneOff
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
