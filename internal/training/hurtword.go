package training

import "strings"

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
}

var hurtScripts = []string{"受伤", "伤痛", "疼", "怪我", "痛い"}

// hurtDenials are phrases that deny or leave a pain behind: a title saying
// one is no hurt ("No more pain?", "pain free", "didn't hurt").
var hurtDenials = []string{
	"no pain", "no more pain", "pain free", "pain-free", "painfree", "without pain", "less pain",
	"not hurt", "didn't hurt", "did not hurt", "doesn't hurt", "does not hurt", "don't hurt", "no hurt",
	"no longer hurt", "ohne schmerz", "sans douleur", "sin dolor", "senza dolore", "sem dor", "geen pijn",
	"不疼", "没疼",
}

// SaysHurt reports whether a run's name or a check-in's note says the
// runner hurts: a word of pain or injury (hurtWords), not denied
// (hurtDenials), and not a return after an injury ("back from injury" is
// a comeback: saysReturn).
func SaysHurt(text string) bool {
	n := strings.ToLower(text)
	if n == "" || anyIn(n, hurtDenials) || saysReturn(n) {
		return false
	}
	return anyWord(n, hurtWords) || anyIn(n, hurtScripts)
}
