package notify

import (
	"strings"
	"testing"
	"time"
)

func TestQuiet(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	q, err := ParseQuiet("22:00-07:00")
	if err != nil || q.String() != "22:00-07:00" || !q.On() {
		t.Fatalf("%v %v", q, err)
	}
	for _, c := range []struct {
		now   time.Time
		quiet bool
		until time.Time
	}{
		{time.Date(2025, 6, 2, 19, 59, 0, 0, time.UTC), false, time.Time{}},                               // 21:59 Berlin (CEST)
		{time.Date(2025, 6, 2, 20, 0, 0, 0, time.UTC), true, time.Date(2025, 6, 3, 5, 0, 0, 0, time.UTC)}, // 22:00 → 07:00 next day
		{time.Date(2025, 6, 3, 3, 0, 0, 0, time.UTC), true, time.Date(2025, 6, 3, 5, 0, 0, 0, time.UTC)},  // 05:00 → 07:00 today
		{time.Date(2025, 6, 3, 5, 0, 0, 0, time.UTC), false, time.Time{}},                                 // 07:00: over
		// The night the clocks go forward (30 March 2025): 07:00 CEST is 05:00 UTC.
		{time.Date(2025, 3, 29, 23, 0, 0, 0, time.UTC), true, time.Date(2025, 3, 30, 5, 0, 0, 0, time.UTC)},
	} {
		until, quiet := q.Until(c.now, berlin)
		if quiet != c.quiet || !until.Equal(c.until) {
			t.Errorf("%v: quiet %v until %v, want %v %v", c.now, quiet, until, c.quiet, c.until)
		}
	}
	day, _ := ParseQuiet("12:00-14:00")
	if _, quiet := day.Until(time.Date(2025, 6, 2, 14, 0, 0, 0, time.UTC), time.UTC); quiet {
		t.Error("14:00 inside 12:00-14:00")
	}
	for _, s := range []string{"", "off"} {
		if q, err := ParseQuiet(s); err != nil || q.On() {
			t.Errorf("%q: %v %v", s, q, err)
		}
	}
	for _, s := range []string{"22-07", "24:00-07:00", "22:00-7:0", "x", "22:00-07:60", "-1:00-02:00"} {
		if _, err := ParseQuiet(s); err == nil || !strings.Contains(err.Error(), "quiet hours") {
			t.Errorf("%q accepted: %v", s, err)
		}
	}
}

func TestBackoff(t *testing.T) {
	want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute}
	for i, w := range want {
		if got := Backoff(i + 1); got != w {
			t.Errorf("try %d: %v, want %v", i+1, got, w)
		}
	}
	if Backoff(50) != 6*time.Hour || Backoff(0) != time.Minute {
		t.Errorf("cap: %v %v", Backoff(50), Backoff(0))
	}
}

func TestUnsubscribeSig(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	p := UnsubscribePath(key, 7, KindWeeklyDigest)
	parts := strings.Split(p, "/")
	if len(parts) != 5 || parts[2] != "7" || parts[3] != "weekly_digest" {
		t.Fatalf("path %q", p)
	}
	sig := parts[4]
	if !CheckUnsubscribe(key, 7, KindWeeklyDigest, sig) {
		t.Error("own signature refused")
	}
	for _, c := range []struct {
		key  []byte
		id   int64
		kind Kind
		sig  string
	}{{key, 8, KindWeeklyDigest, sig}, {key, 7, KindNoRun, sig}, {[]byte("other"), 7, KindWeeklyDigest, sig}, {nil, 7, KindWeeklyDigest, UnsubscribeSig(nil, 7, KindWeeklyDigest)}, {key, 7, KindWeeklyDigest, sig[:len(sig)-1]}} {
		if CheckUnsubscribe(c.key, c.id, c.kind, c.sig) {
			t.Errorf("accepted %+v", c)
		}
	}
}

func FuzzParseQuiet(f *testing.F) {
	for _, s := range []string{"22:00-07:00", "", "off", "07:00-07:00", "23:59-00:00", "24:00-01:00", "1:2-3:4", "::-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := ParseQuiet(s)
		if err != nil {
			return
		}
		if q.On() {
			if q.Start < 0 || q.Start >= 24*60 || q.End < 0 || q.End >= 24*60 {
				t.Fatalf("%q: %+v", s, q)
			}
			again, err := ParseQuiet(q.String())
			if err != nil || again != q {
				t.Fatalf("%q: round trip %+v %v", s, again, err)
			}
			until, quiet := q.Until(time.Date(2025, 6, 2, q.Start/60, q.Start%60, 0, 0, time.UTC), time.UTC)
			if !quiet || until.Hour()*60+until.Minute() != q.End {
				t.Fatalf("%q: at its start: %v %v", s, quiet, until)
			}
		}
	})
}
