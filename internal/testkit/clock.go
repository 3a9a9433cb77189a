package testkit

import "time"

// Today is the fixed "today" every seeded history and every server clock
// in the tests is anchored on: Monday 2 June 2025, noon UTC. A test built
// on it gives the same result whatever day it runs (weekdays, month ends,
// daylight saving), so nothing passes on Mondays and fails on Fridays.
var Today = time.Date(2025, time.June, 2, 12, 0, 0, 0, time.UTC)

// Midnight is Today's date at 00:00 UTC.
var Midnight = time.Date(Today.Year(), Today.Month(), Today.Day(), 0, 0, 0, 0, time.UTC)

// Now is a clock that always says Today, for Config.Now fields.
func Now() time.Time { return Today }
