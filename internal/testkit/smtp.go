package testkit

import (
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// SMTPServer starts a real SMTP server process for a test — Debian's
// aiosmtpd (package python3-aiosmtpd) delivering into a Maildir — and
// stops it when the test ends. It returns the server's host:port and a
// function listing the messages delivered so far (raw RFC 5322 bytes,
// oldest first). The test is skipped with a clear message when aiosmtpd is
// not installed (apt-get install python3-aiosmtpd).
func SMTPServer(t testing.TB) (addr string, delivered func() [][]byte) {
	t.Helper()
	bin, err := exec.LookPath("aiosmtpd")
	if err != nil {
		if _, err2 := os.Stat("/usr/bin/aiosmtpd"); err2 != nil {
			t.Skip("aiosmtpd not installed (apt-get install python3-aiosmtpd): SMTP test skipped")
		}
		bin = "/usr/bin/aiosmtpd"
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr = l.Addr().String()
	l.Close()
	dir := filepath.Join(t.TempDir(), "Maildir")
	cmd := exec.Command(bin, "-n", "-l", addr, "-c", "aiosmtpd.handlers.Mailbox", dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start aiosmtpd: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	// Wait until it accepts connections (a start-up handshake, not a timing
	// assumption: it gives up only after a generous limit).
	for deadline := time.Now().Add(30 * time.Second); ; {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("aiosmtpd never listened on %s: %v", addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return addr, func() [][]byte {
		t.Helper()
		var out [][]byte
		for _, sub := range []string{"new", "cur"} {
			ents, _ := os.ReadDir(filepath.Join(dir, sub))
			var names []string
			for _, e := range ents {
				names = append(names, e.Name())
			}
			// Maildir names start with the delivery time: seconds, then
			// "M" and microseconds not padded ("1733.M98P…" is before
			// "1733.M123456P…"), so they are compared as numbers.
			sort.Slice(names, func(i, j int) bool { return maildirTime(names[i]) < maildirTime(names[j]) })
			for _, n := range names {
				b, err := os.ReadFile(filepath.Join(dir, sub, n))
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, b)
			}
		}
		return out
	}
}

// maildirTime reads a Maildir file name's delivery time in microseconds
// ("SECONDS.MMICROSPPID…"); 0 when the name has another form.
func maildirTime(name string) int64 {
	sec, rest, ok := strings.Cut(name, ".M")
	if !ok {
		return 0
	}
	i := 0
	for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
		i++
	}
	s, err1 := strconv.ParseInt(sec, 10, 64)
	us, err2 := strconv.ParseInt(rest[:i], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return s*1_000_000 + us
}
