package athlete

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestActivityPageCharts: the activity page's view, read without the
// track, says the same charts as the view made from the decoded track's
// series, and is otherwise the same view — for tracks with every channel,
// time and heart rate only, positions without heart rate, and none.
func TestActivityPageCharts(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "charts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath := &rekindle.Athlete{Name: "charts", TimeZone: "Europe/Paris"}
	if err := st.CreateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	track := func(n int, pos, hr, ele bool) rekindle.Track {
		var tr rekindle.Track
		t0 := testkit.Midnight.UnixMilli()
		for i := range n {
			tr.Time = append(tr.Time, t0+int64(i)*1000)
			if pos {
				tr.Lat = append(tr.Lat, 43.73+float64(i)*1e-5)
				tr.Lon = append(tr.Lon, 7.42+float64(i)*1e-5)
			}
			if hr {
				tr.HR = append(tr.HR, float32(140+i%10))
			}
			if ele {
				tr.Ele = append(tr.Ele, float32(10+i%7))
			}
		}
		return tr
	}
	cases := map[string]rekindle.Track{
		"all":         track(1200, true, true, true),
		"time and hr": track(300, false, true, false),
		"positions":   track(50, true, false, false),
		"none":        {},
	}
	a := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
	i := 0
	for name, tr := range cases {
		i++
		x := &rekindle.Activity{Start: testkit.Midnight.AddDate(0, 0, -i), Sport: rekindle.SportRunning, Name: name, Track: tr,
			Laps:   []rekindle.Lap{{DistanceM: 1000, ElapsedS: 300}},
			Source: rekindle.Source{Format: rekindle.FormatGPX, File: name + ".gpx", SHA256: fmt.Sprintf("%064x", i)}}
		x.Summary.DistanceM, x.Summary.MovingS = 5000, 1500
		x.Summary.Splits = []rekindle.Split{{Unit: "km", Index: 1, DistanceM: 1000, MovingS: 300, ElapsedS: 300, AvgHR: math.NaN()}}
		if err := st.SaveActivity(ctx, ath.ID, x); err != nil {
			t.Fatal(err)
		}
		full, err := a.Activity(ctx, ath, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		page, err := a.ActivityPage(ctx, ath, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		if page.Charts != full.Charts || full.Charts != chartsOf(&full.Series) {
			t.Errorf("%s: page charts %+v, from the series %+v", name, page.Charts, full.Charts)
		}
		if want := tr.Len() > 0; full.Charts.Samples != want {
			t.Errorf("%s: samples %v, want %v", name, full.Charts.Samples, want)
		}
		if page.Activity.Track.Len() != 0 || page.Series.DistKm != nil {
			t.Errorf("%s: the page read the track (%d samples)", name, page.Activity.Track.Len())
		}
		// But for the track, its series and the charts, the same view.
		p, f := *page, *full
		p.Activity, f.Activity, f.Series = nil, nil, Series{}
		if !reflect.DeepEqual(p, f) {
			t.Errorf("%s: page view %+v\nfull view %+v", name, p, f)
		}
	}
	if _, err := a.ActivityPage(ctx, ath, 999999); err == nil {
		t.Error("a missing activity has a page")
	}
}
