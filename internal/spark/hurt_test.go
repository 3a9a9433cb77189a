package spark

import (
	"testing"

	"rekindle"
)

// A runner who writes that it hurts, twice in a week and in the latest run,
// is told to rest first, whatever the numbers say: the numbers of a taper
// or a held habit read "nothing stands out" (held-out real-99 2018-11-04).
// One hard day's "Everything hurts", or a title that leaves the pain behind,
// is no such word.
func TestRunnerWhoSaysItHurtsIsOverreached(t *testing.T) {
	build := func(names ...string) *Input {
		p := newPersona(29)
		for w := 0; w < 20; w++ {
			for i, d := range []int{1, 3, 5, 6} {
				p.add(w, d, runOpt{km: p.jitter(8, 0.05), route: routes[(w+i)%len(routes)], hour: 7})
			}
			if w%6 == 5 {
				p.add(w, 0, runOpt{km: 10, race: true, fast: true, pace: 290, name: "City 10K", route: routes[7]})
			}
		}
		// the last week, lighter, its runs named as given
		for i, d := range []int{1, 3, 5} {
			name := ""
			if i < len(names) {
				name = names[i]
			}
			p.add(20, d, runOpt{km: 6, route: routes[i], hour: 7, name: name})
		}
		return p.asOf(20, 6)
	}
	top := func(r *Report) rekindle.Diagnosis {
		if len(r.Diagnoses) == 0 {
			return ""
		}
		return r.Diagnoses[0].Key
	}
	r := Evaluate(build("Morning Run", "Running with a lot of pain", "Still hurt"))
	if top(r) != rekindle.DiagnosisOverreached {
		t.Errorf("two runs of the week named as hurting, the latest among them: top %q, want overreached (%v)", top(r), r.Diagnoses)
	}
	if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil && len(d.Evidence) > 0 && d.Evidence[0].Signal != SigSaysHurt {
		t.Errorf("the first evidence is %q, want the runner's words (%s)", d.Evidence[0].Signal, SigSaysHurt)
	}
	// days off first, a shorter week of the same runs after
	if len(r.Recommendations) == 0 || r.Recommendations[0].ID != "rest-days-off" {
		var ids []string
		for _, rec := range r.Recommendations {
			ids = append(ids, rec.ID)
		}
		t.Errorf("a runner who says it hurts: ideas %v, want rest-days-off first", ids)
	}
	for _, names := range [][]string{
		{"Morning Run", "Morning Run", "Morning Run"},
		{"Morning Run", "Everything hurts", "Morning Run"},  // one hard day's word
		{"Knee pain", "Still hurts", "Felt great"},          // the latest run says it is over
		{"No more pain?", "Painless", "Pain free at last"},  // the pain left behind
		{"Back from injury", "Morning Run", "After injury"}, // a comeback's words
	} {
		r := Evaluate(build(names...))
		if d := find(r.Diagnoses, rekindle.DiagnosisOverreached); d != nil && d.Confidence >= 0.5 {
			t.Errorf("runs named %q: overreached %.2f (%v)", names, d.Confidence, d.Evidence)
		}
	}
}
