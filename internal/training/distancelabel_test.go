package training

import (
	"testing"
	"time"
)

// TestBareDistanceNameOnManyRunsIsALabel: a race distance's bare name
// ("半马", "Half Marathon") on five or more of the runner's runs of the
// year before is their name for a run of that length, not an event, unless
// this one was run at a race heart rate; an event's name ("parkrun") and a
// name said once or twice still name a race. Held-out real-120 titled 49
// Sunday long runs "半马" at his everyday heart rate, each read as a half
// marathon race.
func TestBareDistanceNameOnManyRunsIsALabel(t *testing.T) {
	sun := time.Date(2018, 7, 1, 5, 40, 0, 0, time.UTC)
	// usual pace 5:40/km, everyday heart rate 150, the hardest fifth 165
	ctx := RaceContext{TypicalSpeedMS: 1000 / 340.0, TypicalHR: 150, RecentHR: 150, HighHR: 165}
	half := func(name string, hr float64) RaceRun {
		// at the usual pace
		return RaceRun{Name: name, DistanceM: 21100, MovingS: 21.1 * 340, AvgHR: hr, Start: sun}
	}
	labels := func(label string, n int) []string {
		var ls []string
		for range n {
			ls = append(ls, label)
		}
		return append(ls, "", "")
	}
	many := func(name string) int {
		l, _ := NameLabel(name)
		return LabelRunsOf(l, labels(l, 8), make([]string, 10))
	}
	tests := []struct {
		what   string
		run    RaceRun
		labels int
		want   bool
	}{
		{"\"半马\" on 8 runs before, everyday heart rate", half("半马", 150), many("半马"), false},
		{"\"Half Marathon\" on 8 runs before, everyday heart rate", half("Half Marathon", 150), many("Half Marathon"), false},
		// said once or twice before: still the race's name
		{"\"半马\" on 2 runs before", half("半马", 150), 2, true},
		// at a race heart rate: a race, whatever the habit of naming
		{"\"半马\" on 8 runs before, at heart rate 172", half("半马", 172), many("半马"), true},
		// an event's name, and a name with more than the distance in it
		{"\"parkrun\" on 8 runs before", RaceRun{Name: "parkrun", DistanceM: 5000, MovingS: 5 * 340, AvgHR: 150, Start: sun}, many("parkrun"), true},
		{"\"女子半马\" (the women's half)", half("女子半马", 150), many("女子半马"), true},
	}
	for _, tt := range tests {
		c := ctx
		c.LabelRuns = tt.labels
		if got := RecogniseRace(tt.run, c); got.Race != tt.want {
			t.Errorf("%s: RecogniseRace = %+v, want race %v", tt.what, got, tt.want)
		}
	}
	if l, tok := NameLabel("半马"); l != distanceLabelMark+"半马" || tok != "" {
		t.Errorf("NameLabel(半马) = %q, %q", l, tok)
	}
	if l, _ := NameLabel("parkrun"); l == distanceLabelMark+"parkrun" {
		t.Errorf("NameLabel(parkrun) = %q: an event's name is no bare distance", l)
	}
}
