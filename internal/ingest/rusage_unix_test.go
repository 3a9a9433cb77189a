//go:build unix

package ingest

import (
	"runtime/metrics"
	"syscall"
	"time"
)

// rusage is the process's system CPU time and minor page faults so far.
func rusage() (sys time.Duration, minflt int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Stime.Nano()), int64(ru.Minflt)
}

// goroutinesCreated is the number of goroutines the process has started.
func goroutinesCreated() int64 { return runtimeCount("/sched/goroutines-created:goroutines") }

// gcCycles is the number of garbage collections the process has run.
func gcCycles() int64 { return runtimeCount("/gc/cycles/total:gc-cycles") }

func runtimeCount(name string) int64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int64(s[0].Value.Uint64())
}
