package web_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/plan"
	"rekindle/internal/spark"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// ideaRaces and ideaGym give the race and class ideas real events after
// testkit.Today.
const ideaRaces = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rekindle test//EN\r\nBEGIN:VEVENT\r\nUID:r1@test\r\nDTSTART:20250621T080000Z\r\nSUMMARY:Harbour 10K\r\nLOCATION:Port Hercule\r\nDESCRIPTION:10 km\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

const ideaGym = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rekindle test//EN\r\nBEGIN:VEVENT\r\nUID:g1@test\r\nDTSTART:20250101T183000Z\r\nDTEND:20250101T193000Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Yoga Flow\r\nLOCATION:Studio Azur\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

// TestBrowserIdeas accepts, in a real Chromium, one idea of every strategy
// for a seeded runner (an overreached one: steady weeks, no light week,
// enjoyment falling), and after each reads the card on Home and the Plan
// page: the card's dated lines are the sessions stored, the plan page
// shows each of them and reaches the idea's last day, Home's week is not
// "nothing planned". Then it gives the idea up with the button and sees its
// sessions gone.
func TestBrowserIdeas(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromiumPath(t) // skips the test without Chromium
	s := newServer(t, filepath.Join(t.TempDir(), "ideas.db"), cli.ServeOptions{})
	bg := context.Background()

	ctx := browser(t, 1100, 1400)
	fail := func(name string, err error) {
		t.Helper()
		main, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main") ? document.querySelector("main").innerText : ""`))
		t.Logf("page text: %s", main)
		t.Fatalf("%s: %v", name, err)
	}
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			fail(name, err)
		}
	}
	texts := func(sel string) []string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.innerText.trim())`, sel)))
		if err != nil {
			fail("texts of "+sel, err)
		}
		return v
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	step("sign up",
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitVisible(css(`#email`)),
		chromedp.SendKeys(css(`#name`), "Ida"),
		chromedp.SendKeys(css(`#email`), "ida@example.org"),
		chromedp.SendKeys(css(`#password`), "correct horse battery"),
		chromedp.Submit(css(`#password`)),
		chromedp.WaitVisible(css(`#spark-h`)),
	)
	if got := texts("#no-score"); len(got) != 1 || !strings.Contains(got[0], "no score yet") {
		t.Errorf("with no runs Home says %q, want no score yet", got)
	}
	acc, err := s.Store.AccountByEmail(bg, "ida@example.org")
	if err != nil {
		t.Fatal(err)
	}
	seedOverreached(t, s.Store, acc.AthleteID)
	ath, err := s.API.Athlete(bg, acc.AthleteID)
	if err != nil {
		t.Fatal(err)
	}
	for kind, cal := range map[string]string{store.CalendarRaces: ideaRaces, store.CalendarClasses: ideaGym} {
		if _, _, err := s.API.ImportCalendar(bg, ath, kind, kind+".ics", kind, strings.NewReader(cal)); err != nil {
			t.Fatal(err)
		}
	}
	s.API.Changed(ath.ID)

	covered := map[rekindle.Strategy]bool{}
	for range 14 {
		if len(covered) == len(rekindle.Strategies) {
			break
		}
		hv, err := s.API.Home(bg, ath, testkit.Today.In(ath.Location()))
		if err != nil {
			t.Fatal(err)
		}
		recs := hv.Report.Recommendations
		if len(recs) == 0 {
			break
		}
		i := slices.IndexFunc(recs, func(r spark.Recommendation) bool { return !covered[r.Strategy] })
		if i < 0 {
			i = 0
		}
		rec := recs[i]
		covered[rec.Strategy] = true
		// The card as Home shows it.
		step("home "+rec.ID, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#spark-h`)))
		cardSel, button := `#recommendation ol.actions li`, `#recommendation button[value=accept]`
		if i > 0 {
			box := fmt.Sprintf(`#other-ideas details:has(form[action="/recommendations/%s/decision"])`, rec.ID)
			step("open "+rec.ID, chromedp.Click(css(box+` summary`)))
			cardSel, button = box+` ol.actions li`, box+` button[value=accept]`
		}
		card := texts(cardSel)
		step("accept "+rec.ID, chromedp.Click(css(button)), chromedp.WaitVisible(css(`p.flash`)), chromedp.WaitVisible(css(`#experiment`)))

		stored, err := s.Store.ListPlanned(bg, ath.ID, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(stored) == 0 || len(card) < len(stored) {
			main, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").innerText`))
			t.Logf("page after accept: %s", main)
			t.Fatalf("%s: the card has %d lines, the plan %d sessions", rec.ID, len(card), len(stored))
		}
		if want := plan.Describes(stored, ath.Unit, athlete.Dates(ath)); !slices.Equal(card[:len(stored)], want) {
			t.Errorf("%s: Home's card says\n  %s\nthe plan holds\n  %s", rec.ID, strings.Join(card, "\n  "), strings.Join(want, "\n  "))
		}
		// Home's week: the next 7 days, never "nothing planned" with nothing else said.
		if week := texts(`#week-empty`); len(week) > 0 && !strings.Contains(week[0], "Next in your plan") {
			t.Errorf("%s: Home says %q right after its sessions were written", rec.ID, week[0])
		}
		// The plan page: every session, through the idea's last day.
		step("plan "+rec.ID, chromedp.Navigate(s.URL+"/plan"), chromedp.WaitVisible(css(`#plan`)))
		shown := texts(`#plan li.session`)
		if len(shown) != len(stored) {
			t.Errorf("%s: the plan page shows %d sessions, the store has %d", rec.ID, len(shown), len(stored))
		}
		for j, p := range stored {
			if j < len(shown) && !strings.Contains(shown[j], plan.What(p, ath.Unit)) {
				t.Errorf("%s: plan page line %q does not say %q", rec.ID, shown[j], plan.What(p, ath.Unit))
			}
		}
		days, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#plan li.plan-day")).map(e => e.dataset.day)`))
		if err != nil {
			fail("plan days", err)
		}
		if last := plan.Last(stored); len(days) == 0 || days[len(days)-1] < last {
			t.Errorf("%s: the plan page ends on %q, the idea on %s", rec.ID, days[len(days)-1:], last)
		}
		t.Logf("%s (%s): %d sessions, card == plan", rec.ID, rec.Strategy, len(stored))
		// Give it up.
		step("abandon "+rec.ID, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible(css(`#abandon`)), chromedp.Click(css(`#abandon`)), chromedp.WaitVisible(css(`p.flash`)))
		if left, _ := s.Store.ListPlanned(bg, ath.ID, "", ""); len(left) != 0 {
			t.Errorf("%s: %d sessions left after giving it up", rec.ID, len(left))
		}
	}
	for _, st := range rekindle.Strategies {
		if !covered[st] {
			t.Errorf("no %s idea accepted in the browser (accepted %v)", st, covered)
		}
	}
}

// seedOverreached stores 14 weeks of rising running with no light week and
// falling enjoyment, ending the day before testkit.Today.
func seedOverreached(t *testing.T, st *store.Store, athleteID int64) {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(14, 15))
	first := testkit.Midnight.AddDate(0, 0, -7*14)
	n := 0
	for w := range 14 {
		for i := range 7 {
			day := first.AddDate(0, 0, 7*w+i)
			if day.Weekday() == time.Friday {
				continue
			}
			km := 7 + 0.35*float64(w) + rng.Float64()
			if day.Weekday() == time.Sunday {
				km *= 2
			}
			speed := 2.9 + 0.2*rng.Float64()
			n++
			a := &rekindle.Activity{Start: day.Add(17 * time.Hour), Sport: rekindle.SportRunning, Name: "Evening run",
				Source: rekindle.Source{Format: rekindle.FormatGPX, File: fmt.Sprintf("run-%d.gpx", n), SHA256: fmt.Sprintf("%064x", n)}}
			a.Summary.DistanceM = km * 1000
			a.Summary.MovingS = a.Summary.DistanceM / speed
			a.Summary.ElapsedS = a.Summary.MovingS + 60
			a.Summary.AvgSpeedMS = speed
			if err := st.SaveActivity(ctx, athleteID, a); err != nil {
				t.Fatal(err)
			}
			c := store.CheckIn{CheckIn: rekindle.CheckIn{AthleteID: athleteID, ActivityID: a.ID, At: a.Start.Add(2 * time.Hour), Enjoyment: max(1, 4-w/5), RPE: 5}}
			if err := st.SaveCheckIn(ctx, &c); err != nil {
				t.Fatal(err)
			}
		}
	}
}
