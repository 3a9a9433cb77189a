package training

import (
	"fmt"
	"math"
)

// StatusKey is the training status of a day. The values are stable keys.
type StatusKey string

// Training statuses, after the two-axis logic of watch makers (load trend ×
// performance trend; science.md §9), worded in rekindle's own terms.
const (
	StatusProductive   StatusKey = "productive"    // fitness rising, performance not falling
	StatusMaintaining  StatusKey = "maintaining"   // load holds fitness
	StatusPeaking      StatusKey = "peaking"       // load cut while fitness is near its high: fresh
	StatusRecovery     StatusKey = "recovery"      // a lighter week
	StatusUnproductive StatusKey = "unproductive"  // adequate load but performance falling
	StatusOverreaching StatusKey = "overreaching"  // far more load than usual
	StatusDetraining   StatusKey = "detraining"    // much less load than usual for a week, fitness falling
	StatusBuildingBase StatusKey = "building_base" // not enough history to say
	StatusReturning    StatusKey = "returning"     // the first weeks back after a break (see Habit)
)

// Status thresholds.
const (
	statusMinHistoryDays = 28
	overreachRatio       = 1.5  // this week ≥ 1.5 × the usual week, or fatigue ≥ 1.5 × fitness
	detrainRatio         = 0.5  // this week < half the usual week …
	lighterRatio         = 0.8  // this week under 80 % of usual: recovery or peaking
	peakFitnessShare     = 0.9  // fitness within 10 % of its 90-day high
	productiveRampShare  = 0.02 // fitness up ≥ 2 % in 7 days
	perfChangePct        = 1.5  // effective VO2max moved by ≥ 1.5 %
	minFitness           = 1.0  // below this, fitness is negligible: no trend to read
)

// PerformanceTrend compares the mean effective VO2max (from average heart rate
// and speed, see EffectiveVO2max) of runs in the last 28 days with the 56 days
// before them.
type PerformanceTrend struct {
	Trend     string  `json:"trend"` // "improving", "stable", "falling", "unknown"
	Recent    float64 `json:"recent,omitempty"`
	Before    float64 `json:"before,omitempty"`
	ChangePct float64 `json:"change_pct,omitempty"`
	Runs      int     `json:"runs"` // runs with heart rate used in the two windows
}

// Status is the training status on a day with the numbers that led to it.
type Status struct {
	Key    StatusKey `json:"key"`
	Reason string    `json:"reason"`
	// The numbers behind it.
	Fitness        float64          `json:"fitness"`
	FitnessWeekAgo float64          `json:"fitness_week_ago"`
	RampRate       float64          `json:"ramp_rate"`
	Form           float64          `json:"form"`
	LoadRatio      float64          `json:"load_ratio"` // this week / usual week (see Comparison)
	LoadRatioBasis string           `json:"load_ratio_basis"`
	PeakFitness90  float64          `json:"peak_fitness_90d"`
	HistoryDays    int              `json:"history_days"`
	Performance    PerformanceTrend `json:"performance"`
}

type statusInput struct {
	days        []Day
	historyDays int
	cmp         Comparison
	habit       Habit
	perf        PerformanceTrend
	// daysSinceLast is the number of days since the last session (0: today).
	daysSinceLast int
}

const (
	minVO2RunS = 15 * 60
	perfRecent = 28
	perfBefore = 56
	minPerfRun = 3
)

func performanceTrend(in []dated, today int, maxHR float64) PerformanceTrend {
	var sr, sb float64
	var nr, nb int
	for _, e := range in {
		a := e.a
		age := today - e.day
		if age >= perfRecent+perfBefore || !a.Sport.IsRun() || a.Summary.MovingS < minVO2RunS {
			continue
		}
		v := EffectiveVO2max(a.Summary.AvgSpeedMS, a.Summary.AvgHR, maxHR)
		if !(v >= MinVDOT && v <= MaxVDOT) { // also drops NaN
			continue
		}
		if age < perfRecent {
			sr, nr = sr+v, nr+1
		} else {
			sb, nb = sb+v, nb+1
		}
	}
	p := PerformanceTrend{Trend: "unknown", Runs: nr + nb}
	if nr < minPerfRun || nb < minPerfRun {
		return p
	}
	p.Recent, p.Before = sr/float64(nr), sb/float64(nb)
	p.ChangePct = (p.Recent/p.Before - 1) * 100
	switch {
	case p.ChangePct >= perfChangePct:
		p.Trend = "improving"
	case p.ChangePct <= -perfChangePct:
		p.Trend = "falling"
	default:
		p.Trend = "stable"
	}
	return p
}

// status decides the training status of the last day of in.days.
//
// The rules, in order:
//  1. building_base: under 28 days of history;
//  2. returning: the first weeks back after a break (Habit);
//  3. overreaching: LoadVerdict (this week ≥ 1.5 × the usual week of the
//     past year — 2 × in a runner's first 10 weeks of running — or
//     fatigue ≥ 1.5 × fitness, today's values);
//  3. detraining: this week under half the usual week and fitness falling
//     (when the three weeks before were empty too, "usual" is 7 × fitness a
//     week ago, so a month off reads as detraining);
//  4. under 80 % of usual: peaking when form is positive, fitness is within
//     10 % of its 90-day high and performance is not falling; else recovery;
//  5. unproductive: performance falling on an adequate load;
//  6. productive: fitness up at least 2 % in 7 days;
//  7. maintaining otherwise.
func status(in statusInput) Status {
	s := Status{HistoryDays: in.historyDays, Performance: in.perf}
	n := len(in.days)
	if n == 0 {
		s.Key, s.Reason = StatusBuildingBase, "no activities yet"
		return s
	}
	t := in.days[n-1]
	s.Fitness, s.RampRate, s.Form = t.Fitness, t.RampRate, t.Form
	s.FitnessWeekAgo = t.Fitness - t.RampRate
	for i := max(0, n-90); i < n; i++ {
		s.PeakFitness90 = math.Max(s.PeakFitness90, in.days[i].Fitness)
	}

	if in.historyDays < statusMinHistoryDays {
		s.Key = StatusBuildingBase
		s.Reason = fmt.Sprintf("%d days of history: at least %d are needed to judge the trend", in.historyDays, statusMinHistoryDays)
		return s
	}

	if in.habit.Returning {
		s.Key, s.Reason = StatusReturning, in.habit.ComebackText()+": build gently, the usual is not the empty weeks"
		s.LoadRatio, s.LoadRatioBasis = in.habit.Ratio, "usual_week"
		return s
	}

	if s.FitnessWeekAgo < minFitness {
		if in.cmp.ThisWeekLoad > 0 {
			s.Key, s.Reason = StatusBuildingBase, "starting again after a long break: too little recent load to judge the trend"
		} else {
			s.Key, s.Reason = StatusDetraining, fmt.Sprintf("no training in the last %d days", in.daysSinceLast)
		}
		return s
	}

	switch {
	case in.cmp.Defined:
		s.LoadRatio, s.LoadRatioBasis = in.cmp.Ratio, "usual_week"
	case s.FitnessWeekAgo > 0:
		s.LoadRatio, s.LoadRatioBasis = in.cmp.ThisWeekLoad/(7*s.FitnessWeekAgo), "fitness"
	default:
		s.Key, s.Reason = StatusBuildingBase, "no training load to compare with yet"
		return s
	}
	falling := in.perf.Trend == "falling"

	over, why := LoadVerdict(in.habit, t.Fitness, t.Fatigue)
	switch {
	case over:
		s.Key, s.Reason = StatusOverreaching, why
	case s.LoadRatio < detrainRatio && s.RampRate < 0:
		s.Key = StatusDetraining
		s.Reason = fmt.Sprintf("this week's load is %.0f%% of usual and fitness fell %.1f in 7 days", s.LoadRatio*100, -s.RampRate)
	case s.LoadRatio < lighterRatio:
		if s.Form > 0 && s.Fitness >= peakFitnessShare*s.PeakFitness90 && !falling {
			s.Key = StatusPeaking
			s.Reason = fmt.Sprintf("load cut to %.0f%% of usual with fitness %.0f near its 90-day high %.0f and form +%.0f", s.LoadRatio*100, s.Fitness, s.PeakFitness90, s.Form)
		} else {
			s.Key = StatusRecovery
			s.Reason = fmt.Sprintf("a lighter week: %.0f%% of your usual load", s.LoadRatio*100)
		}
	case falling:
		s.Key = StatusUnproductive
		s.Reason = fmt.Sprintf("load is %.0f%% of usual but effective VO2max fell %.1f%%: recovery may not be keeping up", s.LoadRatio*100, -in.perf.ChangePct)
	case s.FitnessWeekAgo > 0 && s.RampRate >= productiveRampShare*s.FitnessWeekAgo:
		s.Key = StatusProductive
		s.Reason = fmt.Sprintf("fitness rose %.1f to %.0f in 7 days", s.RampRate, s.Fitness)
	default:
		s.Key = StatusMaintaining
		s.Reason = fmt.Sprintf("load is %.0f%% of usual and fitness holds at %.0f (%+.1f in 7 days)", s.LoadRatio*100, s.Fitness, s.RampRate)
	}
	return s
}
