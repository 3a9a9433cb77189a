package calendar

import (
	"testing"
	"time"
)

// FuzzParseRule: any RRULE value a feed carries is refused or read into a
// rule that writes itself back as a value that reads the same.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=DAILY;COUNT=10", "FREQ=WEEKLY;INTERVAL=2;UNTIL=20251231T235959Z;BYDAY=TU",
		"FREQ=MONTHLY;BYDAY=1SA", "FREQ=YEARLY", "FREQ=WEEKLY;WKST=SU;BYDAY=SU", "FREQ=SECONDLY", "", ";;", "FREQ=WEEKLY;COUNT=-1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s, time.UTC)
		if err != nil {
			return
		}
		back, err := ParseRule(r.String(), time.UTC)
		if err != nil || back.String() != r.String() {
			t.Fatalf("ParseRule(%q).String() = %q reads back as %v %v", s, r.String(), back, err)
		}
	})
}
