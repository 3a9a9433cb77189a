package training

import (
	"regexp"
	"strings"
)

// hurtWords name pain or an injury in a run's title or a check-in's note,
// as words (hasWord: a word matches whole, with an "s" after it); hurtScripts
// the same in scripts without spaces between words. Soreness is left out:
// "sore legs" after a long run or a race is how a hard day feels, not a hurt.
var hurtWords = []string{
	// English
	"hurt", "hurting", "pain", "painful", "in pain", "injured", "injury", "limping", "shin splints",
	"strained", "sprained",
	// German, French, Spanish, Italian, Portuguese, Dutch
	"schmerz", "schmerzen", "verletzt", "verletzung", "douleur", "blessé", "blessée", "dolor", "lesión",
	"lesionado", "lesionada", "dolore", "infortunio", "lesão", "pijn", "geblesseerd",
	"blessure", "infortunato", "infortunata", "tendinite", "tendinitis", "tendonitis", "esguince", "entorse",
	// Illness: a runner who writes they are ill is not one to load
	"sick", "sickness", "illness", "unwell", "fever", "flu", "krank", "erkältet", "erkältung", "grippe", "malade",
	"enfermo", "enferma", "malato", "malata", "doente", "ziek",
	// Polish
	"ból", "boli", "kontuzja", "kontuzji", "kontuzjowany", "kontuzjowana", "chory", "chora",
}

// hurtStems are German compounds' parts, matched inside a word:
// "Knieschmerzen", "Wadenverletzung" (hasWord reads whole words only).
var hurtStems = []string{"schmerz", "verletz"}

// hurtNotRe is a "no" a word or two before a hurt word: "no knee pain",
// "without hamstring pain" (hurtDenials holds the fixed phrases).
var hurtNotRe = regexp.MustCompile(`\b(?:no|not|without|never|zero)\s+(?:[a-z]+\s+){0,2}?(?:pain|pains|hurt|hurts|hurting|injury|injuries|sick)\b`)

var hurtScripts = []string{"受伤", "伤痛", "疼", "怪我", "痛い",
	// Chinese: a strain, a sprain, an injury, ill, a cold, a fever; Japanese pain, a cold; Korean injury, pain
	"拉伤", "扭伤", "伤病", "生病", "感冒", "发烧", "痛み", "風邪", "부상", "통증"}

// hurtDenials are phrases that deny or leave a pain behind: a title saying
// one is no hurt ("No more pain?", "pain free", "didn't hurt").
var hurtDenials = []string{
	"no pain", "no more pain", "pain free", "pain-free", "painfree", "without pain", "less pain",
	"not hurt", "didn't hurt", "did not hurt", "doesn't hurt", "does not hurt", "don't hurt", "no hurt",
	"no longer hurt", "ohne schmerz", "sans douleur", "sin dolor", "senza dolore", "sem dor", "geen pijn",
	"不疼", "没疼", "schmerzfrei", "keine schmerzen", "bez bólu", "nie boli", "没有疼", "无痛", "没受伤", "没有受伤",
}

// SaysHurt reports whether a run's name or a check-in's note says the
// runner hurts: a word of pain or injury (hurtWords), not denied
// (hurtDenials), and not a return after an injury ("back from injury" is
// a comeback: saysReturn).
func SaysHurt(text string) bool {
	n := strings.ToLower(text)
	if n == "" || anyIn(n, hurtDenials) || hurtNotRe.MatchString(n) || saysReturn(n) {
		return false
	}
	return anyWord(n, hurtWords) || anyIn(n, hurtScripts) || anyIn(n, hurtStems)
}
