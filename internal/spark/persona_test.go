package spark

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
)

// persona builds a simulated history week by week.
type persona struct {
	in  Input
	rng *rand.Rand
	t0  time.Time // a Monday
}

func newPersona(seed uint64) *persona {
	return &persona{rng: rand.New(rand.NewPCG(seed, 7)), t0: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC), in: Input{Unit: rekindle.UnitKm}}
}

// at is weekday wd (0 = Monday) of week w, at hour.
func (p *persona) at(w, wd int, hour float64) time.Time {
	return p.t0.AddDate(0, 0, 7*w+wd).Add(time.Duration(hour * float64(time.Hour)))
}

type runOpt struct {
	km      float64
	pace    float64 // seconds per km
	route   string
	fast    bool
	race    bool
	name    string
	enjoy   int
	company int
	hour    float64
	sport   rekindle.Sport
}

func (p *persona) add(w, wd int, o runOpt) {
	if o.hour == 0 {
		o.hour = 7
	}
	if o.pace == 0 {
		o.pace = 330
	}
	if o.sport == "" {
		o.sport = rekindle.SportRunning
	}
	t := p.at(w, wd, o.hour)
	speed := 1000 / o.pace
	d := o.km * 1000
	s := Session{ID: int64(len(p.in.Sessions) + 1), Start: t, Sport: o.sport, Name: o.name, DistanceM: d,
		MovingS: d / speed, AvgSpeedMS: speed, RouteKey: o.route, RouteName: o.route, Race: o.race, Gear: "Pegasus"}
	if o.sport.IsRun() {
		fast := 1.03
		if o.fast {
			fast = 1.2
		}
		if d >= 1000 {
			s.BestEfforts = append(s.BestEfforts, rekindle.Effort{Name: "1k", DistanceM: 1000, ElapsedS: 1000 / (speed * fast)})
		}
		if d >= 5000 {
			f := 1.01
			if o.race {
				f = 1.0
			}
			s.BestEfforts = append(s.BestEfforts, rekindle.Effort{Name: "5k", DistanceM: 5000, ElapsedS: 5000 / (speed * f)})
		}
	}
	p.in.Sessions = append(p.in.Sessions, s)
	if o.enjoy > 0 {
		p.in.CheckIns = append(p.in.CheckIns, rekindle.CheckIn{ActivityID: s.ID, At: t.Add(time.Hour), Enjoyment: o.enjoy, RPE: 4, Companions: o.company, Surface: "road"})
	}
}

func (p *persona) jitter(x, frac float64) float64 { return x * (1 + frac*(2*p.rng.Float64()-1)) }

func (p *persona) asOf(w, wd int) *Input {
	in := p.in
	in.AsOf = p.at(w, wd, 20)
	return &in
}

var routes = []string{"Riverside loop", "Park circuit", "Hill repeats lane", "Canal path", "Forest trail", "Old town loop", "Harbour out-and-back", "Ridge path"}

// overreached: 8 easy weeks with a light week, then 7 weeks of rising load
// with no light week and falling enjoyment.
func overreachedRunner() *Input {
	p := newPersona(1)
	days := []int{0, 1, 3, 5, 6}
	for w := range 15 {
		week := 35.0
		if w == 7 {
			week = 22
		}
		if w >= 8 {
			week = 38 * pow(1.09, w-8)
		}
		enjoy := 4
		if w >= 10 {
			enjoy = 3
		}
		if w >= 12 {
			enjoy = 2
		}
		for i, d := range days {
			share := []float64{0.18, 0.18, 0.2, 0.14, 0.3}[i]
			p.add(w, d, runOpt{km: p.jitter(week*share, 0.03), route: routes[(w+i)%len(routes)], fast: d == 3, enjoy: enjoy})
		}
	}
	return p.asOf(14, 6)
}

// sameLoop: four runs a week at 7:00, nearly all on the Riverside loop.
func sameLoopRunner() (*Input, int, int) {
	p := newPersona(2)
	days := []int{1, 3, 5, 6}
	for w := range 20 {
		scale := 1.0
		if w%4 == 3 {
			scale = 0.7
		}
		for i, d := range days {
			r, km := "Riverside loop", 8.0
			if (w*4+i)%7 == 6 {
				r, km = routes[1+(w+i)%5], 10
			}
			p.add(w, d, runOpt{km: p.jitter(km*scale, 0.02), route: r, fast: d == 3 && w%2 == 0, enjoy: 3 + (w+i)%2})
		}
	}
	in := p.asOf(19, 6)
	// Expected quote: runs on the loop among the last 28.
	n := 0
	last := in.Sessions[len(in.Sessions)-28:]
	for _, s := range last {
		if s.RouteKey == "Riverside loop" {
			n++
		}
	}
	return in, n, len(last)
}

// freshButFlat: steady easy running with no fast segments on varied routes,
// then four days off.
func freshFlatRunner() *Input {
	p := newPersona(3)
	days := []int{1, 3, 5, 6}
	for w := range 16 {
		scale := 1.0
		if w%4 == 3 {
			scale = 0.72
		}
		for i, d := range days {
			if w == 15 && d >= 3 {
				continue // days off
			}
			km := []float64{7, 8, 6, 13}[i]
			p.add(w, d, runOpt{km: p.jitter(km*scale, 0.15), route: routes[(w*3+i)%len(routes)], pace: p.jitter(340, 0.04), hour: 6 + float64((w+i)%4)*3, enjoy: 3 + (w+i)%2, company: i % 2})
		}
	}
	return p.asOf(15, 6)
}

// postMarathon: a marathon build and race, then ten weeks of easy drifting.
func postMarathonRunner() *Input {
	p := newPersona(4)
	for w := range 14 {
		scale := 1.0 + float64(w)*0.03
		if w%4 == 3 {
			scale *= 0.75
		}
		for i, d := range []int{1, 3, 4, 6} {
			km := []float64{10, 12, 8, 22}[i]
			p.add(w, d, runOpt{km: p.jitter(km*scale, 0.05), route: routes[(w+i)%len(routes)], fast: d == 3, enjoy: 4, company: i % 2})
		}
	}
	p.add(14, 6, runOpt{km: 42.2, pace: 300, race: true, name: "City Marathon", route: "City Marathon course", enjoy: 5})
	for w := 15; w < 25; w++ {
		for i, d := range []int{1, 4, 6} {
			km := []float64{7, 7, 11}[i]
			p.add(w, d, runOpt{km: p.jitter(km, 0.1), route: routes[(w*2+i)%len(routes)], fast: w%3 == 0 && i == 0, pace: 345, enjoy: 3 + i%2, company: i % 2})
		}
	}
	return p.asOf(24, 6)
}

// fadingRunner: five runs a week for months, then fewer and fewer.
func fadingRunner() *Input {
	p := newPersona(5)
	for w := range 20 {
		n := 5
		if w >= 12 {
			n = []int{4, 3, 3, 2, 2, 1, 1, 1}[w-12]
		}
		for i, d := range []int{0, 2, 3, 5, 6}[:n] {
			enjoy := 4
			if w >= 14 {
				enjoy = 3
			}
			p.add(w, d, runOpt{km: p.jitter(8, 0.2), route: routes[(w+i)%len(routes)], fast: i == 1, enjoy: enjoy, company: (w + i) % 2})
		}
	}
	return p.asOf(19, 6)
}

// happyRunner: 3:1 loading, varied routes and times, weekly intervals, a
// race every six weeks, friends at weekends, yoga, high enjoyment.
func happyRunner() *Input {
	p := newPersona(6)
	for w := range 30 {
		scale := 1.0 + 0.05*float64(w%4)
		if w%4 == 3 {
			scale = 0.7
		}
		for i, d := range []int{1, 3, 5, 6} {
			o := runOpt{km: p.jitter([]float64{8, 9, 6, 14}[i]*scale, 0.1), route: routes[(w*3+i)%len(routes)], fast: i == 1,
				hour: []float64{7, 18, 9, 8}[(w+i)%4], enjoy: 4 + (w+i)%2, company: []int{0, 1, 2, 0}[i]}
			if w%6 == 2 && d == 5 {
				o.km, o.race, o.name, o.pace, o.route = 5, true, fmt.Sprintf("Parkrun #%d", w), 270, "Parkrun course"
			}
			p.add(w, d, o)
		}
		p.add(w, 2, runOpt{km: 0, sport: rekindle.SportYoga, pace: 1})
		p.in.Sessions[len(p.in.Sessions)-1].MovingS = 3600
	}
	return p.asOf(29, 6)
}

func pow(x float64, n int) float64 {
	r := 1.0
	for range n {
		r *= x
	}
	return r
}

func TestPersonas(t *testing.T) {
	sameLoop, loopRuns, loopWindow := sameLoopRunner()
	tests := []struct {
		name      string
		in        *Input
		diagnosis rekindle.Diagnosis
		top       rekindle.Strategy
		quotes    []string // substrings of the top recommendation's why
	}{
		{"overreached", overreachedRunner(), rekindle.DiagnosisOverreached, rekindle.StrategyRest, []string{"7 weeks in a row without a light week", "enjoyment fell from 3.8 to 2.0"}},
		{"same loop", sameLoop, rekindle.DiagnosisStaleRoutine, rekindle.StrategyVariety, []string{fmt.Sprintf("%d of your last %d runs were on Riverside loop", loopRuns, loopWindow)}},
		{"fresh but flat", freshFlatRunner(), rekindle.DiagnosisUnderstimulated, rekindle.StrategyChallenge, []string{"none of your 13 runs in the last 4 weeks had anything faster than easy", "you are fresh"}},
		{"post marathon", postMarathonRunner(), rekindle.DiagnosisGoalless, rekindle.StrategyRace, []string{"10 weeks since your last race (City Marathon, 20 Apr 2025)", "42.2 km"}},
		{"fading", fadingRunner(), rekindle.DiagnosisFading, rekindle.StrategyReward, []string{"runs dropped from "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Evaluate(tt.in)
			if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != tt.diagnosis {
				t.Errorf("diagnoses = %+v, want %s first", r.Diagnoses, tt.diagnosis)
			}
			top := r.Top()
			if top == nil {
				t.Fatal("no recommendation")
			}
			if top.Strategy != tt.top {
				t.Errorf("top strategy %s (%s), want %s; all: %s", top.Strategy, top.ID, tt.top, strategies(r))
			}
			if !top.Urgent {
				t.Errorf("top recommendation not urgent (score %.2f)", top.Score)
			}
			for _, q := range tt.quotes {
				if !strings.Contains(strings.ToLower(top.Why), strings.ToLower(q)) {
					t.Errorf("why %q does not quote %q", top.Why, q)
				}
			}
			if len(top.Actions) < 2 {
				t.Errorf("actions %v: want concrete steps", top.Actions)
			}
			if r.SparkScore >= 75 {
				t.Errorf("spark score %d for a runner with a problem", r.SparkScore)
			}
			if testing.Verbose() {
				t.Logf("score %d, diagnoses %v\n%s: %s\n  %s", r.SparkScore, diagKeys(r), top.Title, top.Why, strings.Join(top.Actions, "\n  "))
			}
		})
	}
}

func TestHappyRunnerIsSparked(t *testing.T) {
	r := Evaluate(happyRunner())
	if len(r.Diagnoses) != 1 || r.Diagnoses[0].Key != rekindle.DiagnosisSparked {
		t.Fatalf("diagnoses = %+v, want only sparked", r.Diagnoses)
	}
	for _, rec := range r.Recommendations {
		if rec.Urgent {
			t.Errorf("urgent recommendation for a happy runner: %+v", rec)
		}
	}
	if len(r.Recommendations) > maxSparkedRecs {
		t.Errorf("%d recommendations for a happy runner", len(r.Recommendations))
	}
	if r.SparkScore < 80 {
		t.Errorf("spark score %d, want ≥ 80", r.SparkScore)
	}
}

func TestRestPlanIsAQuarterLess(t *testing.T) {
	r := Evaluate(overreachedRunner())
	top := r.Top()
	if top.ID != "rest-light-week" {
		t.Fatalf("top %s", top.ID)
	}
	if len(top.Actions) != 8 || len(top.Plan) != 7 {
		t.Fatalf("want 7 days and a total, got %q", top.Actions)
	}
	var runs, quality int
	for i, a := range top.Actions[:7] {
		if top.Plan[i].Kind != plan.KindRest {
			runs++
		}
		if strings.Contains(a, "quality session you keep") {
			quality++
		}
	}
	if runs != 5 || quality != 1 {
		t.Errorf("runs %d quality %d in %q", runs, quality, top.Actions)
	}
	if !strings.Contains(top.Actions[7], "(−25%)") && !strings.Contains(top.Actions[7], "(−24%)") && !strings.Contains(top.Actions[7], "(−26%)") {
		t.Errorf("total %q is not about 25%% less", top.Actions[7])
	}
}

func strategies(r *Report) string {
	var s []string
	for _, x := range r.Recommendations {
		s = append(s, fmt.Sprintf("%s=%.2f", x.ID, x.Score))
	}
	return strings.Join(s, " ")
}

func diagKeys(r *Report) string {
	var s []string
	for _, d := range r.Diagnoses {
		s = append(s, fmt.Sprintf("%s=%.2f", d.Key, d.Confidence))
	}
	return strings.Join(s, " ")
}
