package spark_test

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"time"

	"rekindle/internal/spark"
)

// lightWeekTitle reads the light-week card's title: its total, its cut and
// the load it is cut from, as the words name it.
var lightWeekTitle = regexp.MustCompile(`^Take a light week: ([0-9.]+) km, ([0-9]+)% less than your (last 4 weeks' average of|last 7 days'|usual week of) ([0-9.]+) km$`)

// checkLightWeek checks the light-week idea of one dated call (issue 13):
// the load its words state is the engine's by the rule the words say
// (runs only, rolling weeks ending on the day: the last 7 days, or the
// last 4 weeks' average), the base is the lower of the two, the sessions
// accepting writes add up to the stated total, and the light week is below
// the week it replaces. It returns what is wrong, or "" (also when no light
// week is offered), and a note when the engine's weeks (its signals, which
// the card must state) differ from the stored runs' weeks.
func checkLightWeek(rep *sparkJSON, acts []activityJSON, day string, loc *time.Location) (bad, note string) {
	var rec *spark.Recommendation
	for i := range rep.Recs {
		if rep.Recs[i].ID == "rest-light-week" {
			rec = &rep.Recs[i]
		}
	}
	if rec == nil {
		return "", ""
	}
	m := lightWeekTitle.FindStringSubmatch(rec.Title)
	if m == nil {
		return fmt.Sprintf("light week: title %q does not say what it is cut from", rec.Title), ""
	}
	total, _ := strconv.ParseFloat(m[1], 64)
	cut, _ := strconv.Atoi(m[2])
	base, _ := strconv.ParseFloat(m[4], 64)
	d, _ := time.ParseInLocation(time.DateOnly, day, loc)
	today := civil(d, loc)
	var weeks [4]float64
	for _, a := range acts {
		if !isRunSport(a.Sport) {
			continue
		}
		ago := today - civil(a.Start, loc)
		if ago >= 0 && ago < 28 {
			weeks[ago/7] += a.DistanceM / 1000
		}
	}
	// The engine's figures, by the rule the words say.
	last7 := rep.Signals[spark.SigWeekKm].Value
	avg := rep.Signals[spark.SigKmPerWeek].Value
	if d7, d4 := weeks[0], (weeks[0]+weeks[1]+weeks[2]+weeks[3])/4; math.Abs(d7-last7) > 0.051 || math.Abs(d4-avg) > 0.051 {
		note = fmt.Sprintf("the engine's last 7 days %.1f km and 4 weeks' average %.1f km, the stored runs' %.1f and %.1f km (weeks %.1f)", last7, avg, d7, d4, weeks)
	}
	want := 0.0
	switch m[3] {
	case "last 7 days'":
		want = last7
		if avg > 0 && last7 > avg+0.05 {
			return fmt.Sprintf("light week: cut from the last 7 days' %.1f km although the 4 weeks' average %.1f km is lower", last7, avg), note
		}
	case "last 4 weeks' average of":
		want = avg
		if last7 > 0 && last7 < avg-0.05 {
			return fmt.Sprintf("light week: cut from the 4 weeks' average %.1f km although the last 7 days' %.1f km is lower", avg, last7), note
		}
	default:
		if last7 > 0 || avg > 0 {
			return fmt.Sprintf("light week: cut from the usual week although the engine's weeks hold %.1f km (7 days), %.1f km (4 weeks' average)", last7, avg), note
		}
		want = base
	}
	if math.Abs(want-base) > 0.051 {
		return fmt.Sprintf("light week: %q states %.1f km, the weeks hold %.2f km", rec.Title, base, want), note
	}
	var planned float64
	for _, s := range rec.Plan {
		planned += s.DistanceM / 1000
	}
	if math.Abs(planned-total) > 0.051 {
		return fmt.Sprintf("light week: the card says %.1f km, accepting writes %.2f km", total, planned), note
	}
	// the cut is a rounded percentage of a rounded base: held to 0.06 km
	if base > 0 && math.Abs(float64(cut)-100*(1-total/base)) > 1 && math.Abs(total-(1-float64(cut)/100)*base) > 0.06 {
		return fmt.Sprintf("light week: %d%% less than %.1f km is not %.1f km", cut, base, total), note
	}
	if last7 > 0 && total >= last7 {
		return fmt.Sprintf("light week: %.1f km is not below the last 7 days' %.1f km", total, last7), note
	}
	return "", note
}

// civil is the day number of t in loc.
func civil(t time.Time, loc *time.Location) int {
	y, mo, d := t.In(loc).Date()
	return int(time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}
