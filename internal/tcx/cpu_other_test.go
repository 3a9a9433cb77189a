//go:build !unix

package tcx

import "time"

func cpuTime() time.Duration { return 0 }
