package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/calendar"
	"rekindle/internal/cli"
	"rekindle/internal/gear"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestActivityEditForms: a history the files did not give a sport is fixed
// on the Activities page in one go, one activity is renamed and marked a
// race on its page, a saved course shows on Routes and can be deleted, and
// nobody else can edit.
func TestActivityEditForms(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "edit.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("eve@example.org")
	ctx := context.Background()
	ath := c.AthleteID()
	day := time.Date(2023, 3, 1, 7, 0, 0, 0, time.UTC)
	var b store.Batch
	for i := range 4 {
		a := &rekindle.Activity{Start: day.AddDate(0, 0, 7*i), Sport: rekindle.SportOther, SportSource: rekindle.SportFromFile,
			Source:  rekindle.Source{Format: rekindle.FormatGPX, File: fmt.Sprintf("run%d.gpx", i), SHA256: fmt.Sprint("s", i)},
			Summary: rekindle.Summary{DistanceM: 8000, MovingS: 2700, ElapsedS: 2800, AvgSpeedMS: 8000 / 2700.0}}
		p, err := store.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		b.New = append(b.New, p)
	}
	b.Courses = []*store.Course{{Name: "Dishui Lake loop", DistanceM: 21097, Points: rekindle.Track{Lat: []float64{30.9, 30.91}, Lon: []float64{121.9, 121.91}},
		Source: rekindle.Source{Format: rekindle.FormatGPX, File: "dishui.gpx", SHA256: "c1"}}}
	if err := s.Store.WriteBatch(ctx, ath, &b); err != nil {
		t.Fatal(err)
	}
	first := b.New[0].A.ID

	_, page := c.Do("GET", "/activities", nil)
	if !strings.Contains(page, `action="/activities/set-sport"`) {
		t.Fatal("no bulk set-sport form on the Activities page")
	}
	form := url.Values{"where_sport": {"other"}, "sport": {"running"}, "from": {"2023-03-05"}, "csrf_token": {c.CSRF}}
	if resp, _ := c.Do("POST", "/activities/set-sport", form.Encode()); resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "changed=3") {
		t.Fatalf("set sport: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	runs, _ := s.Store.ListActivities(ctx, ath, store.ActivityFilter{Sports: []rekindle.Sport{rekindle.SportRunning}, SportSource: rekindle.SportByUser})
	if len(runs) != 3 {
		t.Errorf("%d runs set by the runner, want 3", len(runs))
	}

	_, page = c.Do("GET", fmt.Sprintf("/activities/%d", first), nil)
	if !strings.Contains(page, fmt.Sprintf(`action="/activities/%d/edit"`, first)) {
		t.Fatal("no edit form on the activity page")
	}
	form = url.Values{"sport": {"trail_running"}, "name": {"Spring 10K"}, "race": {"yes"}, "csrf_token": {c.CSRF}}
	if resp, _ := c.Do("POST", fmt.Sprintf("/activities/%d/edit", first), form.Encode()); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	a, err := s.Store.GetActivity(ctx, ath, first)
	if err != nil || a.Sport != rekindle.SportTrailRunning || a.Name != "Spring 10K" || a.RaceOverride == nil || !*a.RaceOverride {
		t.Fatalf("after edit: %+v %v", a, err)
	}
	_, page = c.Do("GET", fmt.Sprintf("/activities/%d?ok=edited", first), nil)
	if !strings.Contains(page, "Spring 10K") || !strings.Contains(page, `value="yes" checked`) {
		t.Errorf("the activity page does not show the edit")
	}
	// The list was rendered before the edit (and is kept by the athlete's
	// stamp): the edit shows on it.
	if _, page = c.Do("GET", "/activities", nil); !strings.Contains(page, "Spring 10K") {
		t.Errorf("the Activities list does not show the edit")
	}
	form.Set("sport", "jogging")
	if resp, _ := c.Do("POST", fmt.Sprintf("/activities/%d/edit", first), form.Encode()); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("unknown sport: %d", resp.StatusCode)
	}

	_, page = c.Do("GET", "/routes", nil)
	if !strings.Contains(page, "Dishui Lake loop") {
		t.Errorf("the Routes page does not list the saved course")
	}
	other := s.Client(t)
	other.Signup("mal@example.org")
	form = url.Values{"sport": {"cycling"}, "csrf_token": {other.CSRF}}
	if resp, _ := other.Do("POST", fmt.Sprintf("/activities/%d/edit", first), form.Encode()); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another athlete edits: %d", resp.StatusCode)
	}
	cs, _ := s.Store.ListCourses(ctx, ath)
	if resp, _ := other.Do("POST", fmt.Sprintf("/routes/courses/%d/delete", cs[0].ID), "csrf_token="+other.CSRF); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another athlete deletes a course: %d", resp.StatusCode)
	}
	if resp, _ := c.Do("POST", fmt.Sprintf("/routes/courses/%d/delete", cs[0].ID), "csrf_token="+c.CSRF); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete course: %d", resp.StatusCode)
	}
	if cs, _ := s.Store.ListCourses(ctx, ath); len(cs) != 0 {
		t.Errorf("course not deleted")
	}
}

// TestGearRacesPagesFollowWrites: the Gear and Races pages are sent again
// as rendered while nothing changed, and a write made elsewhere (here the
// store, as the CLI or another replica would) shows on the next request.
func TestGearRacesPagesFollowWrites(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "pages.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("gus@example.org")
	ctx := context.Background()
	ath := c.AthleteID()
	_, first := c.Do("GET", "/gear", nil)
	if _, again := c.Do("GET", "/gear", nil); again != first {
		t.Error("the Gear page changed with nothing written")
	}
	if err := s.Store.SaveGear(ctx, ath, &gear.Gear{Kind: gear.KindShoes, Name: "Cloudmonster", RetireAtM: 700_000}); err != nil {
		t.Fatal(err)
	}
	if _, page := c.Do("GET", "/gear", nil); !strings.Contains(page, "Cloudmonster") {
		t.Error("the Gear page does not show shoes added elsewhere")
	}
	_, first = c.Do("GET", "/races", nil)
	if _, again := c.Do("GET", "/races", nil); again != first {
		t.Error("the Races page changed with nothing written")
	}
	ev := []calendar.Event{{UID: "r1", Summary: "Harbour 10K", Start: time.Date(2025, 6, 15, 9, 0, 0, 0, time.UTC)}}
	if _, err := s.Store.ImportCalendar(ctx, ath, "race", "Riviera races", "riviera.ics", ev, time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if _, page := c.Do("GET", "/races", nil); !strings.Contains(page, "Riviera races") {
		t.Error("the Races page does not show a calendar imported elsewhere")
	}
}

// TestActivityPageCurrent: the activity page's data and rendering are kept
// between visits, but a change made elsewhere (another replica, the
// command line: here the store itself) to the activity, its private mark
// or its check-in shows on the very next visit to the same address.
func TestActivityPageCurrent(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "current.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("kip@example.org")
	ctx := context.Background()
	ath := c.AthleteID()
	a := &rekindle.Activity{Start: time.Date(2023, 3, 1, 7, 0, 0, 0, time.UTC), Sport: rekindle.SportRunning, SportSource: rekindle.SportFromFile,
		Source:  rekindle.Source{Format: rekindle.FormatGPX, File: "run.gpx", SHA256: "s1"},
		Summary: rekindle.Summary{DistanceM: 8000, MovingS: 2700, ElapsedS: 2800, AvgSpeedMS: 8000 / 2700.0}}
	p, err := store.Prepare(a)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Store.WriteBatch(ctx, ath, &store.Batch{New: []*store.PreparedActivity{p}}); err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/activities/%d", p.A.ID)
	get := func() string {
		t.Helper()
		resp, page := c.Do("GET", path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", path, resp.StatusCode)
		}
		return page
	}
	const private = `name="private" checked`
	if page := get(); strings.Contains(page, private) || strings.Contains(page, "Tempo Thursday") {
		t.Fatal("a new activity shows private or renamed")
	}
	get() // kept now
	if err := s.Store.SetActivityPrivate(ctx, ath, p.A.ID, true, testkit.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(), private) {
		t.Fatal("the private mark made elsewhere does not show")
	}
	nm := "Tempo Thursday"
	if err := s.Store.EditActivity(ctx, ath, p.A.ID, store.ActivityEdit{Name: &nm}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(get(), nm) {
		t.Fatal("the rename made elsewhere does not show")
	}
}

// TestTimeUnknownShownWithoutPace: a counted run whose time is not its own
// (its source's clock is wrong: 10 km in 20:00) shows its distance and a
// notice, never a pace, splits or best efforts, on its page and in the
// list; an ordinary run beside it keeps its pace.
func TestTimeUnknownShownWithoutPace(t *testing.T) {
	t.Parallel()
	s := newServer(t, filepath.Join(t.TempDir(), "clock.db"), cli.ServeOptions{RoutesInline: true})
	c := s.Client(t)
	c.Signup("kai@example.org")
	ctx := context.Background()
	ath := c.AthleteID()
	day := time.Date(2023, 3, 1, 7, 0, 0, 0, time.UTC)
	var b store.Batch
	for i, moving := range []float64{1200, 3000} { // 2:00/km, then 5:00/km
		a := &rekindle.Activity{Start: day.AddDate(0, 0, i), Sport: rekindle.SportRunning, SportSource: rekindle.SportFromFile,
			Source: rekindle.Source{Format: rekindle.FormatCSV, File: "list.csv", SHA256: fmt.Sprint("t", i)},
			Summary: rekindle.Summary{DistanceM: 10000, MovingS: moving, ElapsedS: moving, AvgSpeedMS: 10000 / moving,
				BestEfforts: []rekindle.Effort{{Name: "5K", DistanceM: 5000, ElapsedS: moving / 2}}}}
		p, err := store.Prepare(a)
		if err != nil {
			t.Fatal(err)
		}
		b.New = append(b.New, p)
	}
	if err := s.Store.WriteBatch(ctx, ath, &b); err != nil {
		t.Fatal(err)
	}
	wrong, right := b.New[0].A.ID, b.New[1].A.ID
	_, page := c.Do("GET", fmt.Sprintf("/activities/%d", wrong), nil)
	if !strings.Contains(page, `id="time-unknown"`) || !strings.Contains(page, "30.0 km/h over 10.0 km") {
		t.Errorf("the page of a 10 km run in 20:00 has no time-unknown notice")
	}
	if strings.Contains(page, "2:00") || strings.Contains(page, `id="eff-h"`) {
		t.Errorf("the page of a run whose time is not its own shows its pace or best efforts")
	}
	_, page = c.Do("GET", fmt.Sprintf("/activities/%d", right), nil)
	if strings.Contains(page, `id="time-unknown"`) || !strings.Contains(page, "5:00") || !strings.Contains(page, `id="eff-h"`) {
		t.Errorf("an ordinary 10 km in 50:00 lost its pace or best efforts, or got the notice")
	}
	_, page = c.Do("GET", "/activities", nil)
	if !strings.Contains(page, `<span title="30.0 km/h over 10.0 km`) || strings.Contains(page, "2:00") {
		t.Errorf("the list shows a pace for the run whose time is not its own")
	}
}
