package training

import (
	"strings"
)

// hurtWords name pain, injury or illness in a run's title or a check-in's
// note, as words (a phrase matches as a whole, in lower case, a plural "s"
// allowed; hasWord), in the languages runners write their titles in;
// hurtScripts the same in scripts without spaces between words, matched
// anywhere; hurtStems German compounds ("Knieschmerzen", "Wadenzerrung"),
// matched inside a word. A body part alone counts: a runner names a knee
// in a title when it is the news ("foot getting a bit better").
var hurtWords = []string{
	// English
	"pain", "painful", "sore", "soreness", "hurt", "hurting", "injury", "injured", "injuries", "sick", "sickness",
	"illness", "unwell", "fever", "flu", "covid", "niggle", "niggly", "strain", "strained", "sprain", "sprained",
	"tendinitis", "tendonitis", "tendinopathy", "shin splint", "plantar", "fasciitis", "stress fracture", "limping",
	"aching", "achy", "knee", "ankle", "shin", "calf", "calves", "hamstring", "achilles", "foot", "heel", "it band", "itb",
	// German
	"verletzt", "verletzung", "krank", "erkältet", "erkältung", "grippe", "zerrung", "knie", "wade", "sehne",
	// French
	"douleur", "blessure", "blessé", "blessée", "malade", "tendinite", "entorse", "mal au", "mal aux", "genou", "cheville",
	// Spanish, Italian, Portuguese
	"dolor", "lesión", "lesion", "lesionado", "lesionada", "enfermo", "enferma", "esguince", "rodilla", "tobillo",
	"dolore", "infortunio", "infortunato", "infortunata", "malato", "malata", "ginocchio", "caviglia",
	"dor", "lesão", "lesionada", "doente", "joelho", "tornozelo",
	// Dutch, Polish
	"pijn", "geblesseerd", "ziek", "ból", "boli", "kontuzja", "kontuzji", "kontuzjowany", "chory", "kolano",
}

var hurtScripts = []string{
	// Chinese: injured, injury, pain (疼, 痛 but not 痛快 "a blast"), ill, a cold, fever, strain, sprain, knee
	"受伤", "伤病", "伤痛", "旧伤", "拉伤", "扭伤", "疼", "痛", "生病", "病了", "感冒", "发烧", "发热", "膝盖",
	// Japanese, Korean
	"怪我", "故障", "風邪", "発熱", "부상", "통증", "아파", "아픔",
}

var hurtStems = []string{"schmerz", "zerrung", "verletz", "entzündung"}

// hurtNots are what a runner writes when nothing hurts ("pain free",
// "no pain", "痛快"): taken out of the text before the hurt words are
// looked for, and a text with one and no hurt word left says the runner
// is fine.
var hurtNots = []string{
	// English
	"no pain", "no more pain", "without pain", "pain free", "pain-free", "painfree", "painless", "not sore",
	"no soreness", "no longer sore", "no injury", "no injuries", "injury free", "injury-free", "not injured",
	"no niggles", "no niggle", "doesn't hurt", "does not hurt", "didn't hurt", "did not hurt", "no longer hurts",
	"not hurting", "not sick", "no longer sick", "knee fine", "knee ok", "foot fine", "foot ok",
	// German, French, Spanish, Italian, Portuguese, Dutch, Polish
	"schmerzfrei", "ohne schmerzen", "ohne schmerz", "keine schmerzen", "nicht verletzt", "beschwerdefrei",
	"sans douleur", "pas de douleur", "plus de douleur", "sin dolor", "sin dolores", "sin lesión", "senza dolore",
	"sem dor", "geen pijn", "pijnvrij", "bez bólu", "nie boli",
	// Chinese, Japanese, Korean
	"痛快", "不疼", "不痛", "没疼", "没有疼", "没痛", "无痛", "没受伤", "没有受伤", "痛くない", "통증 없", "안 아파",
}

// SaysHurt reads a run's title or a check-in's note: hurt when the runner
// names pain, an injury or an illness in it (hurtWords), fine when they say
// nothing hurts ("pain free", "no pain") and name nothing that does. A
// title saying the runner is back (saysReturn: "first run back after
// injury") is neither: the comeback is the news, not the injury.
func SaysHurt(text string) (hurt, fine bool) {
	n := strings.ToLower(strings.TrimSpace(text))
	if n == "" || saysReturn(n) {
		return false, false
	}
	said := false
	for _, w := range hurtNots {
		if strings.Contains(n, w) {
			said = true
			n = strings.ReplaceAll(n, w, " ")
		}
	}
	if anyWord(n, hurtWords) || anyIn(n, hurtScripts) {
		return true, false
	}
	if anyIn(n, hurtStems) {
		return true, false
	}
	return false, said
}
