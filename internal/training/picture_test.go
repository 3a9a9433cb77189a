package training

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// run makes a measured run: distance in km at a pace (s/km) with heart rate
// spread around avgHR (0: no heart rate).
func run(start time.Time, km, pace, avgHR float64) rekindle.Activity {
	moving := km * pace
	a := rekindle.Activity{
		Start: start, Sport: rekindle.SportRunning,
		Summary: rekindle.Summary{
			DistanceM: km * 1000, MovingS: moving, ElapsedS: moving + 30,
			AvgSpeedMS: 1000 / pace, NormalizedSpeedMS: 1000 / pace * 1.02,
		},
	}
	if avgHR > 0 {
		h := make([]float32, int(avgHR)+12)
		for d := -5; d <= 5; d++ {
			h[int(avgHR)+d] = float32(moving / 11)
		}
		a.Summary.HRSeconds = h
		a.Summary.AvgHR = avgHR
		a.Summary.MaxHR = avgHR + 5
	}
	for _, e := range rekindle.EffortDistances {
		if e.DistanceM <= km*1000 {
			a.Summary.BestEfforts = append(a.Summary.BestEfforts, rekindle.Effort{Name: e.Name, DistanceM: e.DistanceM, ElapsedS: e.DistanceM / 1000 * pace * 0.97})
		}
	}
	return a
}

var monday = time.Date(2024, 1, 1, 7, 0, 0, 0, time.UTC) // a Monday

func day(n int) time.Time { return monday.AddDate(0, 0, n) }

// weeksOf makes runs on Mon, Tue, Thu, Fri, Sun of each week, the week's
// distance per run given by km[w].
func genWeeks(km ...float64) []rekindle.Activity {
	var acts []rekindle.Activity
	for w, k := range km {
		for _, d := range []int{0, 1, 3, 4, 6} {
			if k > 0 {
				acts = append(acts, run(day(7*w+d), k, 330, 145))
			}
		}
	}
	return acts
}

func lastDayOfWeek(w int) time.Time { return day(7*w + 6) }

func TestWeeksSinceLightWeek(t *testing.T) {
	for _, c := range []struct {
		name      string
		km        []float64
		want      int
		lastLight string
	}{
		{"steady 5x/week for 5 weeks", []float64{8, 8, 8, 8, 8}, 5, ""},
		{"3 steady, light, 2 steady", []float64{8, 8, 8, 6, 8, 8}, 2, "2024-01-22"},
		{"3:1 building", []float64{8, 8.5, 9, 6.5, 9, 9.5}, 2, "2024-01-22"},
		{"off week", []float64{8, 8, 8, 0, 8}, 1, "2024-01-22"},
		{"light week last", []float64{8, 8, 8, 8, 5}, 0, "2024-01-29"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Picture(genWeeks(c.km...), rekindle.Athlete{}, lastDayOfWeek(len(c.km)-1), Options{})
			if r.WeeksSinceLightWeek != c.want || r.LastLightWeek != c.lastLight {
				var cls []string
				for _, w := range r.Weeks {
					cls = append(cls, string(w.Class))
				}
				t.Errorf("weeks since light = %d (last %q), want %d (%q); classes %v", r.WeeksSinceLightWeek, r.LastLightWeek, c.want, c.lastLight, cls)
			}
		})
	}
	// Mid-week, the current week does not count yet.
	r := Picture(genWeeks(8, 8, 8, 8, 8, 8), rekindle.Athlete{}, day(7*5+2), Options{})
	if r.WeeksSinceLightWeek != 5 || r.Weeks[len(r.Weeks)-1].Complete {
		t.Errorf("mid-week: %d weeks, last complete %v", r.WeeksSinceLightWeek, r.Weeks[len(r.Weeks)-1].Complete)
	}
}

func TestFortyPercentJump(t *testing.T) {
	acts := genWeeks(8, 8, 8, 8, 8, 8, 8*1.4)
	r := Picture(acts, rekindle.Athlete{}, lastDayOfWeek(6), Options{})
	if !r.ThisWeek.Defined || r.ThisWeek.Ratio < 1.3 {
		t.Fatalf("this week vs usual = %+v, want well above 1", r.ThisWeek)
	}
	if !strings.Contains(r.ThisWeek.Text, "40% more") {
		t.Errorf("text %q", r.ThisWeek.Text)
	}
	if r.Weeks[len(r.Weeks)-1].Class != WeekBuild {
		t.Errorf("last week class %s, want build", r.Weeks[len(r.Weeks)-1].Class)
	}
	// A doubling reads as overreaching.
	r = Picture(genWeeks(8, 8, 8, 8, 8, 8, 16), rekindle.Athlete{}, lastDayOfWeek(6), Options{})
	if r.Status.Key != StatusOverreaching {
		t.Errorf("doubling: status %s (%s)", r.Status.Key, r.Status.Reason)
	}
}

func TestIdenticalRunEveryDay(t *testing.T) {
	var acts []rekindle.Activity
	for d := range 21 {
		acts = append(acts, run(day(d), 8, 330, 145))
	}
	r := Picture(acts, rekindle.Athlete{}, day(20), Options{})
	l := r.Last7Days
	if !l.Defined || l.Monotony != MonotonyCap || !l.MonotonyCapped || l.MonotonyBand != "high" {
		t.Errorf("last 7 days = %+v, want capped high monotony", l)
	}
	near(t, "strain", l.Strain, l.Load*MonotonyCap, 1e-6)
}

func TestMonthOffIsDetraining(t *testing.T) {
	acts := genWeeks(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8)
	r := Picture(acts, rekindle.Athlete{}, lastDayOfWeek(11).AddDate(0, 0, 30), Options{})
	if r.Status.Key != StatusDetraining {
		t.Errorf("status %s (%s), want detraining", r.Status.Key, r.Status.Reason)
	}
	// Judged against the weeks they ran, not against the empty month.
	if r.Status.RampRate >= 0 || r.Status.LoadRatioBasis != "usual_week" || r.Status.LoadRatio != 0 {
		t.Errorf("status numbers %+v", r.Status)
	}
	// One light week is recovery, not detraining.
	r = Picture(genWeeks(8, 8, 8, 8, 8, 8, 8, 8, 6), rekindle.Athlete{}, lastDayOfWeek(8), Options{})
	if r.Status.Key != StatusRecovery && r.Status.Key != StatusPeaking {
		t.Errorf("light week: status %s (%s)", r.Status.Key, r.Status.Reason)
	}
}

func TestStatusBuildingAndProductive(t *testing.T) {
	r := Picture(genWeeks(8, 8), rekindle.Athlete{}, lastDayOfWeek(1), Options{})
	if r.Status.Key != StatusBuildingBase || !r.WarmingUp {
		t.Errorf("2 weeks: status %s warming %v", r.Status.Key, r.WarmingUp)
	}
	r = Picture(genWeeks(6, 6, 6, 6, 6, 7, 7.6, 8.2, 8.8, 9.5), rekindle.Athlete{}, lastDayOfWeek(9), Options{})
	if r.Status.Key != StatusProductive {
		t.Errorf("building: status %s (%s)", r.Status.Key, r.Status.Reason)
	}
	r = Picture(genWeeks(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8), rekindle.Athlete{}, lastDayOfWeek(11), Options{})
	if r.Status.Key != StatusMaintaining {
		t.Errorf("steady: status %s (%s)", r.Status.Key, r.Status.Reason)
	}
}

func TestUnproductive(t *testing.T) {
	// Same load, but the same pace now costs a much higher heart rate.
	var acts []rekindle.Activity
	for w := range 12 {
		hr := 140.0
		if w >= 8 {
			hr = 158
		}
		for _, d := range []int{0, 1, 3, 4, 6} {
			acts = append(acts, run(day(7*w+d), 8, 330, hr))
		}
	}
	// Pin the physiology so the loads do not depend on the estimate.
	ath := rekindle.Athlete{MaxHR: 190, RestingHR: 50, ThresholdPaceMS: 1000 / 280.0}
	r := Picture(acts, ath, lastDayOfWeek(11), Options{})
	if r.Status.Performance.Trend != "falling" {
		t.Fatalf("performance %+v", r.Status.Performance)
	}
	if r.Status.Key != StatusUnproductive && r.Status.Key != StatusOverreaching {
		t.Errorf("status %s (%s)", r.Status.Key, r.Status.Reason)
	}
}

func TestLoadChain(t *testing.T) {
	p := LoadParams{RestingHR: 60, MaxHR: 190, TRIMP: TRIMPMale, ThresholdSpeedMS: 1000 / 270.0}
	withHR := run(monday, 10, 300, 150)
	noHR := run(monday, 10, 300, 0)
	noHR.Summary.NormalizedSpeedMS = 1000 / 300.0
	rpe := run(monday, 10, 300, 0)
	rpe.Summary.NormalizedSpeedMS = 0
	rpe.RPE = 6
	bare := rpe
	bare.RPE = 0
	yoga := rekindle.Activity{Start: monday, Sport: rekindle.SportYoga, Summary: rekindle.Summary{ElapsedS: 3600}}
	transition := rekindle.Activity{Start: monday, Sport: rekindle.SportTransition, Summary: rekindle.Summary{ElapsedS: 120}}
	sparseHR := run(monday, 10, 300, 150)
	for i := range sparseHR.Summary.HRSeconds {
		sparseHR.Summary.HRSeconds[i] /= 4 // a quarter of the time covered: not trusted
	}
	for _, c := range []struct {
		name   string
		a      rekindle.Activity
		method LoadMethod
		load   float64
	}{
		{"hr", withHR, MethodHRTRIMP, 100 * TRIMPFromHistogram(withHR.Summary.HRSeconds, 60, 190, TRIMPMale) / TRIMP(60, ThresholdHRReserve, TRIMPMale)},
		{"pace", noHR, MethodRTSS, RTSS(3000, 1000/300.0, 1000/270.0)},
		{"rpe", rpe, MethodSessionRPE, 6 * 50 * 100 / 420.0},
		{"default", bare, MethodDurationDefault, 4 * 50 * 100 / 420.0},
		{"yoga counts", yoga, MethodDurationDefault, 2 * 60 * 100 / 420.0},
		{"transition", transition, MethodNone, 0},
		{"sparse hr falls back", sparseHR, MethodRTSS, RTSS(3000, sparseHR.Summary.NormalizedSpeedMS, 1000/270.0)},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := SessionLoadOf(&c.a, p, time.UTC)
			if s.Method != c.method {
				t.Fatalf("method %s, want %s", s.Method, c.method)
			}
			near(t, "load", s.Load, c.load, 1e-4)
		})
	}
	// An hour at threshold is 100 points whichever way it is measured.
	h := make([]float32, 200)
	h[170] = 3600 // 85 % of reserve is 170.5 bpm
	thr := rekindle.Activity{Start: monday, Sport: rekindle.SportRunning, Summary: rekindle.Summary{MovingS: 3600, HRSeconds: h}}
	s := SessionLoadOf(&thr, LoadParams{RestingHR: 60, MaxHR: 190, TRIMP: TRIMPMale}, time.UTC)
	near(t, "hour at threshold", s.Load, 100, 3)
}

func TestTimeZoneAndAsOf(t *testing.T) {
	// 23:30 UTC on Sunday is Monday in Berlin.
	a := run(time.Date(2024, 1, 7, 23, 30, 0, 0, time.UTC), 8, 330, 0)
	b := run(time.Date(2024, 1, 9, 7, 0, 0, 0, time.UTC), 8, 330, 0)
	ath := rekindle.Athlete{TimeZone: "Europe/Berlin"}
	r := Picture([]rekindle.Activity{b, a}, ath, time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC), Options{})
	if r.Activities != 1 || r.HistoryStart != "2024-01-08" || r.Sessions[0].Day != "2024-01-08" {
		t.Errorf("activities %d start %s sessions %+v", r.Activities, r.HistoryStart, r.Sessions)
	}
	if r.Athlete.TimeZone != "Europe/Berlin" || r.Athlete.TimeZoneSource != SourceAthlete {
		t.Errorf("tz %s %s", r.Athlete.TimeZone, r.Athlete.TimeZoneSource)
	}
	if r.Weeks[0].Start != "2024-01-08" {
		t.Errorf("week starts %s", r.Weeks[0].Start)
	}
	r = Picture([]rekindle.Activity{b, a}, rekindle.Athlete{}, time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC), Options{})
	if r.HistoryStart != "2024-01-07" || r.Weeks[0].Start != "2024-01-01" {
		t.Errorf("UTC: start %s week %s", r.HistoryStart, r.Weeks[0].Start)
	}
}

func TestMaxHREstimate(t *testing.T) {
	var acts []*rekindle.Activity
	for i := range 50 {
		a := run(day(i), 8, 330, 150+float64(i%20)) // peaks 155–174 held long enough
		acts = append(acts, &a)
	}
	spike := run(day(60), 5, 300, 150)
	spike.Summary.HRSeconds = append(spike.Summary.HRSeconds, make([]float32, 100)...)
	spike.Summary.HRSeconds[240] = 2 // a 2-second strap glitch
	acts = append(acts, &spike)
	hr, src, n := EstimateMaxHR(acts, 40)
	if src != SourceObserved || n != 51 || hr != 174 {
		t.Errorf("max HR %v %s from %d", hr, src, n)
	}
	hr, src, _ = EstimateMaxHR(acts[:2], 40)
	if src != SourceTanaka || hr != 180 {
		t.Errorf("few sessions: %v %s", hr, src)
	}
	hr, src, _ = EstimateMaxHR(nil, 0)
	if src != SourceDefault || hr != DefaultMaxHR {
		t.Errorf("nothing: %v %s", hr, src)
	}
}

func TestBestEffortsVDOTPredictions(t *testing.T) {
	var acts []rekindle.Activity
	a := run(time.Date(2023, 5, 1, 8, 0, 0, 0, time.UTC), 10, 230, 0)
	a.ID = 1
	b := run(time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC), 5.1, 1200/5.0/0.97, 0) // 5K in 20:00
	b.ID = 2
	c := run(time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC), 12, 330, 0)
	c.ID = 3
	bike := rekindle.Activity{Start: b.Start, Sport: rekindle.SportCycling, Summary: rekindle.Summary{BestEfforts: []rekindle.Effort{{Name: "5k", DistanceM: 5000, ElapsedS: 400}}}}
	acts = append(acts, a, b, c, bike)
	r := Picture(acts, rekindle.Athlete{}, time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC), Options{})
	var all5k BestEffort
	for _, e := range r.BestEfforts {
		if e.Name == "5k" {
			all5k = e
		}
	}
	if all5k.ActivityID != 1 || all5k.Date != "2023-05-01" {
		t.Errorf("all-time 5k %+v", all5k)
	}
	if len(r.SeasonBests) != 2 || r.SeasonBests[0].Season != 2024 {
		t.Fatalf("seasons %+v", r.SeasonBests)
	}
	for _, e := range r.SeasonBests[0].Efforts {
		if e.Name == "5k" && (e.ActivityID != 2 || math.Abs(e.ElapsedS-1200) > 1e-6) {
			t.Errorf("2024 5k %+v", e)
		}
	}
	// VDOT from the recent window only (the 2023 10K is outside 90 days).
	f := r.Fitness
	if f.From == nil || f.From.ActivityID != 2 || f.WindowDays != 90 {
		t.Fatalf("fitness %+v", f)
	}
	if f.From.Name != "5k" {
		t.Errorf("VDOT from %s", f.From.Name)
	}
	near(t, "VDOT", f.VDOT, 49.806, 0.001)
	near(t, "marathon VDOT", clock(f.Predictions[3].VDOTS), 3*3600+11*60+17, 1)
	near(t, "marathon Riegel", clock(f.Predictions[3].RiegelS), 3*3600+11*60+49, 1)
	near(t, "T pace", clock(f.Paces.T), 4*60+16, 0)
	if r.Athlete.ThresholdPaceSource != SourceVDOT {
		t.Errorf("threshold from %s", r.Athlete.ThresholdPaceSource)
	}
}

func TestReportJSONKeys(t *testing.T) {
	r := Picture(genWeeks(8, 8, 8, 8, 8), rekindle.Athlete{}, lastDayOfWeek(4), Options{})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"as_of", "athlete", "today", "this_week_vs_usual", "last_7_days", "weeks_since_light_week", "weeks", "best_efforts", "season_bests", "running_fitness", "status", "days", "sessions"} {
		if _, ok := m[k]; !ok {
			t.Errorf("missing key %q", k)
		}
	}
	if strings.ContainsAny(string(b), "ABCDEFGHIJKLMNOPQRSTUVWXYZ\"") && strings.Contains(string(b), `"Fitness"`) {
		t.Error("non-snake_case key")
	}
}

func TestEmptyHistory(t *testing.T) {
	r := Picture(nil, rekindle.Athlete{}, monday, Options{})
	if r.Status.Key != StatusBuildingBase || r.Activities != 0 || r.Today.Date != "2024-01-01" {
		t.Errorf("%+v", r)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Error(err)
	}
}

// tenYears generates about 4,000 activities over 10 years: 7–8 sessions a
// week, some with heart rate, some cross-training.
func tenYears() []rekindle.Activity {
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2015, 1, 5, 6, 0, 0, 0, time.UTC)
	var acts []rekindle.Activity
	for d := range 3650 {
		if rng.Float64() < 0.5 {
			continue
		}
		t := start.AddDate(0, 0, d).Add(time.Duration(rng.IntN(12*3600)) * time.Second)
		hr := 0.0
		if rng.Float64() < 0.7 {
			hr = 135 + 25*rng.Float64()
		}
		a := run(t, 5+10*rng.Float64(), 280+80*rng.Float64(), hr)
		a.ID = int64(len(acts) + 1)
		if rng.Float64() < 0.1 {
			a.Sport = rekindle.SportCycling
		}
		if rng.Float64() < 0.2 {
			a.RPE = float64(3 + rng.IntN(5))
		}
		acts = append(acts, a)
	}
	return acts
}

func TestTenYears(t *testing.T) {
	acts := tenYears()
	if len(acts) < 1700 {
		t.Fatalf("%d activities", len(acts))
	}
	r := Picture(acts, rekindle.Athlete{}, time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), Options{})
	if len(r.Weeks) != 12 || len(r.Days) != 90 || r.Fitness.VDOT == 0 || r.Today.Fitness <= 0 {
		t.Errorf("weeks %d days %d vdot %v fitness %v", len(r.Weeks), len(r.Days), r.Fitness.VDOT, r.Today.Fitness)
	}
}

func BenchmarkPicture10Years(b *testing.B) {
	acts := tenYears()
	acts = append(acts, tenYears()...) // ≈ 3,650 activities, two a day on some days
	for i := range acts {
		acts[i].ID = int64(i + 1)
	}
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	ath := rekindle.Athlete{TimeZone: "Europe/Berlin"}
	b.ReportAllocs()
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		Picture(acts, ath, asOf, Options{})
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(acts)), "activities")
}

// Hostile summaries (NaN, Inf, negative, absurd) never panic and the report
// always encodes as JSON.
func TestHostileValues(t *testing.T) {
	bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1), -1, 0, 1e308}
	var acts []rekindle.Activity
	for i, v := range bad {
		for j, w := range bad {
			a := run(day(i*7+j), 5, 300, 150)
			a.Summary.MovingS, a.Summary.DistanceM, a.Summary.AvgSpeedMS = v, w, v
			a.Summary.NormalizedSpeedMS, a.Summary.AvgHR, a.RPE = w, v, w
			a.Summary.HRSeconds[150] = float32(v)
			a.Summary.BestEfforts = append(a.Summary.BestEfforts, rekindle.Effort{Name: "5k", DistanceM: v, ElapsedS: w})
			a.Summary.BestEfforts = append(a.Summary.BestEfforts, rekindle.Effort{Name: "odd", DistanceM: 3000, ElapsedS: w})
			acts = append(acts, a)
		}
	}
	acts = append(acts, rekindle.Activity{}, rekindle.Activity{Start: day(3)})
	for _, ath := range []rekindle.Athlete{{}, {MaxHR: 150, RestingHR: 170, TimeZone: "Nowhere/Land", BirthYear: 3000}} {
		r := Picture(acts, ath, day(60), Options{})
		if _, err := json.Marshal(r); err != nil {
			t.Fatalf("JSON: %v", err)
		}
	}
}

func TestSeriesMatchesPicture(t *testing.T) {
	acts := tenYears()
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{SeriesDays: 100000})
	days, weeks := Series(r.Sessions, time.UTC, asOf, SmoothingExp)
	if len(days) != len(r.Days) || weeks[len(weeks)-1] != r.Weeks[len(r.Weeks)-1] {
		t.Fatalf("%d days vs %d", len(days), len(r.Days))
	}
	for i := range days {
		if days[i] != r.Days[i] {
			t.Fatalf("day %d: %+v vs %+v", i, days[i], r.Days[i])
		}
	}
}

// BenchmarkSeries10Years is the pure series (daily loads → fitness, fatigue,
// form, ramp; weeks with monotony and classes) over ten years of sessions.
func BenchmarkSeries10Years(b *testing.B) {
	acts := append(tenYears(), tenYears()...)
	asOf := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	r := Picture(acts, rekindle.Athlete{}, asOf, Options{SeriesDays: 100000})
	cpu := testkit.ProcessCPU()
	for b.Loop() {
		Series(r.Sessions, time.UTC, asOf, SmoothingExp)
	}
	b.ReportMetric(float64(testkit.ProcessCPU()-cpu)/float64(b.N), "cpu-ns/op")
	b.ReportMetric(float64(len(r.Sessions)), "sessions")
}

func TestFitnessFrom(t *testing.T) {
	efforts := []BestEffort{
		{Name: "5k", DistanceM: 5000, ElapsedS: 1200, Date: "2024-03-01", VDOT: VDOT(5000, 1200)},
		{Name: "10k", DistanceM: 10000, ElapsedS: 2400, Date: "2023-01-01", VDOT: VDOT(10000, 2400)},
	}
	f := FitnessFrom(efforts, "2024-03-10", 90)
	if f.From == nil || f.From.Name != "5k" || f.WindowDays != 90 {
		t.Errorf("%+v", f)
	}
	f = FitnessFrom(efforts, "2024-12-01", 90)
	if f.From == nil || f.From.Name != "5k" || f.WindowDays != 365 {
		t.Errorf("fallback to a year: %+v", f)
	}
	if f = FitnessFrom(efforts, "2026-01-01", 90); f.VDOT != 0 {
		t.Errorf("nothing recent: %+v", f)
	}
}

func TestProgression(t *testing.T) {
	// science.md §7 vectors.
	near(t, "30→33", ChangePct(30, 33), 10, 1e-9)
	near(t, "30→40", ChangePct(30, 40), 33.333, 0.001)
	near(t, "15→17", ChangePct(15, 17), 13.333, 0.001)
	for _, c := range []struct {
		pct  float64
		band string
	}{{ChangePct(30, 33), "none"}, {ChangePct(15, 17), "small"}, {45, "large"}, {120, "very_large"}, {-20, "none"}} {
		if b := SpikeBand(c.pct); b != c.band {
			t.Errorf("%.1f%%: %s, want %s", c.pct, b, c.band)
		}
	}
	// 15 km long runs, then a 17 km one; 30 km weeks then a 40 km week.
	var acts []rekindle.Activity
	for w := range 6 {
		for _, d := range []int{0, 2, 4} {
			acts = append(acts, run(day(7*w+d), 5, 330, 0))
		}
		long := 15.0
		wk := 0.0
		if w == 5 {
			long, wk = 17, 10
		}
		acts = append(acts, run(day(7*w+6), long-wk+wk, 330, 0))
		if wk > 0 {
			acts = append(acts, run(day(7*w+5), 8, 330, 0))
		}
	}
	r := Picture(acts, rekindle.Athlete{}, lastDayOfWeek(5), Options{})
	p := r.Progression
	near(t, "longest", p.LongestRunM, 17000, 1e-6)
	near(t, "previous", p.PreviousLongestRunM, 15000, 1e-6)
	if p.LongestRunSpike != "small" {
		t.Errorf("spike %s", p.LongestRunSpike)
	}
	near(t, "two weeks", p.TwoWeekChangePct, ChangePct(30, 40), 0.001)
	if !p.TwoWeekJump {
		t.Error("a 33 % jump over two weeks is flagged")
	}
}

func TestPeakingAfterTaper(t *testing.T) {
	// Eight weeks of building, then a taper week at 60 %.
	r := Picture(genWeeks(6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 5.7), rekindle.Athlete{}, lastDayOfWeek(8), Options{})
	if r.Status.Key != StatusPeaking {
		t.Errorf("status %s (%s) %+v", r.Status.Key, r.Status.Reason, r.Status)
	}
}
