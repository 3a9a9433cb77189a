//go:build !unix

package testkit

// ProcessCPU is 0 where the process CPU time is not available.
func ProcessCPU() int64 { return 0 }
