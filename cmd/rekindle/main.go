// Command rekindle is a self-hosted running log and coach that notices when
// running has gone stale and helps the runner get the spark back.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"rekindle/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
