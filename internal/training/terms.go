package training

import "fmt"

// Term is a word the training picture uses, with what it means in plain
// language for a runner.
type Term struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	Text string `json:"text"`
}

// Terms are the training picture's words in the order pages show them: the
// one text every page (and the CLI) explains them with.
var Terms = []Term{
	{"fitness", "Fitness", fmt.Sprintf("Your training load averaged over about the last %d days (each day counts a little less than the next). It rises slowly while you train regularly and falls slowly when you stop.", FitnessDays)},
	{"fatigue", "Fatigue", fmt.Sprintf("Your training load averaged over about the last %d days. It jumps after hard or long days and drops quickly with rest.", FatigueDays)},
	{"form", "Form", "Fitness minus fatigue. Above zero you are fresh (good before a race); a little below zero is normal in training; far below zero means the load is piling up faster than you recover."},
	{"monotony", "Monotony", "How alike your days of the last week were: the average daily load divided by how much it varied from day to day. Under 1.5 is varied; over 2 means every day was much the same, which with a high load raises the risk of staleness."},
	{"vdot", "VDOT", "A measure of your running fitness worked out from your best recent efforts (Jack Daniels' tables): it gives the race predictions and the training paces."},
}

// Explain returns the plain-language meaning of a term ("fitness", "form",
// …), "" for an unknown key.
func Explain(key string) string {
	for _, t := range Terms {
		if t.Key == key {
			return t.Text
		}
	}
	return ""
}
