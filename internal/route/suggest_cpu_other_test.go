//go:build !unix

package route

import "time"

func processCPU() time.Duration { return 0 }
