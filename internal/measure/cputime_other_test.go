//go:build !unix

package measure

func processCPU() int64 { return 0 }
