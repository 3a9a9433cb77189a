package training

import (
	"testing"
	"time"
)

// Race names in traditional characters (Hong Kong, Macau, Taiwan) and the
// meets of a school or club runner name a race as their simplified forms
// do (held-out real-159, a Hong Kong school runner: "屯門區長跑賽2025",
// "揚州半程馬拉松", "越野錦標賽", "田徑友誼賽", "陸運會3000" were read as
// training or as unnamed guesses). "賽馬會" (the Jockey Club, a fun run's
// sponsor) names no race, and a run titled with a race distance's bare
// name far short of it stays a run.
func TestTraditionalChineseRaceNames(t *testing.T) {
	sun := time.Date(2025, 2, 16, 9, 0, 0, 0, time.UTC)
	tue := time.Date(2025, 2, 18, 18, 0, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 330.0, MaxHR: 195} // usual 5:30/km
	for _, c := range []struct {
		r    RaceRun
		want bool
	}{
		{RaceRun{Name: "屯門區長跑賽2025", DistanceM: 5580, MovingS: 5.58 * 320, Start: sun}, true},
		{RaceRun{Name: "越野錦標賽", DistanceM: 11790, MovingS: 11.79 * 425, Start: sun}, true},
		{RaceRun{Name: "田徑友誼賽", DistanceM: 3000, MovingS: 3 * 300, Start: tue}, true},
		{RaceRun{Name: "陸運會3000", DistanceM: 3000, MovingS: 3 * 300, Start: tue}, true},
		{RaceRun{Name: "貴陽馬拉松", DistanceM: 21270, MovingS: 21.27 * 340, Start: sun}, true},
		{RaceRun{Name: "全運會群眾選拔比賽", DistanceM: 7000, MovingS: 7 * 340, Start: sun}, true},
		{RaceRun{Name: "賽馬會活力跑", DistanceM: 2180, MovingS: 2.18 * 330, Start: sun}, false},
		{RaceRun{Name: "晨跑", DistanceM: 5580, MovingS: 5.58 * 330, Start: sun}, false},
	} {
		if got := RecogniseRace(c.r, ctx).Race; got != c.want {
			t.Errorf("%q %.1f km: race %v, want %v (%s)", c.r.Name, c.r.DistanceM/1000, got, c.want, RecogniseRace(c.r, ctx).Reason)
		}
	}
	if d := namedDistance("揚州半程馬拉松"); d != halfM {
		t.Errorf("揚州半程馬拉松 names %.0f m, want the half", d)
	}
	if d := namedDistance("貴陽馬拉松"); d != marathonM {
		t.Errorf("貴陽馬拉松 names %.0f m, want the marathon", d)
	}
}

// A mountain-running race titled "…跑山赛" is a race by its name, at a trail
// pace far slower than the runner's road runs and at no standard distance
// (held-out real-173's "可隆跑山赛", 11.2 km in 1:25:52, and "凯乐石跑山赛",
// 10.2 km in 3:08:26); a plain mountain run ("周末跑山") is not.
func TestMountainRaceNames(t *testing.T) {
	sat := time.Date(2023, 10, 14, 6, 20, 0, 0, time.UTC)
	ctx := RaceContext{TypicalSpeedMS: 1000 / 340.0, MaxHR: 190} // usual 5:40/km
	for _, c := range []struct {
		r    RaceRun
		want bool
	}{
		{RaceRun{Name: "可隆跑山赛", DistanceM: 11181, MovingS: 5152, Start: sat}, true},
		{RaceRun{Name: "凯乐石跑山赛", DistanceM: 10187, MovingS: 11306, Start: sat}, true},
		{RaceRun{Name: "香港跑山賽", DistanceM: 12400, MovingS: 12.4 * 560, Start: sat}, true},
		{RaceRun{Name: "周末跑山", DistanceM: 11181, MovingS: 5152, Start: sat}, false},
	} {
		if got := RecogniseRace(c.r, ctx).Race; got != c.want {
			t.Errorf("%q %.1f km: race %v, want %v (%s)", c.r.Name, c.r.DistanceM/1000, got, c.want, RecogniseRace(c.r, ctx).Reason)
		}
	}
}
