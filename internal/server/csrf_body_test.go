package server

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestCSRFPeekDoesNotOutwaitTheClient: the CSRF check peeks at most
// MaxFormTokenPrefix bytes of a form body, under the connection's read
// deadline (the server's ReadTimeout, which covers headers and body). A
// client that sends the headers and then stalls, or trickles less than the
// prefix, gets its 403 once the read deadline passes; one that sends a first
// part header longer than the prefix gets it at once, without the server
// waiting for the rest. The handler behind the check never runs.
func TestCSRFPeekDoesNotOutwaitTheClient(t *testing.T) {
	const token = "visitor-token-0123456789abcdef"
	cases := []struct {
		name        string
		readTimeout time.Duration // the server's ReadTimeout
		ct          string
		sent        string // the part of the body the client sends before stalling
	}{
		// Stalls: the read deadline must end the peek.
		{"no body", time.Second, "application/x-www-form-urlencoded", ""},
		{"trickled prefix", time.Second, "application/x-www-form-urlencoded", "csrf_tok"},
		{"multipart, unfinished header", time.Second, "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"csrf_"},
		// More than the prefix: answered at once; the read timeout (an hour)
		// would make the test hang if the peek waited for more.
		{"multipart, first part header beyond the prefix", time.Hour, "multipart/form-data; boundary=b",
			"--b\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\nX-Pad: " + strings.Repeat("a", MaxFormTokenPrefix) + "\r\n\r\n" + token + "\r\n"},
		{"form, first field beyond the prefix", time.Hour, "application/x-www-form-urlencoded",
			"csrf_token=" + token + strings.Repeat("x", MaxFormTokenPrefix)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newTestAuth(t, authTestStores(t)["sqlite"])
			var reached atomic.Bool
			h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { reached.Store(true) }))
			ctx, cancel := context.WithCancel(context.Background())
			started := make(chan net.Addr, 1)
			errc := make(chan error, 1)
			go func() {
				errc <- Run(ctx, Config{Addr: "127.0.0.1:0", Logger: slog.New(slog.DiscardHandler), ReadTimeout: c.readTimeout,
					ShutdownTimeout: time.Second}, h, func(a net.Addr) { started <- a })
			}()
			t.Cleanup(func() { cancel(); <-errc })
			addr := <-started
			conn, err := net.Dial("tcp", addr.String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// A hang bound far above the 1 s read timeout, not a timing.
			conn.SetDeadline(time.Now().Add(60 * time.Second))
			fmt.Fprintf(conn, "POST /upload HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nCookie: %s=%s\r\n\r\n%s",
				addr, c.ct, 1<<20, csrfCookie, token, c.sent)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatalf("no answer while the body stalls: %v", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("status %d, want 403", resp.StatusCode)
			}
			if reached.Load() {
				t.Error("the handler ran without a CSRF token")
			}
		})
	}
}
