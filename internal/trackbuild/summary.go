package trackbuild

import (
	"fmt"
	"math"
	"strings"
	"time"

	"rekindle"
)

// Describe writes a compact, stable text summary of an activity: what a
// decoder produced, for golden files and debugging.
func Describe(a *rekindle.Activity) string {
	var b strings.Builder
	t := &a.Track
	fmt.Fprintf(&b, "activity %d: %s sport=%s sub=%q name=%q device=%q\n", a.Source.Index, a.Source.Format, a.Sport, a.SubSport, a.Name, a.Device)
	if a.Description != "" {
		fmt.Fprintf(&b, "  description=%q\n", a.Description)
	}
	if a.Multisport != "" {
		fmt.Fprintf(&b, "  multisport=%s leg=%d\n", a.Multisport, a.MultisportLeg)
	}
	fmt.Fprintf(&b, "  start=%s\n", a.Start.UTC().Format(time.RFC3339Nano))
	tt := a.Totals
	fmt.Fprintf(&b, "  totals: dist=%.2f elapsed=%.3f timer=%.3f asc=%.1f desc=%.1f kcal=%.0f avgHR=%.1f maxHR=%.0f cad=%.1f power=%.1f avgSpeed=%.3f maxSpeed=%.3f\n",
		tt.DistanceM, tt.ElapsedS, tt.TimerS, tt.AscentM, tt.DescentM, tt.Calories, tt.AvgHR, tt.MaxHR, tt.AvgCadence, tt.AvgPowerW, tt.AvgSpeedMS, tt.MaxSpeedMS)
	n := t.Len()
	fmt.Fprintf(&b, "  samples=%d channels=%s breaks=%v\n", n, strings.Join(t.Channels(), ","), t.Breaks)
	if n > 0 && t.Time != nil {
		fmt.Fprintf(&b, "  time: first=%s last=%s\n", time.UnixMilli(t.Time[0]).UTC().Format(time.RFC3339Nano), time.UnixMilli(t.Time[n-1]).UTC().Format(time.RFC3339Nano))
	}
	ch64 := func(name string, c []float64) {
		if c != nil {
			cnt, mn, mx, sum := stats(len(c), func(i int) float64 { return c[i] })
			fmt.Fprintf(&b, "  %s: n=%d min=%.6f max=%.6f mean=%.6f first=%.6f last=%.6f\n", name, cnt, mn, mx, sum/math.Max(1, float64(cnt)), c[0], c[len(c)-1])
		}
	}
	ch32 := func(name string, c []float32) {
		if c != nil {
			cnt, mn, mx, sum := stats(len(c), func(i int) float64 { return float64(c[i]) })
			fmt.Fprintf(&b, "  %s: n=%d min=%.2f max=%.2f mean=%.3f\n", name, cnt, mn, mx, sum/math.Max(1, float64(cnt)))
		}
	}
	ch64("lat", t.Lat)
	ch64("lon", t.Lon)
	ch64("dist", t.Dist)
	ch32("ele", t.Ele)
	ch32("hr", t.HR)
	ch32("cadence", t.Cadence)
	ch32("power", t.Power)
	ch32("speed", t.Speed)
	ch32("temp", t.Temp)
	for i, l := range a.Laps {
		fmt.Fprintf(&b, "  lap %d: start=%s elapsed=%.3f timer=%.3f dist=%.2f avgHR=%.0f maxHR=%.0f cad=%.1f power=%.1f kcal=%.0f %s/%s samples=[%d,%d]\n",
			i, l.Start.UTC().Format(time.RFC3339Nano), l.ElapsedS, l.TimerS, l.DistanceM, l.AvgHR, l.MaxHR, l.AvgCadence, l.AvgPowerW, l.Calories, l.Intensity, l.Trigger, l.First, l.Last)
	}
	for _, w := range a.Warnings {
		fmt.Fprintf(&b, "  warning: %s\n", w)
	}
	return b.String()
}

func stats(n int, at func(int) float64) (cnt int, mn, mx, sum float64) {
	mn, mx = math.Inf(1), math.Inf(-1)
	for i := range n {
		v := at(i)
		if math.IsNaN(v) {
			continue
		}
		cnt++
		sum += v
		mn = math.Min(mn, v)
		mx = math.Max(mx, v)
	}
	if cnt == 0 {
		mn, mx = math.NaN(), math.NaN()
	}
	return
}
