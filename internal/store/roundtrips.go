package store

import (
	"encoding/binary"
	"io"
	"net"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// RoundTrips counts the round trips of the PostgreSQL connections made
// through a proxy (CountRoundTrips): each ReadyForQuery message the server
// sends ends one (a simple query, an extended-protocol Sync, a COPY, and
// each connection's start-up).
type RoundTrips struct {
	n     atomic.Int64
	pings atomic.Int64
	conns atomic.Int64
}

// N is the round trips counted so far, leaving out pgx's pings: the pool
// pings a connection it hands out after a second idle, so their number
// depends on the machine's speed.
func (r *RoundTrips) N() int64 { return r.n.Load() - r.pings.Load() }

// Pings is the pings counted so far (not in N).
func (r *RoundTrips) Pings() int64 { return r.pings.Load() }

// Conns is the connections opened through the proxy so far.
func (r *RoundTrips) Conns() int64 { return r.conns.Load() }

// CountRoundTrips starts a TCP proxy in front of the server of dsn (a
// postgres:// URL with sslmode=disable, e.g. PostgresTestDSN's) for the
// test's life and returns the DSN through it and its counter: tests check
// how many round trips a store operation costs, the one thing about
// PostgreSQL writes that a loaded machine does not blur.
func CountRoundTrips(t testing.TB, dsn string) (string, *RoundTrips) {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if u.Query().Get("sslmode") != "disable" {
		t.Fatalf("CountRoundTrips: %s: want sslmode=disable (the proxy reads the protocol)", redactDSN(dsn))
	}
	server := u.Host
	if u.Port() == "" {
		server = net.JoinHostPort(u.Hostname(), "5432")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &RoundTrips{}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s, err := net.Dial("tcp", server)
			if err != nil {
				c.Close()
				continue
			}
			r.conns.Add(1)
			mu.Lock()
			open = append(open, c, s)
			mu.Unlock()
			wg.Add(2)
			go func() {
				defer wg.Done()
				r.forward(s, c)
				s.Close()
			}()
			go func() {
				defer wg.Done()
				r.relay(c, s)
				c.Close()
			}()
		}
	}()
	u.Host = ln.Addr().String()
	return u.String(), r
}

// ping is the query pgx's Ping sends (pgconn.PgConn.Ping).
const ping = "-- ping"

// forward copies the client's messages to the server, counting pings: a
// start-up message (a length, no type byte), then messages of a type byte
// and a length.
func (r *RoundTrips) forward(server io.Writer, client io.Reader) {
	var hdr [5]byte
	if _, err := io.ReadFull(client, hdr[:4]); err != nil {
		return
	}
	if _, err := server.Write(hdr[:4]); err != nil {
		return
	}
	if _, err := io.CopyN(server, client, int64(binary.BigEndian.Uint32(hdr[:4]))-4); err != nil {
		return
	}
	buf := make([]byte, len(ping))
	for {
		if _, err := io.ReadFull(client, hdr[:]); err != nil {
			return
		}
		n := int64(binary.BigEndian.Uint32(hdr[1:])) - 4
		if n < 0 {
			return
		}
		if _, err := server.Write(hdr[:]); err != nil {
			return
		}
		if hdr[0] == 'Q' && n == int64(len(ping))+1 { // the query and its NUL
			if _, err := io.ReadFull(client, buf); err != nil {
				return
			}
			if string(buf) == ping {
				r.pings.Add(1)
			}
			if _, err := server.Write(buf); err != nil {
				return
			}
			n -= int64(len(buf))
		}
		if _, err := io.CopyN(server, client, n); err != nil {
			return
		}
	}
}

// relay copies the server's messages to the client, counting each
// ReadyForQuery ('Z'). Every message from the server is a type byte and a
// length (the client asked for no TLS, so none precedes them).
func (r *RoundTrips) relay(client io.Writer, server io.Reader) {
	var hdr [5]byte
	for {
		if _, err := io.ReadFull(server, hdr[:]); err != nil {
			return
		}
		n := int64(binary.BigEndian.Uint32(hdr[1:])) - 4
		if n < 0 {
			return
		}
		if hdr[0] == 'Z' {
			r.n.Add(1)
		}
		if _, err := client.Write(hdr[:]); err != nil {
			return
		}
		if _, err := io.CopyN(client, server, n); err != nil {
			return
		}
	}
}
