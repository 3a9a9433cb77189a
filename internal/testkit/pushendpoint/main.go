// Command pushendpoint is a Web Push service endpoint for tests, run as a
// separate process: it holds a subscription's private keys (the browser's
// side), checks each push's VAPID signature (RFC 8292) and decrypts its
// aes128gcm payload (RFC 8291, RFC 8188) with its own code, independent of
// package webpush, appending each payload as a JSON line to -out. It
// prints its address on stdout once it listens. -fail N answers 503 to
// the first N pushes, with -retry-after V as their Retry-After header.
package main

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

func main() {
	keyFlag := flag.String("key", "", "the subscription's P-256 private key, base64url")
	authFlag := flag.String("auth", "", "the subscription's auth secret, base64url")
	out := flag.String("out", "", "append each decrypted payload here as a JSON line")
	fail := flag.Int("fail", 0, "answer 503 to the first N pushes")
	retryAfter := flag.String("retry-after", "", "the Retry-After header of those 503 answers (seconds or an HTTP date)")
	flag.Parse()
	raw, err := base64.RawURLEncoding.DecodeString(*keyFlag)
	if err != nil {
		log.Fatal(err)
	}
	priv, err := ecdh.P256().NewPrivateKey(raw)
	if err != nil {
		log.Fatal(err)
	}
	auth, err := base64.RawURLEncoding.DecodeString(*authFlag)
	if err != nil || len(auth) != 16 {
		log.Fatal("auth: want 16 bytes")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	origin := "http://" + l.Addr().String()
	var mu sync.Mutex
	failed := 0
	http.HandleFunc("POST /push", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if failed < *fail {
			failed++
			if *retryAfter != "" {
				w.Header().Set("Retry-After", *retryAfter)
			}
			http.Error(w, "try later", http.StatusServiceUnavailable)
			return
		}
		body, _ := io.ReadAll(io.LimitReader(r.Body, 8192))
		if err := checkVAPID(r.Header.Get("Authorization"), origin); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		if r.Header.Get("Content-Encoding") != "aes128gcm" || r.Header.Get("TTL") == "" {
			http.Error(w, "want Content-Encoding aes128gcm and a TTL", http.StatusBadRequest)
			return
		}
		plain, err := decrypt(priv, auth, body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		f, err := os.OpenFile(*out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		line, _ := json.Marshal(map[string]string{"payload": string(plain), "ttl": r.Header.Get("TTL")})
		f.Write(append(line, '\n'))
		f.Close()
		w.WriteHeader(http.StatusCreated)
	})
	fmt.Println(origin + "/push")
	log.Fatal(http.Serve(l, nil))
}

// checkVAPID verifies "vapid t=JWT, k=KEY": an ES256 JWT signed by KEY,
// its audience this origin, not expired, with a subject.
func checkVAPID(h, origin string) error {
	rest, ok := strings.CutPrefix(h, "vapid ")
	if !ok {
		return errors.New("no vapid authorization")
	}
	var tok, key string
	for _, part := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			tok = v
		case "k":
			key = v
		}
	}
	kb, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil || len(kb) != 65 || kb[0] != 4 {
		return errors.New("bad k")
	}
	pub := &ecdsa.PublicKey{Curve: elliptic.P256(), X: new(big.Int).SetBytes(kb[1:33]), Y: new(big.Int).SetBytes(kb[33:])}
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return errors.New("bad jwt")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return errors.New("bad jwt signature")
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, sum[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return errors.New("jwt signature does not verify")
	}
	hb, _ := base64.RawURLEncoding.DecodeString(parts[0])
	var head struct{ Alg string }
	if json.Unmarshal(hb, &head) != nil || head.Alg != "ES256" {
		return errors.New("jwt alg")
	}
	cb, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var claims struct {
		Aud string
		Exp int64
		Sub string
	}
	if err := json.Unmarshal(cb, &claims); err != nil {
		return err
	}
	if claims.Aud != origin || claims.Sub == "" || claims.Exp < time.Now().Unix() || claims.Exp > time.Now().Add(24*time.Hour).Unix() {
		return fmt.Errorf("jwt claims %+v (origin %s)", claims, origin)
	}
	return nil
}

// decrypt reads an aes128gcm body (RFC 8188 header: salt, rs, idlen,
// keyid) and derives the key as RFC 8291 says, from the receiver's side.
func decrypt(priv *ecdh.PrivateKey, auth, body []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("short body")
	}
	salt, rs, idlen := body[:16], binary.BigEndian.Uint32(body[16:20]), int(body[20])
	if idlen != 65 || len(body) < 21+idlen+17 {
		return nil, errors.New("bad header")
	}
	asPubBytes := body[21 : 21+idlen]
	ct := body[21+idlen:]
	if uint32(len(ct)) > rs {
		return nil, errors.New("more than one record")
	}
	asPub, err := ecdh.P256().NewPublicKey(asPubBytes)
	if err != nil {
		return nil, err
	}
	secret, err := priv.ECDH(asPub)
	if err != nil {
		return nil, err
	}
	var info bytes.Buffer
	info.WriteString("WebPush: info")
	info.WriteByte(0)
	info.Write(priv.PublicKey().Bytes())
	info.Write(asPubBytes)
	prkKey, _ := hkdf.Extract(sha256.New, secret, auth)
	ikm, _ := hkdf.Expand(sha256.New, prkKey, info.String(), 32)
	prk, _ := hkdf.Extract(sha256.New, ikm, salt)
	cek, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	block, _ := aes.NewCipher(cek)
	gcm, _ := cipher.NewGCM(block)
	plain, err := gcm.Open(nil, nonce, ct, nil)
	if err != nil {
		return nil, fmt.Errorf("decrypt: %w", err)
	}
	// Strip the padding: zeros after the delimiter 0x02 (the last record).
	i := bytes.LastIndexFunc(plain, func(r rune) bool { return r != 0 })
	if i < 0 || plain[i] != 2 {
		return nil, errors.New("no last-record delimiter")
	}
	return plain[:i], nil
}
