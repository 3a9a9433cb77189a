package training

import "strings"

// rehabWords name a session of rehabilitation or physiotherapy, as words
// (hasWord: a word matches whole); rehabScripts the same in scripts without
// spaces between words. A run so named is care for an injury, not training:
// the runner is coming back from one.
var rehabWords = []string{
	"rehab", "rehabilitation", "physio", "physiotherapy", "physical therapy",
	// German, French, Spanish, Italian, Portuguese, Dutch
	"reha", "rééducation", "kiné", "kinésithérapie", "fisio", "fisioterapia", "riabilitazione", "reabilitação",
	"revalidatie", "fysio", "fysiotherapie",
}

// Chinese rehabilitation (康复, 复健, 復健), Japanese rehabili, Korean
// rehabilitation.
var rehabScripts = []string{"康复", "复健", "復健", "リハビリ", "재활"}

// SaysRehab reports whether a run's name says it is rehabilitation for an
// injury ("rehab run", "Physio jog", "康复运动（膝盖积水）": rehabilitation
// exercise, fluid on the knee).
func SaysRehab(name string) bool {
	n := strings.ToLower(name)
	return n != "" && (anyWord(n, rehabWords) || anyIn(n, rehabScripts))
}
