//go:build unix

package testkit

import (
	"syscall"
	"time"
)

// ProcessCPU is the user+system CPU time the process has used so far, so
// benchmarks can report CPU time per op alongside wall time on a shared
// machine.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
