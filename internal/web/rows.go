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

// lapRows is the laps table's body: per lap its number, distance, time,
// pace and average heart rate (as the template's row wrote it).
func (u unitView) lapRows(ls []rekindle.Lap) template.HTML {
	var b strings.Builder
	for i, l := range ls {
		t := or1(l.TimerS, l.ElapsedS)
		b.WriteString("<tr><td>")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(u.distText(l.DistanceM)))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(durText(t)))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(u.paceText(speedOf(l.DistanceM, t))))
		b.WriteString(`</td><td class="num">`)
		if l.AvgHR != 0 {
			b.WriteString(htmlText.Replace(fmt.Sprintf("%.0f", l.AvgHR)))
		}
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}

// splitRows is the splits table's body: per split its index, moving time,
// pace, average heart rate and gain.
func (u unitView) splitRows(ss []rekindle.Split) template.HTML {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString("<tr><td>")
		b.WriteString(strconv.Itoa(s.Index))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(durText(s.MovingS)))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(u.paceText(speedOf(s.DistanceM, s.MovingS))))
		b.WriteString(`</td><td class="num">`)
		if s.AvgHR != 0 {
			b.WriteString(htmlText.Replace(fmt.Sprintf("%.0f", s.AvgHR)))
		}
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(fmt.Sprintf("%.0f", s.AscentM)))
		b.WriteString(" m</td></tr>")
	}
	return template.HTML(b.String())
}

// effortRows is the best efforts table's body: per effort its name, time
// and pace.
func (u unitView) effortRows(es []rekindle.Effort) template.HTML {
	var b strings.Builder
	for _, e := range es {
		b.WriteString("<tr><td>")
		b.WriteString(htmlText.Replace(e.Name))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(durText(e.ElapsedS)))
		b.WriteString(`</td><td class="num">`)
		b.WriteString(htmlText.Replace(u.paceText(speedOf(e.DistanceM, e.ElapsedS))))
		b.WriteString("</td></tr>")
	}
	return template.HTML(b.String())
}
