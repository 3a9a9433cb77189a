package place

import (
	"testing"
	"time"
)

// startsAt makes n starts a day at the given local hours (round robin) in
// a zone east of UTC by off hours, from a fixed day.
func startsAt(off int, hours []int, days int) []time.Time {
	loc := time.FixedZone("", off*3600)
	var out []time.Time
	for d := 0; d < days; d++ {
		h := hours[d%len(hours)]
		out = append(out, time.Date(2024, 3, 1+d, h, 17*(d%3), 0, 0, loc))
	}
	return out
}

// A summary-only runner at UTC+8 who runs at 6–7 am and 7–9 pm local: the
// Saturday 6:26 am half is Friday 22:26 UTC, and UTC day buckets put it on
// Friday. The night gap settles the offset.
func TestOffsetFromStartsMorningAndEveningRunner(t *testing.T) {
	starts := startsAt(8, []int{6, 19, 7, 20, 6, 21, 18, 9, 12}, 200)
	// a few odd starts in the small hours do not move it
	starts = append(starts, time.Date(2024, 5, 1, 17, 30, 0, 0, time.UTC)) // 1:30 am local
	o, ok := OffsetFromStarts(starts)
	if !ok || o.Hours != 8 || o.Zone != "Etc/GMT-8" || o.Label() != "UTC+8" {
		t.Fatalf("offset %+v ok=%v, want UTC+8 (Etc/GMT-8)", o, ok)
	}
	if o.Confidence < minOffsetConfidence || o.Starts != 201 || o.Sureness() != "fairly sure" {
		t.Errorf("confidence %.2f (%s), starts %d", o.Confidence, o.Sureness(), o.Starts)
	}
	loc, err := time.LoadLocation(o.Zone)
	if err != nil {
		t.Fatal(err)
	}
	half := time.Date(2015, 8, 14, 22, 26, 0, 0, time.UTC)
	if wd := half.In(loc).Weekday(); wd != time.Saturday {
		t.Errorf("the 22:26 UTC Friday start is on %s at %s, want Saturday", wd, o.Zone)
	}
}

// West of UTC too: a New York runner (UTC−5), from 5 am to 9 pm local.
func TestOffsetFromStartsWest(t *testing.T) {
	o, ok := OffsetFromStarts(startsAt(-5, []int{6, 18, 5, 17, 12, 19, 21, 7}, 120))
	if !ok || o.Hours != -5 || o.Zone != "Etc/GMT+5" || o.Label() != "UTC-5" {
		t.Fatalf("offset %+v ok=%v, want UTC-5", o, ok)
	}
}

// What the hours cannot settle is left alone: too few starts, starts
// round the clock (a shift worker), and two quiet gaps 12 hours apart (runs
// only at 6 am and 6 pm: UTC+0 and UTC+12 fit alike).
func TestOffsetFromStartsUnsure(t *testing.T) {
	if o, ok := OffsetFromStarts(startsAt(8, []int{6, 19}, MinOffsetStarts-1)); ok {
		t.Errorf("too few starts: got %+v", o)
	}
	var round []int
	for h := 0; h < 24; h++ {
		round = append(round, h)
	}
	if o, ok := OffsetFromStarts(startsAt(1, round, 240)); ok {
		t.Errorf("starts round the clock: got %+v", o)
	}
	if o, ok := OffsetFromStarts(startsAt(0, []int{6, 18}, 200)); ok {
		t.Errorf("two gaps 12 hours apart: got %+v", o)
	}
}
