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

// A gap of even width has two middles: the quieter one is taken, not the
// western one. A Suzhou runner (UTC+8) who starts from 6 am to 10 pm and
// once at 5:30 am: UTC+7 puts that start at 4:30 am, barely noisier, and
// was taken as the middle of the quiet UTC+7…UTC+8; UTC+8 is quieter.
func TestOffsetFromStartsEvenGapTakesTheQuieterMiddle(t *testing.T) {
	hours := []int{6, 7, 12, 12, 18, 19, 20, 21, 22, 6}
	starts := startsAt(8, hours, 1000)
	starts = append(starts, time.Date(2024, 5, 1, 21, 30, 0, 0, time.UTC)) // 5:30 am at UTC+8
	o, ok := OffsetFromStarts(starts)
	if !ok || o.Hours != 8 {
		t.Fatalf("offset %+v ok=%v, want UTC+8", o, ok)
	}
}

// A name script moves the offset by an hour when the night stays quiet
// there, and never further: a Tokyo runner who runs late (10 and 11 pm)
// (the night gap alone says UTC+8) and names runs in Japanese is at UTC+9.
func TestOffsetFromStartsHinted(t *testing.T) {
	hours := []int{23, 22, 19, 20, 21, 22, 6, 8, 9, 12, 18, 20, 21, 22, 19, 20, 6, 10, 22, 21}
	starts := startsAt(9, hours, 400)
	o, ok := OffsetFromStarts(starts)
	if !ok || o.Hours != 8 {
		t.Fatalf("hours alone: %+v ok=%v, want UTC+8 (the gap's guess)", o, ok)
	}
	hint := ScriptHint([]string{"", "月曜ラン", "東京マラソン", "5k"})
	if hint.Hours != 9 || hint.Why != "names written in Japanese" {
		t.Fatalf("hint %+v", hint)
	}
	o, ok = OffsetFromStartsHinted(starts, hint)
	if !ok || o.Hours != 9 || o.Zone != "Etc/GMT-9" || o.Hint != hint.Why {
		t.Fatalf("hinted: %+v ok=%v, want UTC+9 from the names", o, ok)
	}
	// a hint two hours away, or to a busy night, is not taken
	if o, _ := OffsetFromStartsHinted(starts, Hint{Hours: 10, Why: "x"}); o.Hours != 8 || o.Hint != "" {
		t.Errorf("a hint two hours away moved it: %+v", o)
	}
	west := startsAt(-5, []int{6, 18, 5, 17, 12, 19, 21, 7}, 120)
	if o, _ := OffsetFromStartsHinted(west, Hint{Hours: -6, Why: "x"}); o.Hours != -5 {
		t.Errorf("a hint to a busy night (5 am starts at 4 am) moved it: %+v", o)
	}
	// unsettled hours stay unsettled whatever the names say
	if o, ok := OffsetFromStartsHinted(startsAt(0, []int{6, 18}, 200), Hint{Hours: 0, Why: "x"}); ok {
		t.Errorf("two gaps 12 hours apart, hinted: got %+v", o)
	}
}

func TestScriptHint(t *testing.T) {
	for _, c := range []struct {
		names []string
		hours int
		why   string
	}{
		{[]string{"2023 서울 달리기 하프", "JTBC마라톤", "Morning Run"}, 9, "names written in Korean"},
		{[]string{"半程马拉松", "越野", "Lunch Run"}, 8, "names written in Chinese"},
		{[]string{"東京マラソン", "皇居ラン", "半程马拉松"}, 9, "names written in Japanese"},
		{[]string{"Morning Run", "maratona di Venezia", ""}, 0, ""},
		{[]string{"马拉松", "서울 하프"}, 0, ""}, // no majority
		{nil, 0, ""},
	} {
		h := ScriptHint(c.names)
		if h.Hours != c.hours || h.Why != c.why {
			t.Errorf("%q: %+v, want %d %q", c.names, h, c.hours, c.why)
		}
	}
}
