// Package webpush sends Web Push messages: the payload encrypted for the
// browser's subscription (RFC 8291, aes128gcm content coding of RFC 8188)
// and the request signed with the server's VAPID key (RFC 8292), posted
// to the push service's endpoint (RFC 8030). Standard library only.
package webpush

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Subscription is a browser's push subscription (PushSubscription.toJSON()).
type Subscription struct {
	Endpoint string `json:"endpoint"`
	Keys     struct {
		P256dh string `json:"p256dh"` // the browser's P-256 public key, uncompressed, base64url
		Auth   string `json:"auth"`   // 16 random bytes, base64url
	} `json:"keys"`
}

var b64 = base64.RawURLEncoding

func unb64(s string) ([]byte, error) {
	for len(s)%4 != 0 && (s[len(s)-1] == '=') {
		s = s[:len(s)-1]
	}
	b, err := b64.DecodeString(s)
	if err != nil {
		b, err = base64.URLEncoding.DecodeString(s)
	}
	return b, err
}

// Check validates a subscription: an https endpoint (http only for
// loopback, for tests), a P-256 key and a 16-byte auth secret.
func (s *Subscription) Check() error {
	u, err := url.Parse(s.Endpoint)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && (u.Hostname() == "127.0.0.1" || u.Hostname() == "localhost"))) {
		return fmt.Errorf("webpush: endpoint %q: want an https URL", s.Endpoint)
	}
	pub, err := unb64(s.Keys.P256dh)
	if err != nil {
		return fmt.Errorf("webpush: p256dh: %w", err)
	}
	if _, err := ecdh.P256().NewPublicKey(pub); err != nil {
		return fmt.Errorf("webpush: p256dh: %w", err)
	}
	if a, err := unb64(s.Keys.Auth); err != nil || len(a) != 16 {
		return errors.New("webpush: auth: want 16 bytes, base64url")
	}
	return nil
}

// RecordSize is the record size written in the header; one record holds
// the whole payload (at most MaxPayload bytes).
const (
	RecordSize = 4096
	MaxPayload = RecordSize - 16 - 1 - 103 // a tag, the delimiter, room for the header a service may count
)

// Encrypt encrypts payload for the subscription (RFC 8291): an ephemeral
// ECDH key, the auth secret as salt for the input key, then aes128gcm in
// one record with the ephemeral public key as key id.
func Encrypt(sub *Subscription, payload []byte, rnd io.Reader) ([]byte, error) {
	if len(payload) > MaxPayload {
		return nil, fmt.Errorf("webpush: payload of %d bytes: at most %d", len(payload), MaxPayload)
	}
	uaPubBytes, err := unb64(sub.Keys.P256dh)
	if err != nil {
		return nil, fmt.Errorf("webpush: p256dh: %w", err)
	}
	uaPub, err := ecdh.P256().NewPublicKey(uaPubBytes)
	if err != nil {
		return nil, fmt.Errorf("webpush: p256dh: %w", err)
	}
	auth, err := unb64(sub.Keys.Auth)
	if err != nil || len(auth) != 16 {
		return nil, errors.New("webpush: auth: want 16 bytes")
	}
	asPriv, err := ecdh.P256().GenerateKey(rnd)
	if err != nil {
		return nil, err
	}
	asPub := asPriv.PublicKey().Bytes()
	secret, err := asPriv.ECDH(uaPub)
	if err != nil {
		return nil, err
	}
	keyInfo := append(append([]byte("WebPush: info\x00"), uaPubBytes...), asPub...)
	ikm, err := hkdf.Key(sha256.New, secret, auth, string(keyInfo), 32)
	if err != nil {
		return nil, err
	}
	salt := make([]byte, 16)
	if _, err := io.ReadFull(rnd, salt); err != nil {
		return nil, err
	}
	prk, err := hkdf.Extract(sha256.New, ikm, salt)
	if err != nil {
		return nil, err
	}
	cek, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	if err != nil {
		return nil, err
	}
	nonce, err := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain := append(append([]byte{}, payload...), 0x02) // the last (only) record
	var out bytes.Buffer
	out.Write(salt)
	binary.Write(&out, binary.BigEndian, uint32(RecordSize))
	out.WriteByte(byte(len(asPub)))
	out.Write(asPub)
	out.Write(gcm.Seal(nil, nonce, plain, nil))
	return out.Bytes(), nil
}

// VAPID is the server's application key (RFC 8292): a P-256 key pair
// whose public half the pages give to the browser when subscribing.
type VAPID struct {
	Key     *ecdsa.PrivateKey
	Subject string // "mailto:admin@example.org" or an https URL
}

// NewVAPIDKey makes a key; its private scalar in base64url is what to keep.
func NewVAPIDKey() (*ecdsa.PrivateKey, string, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, "", err
	}
	b, err := k.Bytes()
	if err != nil {
		return nil, "", err
	}
	return k, b64.EncodeToString(b), nil
}

// ParseVAPIDKey reads a private scalar written by NewVAPIDKey.
func ParseVAPIDKey(s string) (*ecdsa.PrivateKey, error) {
	b, err := unb64(s)
	if err != nil {
		return nil, fmt.Errorf("webpush: vapid key: %w", err)
	}
	k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), b)
	if err != nil {
		return nil, fmt.Errorf("webpush: vapid key: %w", err)
	}
	return k, nil
}

// PublicKey is the application server key for PushManager.subscribe:
// the uncompressed point, base64url.
func (v *VAPID) PublicKey() string {
	b, _ := v.Key.PublicKey.Bytes()
	return b64.EncodeToString(b)
}

// Authorization is the header value for a request to endpoint: "vapid
// t=JWT, k=KEY", the JWT (ES256) naming the endpoint's origin and
// expiring in 12 hours.
func (v *VAPID) Authorization(endpoint string, now time.Time) (string, error) {
	u, err := url.Parse(endpoint)
	if err != nil {
		return "", fmt.Errorf("webpush: endpoint: %w", err)
	}
	head := b64.EncodeToString([]byte(`{"typ":"JWT","alg":"ES256"}`))
	claims, _ := json.Marshal(map[string]any{"aud": u.Scheme + "://" + u.Host, "exp": now.Add(12 * time.Hour).Unix(), "sub": v.Subject})
	signing := head + "." + b64.EncodeToString(claims)
	sum := sha256.Sum256([]byte(signing))
	r, s, err := ecdsa.Sign(rand.Reader, v.Key, sum[:])
	if err != nil {
		return "", err
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return "vapid t=" + signing + "." + b64.EncodeToString(sig) + ", k=" + v.PublicKey(), nil
}

// ErrGone is a subscription the push service no longer knows (404, 410):
// forget it.
var ErrGone = errors.New("webpush: subscription gone")

// Client posts push messages.
type Client struct {
	HTTP  *http.Client // default: a client with a 30 s timeout
	VAPID *VAPID
	Now   func() time.Time
}

// Send encrypts payload for sub and posts it with a time to live; a 201
// (or any 2xx) is delivered, 404/410 is ErrGone, others are errors
// (retried by the caller).
func (c *Client) Send(ctx context.Context, sub *Subscription, payload []byte, ttl time.Duration) error {
	body, err := Encrypt(sub, payload, rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	auth, err := c.VAPID.Authorization(sub.Endpoint, now())
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.Endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webpush: %w", err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("Content-Encoding", "aes128gcm")
	req.Header.Set("TTL", strconv.Itoa(int(ttl.Seconds())))
	req.Header.Set("Urgency", "normal")
	req.Header.Set("Authorization", auth)
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("webpush: %w", err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	switch {
	case resp.StatusCode/100 == 2:
		return nil
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return fmt.Errorf("%w (%d from %s)", ErrGone, resp.StatusCode, sub.Endpoint)
	}
	return &RefusedError{Endpoint: sub.Endpoint, Status: resp.StatusCode, Message: string(bytes.TrimSpace(msg)),
		RetryAfter: resp.Header.Get("Retry-After")}
}

// MaxRetryAfter caps how long a push service's Retry-After can hold a
// notification back.
const MaxRetryAfter = 7 * 24 * time.Hour

// RefusedError is a push service's answer other than delivered or gone
// (429 too many requests, 503 busy, …), with its Retry-After header.
type RefusedError struct {
	Endpoint   string
	Status     int
	Message    string
	RetryAfter string // the header as sent: seconds or an HTTP date (RFC 9110 §10.2.3); "" if none
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("webpush: push service %s answered %d: %s", e.Endpoint, e.Status, e.Message)
}

// RetryAt is the earliest time the push service accepts a retry, from
// Retry-After read at now (capped at now+MaxRetryAfter); ok is false when
// the header is absent or malformed.
func (e *RefusedError) RetryAt(now time.Time) (at time.Time, ok bool) {
	v := strings.TrimSpace(e.RetryAfter)
	if v == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return time.Time{}, false
		}
		return now.Add(time.Duration(min(n, int64(MaxRetryAfter/time.Second))) * time.Second), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return time.Time{}, false
	}
	switch {
	case t.Before(now):
		t = now
	case t.After(now.Add(MaxRetryAfter)):
		t = now.Add(MaxRetryAfter)
	}
	return t, true
}

// RetryAt is the latest time any push service behind err (joined errors
// included) asked to be retried no earlier than; ok is false when none said.
func RetryAt(err error, now time.Time) (at time.Time, ok bool) {
	switch x := err.(type) {
	case *RefusedError:
		return x.RetryAt(now)
	case interface{ Unwrap() []error }:
		for _, e := range x.Unwrap() {
			if t, yes := RetryAt(e, now); yes && (!ok || t.After(at)) {
				at, ok = t, true
			}
		}
		return at, ok
	case interface{ Unwrap() error }:
		return RetryAt(x.Unwrap(), now)
	}
	return time.Time{}, false
}
