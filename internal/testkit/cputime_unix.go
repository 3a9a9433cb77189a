//go:build unix

package testkit

import "syscall"

// ProcessCPU returns the user+system CPU time of the process in
// nanoseconds, so benchmarks can report CPU time per op alongside wall
// time when the machine is shared.
func ProcessCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
