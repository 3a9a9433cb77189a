package rekindle

import (
	"testing"
	"time"
)

func TestDefaultName(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2025, 3, 14, h, 30, 0, 0, time.UTC) }
	for _, c := range []struct {
		sport Sport
		at    time.Time
		want  string
	}{
		{SportRunning, at(7), "Morning run"},
		{SportCycling, at(19), "Evening ride"},
		{SportPoolSwim, at(12), "Lunch swim"},
		{SportTrailRunning, at(15), "Afternoon trail run"},
		{SportWalking, at(23), "Night walk"},
		{SportRunning, at(4), "Night run"},
		{"", at(9), "Morning workout"},
	} {
		if got := DefaultName(c.sport, c.at); got != c.want {
			t.Errorf("DefaultName(%s, %s) = %q, want %q", c.sport, c.at.Format("15:04"), got, c.want)
		}
	}
	// The athlete's zone decides the part of the day.
	a := &Activity{Sport: SportRunning, Start: time.Date(2025, 3, 14, 5, 0, 0, 0, time.UTC)}
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	if got := a.DisplayName(ny); got != "Night run" {
		t.Errorf("DisplayName in New York = %q, want Night run", got)
	}
	a.Name = "Parkrun"
	if got := a.DisplayName(ny); got != "Parkrun" {
		t.Errorf("DisplayName with a name = %q", got)
	}
}
