//go:build !unix

package gpx

import "time"

func cpuTime() time.Duration { return 0 }
