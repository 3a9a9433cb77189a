package training

import "strings"

// A session kind as a plan names it in a run's title: the easy run, the
// long run, the recovery run, and the quality sessions (tempo, intervals,
// fartlek, threshold, progression). Latin-script words stand as words (a
// plural s allowed, as trainingName reads them); Chinese and Japanese ones
// anywhere in the title.
var sessionKinds = []struct {
	kind    string
	quality bool
	words   []string
	scripts []string
}{
	{"tempo", true, []string{"tempo", "tempo run", "tempolauf", "tempodauerlauf", "cruise", "cruise intervals"}, []string{"节奏跑", "节奏", "巡航", "ペース走"}},
	{"interval", true, []string{"interval", "intervals", "intervall", "intervalle", "repeats", "reps", "fractionné", "fractionne", "vma", "ripetute", "intervallen", "interwały", "intervalli"}, []string{"间歇", "間歇", "インターバル"}},
	{"fartlek", true, []string{"fartlek", "fahrtspiel", "fahrtenspiel"}, []string{"法特莱克"}},
	{"threshold", true, []string{"threshold", "seuil", "schwelle", "umbral", "soglia", "limiar", "drempel", "tröskel", "terskel"}, []string{"乳酸阈", "阈值", "閾値"}},
	{"progression", true, []string{"progression", "progression run", "progressive", "progressivo"}, []string{"渐进"}},
	{"long", false, []string{"long run", "longrun", "lsd", "sortie longue", "langer lauf", "tirada larga", "longão"}, []string{"长距离", "長距離", "ロング走", "距離走"}},
	{"easy", false, []string{"easy", "easy run", "footing", "locker", "lockerer", "rodaje", "rozbieganie"}, []string{"轻松跑", "有氧跑", "ジョグ"}},
	{"recovery", false, []string{"recovery", "recovery run", "récup", "recup", "regeneration", "herstelloop"}, []string{"恢复跑"}},
}

// SessionKind returns the kind of planned session a run's title names
// ("7公里轻松跑": easy; "4公里法特莱克跑": fartlek; "Tempo Tuesday": tempo)
// and whether it is a quality session (tempo, intervals, fartlek,
// threshold, progression); "" when the title names none. The first kind
// named wins, quality sessions first ("11公里长距离巡航跑", a long cruise:
// tempo).
func SessionKind(name string) (kind string, quality bool) {
	n := strings.ToLower(name)
	for _, k := range sessionKinds {
		if anyWord(n, k.words) || anyIn(n, k.scripts) {
			return k.kind, k.quality
		}
	}
	return "", false
}
