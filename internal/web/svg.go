package web

import (
	"fmt"
	"html/template"
	"math"
	"rekindle/internal/athlete"
	"rekindle/internal/units"
	"strconv"
	"strings"

	"rekindle/internal/training"
)

// The SVG charts and map are rendered on the server so that pages show the
// track and the charts with no JavaScript, no vendor assets and no tiles
// (offline); app.js replaces them with interactive ones when it can.

const (
	chartW, chartH = 720.0, 180.0
	// narrowW is the width of the phone variant of each chart: drawn at
	// about a phone's content width, its 12-unit labels stay 11 px or more.
	narrowW    = 280.0
	tickFont   = 12.0
	padL, padR = 48.0, 8.0
	padT, padB = 8.0, 22.0
)

// strokes colour the series (attributes, not CSS: the SVG files are
// also served on their own, as images).
var strokes = map[string]string{"l-pace": "#1971c2", "l-hr": "#e03131", "l-ele": "#5c940d", "l-spark": "#d9480f",
	"l-fit": "#1971c2", "l-fat": "#e03131", "l-form": "#2f9e44"}

// scale maps data to the plot area of a chart w wide (0: chartW).
type scale struct{ x0, x1, y0, y1, w float64 }

// width is the chart's width in SVG units.
func (s scale) width() float64 {
	if s.w > 0 {
		return s.w
	}
	return chartW
}

func (s scale) px(x float64) float64 {
	if s.x1 == s.x0 {
		return padL
	}
	return padL + (x-s.x0)/(s.x1-s.x0)*(s.width()-padL-padR)
}

func (s scale) py(y float64) float64 {
	if s.y1 == s.y0 {
		return chartH / 2
	}
	return padT + (s.y1-y)/(s.y1-s.y0)*(chartH-padT-padB)
}

// svgStride thins the server-side SVG to at most this many points: enough
// for a chart a page wide, and cheap to render.
const svgPoints = 300

// appendXY appends "x,y" with one decimal.
func appendXY(b []byte, x, y float64) []byte {
	b = strconv.AppendFloat(b, math.Round(x*10)/10, 'f', -1, 64)
	b = append(b, ',')
	return strconv.AppendFloat(b, math.Round(y*10)/10, 'f', -1, 64)
}

// polyline writes the path of one series, breaking at missing values.
func polyline(b *strings.Builder, s scale, xs []float64, ys []*float64, class string) {
	stride := max(1, (len(xs)+svgPoints-1)/svgPoints)
	var seg []byte
	n := 0
	flush := func() {
		if n > 1 {
			b.WriteString(`<polyline class="`)
			b.WriteString(class)
			b.WriteString(`" stroke="`)
			b.WriteString(strokes[class])
			b.WriteString(`" stroke-width="2" stroke-linejoin="round" fill="none" points="`)
			b.Write(seg)
			b.WriteString(`"/>`)
		}
		seg, n = seg[:0], 0
	}
	for i := 0; i < len(xs); i += stride {
		if i >= len(ys) || ys[i] == nil {
			flush()
			continue
		}
		if n > 0 {
			seg = append(seg, ' ')
		}
		seg = appendXY(seg, s.px(xs[i]), s.py(*ys[i]))
		n++
	}
	flush()
}

func bounds(ys []*float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range ys {
		if v != nil {
			lo, hi = math.Min(lo, *v), math.Max(hi, *v)
		}
	}
	return lo, hi, !math.IsInf(lo, 0)
}

// percentileBounds trims pace outliers (stops) from the axis.
func percentileBounds(ys []*float64, p float64) (lo, hi float64, ok bool) {
	var v []float64
	for _, y := range ys {
		if y != nil {
			v = append(v, *y)
		}
	}
	if len(v) == 0 {
		return 0, 0, false
	}
	sortFloats(v)
	return v[int(float64(len(v)-1)*(1-p))], v[int(float64(len(v)-1)*p)], true
}

func sortFloats(v []float64) {
	// insertion sort is enough for ≤ MaxPoints values
	for i := 1; i < len(v); i++ {
		for j := i; j > 0 && v[j] < v[j-1]; j-- {
			v[j], v[j-1] = v[j-1], v[j]
		}
	}
}

func svgOpen(b *strings.Builder, label string, s scale) {
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="svgchart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" font-family="system-ui, sans-serif">`, s.width(), chartH, template.HTMLEscapeString(label))
}

// axes draws the grid and the labels: y at yticks (nil: four even ones),
// x at five (three on a narrow chart).
func axes(b *strings.Builder, s scale, yticks []float64, yfmt func(float64) string, xfmt func(float64) string) {
	if yticks == nil {
		for i := 0; i <= 3; i++ {
			yticks = append(yticks, s.y0+(s.y1-s.y0)*float64(i)/3)
		}
	}
	for _, y := range yticks {
		py := s.py(y)
		fmt.Fprintf(b, `<line class="grid" stroke="#ece8e1" x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f"/>`, padL, s.width()-padR, py, py)
		fmt.Fprintf(b, `<text class="tick" font-size="%.0f" fill="#5b6570" x="%.0f" y="%.1f" text-anchor="end">%s</text>`, tickFont, padL-4, py+4, template.HTMLEscapeString(yfmt(y)))
	}
	nx := 4
	if s.width() < chartW {
		nx = 2
	}
	for i := 0; i <= nx; i++ {
		x := s.x0 + (s.x1-s.x0)*float64(i)/float64(nx)
		anchor := "middle"
		switch i {
		case nx:
			anchor = "end"
		case 0:
			anchor = "start"
		}
		fmt.Fprintf(b, `<text class="tick" font-size="%.0f" fill="#5b6570" x="%.1f" y="%.0f" text-anchor="%s">%s</text>`, tickFont, s.px(x), chartH-6, anchor, template.HTMLEscapeString(xfmt(x)))
	}
}

// PaceTicks are the pace axis labels between lo and hi (seconds per
// display unit): whole steps of 0:15, 0:30, 1:00, 2:00 or 5:00, the
// smallest that gives at most 5 labels, and never fewer than 3 (the range
// is widened to the steps around it). It returns the ticks and the
// widened range.
func PaceTicks(lo, hi float64) (ticks []float64, lo2, hi2 float64) {
	if hi < lo {
		lo, hi = hi, lo
	}
	for _, step := range []float64{15, 30, 60, 120, 300, 600} {
		a, z := math.Floor(lo/step)*step, math.Ceil(hi/step)*step
		n := int(math.Round((z-a)/step)) + 1
		if n > 5 {
			continue
		}
		for n < 3 {
			a -= step
			if n++; n < 3 {
				z += step
				n++
			}
		}
		for v := a; v <= z+step/2; v += step {
			ticks = append(ticks, v)
		}
		return ticks, a, z
	}
	return []float64{lo, (lo + hi) / 2, hi}, lo, hi
}

// chartSeries draws one channel of an activity against distance (or time
// when there is no distance).
func chartSeries(sr athlete.Series, which string, u unitView) template.HTML {
	return chartSeriesW(sr, which, u, chartW)
}

// chartSeriesW is chartSeries drawn w units wide.
func chartSeriesW(sr athlete.Series, which string, u unitView, w float64) template.HTML {
	xs, xfmt := sr.DistKm, func(x float64) string { return fmt.Sprintf("%.1f %s", x*1000/u.distM, u.dist) }
	if len(xs) == 0 || xs[len(xs)-1] == 0 {
		xs, xfmt = sr.TimeS, func(x float64) string { return units.ClockOr(x, "—") }
	}
	var ys []*float64
	var yfmt func(float64) string
	var label, class string
	invert := false
	switch which {
	case "pace":
		ys, label, class, invert = sr.PaceS, "Pace", "l-pace", true
		yfmt = func(v float64) string { return units.ClockOr(v*u.distM/1000, "—") }
	case "hr":
		ys, label, class = sr.HR, "Heart rate", "l-hr"
		yfmt = func(v float64) string { return fmt.Sprintf("%.0f", v) }
	case "ele":
		ys, label, class = sr.Ele, "Elevation", "l-ele"
		yfmt = func(v float64) string { return fmt.Sprintf("%.0f m", v) }
	}
	var lo, hi float64
	var ok bool
	if which == "pace" {
		lo, hi, ok = percentileBounds(ys, 0.98)
	} else {
		lo, hi, ok = bounds(ys)
	}
	if !ok || len(xs) < 2 {
		return ""
	}
	if hi-lo < 1 {
		lo, hi = lo-1, hi+1
	}
	var yticks []float64
	if which == "pace" {
		// Ticks on whole steps of the pace as shown (per km or per mile).
		k := u.distM / 1000
		var a, z float64
		yticks, a, z = PaceTicks(lo*k, hi*k)
		for i := range yticks {
			yticks[i] /= k
		}
		lo, hi = a/k, z/k
	}
	s := scale{x0: xs[0], x1: xs[len(xs)-1], y0: lo, y1: hi, w: w}
	if invert { // faster pace up
		s.y0, s.y1 = hi, lo
	}
	clamped := ys
	if which == "pace" {
		clamped = make([]*float64, len(ys))
		for i, v := range ys {
			if v != nil {
				c := math.Max(lo, math.Min(hi, *v))
				clamped[i] = &c
			}
		}
	}
	var b strings.Builder
	svgOpen(&b, label+" chart", s)
	axes(&b, s, yticks, yfmt, xfmt)
	polyline(&b, s, xs, clamped, class)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// svgMap draws the path, projected equirectangularly around its middle.
func svgMap(path [][2]float64) template.HTML { return svgMapOn(path, nil) }

// svgMapOn draws the path over the streets of the athlete's stored street
// graph (athlete.App.StreetsUnder): the map without tiles.
func svgMapOn(path [][2]float64, streets []athlete.StreetLine) template.HTML {
	if len(path) < 2 {
		return ""
	}
	minLa, maxLa, minLo, maxLo := 90.0, -90.0, 180.0, -180.0
	for _, p := range path {
		minLa, maxLa = math.Min(minLa, p[0]), math.Max(maxLa, p[0])
		minLo, maxLo = math.Min(minLo, p[1]), math.Max(maxLo, p[1])
	}
	k := math.Cos((minLa + maxLa) / 2 * math.Pi / 180)
	w, h := (maxLo-minLo)*k, maxLa-minLa
	if w == 0 && h == 0 {
		return ""
	}
	const W, H, pad = 600.0, 400.0, 16.0
	f := math.Min((W-2*pad)/math.Max(w, 1e-9), (H-2*pad)/math.Max(h, 1e-9))
	ox, oy := (W-w*f)/2, (H-h*f)/2
	xy := func(p [2]float64) (float64, float64) { return ox + (p[1]-minLo)*k*f, oy + (maxLa-p[0])*f }
	pt := func(b []byte, p [2]float64) []byte { x, y := xy(p); return appendXY(b, x, y) }
	stride := max(1, (len(path)+svgPoints-1)/svgPoints)
	var pts []byte
	for i := 0; i < len(path); i += stride {
		if i > 0 {
			pts = append(pts, ' ')
		}
		pts = pt(pts, path[i])
	}
	fx, fy := xy(path[0])
	lx, ly := xy(path[len(path)-1])
	label := "Track outline (offline map)"
	if len(streets) > 0 {
		label = "Route over the streets of your street map (offline map)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="svgmap" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s">`, W, H, label)
	fmt.Fprintf(&b, `<rect width="%.0f" height="%.0f" class="mapbg" fill="#eef1ec"/>`, W, H)
	if len(streets) > 0 {
		b.WriteString(`<path class="streets" stroke="#b8c0b4" stroke-width="1.5" stroke-linecap="round" fill="none" d="`)
		var d []byte
		for _, s := range streets {
			d = append(d, 'M')
			d = pt(d, s[0])
			d = append(d, 'L')
			d = pt(d, s[1])
		}
		b.Write(d)
		b.WriteString(`"/>`)
	}
	b.WriteString(`<polyline class="track" stroke="#d9480f" stroke-width="3" stroke-linejoin="round" fill="none" points="`)
	b.Write(pts)
	b.WriteString(`"/>`)
	fmt.Fprintf(&b, `<circle class="start" fill="#2b8a3e" cx="%.1f" cy="%.1f" r="6"><title>start</title></circle>`, fx, fy)
	fmt.Fprintf(&b, `<circle class="finish" fill="#c92a2a" cx="%.1f" cy="%.1f" r="6"><title>finish</title></circle>`, lx, ly)
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// bothWidths renders a chart drawn inline in a page twice: the page shows
// the wide one where it has room and the narrow one in a phone-wide
// space (a container query in app.css), so
// that its labels keep their size on both.
func bothWidths(draw func(w float64) template.HTML) template.HTML {
	wide := draw(chartW)
	if wide == "" {
		return ""
	}
	return template.HTML(`<div class="chart-pair"><div class="chart-wide">`) + wide + template.HTML(`</div><div class="chart-narrow">`) + draw(narrowW) + template.HTML(`</div></div>`)
}

// svgTrend draws the weekly spark score.
func svgTrend(tr []athlete.TrendPoint, u unitView) template.HTML {
	return bothWidths(func(w float64) template.HTML { return svgTrendW(tr, u, w) })
}

func svgTrendW(tr []athlete.TrendPoint, u unitView, w float64) template.HTML {
	if len(tr) == 0 {
		return ""
	}
	xs := make([]float64, len(tr))
	ys := make([]*float64, len(tr))
	for i, p := range tr {
		xs[i] = float64(i)
		v := float64(p.Score)
		ys[i] = &v
	}
	s := scale{x0: 0, x1: float64(max(1, len(tr)-1)), y0: 0, y1: 100, w: w}
	var b strings.Builder
	svgOpen(&b, fmt.Sprintf("Spark score trend from %d to %d", tr[0].Score, tr[len(tr)-1].Score), s)
	axes(&b, s, []float64{0, 50, 100}, func(v float64) string { return fmt.Sprintf("%.0f", v) }, func(x float64) string {
		i := int(math.Round(x))
		if i >= 0 && i < len(tr) {
			return u.shortDay(tr[i].Date)
		}
		return ""
	})
	polyline(&b, s, xs, ys, "l-spark")
	for i := range tr {
		fmt.Fprintf(&b, `<circle class="dot" fill="#d9480f" cx="%.1f" cy="%.1f" r="3"><title>%s: %d</title></circle>`, s.px(xs[i]), s.py(*ys[i]), u.day(tr[i].Date), tr[i].Score)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// svgPMC draws fitness, fatigue and form.
func svgPMC(days []training.Day, u unitView) template.HTML {
	return bothWidths(func(w float64) template.HTML { return svgPMCW(days, u, w) })
}

func svgPMCW(days []training.Day, u unitView, w float64) template.HTML {
	if len(days) < 2 {
		return ""
	}
	xs := make([]float64, len(days))
	fit, fat, form := make([]*float64, len(days)), make([]*float64, len(days)), make([]*float64, len(days))
	lo, hi := 0.0, 1.0
	for i := range days {
		d := days[i]
		xs[i] = float64(i)
		a, b, c := d.Fitness, d.Fatigue, d.Form
		fit[i], fat[i], form[i] = &a, &b, &c
		lo, hi = math.Min(lo, math.Min(a, math.Min(b, c))), math.Max(hi, math.Max(a, math.Max(b, c)))
	}
	s := scale{x0: 0, x1: float64(len(days) - 1), y0: lo, y1: hi, w: w}
	var b strings.Builder
	svgOpen(&b, "Fitness, fatigue and form", s)
	axes(&b, s, nil, func(v float64) string { return fmt.Sprintf("%.0f", v) }, func(x float64) string {
		return u.shortDay(days[min(len(days)-1, int(math.Round(x)))].Date)
	})
	polyline(&b, s, xs, fit, "l-fit")
	polyline(&b, s, xs, fat, "l-fat")
	polyline(&b, s, xs, form, "l-form")
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// svgWeeks draws weekly running distance as bars.
func svgWeeks(weeks []training.Week, u unitView) template.HTML {
	return bothWidths(func(w float64) template.HTML { return svgWeeksW(weeks, u, w) })
}

func svgWeeksW(weeks []training.Week, u unitView, w float64) template.HTML {
	if len(weeks) == 0 {
		return ""
	}
	hi := 1.0
	for _, w := range weeks {
		hi = math.Max(hi, w.DistanceM/u.distM)
	}
	s := scale{x0: 0, x1: float64(len(weeks)), y0: 0, y1: hi, w: w}
	var b strings.Builder
	svgOpen(&b, "Weekly distance", s)
	axes(&b, s, nil, func(v float64) string { return fmt.Sprintf("%.0f %s", v, u.dist) }, func(x float64) string {
		i := min(len(weeks)-1, int(x))
		return u.shortDay(weeks[i].Start)
	})
	bw := (s.width() - padL - padR) / float64(len(weeks)) * 0.8
	for i, w := range weeks {
		v := w.DistanceM / u.distM
		x := s.px(float64(i)) + bw*0.1
		y := s.py(v)
		fmt.Fprintf(&b, `<rect class="bar" fill="#4dabf7" x="%.1f" y="%.1f" width="%.1f" height="%.1f"><title>%s: %.1f %s</title></rect>`, x, y, bw, s.py(0)-y, "week of "+u.day(w.Start), v, u.dist)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
