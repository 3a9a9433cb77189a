package training

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/testkit"
)

// realSessions builds activities from the device sessions recorded in
// expected.json (their own totals, as a summary-only history would have them).
func realSessions(t *testing.T) []rekindle.Activity {
	t.Helper()
	b, err := os.ReadFile(testkit.Activities(t, "expected.json"))
	if err != nil {
		t.Fatal(err)
	}
	var files map[string]struct {
		Computed struct {
			Sessions []struct {
				Sport     string   `json:"sport"`
				StartTime any      `json:"start_time"`
				Timer     float64  `json:"total_timer_time"`
				Distance  *float64 `json:"total_distance"`
				MaxHR     *float64 `json:"max_heart_rate"`
				AvgHR     *float64 `json:"avg_heart_rate"`
			} `json:"sessions"`
		} `json:"computed"`
	}
	if err := json.Unmarshal(b, &files); err != nil {
		t.Fatalf("expected.json: %v", err)
	}
	fitEpoch := time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC)
	var acts []rekindle.Activity
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		for _, s := range files[n].Computed.Sessions {
			var start time.Time
			switch v := s.StartTime.(type) {
			case string:
				start, err = time.Parse("2006-01-02 15:04:05Z07:00", v)
				if err != nil {
					t.Fatalf("%s: start %q: %v", n, v, err)
				}
			case float64: // a device clock never set: seconds since the FIT epoch
				start = fitEpoch.Add(time.Duration(v) * time.Second)
			default:
				continue
			}
			sport := rekindle.Sport(s.Sport)
			switch s.Sport {
			case "running", "walking", "cycling", "swimming", "transition":
			default:
				sport = rekindle.SportOther
			}
			a := rekindle.Activity{ID: int64(len(acts) + 1), Start: start.UTC(), Sport: sport, Name: n}
			a.Totals.TimerS = s.Timer
			if s.Distance != nil {
				a.Totals.DistanceM = *s.Distance
			}
			if s.MaxHR != nil {
				a.Totals.MaxHR = *s.MaxHR
			}
			acts = append(acts, a)
		}
	}
	return acts
}

func TestRealSessions(t *testing.T) {
	acts := realSessions(t)
	r := Picture(acts, rekindle.Athlete{}, time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), Options{SeriesDays: 20000})
	if r.Activities != len(acts) || r.Activities < 30 {
		t.Errorf("%d activities of %d", r.Activities, len(acts))
	}
	// The maximum heart rate is the 98th percentile of the plausible session maxima.
	var peaks []float64
	for _, a := range acts {
		if a.Totals.MaxHR >= 120 && a.Totals.MaxHR <= 230 {
			peaks = append(peaks, a.Totals.MaxHR)
		}
	}
	slices.Sort(peaks)
	want := peaks[int(math.Ceil(0.98*float64(len(peaks))))-1]
	if r.Athlete.MaxHR != want || r.Athlete.MaxHRSource != SourceObserved || r.Athlete.MaxHRSessions != len(peaks) {
		t.Errorf("max HR %v (%s, %d sessions), want %v from %d", r.Athlete.MaxHR, r.Athlete.MaxHRSource, r.Athlete.MaxHRSessions, want, len(peaks))
	}
	// No histograms, no RPE, no pace: every load is duration × the sport's
	// default, transitions carry none.
	if len(r.Sessions) != len(acts) {
		t.Fatalf("%d sessions in the series", len(r.Sessions))
	}
	for _, s := range r.Sessions {
		switch {
		case s.Sport == rekindle.SportTransition:
			if s.Method != MethodNone || s.Load != 0 {
				t.Errorf("transition %+v", s)
			}
		case s.DurationS > 0:
			if s.Method != MethodDurationDefault {
				t.Errorf("%+v", s)
			}
			near(t, "default load", s.Load, DefaultRPE[s.Sport]*s.DurationS/60*100/(60*ThresholdRPE), 1e-9)
		}
	}
	// The triathlon of 2018-05-27: its five legs all land on that day.
	var tri Day
	for _, d := range r.Days {
		if d.Date == "2018-05-27" {
			tri = d
		}
	}
	if tri.Sessions != 5 || tri.Runs != 1 || tri.Load <= 0 {
		t.Errorf("2018-05-27: %+v", tri)
	}
	if _, err := json.Marshal(r); err != nil {
		t.Error(err)
	}
}
