package athlete

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

func feedApp(t *testing.T) (*App, *store.Store, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "feed.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ath, err := st.DefaultAthlete(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return New(Config{Store: st, Now: testkit.Now}), st, ath.ID
}

// decodeFeed checks the stream octet by octet and with emersion/go-ical
// (decoder and its encoder's component rules), returning events by UID.
func decodeFeed(t *testing.T, b []byte) map[string]ical.Event {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatal("feed does not end in CRLF")
	}
	for i, l := range bytes.Split(b[:len(b)-2], []byte("\r\n")) {
		if len(l) == 0 || len(l) > 75 || bytes.ContainsAny(l, "\r\n") || !utf8.Valid(l) {
			t.Fatalf("line %d: %q", i+1, l)
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("go-ical: %v", err)
	}
	if err := ical.NewEncoder(&bytes.Buffer{}).Encode(cal); err != nil {
		t.Fatalf("go-ical structure: %v", err)
	}
	out := map[string]ical.Event{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(ical.PropUID)
		out[uid] = e
	}
	return out
}

func TestPlanFeed(t *testing.T) {
	ctx := context.Background()
	app, st, id := feedApp(t)
	exp := store.Experiment{AthleteID: id, RecID: "challenge-intervals", Strategy: rekindle.StrategyChallenge, Title: "Run an interval session at your own paces",
		State: store.ExperimentAccepted, At: testkit.Today, WindowDays: 14}
	if err := st.SaveExperiment(ctx, &exp); err != nil {
		t.Fatal(err)
	}
	ss := plan.FromIdea(exp.ID, exp.Title, []plan.Session{
		{Day: "2025-06-03", Sport: rekindle.SportRunning, Kind: plan.KindQuality, DistanceM: 11000, Note: "2 km warm-up, 5 × 1000 m at 4:00/km with 400 m jog, 2 km cool-down"},
	})
	if err := st.AddPlanned(ctx, id, ss); err != nil {
		t.Fatal(err)
	}
	long, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-08", Kind: "long", DistanceM: 18000, Note: "with Ana; café after, bring €"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-05", Kind: "rest"}); err != nil {
		t.Fatal(err)
	}

	// No feed yet: every token is refused.
	if _, err := app.PlanFeedICS(ctx, id, "anything"); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
		t.Fatalf("no feed: %v", err)
	}
	on, err := app.RotatePlanFeed(ctx, id)
	if err != nil || !on.Active || len(on.Token) < 30 || on.Path != PlanFeedPath(id, on.Token) {
		t.Fatalf("rotate: %+v %v", on, err)
	}
	b, err := app.PlanFeedICS(ctx, id, on.Token)
	if err != nil {
		t.Fatal(err)
	}
	evs := decodeFeed(t, b)
	if len(evs) != 3 {
		t.Fatalf("%d events", len(evs))
	}
	q := evs[SessionUID(id, ss[0].ID)]
	desc, _ := q.Props.Text(ical.PropDescription)
	for _, want := range []string{"5 × 1000 m at 4:00/km", "From the idea: Run an interval session at your own paces (challenge", "Workout: warm-up 2.0 km", "5 × (interval 1000 m"} {
		if !strings.Contains(desc, want) {
			t.Errorf("description lacks %q:\n%s", want, desc)
		}
	}
	if s, _ := q.Props.Text(ical.PropSummary); s != "Quality run 11.0 km" {
		t.Errorf("summary %q", s)
	}
	if st, err := q.DateTimeStart(time.UTC); err != nil || st.Format(time.DateOnly) != "2025-06-03" {
		t.Errorf("start %v %v", st, err)
	}
	if ds, err := q.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !ds.Equal(testkit.Today) {
		t.Errorf("DTSTAMP %v %v", ds, err)
	}
	l := evs[SessionUID(id, long.ID)]
	if d, _ := l.Props.Text(ical.PropDescription); !strings.Contains(d, "with Ana; café after, bring €") || !strings.Contains(d, "Planned by hand") {
		t.Errorf("long description %q", d)
	}

	// An edit keeps the UID and counts the SEQUENCE.
	if _, err := app.EditPlanned(ctx, id, long.ID, PlanForm{Day: "2025-06-07", Kind: "long", DistanceM: 20000}); err != nil {
		t.Fatal(err)
	}
	b, _ = app.PlanICS(ctx, id)
	evs = decodeFeed(t, b)
	l, ok := evs[SessionUID(id, long.ID)]
	if !ok {
		t.Fatalf("edited session lost its UID: %v", evs)
	}
	if st, _ := l.DateTimeStart(time.UTC); st.Format(time.DateOnly) != "2025-06-07" {
		t.Errorf("edited start %v", st)
	}
	if seq, _ := l.Props.Get(ical.PropSequence).Int(); seq != 1 {
		t.Errorf("SEQUENCE %d", seq)
	}

	// Rotating ends the old URL; revoking ends the new one.
	on2, err := app.RotatePlanFeed(ctx, id)
	if err != nil || on2.Token == on.Token {
		t.Fatalf("rotate again %v", err)
	}
	if _, err := app.PlanFeedICS(ctx, id, on.Token); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
		t.Fatalf("rotated-out token: %v", err)
	}
	if _, err := app.PlanFeedICS(ctx, id, on2.Token); err != nil {
		t.Fatalf("new token: %v", err)
	}
	if err := app.RevokePlanFeed(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := app.PlanFeedICS(ctx, id, on2.Token); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
		t.Fatalf("revoked token: %v", err)
	}
	if s, _ := app.PlanFeed(ctx, id); s.Active {
		t.Fatal("revoked feed still active")
	}
}

func TestPlanWorkoutsFIT(t *testing.T) {
	ctx := context.Background()
	app, _, id := feedApp(t)
	q, _ := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-03", Kind: "quality", DistanceM: 9000, Note: "2 km warm-up, 3 × 10 min at 4:20/km with 2 min jog, 2 km cool-down"})
	rest, _ := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-04", Kind: "rest"})
	if _, _, err := app.SessionFIT(ctx, id, rest.ID); rekindle.ErrorCode(err) != rekindle.CodeNotFound {
		t.Fatalf("rest day workout: %v", err)
	}
	b, name, err := app.SessionFIT(ctx, id, q.ID)
	if err != nil || name != fmt.Sprintf("2025-06-03_quality_%d.fit", q.ID) || len(b) < 50 {
		t.Fatalf("%s %d %v", name, len(b), err)
	}
	all, err := app.PlanWorkouts(ctx, id, testkit.Today, 7)
	if err != nil || len(all) != 1 || !bytes.Equal(all[name], b) {
		t.Fatalf("plan workouts %d %v", len(all), err)
	}
}

// A class in the plan is in the feed at its time on the runner's clock
// (18:30 in Monaco is 16:30 UTC in June), at its place, for its length;
// the idea's accepted day is the runner's date (23:30 UTC on 1 June is
// already 2 June in Monaco).
func TestPlanFeedClassAtItsTime(t *testing.T) {
	ctx := context.Background()
	app, st, id := feedApp(t)
	ath, err := st.GetAthlete(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ath.TimeZone, ath.TimeZoneSource = "Europe/Monaco", "user"
	if err := st.UpdateAthlete(ctx, ath); err != nil {
		t.Fatal(err)
	}
	app.Changed(id)
	exp := store.Experiment{AthleteID: id, RecID: "cross-new-class", Strategy: rekindle.StrategyCrossTraining, Title: "Try Yoga Flow on Tue 3 Jun",
		State: store.ExperimentAccepted, At: time.Date(2025, 6, 1, 23, 30, 0, 0, time.UTC), WindowDays: 14}
	if err := st.SaveExperiment(ctx, &exp); err != nil {
		t.Fatal(err)
	}
	ss := plan.FromIdea(exp.ID, exp.Title, []plan.Session{
		{Day: "2025-06-03", Sport: rekindle.SportYoga, Kind: plan.KindCross, DurationS: 3600, Time: "18:30", Place: "Studio Azur", Note: "Yoga Flow"},
	})
	if err := st.AddPlanned(ctx, id, ss); err != nil {
		t.Fatal(err)
	}
	b, err := app.PlanICS(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	e, ok := decodeFeed(t, b)[SessionUID(id, ss[0].ID)]
	if !ok {
		t.Fatalf("no class in the feed:\n%s", b)
	}
	start, err := e.DateTimeStart(time.UTC)
	if want := time.Date(2025, 6, 3, 16, 30, 0, 0, time.UTC); err != nil || !start.Equal(want) {
		t.Errorf("class starts %v (%v), want %v", start, err, want)
	}
	if end, err := e.DateTimeEnd(time.UTC); err != nil || end.Sub(start) != time.Hour {
		t.Errorf("class ends %v (%v)", end, err)
	}
	if p, _ := e.Props.Text(ical.PropLocation); p != "Studio Azur" {
		t.Errorf("location %q", p)
	}
	if d, _ := e.Props.Text(ical.PropDescription); !strings.Contains(d, "at 18:30") || !strings.Contains(d, "accepted 2025-06-02") {
		t.Errorf("description %q", d)
	}
}
