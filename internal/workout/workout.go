// Package workout turns a planned session into a structured workout for a
// watch: warm-up, repeated intervals with recoveries, threshold blocks,
// strides, a long run at easy pace, each step with a speed target from the
// runner's own paces. It is pure: a plan.Session and the runner's paces in,
// a Workout out (package fit writes it as a FIT workout file).
//
// The structure comes from the session's kind and from its note as spark
// writes it ("2 km warm-up, 5 × 1000 m at 4:05/km with 400 m jog, 2 km
// cool-down", "10 min easy, 8 × 1 min brisk with 2 min easy between, 10 min
// easy", "taper: 40% less than usual, with 4 × 20 s strides"), so that the
// watch runs exactly what the plan page says. A pace written in the note is
// the target; otherwise the runner's training paces are.
package workout

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/units"
)

// Intensity of a step (the FIT SDK's intensity values by name).
type Intensity string

// Intensities.
const (
	Warmup   Intensity = "warmup"
	Active   Intensity = "active"
	Recovery Intensity = "recovery"
	Cooldown Intensity = "cooldown"
)

// Step is one step of a workout: a distance or a time (one of them; both
// zero is "until lap pressed") at a speed range (both zero: open).
type Step struct {
	Name      string    `json:"name"`
	Intensity Intensity `json:"intensity"`
	DistanceM float64   `json:"distance_m,omitempty"`
	DurationS float64   `json:"duration_s,omitempty"`
	LowMS     float64   `json:"speed_low_m_s,omitempty"` // slowest speed of the target range
	HighMS    float64   `json:"speed_high_m_s,omitempty"`
}

// Block is steps run Repeat times (1: once).
type Block struct {
	Repeat int    `json:"repeat"`
	Steps  []Step `json:"steps"`
}

// Workout is a session's structure.
type Workout struct {
	Name   string  `json:"name"`
	Day    string  `json:"day"`
	Blocks []Block `json:"blocks"`
}

// Paces are the runner's training speeds in m/s (0: unknown), e.g. from
// training.TrainingPaces.
type Paces struct {
	Easy, Threshold, Interval, Repetition float64
}

// Target ranges around a pace: ±5% for easy running, ±2.5% for quality.
const (
	easyBand    = 0.05
	qualityBand = 0.025
)

func band(ms, frac float64) (lo, hi float64) {
	if !(ms > 0) {
		return 0, 0
	}
	return ms * (1 - frac), ms * (1 + frac)
}

var (
	numRe    = `(\d+(?:\.\d+)?)`
	unitRe   = `(km|mi|m|min|s)`
	repsRe   = regexp.MustCompile(`(\d+)\s*[×x]\s*` + numRe + `\s*` + unitRe + `\b([^,]*)`)
	paceRe   = regexp.MustCompile(`(\d+):(\d\d)\s*/(km|mi)`)
	withRe   = regexp.MustCompile(`with\s+` + numRe + `\s*` + unitRe + `\b`)
	warmRe   = regexp.MustCompile(`^\s*` + numRe + `\s*` + unitRe + `\s+(?:warm-up|easy)\b`)
	coolRe   = regexp.MustCompile(numRe + `\s*` + unitRe + `\s+(?:cool-down|easy)\s*$`)
	stridesR = regexp.MustCompile(`(\d+)\s*[×x]\s*` + numRe + `\s*s\s+strides`)
)

// amount reads "2 km", "400 m", "10 min", "20 s" as metres or seconds.
func amount(v, unit string) (metres, seconds float64) {
	f, _ := strconv.ParseFloat(v, 64)
	switch unit {
	case "km":
		return f * 1000, 0
	case "mi":
		return f * units.MetresPerMile, 0
	case "m":
		return f, 0
	case "min":
		return 0, f * 60
	default:
		return 0, f
	}
}

// FromSession returns the workout of a run session, false for sessions a
// watch has nothing to guide (rest, cross-training, other sports).
func FromSession(s plan.Session, p Paces) (*Workout, bool) {
	if s.Kind == plan.KindRest || s.Kind == plan.KindCross || !s.Sport.IsRun() {
		return nil, false
	}
	w := &Workout{Name: name(s), Day: s.Day}
	note := strings.TrimSpace(s.Note)
	if s.Kind == plan.KindQuality {
		if bs := structured(note, p); len(bs) > 0 {
			w.Blocks = bs
			return w, true
		}
	}
	main := Step{Name: string(s.Kind), Intensity: Active, DistanceM: s.DistanceM}
	if main.DistanceM == 0 {
		main.DurationS = s.DurationS
	}
	switch s.Kind {
	case plan.KindEasy, plan.KindLong:
		main.Name = map[plan.Kind]string{plan.KindEasy: "easy", plan.KindLong: "long run, easy"}[s.Kind]
		main.LowMS, main.HighMS = band(p.Easy, easyBand)
	case plan.KindRace:
		main.Name = "race"
	default:
		main.Name = "run"
	}
	w.Blocks = []Block{{Repeat: 1, Steps: []Step{main}}}
	// Strides after an easy run (a taper's last run): 20 s quick, walk back.
	if m := stridesR.FindStringSubmatch(note); m != nil {
		n, _ := strconv.Atoi(m[1])
		sec, _ := strconv.ParseFloat(m[2], 64)
		if n > 0 && n <= 50 && sec > 0 {
			st := Step{Name: "stride", Intensity: Active, DurationS: sec}
			st.LowMS, st.HighMS = band(p.Repetition, qualityBand)
			w.Blocks = append(w.Blocks, Block{Repeat: n, Steps: []Step{st, {Name: "walk back", Intensity: Recovery, DurationS: 60}}})
		}
	}
	return w, true
}

func name(s plan.Session) string {
	n := fmt.Sprintf("%s %s", s.Kind, s.Day)
	if s.Kind == plan.KindLong {
		n = "long run " + s.Day
	}
	return n
}

// structured reads "warm-up, N × X at pace with Y jog, cool-down" notes.
func structured(note string, p Paces) []Block {
	parts := strings.Split(note, ",")
	var out []Block
	found := false
	for i, part := range parts {
		part = strings.TrimSpace(part)
		if m := repsRe.FindStringSubmatch(part); m != nil && !strings.Contains(part, "strides") {
			n, _ := strconv.Atoi(m[1])
			if n < 1 || n > 99 {
				return nil
			}
			rest := m[4]
			work := Step{Name: "interval", Intensity: Active}
			work.DistanceM, work.DurationS = amount(m[2], m[3])
			speed := 0.0
			if pm := paceRe.FindStringSubmatch(rest); pm != nil {
				mm, _ := strconv.Atoi(pm[1])
				ss, _ := strconv.Atoi(pm[2])
				u := rekindle.UnitKm
				if pm[3] == "mi" {
					u = rekindle.UnitMi
				}
				if sec := float64(mm*60 + ss); sec > 0 {
					speed = units.Metres(u) / sec
				}
			}
			long := work.DurationS >= 5*60 || work.DistanceM >= 1600
			switch {
			case speed == 0 && strings.Contains(rest, "brisk"):
				work.Name = "brisk"
			case speed == 0 && long:
				speed = p.Threshold
			case speed == 0:
				speed = p.Interval
			}
			if long {
				work.Name = "threshold"
			}
			work.LowMS, work.HighMS = band(speed, qualityBand)
			steps := []Step{work}
			if wm := withRe.FindStringSubmatch(rest); wm != nil {
				rec := Step{Name: "recovery", Intensity: Recovery}
				rec.DistanceM, rec.DurationS = amount(wm[1], wm[2])
				steps = append(steps, rec)
			}
			out = append(out, Block{Repeat: n, Steps: steps})
			found = true
			continue
		}
		if i == 0 {
			if m := warmRe.FindStringSubmatch(part); m != nil {
				st := Step{Name: "warm-up", Intensity: Warmup}
				st.DistanceM, st.DurationS = amount(m[1], m[2])
				st.LowMS, st.HighMS = band(p.Easy, easyBand)
				out = append(out, Block{Repeat: 1, Steps: []Step{st}})
				continue
			}
		}
		if i == len(parts)-1 && found {
			if m := coolRe.FindStringSubmatch(part); m != nil {
				st := Step{Name: "cool-down", Intensity: Cooldown}
				st.DistanceM, st.DurationS = amount(m[1], m[2])
				st.LowMS, st.HighMS = band(p.Easy, easyBand)
				out = append(out, Block{Repeat: 1, Steps: []Step{st}})
				continue
			}
		}
	}
	if !found {
		return nil
	}
	return out
}

// Describe is the workout in one line for a calendar or a page:
// "warm-up 2 km; 5 × (interval 1000 m at 4:00–4:12/km, recovery 400 m); cool-down 2 km".
func (w *Workout) Describe(u rekindle.Unit) string {
	var bs []string
	for _, b := range w.Blocks {
		var ss []string
		for _, s := range b.Steps {
			ss = append(ss, s.describe(u))
		}
		t := strings.Join(ss, ", ")
		if b.Repeat > 1 {
			t = fmt.Sprintf("%d × (%s)", b.Repeat, t)
		}
		bs = append(bs, t)
	}
	return strings.Join(bs, "; ")
}

func (s Step) describe(u rekindle.Unit) string {
	t := s.Name
	switch {
	case s.DistanceM >= 2000:
		t += " " + units.Show(s.DistanceM, u)
	case s.DistanceM > 0:
		t += fmt.Sprintf(" %d m", int(math.Round(s.DistanceM)))
	case s.DurationS >= 60:
		t += " " + strings.TrimSuffix(fmt.Sprintf("%.1f", s.DurationS/60), ".0") + " min"
	case s.DurationS > 0:
		t += fmt.Sprintf(" %d s", int(math.Round(s.DurationS)))
	}
	if s.LowMS > 0 && s.HighMS > 0 {
		t += fmt.Sprintf(" at %s–%s%s", units.Clock(units.Metres(u)/s.HighMS), units.Clock(units.Metres(u)/s.LowMS), units.PerName(u))
	}
	return t
}
