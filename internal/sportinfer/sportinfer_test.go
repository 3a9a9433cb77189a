package sportinfer

import (
	"strings"
	"testing"
	"time"

	"rekindle"
)

func TestFromName(t *testing.T) {
	tests := []struct {
		name string
		want rekindle.Sport
	}{
		{"Morning Run", rekindle.SportRunning},
		{"Abendlauf an der Isar", rekindle.SportRunning},
		{"Lauf", rekindle.SportRunning},
		{"Course à pied", rekindle.SportRunning},
		{"carrera suave", rekindle.SportRunning},
		{"Corsa lungo il Po", rekindle.SportRunning},
		{"晨跑", rekindle.SportRunning},
		{"跑步 10公里", rekindle.SportRunning},
		{"上海马拉松", rekindle.SportRunning},
		{"ランニング", rekindle.SportRunning},
		{"崇明越野赛", rekindle.SportTrailRunning},
		{"Trail des Allobroges", rekindle.SportTrailRunning},
		{"Treadmill intervals", rekindle.SportTreadmill},
		{"Evening Ride", rekindle.SportCycling},
		{"Radfahren mit Anna", rekindle.SportCycling},
		{"Sortie vélo", rekindle.SportCycling},
		{"骑行 滴水湖", rekindle.SportCycling},
		{"Sunday hike", rekindle.SportHiking},
		{"徒步 香山", rekindle.SportHiking},
		{"Wanderung zum See", rekindle.SportHiking},
		{"Lunch walk", rekindle.SportWalking},
		{"游泳", rekindle.SportSwimming},
		{"Open water swim", rekindle.SportSwimming},
		{"Cross-Country Skiing 3/10/18 10:21 am", rekindle.SportSkiing}, // Runkeeper's title (real-23)
		{"Cross-Country", ""},                                           // cross-country running or skiing: undecided
		{"Downhill Skiing", rekindle.SportSkiing},
		{"Längdskidor i spåret", rekindle.SportSkiing},
		{"Langlauf am Abend", rekindle.SportSkiing},
		{"Rullskidor", rekindle.SportSkiing}, // roller skis (held-out real-89)
		{"Rullskidor nybörjarträning", rekindle.SportSkiing},
		{"Rulleski klassisk", rekindle.SportSkiing},
		{"Rollski Skating", rekindle.SportSkiing},
		{"Rollerski intervals", rekindle.SportSkiing},
		{"Skiroll in pista", rekindle.SportSkiing},
		{"Rullahiihto", rekindle.SportSkiing},
		{"Langrenn", rekindle.SportSkiing},
		{"Rowing 1/2/19 7:00 pm", rekindle.SportRowing},
		{"Elliptical", rekindle.SportElliptical},
		{"Strength Training", rekindle.SportStrength},
		{"Evening yoga", rekindle.SportYoga},
		{"Skating", rekindle.SportOther},
		{"Sci di fondo", rekindle.SportSkiing},
		{"Running 9/29/24 10:14 am", rekindle.SportRunning}, // Runkeeper's run title
		{"Run to the bike shop", rekindle.SportRunning},     // the first word wins
		{"Brunch with friends", ""},                         // "run" inside a word is not a run
		{"Track 2019-05-04", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got, w := FromName(tc.name); got != tc.want {
			t.Errorf("FromName(%q) = %q (%q), want %q", tc.name, got, w, tc.want)
		}
	}
}

func TestFromData(t *testing.T) {
	tests := []struct {
		name string
		e    Evidence
		want rekindle.Sport
		why  string
	}{
		{"easy run with cadence", Evidence{MovingS: 3000, MedianSpeedMS: 1000 / 340.0, P90SpeedMS: 3.2, CadenceSPM: 168, HR: 148}, rekindle.SportRunning, "pace 5:40/km and cadence 168, heart rate 148"},
		{"run without sensors", Evidence{MovingS: 2400, MedianSpeedMS: 2.8, P90SpeedMS: 3.1}, rekindle.SportRunning, "pace 5:57/km"},
		{"GPX cadence per foot", Evidence{MovingS: 2400, MedianSpeedMS: 3.0, P90SpeedMS: 3.3, CadenceSPM: 84}, rekindle.SportRunning, "cadence 84"},
		{"slow jog with running cadence", Evidence{MovingS: 2400, MedianSpeedMS: 2.0, P90SpeedMS: 2.3, CadenceSPM: 158}, rekindle.SportRunning, "pace 8:20/km"},
		{"slow jog with high heart rate", Evidence{MovingS: 2400, MedianSpeedMS: 2.0, P90SpeedMS: 2.3, HR: 145}, rekindle.SportRunning, ""},
		{"fast runner", Evidence{MovingS: 2000, MedianSpeedMS: 4.9, P90SpeedMS: 5.4, CadenceSPM: 186}, rekindle.SportRunning, ""},
		{"road ride", Evidence{MovingS: 5400, MedianSpeedMS: 8.0, P90SpeedMS: 10.5, CadenceSPM: 85}, rekindle.SportCycling, "speed 28.8 km/h"},
		{"city commute ride", Evidence{MovingS: 1500, MedianSpeedMS: 4.2, P90SpeedMS: 7.5}, rekindle.SportCycling, "varying to 27.0"},
		{"slow ride with pedal cadence", Evidence{MovingS: 1500, MedianSpeedMS: 4.0, P90SpeedMS: 7.0, CadenceSPM: 75}, rekindle.SportCycling, ""},
		{"walk", Evidence{MovingS: 3000, MedianSpeedMS: 1.35, P90SpeedMS: 1.5, CadenceSPM: 112}, rekindle.SportWalking, "pace 12:21/km"},
		{"brisk walk, walking cadence", Evidence{MovingS: 3000, MedianSpeedMS: 2.0, P90SpeedMS: 2.1, CadenceSPM: 125}, rekindle.SportWalking, ""},
		{"hike", Evidence{MovingS: 9000, MedianSpeedMS: 1.0, P90SpeedMS: 1.3, AscentPerKm: 90}, rekindle.SportHiking, "climbing 90 m/km"},
		{"too short to tell", Evidence{MovingS: 60, MedianSpeedMS: 3.0}, "", ""},
		{"brisk walk or slow jog, no sensors", Evidence{MovingS: 2400, MedianSpeedMS: 2.0, P90SpeedMS: 2.2}, "", ""},
		{"no movement (indoor, no distance)", Evidence{MovingS: 3600}, "", ""},
		{"pool swim pace indoors (no positions)", Evidence{MovingS: 1500, MedianSpeedMS: 0.94, P90SpeedMS: 1.1, Indoor: true}, "", ""},
		{"treadmill run indoors", Evidence{MovingS: 1500, MedianSpeedMS: 2.9, P90SpeedMS: 3.0, CadenceSPM: 170, Indoor: true}, rekindle.SportRunning, ""},
		{"a car", Evidence{MovingS: 1500, MedianSpeedMS: 10.3, P90SpeedMS: 19}, "", ""},
		{"a train", Evidence{MovingS: 1500, MedianSpeedMS: 8, P90SpeedMS: 30}, "", ""},
		// A watch's "other" session of 127.5 km in 14 h at heart rate 66
		// (held-out real-28): a run's speed, a resting heart rate.
		{"run speed at a resting heart rate", Evidence{MovingS: 50853, MedianSpeedMS: 2.51, P90SpeedMS: 2.51, HR: 66}, "", ""},
		{"fast and heart rate 76, no cadence", Evidence{MovingS: 1901, MedianSpeedMS: 3.73, P90SpeedMS: 3.73, HR: 76}, "", ""},
		{"easy jog at heart rate 112", Evidence{MovingS: 2400, MedianSpeedMS: 2.6, P90SpeedMS: 2.8, HR: 112}, rekindle.SportRunning, "heart rate 112"},
		{"low heart rate but a runner's cadence", Evidence{MovingS: 2400, MedianSpeedMS: 2.6, P90SpeedMS: 2.8, CadenceSPM: 170, HR: 95}, rekindle.SportRunning, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, why := FromData(tc.e)
			if got != tc.want || !strings.Contains(why, tc.why) {
				t.Errorf("FromData = %q (%q), want %q (%q)", got, why, tc.want, tc.why)
			}
		})
	}
}

// A 1 Hz track going north at speed m/s with cadence c.
func track(n int, speed float64, cad float32) rekindle.Track {
	t0 := time.Date(2023, 4, 2, 7, 0, 0, 0, time.UTC).UnixMilli()
	var tr rekindle.Track
	for i := range n {
		tr.Time = append(tr.Time, t0+int64(i)*1000)
		tr.Lat = append(tr.Lat, 31.2+float64(i)*speed/111195)
		tr.Lon = append(tr.Lon, 121.5)
		tr.Cadence = append(tr.Cadence, cad)
	}
	return tr
}

func TestInfer(t *testing.T) {
	run := &rekindle.Activity{Sport: rekindle.SportOther, Track: track(1800, 2.94, 168),
		Summary: rekindle.Summary{MovingS: 1799, DistanceM: 5290}}
	r := Infer(run)
	if r.Sport != rekindle.SportRunning || r.Source != rekindle.SportInferredSpeed {
		t.Fatalf("run: %+v", r)
	}
	if w := r.Warning(); !strings.Contains(w, "sport inferred as running from pace 5:40/km and cadence 168") {
		t.Errorf("warning %q", w)
	}
	named := &rekindle.Activity{Sport: rekindle.SportOther, Name: "晨跑", Track: track(1800, 8, 0)}
	if r := Infer(named); r.Sport != rekindle.SportRunning || r.Source != rekindle.SportInferredName {
		t.Errorf("named: %+v", r)
	}
	if !NeedsInference(run) || NeedsInference(&rekindle.Activity{Sport: rekindle.SportOther, SportSource: rekindle.SportByUser}) {
		t.Error("NeedsInference")
	}
	empty := &rekindle.Activity{Sport: rekindle.SportOther}
	if r := Infer(empty); r.Inferred() || r.Warning() != "" {
		t.Errorf("empty: %+v", r)
	}
}

func FuzzFromName(f *testing.F) {
	for _, s := range []string{"Morning Run", "晨跑", "Abendlauf", "", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		FromName(s)
	})
}

// A file's own type that names a sport rekindle has no key for is that
// sport, not a guess; no type, a plain one or a number leaves the guess.
func TestFromType(t *testing.T) {
	for _, c := range []struct {
		sport rekindle.Sport
		sub   string
		src   string
		want  rekindle.Sport
	}{
		{rekindle.SportOther, "tennis", "", rekindle.SportOther},
		{rekindle.SportOther, "table_tennis", "", rekindle.SportOther},
		{rekindle.SportOther, "rock_climb", "", rekindle.SportOther},
		{rekindle.SportOther, "football_soccer", "", rekindle.SportOther},
		{rekindle.SportOther, "网球", "", rekindle.SportOther},
		// Strava's own type names with no key of their own (held-out-13's
		// real-47: ten "Sail" outings at 3-4:30/km were guessed as runs).
		{rekindle.SportOther, rekindle.SubSportName("Sail"), "", rekindle.SportOther},
		{rekindle.SportOther, rekindle.SubSportName("Skateboard"), "", rekindle.SportOther},
		{rekindle.SportOther, rekindle.SubSportName("InlineSkate"), "", rekindle.SportOther},
		{rekindle.SportOther, rekindle.SubSportName("Wheelchair"), "", rekindle.SportOther},
		// Garmin Connect's type keys with no key of their own, as
		// running_page's GPX_OUT writes them (a HIIT session and a rope
		// skipping one were warned "the file did not say").
		{rekindle.SportOther, "hiit", "", rekindle.SportOther},
		{rekindle.SportOther, "jump_rope", "", rekindle.SportOther},
		{rekindle.SportOther, "inline_skating", "", rekindle.SportOther},
		{rekindle.SportOther, "stand_up_paddleboarding", "", rekindle.SportOther},
		{rekindle.SportOther, "resort_skiing_snowboarding_ws", "", rekindle.SportSkiing},
		{rekindle.SportOther, "laufen", "", rekindle.SportRunning},
		{rekindle.SportOther, "", "", ""},
		{rekindle.SportOther, "5", "", ""},
		{rekindle.SportOther, "tennis", rekindle.SportByUser, ""},
		{rekindle.SportRunning, "tennis", "", ""},
	} {
		a := &rekindle.Activity{Sport: c.sport, SubSport: c.sub, SportSource: c.src}
		if got := FromType(a); got != c.want {
			t.Errorf("%s/%q (%q): %q, want %q", c.sport, c.sub, c.src, got, c.want)
		}
		if need := NeedsInference(a); need != (c.want == "" && c.sport == rekindle.SportOther && c.src == "") {
			t.Errorf("%s/%q: needs inference %v", c.sport, c.sub, need)
		}
	}
}

// A file's run at a walk's pace and heart rate, or with no heart rate and a
// walk's name, was a walk (held-out real-55: daily walks saved with the
// app's default type Run); a slow run at a runner's heart rate or cadence,
// a treadmill run, a run the runner set, and a jog's pace stay runs.
func TestWalkTypedAsRun(t *testing.T) {
	sum := func(km, min, hr float64) rekindle.Summary {
		return rekindle.Summary{DistanceM: km * 1000, MovingS: min * 60, AvgSpeedMS: km * 1000 / (min * 60), AvgHR: hr}
	}
	for _, c := range []struct {
		name string
		a    rekindle.Activity
		want rekindle.Sport
	}{
		{"walk at HR 75", rekindle.Activity{Sport: rekindle.SportRunning, Summary: sum(5, 60, 75)}, rekindle.SportWalking},
		{"named walk, no HR", rekindle.Activity{Sport: rekindle.SportRunning, Name: "Evening Walk", Summary: sum(4, 45, 0)}, rekindle.SportWalking},
		{"brisk walk named so, HR 115", rekindle.Activity{Sport: rekindle.SportRunning, Name: "Lunch walk", Summary: sum(8.04, 70.7, 115)}, rekindle.SportWalking},
		{"jog named walk, HR 140", rekindle.Activity{Sport: rekindle.SportRunning, Name: "walk", Summary: sum(5, 44, 140)}, ""},
		{"slow run-walk at HR 150", rekindle.Activity{Sport: rekindle.SportRunning, Summary: sum(5, 48, 150)}, ""},
		{"slow, no HR, no name", rekindle.Activity{Sport: rekindle.SportRunning, Summary: sum(5, 50, 0)}, ""},
		{"jog pace at HR 95", rekindle.Activity{Sport: rekindle.SportRunning, Summary: sum(5, 32, 95)}, ""},
		{"treadmill", rekindle.Activity{Sport: rekindle.SportTreadmill, Summary: sum(5, 60, 75)}, ""},
		{"set by the runner", rekindle.Activity{Sport: rekindle.SportRunning, SportSource: rekindle.SportByUser, Summary: sum(5, 60, 75)}, ""},
		{"runner's cadence", rekindle.Activity{Sport: rekindle.SportRunning, Summary: func() rekindle.Summary {
			s := sum(5, 48, 100)
			s.AvgCadenceSPM = 160
			return s
		}()}, ""},
	} {
		if got := WalkTypedAsRun(&c.a); got.Sport != c.want {
			t.Errorf("%s: %+v, want %q", c.name, got, c.want)
		}
	}
}

// A file's plain run with no positions and a treadmill's name (a phone
// app's "跑步机" saved as Run, held-out real-76) was run on a treadmill; a
// run with positions, a run named otherwise, a run the runner set and a
// run already typed stay as they are.
func TestTreadmillTypedAsRun(t *testing.T) {
	sum := rekindle.Summary{DistanceM: 5257, MovingS: 1625, AvgSpeedMS: 5257.0 / 1625, AvgHR: 170}
	outdoors := rekindle.Track{Lat: []float64{31.2, 31.21}, Lon: []float64{121.4, 121.41}}
	for _, c := range []struct {
		name string
		a    rekindle.Activity
		want rekindle.Sport
	}{
		{"跑步机, no positions", rekindle.Activity{Sport: rekindle.SportRunning, Name: "跑步机", Summary: sum}, rekindle.SportTreadmill},
		{"Treadmill run, no positions", rekindle.Activity{Sport: rekindle.SportRunning, Name: "Lunch Treadmill Run", Summary: sum}, rekindle.SportTreadmill},
		{"Laufband, no positions", rekindle.Activity{Sport: rekindle.SportRunning, Name: "Laufband Intervalle", Summary: sum}, rekindle.SportTreadmill},
		{"跑步, no positions", rekindle.Activity{Sport: rekindle.SportRunning, Name: "跑步", Summary: sum}, ""},
		{"no name", rekindle.Activity{Sport: rekindle.SportRunning, Summary: sum}, ""},
		{"named treadmill, with positions", rekindle.Activity{Sport: rekindle.SportRunning, Name: "跑步机", Summary: sum, Track: outdoors}, ""},
		{"set by the runner", rekindle.Activity{Sport: rekindle.SportRunning, SportSource: rekindle.SportByUser, Name: "跑步机", Summary: sum}, ""},
		{"a ride named so", rekindle.Activity{Sport: rekindle.SportCycling, Name: "treadmill", Summary: sum}, ""},
	} {
		if got := TreadmillTypedAsRun(&c.a); got.Sport != c.want {
			t.Errorf("%s: %+v, want %q", c.name, got, c.want)
		}
	}
}

// A wheel's speeds with nothing of a body: a ride, whether the file gave no
// sport or typed it a run; a runner's noisy phone GPS (real phone-app runs:
// median 3.2-3.7 m/s, p90 up to 5.6) or a watch's heart rate keeps a run.
func TestWheelSpeedsNoBody(t *testing.T) {
	for _, c := range []struct {
		e    Evidence
		want rekindle.Sport
	}{
		{Evidence{MovingS: 2539, MedianSpeedMS: 4.15, P90SpeedMS: 6.02}, rekindle.SportCycling}, // real-74 Codoon 2014
		{Evidence{MovingS: 1464, MedianSpeedMS: 4.12, P90SpeedMS: 6.42}, rekindle.SportCycling},
		{Evidence{MovingS: 1148, MedianSpeedMS: 3.22, P90SpeedMS: 5.56}, rekindle.SportRunning},        // Zepp phone run
		{Evidence{MovingS: 1800, MedianSpeedMS: 4.5, P90SpeedMS: 6.1, HR: 172}, rekindle.SportRunning}, // a fast runner's watch
		{Evidence{MovingS: 1800, MedianSpeedMS: 4.5, P90SpeedMS: 6.1, CadenceSPM: 184}, rekindle.SportRunning},
		{Evidence{MovingS: 1800, MedianSpeedMS: 4.2, P90SpeedMS: 5.4}, rekindle.SportRunning}, // fast and steady
	} {
		if got, _ := FromData(c.e); got != c.want {
			t.Errorf("%+v: %s, want %s", c.e, got, c.want)
		}
	}
}

// A roller-ski session typed Other moves at a runner's pace: its name says
// skiing before its speed can say running (held-out real-89: 29 of 45
// "Rullskidor" sessions, 9-31 km at 4:30-7:00/km, were read as runs).
func TestRollerSkisAtARunnersPaceAreSkiing(t *testing.T) {
	a := &rekindle.Activity{Sport: rekindle.SportOther, Name: "Rullskidor", Track: track(2796, 3.7, 0),
		Summary: rekindle.Summary{MovingS: 2796, DistanceM: 10350}}
	if r := Infer(a); r.Sport != rekindle.SportSkiing || r.Source != rekindle.SportInferredName {
		t.Errorf("Rullskidor at 4:30/km: %+v, want skiing by its name", r)
	}
}

// A list that types walks itself, and whose usual "run" is a slow jog
// clearly faster and at a higher heart rate than those walks (held-out
// real-113: an older jogger's 3.2 km loop at 12 min/km and heart rate 95
// beside watch-typed walks at 15 min/km and 61-79), tells walks from runs:
// its slow runs stay runs. A list without typed walks (held-out real-55),
// a few strolls typed as runs beside a list of 6:40/km runs (held-out
// real-108), and typed walks as fast as the slow runs do not.
func TestListTypesWalksApart(t *testing.T) {
	act := func(sp rekindle.Sport, km, min, hr float64) *rekindle.Activity {
		return &rekindle.Activity{Sport: sp, Summary: rekindle.Summary{DistanceM: km * 1000, MovingS: min * 60, AvgSpeedMS: km * 1000 / (min * 60), AvgHR: hr}}
	}
	list := func(slow, fast, walks int, walkMin, walkHR float64) []*rekindle.Activity {
		var out []*rekindle.Activity
		for range slow {
			out = append(out, act(rekindle.SportRunning, 3.2, 38, 95))
		}
		for range fast {
			out = append(out, act(rekindle.SportRunning, 8, 53, 150))
		}
		for range walks {
			out = append(out, act(rekindle.SportWalking, 3.2, walkMin, walkHR))
		}
		return out
	}
	for _, c := range []struct {
		name string
		acts []*rekindle.Activity
		want bool
	}{
		{"slow jogger with slower typed walks", list(20, 1, 4, 48, 72), true},
		{"no typed walks", list(20, 1, 0, 48, 72), false},
		{"two typed walks", list(20, 1, 2, 48, 72), false},
		{"a few strolls among fast runs", list(3, 30, 10, 48, 72), false},
		{"walks as fast as the slow runs", list(20, 1, 4, 40, 72), false},
		{"walks at the slow runs' heart rate", list(20, 1, 4, 48, 92), false},
	} {
		if got := ListTypesWalksApart(c.acts); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		walksApart := ListTypesWalksApart(c.acts)
		if r := WalkTypedAsRunIn(c.acts[0], walksApart); r.Inferred() == c.want {
			t.Errorf("%s: slow run read as %+v with walksApart %v", c.name, r, walksApart)
		}
	}
	// A walk's name still makes a row a walk in such a list.
	named := act(rekindle.SportRunning, 3.2, 38, 95)
	named.Name = "Evening walk"
	if r := WalkTypedAsRunIn(named, true); r.Sport != rekindle.SportWalking {
		t.Errorf("named walk in a list typing walks apart: %+v", r)
	}
}
