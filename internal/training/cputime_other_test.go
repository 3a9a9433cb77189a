//go:build !unix

package training

func processCPU() int64 { return 0 }
