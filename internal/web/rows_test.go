package web

import (
	"bytes"
	"html/template"
	"math"
	"math/rand/v2"
	"testing"

	"rekindle"
)

// TestActivityRowsSameMarkup: the activity page's laps, splits and best
// efforts rows written in Go are the markup its template's rows wrote,
// in both units, for ordinary and odd values (zero, negative, NaN,
// infinite, names to escape).
func TestActivityRowsSameMarkup(t *testing.T) {
	const inline = `<table>{{range $i, $l := .Laps}}<tr><td>{{inc $i}}</td><td class="num">{{dist $l.DistanceM}}</td><td class="num">{{dur (or1 $l.TimerS $l.ElapsedS)}}</td><td class="num">{{pace (speed $l.DistanceM (or1 $l.TimerS $l.ElapsedS))}}</td><td class="num">{{if $l.AvgHR}}{{printf "%.0f" $l.AvgHR}}{{end}}</td></tr>{{end}}</table>` +
		`<table>{{range .Splits}}<tr><td>{{.Index}}</td><td class="num">{{dur .MovingS}}</td><td class="num">{{pace (speed .DistanceM .MovingS)}}</td><td class="num">{{if .AvgHR}}{{printf "%.0f" .AvgHR}}{{end}}</td><td class="num">{{printf "%.0f" .AscentM}} m</td></tr>{{end}}</table>` +
		`<table>{{range .Efforts}}<tr><td>{{.Name}}</td><td class="num">{{dur .ElapsedS}}</td><td class="num">{{pace (speed .DistanceM .ElapsedS)}}</td></tr>{{end}}</table>`
	const rows = `<table>{{lapRows .Laps}}</table><table>{{splitRows .Splits}}</table><table>{{effortRows .Efforts}}</table>`
	odd := []float64{0, -1, math.NaN(), math.Inf(1), math.Inf(-1), 0.2, 1e9, 3.5, 59.99, 3599.6}
	rng := rand.New(rand.NewPCG(16, 24))
	val := func(scale float64) float64 {
		if rng.IntN(4) == 0 {
			return odd[rng.IntN(len(odd))]
		}
		return rng.Float64() * scale
	}
	names := []string{"1k", "5k", "half", `<b>"a" & 'b' + c</b>`, "mi\x00le", ""}
	w := &Web{hashes: map[string]string{}}
	for _, unit := range []rekindle.Unit{rekindle.UnitKm, rekindle.UnitMi} {
		u := unitsOf[unit]
		a := template.Must(template.New("a").Funcs(w.funcs(u)).Parse(inline))
		b := template.Must(template.New("b").Funcs(w.funcs(u)).Parse(rows))
		for n := range 200 {
			var d struct {
				Laps    []rekindle.Lap
				Splits  []rekindle.Split
				Efforts []rekindle.Effort
			}
			for i := range n % 13 {
				d.Laps = append(d.Laps, rekindle.Lap{DistanceM: val(5000), TimerS: val(1500), ElapsedS: val(1600), AvgHR: val(190)})
				d.Splits = append(d.Splits, rekindle.Split{Index: i + 1, DistanceM: val(1609), MovingS: val(400), AvgHR: val(190), AscentM: val(40)})
				d.Efforts = append(d.Efforts, rekindle.Effort{Name: names[rng.IntN(len(names))], DistanceM: val(42195), ElapsedS: val(12000)})
			}
			var x, y bytes.Buffer
			if err := a.Execute(&x, d); err != nil {
				t.Fatal(err)
			}
			if err := b.Execute(&y, d); err != nil {
				t.Fatal(err)
			}
			if x.String() != y.String() {
				t.Fatalf("%s, %d rows:\n%s\nwant\n%s", unit, n%13, y.String(), x.String())
			}
		}
	}
}
