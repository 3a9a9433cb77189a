package spark

import (
	"fmt"
	"strings"
)

// Question is one item of the spark check. Answers run from 1 (not at all)
// to 5 (very much / almost always).
type Question struct {
	ID        string `json:"id"`
	Dimension string `json:"dimension"` // exhaustion, lost_interest, stagnation
	Text      string `json:"text"`
	Reverse   bool   `json:"reverse"` // agreeing is good: scored 6 − answer
}

// Spark check dimensions: the three the burnout literature uses (science.md
// §9), asked in rekindle's own words.
const (
	DimExhaustion   = "exhaustion"
	DimLostInterest = "lost_interest"
	DimStagnation   = "stagnation"
)

// SparkCheckQuestions is the periodic spark check: two questions per dimension.
var SparkCheckQuestions = []Question{
	{ID: "drained", Dimension: DimExhaustion, Text: "After my runs lately I feel emptied out rather than refreshed."},
	{ID: "heavy", Dimension: DimExhaustion, Text: "Fitting running into my week feels like one more load to carry."},
	{ID: "care_less", Dimension: DimLostInterest, Text: "Running matters less to me than it used to."},
	{ID: "look_forward", Dimension: DimLostInterest, Text: "I look forward to my next run.", Reverse: true},
	{ID: "stuck", Dimension: DimStagnation, Text: "However much I run, I don't seem to get anywhere."},
	{ID: "progress", Dimension: DimStagnation, Text: "I can see myself getting better: faster, further, or finding it easier.", Reverse: true},
}

// AnswerScale explains the answers.
const AnswerScale = "1 not at all · 2 rarely · 3 sometimes · 4 often · 5 almost always"

// ScoreSparkCheck turns answers (question id → 1–5) into the three
// dimension scores, 1–5 each with 5 the worst. Every question must be answered.
func ScoreSparkCheck(answers map[string]int) (exhaustion, lostInterest, stagnation float64, err error) {
	sum := map[string]float64{}
	n := map[string]int{}
	known := map[string]bool{}
	for _, q := range SparkCheckQuestions {
		known[q.ID] = true
		a, ok := answers[q.ID]
		if !ok {
			return 0, 0, 0, fmt.Errorf("spark check: question %q not answered", q.ID)
		}
		if a < 1 || a > 5 {
			return 0, 0, 0, fmt.Errorf("spark check: answer %d to %q: want 1–5", a, q.ID)
		}
		v := float64(a)
		if q.Reverse {
			v = 6 - v
		}
		sum[q.Dimension] += v
		n[q.Dimension]++
	}
	var unknown []string
	for id := range answers {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		return 0, 0, 0, fmt.Errorf("spark check: unknown questions %s", strings.Join(unknown, ", "))
	}
	return sum[DimExhaustion] / float64(n[DimExhaustion]), sum[DimLostInterest] / float64(n[DimLostInterest]), sum[DimStagnation] / float64(n[DimStagnation]), nil
}
