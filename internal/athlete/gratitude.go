package athlete

import (
	"context"
	"fmt"
	"rekindle"
	"rekindle/internal/gratitude"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/units"
	"slices"
	"strconv"
	"strings"
	"time"
)

// GratitudeRuns loads the athlete's runs before end with their cached route
// groups (named as 'rekindle routes' names them, without a street graph).
func GratitudeRuns(ctx context.Context, s *store.Store, ath *rekindle.Athlete, end time.Time) ([]gratitude.Run, error) {
	acts, err := s.ListActivities(ctx, ath.ID, store.ActivityFilter{To: end})
	if err != nil {
		return nil, err
	}
	fps, err := s.ListRouteFingerprints(ctx, ath.ID)
	if err != nil {
		return nil, err
	}
	group, kind := map[int64]int64{}, map[int64]string{}
	for _, f := range fps {
		if f.GroupID != 0 {
			group[f.ActivityID] = f.GroupID
			kind[f.GroupID] = strings.ReplaceAll(f.Kind, "_", "-")
		}
	}
	dists := map[int64][]float64{}
	for _, a := range acts {
		if g := group[a.ID]; g != 0 && a.Sport.IsRun() {
			dists[g] = append(dists[g], a.Summary.DistanceM)
		}
	}
	var runs []gratitude.Run
	for _, a := range acts {
		if !a.Sport.IsRun() {
			continue
		}
		r := gratitude.Run{Start: a.Start, Name: a.Name, DistanceM: a.Summary.DistanceM, MovingS: a.Summary.MovingS, BestEfforts: a.Summary.BestEfforts}
		if g := group[a.ID]; g != 0 {
			ds := slices.Clone(dists[g])
			slices.Sort(ds)
			r.RouteKey = strconv.FormatInt(g, 10)
			r.RouteName = fmt.Sprintf("the %s %s #%d", units.DistShort(ds[len(ds)/2], ath.Unit), kind[g], g)
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// gratitudeFacts are the facts for spark's gratitude idea, from its sessions.
func gratitudeFacts(in *spark.Input) []string {
	var runs []gratitude.Run
	for _, x := range in.Sessions {
		if x.Sport.IsRun() {
			runs = append(runs, gratitude.Run{Start: x.Start, Name: x.Name, DistanceM: x.DistanceM, MovingS: x.MovingS,
				BestEfforts: x.BestEfforts, RouteKey: x.RouteKey, RouteName: x.RouteName})
		}
	}
	loc := in.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := in.AsOf.In(loc).Date()
	end := time.Date(y, m, d, 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	return gratitude.Texts(gratitude.Facts(runs, gratitude.Options{AsOf: end, Location: loc, Unit: in.Unit}))
}
