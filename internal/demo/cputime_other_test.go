//go:build !unix

package demo

func processCPU() int64 { return 0 }
