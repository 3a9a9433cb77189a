package athlete

import (
	"testing"
	"time"

	"rekindle"
)

// A zone changed in the settings (web, API) is the runner's own, so that
// inference from positions or start hours leaves it; the same zone saved
// again keeps how it was decided; clearing it lets inference try again.
func TestApplyProfileZoneSource(t *testing.T) {
	now := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ath := &rekindle.Athlete{TimeZone: "Etc/GMT-8", TimeZoneSource: "start_hours", Unit: rekindle.UnitKm}
	p := ProfileOf(ath)
	if err := ApplyProfile(ath, p, now); err != nil || ath.TimeZoneSource != "start_hours" {
		t.Fatalf("same zone saved again: source %q (%v)", ath.TimeZoneSource, err)
	}
	p.TimeZone = "Asia/Shanghai"
	if err := ApplyProfile(ath, p, now); err != nil || ath.TimeZone != "Asia/Shanghai" || ath.TimeZoneSource != "user" {
		t.Fatalf("zone changed: %q (%s) (%v)", ath.TimeZone, ath.TimeZoneSource, err)
	}
	p.TimeZone = ""
	if err := ApplyProfile(ath, p, now); err != nil || ath.TimeZone != "" || ath.TimeZoneSource != "" {
		t.Fatalf("zone cleared: %q (%s) (%v)", ath.TimeZone, ath.TimeZoneSource, err)
	}
}
