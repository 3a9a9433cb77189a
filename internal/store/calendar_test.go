package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // the zones these tests use, whatever the machine has

	"rekindle"
	"rekindle/internal/calendar"
)

func readCalendarFixture(t *testing.T, name string) []calendar.Event {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "calendar", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	loc, err := time.LoadLocation("Europe/Monaco")
	if err != nil {
		t.Fatal(err)
	}
	c, err := calendar.Parse(f, name, loc)
	if err != nil {
		t.Fatal(err)
	}
	return c.Events
}

func TestCalendarFeeds(t *testing.T) {
	ctx := context.Background()
	gym := readCalendarFixture(t, "gym-schedule.ics")
	races := readCalendarFixture(t, "riviera-races.ics")
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			f, err := s.ImportCalendar(ctx, a, CalendarClasses, "Harbourside", "gym-schedule.ics", gym, now)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.ImportCalendar(ctx, a, CalendarRaces, "Riviera", "riviera-races.ics", races, now); err != nil {
				t.Fatal(err)
			}
			// Re-import replaces (idempotent): same id, same events.
			f2, err := s.ImportCalendar(ctx, a, CalendarClasses, "Harbourside", "gym-schedule.ics", gym, now.Add(time.Hour))
			if err != nil {
				t.Fatal(err)
			}
			if f2.ID != f.ID {
				t.Errorf("re-import: id %d, want %d", f2.ID, f.ID)
			}
			feeds, err := s.ListCalendarFeeds(ctx, a, "")
			if err != nil || len(feeds) != 2 || feeds[0].Kind != CalendarClasses || feeds[0].Events != len(gym) || !feeds[0].ImportedAt.Equal(now.Add(time.Hour)) {
				t.Fatalf("feeds %+v %v", feeds, err)
			}
			if other, _ := s.ListCalendarFeeds(ctx, b, ""); len(other) != 0 {
				t.Errorf("athlete b sees %v", other)
			}
			from, to := time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 13, 0, 0, 0, 0, time.UTC)
			list, err := s.ListCalendarEvents(ctx, a, CalendarClasses, from, to)
			if err != nil {
				t.Fatal(err)
			}
			// Every class but the monthly open day (a single event in February).
			if len(list) != len(gym)-1 || list[0].Feed != "Harbourside" {
				t.Fatalf("%d events, want %d", len(list), len(gym)-1)
			}
			// Events come back as they went in: same occurrences, zone, rule, exdates.
			count := func(evs []calendar.Event) []string {
				var out []string
				for i := range evs {
					for _, o := range evs[i].Occurrences(from, to) {
						out = append(out, o.Start.Format(time.RFC3339)+" "+o.End.Format("15:04")+" "+evs[i].Summary+" "+evs[i].Zone().String())
					}
				}
				slices.Sort(out)
				return out
			}
			if got, want := count(Events(list)), count(gym); !slices.Equal(got, want) || len(got) != 7 {
				t.Errorf("occurrences after the round trip:\n%q\nwant\n%q", got, want)
			}
			rs, err := s.ListCalendarEvents(ctx, a, CalendarRaces, from, to)
			if err != nil {
				t.Fatal(err)
			}
			var nice *calendar.Event
			for i := range rs {
				if rs[i].Summary == "Nice Corniche 10 km" {
					nice = &rs[i].Event
				}
			}
			if nice == nil || !nice.HasGeo || nice.Lat != 43.6947 || !slices.Equal(nice.Categories, []string{"ROAD", "10K"}) || nice.Duration() != 2*time.Hour {
				t.Errorf("Nice after the round trip: %+v", nice)
			}
			// Kind and name are checked; athlete b's feeds are separate.
			if _, err := s.ImportCalendar(ctx, a, "gigs", "x", "x.ics", nil, now); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("bad kind: %v", err)
			}
			if err := s.DeleteCalendarFeed(ctx, b, f.ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("delete another athlete's feed: %v", err)
			}
			if err := s.DeleteCalendarFeed(ctx, a, f.ID); err != nil {
				t.Fatal(err)
			}
			if list, _ := s.ListCalendarEvents(ctx, a, CalendarClasses, from, to); len(list) != 0 {
				t.Errorf("after delete: %d events", len(list))
			}
		})
	}
}
