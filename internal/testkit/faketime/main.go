// Command faketime runs a command (usually `go test`) with Go's wall clock
// moved to a chosen instant, so that a test that still reads time.Now shows
// up when CI happens to run on a Sunday night, a month end or a DST day.
//
// libfaketime cannot do this: Go reads the clock through the vDSO, not libc.
// Instead faketime writes a build overlay that patches the standard
// library's time.Now to add an offset read from REKINDLE_FAKETIME_OFFSET
// (seconds), and passes it to every go command below through GOFLAGS
// (with -count=1, since the test cache does not know the clock moved). The
// offset is fixed once, so every process of a test (servers, replicas)
// sees the same clock, and the clock keeps ticking from the chosen instant.
//
//	go run ./internal/testkit/faketime -at 2026-12-31T23:59:30Z -- go test ./internal/api
//	TZ=Pacific/Kiritimati go run ./internal/testkit/faketime -at 2026-03-29T00:59:00Z -- go test ./internal/athlete
//
// With -warm (the default) the command is run once first with -run '^$' so
// that compiling does not eat into the instant chosen (23:59:30 stays
// before midnight when the tests start).
//
// To sweep many instants, write the overlay once (-overlay-dir), build the
// test binaries with it, then run each binary (in its package's folder)
// with REKINDLE_FAKETIME_OFFSET set to the chosen instant minus now, in
// seconds, and TZ as wanted:
//
//	go run ./internal/testkit/faketime -overlay-dir /tmp/ft  # prints /tmp/ft/overlay.json
//	go test -c -overlay=/tmp/ft/overlay.json -o /tmp/ft/ ./internal/athlete
//	cd internal/athlete && GOFLAGS=-overlay=/tmp/ft/overlay.json \
//		REKINDLE_FAKETIME_OFFSET=$(( $(date -d 2026-12-06T09:50:00Z +%s) - $(date +%s) )) \
//		TZ=Pacific/Kiritimati /tmp/ft/athlete.test
//
// Keep GOFLAGS=-overlay=… in the environment of such a run: some tests
// build helper processes with `go build` (the push endpoint, fakestrava);
// without the overlay those run on the real clock, and the push endpoint
// rejects the VAPID token of a clock moved more than 12 hours (its exp,
// 12 hours on, is then over 24 hours away or past; athlete's
// TestPushNotifications and TestPushRetryAfter fail with a 401).
//
// Only Go processes move: a database server keeps the real clock. River
// (internal/jobs) writes scheduled_at with Go's clock and fetches the jobs
// whose scheduled_at is before the database's now (on PostgreSQL every job,
// on SQLite a job handed back for a later try), so with the clock moved
// ahead those jobs wait until that instant really comes and the jobs tests
// time out (TestRouteJobsListRetry/postgres, TestHandedBackOnStop/sqlite);
// with the clock moved back, a job handed back for a later try is due at
// once (TestEmailJobRetried sees a second attempt). That is the tool's
// limit, not a dependence on the day: internal/jobs cannot be swept this
// way (its day-dependent part, NightlyDue, takes the instant as an
// argument and is tested with fixed instants).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

const hook = `package time

import "syscall"

// fakeOffset is added to the wall clock by Now (rekindle's faketime overlay).
var fakeOffset = func() int64 {
	s, ok := syscall.Getenv("REKINDLE_FAKETIME_OFFSET")
	if !ok {
		return 0
	}
	var n int64
	neg := false
	for i, c := range s {
		switch {
		case i == 0 && c == '-':
			neg = true
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
		default:
			return 0
		}
	}
	if neg {
		return -n
	}
	return n
}()
`

func main() {
	at := flag.String("at", "", "the instant the clock starts at (RFC 3339, e.g. 2026-12-31T23:59:30Z)")
	warm := flag.Bool("warm", true, "build first (the command with -run '^$') so that compiling does not move the clock past the instant")
	keep := flag.String("overlay-dir", "", "only write the overlay into this folder and print its overlay.json path (for test binaries built once, run at many instants)")
	flag.Parse()
	if *keep != "" {
		if err := os.MkdirAll(*keep, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "faketime:", err)
			os.Exit(2)
		}
		dir, err := filepath.Abs(*keep)
		if err != nil {
			fmt.Fprintln(os.Stderr, "faketime:", err)
			os.Exit(2)
		}
		p, err := writeOverlay(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "faketime:", err)
			os.Exit(2)
		}
		fmt.Println(p)
		return
	}
	if err := run(*at, *warm, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "faketime:", err)
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		os.Exit(2)
	}
}

func run(at string, warm bool, args []string) error {
	if len(args) == 0 {
		return errors.New("usage: faketime -at 2026-12-31T23:59:30Z -- go test ./pkg")
	}
	instant, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return fmt.Errorf("-at: %w", err)
	}
	dir, err := os.MkdirTemp("", "faketime")
	if err != nil {
		return fmt.Errorf("overlay: %w", err)
	}
	defer os.RemoveAll(dir)
	overlay, err := writeOverlay(dir)
	if err != nil {
		return err
	}
	env := append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -overlay="+overlay+" -count=1"))
	if warm && len(args) >= 2 && args[1] == "test" {
		build := exec.Command(args[0], slices.Insert(slices.Clone(args[1:]), 1, "-run", "^$")...)
		build.Env, build.Stdout, build.Stderr = env, os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("warm build: %w", err)
		}
	}
	offset := instant.Unix() - time.Now().Unix()
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(env, "REKINDLE_FAKETIME_OFFSET="+strconv.FormatInt(offset, 10))
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	fmt.Fprintf(os.Stderr, "faketime: clock starts at %s (TZ=%q)\n", instant.Format(time.RFC3339), os.Getenv("TZ"))
	return cmd.Run()
}

// writeOverlay writes the patched time.go and the hook file into dir and
// returns the path of the overlay JSON that maps them into GOROOT.
func writeOverlay(dir string) (string, error) {
	src := filepath.Join(runtime.GOROOT(), "src", "time")
	orig, err := os.ReadFile(filepath.Join(src, "time.go"))
	if err != nil {
		return "", fmt.Errorf("overlay: %w", err)
	}
	const call = "\tsec, nsec, mono := runtimeNow()\n"
	if strings.Count(string(orig), call) != 1 {
		return "", fmt.Errorf("overlay: %s: time.Now no longer reads %q; update faketime", filepath.Join(src, "time.go"), strings.TrimSpace(call))
	}
	patched := strings.Replace(string(orig), call, call+"\tsec += fakeOffset\n", 1)
	files := map[string]string{"time.go": patched, "zz_rekindle_faketime.go": hook}
	replace := map[string]string{}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return "", fmt.Errorf("overlay: %w", err)
		}
		replace[filepath.Join(src, name)] = p
	}
	b, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return "", fmt.Errorf("overlay: %w", err)
	}
	p := filepath.Join(dir, "overlay.json")
	return p, os.WriteFile(p, b, 0o644)
}
