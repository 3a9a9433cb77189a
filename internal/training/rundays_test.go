package training

import (
	"slices"
	"testing"
	"time"
)

func TestUsualRunDays(t *testing.T) {
	const (
		su, mo, tu, we, th, fr, sa = time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday
	)
	for _, c := range []struct {
		name    string
		weeks   [7]int // Sunday first
		dist    [7]float64
		min     int
		perWeek float64
		want    []time.Weekday
	}{
		// Five runs a week on shifting days: every weekday run on in two
		// of four weeks, still five days (the light week of seven runs).
		{"shifting days", [7]int{3, 3, 3, 3, 2, 2, 4}, [7]float64{9, 6, 6, 6, 6, 7, 6}, 2, 5, []time.Weekday{su, mo, tu, we, sa}},
		// 4.5 a week keeps 4: a plan keeps or reduces, never adds a day.
		{"half down", [7]int{3, 3, 3, 3, 2, 2, 4}, [7]float64{9, 6, 6, 6, 6, 7, 6}, 2, 4.5, []time.Weekday{su, mo, tu, sa}},
		// Ties go to the longer usual run, then Monday first.
		{"ties", [7]int{2, 2, 2, 2, 2, 2, 2}, [7]float64{5, 5, 5, 5, 5, 8, 5}, 2, 2, []time.Weekday{mo, fr}},
		// Fewer regular days than runs a week: only the regular ones.
		{"fewer", [7]int{4, 0, 4, 1, 4, 0, 1}, [7]float64{}, 2, 5, []time.Weekday{su, tu, th}},
		{"uncapped", [7]int{4, 0, 4, 1, 4, 0, 1}, [7]float64{}, 1, 0, []time.Weekday{su, tu, we, th, sa}},
		{"under one a week", [7]int{0, 0, 1, 0, 0, 0, 1}, [7]float64{0, 0, 5, 0, 0, 0, 9}, 1, 0.5, []time.Weekday{sa}},
	} {
		if got := UsualRunDays(c.weeks, c.dist, c.min, c.perWeek); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
