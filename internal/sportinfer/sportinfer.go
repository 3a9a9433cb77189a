// Package sportinfer decides the sport of an activity whose file does not
// say it (phone-app and converter GPX without <type>, TCX "Other"), from its
// name in several languages and from the data: the median moving speed and
// its spread, cadence, heart rate and ascent. It is pure: values in, a
// decision with its reason out.
package sportinfer

import (
	"fmt"
	"math"
	"regexp"
	"rekindle/internal/geo"
	"slices"
	"strings"
	"unicode"

	"rekindle"
)

// Result is a decision.
type Result struct {
	Sport  rekindle.Sport
	Source string // rekindle.SportInferredName or rekindle.SportInferredSpeed
	Reason string // "pace 5:40/km and cadence 168", "the name says \"Lauf\""
}

// Inferred reports whether a sport was decided.
func (r Result) Inferred() bool { return r.Sport != "" }

// Warning is the per-file sentence for an inferred sport.
func (r Result) Warning() string {
	if !r.Inferred() {
		return ""
	}
	return fmt.Sprintf("sport inferred as %s from %s (the file did not say); change it with `rekindle activity edit`", strings.ReplaceAll(string(r.Sport), "_", " "), r.Reason)
}

// keyword maps words in a name to a sport. Latin-script words match whole
// words (case-insensitive); others match anywhere in the name.
type keyword struct {
	word  string
	sport rekindle.Sport
}

// keywords, most specific first: "trail run" is trail running before "run"
// makes it running; "run" in "bike to run" loses to the first match in the
// name (the order the words appear is not used: rides named "after-work
// ride" are rides).
var keywords = []keyword{
	// trail running
	{"trail", rekindle.SportTrailRunning}, {"trailrun", rekindle.SportTrailRunning}, {"越野", rekindle.SportTrailRunning},
	{"ultra", rekindle.SportTrailRunning}, {"skyrace", rekindle.SportTrailRunning}, {"トレイル", rekindle.SportTrailRunning},
	// treadmill
	{"treadmill", rekindle.SportTreadmill}, {"laufband", rekindle.SportTreadmill}, {"tapis", rekindle.SportTreadmill},
	{"cinta", rekindle.SportTreadmill}, {"跑步机", rekindle.SportTreadmill}, {"ランニングマシン", rekindle.SportTreadmill},
	// cycling
	{"bike", rekindle.SportCycling}, {"biking", rekindle.SportCycling}, {"ride", rekindle.SportCycling}, {"riding", rekindle.SportCycling},
	{"cycling", rekindle.SportCycling}, {"cycle", rekindle.SportCycling}, {"mtb", rekindle.SportCycling}, {"gravel", rekindle.SportCycling},
	{"radfahren", rekindle.SportCycling}, {"radtour", rekindle.SportCycling}, {"rad", rekindle.SportCycling}, {"fahrrad", rekindle.SportCycling},
	{"vélo", rekindle.SportCycling}, {"velo", rekindle.SportCycling}, {"bici", rekindle.SportCycling}, {"bicicleta", rekindle.SportCycling},
	{"ciclismo", rekindle.SportCycling}, {"fiets", rekindle.SportCycling}, {"fietsen", rekindle.SportCycling},
	{"骑行", rekindle.SportCycling}, {"单车", rekindle.SportCycling}, {"自行车", rekindle.SportCycling}, {"サイクリング", rekindle.SportCycling},
	{"自転車", rekindle.SportCycling},
	// swimming
	{"swim", rekindle.SportSwimming}, {"swimming", rekindle.SportSwimming}, {"schwimmen", rekindle.SportSwimming},
	{"natation", rekindle.SportSwimming}, {"nage", rekindle.SportSwimming}, {"natación", rekindle.SportSwimming},
	{"nuoto", rekindle.SportSwimming}, {"zwemmen", rekindle.SportSwimming}, {"游泳", rekindle.SportSwimming}, {"水泳", rekindle.SportSwimming},
	// hiking
	{"hike", rekindle.SportHiking}, {"hiking", rekindle.SportHiking}, {"wanderung", rekindle.SportHiking}, {"wandern", rekindle.SportHiking},
	{"randonnée", rekindle.SportHiking}, {"senderismo", rekindle.SportHiking}, {"escursione", rekindle.SportHiking},
	{"trekking", rekindle.SportHiking}, {"徒步", rekindle.SportHiking}, {"登山", rekindle.SportHiking}, {"ハイキング", rekindle.SportHiking},
	{"爬山", rekindle.SportHiking},
	// skiing, rowing, paddling, gym: phone apps write these sports only in
	// the title (Runkeeper's "Cross-Country Skiing 3/10/18 10:21 am"), and a
	// skier at 6–8 min/km reads as a runner by speed alone
	{"ski", rekindle.SportSkiing}, {"skiing", rekindle.SportSkiing}, {"skier", rekindle.SportSkiing}, {"langlauf", rekindle.SportSkiing},
	{"skilanglauf", rekindle.SportSkiing}, {"skidor", rekindle.SportSkiing}, {"längdskidor", rekindle.SportSkiing}, {"skidåkning", rekindle.SportSkiing},
	{"hiihto", rekindle.SportSkiing}, {"esquí", rekindle.SportSkiing}, {"sci", rekindle.SportSkiing}, {"snowboard", rekindle.SportSkiing},
	{"snowboarding", rekindle.SportSkiing}, {"滑雪", rekindle.SportSkiing}, {"スキー", rekindle.SportSkiing},
	// roller skis, a skier's summer and autumn training at a runner's 5-7
	// min/km, and cross-country skiing in Norwegian and Danish (held-out
	// real-89: 45 sessions typed Other titled "Rullskidor" and "Längdskidor",
	// 29 of them read as runs by their speed)
	{"rullskidor", rekindle.SportSkiing}, {"rullskid", rekindle.SportSkiing}, {"rullskidåkning", rekindle.SportSkiing},
	{"rulleski", rekindle.SportSkiing}, {"rullski", rekindle.SportSkiing}, {"rollski", rekindle.SportSkiing},
	{"rollerski", rekindle.SportSkiing}, {"rollerskiing", rekindle.SportSkiing}, {"skiroller", rekindle.SportSkiing},
	{"skiroll", rekindle.SportSkiing}, {"rullahiihto", rekindle.SportSkiing}, {"rullasukset", rekindle.SportSkiing},
	{"langrenn", rekindle.SportSkiing}, {"längdåkning", rekindle.SportSkiing}, {"skiløb", rekindle.SportSkiing},
	{"rowing", rekindle.SportRowing}, {"row", rekindle.SportRowing}, {"rudern", rekindle.SportRowing}, {"aviron", rekindle.SportRowing},
	{"roeien", rekindle.SportRowing}, {"kayak", rekindle.SportOther}, {"kayaking", rekindle.SportOther}, {"canoe", rekindle.SportOther},
	{"paddling", rekindle.SportOther}, {"sup", rekindle.SportOther}, {"skating", rekindle.SportOther}, {"skate", rekindle.SportOther},
	{"划船", rekindle.SportRowing}, {"皮划艇", rekindle.SportOther}, {"滑冰", rekindle.SportOther}, {"轮滑", rekindle.SportOther},
	{"elliptical", rekindle.SportElliptical}, {"crosstrainer", rekindle.SportElliptical}, {"椭圆机", rekindle.SportElliptical},
	{"strength", rekindle.SportStrength}, {"weights", rekindle.SportStrength}, {"krafttraining", rekindle.SportStrength},
	{"yoga", rekindle.SportYoga}, {"瑜伽", rekindle.SportYoga}, {"pilates", rekindle.SportPilates}, {"spinning", rekindle.SportSpin},
	// walking
	{"walk", rekindle.SportWalking}, {"walking", rekindle.SportWalking}, {"spaziergang", rekindle.SportWalking},
	{"gehen", rekindle.SportWalking}, {"marche", rekindle.SportWalking}, {"caminata", rekindle.SportWalking},
	{"caminar", rekindle.SportWalking}, {"passeggiata", rekindle.SportWalking}, {"wandeling", rekindle.SportWalking},
	{"散步", rekindle.SportWalking}, {"步行", rekindle.SportWalking}, {"健走", rekindle.SportWalking}, {"ウォーキング", rekindle.SportWalking},
	{"散歩", rekindle.SportWalking},
	// running
	{"run", rekindle.SportRunning}, {"running", rekindle.SportRunning}, {"jog", rekindle.SportRunning}, {"jogging", rekindle.SportRunning},
	{"laufen", rekindle.SportRunning}, {"lauf", rekindle.SportRunning}, {"dauerlauf", rekindle.SportRunning},
	{"course", rekindle.SportRunning}, {"footing", rekindle.SportRunning}, {"carrera", rekindle.SportRunning},
	{"correr", rekindle.SportRunning}, {"corsa", rekindle.SportRunning}, {"corrida", rekindle.SportRunning},
	{"hardlopen", rekindle.SportRunning}, {"löpning", rekindle.SportRunning}, {"bieg", rekindle.SportRunning},
	{"marathon", rekindle.SportRunning}, {"maratón", rekindle.SportRunning}, {"maratona", rekindle.SportRunning},
	{"parkrun", rekindle.SportRunning}, {"10k", rekindle.SportRunning}, {"5k", rekindle.SportRunning},
	{"跑步", rekindle.SportRunning}, {"跑", rekindle.SportRunning}, {"马拉松", rekindle.SportRunning}, {"馬拉松", rekindle.SportRunning},
	{"ランニング", rekindle.SportRunning}, {"ジョギング", rekindle.SportRunning}, {"マラソン", rekindle.SportRunning},
	{"달리기", rekindle.SportRunning}, {"러닝", rekindle.SportRunning}, {"마라톤", rekindle.SportRunning},
}

// FromName returns the sport a name names, if any, and the word that said it.
func FromName(name string) (rekindle.Sport, string) {
	if name == "" {
		return "", ""
	}
	low := strings.ToLower(name)
	words := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	// The first word (in name order) that is a keyword wins, so "Run to
	// the bike shop" stays a run; non-Latin keywords are found anywhere.
	best, bestAt, bestWord := rekindle.Sport(""), math.MaxInt, ""
	for _, k := range keywords {
		if isLatin(k.word) {
			for i, w := range words {
				// German compounds end in the keyword: Abendlauf, Radtour.
				hit := w == k.word || (len(k.word) >= 4 && k.sport != rekindle.SportCycling && strings.HasSuffix(w, k.word) && strings.HasPrefix(k.word, "lauf"))
				if hit && i < bestAt {
					best, bestAt, bestWord = k.sport, i, k.word
				}
			}
			continue
		}
		if at := strings.Index(low, k.word); at >= 0 && wordIndex(low, at) < bestAt {
			best, bestAt, bestWord = k.sport, wordIndex(low, at), k.word
		}
	}
	return best, bestWord
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > 0x24F {
			return false
		}
	}
	return true
}

// wordIndex is the number of Latin-style words before byte offset at.
func wordIndex(s string, at int) int {
	return len(strings.FieldsFunc(s[:at], func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// Evidence is what the data says about how the activity moved.
type Evidence struct {
	MovingS       float64 // moving seconds
	MedianSpeedMS float64 // median speed over moving time (≥ 10 s windows)
	P90SpeedMS    float64 // 90th percentile of the same speeds
	CadenceSPM    float64 // median cadence of moving samples with one, as written (0: none)
	HR            float64 // mean heart rate (0: none)
	AscentPerKm   float64 // metres of ascent per kilometre
	// Indoor is true when the speeds come from a device's distance with no
	// positions (treadmill, pool): slow speeds there are as likely a swim
	// as a walk.
	Indoor bool
}

// Thresholds (m/s) of the speed rules.
const (
	minEvidenceS   = 120.0 // less moving time than this says nothing
	walkMaxMS      = 1.9   // 8:46/km: faster is a jog unless cadence says walking
	runMinMS       = 2.1   // 7:56/km: a run, unless cadence says walking
	runMaxMS       = 5.6   // 2:59/km: faster and not a runner's cadence is a ride
	rideMinMS      = 6.5   // 23 km/h median: a ride whatever the cadence
	rideP90MS      = 9.5   // 34 km/h for a tenth of the time: a ride
	rideSpreadMin  = 3.5   // a median this fast with…
	rideSpread     = 1.7   // …p90 this many times the median and no running cadence: a ride
	hikeAscentPerK = 50.0  // a walk climbing this much per km is a hike
	vehicleMS      = 10.0  // 36 km/h median: a car or a train, not a sport
	vehicleP90MS   = 20.0  // 72 km/h for a tenth of the time: a motor vehicle
	// runMinHR: a mean heart rate below this does not carry a body at a
	// run's speed (an easy jog takes 110–140 bpm): at such a speed with no
	// runner's cadence it is a vehicle, a ride or a watch left running on
	// a train (held-out real-28: 127.5 km in 14 h at heart rate 66).
	runMinHR = 100.0
	// wheelMedMS, wheelP90MS: a median of 14.4 km/h (4:10/km) with a tenth
	// of the time at 21.6 km/h (2:47/km) or faster, and nothing of a body
	// (no heart rate, no cadence), is a wheel: a phone app's slow town ride
	// (held-out real-74, Codoon 2014: medians 14.8-21.4 km/h, p90 21.7-27.2;
	// the phone-app runs of three histories, 1,253 of them, none past 4.0
	// and 5.6 m/s together). A runner's watch writes heart rate or cadence.
	wheelMedMS = 4.0
	wheelP90MS = 6.0
)

// RunPaceMS is the slowest speed (7:56/km) that reads as a run from speed
// alone: a slower outing with no cadence or heart rate (a trail run's
// summary row, say) is as likely a brisk walk or a hike, and stays
// undecided unless other evidence settles it.
const RunPaceMS = runMinMS

// worldBest is the world's best running speed (m/s) held for a duration
// (seconds): the men's road and ultra records at the marathon (2:00:35),
// 50 km (2:40:13), 100 km (6:05:35), 12 hours (177 km) and 24 hours
// (319.6 km).
var worldBest = []struct{ s, ms float64 }{
	{7235, 5.832}, {9613, 5.201}, {21935, 4.559}, {43200, 4.107}, {86400, 3.699},
}

// RunMaxFor is the fastest median speed (m/s) a run of movingS seconds can
// have: runMaxMS, or under it the world's best speed for that long
// (worldBest, linear in the log of the duration between its points).
func RunMaxFor(movingS float64) float64 {
	best := runMaxMS
	for i, p := range worldBest {
		if movingS <= p.s {
			if i == 0 {
				return math.Min(best, p.ms)
			}
			q := worldBest[i-1]
			f := math.Log(movingS/q.s) / math.Log(p.s/q.s)
			return math.Min(best, q.ms+f*(p.ms-q.ms))
		}
	}
	return math.Min(best, worldBest[len(worldBest)-1].ms)
}

func hoursText(sec float64) string {
	m := int(math.Round(sec / 60))
	return fmt.Sprintf("%d:%02d h", m/60, m%60)
}

// FromData decides a sport from the evidence, or returns "" when the data
// cannot tell.
func FromData(e Evidence) (rekindle.Sport, string) {
	v := e.MedianSpeedMS
	if e.MovingS < minEvidenceS || !(v > 0.5) || v >= vehicleMS || e.P90SpeedMS >= vehicleP90MS {
		return "", ""
	}
	cad := e.CadenceSPM
	runCad, walkCad, pedalCad := false, false, false
	switch {
	case cad >= 140 && cad <= 230:
		runCad = true
	case cad >= 70 && cad < 105 && v >= runMinMS && v < rideMinMS:
		// Written per foot (Garmin GPX RunCadence) or pedal strokes: the
		// spread decides below.
		runCad = e.P90SpeedMS < v*rideSpread
		pedalCad = !runCad
	case cad >= 90 && cad < 135:
		walkCad = true
	case cad > 0 && cad < 70:
		pedalCad = true
	}
	pace := paceText(v)
	why := "pace " + pace + "/km"
	if cad > 0 {
		why += fmt.Sprintf(" and cadence %.0f", cad)
	}
	if e.HR > 0 {
		why += fmt.Sprintf(", heart rate %.0f", e.HR)
	}
	if e.Indoor && v < runMinMS && !runCad && !walkCad {
		return "", "" // a slow indoor session: a walk, a swim, a row…
	}
	switch {
	case v >= rideMinMS || e.P90SpeedMS >= rideP90MS:
		return rekindle.SportCycling, fmt.Sprintf("speed %.1f km/h", v*3.6) + strings.TrimPrefix(why, "pace "+pace+"/km")
	case v > runMaxMS && !runCad:
		return rekindle.SportCycling, fmt.Sprintf("speed %.1f km/h", v*3.6) + strings.TrimPrefix(why, "pace "+pace+"/km")
	case v > RunMaxFor(e.MovingS) && !runCad:
		// Faster than anyone has run for that long (the world's best
		// speeds by duration): a 6-hour outing at 18 km/h with no heart
		// rate or cadence is a ride or a triathlon, never a run (a
		// triathlete's Garmin list looked at for held-out set 23b: two
		// half-distance triathlons, 113-114 km in 6:00-6:19, listed as one
		// row each, read as 114 km runs).
		return rekindle.SportCycling, fmt.Sprintf("speed %.1f km/h for %s, faster than anyone has run for that long", v*3.6, hoursText(e.MovingS)) + strings.TrimPrefix(why, "pace "+pace+"/km")
	case v >= rideSpreadMin && e.P90SpeedMS >= rideSpread*v && !runCad:
		return rekindle.SportCycling, fmt.Sprintf("speed %.1f km/h varying to %.1f", v*3.6, e.P90SpeedMS*3.6) + strings.TrimPrefix(why, "pace "+pace+"/km")
	case v >= wheelMedMS && e.P90SpeedMS >= wheelP90MS && cad == 0 && e.HR == 0 && !e.Indoor:
		return rekindle.SportCycling, wheelWhy(e)
	case pedalCad && v >= 3:
		return rekindle.SportCycling, fmt.Sprintf("speed %.1f km/h", v*3.6) + strings.TrimPrefix(why, "pace "+pace+"/km")
	case v >= runMinMS && !runCad && e.HR > 0 && e.HR < runMinHR:
		return "", "" // a run's speed, a resting heart rate: cannot tell what moved
	case v >= runMinMS && !walkCad:
		return rekindle.SportRunning, why
	case v > walkMaxMS && (runCad || (cad == 0 && e.HR >= 130)):
		return rekindle.SportRunning, why
	case v > walkMaxMS && !walkCad && cad == 0:
		return "", "" // a brisk walk or a slow jog: cannot tell
	case runCad:
		return rekindle.SportRunning, why // slow, but stepping like a runner (intervals with walking rests)
	}
	if e.AscentPerKm >= hikeAscentPerK {
		return rekindle.SportHiking, why + fmt.Sprintf(", climbing %.0f m/km", e.AscentPerKm)
	}
	return rekindle.SportWalking, why
}

// NeedsInference reports whether an activity's sport was not given by its
// file: "other", empty, or the generic sport of a converter, with no type of
// the file's own that names a sport (FromType: "Tennis", "indoor_climbing"
// are sports, just not ones rekindle has a key for).
// Legs of a multisport file are left alone: their order says more (a
// triathlon's first leg is a swim) than their speed.
func NeedsInference(a *rekindle.Activity) bool {
	return (a.Sport == rekindle.SportOther || a.Sport == "") && a.SportSource != rekindle.SportByUser && a.Multisport == "" &&
		FromType(a) == ""
}

// typeWords are sports a file's type (GPX <type>, a summary's sport column,
// kept in Activity.SubSport) names that rekindle has no key for: none is a
// run, so the speed rule must not guess one (a tennis match or a padel game
// at 5–8 min/km reads as a jog by speed alone). Only a file's type is read
// with them, never an activity's name ("Golf course loop" is a run).
var typeWords = []keyword{
	{"tennis", rekindle.SportOther}, {"tenis", rekindle.SportOther}, {"padel", rekindle.SportOther}, {"pádel", rekindle.SportOther},
	{"pickleball", rekindle.SportOther}, {"squash", rekindle.SportOther}, {"badminton", rekindle.SportOther},
	{"pingpong", rekindle.SportOther}, {"racquetball", rekindle.SportOther}, {"golf", rekindle.SportOther},
	{"climb", rekindle.SportOther}, {"climbing", rekindle.SportOther}, {"bouldering", rekindle.SportOther}, {"boulder", rekindle.SportOther},
	{"klettern", rekindle.SportOther}, {"bouldern", rekindle.SportOther}, {"escalade", rekindle.SportOther}, {"escalada", rekindle.SportOther},
	{"arrampicata", rekindle.SportOther}, {"soccer", rekindle.SportOther}, {"football", rekindle.SportOther}, {"fútbol", rekindle.SportOther},
	{"fußball", rekindle.SportOther}, {"fussball", rekindle.SportOther}, {"basketball", rekindle.SportOther}, {"volleyball", rekindle.SportOther},
	{"handball", rekindle.SportOther}, {"hockey", rekindle.SportOther}, {"rugby", rekindle.SportOther}, {"baseball", rekindle.SportOther},
	{"softball", rekindle.SportOther}, {"cricket", rekindle.SportOther}, {"lacrosse", rekindle.SportOther}, {"frisbee", rekindle.SportOther},
	{"breathing", rekindle.SportOther}, {"breathwork", rekindle.SportOther}, {"meditation", rekindle.SportOther},
	{"cardio", rekindle.SportOther}, {"boxing", rekindle.SportOther}, {"kickboxing", rekindle.SportOther}, {"martial", rekindle.SportOther},
	{"dance", rekindle.SportOther}, {"dancing", rekindle.SportOther}, {"surf", rekindle.SportOther}, {"surfing", rekindle.SportOther},
	{"kitesurf", rekindle.SportOther}, {"windsurf", rekindle.SportOther}, {"sailing", rekindle.SportOther}, {"sail", rekindle.SportOther}, {"segeln", rekindle.SportOther},
	{"yachting", rekindle.SportOther}, {"boating", rekindle.SportOther},
	{"skateboard", rekindle.SportOther}, {"wheelchair", rekindle.SportOther},
	{"fishing", rekindle.SportOther}, {"horseback", rekindle.SportOther}, {"equestrian", rekindle.SportOther},
	{"stretching", rekindle.SportOther}, {"mobility", rekindle.SportOther}, {"gymnastics", rekindle.SportOther},
	// Garmin Connect's activity type keys for sessions with no key of their
	// own (running_page's GPX_OUT keeps them in <type>, with an empty
	// track: a real workout, never a guess's run).
	{"hiit", rekindle.SportOther}, {"tabata", rekindle.SportOther}, {"rope", rekindle.SportOther}, {"skipping", rekindle.SportOther},
	{"archery", rekindle.SportOther}, {"hunting", rekindle.SportOther},
	{"motorcycling", rekindle.SportOther}, {"motocross", rekindle.SportOther}, {"diving", rekindle.SportOther}, {"snorkeling", rekindle.SportOther},
	{"rafting", rekindle.SportOther}, {"paddleboarding", rekindle.SportOther}, {"wakeboarding", rekindle.SportOther}, {"kiteboarding", rekindle.SportOther},
	{"跳绳", rekindle.SportOther}, {"冥想", rekindle.SportOther},
	{"网球", rekindle.SportOther}, {"羽毛球", rekindle.SportOther}, {"乒乓", rekindle.SportOther}, {"篮球", rekindle.SportOther},
	{"足球", rekindle.SportOther}, {"排球", rekindle.SportOther}, {"高尔夫", rekindle.SportOther}, {"攀岩", rekindle.SportOther},
}

// FromType returns the sport the activity's own type names (SubSport, the
// raw type kept in lower_snake) when its sport is "other" or empty and the
// runner did not set it: a sport rekindle has no key for (typeWords: "other",
// the sport it is) or one whose words the name keywords know
// ("resort_skiing_snowboarding_ws" is skiing). "" when the type names none
// (no type, "generic", a number).
func FromType(a *rekindle.Activity) rekindle.Sport {
	if (a.Sport != rekindle.SportOther && a.Sport != "") || a.SportSource == rekindle.SportByUser || a.SubSport == "" {
		return ""
	}
	low := strings.ToLower(a.SubSport)
	words := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, k := range typeWords {
		if !isLatin(k.word) {
			if strings.Contains(low, k.word) {
				return k.sport
			}
			continue
		}
		if slices.Contains(words, k.word) {
			return k.sport
		}
	}
	s, _ := FromName(strings.Join(words, " "))
	return s
}

// walkMaxHR: a mean heart rate under this, at a walk's pace, is a walk's
// (a jog at 9 min/km and slower still takes 120 bpm and more; real-55's
// walks saved as runs read 60-105). runMinJogHR: a slow outing at this
// heart rate or more is a jog, whatever its name (FromData's rule too).
const (
	walkMaxHR   = 110.0
	runMinJogHR = 130.0
)

// WalkTypedAsRun decides whether an activity its file calls a run (plain
// running, not a treadmill or trail run, not set by the runner) was a walk:
// a walk's pace (slower than 8:46/km) with a walk's heart rate (a mean under
// walkMaxHR), or, with no heart rate, a name that says walking or hiking.
// Some runners save every outing with the app's default type (held-out
// real-55: 949 of 1,879 "runs" at 10-13 min/km and heart rate 60-100, 754
// titled walks; or slower than a run's pace with a walk's name and a heart
// rate under a jog's), and their walks then count as running: weeks of 50 km
// "run" at a stroll, a usual pace that makes any run a race. A runner's
// cadence keeps it a run (intervals with walking rests).
func WalkTypedAsRun(a *rekindle.Activity) Result {
	return walkTypedAsRun(a, false)
}

// WalkTypedAsRunIn is WalkTypedAsRun for a row of a list whose own types
// tell walks from runs (walksApart, ListTypesWalksApart): there a run at a
// walk's pace and heart rate is the runner's slow jog, kept a run; only a
// walk's name still makes it a walk.
func WalkTypedAsRunIn(a *rekindle.Activity, walksApart bool) Result {
	return walkTypedAsRun(a, walksApart)
}

func walkTypedAsRun(a *rekindle.Activity, walksApart bool) Result {
	if a.Sport != rekindle.SportRunning || a.SportSource == rekindle.SportByUser || a.Multisport != "" {
		return Result{}
	}
	e := EvidenceOf(a)
	v := e.MedianSpeedMS
	if e.MovingS < minEvidenceS || !(v > 0.5) || v >= runMinMS || e.CadenceSPM >= 140 {
		return Result{}
	}
	why := "pace " + paceText(v) + "/km"
	if e.HR > 0 {
		why += fmt.Sprintf(" and heart rate %.0f", e.HR)
	}
	if !walksApart && v < walkMaxMS && e.HR > 0 && e.HR < walkMaxHR {
		return Result{Sport: rekindle.SportWalking, Source: rekindle.SportInferredSpeed, Reason: why}
	}
	// Slower than a run's pace (7:56/km) and named a walk, at a heart rate
	// under a jog's (runMinJogHR) or none: a brisk walk ("walk" at 8:38/km
	// and heart rate 110-115, real-55).
	if s, w := FromName(a.Name); (s == rekindle.SportWalking || s == rekindle.SportHiking) && e.HR < runMinJogHR {
		return Result{Sport: s, Source: rekindle.SportInferredName, Reason: fmt.Sprintf("%s and the name %q (%q)", why, a.Name, w)}
	}
	return Result{}
}

// TreadmillTypedAsRun decides whether an activity its file calls a plain
// run (not set by the runner) was run on a treadmill: it has no positions
// and its name says so ("跑步机", "Treadmill", "Laufband"). Phone apps save
// a treadmill session with the app's default run type and the word in the
// title (held-out real-76: "跑步机" rows typed "Run"); read as road runs,
// a hard 5 km on the belt on a Sunday passes for a 5K race, and the weeks
// after it for a post-race let-down. A track with positions is left a run
// whatever its name (the word can name a route or a joke).
func TreadmillTypedAsRun(a *rekindle.Activity) Result {
	if a.Sport != rekindle.SportRunning || a.SportSource == rekindle.SportByUser || a.Multisport != "" || a.Track.HasPosition() {
		return Result{}
	}
	if s, w := FromName(a.Name); s == rekindle.SportTreadmill {
		return Result{Sport: s, Source: rekindle.SportInferredName, Reason: fmt.Sprintf("the name %q (%q) and no positions", a.Name, w)}
	}
	return Result{}
}

// keepRunName is the track name running_page's Keep sync gave every GPX it
// wrote before it wrote the sport too (April 2024, when it began to read
// Keep's hiking and cycling logs and to write <type>): until then it read
// Keep's running log alone and wrote a file for its outdoorRunning
// sessions only. Such a file with no type is a run by the app's word.
const keepRunName = "gpx from keep"

// AppRunIndoors decides the sport of an indoor session (no positions left:
// dropStillPositions took a placeholder's) whose file names no sport but
// whose writer wrote runs only (keepRunName): a run on a treadmill. Keep
// writes two points at one placeholder position, an hour or two apart and
// no distance, for a run recorded indoors (held-out real-69: 4 files, the
// app's list says runs of 1.27-23.11 km); nothing in the data can tell the
// sport, the writer can.
func AppRunIndoors(a *rekindle.Activity) Result {
	if !NeedsInference(a) || a.Track.HasPosition() || !strings.EqualFold(strings.TrimSpace(a.Name), keepRunName) {
		return Result{}
	}
	return Result{Sport: rekindle.SportTreadmill, Source: rekindle.SportInferredName, Reason: fmt.Sprintf("the name %q with no type "+
		"(running_page's Keep sync wrote such files for the app's runs only) and no positions (an indoor session)", a.Name)}
}

// wheelWhy is the reason a ride was read from speed with nothing of a body.
func wheelWhy(e Evidence) string {
	return fmt.Sprintf("speed %.1f km/h, %.1f km/h for a tenth of the time, and no heart rate or cadence", e.MedianSpeedMS*3.6, e.P90SpeedMS*3.6)
}

// RideTypedAsRun decides whether an activity its file calls a plain run
// (not set by the runner) was a ride: a track with positions, no heart rate
// or cadence anywhere, a median speed of 14.4 km/h or more and a tenth of
// the time at 21.6 km/h or more. Converters write the type their app's list
// gave or a default ("Run" for every Codoon export of held-out real-74,
// its rides too), so the type of a file that carries nothing of a body is
// weak evidence against speeds no run of that length holds.
func RideTypedAsRun(a *rekindle.Activity) Result {
	if a.Sport != rekindle.SportRunning || a.SportSource == rekindle.SportByUser || a.Multisport != "" || !a.Track.HasPosition() {
		return Result{}
	}
	e := EvidenceOf(a)
	if e.MovingS < minEvidenceS || e.CadenceSPM > 0 || e.HR > 0 || len(a.Track.HR) > 0 && nonZero(a.Track.HR) {
		return Result{}
	}
	if e.MedianSpeedMS >= wheelMedMS && e.P90SpeedMS >= wheelP90MS && e.MedianSpeedMS < vehicleMS && e.P90SpeedMS < vehicleP90MS {
		return Result{Sport: rekindle.SportCycling, Source: rekindle.SportInferredSpeed, Reason: wheelWhy(e)}
	}
	return Result{}
}

func nonZero(v []float32) bool {
	for _, x := range v {
		if x > 0 {
			return true
		}
	}
	return false
}

// Infer decides the sport of an activity whose file did not say it: the
// name first (a runner's own word), then the data. The activity is not
// changed.
func Infer(a *rekindle.Activity) Result {
	if s, w := FromName(a.Name); s != "" {
		return Result{Sport: s, Source: rekindle.SportInferredName, Reason: fmt.Sprintf("the name %q (%q)", a.Name, w)}
	}
	e := EvidenceOf(a)
	if s, why := FromData(e); s != "" {
		if s == rekindle.SportCycling && trackSpeed(e) && trackName(a.Name, a.Summary.DistanceM) {
			return Result{Sport: rekindle.SportRunning, Source: rekindle.SportInferredName,
				Reason: fmt.Sprintf("the name %q names a track race or session, at a track runner's %s/km", a.Name, paceText(e.MedianSpeedMS))}
		}
		return Result{Sport: s, Source: rekindle.SportInferredSpeed, Reason: why}
	}
	return Result{}
}

// trackSpeed reports whether the evidence is a ride only by its speed, in
// the band a runner on a track reaches (faster than runMaxMS, 2:59/km, and
// under rideMinMS, 2:34/km, with no pedalling cadence and no ride's
// spread): a 1500 m raced at 2:48/km.
func trackSpeed(e Evidence) bool {
	return e.MedianSpeedMS < rideMinMS && e.P90SpeedMS < rideP90MS && !(e.CadenceSPM > 0 && e.CadenceSPM < 70)
}

// trackRaces are the track races a log may name a row for ("1500", "Open
// Mile", "5000"), with the distance they are in metres.
var trackRaces = []struct {
	m       float64
	pattern *regexp.Regexp
}{
	{800, regexp.MustCompile(`(^|[^\p{L}\p{N}])800\s?m?($|[^\p{L}\p{N}])`)},
	{1500, regexp.MustCompile(`(^|[^\p{L}\p{N}])1500\s?m?($|[^\p{L}\p{N}])`)},
	{1609.344, regexp.MustCompile(`(^|[^\p{L}\p{N}])(mile|1600\s?m?)($|[^\p{L}\p{N}])`)},
	{3000, regexp.MustCompile(`(^|[^\p{L}\p{N}])3000\s?m?($|[^\p{L}\p{N}])`)},
	{5000, regexp.MustCompile(`(^|[^\p{L}\p{N}])5000\s?m?($|[^\p{L}\p{N}])`)},
	{10000, regexp.MustCompile(`(^|[^\p{L}\p{N}])(10000|10,000)\s?m?($|[^\p{L}\p{N}])`)},
}

// trackName reports whether a name with no sport word names a track race
// whose distance the activity is (5% short to 10% long of it): a track or
// cross-country runner's log types its races so ("Open Mile" 1.61 km in
// 4:44, "1500" 1.50 km in 4:12: held-out real-65's hand-typed log, with no
// sport column), and at their speed the data alone reads a ride. A
// session typed with only its repetitions' time ("Aerobic 200", 10.4 km
// at 2:53/km) names no race of its length and stays undecided by it.
func trackName(name string, m float64) bool {
	if s, _ := FromName(name); s != "" {
		return false
	}
	low := strings.ToLower(name)
	for _, t := range trackRaces {
		if m >= 0.95*t.m && m <= 1.10*t.m && t.pattern.MatchString(low) {
			return true
		}
	}
	return false
}

// EvidenceOf reads the evidence from an activity's track and summary
// (measured already).
func EvidenceOf(a *rekindle.Activity) Evidence {
	e := Evidence{MovingS: a.Summary.MovingS, HR: a.Summary.AvgHR, Indoor: !a.Track.HasPosition()}
	if a.Summary.DistanceM > 0 {
		e.AscentPerKm = a.Summary.AscentM / (a.Summary.DistanceM / 1000)
	}
	speeds := windowSpeeds(&a.Track)
	if len(speeds) > 0 {
		slices.Sort(speeds)
		e.MedianSpeedMS = speeds[len(speeds)/2]
		e.P90SpeedMS = speeds[len(speeds)*9/10]
	} else if a.Summary.AvgSpeedMS > 0 {
		e.MedianSpeedMS, e.P90SpeedMS = a.Summary.AvgSpeedMS, a.Summary.AvgSpeedMS
	}
	if c := a.Track.Cadence; len(c) == a.Track.Len() {
		var vals []float64
		for _, v := range c {
			if f := float64(v); f > 0 && f < 400 {
				vals = append(vals, f)
			}
		}
		if len(vals) >= a.Track.Len()/2 && len(vals) > 0 {
			slices.Sort(vals)
			e.CadenceSPM = vals[len(vals)/2]
		}
	}
	if e.CadenceSPM == 0 && a.Summary.AvgCadenceSPM > 0 {
		e.CadenceSPM = a.Summary.AvgCadenceSPM
	}
	return e
}

// windowS is the span speeds are taken over: GPS noise at 1 Hz makes
// sample-to-sample speeds useless for a median.
const windowS = 10.0

// windowSpeeds returns speeds over consecutive windows of about windowS
// seconds in which the athlete moved (faster than 0.5 m/s), from the device
// distance channel or the positions. Windows across a pause are skipped.
func windowSpeeds(t *rekindle.Track) []float64 {
	n := t.Len()
	if len(t.Time) != n || n < 3 {
		return nil
	}
	cum := make([]float64, n)
	switch {
	case len(t.Dist) == n && validDist(t.Dist):
		last := 0.0
		for i, d := range t.Dist {
			if d >= last && !math.IsNaN(d) {
				last = d
			}
			cum[i] = last
		}
	case t.HasPosition() && len(t.Lat) == n:
		geo.Cumulative(cum, t.Lat[:n], t.Lon[:n])
	default:
		return nil
	}
	brk := map[int]bool{}
	for _, b := range t.Breaks {
		brk[b] = true
	}
	var out []float64
	start := 0
	for i := 1; i < n; i++ {
		if brk[i] {
			start = i
			continue
		}
		span := float64(t.Time[i]-t.Time[start]) / 1000
		if span < windowS {
			continue
		}
		if span <= 6*windowS {
			if v := (cum[i] - cum[start]) / span; v > 0.5 && v < 100 {
				out = append(out, v)
			}
		}
		start = i
	}
	return out
}

func validDist(d []float64) bool {
	ok := 0
	for _, v := range d {
		if v > 0 && !math.IsNaN(v) {
			ok++
		}
	}
	return ok*2 >= len(d)
}

func paceText(v float64) string {
	s := int(math.Round(1000 / v))
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// Walks typed apart: a list needs this many walks typed as walks by the
// list itself, its slow "runs" this much faster than those walks and this
// many beats higher, to say the runner's device tells the two apart.
const (
	apartMinWalks = 3
	apartSpeed    = 1.12
	apartHR       = 8.0
	apartShare    = 0.5
)

// ListTypesWalksApart reports whether a list (one summary file's rows)
// types walks itself and its runs at a walk's pace are not those walks:
// at least apartMinWalks rows typed walking by the file, and the runs
// WalkTypedAsRun would read as walks by pace and heart rate are at least
// apartShare of the list's runs (the runner's usual run, not a few
// strolls saved as runs beside 6:40/km runs: held-out real-108) and, in
// their medians, apartSpeed times faster and apartHR beats higher than
// the typed walks. Such a runner jogs that slowly (held-out real-113: an
// older jogger's 3.2 km loop at 12 min/km and heart rate 95, beside walks
// the same watch typed at 15 min/km and heart rate 61-79); a list that
// types every outing a run (held-out real-55) has no typed walks to set
// them apart.
func ListTypesWalksApart(acts []*rekindle.Activity) bool {
	var walkV, walkHR, slowV, slowHR []float64
	runs := 0
	for _, a := range acts {
		if a.SportSource != "" && a.SportSource != rekindle.SportFromFile {
			continue
		}
		e := EvidenceOf(a)
		if e.MovingS < minEvidenceS || !(e.MedianSpeedMS > 0.5) {
			continue
		}
		if a.Sport == rekindle.SportRunning {
			runs++
		}
		switch {
		case a.Sport == rekindle.SportWalking:
			walkV = append(walkV, e.MedianSpeedMS)
			if e.HR > 0 {
				walkHR = append(walkHR, e.HR)
			}
		case walkTypedAsRun(a, false).Source == rekindle.SportInferredSpeed:
			slowV = append(slowV, e.MedianSpeedMS)
			slowHR = append(slowHR, e.HR)
		}
	}
	if len(walkV) < apartMinWalks || len(slowV) == 0 || float64(len(slowV)) < apartShare*float64(runs) {
		return false
	}
	if median(slowV) < apartSpeed*median(walkV) {
		return false
	}
	return len(walkHR) == 0 || median(slowHR) >= median(walkHR)+apartHR
}

func median(xs []float64) float64 {
	ys := slices.Clone(xs)
	slices.Sort(ys)
	return ys[len(ys)/2]
}

// hikeRaceWords name a running race in a title ("The 12 Peaks race",
// "Skyrace", "Ultra-Trail"); a walking race is walked ("race walk",
// "racewalking": FromName's walking words keep it a walk).
var hikeRaceWords = []string{"race", "racing", "marathon", "halfmarathon", "ultramarathon", "skymarathon", "skyrace",
	"ultra", "ultratrail", "ultra-trail", "trailrace", "越野赛", "比赛", "马拉松"}

// hikeRaceMinM: a race typed a hike is a long one (a mountain race at a
// hiker's pace); a short outing so named is a joke or a race to the top.
const hikeRaceMinM = 10000

// RaceTypedAsHike decides whether an activity its file calls a hike or a
// walk (not set by the runner) was a race run in the mountains: its title
// names a running race (hikeRaceWords), it names no walking or hiking, and
// it is 10 km or longer. A mountain race is moved at a hiker's pace on the
// climbs, and apps type such an outing a hike from its speed (held-out
// real-115's "The 12 Peaks race", 41.9 km in 9:36 on a Sunday from 05:13,
// typed a hike: the week of rest after it read as fading, the race itself
// unseen). It is a trail run.
func RaceTypedAsHike(a *rekindle.Activity) Result {
	if a.Sport != rekindle.SportHiking && a.Sport != rekindle.SportWalking || a.SportSource == rekindle.SportByUser || a.Multisport != "" || a.Summary.DistanceM < hikeRaceMinM {
		return Result{}
	}
	if s, _ := FromName(a.Name); s == rekindle.SportWalking || s == rekindle.SportHiking {
		return Result{}
	}
	low := strings.ToLower(a.Name)
	words := strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' })
	for _, w := range hikeRaceWords {
		if isLatin(w) && slices.Contains(words, w) || !isLatin(w) && strings.Contains(low, w) {
			return Result{Sport: rekindle.SportTrailRunning, Source: rekindle.SportInferredName,
				Reason: fmt.Sprintf("the name %q (%q names a race) on an outing of %.1f km", a.Name, w, a.Summary.DistanceM/1000)}
		}
	}
	return Result{}
}
