package training

// RaceBefore is the part of a run's RaceContext made of the runs of the
// calendar days before its own: the same for the run on every day it is
// judged from, so a caller may keep it (the spark memoises it by session
// id across its trend's days) and fill the context with RaceContextOf.
type RaceBefore struct {
	LongestM, SecondLongestM      float64 // RaceContext.LongestBeforeM, SecondLongestBeforeM
	RecentHR, RecentLongSpeedMS   float64 // RaceContext.RecentHR, RecentLongSpeedMS
	RecentLongRuns                int     // RaceContext.RecentLongRuns
	LongBlockHR, LongBlockSpeedMS float64 // RaceContext.LongBlockHR, LongBlockSpeedMS
	LongerEquivS                  float64 // RaceContext.LongerEquivS
	Annual                        bool    // RaceContext.Annual
	RecentAsFast                  int     // RaceContext.RecentAsFast
	LabelRuns                     int     // RaceContext.LabelRuns
	// RaceContext.YearAtDistance, YearNearPace, YearClosePace.
	YearAtDistance, YearNearPace, YearClosePace int
}

// RaceContextOf is the RaceContext of a run of dist metres at speed m/s
// with mean heart rate hr (0 unknown), of the given kind (RunKind): from
// the pace book of the runner's runs of the two years up to the day judged
// from, the runs of the run's own day (day, the run among them), the part
// made of the days before (before), and the maxima heart rates are judged
// against (RaceShareMaxHR as a share, the measured maximum, 0 when none).
// The training picture's race pass (RacesOf) and the spark's both fill
// the context here: one value, one rule.
func RaceContextOf(book *PaceBook, dist, speed, hr float64, kind int, day []DayRun, before RaceBefore, shareMaxHR, measuredMaxHR float64) RaceContext {
	return RaceContext{
		TypicalSpeedMS:       book.TypicalOf(dist, kind),
		TypicalAsideMS:       book.TypicalAside(dist, kind, day),
		TypicalHR:            book.TypicalHR,
		TypicalDistanceM:     book.TypicalDistanceM(),
		HighHR:               book.HighHR,
		SameDayOutpaced:      book.SameDayOutpaced(dist, day),
		SameDayRepeat:        SameDayRepeat(dist, speed, hr, day),
		HRUnsupported:        book.HRUnsupported(dist, speed, hr, kind, day),
		MaxHR:                shareMaxHR,
		MeasuredMaxHR:        measuredMaxHR,
		LongestBeforeM:       before.LongestM,
		SecondLongestBeforeM: before.SecondLongestM,
		RecentHR:             before.RecentHR,
		RecentLongSpeedMS:    before.RecentLongSpeedMS,
		RecentLongRuns:       before.RecentLongRuns,
		LongBlockHR:          before.LongBlockHR,
		LongBlockSpeedMS:     before.LongBlockSpeedMS,
		LongerEquivS:         before.LongerEquivS,
		Annual:               before.Annual,
		RecentAsFast:         before.RecentAsFast,
		LabelRuns:            before.LabelRuns,
		YearAtDistance:       before.YearAtDistance,
		YearNearPace:         before.YearNearPace,
		YearClosePace:        before.YearClosePace,
	}
}
