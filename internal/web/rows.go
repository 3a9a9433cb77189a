package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/units"
)

// The formatting functions the templates call (dist, pace, speed, or1,
// dur) and the activity page's table rows written with them in Go: a
// template action per cell cost a reflected call and an escaper call
// each, most of the page's allocations.

// distText writes a distance in the view's unit: the one rule for
// distances (7.6 km everywhere), "—" for none.
func (u unitView) distText(m float64) string {
	if m <= 0 || math.IsNaN(m) {
		return "—"
	}
	return units.Show(m, rekindle.Unit(u.dist))
}

// paceText writes a speed (m/s) as a pace per unit, "—" for none.
func (u unitView) paceText(ms float64) string {
	if ms <= 0.3 || math.IsNaN(ms) || math.IsInf(ms, 0) {
		return "—"
	}
	return units.ClockOr(u.distM/ms, "—") + " /" + u.dist
}

// speedOf is m over s, 0 without time.
func speedOf(m, s float64) float64 {
	if s <= 0 {
		return 0
	}
	return m / s
}

// or1 is a when positive, else b.
func or1(a, b float64) float64 {
	if a > 0 {
		return a
	}
	return b
}

// durText writes seconds as a clock, "—" for none.
func durText(s float64) string { return units.ClockOr(s, "—") }

// htmlText escapes s for HTML text as html/template does (its
// htmlEscaper's table: the same bytes as a template action).
var htmlText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// row writes one table row: the first cell, then each of nums in a
// numeric cell, every cell's text escaped as a template action would.
func row(b *strings.Builder, first string, nums ...string) {
	b.WriteString("<tr><td>")
	b.WriteString(htmlText.Replace(first))
	for _, n := range nums {
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(n))
	}
	b.WriteString("</td></tr>")
}

// hrText writes a mean heart rate, nothing for none.
func hrText(hr float64) string {
	if hr == 0 {
		return ""
	}
	return fmt.Sprintf("%.0f", hr)
}

// lapRows is the laps table's body: per lap its number, distance, time,
// pace and average heart rate (as the template's row wrote it).
func (u unitView) lapRows(ls []rekindle.Lap) template.HTML {
	var b strings.Builder
	for i, l := range ls {
		t := or1(l.TimerS, l.ElapsedS)
		row(&b, strconv.Itoa(i+1), u.distText(l.DistanceM), durText(t), u.paceText(speedOf(l.DistanceM, t)), hrText(l.AvgHR))
	}
	return template.HTML(b.String())
}

// splitRows is the splits table's body: per split its index, moving time,
// pace, average heart rate and gain.
func (u unitView) splitRows(ss []rekindle.Split) template.HTML {
	var b strings.Builder
	for _, s := range ss {
		row(&b, strconv.Itoa(s.Index), durText(s.MovingS), u.paceText(speedOf(s.DistanceM, s.MovingS)), hrText(s.AvgHR), fmt.Sprintf("%.0f m", s.AscentM))
	}
	return template.HTML(b.String())
}

// effortRows is the best efforts table's body: per effort its name, time
// and pace.
func (u unitView) effortRows(es []rekindle.Effort) template.HTML {
	var b strings.Builder
	for _, e := range es {
		row(&b, e.Name, durText(e.ElapsedS), u.paceText(speedOf(e.DistanceM, e.ElapsedS)))
	}
	return template.HTML(b.String())
}
