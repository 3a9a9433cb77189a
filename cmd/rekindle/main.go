// Command rekindle is a self-hosted running log and coach that notices when
// running has gone stale and helps the runner get the spark back.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"rekindle/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// REKINDLE_CPUPROFILE=FILE writes a CPU profile of the whole command
	// (a server under load until it is stopped): see README "Load benchmark".
	if path := os.Getenv("REKINDLE_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "rekindle: REKINDLE_CPUPROFILE: %v\n", err)
			os.Exit(1)
		}
		defer func() { pprof.StopCPUProfile(); f.Close() }()
	}
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	// REKINDLE_MEMPROFILE=FILE writes the heap profile (what was allocated
	// over the whole command, and what is still held) when it ends.
	if path := os.Getenv("REKINDLE_MEMPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
	if code != 0 {
		pprof.StopCPUProfile()
		os.Exit(code)
	}
}
