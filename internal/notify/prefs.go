package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Quiet hours, retries and unsubscribe links: pure rules the application
// layer applies before a send.

// Quiet is a runner's quiet hours in their time zone: no e-mail from
// Start to End (minutes after local midnight; End may be past midnight,
// 22:00–07:00). Start == End or a negative Start: none.
type Quiet struct {
	Start, End int
}

// ParseQuiet reads "22:00-07:00" ("" or "off": none).
func ParseQuiet(s string) (Quiet, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "off" {
		return Quiet{-1, -1}, nil
	}
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return Quiet{}, fmt.Errorf("quiet hours %q: want HH:MM-HH:MM", s)
	}
	start, err1 := minutes(a)
	end, err2 := minutes(b)
	if err1 != nil || err2 != nil {
		return Quiet{}, fmt.Errorf("quiet hours %q: want HH:MM-HH:MM", s)
	}
	return Quiet{start, end}, nil
}

func minutes(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 23 || mm < 0 || mm > 59 || len(m) != 2 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

// On reports whether the runner has quiet hours.
func (q Quiet) On() bool { return q.Start >= 0 && q.End >= 0 && q.Start != q.End }

// String is "22:00-07:00", or "" when off.
func (q Quiet) String() string {
	if !q.On() {
		return ""
	}
	return fmt.Sprintf("%02d:%02d-%02d:%02d", q.Start/60, q.Start%60, q.End/60, q.End%60)
}

// Until returns when the quiet hours around now end, and whether now is
// inside them; loc is the runner's time zone (a day with a DST change is
// counted on the wall clock).
func (q Quiet) Until(now time.Time, loc *time.Location) (time.Time, bool) {
	if !q.On() {
		return time.Time{}, false
	}
	l := now.In(loc)
	m := l.Hour()*60 + l.Minute()
	inside := false
	if q.Start < q.End {
		inside = m >= q.Start && m < q.End
	} else {
		inside = m >= q.Start || m < q.End
	}
	if !inside {
		return time.Time{}, false
	}
	y, mo, d := l.Date()
	end := time.Date(y, mo, d, q.End/60, q.End%60, 0, 0, loc)
	if !end.After(l) {
		end = time.Date(y, mo, d+1, q.End/60, q.End%60, 0, 0, loc)
	}
	return end.UTC(), true
}

// Backoff is how long to wait after the n-th failed try (n ≥ 1): one
// minute, doubling, at most six hours. A notification is never given up.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

// UnsubscribeSig signs (athlete, kind) with the athlete's key: the link
// that turns that kind of e-mail off without signing in.
func UnsubscribeSig(key []byte, athleteID int64, kind Kind) string {
	h := hmac.New(sha256.New, key)
	fmt.Fprintf(h, "rekindle unsubscribe\x00%d\x00%s", athleteID, kind)
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:18])
}

// UnsubscribePath is the link's path: /unsubscribe/ATHLETE/KIND/SIG.
func UnsubscribePath(key []byte, athleteID int64, kind Kind) string {
	return fmt.Sprintf("/unsubscribe/%d/%s/%s", athleteID, kind, UnsubscribeSig(key, athleteID, kind))
}

// CheckUnsubscribe reports whether sig is the athlete's signature of kind.
func CheckUnsubscribe(key []byte, athleteID int64, kind Kind, sig string) bool {
	return len(key) > 0 && hmac.Equal([]byte(UnsubscribeSig(key, athleteID, kind)), []byte(sig))
}

// Known reports whether k is a kind of notification.
func Known(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Title names a kind for people (Settings, the unsubscribe page).
func (k Kind) Title() string {
	switch k {
	case KindExperimentEnds:
		return "An experiment ends"
	case KindLightWeek:
		return "A light week starts"
	case KindNoRun:
		return "Days without a run"
	case KindRaceSoon:
		return "A race soon"
	case KindWeeklyDigest:
		return "The weekly spark digest"
	case KindShoesEarned:
		return "New shoes earned"
	case KindCoachReply:
		return "A coach's reply"
	}
	return string(k)
}
