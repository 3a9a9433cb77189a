package place

import (
	"testing"
	"time"
)

// peakRunner is a runner on a fixed clock of zone hours east of UTC who
// starts at the given local hours in turn, one a day, with no titles: none
// between 23:00 and 06:00, so the night is as empty an hour west.
func peakRunner(zone int, hours []int) []time.Time {
	local := time.FixedZone("local", zone*3600)
	var starts []time.Time
	for d := 0; d < 300; d++ {
		starts = append(starts, time.Date(2024, 1, 1+d, hours[d%len(hours)], 15, 0, 0, local).UTC())
	}
	return starts
}

// A list with no titles whose night is empty at UTC+7 and UTC+8 (real-96,
// Shenzhen): the night gap takes UTC+7, where the busiest hour, the 6 pm
// after-work run, falls at 5 pm and the earliest morning runs at 5 am. At
// UTC+8 the busiest hour is one people's starts peak at and no run starts
// before 6 am: the offset moves there, and the hint says why. An
// after-work runner at 5 pm whose mornings start at 6 am already keeps
// the night gap's offset (real-89, local times at UTC).
func TestBusiestHourSettlesAFlatNightGap(t *testing.T) {
	sz := peakRunner(8, []int{18, 6, 18, 19, 7, 18, 20, 9, 18, 21, 15, 18, 8, 22, 18, 10, 19, 12})
	o, ok := OffsetFromStarts(sz)
	if !ok || o.Hours != 7 || o.Night != 0 {
		t.Fatalf("night gap: %+v %v, want UTC+7 with an empty night (the case this test is for)", o, ok)
	}
	z, ok := ZoneFromStarts(sz, nil)
	if !ok || z.Zone != "Etc/GMT-8" || z.Offset.Hours != 8 || z.Offset.Hint != PeakHint || z.Offset.Moved != 1 {
		t.Errorf("UTC+8 runner: %+v %v, want Etc/GMT-8 by the busiest hour", z, ok)
	}

	// Busiest at 5 pm, mornings from 6 am: nothing says the night gap's
	// offset is an hour off.
	se := peakRunner(1, []int{17, 6, 17, 18, 7, 17, 19, 9, 17, 20, 15, 17, 8, 21, 17, 10, 18, 12})
	if o, ok := OffsetFromStarts(se); !ok || o.Hours != 1 {
		t.Fatalf("night gap: %+v %v, want UTC+1", o, ok)
	}
	if z, ok := ZoneFromStarts(se, nil); !ok || z.Offset.Hours != 1 || z.Offset.Hint != "" {
		t.Errorf("after-work runner: %+v %v, want the night gap's UTC+1", z.Offset, ok)
	}
}

// The busiest hour does not move an offset the apps' titles fit better
// (held-out real-115, Hong Kong: 98% of its titles fit UTC+8, 76% UTC+9,
// where the busiest hour moved it): a UTC+7 runner whose pattern, without
// titles, the busiest hour moves to UTC+8 keeps UTC+7 when Strava named
// each run by its local hour.
func TestBusiestHourYieldsToTheTitles(t *testing.T) {
	hours := []int{17, 5, 17, 18, 6, 17, 19, 8, 17, 20, 14, 17, 7, 21, 17, 9, 18, 11}
	starts := peakRunner(7, hours)
	if z, ok := ZoneFromStarts(starts, nil); !ok || z.Offset.Hours != 8 || z.Offset.Hint != PeakHint {
		t.Fatalf("without titles: %+v %v, want UTC+8 by the busiest hour (the case this test is for)", z.Offset, ok)
	}
	named := make([]Named, len(starts))
	for i, at := range starts {
		named[i] = Named{At: at, Name: stravaTitle(hours[i%len(hours)])}
	}
	if z, ok := ZoneFromNamedStarts(starts, named); !ok || z.Zone != "Etc/GMT-7" || z.Offset.Hint == PeakHint {
		t.Errorf("with titles: %s %+v %v, want Etc/GMT-7", z.Zone, z.Offset, ok)
	}
}
