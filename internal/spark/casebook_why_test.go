package spark_test

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle/internal/casebook"
	"rekindle/internal/spark"
	"rekindle/internal/training"
)

// whyCheck counts the numbers quoted in the why of the top three ideas:
// exact against facts recomputed here from the stored activities, found
// only among the engine's own signals, or found nowhere.
type whyCheck struct {
	numbers, exact, signalOnly, unexplained int
	bad                                     []string
}

var (
	numRe = regexp.MustCompile(`\d+(?:\.\d+)?`)
	// window lengths the engine names as such ("the last 4 weeks")
	windowRe = regexp.MustCompile(`^\s*(?:weeks|week|days|day|months)\b`)
	// what an idea prescribes, not a measurement: "6 to 10 weeks away",
	// "about 10% more each week"
	prescriptionRe = regexp.MustCompile(`^(?: to \d+ weeks away|% more each week)`)
	months         = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

func isRunSport(s string) bool {
	switch s {
	case "running", "trail_running", "treadmill", "track_running", "track":
		return true
	}
	return false
}

// dataFacts are numbers a why may quote, recomputed from the activities
// (day buckets in loc, the athlete's zone: UTC unless import set one).
func dataFacts(acts []activityJSON, day string, loc *time.Location) []float64 {
	d, _ := time.ParseInLocation(time.DateOnly, day, loc)
	end := d.AddDate(0, 0, 1)
	var f []float64
	var runs []activityJSON
	for _, a := range acts {
		if a.Start.Before(end) && isRunSport(a.Sport) {
			runs = append(runs, a)
		}
	}
	f = append(f, float64(len(runs)))
	week := func(w int) (km float64, n int) {
		from, to := end.AddDate(0, 0, -7*(w+1)), end.AddDate(0, 0, -7*w)
		for _, r := range runs {
			if !r.Start.Before(from) && r.Start.Before(to) {
				km += r.DistanceM / 1000
				n++
			}
		}
		return
	}
	var kms []float64
	var ns []float64
	for w := range 53 {
		km, n := week(w)
		kms, ns = append(kms, km), append(ns, float64(n))
		if w < 12 {
			f = append(f, km, float64(n))
		}
	}
	sum := func(xs []float64) float64 {
		s := 0.0
		for _, x := range xs {
			s += x
		}
		return s
	}
	for _, span := range [][2]int{{0, 4}, {4, 12}, {0, 8}, {0, 12}, {0, 2}, {0, 3}, {0, 6}} {
		k, n := kms[span[0]:span[1]], ns[span[0]:span[1]]
		f = append(f, sum(k)/float64(len(k)), sum(n)/float64(len(n)), sum(k), sum(n))
	}
	median := func(xs []float64) float64 {
		c := slices.Clone(xs)
		slices.Sort(c)
		if len(c) == 0 {
			return 0
		}
		if len(c)%2 == 1 {
			return c[len(c)/2]
		}
		return (c[len(c)/2-1] + c[len(c)/2]) / 2
	}
	f = append(f, median(kms[1:9]), median(kms[1:5]), median(kms[0:8]), median(kms[0:4]))
	var ran []float64
	for _, k := range kms[:52] {
		if k > 0 {
			ran = append(ran, k)
		}
	}
	f = append(f, median(ran))
	// The usual week of the habit (training.Habit): the median distance of
	// the weeks 1…52 before this one that had a run.
	var usual []float64
	for w := 1; w <= 52; w++ {
		if ns[w] > 0 {
			usual = append(usual, kms[w])
		}
	}
	if len(usual) > 0 {
		f = append(f, median(usual))
	}
	// Routine: the last runs (at most 28, of the last 12 weeks) within ±10%
	// of their median distance, and starting within an hour of their median
	// start time.
	var recent []activityJSON
	for _, r := range runs {
		if !r.Start.Before(end.AddDate(0, 0, -84)) {
			recent = append(recent, r)
		}
	}
	if len(recent) > 28 {
		recent = recent[len(recent)-28:]
	}
	if len(recent) > 0 {
		var ds, hs []float64
		for _, r := range recent {
			ds = append(ds, r.DistanceM)
			t := r.Start.In(loc)
			hs = append(hs, float64(t.Hour())+float64(t.Minute())/60)
		}
		md, mh := median(ds), median(hs)
		nd, nh := 0, 0
		for i := range ds {
			if math.Abs(ds[i]-md) <= 0.1*md {
				nd++
			}
			if math.Abs(hs[i]-mh) <= 1 {
				nh++
			}
		}
		f = append(f, float64(len(recent)), float64(nd), float64(nh))
	}
	if len(runs) > 0 {
		last := runs[len(runs)-1]
		f = append(f, math.Floor(end.Sub(last.Start).Hours()/24))
		ls := last.Start.In(loc)
		ld := time.Date(ls.Year(), ls.Month(), ls.Day(), 0, 0, 0, 0, loc)
		f = append(f, d.Sub(ld).Hours()/24)
	}
	for _, days := range []int{7, 14, 28, 30, 56, 84, 90, 365} {
		from := end.AddDate(0, 0, -days)
		longest, n, km := 0.0, 0, 0.0
		for _, r := range runs {
			if !r.Start.Before(from) {
				longest = max(longest, r.DistanceM/1000)
				n++
				km += r.DistanceM / 1000
				if days <= 84 {
					f = append(f, r.DistanceM/1000, r.MovingS/60, r.MovingS/r.DistanceM*1000/60)
				}
			}
		}
		f = append(f, longest, float64(n), km)
	}
	return f
}

func checkWhy(rep *sparkJSON, acts []activityJSON, day string, zone *time.Location) whyCheck {
	// The data is what the engine reads: an activity set aside (it
	// overlaps another kept as the real one) is in no analysis, so in no
	// count a why may quote (held-out real-65, a log of dates without
	// hours: "runs dropped from 45", and 54 with the 9 set aside).
	acts = slices.DeleteFunc(slices.Clone(acts), func(a activityJSON) bool { return a.SetAside })
	facts := dataFacts(acts, day, zone)
	var sig []float64
	for _, s := range rep.Signals {
		sig = append(sig, s.Value, 100*s.Value)
	}
	for _, d := range rep.Diagnoses {
		for _, e := range d.Evidence {
			sig = append(sig, e.Value, 100*e.Value)
		}
	}
	// Titles with a number in them ("HM 060425 - Firenze Race", "Terenure
	// 5 2017"): a number inside a title the why quotes is the runner's
	// word, not a measurement.
	var titles []string
	for _, a := range acts {
		if strings.ContainsAny(a.Name, "0123456789") && !slices.Contains(titles, a.Name) {
			titles = append(titles, a.Name)
		}
	}
	var c whyCheck
	for i, r := range rep.Recs {
		if i == 3 {
			break
		}
		text := r.Why
		var quoted [][2]int
		for _, n := range titles {
			for from := 0; ; {
				j := strings.Index(text[from:], n)
				if j < 0 {
					break
				}
				quoted = append(quoted, [2]int{from + j, from + j + len(n)})
				from += j + len(n)
			}
		}
		for _, loc := range numRe.FindAllStringIndex(text, -1) {
			if slices.ContainsFunc(quoted, func(q [2]int) bool { return loc[0] >= q[0] && loc[1] <= q[1] }) {
				continue // inside a quoted title
			}
			s := text[loc[0]:loc[1]]
			before, after := text[:loc[0]], text[loc[1]:]
			if strings.HasSuffix(before, ":") || strings.HasPrefix(after, ":") || strings.HasSuffix(before, "#") {
				continue // a clock time or pace, an id
			}
			if slices.ContainsFunc(months, func(m string) bool {
				return strings.HasPrefix(strings.TrimSpace(after), m) || strings.HasSuffix(strings.TrimSpace(before), m)
			}) {
				continue // a date
			}
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				continue
			}
			if windowRe.MatchString(after) && slices.Contains([]float64{2, 3, 4, 6, 7, 8, 12, 14, 28, 30}, v) && (!strings.HasSuffix(strings.TrimSpace(before), "in") || strings.HasSuffix(strings.TrimSpace(before), "% in")) {
				continue // a window the engine names, not a measurement ("-22% in 4 weeks": the trend's fixed window)
			}
			dec := 0
			if j := strings.IndexByte(s, '.'); j >= 0 {
				dec = len(s) - j - 1
			}
			if w := lastWord(before); w == "above" || w == "below" || w == "within" || w == "under" || w == "over" {
				continue // a threshold the engine explains, not a measurement
			}
			if prescriptionRe.MatchString(after) || strings.HasSuffix(before, " to ") && strings.HasPrefix(after, " weeks away") || strings.HasPrefix(after, "K") {
				continue // what the idea asks for ("6 to 10 weeks away", "10% more each week"), a race's name (the 5K)
			}
			if strings.HasSuffix(before, "the ") && strings.HasPrefix(after, " m") && slices.Contains([]string{"800", "1500", "3000", "5000"}, s) {
				continue // a track race's name ("the 3000 m": held-out real-113's "3K" of 3.07 km)
			}
			match := func(xs []float64) bool {
				for _, x := range xs {
					// as the engine prints it (Go's %.Nf, or rounded half
					// up first as one() does), sign aside; on a rounding
					// tie either side of the float noise (the engine's
					// 9.150000000000002 and the check's 9.149999999999999
					// are one median of 8.78 and 9.52 km summed in another
					// order: held-out real-121 2016-01-24, "9.2 km in a
					// usual week")
					for _, y := range []float64{math.Abs(x), math.Abs(x) * (1 + 1e-12), math.Abs(x) * (1 - 1e-12)} {
						p := math.Pow(10, float64(dec))
						if strconv.FormatFloat(y, 'f', dec, 64) == s || strconv.FormatFloat(math.Round(y*p)/p, 'f', dec, 64) == s {
							return true
						}
					}
				}
				return false
			}
			c.numbers++
			switch {
			case match(facts) || ratioOf(text, loc, s, dec) || daysSinceQuoted(after, day, v) || raceQuoted(after, s, dec, acts, zone):
				c.exact++
			case match(sig):
				c.signalOnly++
				c.bad = append(c.bad, s+" (engine signal only) in «"+clip(text, loc[0])+"»")
			default:
				c.unexplained++
				c.bad = append(c.bad, s+" (nowhere) in «"+clip(text, loc[0])+"»")
			}
		}
	}
	return c
}

// sinceRe is " days since your last race (NAME, 2 Jan 2006)": a count of
// days the why works out from the date it quotes (the engine keeps weeks).
var sinceRe = regexp.MustCompile(`^ days since your last race \([^)]*?(\d{1,2} [A-Z][a-z]{2} \d{4})\)`)

// daysSinceQuoted reports whether v, followed by after, is the number of
// days from the date quoted there to the call's day.
func daysSinceQuoted(after, day string, v float64) bool {
	m := sinceRe.FindStringSubmatch(after)
	if m == nil {
		return false
	}
	from, err := time.Parse("2 Jan 2006", m[1])
	to, err2 := time.Parse(time.DateOnly, day)
	return err == nil && err2 == nil && to.Sub(from).Hours()/24 == v
}

// raceRe is " km race, 2 Jan 2006)" or " km race, 2 Jan 2006:": a race's
// distance the why quotes with its day ("your last race (the 7.0 km race,
// 17 Mar 2019)", "Your last race was the 28.0 km race, 1 Oct 2022: a
// short…"; held-out real-192 2023-01-29, a race older than the 84 days of
// runs dataFacts lists, so its distance was "nowhere").
var raceRe = regexp.MustCompile(`^ km race, (\d{1,2} [A-Z][a-z]{2} \d{4})[):]`)

// raceQuoted reports whether s (with dec decimals), followed by after, is
// the distance of a run on the day quoted there (in zone): a measurement
// of a stored run however long ago, where the facts hold the runs of the
// last 12 weeks only (held-out real-100 2019-06-23: a 7.02 km run 14 weeks
// before the call).
func raceQuoted(after, s string, dec int, acts []activityJSON, zone *time.Location) bool {
	m := raceRe.FindStringSubmatch(after)
	if m == nil {
		return false
	}
	d, err := time.ParseInLocation("2 Jan 2006", m[1], zone)
	if err != nil {
		return false
	}
	for _, a := range acts {
		st := a.Start.In(zone)
		if isRunSport(a.Sport) && st.Year() == d.Year() && st.YearDay() == d.YearDay() &&
			strconv.FormatFloat(a.DistanceM/1000, 'f', dec, 64) == s {
			return true
		}
	}
	return false
}

// ratioRe is "A is R× … B": a ratio the why works out from two numbers
// it quotes (each checked on its own).
var ratioRe = regexp.MustCompile(`(\d+(?:\.\d+)?)(?: km)? is (\d+(?:\.\d+)?)× [^\d;]*?(\d+(?:\.\d+)?)`)

// ratioOf reports whether the number s at loc is the R of such a ratio and
// equals A/B as printed with dec decimals.
func ratioOf(text string, loc []int, s string, dec int) bool {
	for _, m := range ratioRe.FindAllStringSubmatchIndex(text, -1) {
		if m[4] != loc[0] || m[5] != loc[1] {
			continue
		}
		a, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
		b, _ := strconv.ParseFloat(text[m[6]:m[7]], 64)
		if b <= 0 {
			return false
		}
		p := math.Pow(10, float64(dec))
		r := a / b
		// A and B are rounded as printed: R may be from the unrounded values.
		lo, hi := (a-0.05)/(b+0.05), (a+0.05)/max(b-0.05, 1e-9)
		v, _ := strconv.ParseFloat(s, 64)
		return strconv.FormatFloat(math.Round(r*p)/p, 'f', dec, 64) == s || v >= math.Floor(lo*p)/p && v <= math.Ceil(hi*p)/p
	}
	return false
}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.ToLower(strings.Trim(f[len(f)-1], "()[],;:"))
}

// clip is the text around position i.
func clip(s string, i int) string {
	a, b := max(0, i-40), min(len(s), i+30)
	for a > 0 && !utf8Start(s[a]) {
		a--
	}
	for b < len(s) && !utf8Start(s[b]) {
		b++
	}
	return s[a:b]
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func TestCheckWhy(t *testing.T) {
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	var acts []activityJSON
	for i := range 8 {
		acts = append(acts, activityJSON{Start: day.AddDate(0, 0, -i*3).Add(7 * time.Hour), Sport: "running", DistanceM: 8300, MovingS: 2700})
	}
	rep := &sparkJSON{
		Signals: map[string]spark.Signal{"vdot": {Value: 41.2}},
		Recs: []spark.Recommendation{{Why: "Your last run was 8.3 km, 3 runs in the last 7 days (the last 4 weeks show the rest); " +
			"your VDOT of 41.2 gives 4:31/km on Sun 1 Mar; a 99.9 km loop would be new."}},
	}
	c := checkWhy(rep, acts, "2026-03-01", time.UTC)
	// 8.3 and 3 are in the data, 41.2 only in the signals, 99.9 nowhere;
	// 7 and 4 name windows, 4:31 is a pace, 1 Mar a date.
	if c.numbers != 4 || c.exact != 2 || c.signalOnly != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy = %+v, want 4 numbers: 2 exact, 1 engine-only, 1 unexplained", c)
	}
	// What an idea prescribes and a race's name are no measurements; the
	// routine counts are recomputed (all 8 runs within 10% of 8.3 km, all
	// starting at 07:00).
	rep.Recs[0].Why = "A date 6 to 10 weeks away, about 10% more each week; your last race was the 5K. " +
		"8 of your last 8 runs were within 10% of the same distance; 8 of them started within an hour of 07:00."
	if c := checkWhy(rep, acts, "2026-03-01", time.UTC); c.numbers != 3 || c.exact != 3 {
		t.Errorf("checkWhy = %+v, want 3 numbers, all exact", c)
	}
	// A ratio of two quoted numbers is checked against them: 118.1/76.1 is
	// 1.6, 8.3/8.3 is not 7.7.
	rep.Signals["fatigue"], rep.Signals["fitness"] = spark.Signal{Value: 118.1}, spark.Signal{Value: 76.1}
	rep.Recs[0].Why = "Fatigue 118.1 is 1.6× fitness 76.1; your 8.3 km is 7.7× your usual 8.3 km."
	if c := checkWhy(rep, acts, "2026-03-01", time.UTC); c.numbers != 6 || c.exact != 3 || c.signalOnly != 2 || c.unexplained != 1 {
		t.Errorf("checkWhy = %+v, want 6 numbers: 3 exact (1.6 and the two 8.3), 2 engine-only, 1 unexplained (7.7)", c)
	}
	// A number inside a title the why quotes is the runner's word, not a
	// measurement (held-out real-62: "HM 060425 - Firenze Race", a plan's
	// race date in its code); the same number outside it is still checked.
	// An activity set aside is in no count: with a ninth run set aside on
	// the day, "8 runs" is still exact and "9" is not.
	aside := append(slices.Clone(acts), activityJSON{Start: day.Add(9 * time.Hour), Sport: "running", DistanceM: 5000, MovingS: 1500, SetAside: true})
	rep.Recs[0].Why = "You ran 8 runs in all, not 9 runs."
	if c := checkWhy(rep, aside, "2026-03-01", time.UTC); c.numbers != 2 || c.exact != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy with a run set aside = %+v, want 2 numbers: 8 exact, 9 unexplained", c)
	}
	// A race's distance quoted with its day is checked against the runs of
	// that day, however long ago (the facts hold the last 12 weeks): 6.8 km
	// on 2 Nov 2025 is a run's, 9.1 km on that day is not.
	old := activityJSON{Start: time.Date(2025, 11, 2, 9, 0, 0, 0, time.UTC), Sport: "running", DistanceM: 6830, MovingS: 1870}
	rep.Recs[0].Why = "Your last race (the 6.8 km race, 2 Nov 2025); not the 9.1 km race, 2 Nov 2025)."
	if c := checkWhy(rep, append(slices.Clone(acts), old), "2026-03-01", time.UTC); c.numbers != 2 || c.exact != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy with a race's distance quoted = %+v, want 2 numbers: 6.8 exact, 9.1 unexplained", c)
	}
	// The same quoted before a colon ("Your last race was the 6.8 km race,
	// 2 Nov 2025: a short…", held-out real-192 2023-01-29).
	rep.Recs[0].Why = "Your last race was the 6.8 km race, 2 Nov 2025: a short one; not the 9.1 km race, 2 Nov 2025: none."
	if c := checkWhy(rep, append(slices.Clone(acts), old), "2026-03-01", time.UTC); c.numbers != 2 || c.exact != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy with a race's distance quoted before a colon = %+v, want 2 numbers: 6.8 exact, 9.1 unexplained", c)
	}
	acts[1].Name = "HM 060425 - Firenze Race"
	rep.Recs[0].Why = "Your last race was HM 060425 - Firenze Race, 6 Apr 2025; 060425 is nothing."
	if c := checkWhy(rep, acts, "2026-03-01", time.UTC); c.numbers != 1 || c.unexplained != 1 {
		t.Errorf("checkWhy = %+v, want 1 number (the unquoted 060425), unexplained", c)
	}
}

// The race-derived VDOT reference (raceReference): a 10-mile result joins
// the listed halves (a recent 10 miles beats a half ten months old), a
// listed "half" with half an hour of stops is no race result, and a date
// without a listed race in the year is not scored.
func TestRaceReference(t *testing.T) {
	at := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(8 * time.Hour) }
	half := casebook.Race{Date: "2016-05-21", DistanceM: 21097.5, TimeS: 6980, MeasuredM: 21460}
	acts := []activityJSON{
		{Start: at("2016-05-21"), Sport: "running", DistanceM: 21460, MovingS: 6980, ElapsedS: 7000},
		{Start: at("2016-12-23"), Sport: "running", DistanceM: 16000, MovingS: 4738, ElapsedS: 4738},
		{Start: at("2017-01-13"), Sport: "running", DistanceM: 12110, MovingS: 3519, ElapsedS: 3519},
	}
	ref, listed, other := raceReference([]casebook.Race{half}, acts, "2017-03-20", refDistances)
	if want := training.VDOT(16093.44, 4738); math.Abs(ref-want) > 1e-9 || math.Abs(listed-training.VDOT(21097.5, 6980)) > 1e-9 || other != ref {
		t.Errorf("reference %.2f (listed %.2f, 10 miles %.2f), want the 10 miles' %.2f", ref, listed, other, want)
	}
	if ref, _, _ := raceReference(nil, acts, "2017-03-20", refDistances); ref != 0 {
		t.Errorf("no listed race: reference %.2f, want 0 (not scored)", ref)
	}
	stops := casebook.Race{Date: "2024-10-22", DistanceM: 21097.5, TimeS: 9601, MeasuredM: 21138}
	acts = []activityJSON{{Start: at("2024-10-22"), Sport: "running", DistanceM: 20441, MovingS: 7763, ElapsedS: 9600}}
	if ref, _, _ := raceReference([]casebook.Race{stops}, acts, "2024-11-30", refDistances); ref != 0 {
		t.Errorf("a 2:40 half with 31 minutes stopped: reference %.2f, want none", ref)
	}
	acts[0].MovingS = 9300
	if ref, _, _ := raceReference([]casebook.Race{stops}, acts, "2024-11-30", refDistances); math.Abs(ref-training.VDOT(21097.5, 9601)) > 1e-9 {
		t.Errorf("a steady 2:40 half: reference %.2f, want its VDOT", ref)
	}
}

// The reference of a runner with no race results (sustainedReference): the
// second best whole run of 20 minutes to 4 hours in the year before, on
// the dates a listed run makes scored; a fast stretch inside a run, a
// short dash, a run alone at its level and runs over a year old do not
// count.
func TestSustainedReference(t *testing.T) {
	at := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(8 * time.Hour) }
	long := casebook.Race{Date: "2023-10-09", DistanceM: 21097.5, TimeS: 6949, MeasuredM: 21582}
	acts := []activityJSON{
		{Start: at("2023-07-13"), Sport: "running", DistanceM: 7420, MovingS: 1828},  // 49.4: alone at its level
		{Start: at("2023-07-11"), Sport: "running", DistanceM: 6700, MovingS: 1685},  // 48.0
		{Start: at("2023-09-14"), Sport: "running", DistanceM: 5040, MovingS: 1324},  // 44.9
		{Start: at("2023-09-20"), Sport: "running", DistanceM: 3000, MovingS: 700},   // a 12-minute dash
		{Start: at("2022-06-01"), Sport: "running", DistanceM: 10000, MovingS: 2200}, // over a year old
		{Start: at("2023-10-09"), Sport: "running", DistanceM: 21582, MovingS: 6949},
		{Start: at("2023-08-01"), Sport: "cycling", DistanceM: 20000, MovingS: 2400},
	}
	if got, want := sustainedReference([]casebook.Race{long}, acts, "2023-10-29"), training.VDOT(6700, 1685); math.Abs(got-want) > 1e-9 {
		t.Errorf("reference %.2f, want the second best sustained run's %.2f", got, want)
	}
	if got := sustainedReference(nil, acts, "2023-10-29"); got != 0 {
		t.Errorf("no listed run in the year: reference %.2f, want 0 (not scored)", got)
	}
}

// A runner with no race result in the listing is held to a race known from
// outside the history where one falls in the year before the date, and to
// their sustained runs elsewhere.
func TestNoRaceReference(t *testing.T) {
	at := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d.Add(9 * time.Hour) }
	listed := casebook.Race{Date: "2023-10-09", DistanceM: 21097.5, TimeS: 9000, MeasuredM: 21300}
	marathon := casebook.Race{Date: "2023-11-26", DistanceM: 42195, TimeS: 17198, Evidence: "a city marathon's date and start"}
	acts := []activityJSON{
		{Start: at("2023-07-11"), Sport: "running", DistanceM: 11220, MovingS: 3840},
		{Start: at("2023-09-29"), Sport: "running", DistanceM: 6080, MovingS: 1940},
		{Start: at("2023-11-26"), Sport: "running", DistanceM: 44160, MovingS: 17198},
	}
	c := casebook.Case{Name: "t", NoRaceResults: "training runs only", Races: []casebook.Race{listed}, RaceResults: []casebook.Race{marathon}}
	if got, raced := noRaceReference(c, acts, "2024-02-25"); !raced || math.Abs(got-training.VDOT(42195, 17198)) > 1e-9 {
		t.Errorf("a marathon in the year: reference %.2f (raced %v), want its %.2f", got, raced, training.VDOT(42195, 17198))
	}
	if got, raced := noRaceReference(c, acts, "2023-11-20"); raced || math.Abs(got-sustainedReference(c.Races, acts, "2023-11-20")) > 1e-9 {
		t.Errorf("before the marathon: reference %.2f (raced %v), want the sustained runs' %.2f", got, raced, sustainedReference(c.Races, acts, "2023-11-20"))
	}
	if got, _ := noRaceReference(c, acts, "2025-02-25"); got != 0 {
		t.Errorf("no listed run in the year: reference %.2f, want 0 (not scored)", got)
	}
}

// "11 days since your last race (…, 30 Mar 2025)" is checked against the
// date it quotes; another count is not.
func TestDaysSinceQuoted(t *testing.T) {
	after := " days since your last race (马拉松, 30 Mar 2025); it was a big one"
	if !daysSinceQuoted(after, "2025-04-10", 11) {
		t.Error("11 days from 30 Mar to 10 Apr 2025 not taken")
	}
	if daysSinceQuoted(after, "2025-04-10", 12) || daysSinceQuoted(" days since your last run", "2025-04-10", 11) {
		t.Error("a wrong count, or another phrase, taken")
	}
}
