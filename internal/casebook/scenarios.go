package casebook

import (
	"fmt"
	"path/filepath"
)

// day is the Sunday that ends the week weeksAgo, as YYYY-MM-DD.
func day(weeksAgo int) string { return ScenarioEnd.AddDate(0, 0, -7*weeksAgo).Format("2006-01-02") }

// call is shorthand for a call on the Sunday weeksAgo.
func call(weeksAgo int, diags, strats, forbidD, forbidS []string, why string, tags ...string) Call {
	return Call{Date: day(weeksAgo), Diagnoses: diags, Strategies: strats, ForbidDiagnoses: forbidD, ForbidStrategies: forbidS, Why: why, Tags: tags}
}

func l(s ...string) []string { return s }

var (
	returningStrats = l("race", "reward", "gratitude", "coach")
	fadingStrats    = l("race", "reward", "variety", "gratitude", "coach")
)

type scenario struct {
	name  string
	build func(g *gen)
	calls []Call
}

// handMade are the generated scenario runners, each with its story in the
// build function and the coach's calls.
var handMade = []scenario{
	{"comeback-injury", func(g *gen) {
		g.steady(104, 14, 4, 35)
		// 10 weeks off, then 8, 12, 15 km
		for i, km := range []float64{8, 12, 15} {
			w := 2 - i
			for d := 0; d < 2+i/2; d++ {
				g.add(w, []int{1, 4, 6}[d], 7, km/float64(2+i/2), 360, d%3)
			}
		}
	}, []Call{
		call(0, l("returning"), returningStrats, l("overreached", "sparked"), l("rest", "challenge"), "2 years at ~35 km/wk, 10 weeks off, then 8, 12, 15 km", "returning"),
		call(2, l("returning"), returningStrats, l("overreached", "sparked"), l("rest", "challenge"), "first week back after 10 weeks off: 8 km", "returning"),
	}},
	{"comeback-long-break", func(g *gen) {
		g.steady(90, 31, 3, 28)
		for w := 3; w >= 0; w-- {
			for d := 0; d < 3; d++ {
				g.add(w, []int{1, 3, 6}[d], 18, g.jit(float64(10+3*(3-w))/3, 0.1), 370, g.rng.IntN(5))
			}
		}
	}, []Call{
		call(0, l("returning"), returningStrats, l("overreached", "sparked"), l("rest", "challenge"), "6 months off, 4 weeks back at 10-19 km/wk", "returning"),
	}},
	{"post-half-lull", func(g *gen) {
		g.steady(60, 4, 4, 40)
		g.add(3, 6, 9, 21.1, 290, -1, named("Half marathon"), hr(170))
		for w := 2; w >= 0; w-- {
			g.add(w, 2, 18, 5, 360, 1)
			g.add(w, 5, 9, 7, 360, 2)
		}
	}, []Call{
		call(0, l("goalless"), l("race", "reward", "challenge", "variety"), l("overreached", "returning"), l("rest"), "half 3 weeks ago, 12 km/wk easy since, nothing planned"),
	}},
	{"post-marathon-lull", func(g *gen) {
		g.steady(70, 14, 5, 55)
		for w := 13; w >= 6; w-- { // marathon build
			g.steady(w, w, 5, 60+float64(13-w)*2)
		}
		g.add(5, 6, 9, 42.2, 300, -1, named("City Marathon"), hr(165))
		for w := 4; w >= 0; w-- {
			g.add(w, 1, 7, 6, 350, 1)
			g.add(w, 3, 7, 6, 350, 1)
			g.add(w, 6, 8, 10, 350, 2)
		}
	}, []Call{
		call(0, l("goalless"), l("race", "reward", "challenge", "variety"), l("overreached", "returning", "fading"), l("rest"), "marathon 5 weeks ago, 22 km/wk easy since"),
		call(4, l("goalless", "sparked"), l("rest", "race", "reward", "gratitude"), l("returning", "fading"), l("challenge"), "one week after the marathon"),
	}},
	{"slow-fade", func(g *gen) {
		g.steady(80, 17, 4, 40)
		for w := 16; w >= 0; w-- {
			n := 1 + w/5
			for d := 0; d < n; d++ {
				g.add(w, []int{1, 3, 5, 6}[d], 18, g.jit(4+0.3*float64(w), 0.1), 350, g.rng.IntN(6))
			}
		}
	}, []Call{
		call(0, l("fading"), fadingStrats, l("overreached", "sparked", "returning"), l("rest", "challenge"), "4 runs/40 km a week down to 1 run of 4 km over 16 weeks"),
		call(6, l("fading", "goalless", "understimulated"), fadingStrats, l("overreached", "returning"), l("rest"), "halfway down: 2-3 runs a week of 6 km"),
	}},
	{"sudden-stop", func(g *gen) {
		g.steady(60, 3, 4, 38)
	}, []Call{
		call(0, l("fading"), fadingStrats, l("overreached", "sparked", "returning"), l("rest", "challenge"), "steady 38 km/wk, then three weeks with no run"),
	}},
	{"rut-rotating", func(g *gen) {
		g.steady(70, 27, 4, 36)
		for w := 26; w >= 0; w-- {
			for d, wd := range []int{0, 2, 4, 6} {
				g.add(w, wd, 6.5, g.jit(8, 0.02), g.jit(345, 0.01), 100+(w*4+d)%3)
			}
		}
	}, []Call{
		call(0, l("stale_routine", "understimulated"), l("variety", "challenge", "race"), l("overreached", "fading", "returning", "sparked"), l("rest"), "27 weeks: 4×8 km at 6:30, same pace, three loops in turn, no fast running"),
	}},
	{"rut-single-loop", func(g *gen) {
		g.steady(60, 21, 4, 34)
		for w := 20; w >= 0; w-- {
			for _, wd := range []int{1, 3, 5} {
				g.add(w, wd, 18.5, g.jit(7.5, 0.015), g.jit(340, 0.01), 200)
			}
		}
	}, []Call{
		call(0, l("stale_routine", "understimulated"), l("variety", "challenge", "race"), l("overreached", "fading", "returning", "sparked"), l("rest"), "20 weeks of the same 7.5 km loop three times a week at 18:30"),
		call(10, l("stale_routine", "understimulated", "goalless"), l("variety", "challenge", "race"), l("overreached", "returning"), l("rest"), "10 weeks into the same loop"),
	}},
	{"tired-grinder", func(g *gen) {
		g.steady(60, 9, 5, 40)
		for w := 8; w >= 0; w-- {
			vol := 45 + 4*float64(8-w)
			for d, wd := range []int{0, 1, 2, 3, 5, 6} {
				var o []func(*srun)
				if d%2 == 1 {
					o = append(o, fast(3))
				}
				share := 1.0 / 6
				if wd == 6 {
					share = 0.3
				}
				g.add(w, wd, 6, g.jit(vol*share, 0.05), g.jit(320, 0.03), g.rng.IntN(8), append(o, hr(158))...)
			}
		}
	}, []Call{
		call(0, l("overreached"), l("rest", "coach"), l("understimulated", "fading", "returning", "sparked"), l("challenge", "race"), "9 weeks climbing 45→77 km, 6 runs/wk, 3 hard, no light week"),
	}},
	{"happy-varied", func(g *gen) {
		g.steady(80, 0, 4, 38)
		for w := 78; w >= 2; w -= 7 {
			g.add(w, 5, 9, 10, 285, -1, named("10K race"), hr(172))
		}
	}, []Call{
		call(0, l("sparked"), nil, l("overreached", "fading", "returning", "stale_routine", "low_enjoyment"), l("rest", "variety"), "varied routes and times, a light week every 4th, a 10K every 7 weeks (last 2 weeks ago)", "happy_varied"),
		call(3, l("sparked"), nil, l("overreached", "fading", "returning", "stale_routine", "low_enjoyment"), l("rest", "variety"), "same happy pattern, light week", "happy_varied"),
	}},
	{"happy-trail-mix", func(g *gen) {
		g.steady(90, 0, 5, 48)
		for w := 88; w >= 1; w-- {
			if w%3 == 0 {
				g.add(w, 6, 7, g.jit(18, 0.2), 430, -1, hr(150))
			}
		}
		for w := 85; w >= 5; w -= 9 {
			g.add(w, 5, 8, 21.1, 300, -1, named("Trail race"), hr(168))
		}
	}, []Call{
		call(0, l("sparked", "goalless"), nil, l("overreached", "fading", "returning", "stale_routine", "low_enjoyment"), l("rest", "variety"), "5 runs/wk, new trails every third Sunday, races every 9 weeks", "happy_varied"),
	}},
	{"indoor-heavy", func(g *gen) {
		for w := 60; w >= 0; w-- {
			for d, wd := range []int{1, 3, 5} {
				if d < 2 {
					g.add(w, wd, 19, g.jit(7, 0.05), 340, 0, sport("VirtualRun"))
				} else {
					g.add(w, wd, 9, g.jit(10, 0.1), 350, g.rng.IntN(6))
				}
			}
		}
	}, []Call{
		call(0, l("sparked", "stale_routine", "understimulated", "goalless"), l("variety", "challenge", "race"), l("overreached", "fading", "returning"), l("rest"), "60 weeks: two 7 km treadmill runs and one 10 km outdoor run a week"),
	}},
	{"multi-sport", func(g *gen) {
		for w := 60; w >= 0; w-- {
			g.add(w, 1, 7, g.jit(8, 0.1), 330, g.rng.IntN(6))
			g.add(w, 5, 8, g.jit(12, 0.1), 340, g.rng.IntN(6))
			g.add(w, 2, 18, g.jit(35, 0.2), 120, -1, sport("Ride"))
			g.add(w, 4, 7, g.jit(2, 0.1), 1200, 0, sport("Swim"))
			if w%2 == 0 {
				g.add(w, 6, 9, g.jit(50, 0.2), 130, -1, sport("Ride"))
			}
		}
	}, []Call{
		call(0, l("sparked", "goalless"), l("race", "challenge", "reward"), l("overreached", "fading", "returning", "stale_routine"), l("rest", "cross_training"), "60 weeks of 2 runs (20 km), 1-2 rides and a swim a week"),
	}},
	{"fresh-flat", func(g *gen) {
		g.steady(60, 4, 4, 36)
		// a week off, then the same easy 6 km five times a week
		for w := 2; w >= 0; w-- {
			for _, wd := range []int{0, 1, 3, 4, 6} {
				g.add(w, wd, 7, g.jit(6, 0.02), g.jit(360, 0.01), g.rng.IntN(3))
			}
		}
	}, []Call{
		call(0, l("understimulated", "stale_routine"), l("challenge", "race", "variety"), l("overreached", "fading", "returning"), l("rest"), "after a week off, 15 easy 6 km runs at the same pace, nothing fast"),
	}},
	{"new-runner", func(g *gen) {
		for w := 7; w >= 0; w-- {
			for d, wd := range []int{1, 4, 6} {
				g.add(w, wd, 18, 2+0.4*float64(7-w)+float64(d)*0.5, 420, g.rng.IntN(3), hr(155))
			}
		}
	}, []Call{
		call(0, l("returning", "sparked", "goalless"), l("race", "reward", "challenge", "gratitude", "coach"), l("overreached", "fading"), l("rest"), "started 8 weeks ago, 3 runs/wk growing from 8 to 17 km/wk"),
	}},
	{"goalless-plateau", func(g *gen) {
		g.steady(104, 0, 4, 32)
		g.add(60, 6, 9, 21.1, 300, -1, named("Half marathon"), hr(168))
	}, []Call{
		call(0, l("goalless", "sparked"), l("race", "challenge", "reward"), l("overreached", "fading", "returning"), l("rest"), "two years steady 32 km/wk, varied, last race 60 weeks ago"),
	}},
}

// Scenarios writes the hand-made scenario runners' files under dir and
// returns them with the simulator's personas (imported with 'rekindle demo'
// on the same fixed clock).
func Scenarios(dir string) ([]Case, error) {
	var out []Case
	for i, s := range handMade {
		g := newGen(uint64(100 + i))
		s.build(g)
		files, err := g.write(filepath.Join(dir, s.name))
		if err != nil {
			return nil, fmt.Errorf("casebook: scenario %s: %w", s.name, err)
		}
		c := Case{Name: "gen-" + s.name, Kind: "scenario", Files: files, Calls: s.calls}
		if err := c.check(); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	end := ScenarioEnd.Format("2006-01-02")
	back := func(weeks int) string { return ScenarioEnd.AddDate(0, 0, -7*weeks).Format("2006-01-02") }
	demos := []Case{
		{Name: "demo-rut", Calls: []Call{
			{Date: end, Diagnoses: l("stale_routine", "low_enjoyment"), Strategies: l("variety", "challenge", "race", "reward"), ForbidDiagnoses: l("overreached", "sparked", "returning"), ForbidStrategies: l("rest"), Why: "simulator story: the same 8 km loop four times a week for months, enjoyment sagging"},
		}},
		{Name: "demo-overreached", Calls: []Call{
			{Date: end, Diagnoses: l("overreached", "low_enjoyment"), Strategies: l("rest", "coach"), ForbidDiagnoses: l("understimulated", "fading", "returning", "sparked"), ForbidStrategies: l("challenge", "race"), Why: "simulator story: eight weeks of climbing load, no light week, three hard sessions a week"},
		}},
		{Name: "demo-fresh_flat", Calls: []Call{
			{Date: end, Diagnoses: l("understimulated", "stale_routine"), Strategies: l("challenge", "race", "variety"), ForbidDiagnoses: l("overreached", "fading", "returning"), ForbidStrategies: l("rest"), Why: "simulator story: rested after ten days off, same easy runs: fresh but flat"},
		}},
		{Name: "demo-post_marathon", Calls: []Call{
			{Date: end, Diagnoses: l("goalless"), Strategies: l("race", "challenge", "reward", "variety"), ForbidDiagnoses: l("overreached", "returning"), ForbidStrategies: l("rest"), Why: "simulator story: marathon two months ago, easy runs since, nothing on the calendar"},
		}},
		{Name: "demo-fading", Calls: []Call{
			{Date: end, Diagnoses: l("fading", "low_enjoyment"), Strategies: fadingStrats, ForbidDiagnoses: l("overreached", "sparked", "returning"), ForbidStrategies: l("rest", "challenge"), Why: "simulator story: runs dwindling from four a week to one over three months"},
		}},
		{Name: "demo-happy", Calls: []Call{
			{Date: end, Diagnoses: l("sparked"), ForbidDiagnoses: l("overreached", "fading", "returning", "stale_routine"), ForbidStrategies: l("rest", "variety"), Tags: l("happy_varied"), Why: "simulator story: varied routes, friends, a race every couple of months, a light week every fourth"},
			{Date: back(10), Diagnoses: l("sparked", "goalless"), ForbidDiagnoses: l("overreached", "fading", "returning", "stale_routine"), ForbidStrategies: l("rest", "variety"), Tags: l("happy_varied"), Why: "the same happy runner ten weeks earlier"},
		}},
	}
	for _, d := range demos {
		d.Kind, d.Demo, d.DemoEnd, d.DemoYears = "scenario", d.Name[len("demo-"):], end, 1
		if err := d.check(); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
