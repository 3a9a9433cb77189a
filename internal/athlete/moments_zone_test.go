package athlete

import (
	"context"
	"strings"
	"testing"
	"time"

	"rekindle/internal/notify"
)

// TestMomentsInAthleteZone: "today" for the moments is the athlete's date,
// not the server's UTC date. Around UTC midnight the two differ by a day
// east and west of Greenwich; a race planned on 2025-06-05 is "in 3 days"
// (a taper reminder) or not yet due, depending on which date is today.
func TestMomentsInAthleteZone(t *testing.T) {
	for _, c := range []struct {
		zone string
		now  time.Time // the instant of the round
		want string    // the race moment's title ("" = no reminder yet)
	}{
		// 22:30 UTC on 1 June is 2 June 12:30 in Kiritimati (UTC+14).
		{"Pacific/Kiritimati", time.Date(2025, 6, 1, 22, 30, 0, 0, time.UTC), "in 3 days"},
		{"UTC", time.Date(2025, 6, 1, 22, 30, 0, 0, time.UTC), ""},
		// 05:00 UTC on 5 June is still 4 June in Pago Pago (UTC-11).
		{"Pacific/Pago_Pago", time.Date(2025, 6, 5, 5, 0, 0, 0, time.UTC), "tomorrow"},
		{"UTC", time.Date(2025, 6, 5, 5, 0, 0, 0, time.UTC), "today"},
	} {
		t.Run(c.zone+" "+c.now.Format(time.RFC3339), func(t *testing.T) {
			ctx := context.Background()
			_, st, id := feedApp(t)
			ath, err := st.GetAthlete(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			ath.TimeZone, ath.TimeZoneSource = c.zone, "user"
			if err := st.UpdateAthlete(ctx, ath); err != nil {
				t.Fatal(err)
			}
			app := New(Config{Store: st, Now: func() time.Time { return c.now }})
			if _, err := app.AddPlanned(ctx, id, PlanForm{Day: "2025-06-05", Kind: "race", DistanceM: 10000, Note: "Harbour 10K"}); err != nil {
				t.Fatal(err)
			}
			ms, err := app.Moments(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for _, m := range ms {
				if m.Kind == notify.KindRaceSoon {
					got = m.Title
				}
			}
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Errorf("race moment %q, want %q", got, c.want)
			}
		})
	}
}
