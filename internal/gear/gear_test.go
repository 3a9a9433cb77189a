package gear

import (
	"fmt"
	"testing"
	"time"

	"rekindle"
)

var day0 = time.Date(2024, 1, 1, 7, 0, 0, 0, time.UTC)

func testGear() []Gear {
	return []Gear{
		{ID: 1, Kind: KindShoes, Name: "Pegasus 40", Brand: "Nike", RetireAtM: DefaultShoeRetireM, DefaultFor: []rekindle.Sport{rekindle.SportRunning}},
		{ID: 2, Kind: KindShoes, Name: "Speedgoat 5", Brand: "Hoka", RetireAtM: 800_000, DefaultFor: []rekindle.Sport{rekindle.SportTrailRunning}},
		{ID: 3, Kind: KindBike, Name: "Commuter", DefaultFor: []rekindle.Sport{rekindle.SportCycling}},
		{ID: 4, Kind: KindShoes, Name: "Old Clifton", Brand: "Hoka", Retired: day0},
	}
}

func TestAssign(t *testing.T) {
	g := testGear()
	tests := []struct {
		name   string
		use    Use
		manual map[int64]int64
		want   int64
		how    How
	}{
		{"exact name", Use{ActivityID: 1, Start: day0, Sport: rekindle.SportRunning, GearName: "pegasus  40"}, nil, 1, ByName},
		{"brand and name", Use{ActivityID: 2, Start: day0, Sport: rekindle.SportCycling, GearName: "Hoka Speedgoat 5"}, nil, 2, ByName},
		{"words inside", Use{ActivityID: 3, Start: day0, Sport: rekindle.SportRunning, GearName: "My Pegasus 40 (blue)"}, nil, 1, ByName},
		{"retired gear still matches by name", Use{ActivityID: 4, Start: day0.AddDate(0, 1, 0), Sport: rekindle.SportRunning, GearName: "Old Clifton"}, nil, 4, ByName},
		{"default for running", Use{ActivityID: 5, Start: day0, Sport: rekindle.SportRunning}, nil, 1, ByDefault},
		{"treadmill uses the running default", Use{ActivityID: 6, Start: day0, Sport: rekindle.SportTreadmill}, nil, 1, ByDefault},
		{"trail default beats running default", Use{ActivityID: 7, Start: day0, Sport: rekindle.SportTrailRunning}, nil, 2, ByDefault},
		{"bike default", Use{ActivityID: 8, Start: day0, Sport: rekindle.SportCycling}, nil, 3, ByDefault},
		{"no default for swimming", Use{ActivityID: 9, Start: day0, Sport: rekindle.SportSwimming}, nil, 0, ""},
		{"unknown gear name is not defaulted", Use{ActivityID: 10, Start: day0, Sport: rekindle.SportRunning, GearName: "Ghost 15"}, nil, 0, ""},
		{"by hand wins", Use{ActivityID: 11, Start: day0, Sport: rekindle.SportRunning, GearName: "Pegasus 40"}, map[int64]int64{11: 2}, 2, ByHand},
		{"by hand to unknown gear ignored", Use{ActivityID: 12, Start: day0, Sport: rekindle.SportRunning}, map[int64]int64{12: 99}, 1, ByDefault},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Assign(g, []Use{tc.use}, tc.manual)
			if tc.want == 0 {
				if len(got) != 0 {
					t.Fatalf("assigned %+v, want none", got)
				}
				return
			}
			if len(got) != 1 || got[0].GearID != tc.want || got[0].How != tc.how {
				t.Fatalf("got %+v, want gear %d by %s", got, tc.want, tc.how)
			}
		})
	}
}

func TestDefaultRespectsDates(t *testing.T) {
	old := Gear{ID: 1, Kind: KindShoes, Name: "A", DefaultFor: []rekindle.Sport{rekindle.SportRunning}, Added: day0.AddDate(-1, 0, 0), Retired: day0}
	nu := Gear{ID: 2, Kind: KindShoes, Name: "B", DefaultFor: []rekindle.Sport{rekindle.SportRunning}, Added: day0}
	uses := []Use{
		{ActivityID: 1, Start: day0.AddDate(0, 0, -1), Sport: rekindle.SportRunning},
		{ActivityID: 2, Start: day0, Sport: rekindle.SportRunning},
		{ActivityID: 3, Start: day0.AddDate(-2, 0, 0), Sport: rekindle.SportRunning},
	}
	got := Assign([]Gear{old, nu}, uses, nil)
	if len(got) != 2 || got[0].GearID != 1 || got[1].GearID != 2 {
		t.Fatalf("got %+v", got)
	}
}

func TestTally(t *testing.T) {
	g := testGear()
	g[0].StartM = 100_000
	var uses []Use
	for i := range 70 { // 70 × 9 km = 630 km on the Pegasus, 730 km with the 100 km it came with
		uses = append(uses, Use{ActivityID: int64(i + 1), Start: day0.AddDate(0, 0, i), Sport: rekindle.SportRunning, DistanceM: 9000})
	}
	uses = append(uses, Use{ActivityID: 100, Start: day0, Sport: rekindle.SportTrailRunning, DistanceM: 21000, GearName: "Speedgoat 5"})
	m := Tally(g, uses, nil, time.Time{})
	if m[0].DistanceM != 730_000 || m[0].Activities != 70 || !m[0].Due() {
		t.Errorf("pegasus %+v", m[0])
	}
	// 100 km + 67 × 9 km = 703 km: the 67th run took it past 700 km.
	if want := day0.AddDate(0, 0, 66); !m[0].ReachedAt.Equal(want) {
		t.Errorf("reached at %v, want %v", m[0].ReachedAt, want)
	}
	if m[1].DistanceM != 21000 || m[1].Due() || m[1].Share() != 21000.0/800000 {
		t.Errorf("speedgoat %+v", m[1])
	}
	if m[2].Activities != 0 || m[2].Share() != 0 {
		t.Errorf("bike %+v", m[2])
	}
	// As of day 10: only 10 runs counted.
	m = Tally(g, uses, nil, day0.AddDate(0, 0, 10))
	if m[0].DistanceM != 100_000+10*9000 || m[0].Due() || !m[0].ReachedAt.IsZero() {
		t.Errorf("as of day 10: %+v", m[0])
	}
}

func TestValidateAndLabel(t *testing.T) {
	tests := []struct {
		g     Gear
		ok    bool
		label string
	}{
		{Gear{Kind: KindShoes, Name: "Pegasus 40", Brand: "Nike"}, true, "Nike Pegasus 40"},
		{Gear{Kind: KindShoes, Name: "Nike Pegasus", Brand: "nike"}, true, "Nike Pegasus"},
		{Gear{Kind: KindBike, Name: "Commuter"}, true, "Commuter"},
		{Gear{Kind: "skis", Name: "x"}, false, "x"},
		{Gear{Kind: KindShoes, Name: "  "}, false, "  "},
		{Gear{Kind: KindShoes, Name: "x", RetireAtM: -1}, false, "x"},
		{Gear{Kind: KindShoes, Name: "x", Added: day0, Retired: day0.AddDate(0, 0, -1)}, false, "x"},
	}
	for _, tc := range tests {
		if err := tc.g.Validate(); (err == nil) != tc.ok {
			t.Errorf("%+v: Validate = %v", tc.g, err)
		}
		if l := tc.g.Label(); l != tc.label {
			t.Errorf("label %q, want %q", l, tc.label)
		}
	}
}

func BenchmarkTally(b *testing.B) {
	var g []Gear
	for i := range 20 {
		g = append(g, Gear{ID: int64(i + 1), Kind: KindShoes, Name: fmt.Sprintf("Shoe %d", i), RetireAtM: DefaultShoeRetireM,
			DefaultFor: []rekindle.Sport{rekindle.SportRunning}, Added: day0.AddDate(0, 0, 100*i)})
	}
	var uses []Use
	for i := range 5000 { // ten years of running
		u := Use{ActivityID: int64(i), Start: day0.AddDate(0, 0, i*2/3), Sport: rekindle.SportRunning, DistanceM: 8000}
		if i%3 == 0 {
			u.GearName = fmt.Sprintf("Shoe %d", i%20)
		}
		uses = append(uses, u)
	}
	b.ReportAllocs()
	for b.Loop() {
		Tally(g, uses, nil, time.Time{})
	}
}

func TestValidateDefaults(t *testing.T) {
	ok := Gear{Kind: KindShoes, Name: "x", DefaultFor: []rekindle.Sport{rekindle.SportRunning, rekindle.SportHiking}}
	bad := Gear{Kind: KindShoes, Name: "x", DefaultFor: []rekindle.Sport{rekindle.SportCycling}}
	typo := Gear{Kind: KindBike, Name: "x", DefaultFor: []rekindle.Sport{"cyclng"}}
	if ok.Validate() != nil || bad.Validate() == nil || typo.Validate() == nil {
		t.Errorf("validate: %v %v %v", ok.Validate(), bad.Validate(), typo.Validate())
	}
}
