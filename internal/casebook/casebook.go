// Package casebook holds the yardstick for the spark engine: real runners'
// anonymised histories and generated scenario runners, each with a coach's
// calls written before the engine was run, and the rule that says whether
// the engine's top diagnosis and strategy agree with a call.
//
// The cases live under testdata/casebook (see SOURCES.md there); scenario
// runners are generated on a fixed clock by Scenarios. The harness that
// imports every case through the real import path and replays the calls is
// internal/spark's TestCasebook.
package casebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Call is a coach's call for one day of one runner.
type Call struct {
	Date             string   `json:"date"` // YYYY-MM-DD, evaluated as --as-of
	Diagnoses        []string `json:"diagnoses"`
	Strategies       []string `json:"strategies"`
	ForbidDiagnoses  []string `json:"forbid_diagnoses"`
	ForbidStrategies []string `json:"forbid_strategies"`
	// Tags: "returning" (never overreached nor sparked on top), "happy_varied"
	// (no rest or variety on top).
	Tags  []string `json:"tags"`
	Why   string   `json:"why"`
	Facts string   `json:"facts,omitempty"`
}

// Race is a race-like result used for the race-derived VDOT.
type Race struct {
	Date      string  `json:"date"`
	DistanceM float64 `json:"distance_m"` // the standard distance
	TimeS     float64 `json:"time_s"`
	// MeasuredM is the distance the run measured (0 when not recorded).
	MeasuredM float64 `json:"measured_m,omitempty"`
	// Evidence says, for a Case.RaceResults entry, how the run is known to
	// be that race (a public race calendar's date and start time).
	Evidence string `json:"evidence,omitempty"`
}

// worldRecordS is the men's world record (seconds) at each standard
// distance, rounded down: no race result can be faster.
var worldRecordS = map[float64]float64{
	5000:     755,  // 12:35
	10000:    1571, // 26:11
	15000:    2400, // 40:00 (the record is above 40:27)
	16093.44: 2640, // 44:00 (10 miles; the record is above 44:20)
	20000:    3300, // 55:00 (the record is above 55:20)
	21097.5:  3450, // 57:30
	25000:    4200, // 1:10:00 (the record is above 1:11)
	30000:    5100, // 1:25:00 (the record is above 1:26)
	42195:    7235, // 2:00:35
}

// raceDistanceTolerance is how far a measured distance may be from the
// standard distance it is filed under (GPS and course wander).
const raceDistanceTolerance = 0.03

// Usable says whether r can stand as a race result for the race-derived
// VDOT reference: a standard distance with a known world record, a
// measured distance (when recorded) within 3% of it, and a time no
// faster than the world record. A "half marathon" in 51 minutes is a
// mislabelled ride or a GPS fault, not a race.
func (r Race) Usable() bool {
	wr, ok := worldRecordS[r.DistanceM]
	if !ok || r.TimeS <= 0 || r.TimeS < wr {
		return false
	}
	if r.MeasuredM > 0 && math.Abs(r.MeasuredM/r.DistanceM-1) > raceDistanceTolerance {
		return false
	}
	return true
}

// Case is one runner: the files to import and the calls.
type Case struct {
	Name  string
	Kind  string   // "real", "held-out", "held-out-2" … "held-out-16", "held-out-17a", "held-out-17b", "held-out-18a" (real runners kept out of tuning) or "scenario"
	Files []string // paths given to 'rekindle import'
	// Demo names a simulator persona imported with 'rekindle demo' instead
	// of Files (with DemoEnd and DemoYears).
	Demo      string
	DemoEnd   string
	DemoYears float64
	Races     []Race
	// NoRaceResults, when set, says (from the source, SOURCES.md) why the
	// runner has no race result at a Daniels distance: their Races are
	// training runs of that length, and the VDOT reference is their best
	// sustained runs instead (TestCasebook's sustainedReference).
	NoRaceResults string
	// RaceResults are, for a NoRaceResults runner, the runs known from
	// outside the history to be races at a Daniels distance (a city
	// marathon's date and start time on its public calendar): where one
	// falls in the year before a date, the reference is race-derived as
	// for every racer, and the sustained runs stand in only where none does.
	RaceResults []Race
	Calls       []Call
	// SourceRuns is how many runs the source history holds (0 when not
	// known): import should read every one as a run.
	SourceRuns int
}

type callsFile struct {
	Case  string `json:"case"`
	Kind  string `json:"kind"`
	Races []Race `json:"races"`
	// NoRaceResults: see Case.NoRaceResults.
	NoRaceResults string `json:"no_race_results,omitempty"`
	// RaceResults: see Case.RaceResults.
	RaceResults []Race `json:"race_results,omitempty"`
	Calls       []Call `json:"calls"`
	// SourceRuns counts the source's runs with usable times.
	SourceRuns int `json:"source_runs"`
}

// LoadReal reads every case directory under root that has a calls.json.
func LoadReal(root string) ([]Case, error) {
	dirs, err := os.ReadDir(root)
	if err != nil {
		return nil, fmt.Errorf("casebook: %w", err)
	}
	var out []Case
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(root, d.Name())
		b, err := os.ReadFile(filepath.Join(dir, "calls.json"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("casebook: %w", err)
		}
		var cf callsFile
		if err := json.Unmarshal(b, &cf); err != nil {
			return nil, fmt.Errorf("casebook: %s: %w", filepath.Join(dir, "calls.json"), err)
		}
		c := Case{Name: d.Name(), Kind: cf.Kind, Races: cf.Races, NoRaceResults: cf.NoRaceResults, RaceResults: cf.RaceResults, Calls: cf.Calls, SourceRuns: cf.SourceRuns}
		for _, f := range []string{"tracks.zip", "history.csv.gz", "history.csv"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
				c.Files = append(c.Files, filepath.Join(dir, f))
			}
		}
		if len(c.Files) == 0 {
			return nil, fmt.Errorf("casebook: %s: no history files", dir)
		}
		if err := c.check(); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Keys the calls may use (DESIGN.md).
var (
	DiagnosisKeys = []string{"overreached", "stale_routine", "understimulated", "goalless", "fading", "low_enjoyment", "returning", "sparked"}
	StrategyKeys  = []string{"rest", "challenge", "variety", "reward", "race", "cross_training", "gratitude", "coach"}
)

func (c *Case) check() error {
	for _, r := range c.RaceResults {
		if c.NoRaceResults == "" || r.Evidence == "" || !r.Usable() {
			return fmt.Errorf("casebook: %s: race result of %s: only for a runner with no_race_results, with its evidence, at a standard distance", c.Name, r.Date)
		}
	}
	for _, call := range c.Calls {
		for _, k := range slices.Concat(call.Diagnoses, call.ForbidDiagnoses) {
			if !slices.Contains(DiagnosisKeys, k) {
				return fmt.Errorf("casebook: %s %s: unknown diagnosis %q", c.Name, call.Date, k)
			}
		}
		for _, k := range slices.Concat(call.Strategies, call.ForbidStrategies) {
			if !slices.Contains(StrategyKeys, k) {
				return fmt.Errorf("casebook: %s %s: unknown strategy %q", c.Name, call.Date, k)
			}
		}
		if len(call.Diagnoses) == 0 {
			return fmt.Errorf("casebook: %s %s: no acceptable diagnosis", c.Name, call.Date)
		}
	}
	return nil
}

// Verdict is the engine's answer to one call.
type Verdict struct {
	Diagnosis string // the engine's top diagnosis ("" when none)
	Strategy  string // the engine's top strategy ("" when no idea)
	Agree     bool
	Reason    string // why not, when !Agree
}

// Judge compares the engine's top diagnosis and strategy with a call.
// They agree when the diagnosis is acceptable and not forbidden, and the
// strategy is acceptable (no idea at all is acceptable only for sparked)
// and not forbidden.
func Judge(call Call, diagnosis, strategy string) Verdict {
	v := Verdict{Diagnosis: diagnosis, Strategy: strategy}
	var why []string
	switch {
	case slices.Contains(call.ForbidDiagnoses, diagnosis):
		why = append(why, "diagnosis "+orNone(diagnosis)+" forbidden")
	case !slices.Contains(call.Diagnoses, diagnosis):
		why = append(why, "diagnosis "+orNone(diagnosis)+" not in "+strings.Join(call.Diagnoses, "|"))
	}
	switch {
	case strategy == "" && diagnosis == "sparked":
	case slices.Contains(call.ForbidStrategies, strategy):
		why = append(why, "strategy "+orNone(strategy)+" forbidden")
	case len(call.Strategies) > 0 && !slices.Contains(call.Strategies, strategy):
		why = append(why, "strategy "+orNone(strategy)+" not in "+strings.Join(call.Strategies, "|"))
	}
	if slices.Contains(call.Tags, "returning") && (diagnosis == "overreached" || diagnosis == "sparked") {
		why = append(why, "returning runner called "+diagnosis)
	}
	if slices.Contains(call.Tags, "happy_varied") && (strategy == "rest" || strategy == "variety") {
		why = append(why, "happy varied runner told "+strategy)
	}
	v.Agree = len(why) == 0
	v.Reason = strings.Join(why, "; ")
	return v
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
