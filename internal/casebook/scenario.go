package casebook

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ScenarioEnd is the fixed last day of every generated scenario (a Sunday).
var ScenarioEnd = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// srun is one generated session.
type srun struct {
	start  time.Time
	km     float64
	paceS  float64 // seconds per km
	route  int     // loop id; < 0 for a one-off route
	name   string
	sport  string // "Run", "VirtualRun", "Ride", "Swim", "Walk"
	hr     int
	fastKm float64 // a fast stretch of this many km at the start (intervals), 0 for none
}

// gen builds one scenario's history week by week, counting weeks back from
// ScenarioEnd: week 0 is the last week (Monday to Sunday).
type gen struct {
	rng  *rand.Rand
	runs []srun
	next int // one-off route ids
}

func newGen(seed uint64) *gen { return &gen{rng: rand.New(rand.NewPCG(seed, 13)), next: 1000} }

// at is weekday wd (0 = Monday) of the week weeksAgo, at hour (UTC).
func (g *gen) at(weeksAgo, wd int, hour float64) time.Time {
	mon := ScenarioEnd.AddDate(0, 0, -6-7*weeksAgo)
	return mon.AddDate(0, 0, wd).Add(time.Duration(hour * float64(time.Hour)))
}

func (g *gen) jit(x, frac float64) float64 { return x * (1 + frac*(2*g.rng.Float64()-1)) }

func (g *gen) add(weeksAgo, wd int, hour, km, pace float64, route int, o ...func(*srun)) {
	r := srun{start: g.at(weeksAgo, wd, hour), km: km, paceS: pace, route: route, sport: "Run", hr: 142}
	if route < 0 {
		r.route = g.next
		g.next++
	}
	for _, f := range o {
		f(&r)
	}
	g.runs = append(g.runs, r)
}

func named(n string) func(*srun) { return func(r *srun) { r.name = n } }
func sport(s string) func(*srun) { return func(r *srun) { r.sport = s } }
func hr(h int) func(*srun)       { return func(r *srun) { r.hr = h } }
func fast(km float64) func(*srun) {
	return func(r *srun) { r.fastKm = km; r.hr += 12 }
}

// steady adds weeks [from, to] (weeks ago, from > to) of a varied, healthy
// runner: n runs a week around kmWeek, a light week every fourth, routes
// drawn from a library of loops, one fast session a week.
func (g *gen) steady(from, to, n int, kmWeek float64) {
	for w := from; w >= to; w-- {
		vol := kmWeek
		if w%4 == 3 {
			vol *= 0.65
		}
		days := []int{1, 3, 5, 6}[:min(n, 4)]
		if n >= 5 {
			days = []int{0, 1, 3, 5, 6}[:min(n, 5)]
		}
		for i, d := range days {
			share := 1.0 / float64(len(days))
			if d == 6 {
				share *= 1.6
			} else {
				share *= 0.85
			}
			var o []func(*srun)
			if i == 1 {
				o = append(o, fast(2))
			}
			route := g.rng.IntN(8)
			if g.rng.Float64() < 0.3 {
				route = -1
			}
			g.add(w, d, []float64{7, 18, 12, 8}[(w+i)%4], g.jit(vol*share, 0.12), g.jit(330, 0.04), route, o...)
		}
	}
}

// Write writes the scenario's files into dir: one TCX per outdoor session
// (a loop per route id, with a distance channel and heart rate) and a
// summary CSV for indoor runs and swims. It returns the paths.
func (g *gen) write(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var csvRows []string
	var files []string
	for i, r := range g.runs {
		dur := r.km * r.paceS
		if r.sport == "VirtualRun" || r.sport == "Swim" || r.name != "" {
			csvRows = append(csvRows, fmt.Sprintf("%s,%s,%.3f,%d,%d,%s", r.start.Format("2006-01-02 15:04"), r.sport, r.km, int(dur), r.hr, r.name))
			continue
		}
		name := filepath.Join(dir, fmt.Sprintf("%04d.tcx", i))
		if err := writeTCX(name, r, dur); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	if len(csvRows) > 0 {
		name := filepath.Join(dir, "history.csv")
		body := "date,sport,distance_km,duration,avg_hr,name\n" + strings.Join(csvRows, "\n") + "\n"
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

func writeTCX(name string, r srun, dur float64) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	sp := "Running"
	if r.sport == "Ride" {
		sp = "Biking"
	} else if r.sport == "Walk" {
		sp = "Other"
	}
	t0 := r.start
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="%s"><Id>%s</Id>
<Lap StartTime="%s"><TotalTimeSeconds>%.0f</TotalTimeSeconds><DistanceMeters>%.1f</DistanceMeters><Intensity>Active</Intensity><TriggerMethod>Manual</TriggerMethod><Notes>%s</Notes><Track>
`, sp, t0.Format(time.RFC3339), t0.Format(time.RFC3339), dur, r.km*1000, r.name)
	// A loop of the route's circumference around its own centre.
	const n = 60
	radius := r.km * 1000 / (2 * math.Pi)
	clat := 45.5 + 0.03*float64(r.route%40)
	clon := 6.5 + 0.03*float64(r.route/40)
	dist := r.km * 1000
	// time at distance s: a fast first stretch when asked
	fastM := r.fastKm * 1000
	slow := dur
	var fastDur float64
	if fastM > 0 && fastM < dist {
		fastDur = fastM * r.paceS / 1000 / 1.25
		slow = dur - fastDur
	}
	for i := 0; i <= n; i++ {
		s := dist * float64(i) / n
		var ts float64
		if s <= fastM && fastM > 0 {
			ts = fastDur * s / fastM
		} else {
			ts = fastDur + slow*(s-fastM)/(dist-fastM)
		}
		a := 2 * math.Pi * float64(i) / n
		lat := clat + radius*math.Sin(a)/111320
		lon := clon + radius*(math.Cos(a)-1)/(111320*math.Cos(clat*math.Pi/180))
		fmt.Fprintf(w, "<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.6f</LatitudeDegrees><LongitudeDegrees>%.6f</LongitudeDegrees></Position><DistanceMeters>%.1f</DistanceMeters><HeartRateBpm><Value>%d</Value></HeartRateBpm></Trackpoint>\n",
			t0.Add(time.Duration(ts*float64(time.Second))).UTC().Format(time.RFC3339), lat, lon, s, r.hr)
	}
	fmt.Fprint(w, "</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n")
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
