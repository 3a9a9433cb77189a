package spark

import (
	"fmt"
	"math"
	"slices"

	"rekindle"
)

// minConfidence is the confidence below which a diagnosis is not reported.
const minConfidence = 0.35

// minRuns is how many runs the engine needs before it diagnoses or recommends anything.
const minRuns = 6

func ev(s *sigs, key, text string) Evidence {
	return Evidence{Signal: key, Value: s.get(key), Text: text}
}

// diagnose returns the diagnoses above minConfidence, most confident first,
// or the single diagnosis sparked.
func diagnose(h *history, s *sigs) []DiagnosisResult {
	var out []DiagnosisResult
	add := func(k rekindle.Diagnosis, conf float64, evs []Evidence) {
		conf = round(math.Max(0, math.Min(1, conf)), 2)
		if conf >= minConfidence && len(evs) > 0 {
			out = append(out, DiagnosisResult{Key: k, Confidence: conf, Evidence: evs})
		}
	}
	if len(h.runs) < minRuns {
		text := fmt.Sprintf("only %d runs so far: too early to say anything is wrong", len(h.runs))
		if len(h.runs) == 1 {
			text = "only one run so far: too early to say anything is wrong"
		}
		if len(h.runs) == 0 {
			text = "no runs yet: import your history (rekindle import) or go for a run"
		}
		return []DiagnosisResult{{Key: rekindle.DiagnosisSparked, Confidence: 0.5, Evidence: []Evidence{{Signal: SigTotalRuns, Value: float64(len(h.runs)), Text: text}}}}
	}
	add(overreached(h, s))
	add(staleRoutine(h, s))
	add(understimulated(h, s))
	add(goalless(h, s))
	add(fading(h, s))
	add(lowEnjoyment(h, s))
	slices.SortStableFunc(out, func(a, b DiagnosisResult) int {
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return slices.Index(rekindle.Diagnoses, a.Key) - slices.Index(rekindle.Diagnoses, b.Key)
	})
	if len(out) == 0 {
		evs := []Evidence{{Text: "nothing stands out: load, routine, goals, frequency and enjoyment all look healthy"}}
		if s.has(SigEnjoyment) {
			evs = append(evs, ev(s, SigEnjoyment, fmt.Sprintf("your runs lately rate %.1f of 5", s.get(SigEnjoyment))))
		}
		if s.has(SigRunsPerWeek) {
			evs = append(evs, ev(s, SigRunsPerWeek, fmt.Sprintf("%.1f runs a week over the last 4 weeks", s.get(SigRunsPerWeek))))
		}
		out = append(out, DiagnosisResult{Key: rekindle.DiagnosisSparked, Confidence: 0.8, Evidence: evs})
	}
	return out
}

func overreached(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	weeks := s.get(SigWeeksNoLight)
	// Steady weeks weigh fully while load is building, less when it holds or falls.
	steady := ramp(weeks, 3, 6) * (0.6 + 0.4*ramp(s.get(SigFitnessTrend), 0, 10))
	if steady > 0 {
		evs = append(evs, ev(s, SigWeeksNoLight, fmt.Sprintf("%.0f weeks in a row without a light week", weeks)))
	}
	acwr := ramp(s.get(SigACWR), 1.2, 1.6)
	if acwr > 0 {
		evs = append(evs, ev(s, SigACWR, fmt.Sprintf("the last 7 days' load is %.2f× your 4-week average", s.get(SigACWR))))
	}
	jump := ramp(s.get(SigWeekVsUsual), 1.1, 1.5)
	if r := s.get(SigWeekVsUsual); r >= 1.15 {
		evs = append(evs, ev(s, SigWeekVsUsual, fmt.Sprintf("this week's %s is %.2f× your usual %s", h.dist(s.get(SigWeekKm)*1000), r, h.dist(s.get(SigUsualWeekKm)*1000))))
	}
	mono := ramp(s.get(SigMonotony), 1.5, 2.0)
	if mono > 0 {
		evs = append(evs, ev(s, SigMonotony, fmt.Sprintf("training monotony %.1f (above 1.5 means little difference between days)", s.get(SigMonotony))))
	}
	var feel float64
	if c := s.get(SigEnjoymentChange); c <= -0.5 {
		feel = ramp(c, -0.5, -1.5)
		evs = append(evs, ev(s, SigEnjoymentChange, fmt.Sprintf("enjoyment fell from %.1f to %.1f", s.get(SigEnjoymentBefore), s.get(SigEnjoyment))))
	}
	if x := s.get(SigExhaustion); x >= 3.5 {
		feel = math.Max(feel, ramp(x, 3, 5))
		evs = append(evs, ev(s, SigExhaustion, fmt.Sprintf("your last spark check scored exhaustion %.0f of 5", x)))
	}
	if steady == 0 && acwr == 0 {
		return rekindle.DiagnosisOverreached, 0, nil
	}
	conf := 0.45*steady + 0.25*acwr + 0.15*jump + 0.1*mono + 0.3*feel
	return rekindle.DiagnosisOverreached, conf, evs
}

func staleRoutine(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	var conf float64
	if s.routesKnown {
		share := s.get(SigRouteRepeat)
		r := ramp(share, 0.45, 0.8)
		if r > 0 {
			evs = append(evs, ev(s, SigRouteRepeat, fmt.Sprintf("%.0f of your last %.0f runs were on %s", s.get(SigTopRouteRuns), s.get(SigRouteWindowRuns), s.topRoute)))
		}
		conf += 0.55 * r
		if n := s.get(SigRouteNovelty); n <= 0.05 && r > 0 {
			conf += 0.1
			evs = append(evs, ev(s, SigRouteNovelty, "no new route in the last 8 weeks"))
		}
	}
	dw := 0.2
	if !s.routesKnown {
		dw = 0.45
	}
	if d := ramp(s.get(SigDistanceRegular), 0.6, 0.9); d > 0 {
		conf += dw * d
		evs = append(evs, ev(s, SigDistanceRegular, fmt.Sprintf("%s of your recent runs are within 10%% of the same distance", pct(s.get(SigDistanceRegular)))))
	}
	if t := ramp(s.get(SigTimeRegular), 0.6, 0.9); t > 0 {
		conf += 0.1 * t
		evs = append(evs, ev(s, SigTimeRegular, fmt.Sprintf("%s of them start within an hour of %02d:%02d", pct(s.get(SigTimeRegular)), int(s.usualHour), int(math.Mod(s.usualHour, 1)*60))))
	}
	if w := ramp(s.get(SigWeekdayRegular), 0.75, 1.0); w > 0 {
		conf += 0.05 * w
	}
	if a := ramp(s.get(SigAloneShare), 0.8, 1.0); a > 0 && conf > 0.2 {
		conf += 0.05 * a
		evs = append(evs, ev(s, SigAloneShare, fmt.Sprintf("%s of your check-ins say you ran alone", pct(s.get(SigAloneShare)))))
	}
	return rekindle.DiagnosisStaleRoutine, conf, evs
}

func understimulated(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	if !s.has(SigIntensityVariety) {
		return rekindle.DiagnosisUnderstimulated, 0, nil
	}
	iv := s.get(SigIntensityVariety)
	low := ramp(iv, 0.3, 0.05)
	if low == 0 {
		return rekindle.DiagnosisUnderstimulated, 0, nil
	}
	evs := []Evidence{ev(s, SigIntensityVariety, fmt.Sprintf("only %s of your runs in the last 4 weeks had a faster segment", pct(iv)))}
	fit := s.get(SigFitness)
	fresh := 0.0
	if f := s.get(SigForm); fit > 0 && !math.IsNaN(f) {
		fresh = ramp(f/fit, -0.1, 0.15)
		if fresh > 0 {
			words := "you are rested"
			if f > 0.5 {
				words = "you are fresh"
			}
			evs = append(evs, ev(s, SigForm, fmt.Sprintf("%s: form %s against fitness %.0f", words, signed(f), fit)))
		}
	}
	flat := 0.0
	if tr := s.get(SigFitnessTrend); !math.IsNaN(tr) {
		flat = ramp(math.Abs(tr), 15, 3)
		if flat > 0 {
			evs = append(evs, ev(s, SigFitnessTrend, fmt.Sprintf("fitness has moved %s%% in 4 weeks", signed(tr))))
		}
	}
	if st := s.get(SigStagnation); st >= 3.5 {
		flat = 1
		evs = append(evs, ev(s, SigStagnation, fmt.Sprintf("your last spark check scored 'not getting anywhere' %.0f of 5", st)))
	}
	conf := low * (0.3 + 0.35*fresh + 0.35*flat)
	if s.get(SigWeeksNoLight) >= 5 || s.get(SigACWR) > 1.4 {
		conf *= 0.5 // tired, not under-stimulated
	}
	return rekindle.DiagnosisUnderstimulated, conf, evs
}

func goalless(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	if s.lastRace == nil {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	w := s.get(SigWeeksSinceRace)
	conf := 0.6 * ramp(w, 5, 12)
	if conf == 0 {
		return rekindle.DiagnosisGoalless, 0, nil
	}
	r := s.lastRace
	evs := []Evidence{ev(s, SigWeeksSinceRace, fmt.Sprintf("%.0f weeks since your last race (%s, %s)", w, r.Name, r.Start.In(h.loc).Format("2 Jan 2006")))}
	if r.DistanceM >= 20000 && w <= 30 {
		conf += 0.3
		evs = append(evs, Evidence{Signal: "last_race_distance_km", Value: round(r.DistanceM/1000, 1), Text: fmt.Sprintf("it was a big one (%s) and nothing has replaced it", h.dist(r.DistanceM))})
	}
	if tr := s.get(SigFitnessTrend); tr <= -5 {
		conf += 0.1
		evs = append(evs, ev(s, SigFitnessTrend, fmt.Sprintf("fitness is drifting down (%s%% in 4 weeks)", signed(tr))))
	}
	return rekindle.DiagnosisGoalless, conf, evs
}

func fading(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	rt := ramp(s.get(SigRunsTrend), 0.85, 0.45)
	if rt > 0 {
		evs = append(evs, ev(s, SigRunsTrend, fmt.Sprintf("runs per week dropped from %.1f to %.1f", s.get(SigRunsPerWeekBefore), s.get(SigRunsPerWeek))))
	}
	vt := ramp(s.get(SigVolumeTrend), 0.85, 0.45)
	if vt > 0 {
		evs = append(evs, ev(s, SigVolumeTrend, fmt.Sprintf("weekly distance dropped from %s to %s", h.dist(s.get(SigKmPerWeekBefore)*1000), h.dist(s.get(SigKmPerWeek)*1000))))
	}
	gap := ramp(s.get(SigDaysSinceRun), 7, 21)
	if gap > 0 {
		evs = append(evs, ev(s, SigDaysSinceRun, fmt.Sprintf("%.0f days since your last run", s.get(SigDaysSinceRun))))
	}
	conf := 0.5*rt + 0.3*vt + 0.4*gap
	if x := s.get(SigLostInterest); x >= 3.5 && conf > 0 {
		conf += 0.15
		evs = append(evs, ev(s, SigLostInterest, fmt.Sprintf("your last spark check scored losing interest %.0f of 5", x)))
	}
	return rekindle.DiagnosisFading, conf, evs
}

func lowEnjoyment(h *history, s *sigs) (rekindle.Diagnosis, float64, []Evidence) {
	var evs []Evidence
	e := s.get(SigEnjoyment)
	level := ramp(e, 3.5, 2.0)
	if level > 0 {
		evs = append(evs, ev(s, SigEnjoyment, fmt.Sprintf("your recent runs rate %.1f of 5 for enjoyment", e)))
	}
	drop := ramp(s.get(SigEnjoymentChange), -0.3, -1.5)
	if drop > 0 {
		evs = append(evs, ev(s, SigEnjoymentChange, fmt.Sprintf("down from %.1f before", s.get(SigEnjoymentBefore))))
	}
	var check float64
	if x := s.get(SigLostInterest); x >= 3 {
		check = ramp(x, 3, 5)
		evs = append(evs, ev(s, SigLostInterest, fmt.Sprintf("your last spark check scored losing interest %.0f of 5", x)))
	}
	conf := 0.5*level + 0.35*drop + 0.35*check
	return rekindle.DiagnosisLowEnjoyment, conf, evs
}

// sparkScore is 0–100, higher is better: each problem diagnosis takes a
// share, and enjoyment and spark checks pull towards what the runner says.
func sparkScore(s *sigs, diags []DiagnosisResult) int {
	score := 100.0
	for _, d := range diags {
		if d.Key != rekindle.DiagnosisSparked {
			score *= 1 - 0.45*d.Confidence
		}
	}
	if e := s.get(SigEnjoyment); !math.IsNaN(e) {
		score = 0.75*score + 25*(e-1)/4
	}
	if s.has(SigExhaustion) {
		worst := (s.get(SigExhaustion) + s.get(SigLostInterest) + s.get(SigStagnation)) / 3
		score = 0.85*score + 15*(5-worst)/4
	}
	return int(math.Round(math.Max(0, math.Min(100, score))))
}
