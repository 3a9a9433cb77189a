//go:build rekindletest

package jobs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// In test builds (go build -tags rekindletest) a route refresh waits at a
// gate the test controls: with REKINDLE_TEST_JOB_GATE=DIR it writes
// DIR/started-PID-ATHLETE, then waits until DIR/open exists (or the job's
// context ends). The two-replica test uses it to kill a process mid-job.
func init() {
	dir := os.Getenv("REKINDLE_TEST_JOB_GATE")
	if dir == "" {
		return
	}
	testGate = func(ctx context.Context, kind string, athleteID int64) error {
		name := filepath.Join(dir, fmt.Sprintf("started-%d-%d", os.Getpid(), athleteID))
		if err := os.WriteFile(name, []byte(kind), 0o644); err != nil {
			return err
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, "open")); err == nil {
				return nil
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(20 * time.Millisecond):
			}
		}
	}
}
