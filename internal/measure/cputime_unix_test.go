//go:build unix

package measure

import "syscall"

// processCPU is the process's user+system CPU time in nanoseconds: on a
// shared machine CPU time per op is a steadier figure than wall time.
func processCPU() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
