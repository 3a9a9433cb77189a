package spark

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"testing"
	"time"

	"rekindle"
)

// FuzzEvaluate builds histories from arbitrary bytes (including NaN, Inf,
// negative and huge values) and checks that Evaluate neither panics nor
// returns a report that cannot be encoded as JSON.
func FuzzEvaluate(f *testing.F) {
	f.Add([]byte{})
	f.Add(make([]byte, 64))
	seed := make([]byte, 0, 40*24)
	for i := range 40 {
		seed = binary.LittleEndian.AppendUint16(seed, uint16(i*2)) // day
		seed = binary.LittleEndian.AppendUint16(seed, 8000)        // metres
		seed = binary.LittleEndian.AppendUint16(seed, 2700)        // seconds
		seed = binary.LittleEndian.AppendUint16(seed, uint16(i%5)) // route
		seed = append(seed, byte(i%5+1), byte(i%3), byte(i%2), 0)  // enjoyment, companions, flags
		seed = binary.LittleEndian.AppendUint64(seed, math.Float64bits(float64(i)))
		seed = binary.LittleEndian.AppendUint32(seed, uint32(i))
	}
	f.Add(seed)
	f.Fuzz(fuzzOnce)
}

func fuzzOnce(t *testing.T, data []byte) {
	{
		t0 := time.Date(2024, 1, 1, 7, 0, 0, 0, time.UTC)
		in := &Input{Unit: rekindle.UnitMi}
		sports := []rekindle.Sport{rekindle.SportRunning, rekindle.SportTrailRunning, rekindle.SportYoga, rekindle.SportCycling, ""}
		for i := 0; len(data) >= 24 && i < 2000; i++ {
			rec := data[:24]
			data = data[24:]
			day := int(binary.LittleEndian.Uint16(rec[0:]))
			dist := float64(binary.LittleEndian.Uint16(rec[2:]))
			secs := float64(binary.LittleEndian.Uint16(rec[4:]))
			x := math.Float64frombits(binary.LittleEndian.Uint64(rec[12:]))
			start := t0.AddDate(0, 0, day%3000).Add(time.Duration(binary.LittleEndian.Uint32(rec[20:])%86400) * time.Second)
			s := Session{ID: int64(i + 1), Start: start, Sport: sports[int(rec[10])%len(sports)], DistanceM: dist, MovingS: secs,
				RouteKey: string(rune('a' + rec[6]%8)), Race: rec[10]&8 != 0, Load: x, Gear: "shoe"}
			if secs > 0 {
				s.AvgSpeedMS = dist / secs
			}
			s.BestEfforts = []rekindle.Effort{{Name: "1k", DistanceM: 1000, ElapsedS: x}, {Name: "5k", DistanceM: 5000, ElapsedS: secs}}
			in.Sessions = append(in.Sessions, s)
			in.CheckIns = append(in.CheckIns, rekindle.CheckIn{At: start, Enjoyment: int(rec[8]) % 7, RPE: x, Companions: int(rec[9]) % 4})
			if rec[11]&1 != 0 {
				in.SparkChecks = append(in.SparkChecks, rekindle.SparkCheck{At: start, Exhaustion: x, LostInterest: float64(rec[8]), Stagnation: 3})
			}
			if rec[11]&2 != 0 {
				in.Experiments = append(in.Experiments, Experiment{ID: int64(i), RecID: "variety-route", Strategy: rekindle.StrategyVariety, State: StateAccepted, At: start, WindowDays: int(rec[9])})
			}
			in.AsOf = start
		}
		r := Evaluate(in)
		if _, err := json.Marshal(r); err != nil {
			for _, d := range r.Diagnoses {
				if _, err := json.Marshal(d); err != nil {
					t.Errorf("diagnosis %+v", d)
				}
			}
			for _, d := range r.Recommendations {
				if _, err := json.Marshal(d); err != nil {
					t.Errorf("recommendation %+v", d)
				}
			}
			for _, d := range r.Experiments {
				if _, err := json.Marshal(d); err != nil {
					t.Errorf("experiment %+v", d)
				}
			}
			t.Fatalf("report not encodable: %v", err)
		}
		if r.SparkScore < 0 || r.SparkScore > 100 {
			t.Fatalf("spark score %d", r.SparkScore)
		}
	}
}
