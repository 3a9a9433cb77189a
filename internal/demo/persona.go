package demo

import (
	"math"
	"sort"

	"rekindle"
)

// Persona is a simulated runner with a story the spark engine should find in
// the last weeks of the history.
type Persona struct {
	Name      string
	Story     string
	Diagnosis rekindle.Diagnosis // what the engine should conclude on the last day
	Strategy  rekindle.Strategy  // the strategy its story calls for first
	seed      uint64
	// week returns the plan for the week that ends weeksLeft weeks before
	// the end of the history (0 = the last week).
	week func(weeksLeft int, base weekPlan) weekPlan
}

// weekPlan is what the runner does in one week.
type weekPlan struct {
	runs      int     // runs this week
	volumeKm  float64 // weekly running volume
	longFrac  float64 // share of the volume in the long run
	quality   int     // interval / tempo sessions
	variety   float64 // chance a run leaves the usual loop
	cross     int     // cross-training sessions
	social    float64 // chance of company on a run
	enjoy     float64 // mean enjoyment, 1–5
	fatigue   float64 // 0–1: slower pace, higher HR
	race      float64 // race distance in metres on the weekend, 0 for none
	hour      float64 // usual start hour (local)
	spread    float64 // hours of spread around it
	fixedDays bool    // always the same weekdays
	sameDist  bool    // every run the same loop, once
	off       int     // days off at the start of the week (a break)
}

// background is the ordinary life before a story: 3–4 runs and a light
// week every fourth, a race now and then, varied routes.
func background(weeksLeft int) weekPlan {
	p := weekPlan{runs: 5, volumeKm: 36, longFrac: 0.3, quality: 1, variety: 0.5, cross: 2,
		social: 0.2, enjoy: 3.9, hour: 7, spread: 1.5}
	if weeksLeft%4 == 3 {
		p.volumeKm *= 0.65
		p.runs = 4
	}
	if weeksLeft%11 == 5 {
		p.race = 10000
	}
	// Seasons: a little more in spring and autumn.
	p.volumeKm *= 1 + 0.12*math.Sin(float64(weeksLeft)*2*math.Pi/52)
	return p
}

func lerp(a, b, t float64) float64 { return a + (b-a)*math.Max(0, math.Min(1, t)) }

// Personas lists the simulated runners by name.
var personas = map[string]Persona{
	"rut": {
		Name: "rut", Story: "the same 8 km loop four times a week for months, alone, at the same time; enjoyment sagging",
		Diagnosis: rekindle.DiagnosisStaleRoutine, Strategy: rekindle.StrategyVariety, seed: 11,
		week: func(w int, b weekPlan) weekPlan {
			if w >= 26 {
				return b
			}
			p := weekPlan{runs: 4, volumeKm: 32, longFrac: 0.25, variety: 0, social: 0, hour: 6.5, spread: 0.15,
				fixedDays: true, sameDist: true, enjoy: lerp(3.6, 2.6, 1-float64(w)/26)}
			if w == 7 {
				p.race = 5000 // the one parkrun of the season; the rest is the loop
			}
			return p
		},
	},
	"overreached": {
		Name: "overreached", Story: "eight weeks of climbing load with no light week and three hard sessions a week; tired and not enjoying it",
		Diagnosis: rekindle.DiagnosisOverreached, Strategy: rekindle.StrategyRest, seed: 12,
		week: func(w int, b weekPlan) weekPlan {
			if w >= 8 {
				return b
			}
			k := float64(7 - w)
			b.runs, b.quality, b.cross = 6, 3, 0
			b.volumeKm = 38 * math.Pow(1.12, k)
			b.race = 0
			b.fatigue = lerp(0, 1, (k-3)/4)
			b.enjoy = lerp(3.8, 2.0, k/7)
			return b
		},
	},
	"fresh_flat": {
		// The days off end four weeks before the last day, so the last four
		// weeks are the same easy runs whatever weekday the history ends on
		// (a Monday end cuts the last planned week to its Monday: with the
		// break three weeks back it fell inside the four weeks the engine
		// compares, and the story read as fading).
		Name: "fresh_flat", Story: "a 10K, then ten days off; since then four weeks of the same easy runs at the same pace and volume, nothing faster: fresh but flat",
		Diagnosis: rekindle.DiagnosisUnderstimulated, Strategy: rekindle.StrategyChallenge, seed: 13,
		week: func(w int, b weekPlan) weekPlan {
			race := 0.0
			switch {
			case w >= 6:
				return b
			case w == 5:
				b.runs, b.volumeKm, race = 4, 30, 10000
			case w == 4:
				b.off, b.runs, b.volumeKm = 7, 0, 0
			case w == 3:
				b.off, b.runs, b.volumeKm = 3, 4, 24
			default:
				b.runs, b.volumeKm, b.longFrac = 5, 30, 0.2
			}
			b.quality, b.race, b.cross, b.variety, b.enjoy = 0, race, 1, 0.3, 3.3
			return b
		},
	},
	"returning": {
		Name: "returning", Story: "ten weeks without running (an injury), then a gentle return: three easy runs a week, from 10 to 17 km",
		Diagnosis: rekindle.DiagnosisReturning, Strategy: rekindle.StrategyRace, seed: 17,
		week: func(w int, b weekPlan) weekPlan {
			switch {
			case w >= 15:
				return b
			case w >= 5:
				b.off, b.runs, b.volumeKm, b.cross = 7, 0, 0, 0
			default:
				k := float64(4-w) / 4
				b.runs, b.volumeKm, b.longFrac, b.cross = 3, lerp(10, 17, k), 0.4, 1
				b.enjoy = 4.0
			}
			b.quality, b.race, b.variety = 0, 0, 0.4
			return b
		},
	},
	"post_marathon": {
		Name: "post_marathon", Story: "ran a marathon two months ago after a long build; since then easy runs and nothing on the calendar",
		Diagnosis: rekindle.DiagnosisGoalless, Strategy: rekindle.StrategyRace, seed: 14,
		week: func(w int, b weekPlan) weekPlan {
			switch {
			case w >= 24:
				return b
			case w >= 10:
				k := float64(23 - w)
				b.runs, b.quality, b.longFrac = 5, 2, 0.38
				b.volumeKm = 38 + 2*k
				b.race = 0
				if w == 15 {
					b.race = 21097.5
				}
				b.enjoy = 4.1
			case w == 9:
				b.runs, b.volumeKm, b.quality, b.race = 4, 35, 1, 0
			case w == 8:
				b.runs, b.volumeKm, b.quality, b.race, b.longFrac = 3, 55, 0, 42195, 0.77
				b.enjoy = 4.3
			case w == 7:
				b.runs, b.volumeKm, b.quality, b.race = 2, 10, 0, 0
			default:
				b.runs, b.volumeKm, b.quality, b.race, b.longFrac = 4, 30, 0, 0, 0.3
				b.enjoy = 3.1
			}
			return b
		},
	},
	"fading": {
		Name: "fading", Story: "runs dwindling from four a week to one over three months, shorter each time",
		Diagnosis: rekindle.DiagnosisFading, Strategy: rekindle.StrategyRace, seed: 15,
		week: func(w int, b weekPlan) weekPlan {
			if w >= 12 {
				return b
			}
			k := float64(11-w) / 11
			b.runs = int(math.Round(lerp(4, 1, k)))
			b.volumeKm = lerp(30, 6, k)
			b.quality, b.race, b.cross = 0, 0, 0
			b.enjoy = lerp(3.6, 2.4, k)
			return b
		},
	},
	"happy": {
		Name: "happy", Story: "varied routes, friends, a race every couple of months, a light week every fourth: all is well",
		Diagnosis: rekindle.DiagnosisSparked, Strategy: "", seed: 16,
		week: func(w int, b weekPlan) weekPlan {
			b.variety, b.social, b.enjoy, b.quality = 0.8, 0.45, 4.4, 2
			b.race = 0
			if w%8 == 3 {
				b.race = 10000
			}
			if w%8 == 7 {
				b.race = 5000
			}
			return b
		},
	},
}

// PersonaNames lists the persona names in order.
func PersonaNames() []string {
	names := make([]string, 0, len(personas))
	for n := range personas {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// LookupPersona returns a persona by name.
func LookupPersona(name string) (Persona, bool) {
	p, ok := personas[name]
	return p, ok
}
