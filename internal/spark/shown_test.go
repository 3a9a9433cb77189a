package spark

import (
	"strings"
	"testing"
	"time"
)

func recByID(r *Report, id string) *Recommendation {
	for i := range r.Recommendations {
		if r.Recommendations[i].ID == id {
			return &r.Recommendations[i]
		}
	}
	return nil
}

// TestShownIdeasRotate: a stock idea shown on earlier days steps back (its
// score falls with each day shown in the last two weeks), and the stock
// classes it names rotate by what the runner was shown, not by the week.
// What was shown on the day itself changes nothing (a day's ideas are stable).
func TestShownIdeasRotate(t *testing.T) {
	base := freshFlatRunner()
	r0 := Evaluate(base)
	first := recByID(r0, "cross-new-class")
	if first == nil {
		t.Fatalf("no stock class idea to rotate: %s", strategies(r0))
	}
	loc := base.Location
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := base.AsOf.In(loc).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, loc)
	shownOn := func(days ...int) []Shown {
		var out []Shown
		for _, k := range days {
			out = append(out, Shown{Day: today.AddDate(0, 0, -k), RecID: "cross-new-class", Items: first.Actions})
		}
		return out
	}
	// Shown today only: the same ideas, the same scores.
	in := freshFlatRunner()
	in.Shown = shownOn(0)
	if got := recByID(Evaluate(in), "cross-new-class"); got == nil || got.Score != first.Score || strings.Join(got.Actions, "|") != strings.Join(first.Actions, "|") {
		t.Errorf("shown today changed today's idea: %+v, want %+v", got, first)
	}
	// Shown on the two days before: two penalties, and other classes first.
	in = freshFlatRunner()
	in.Shown = shownOn(1, 2)
	r := Evaluate(in)
	got := recByID(r, "cross-new-class")
	if got != nil {
		if want := round(first.Score*repeatPenalty*repeatPenalty, 3); got.Score > want+0.002 {
			t.Errorf("shown twice: score %.3f, want about %.3f (%.3f × %.1f²)", got.Score, want, first.Score, repeatPenalty)
		}
		for _, a := range got.Actions {
			for _, old := range first.Actions {
				if className(a) == className(old) {
					t.Errorf("class %q shown yesterday comes back while others were never shown: %q", className(a), got.Actions)
				}
			}
		}
	}
	// Shown three weeks ago: no penalty any more, but the classes still
	// rotate past the ones shown then.
	in = freshFlatRunner()
	in.Shown = shownOn(21)
	got = recByID(Evaluate(in), "cross-new-class")
	if got == nil || got.Score != first.Score {
		t.Fatalf("shown three weeks ago: %+v, want score %.3f", got, first.Score)
	}
	if className(got.Actions[0]) == className(first.Actions[0]) {
		t.Errorf("the class shown three weeks ago leads again: %q", got.Actions)
	}
}

// TestShownStockStepsBack: a stock idea in the top three, shown on the
// days before, gives its place to an idea built from the runner's data.
func TestShownStockStepsBack(t *testing.T) {
	in, _, _ := sameLoopRunner()
	r0 := Evaluate(in)
	rank := func(r *Report) int {
		for i, rec := range r.Recommendations {
			if rec.ID == "variety-company-time" {
				return i
			}
		}
		return len(r.Recommendations)
	}
	k0 := rank(r0)
	if k0 > 2 {
		t.Fatalf("variety-company-time not in the top three: %s", strategies(r0))
	}
	y, m, d := in.AsOf.In(time.UTC).Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	for _, k := range []int{1, 3, 5} {
		in.Shown = append(in.Shown, Shown{Day: today.AddDate(0, 0, -k), RecID: "variety-company-time"})
	}
	r := Evaluate(in)
	if k := rank(r); k <= k0 || k <= 2 {
		t.Errorf("shown on 3 of the last 14 days, still #%d: %s", k+1, strategies(r))
	}
	t.Logf("variety-company-time: #%d → #%d after 3 days shown", k0+1, rank(r)+1)
}

// className is the class in a stock action ("Tue 3 Jun: a yoga class — …").
func className(action string) string {
	_, rest, _ := strings.Cut(action, ": ")
	name, _, _ := strings.Cut(rest, " — ")
	return name
}
