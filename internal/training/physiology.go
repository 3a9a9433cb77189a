package training

import (
	"math"
	"slices"
	"time"

	"rekindle"
)

// Source says where a physiology value came from. The values are stable keys.
type Source string

// Sources of physiology values.
const (
	SourceAthlete  Source = "athlete"  // set by the runner
	SourceObserved Source = "observed" // estimated from the history
	SourceTanaka   Source = "tanaka"   // 208 − 0.7·age
	SourceVDOT     Source = "vdot"     // Daniels T pace from best efforts
	SourceDefault  Source = "default"  // a population default
	SourceUnknown  Source = "unknown"  // not known and not needed
)

// Defaults when nothing better is known.
const (
	DefaultRestingHR = 60  // Runalyze's default
	DefaultMaxHR     = 190 // between Runalyze's 200 and Tanaka at 40 years
)

// Physiology is the athlete's settings as the analysis used them, each with
// where it came from.
type Physiology struct {
	Sex             rekindle.Sex `json:"sex"`
	SexSource       Source       `json:"sex_source"`
	BirthYear       int          `json:"birth_year,omitempty"`
	BirthYearSource Source       `json:"birth_year_source"`
	RestingHR       float64      `json:"resting_hr"`
	RestingHRSource Source       `json:"resting_hr_source"`
	MaxHR           float64      `json:"max_hr"`
	MaxHRSource     Source       `json:"max_hr_source"`
	// MaxHRSessions is how many sessions with heart rate the observed
	// maximum was estimated from.
	MaxHRSessions       int            `json:"max_hr_sessions"`
	ThresholdPaceSPerKm float64        `json:"threshold_pace_s_per_km,omitempty"` // 0 when unknown
	ThresholdPaceSource Source         `json:"threshold_pace_source"`
	TimeZone            string         `json:"time_zone"`
	TimeZoneSource      Source         `json:"time_zone_source"`
	Unit                rekindle.Unit  `json:"unit"`
	UnitSource          Source         `json:"unit_source"`
	TRIMPConstants      TRIMPConstants `json:"-"`
	thresholdSpeedMS    float64
	location            *time.Location
}

// ThresholdSpeedMS is the threshold pace as a speed, 0 when unknown.
func (p Physiology) ThresholdSpeedMS() float64 { return p.thresholdSpeedMS }

// Location is the athlete's time zone (UTC when unset or unknown).
func (p Physiology) Location() *time.Location {
	if p.location == nil {
		return time.UTC
	}
	return p.location
}

// Robust maximum heart rate. A session's peak is the highest bpm held for at
// least maxHRHoldS seconds (so single-sample spikes don't count), and only
// values in [minPlausibleMaxHR, maxPlausibleMaxHR] are used. The estimate is
// the maxHRPercentile-th percentile of the session peaks once there are
// minMaxHRSessions of them: a high but robust value of what was observed.
const (
	maxHRHoldS        = 10
	minPlausibleMaxHR = 120
	maxPlausibleMaxHR = 230
	maxHRPercentile   = 0.98
	minMaxHRSessions  = 5
)

// sessionPeakHR returns the robust peak of one session, 0 when unknown.
func sessionPeakHR(a *rekindle.Activity) float64 {
	h := a.Summary.HRSeconds
	if len(h) > 0 {
		var acc float64
		for b := min(len(h)-1, maxPlausibleMaxHR); b >= minPlausibleMaxHR; b-- {
			if s := float64(h[b]); plausible(s, maxSessionS) {
				acc += s
			}
			if acc >= maxHRHoldS {
				return float64(b)
			}
		}
		return 0
	}
	if m := a.Summary.MaxHR; m >= minPlausibleMaxHR && m <= maxPlausibleMaxHR {
		return m
	}
	if m := a.Totals.MaxHR; m >= minPlausibleMaxHR && m <= maxPlausibleMaxHR {
		return m
	}
	return 0
}

// EstimateMaxHR estimates the maximum heart rate from a history: the robust
// high percentile of per-session peaks when there are enough sessions with
// heart rate, else the larger of what was observed and Tanaka (when the age is
// known), else the default.
func EstimateMaxHR(acts []*rekindle.Activity, age float64) (hr float64, src Source, sessions int) {
	var peaks []float64
	for _, a := range acts {
		if p := sessionPeakHR(a); p > 0 {
			peaks = append(peaks, p)
		}
	}
	return maxHRFromPeaks(peaks, age)
}

// maxHRFromPeaks estimates the maximum heart rate from per-session peaks
// (sorted in place).
func maxHRFromPeaks(peaks []float64, age float64) (hr float64, src Source, sessions int) {
	if len(peaks) >= minMaxHRSessions {
		slices.Sort(peaks)
		i := int(math.Ceil(maxHRPercentile*float64(len(peaks)))) - 1
		return peaks[max(0, i)], SourceObserved, len(peaks)
	}
	observed := 0.0
	for _, p := range peaks {
		observed = math.Max(observed, p)
	}
	if age > 0 {
		if t := TanakaMaxHR(age); t >= observed {
			return math.Round(t), SourceTanaka, len(peaks)
		}
	}
	if observed > 0 {
		return observed, SourceObserved, len(peaks)
	}
	return DefaultMaxHR, SourceDefault, 0
}

// ResolvePhysiology fills what the athlete did not set with estimates from
// the history up to asOf (acts must already be limited to it). The threshold
// pace comes from vdot (0 when unknown); see Picture.
func ResolvePhysiology(ath rekindle.Athlete, acts []*rekindle.Activity, asOf time.Time, vdot float64) Physiology {
	var peaks []float64
	if ath.MaxHR <= 0 {
		for _, a := range acts {
			if p := sessionPeakHR(a); p > 0 {
				peaks = append(peaks, p)
			}
		}
	}
	return resolvePhysiology(ath, peaks, asOf, vdot)
}

// resolvePhysiology is ResolvePhysiology with the sessions' heart-rate peaks
// already found.
func resolvePhysiology(ath rekindle.Athlete, peaks []float64, asOf time.Time, vdot float64) Physiology {
	p := Physiology{Sex: ath.Sex, SexSource: SourceAthlete}
	if ath.Sex == rekindle.SexUnknown {
		p.SexSource = SourceUnknown
	}
	p.TRIMPConstants = TRIMPConstantsFor(ath.Sex)

	p.location = ath.Location()
	p.TimeZone, p.TimeZoneSource = p.location.String(), SourceAthlete
	if ath.TimeZone == "" || p.location.String() != ath.TimeZone {
		p.TimeZoneSource = SourceDefault
	}
	p.Unit, p.UnitSource = ath.Unit, SourceAthlete
	if ath.Unit != rekindle.UnitKm && ath.Unit != rekindle.UnitMi {
		p.Unit, p.UnitSource = rekindle.UnitKm, SourceDefault
	}

	age := 0.0
	p.BirthYearSource = SourceUnknown
	if ath.BirthYear > 1900 && ath.BirthYear <= asOf.Year() {
		p.BirthYear, p.BirthYearSource = ath.BirthYear, SourceAthlete
		age = float64(asOf.Year() - ath.BirthYear)
	}

	if ath.MaxHR > 0 {
		p.MaxHR, p.MaxHRSource = ath.MaxHR, SourceAthlete
	} else {
		p.MaxHR, p.MaxHRSource, p.MaxHRSessions = maxHRFromPeaks(peaks, age)
	}
	// Resting heart rate cannot be seen in activity files: the runner's own
	// value, else the default.
	if ath.RestingHR > 0 && ath.RestingHR < p.MaxHR {
		p.RestingHR, p.RestingHRSource = ath.RestingHR, SourceAthlete
	} else {
		p.RestingHR, p.RestingHRSource = DefaultRestingHR, SourceDefault
	}

	switch {
	case ath.ThresholdPaceMS > 0:
		p.thresholdSpeedMS, p.ThresholdPaceSource = ath.ThresholdPaceMS, SourceAthlete
	case vdot > 0:
		p.thresholdSpeedMS, p.ThresholdPaceSource = SpeedAtVO2Fraction(vdot, ThresholdFraction), SourceVDOT
	default:
		p.ThresholdPaceSource = SourceUnknown
	}
	if p.thresholdSpeedMS > 0 {
		p.ThresholdPaceSPerKm = 1000 / p.thresholdSpeedMS
	}
	return p
}

// LoadParams returns the parameters of the load chain for this physiology.
func (p Physiology) LoadParams() LoadParams {
	return LoadParams{RestingHR: p.RestingHR, MaxHR: p.MaxHR, TRIMP: p.TRIMPConstants, ThresholdSpeedMS: p.thresholdSpeedMS}
}
