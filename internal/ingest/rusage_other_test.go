//go:build !unix

package ingest

import "time"

func rusage() (sys time.Duration, minflt int64) { return 0, 0 }

func goroutinesCreated() int64 { return 0 }

func gcCycles() int64 { return 0 }
