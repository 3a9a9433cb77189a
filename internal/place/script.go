package place

import "unicode"

// scripts are the writing systems whose use all but settles the UTC offset
// of the people who name their runs in them: kana (Japan, UTC+9), Hangul
// (Korea, UTC+9), Chinese characters without kana (China, Taiwan, Hong
// Kong, Singapore, Malaysia: all UTC+8). Latin scripts say too little
// (Italian and Portuguese both write "maratona").
var scripts = []struct {
	why   string
	hours int
}{
	{"names written in Japanese", 9},
	{"names written in Korean", 9},
	{"names written in Chinese", 8},
}

// minScriptNames: fewer names in one script are not taken as a hint.
const minScriptNames = 1

// ScriptHint returns the offset the activity names point to (see scripts),
// when names in one of those scripts outnumber the others together; the
// zero Hint when none does.
func ScriptHint(names []string) Hint {
	var n [3]int
	for _, s := range names {
		var kana, hangul, han bool
		for _, r := range s {
			switch {
			case unicode.In(r, unicode.Hiragana, unicode.Katakana):
				kana = true
			case unicode.Is(unicode.Hangul, r):
				hangul = true
			case unicode.Is(unicode.Han, r):
				han = true
			}
		}
		switch {
		case kana:
			n[0]++
		case hangul:
			n[1]++
		case han:
			n[2]++
		}
	}
	for i, c := range n {
		if c >= minScriptNames && 2*c > n[0]+n[1]+n[2] {
			return Hint{Hours: scripts[i].hours, Why: scripts[i].why}
		}
	}
	return Hint{}
}
