package tcx

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestImpossibleTimes: a trackpoint stamped 64 years ahead is dropped with a
// warning, and the laps' sample ranges follow the samples kept.
func TestImpossibleTimes(t *testing.T) {
	var b strings.Builder
	t0 := time.Date(2021, 9, 27, 14, 0, 0, 0, time.UTC)
	b.WriteString(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2021-09-27T14:00:00Z</Id>`)
	for lap := range 2 {
		fmt.Fprintf(&b, `<Lap StartTime="%s"><TotalTimeSeconds>50</TotalTimeSeconds><DistanceMeters>150</DistanceMeters><Track>`, t0.Add(time.Duration(lap*50)*time.Second).Format(time.RFC3339))
		for k := range 50 {
			i := lap*50 + k
			tm := t0.Add(time.Duration(i) * time.Second)
			if i == 20 {
				tm = tm.AddDate(64, 0, 0)
			}
			fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><DistanceMeters>%d</DistanceMeters></Trackpoint>`, tm.Format(time.RFC3339), 3*i)
		}
		b.WriteString(`</Track></Lap>`)
	}
	b.WriteString(`</Activity></Activities></TrainingCenterDatabase>`)
	acts, err := Decode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if a.Track.Len() != 99 || !slices.IsSorted(a.Track.Time) {
		t.Fatalf("%d samples, sorted %v", a.Track.Len(), slices.IsSorted(a.Track.Time))
	}
	if len(a.Laps) != 2 || a.Laps[0].First != 0 || a.Laps[0].Last != 48 || a.Laps[1].First != 49 || a.Laps[1].Last != 98 {
		t.Errorf("laps %+v", a.Laps)
	}
	if !strings.Contains(strings.Join(a.Warnings, "; "), "1 trackpoints with impossible times") {
		t.Errorf("warnings %q", a.Warnings)
	}
	if a.Totals.ElapsedS > 200 || a.Laps[1].ElapsedS > 100 {
		t.Errorf("elapsed %v, last lap %v", a.Totals.ElapsedS, a.Laps[1].ElapsedS)
	}
}

// TestOutOfOrderStretch: a whole lap recorded before the lap it follows in
// the file (more than SaneTimes drops) is moved into place with a warning,
// as the FIT decoder does; each lap spans where its samples landed and the
// elapsed time runs to the end of the later lap.
func TestOutOfOrderStretch(t *testing.T) {
	var b strings.Builder
	t0 := time.Date(2021, 9, 27, 14, 0, 0, 0, time.UTC)
	b.WriteString(`<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2021-09-27T14:00:00Z</Id>`)
	for _, lap := range []int{1, 0} { // the second lap first
		fmt.Fprintf(&b, `<Lap StartTime="%s"><TotalTimeSeconds>50</TotalTimeSeconds><DistanceMeters>150</DistanceMeters><Track>`, t0.Add(time.Duration(lap*50)*time.Second).Format(time.RFC3339))
		for k := range 50 {
			i := lap*50 + k
			fmt.Fprintf(&b, `<Trackpoint><Time>%s</Time><DistanceMeters>%d</DistanceMeters></Trackpoint>`, t0.Add(time.Duration(i)*time.Second).Format(time.RFC3339), 3*i)
		}
		b.WriteString(`</Track></Lap>`)
	}
	b.WriteString(`</Activity></Activities></TrainingCenterDatabase>`)
	acts, err := Decode(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	a := acts[0]
	if a.Track.Len() != 100 || !slices.IsSorted(a.Track.Time) || a.Track.Dist[0] != 0 || a.Track.Dist[99] != 297 {
		t.Fatalf("%d samples, sorted %v", a.Track.Len(), slices.IsSorted(a.Track.Time))
	}
	if len(a.Laps) != 2 || a.Laps[0].First != 50 || a.Laps[0].Last != 99 || a.Laps[1].First != 0 || a.Laps[1].Last != 49 {
		t.Errorf("laps %+v", a.Laps)
	}
	if !strings.Contains(strings.Join(a.Warnings, "; "), "50 trackpoints recorded out of time order moved into place") {
		t.Errorf("warnings %q", a.Warnings)
	}
	if a.Totals.ElapsedS != 100 { // the later lap's start + its timer
		t.Errorf("elapsed %v, want 100", a.Totals.ElapsedS)
	}
}
