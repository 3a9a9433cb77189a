package spark

import (
	"slices"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/plan"
)

// A returning runner who has never raced, or not for half a year, is prescribed the comeback build
// with a reward at its end, not a first race 6 to 10 weeks out; one who
// races gets the race goal once the running is regular again (from week 3
// back), and the reward build in the first two weeks (held-out real-122: a
// cyclist who runs a few times a year, never raced; real-123: the first and
// second weeks back after seven and ten weeks without a run; real-109: the
// first runs after covid, no race ever). The reward card is the plan it
// writes, and the build is the race goal's.
func TestReturningGoalByClass(t *testing.T) {
	for _, tc := range []struct {
		name   string
		in     *Input
		wantID string
		wantSt rekindle.Strategy
	}{
		{"never raced, week 4 back", comebackRunner(4), "reward-comeback-build", rekindle.StrategyReward},
		{"never raced, week 1 back", comebackRunner(1), "reward-comeback-build", rekindle.StrategyReward},
		{"raced, week 1 back", racerComebackRunner(1), "reward-comeback-build", rekindle.StrategyReward},
		{"raced, week 3 back", racerComebackRunner(3), "race-comeback-goal", rekindle.StrategyRace},
		// The last race 35 weeks before week 4 back: no racing to come back to.
		{"raced long ago, week 4 back", comebackPersona(4, 6, 10), "reward-comeback-build", rekindle.StrategyReward},
		// A half marathon two weeks before the break: in week 1 back its
		// goalless read ("nothing has replaced it") asks for a race too,
		// and still the race waits.
		{"half before the break, week 1 back", comebackPersona(1, 28, 21.2), "reward-comeback-build", rekindle.StrategyReward},
		{"half before the break, week 3 back", comebackPersona(3, 28, 21.2), "race-comeback-goal", rekindle.StrategyRace},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Evaluate(tc.in)
			if len(r.Diagnoses) == 0 || r.Diagnoses[0].Key != rekindle.DiagnosisReturning {
				t.Fatalf("diagnoses %+v, want returning first", r.Diagnoses)
			}
			top := r.Top()
			if top == nil || top.ID != tc.wantID || top.Strategy != tc.wantSt {
				t.Fatalf("top %v/%v, want %s/%s", top.ID, top.Strategy, tc.wantID, tc.wantSt)
			}
			if got := plan.Describes(top.Plan, rekindle.UnitKm, ""); !slices.Equal(top.Actions[:len(got)], got) {
				t.Errorf("card %q is not the plan %q", top.Actions, got)
			}
			if strings.HasPrefix(tc.name, "half") && r.Diagnosis(rekindle.DiagnosisGoalless) == nil {
				t.Errorf("diagnoses %+v, want goalless beside returning (the half not replaced)", r.Diagnoses)
			}
			if tc.wantSt != rekindle.StrategyReward {
				return
			}
			// The same build as the race goal's, and the reward's two steps:
			// chosen tomorrow, taken on the build's last day.
			var race *Recommendation
			for i := range r.Recommendations {
				if r.Recommendations[i].ID == "race-comeback-goal" {
					race = &r.Recommendations[i]
				}
			}
			var easy, raceEasy []plan.Session
			var steps []plan.Session
			for _, p := range top.Plan {
				switch p.Kind {
				case plan.KindEasy:
					easy = append(easy, p)
				case plan.KindStep:
					steps = append(steps, p)
				}
			}
			if race != nil {
				for _, p := range race.Plan {
					if p.Kind == plan.KindEasy {
						raceEasy = append(raceEasy, p)
					}
				}
				if !slices.Equal(easy, raceEasy) {
					t.Errorf("the reward's build %v is not the race goal's %v", easy, raceEasy)
				}
			}
			if len(easy) == 0 || len(steps) != 2 || steps[0].Day >= easy[0].Day || steps[1].Day < easy[len(easy)-1].Day {
				t.Errorf("reward steps %v around the build %v..%v", steps, easy[0].Day, easy[len(easy)-1].Day)
			}
			if !strings.Contains(top.Why, "the running itself") && !strings.Contains(top.Why, "too soon to set a race date") {
				t.Errorf("why %q does not say why the race waits", top.Why)
			}
			for _, rec := range r.Recommendations {
				if rec.Strategy == rekindle.StrategyChallenge || rec.Strategy == rekindle.StrategyRest {
					t.Errorf("%s for a returning runner", rec.ID)
				}
			}
		})
	}
}
