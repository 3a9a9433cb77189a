package athlete

import (
	"context"
	"encoding/json"
	"fmt"
	"rekindle"
	"rekindle/internal/coach"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"time"
)

// RequestContext is what a plan-tweak request carries: the spark report,
// the training numbers behind it and the coming two weeks of the plan.
func RequestContext(ctx context.Context, s *store.Store, ath *rekindle.Athlete, at time.Time) (coach.Context, error) {
	in, _, err := SparkInput(ctx, s, ath, at, false)
	if err != nil {
		return coach.Context{}, err
	}
	rep := spark.Evaluate(in)
	raw, err := json.Marshal(rep)
	if err != nil {
		return coach.Context{}, fmt.Errorf("coach request: %w", err)
	}
	sig := func(k string) float64 { return rep.Signals[k].Value }
	kn := &coach.KeyNumbers{Fitness: sig(spark.SigFitness), Fatigue: sig(spark.SigFatigue), Form: sig(spark.SigForm),
		WeekDistanceM: 1000 * sig(spark.SigWeekKm), UsualWeekDistanceM: 1000 * sig(spark.SigUsualWeekKm), RunsPerWeek: sig(spark.SigRunsPerWeek),
		WeeksSinceLightWeek: sig(spark.SigWeeksNoLight), Monotony: sig(spark.SigMonotony), VDOT: sig(spark.SigVDOT)}
	if len(rep.Diagnoses) > 0 {
		kn.Status = string(rep.Diagnoses[0].Key)
	}
	rc := coach.Context{AsOf: rep.AsOf, Spark: raw, Training: kn}
	from := at.In(ath.Location())
	planned, err := s.ListPlanned(ctx, ath.ID, from.Format(time.DateOnly), from.AddDate(0, 0, 13).Format(time.DateOnly))
	if err != nil {
		return coach.Context{}, err
	}
	if len(planned) > 0 {
		if rc.Plan, err = json.Marshal(planned); err != nil {
			return coach.Context{}, fmt.Errorf("coach request: %w", err)
		}
	}
	return rc, nil
}
