package workout

import (
	"errors"
	"fmt"
	"io"
	"math"
	"time"
	"unicode/utf8"

	"github.com/muktihari/fit/encoder"
	"github.com/muktihari/fit/profile/filedef"
	"github.com/muktihari/fit/profile/mesgdef"
	"github.com/muktihari/fit/profile/typedef"
)

// FIT field scales (FIT SDK profile): a step's distance is in centimetres,
// its time in milliseconds, a speed target in mm/s (m/s × 1000).
const (
	fitDistanceScale = 100
	fitTimeScale     = 1000
	fitSpeedScale    = 1000
)

// MaxSteps is the most workout_step messages a file gets (watches take
// about 100).
const MaxSteps = 100

// WriteFIT writes the workout as a FIT workout file (file_id type workout,
// one workout message, its workout_step messages): distance or time
// durations, speed targets in m/s × 1000, and a repeat step
// (repeat_until_steps_cmplt, back to the block's first step, the total
// count) after each repeated block. created is the file's time_created.
func (w *Workout) WriteFIT(out io.Writer, created time.Time) error {
	f := filedef.NewWorkout()
	f.FileId.Type = typedef.FileWorkout
	f.FileId.Manufacturer = typedef.ManufacturerDevelopment
	f.FileId.TimeCreated = created.UTC().Truncate(time.Second)
	var steps []*mesgdef.WorkoutStep
	for _, b := range w.Blocks {
		first := len(steps)
		for _, s := range b.Steps {
			st := mesgdef.NewWorkoutStep(nil).SetMessageIndex(typedef.MessageIndex(len(steps))).
				SetWktStepName(label(s.Name, 15)).SetIntensity(fitIntensity(s.Intensity))
			switch {
			case s.DistanceM > 0:
				st.SetDurationType(typedef.WktStepDurationDistance).SetDurationValue(uint32(math.Round(s.DistanceM * fitDistanceScale)))
			case s.DurationS > 0:
				st.SetDurationType(typedef.WktStepDurationTime).SetDurationValue(uint32(math.Round(s.DurationS * fitTimeScale)))
			default:
				st.SetDurationType(typedef.WktStepDurationOpen)
			}
			if s.LowMS > 0 && s.HighMS > s.LowMS {
				st.SetTargetType(typedef.WktStepTargetSpeed).SetTargetValue(0).
					SetCustomTargetValueLow(uint32(math.Round(s.LowMS * fitSpeedScale))).
					SetCustomTargetValueHigh(uint32(math.Round(s.HighMS * fitSpeedScale)))
			} else {
				st.SetTargetType(typedef.WktStepTargetOpen)
			}
			steps = append(steps, st)
		}
		if b.Repeat > 1 {
			steps = append(steps, mesgdef.NewWorkoutStep(nil).SetMessageIndex(typedef.MessageIndex(len(steps))).
				SetDurationType(typedef.WktStepDurationRepeatUntilStepsCmplt).SetDurationValue(uint32(first)).
				SetTargetType(typedef.WktStepTargetOpen).SetTargetValue(uint32(b.Repeat)))
		}
	}
	if len(steps) == 0 {
		return errors.New("workout: write fit: no steps")
	}
	if len(steps) > MaxSteps {
		return fmt.Errorf("workout: write fit: %d steps, at most %d", len(steps), MaxSteps)
	}
	f.Workout = mesgdef.NewWorkout(nil).SetSport(typedef.SportRunning).SetNumValidSteps(uint16(len(steps))).SetWktName(label(w.Name, 30))
	f.WorkoutSteps = steps
	fit := f.ToFIT(nil)
	if err := encoder.New(out).Encode(&fit); err != nil {
		return fmt.Errorf("workout: write fit: %w", err)
	}
	return nil
}

func fitIntensity(i Intensity) typedef.Intensity {
	switch i {
	case Warmup:
		return typedef.IntensityWarmup
	case Cooldown:
		return typedef.IntensityCooldown
	case Recovery:
		return typedef.IntensityRecovery
	}
	return typedef.IntensityActive
}

// label shortens a name to n bytes without cutting a UTF-8 character.
func label(s string, n int) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s))
	}
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut]
}
