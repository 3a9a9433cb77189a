// Command pushservice is a test Web Push service, run as its own process by
// the webpush tests. It prints its base URL on the first line of stdout.
//
//	POST /_test/subscribe  {"mode":"ok|gone|retry|error"} -> a subscription
//	    (the service generates the user agent's key pair and auth secret,
//	    as a browser would, and keeps the private half)
//	POST /push/{id}        a push: checks the VAPID header (RFC 8292: ES256
//	    signature against k, aud = this origin, exp within 24 h, sub
//	    mailto:/https:), the TTL/Content-Encoding headers, decrypts the
//	    aes128gcm body (RFC 8291), records it; answers 201, or 410 (gone),
//	    429 with Retry-After (retry) or 500 (error) by the subscription's mode
//	GET  /_test/received   what was received (JSON list)
package main

import (
	"crypto/ecdh"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"rekindle/internal/webpush"
)

type sub struct {
	mode string
	priv *ecdh.PrivateKey
	auth []byte
}

type received struct {
	ID       string `json:"id"`
	Payload  string `json:"payload"`
	TTL      int    `json:"ttl"`
	Urgency  string `json:"urgency"`
	Topic    string `json:"topic"`
	Sub      string `json:"sub"`
	Exp      int64  `json:"exp"`
	Status   int    `json:"status"`
	Error    string `json:"error,omitempty"`
	BodySize int    `json:"body_size"`
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	base := "http://" + ln.Addr().String()
	var mu sync.Mutex
	subs := map[string]*sub{}
	var log []received
	n := 0
	mux := http.NewServeMux()
	mux.HandleFunc("POST /_test/subscribe", func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Mode string }
		json.NewDecoder(r.Body).Decode(&req)
		priv, _ := ecdh.P256().GenerateKey(rand.Reader)
		auth := make([]byte, 16)
		rand.Read(auth)
		mu.Lock()
		n++
		id := strconv.Itoa(n)
		subs[id] = &sub{mode: req.Mode, priv: priv, auth: auth}
		mu.Unlock()
		b64 := base64.RawURLEncoding.EncodeToString
		json.NewEncoder(w).Encode(map[string]any{
			"endpoint": base + "/push/" + id,
			"keys":     map[string]string{"p256dh": b64(priv.PublicKey().Bytes()), "auth": b64(auth)},
			// The private half, for an independent decoder in the test.
			"private": b64(priv.Bytes()),
		})
	})
	mux.HandleFunc("GET /_test/received", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		json.NewEncoder(w).Encode(log)
	})
	mux.HandleFunc("POST /push/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		rec := received{ID: id, Urgency: r.Header.Get("Urgency"), Topic: r.Header.Get("Topic")}
		fail := func(code int, format string, args ...any) {
			rec.Status = code
			rec.Error = fmt.Sprintf(format, args...)
			mu.Lock()
			log = append(log, rec)
			mu.Unlock()
			http.Error(w, rec.Error, code)
		}
		mu.Lock()
		s := subs[id]
		mu.Unlock()
		if s == nil {
			fail(404, "no such subscription")
			return
		}
		ttl, err := strconv.Atoi(r.Header.Get("TTL"))
		if err != nil || ttl < 0 {
			fail(400, "TTL header missing or bad: %q", r.Header.Get("TTL"))
			return
		}
		rec.TTL = ttl
		if r.Header.Get("Content-Encoding") != "aes128gcm" {
			fail(415, "Content-Encoding %q", r.Header.Get("Content-Encoding"))
			return
		}
		t, k, ok := parseVapid(r.Header.Get("Authorization"))
		if !ok {
			fail(401, "Authorization is not vapid t=..., k=...: %q", r.Header.Get("Authorization"))
			return
		}
		claims, err := webpush.VerifyToken(t, k)
		if err != nil {
			fail(401, "%v", err)
			return
		}
		if claims["aud"] != base {
			fail(401, "aud %v, want %s", claims["aud"], base)
			return
		}
		exp, _ := claims["exp"].(float64)
		rec.Exp = int64(exp)
		if d := time.Until(time.Unix(int64(exp), 0)); d <= 0 || d > 24*time.Hour {
			fail(401, "exp %v is not within 24 h from now", exp)
			return
		}
		subj, _ := claims["sub"].(string)
		rec.Sub = subj
		if !strings.HasPrefix(subj, "mailto:") && !strings.HasPrefix(subj, "https:") {
			fail(401, "sub %q", subj)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, 8192))
		if err != nil {
			fail(400, "%v", err)
			return
		}
		rec.BodySize = len(body)
		if len(body) > 4096 {
			fail(413, "body %d bytes", len(body))
			return
		}
		pt, err := webpush.Decrypt(body, s.priv, s.auth)
		if err != nil {
			fail(400, "%v", err)
			return
		}
		rec.Payload = string(pt)
		switch s.mode {
		case "gone":
			fail(410, "subscription expired")
		case "retry":
			w.Header().Set("Retry-After", "120")
			fail(429, "slow down")
		case "error":
			fail(500, "push service trouble")
		default:
			rec.Status = 201
			mu.Lock()
			log = append(log, rec)
			mu.Unlock()
			w.Header().Set("Location", base+"/message/"+strconv.Itoa(len(log)))
			w.WriteHeader(201)
		}
	})
	fmt.Println(base)
	http.Serve(ln, mux)
}

func parseVapid(h string) (t, k string, ok bool) {
	rest, found := strings.CutPrefix(h, "vapid ")
	if !found {
		return "", "", false
	}
	for _, p := range strings.Split(rest, ",") {
		p = strings.TrimSpace(p)
		if v, f := strings.CutPrefix(p, "t="); f {
			t = v
		} else if v, f := strings.CutPrefix(p, "k="); f {
			k = v
		}
	}
	return t, k, t != "" && k != ""
}
