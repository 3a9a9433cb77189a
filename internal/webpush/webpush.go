// Package webpush sends Web Push messages: VAPID authentication (RFC 8292)
// and aes128gcm message encryption (RFC 8291 over the RFC 8188 content
// coding), one record per message. It is pure crypto plus one HTTP POST;
// which subscriptions to send to, and what to do with a gone one, is the
// caller's business (see Error).
package webpush

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/hkdf"
)

// Subscription is a browser's PushSubscription (PushSubscription.toJSON()):
// the push service endpoint and the user agent's keys.
type Subscription struct {
	Endpoint string `json:"endpoint"`
	Keys     Keys   `json:"keys"`
}

// Keys are the subscription's keys, base64url (padding optional).
type Keys struct {
	P256dh string `json:"p256dh"`
	Auth   string `json:"auth"`
}

// ParseSubscription reads and validates a PushSubscription JSON: an https
// (or http for a loopback host) endpoint, a 65-byte uncompressed P-256
// public key and a 16-byte auth secret.
func ParseSubscription(data []byte) (Subscription, error) {
	var s Subscription
	if err := json.Unmarshal(data, &s); err != nil {
		return Subscription{}, fmt.Errorf("push subscription: %w", err)
	}
	if err := s.Validate(); err != nil {
		return Subscription{}, err
	}
	return s, nil
}

// Validate checks the endpoint URL and the keys.
func (s Subscription) Validate() error {
	u, err := url.Parse(s.Endpoint)
	if err != nil || u.Host == "" {
		return fmt.Errorf("push subscription: endpoint %q is not an absolute URL", s.Endpoint)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if h := u.Hostname(); h != "localhost" && h != "127.0.0.1" && h != "::1" {
			return fmt.Errorf("push subscription: endpoint %q must be https", s.Endpoint)
		}
	default:
		return fmt.Errorf("push subscription: endpoint %q must be https", s.Endpoint)
	}
	if len(s.Endpoint) > 2048 {
		return errors.New("push subscription: endpoint longer than 2048 bytes")
	}
	if _, err := s.publicKey(); err != nil {
		return err
	}
	if _, err := s.authSecret(); err != nil {
		return err
	}
	return nil
}

func (s Subscription) publicKey() (*ecdh.PublicKey, error) {
	b, err := decodeB64(s.Keys.P256dh)
	if err != nil || len(b) != 65 {
		return nil, errors.New("push subscription: keys.p256dh is not a base64url uncompressed P-256 point")
	}
	k, err := ecdh.P256().NewPublicKey(b)
	if err != nil {
		return nil, fmt.Errorf("push subscription: keys.p256dh: %w", err)
	}
	return k, nil
}

func (s Subscription) authSecret() ([]byte, error) {
	b, err := decodeB64(s.Keys.Auth)
	if err != nil || len(b) != 16 {
		return nil, errors.New("push subscription: keys.auth is not a base64url 16-byte secret")
	}
	return b, nil
}

func decodeB64(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// VAPID is an application server's key pair (RFC 8292) and its contact.
type VAPID struct {
	Key     *ecdsa.PrivateKey
	Subject string // mailto: or https: contact
}

// GenerateVAPIDKey makes a new P-256 key pair.
func GenerateVAPIDKey() (*ecdsa.PrivateKey, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
}

// EncodePrivateKey writes the key as base64url of its 32-byte scalar (the
// form REKINDLE_VAPID_PRIVATE_KEY and other Web Push tools use).
func EncodePrivateKey(k *ecdsa.PrivateKey) (string, error) {
	b, err := k.Bytes()
	if err != nil {
		return "", fmt.Errorf("vapid key: %w", err)
	}
	return b64(b), nil
}

// ParsePrivateKey reads a base64url 32-byte P-256 scalar.
func ParsePrivateKey(s string) (*ecdsa.PrivateKey, error) {
	b, err := decodeB64(strings.TrimSpace(s))
	if err != nil || len(b) != 32 {
		return nil, errors.New("vapid private key: want base64url of a 32-byte P-256 scalar")
	}
	k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), b)
	if err != nil {
		return nil, fmt.Errorf("vapid private key: %w", err)
	}
	return k, nil
}

// PublicKey is the application server key for PushManager.subscribe
// (applicationServerKey): base64url of the uncompressed point.
func (v VAPID) PublicKey() string {
	b, _ := v.Key.PublicKey.Bytes()
	return b64(b)
}

// Token signs the VAPID JWT (ES256) for the push service origin aud,
// expiring at exp.
func (v VAPID) Token(aud string, exp time.Time) (string, error) {
	if !strings.HasPrefix(v.Subject, "mailto:") && !strings.HasPrefix(v.Subject, "https:") {
		return "", fmt.Errorf("vapid subject %q: want mailto: or https:", v.Subject)
	}
	hdr := b64([]byte(`{"typ":"JWT","alg":"ES256"}`))
	claims, err := json.Marshal(map[string]any{"aud": aud, "exp": exp.Unix(), "sub": v.Subject})
	if err != nil {
		return "", err
	}
	input := hdr + "." + b64(claims)
	h := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, v.Key, h[:])
	if err != nil {
		return "", fmt.Errorf("vapid sign: %w", err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + b64(sig), nil
}

// VerifyToken checks a VAPID JWT against the base64url public key k and
// returns its claims. It is used by the test push service; it is here so
// the signing and checking sit side by side.
func VerifyToken(token, k string) (map[string]any, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("vapid token: want three parts")
	}
	kb, err := decodeB64(k)
	if err != nil {
		return nil, fmt.Errorf("vapid k: %w", err)
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), kb)
	if err != nil {
		return nil, fmt.Errorf("vapid k: %w", err)
	}
	var hdr struct{ Alg string }
	hb, err := decodeB64(parts[0])
	if err != nil || json.Unmarshal(hb, &hdr) != nil || hdr.Alg != "ES256" {
		return nil, errors.New("vapid token: header is not ES256")
	}
	sig, err := decodeB64(parts[2])
	if err != nil || len(sig) != 64 {
		return nil, errors.New("vapid token: signature is not 64 bytes")
	}
	h := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, h[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return nil, errors.New("vapid token: bad signature")
	}
	cb, err := decodeB64(parts[1])
	if err != nil {
		return nil, fmt.Errorf("vapid claims: %w", err)
	}
	var claims map[string]any
	if err := json.Unmarshal(cb, &claims); err != nil {
		return nil, fmt.Errorf("vapid claims: %w", err)
	}
	return claims, nil
}

// recordSize is the rs of the one aes128gcm record: 4096 is what push
// services accept; the payload plus padding delimiter and tag must fit.
const recordSize = 4096

// MaxPayload is the largest plaintext one message carries.
const MaxPayload = recordSize - 16 - 1 - 86 // tag, delimiter, header

// Encrypt encrypts plaintext for the subscription (RFC 8291): an ephemeral
// ECDH key, the auth secret, HKDF-SHA-256 and one aes128gcm record whose
// header carries the salt and the ephemeral public key.
func Encrypt(sub Subscription, plaintext []byte) ([]byte, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return nil, err
	}
	eph, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return encrypt(sub, plaintext, salt, eph)
}

func encrypt(sub Subscription, plaintext, salt []byte, eph *ecdh.PrivateKey) ([]byte, error) {
	if len(plaintext) > MaxPayload {
		return nil, fmt.Errorf("push payload: %d bytes, at most %d", len(plaintext), MaxPayload)
	}
	uaPub, err := sub.publicKey()
	if err != nil {
		return nil, err
	}
	auth, err := sub.authSecret()
	if err != nil {
		return nil, err
	}
	shared, err := eph.ECDH(uaPub)
	if err != nil {
		return nil, fmt.Errorf("push ecdh: %w", err)
	}
	asPub := eph.PublicKey().Bytes()
	cek, nonce, err := deriveKeys(shared, auth, uaPub.Bytes(), asPub, salt)
	if err != nil {
		return nil, err
	}
	gcm, err := newGCM(cek)
	if err != nil {
		return nil, err
	}
	// One record, the last: plaintext then the 0x02 delimiter, no padding.
	body := append(append([]byte{}, plaintext...), 0x02)
	header := make([]byte, 0, 86)
	header = append(header, salt...)
	header = binary.BigEndian.AppendUint32(header, recordSize)
	header = append(header, byte(len(asPub)))
	header = append(header, asPub...)
	return gcm.Seal(header, nonce, body, nil), nil
}

// deriveKeys is RFC 8291 section 3.4 then RFC 8188 section 2.2.
func deriveKeys(shared, auth, uaPub, asPub, salt []byte) (cek, nonce []byte, err error) {
	info := append([]byte("WebPush: info\x00"), uaPub...)
	info = append(info, asPub...)
	ikm := make([]byte, 32)
	if _, err := io.ReadFull(hkdf.New(sha256.New, shared, auth, info), ikm); err != nil {
		return nil, nil, err
	}
	cek = make([]byte, 16)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, salt, []byte("Content-Encoding: aes128gcm\x00")), cek); err != nil {
		return nil, nil, err
	}
	nonce = make([]byte, 12)
	if _, err := io.ReadFull(hkdf.New(sha256.New, ikm, salt, []byte("Content-Encoding: nonce\x00")), nonce); err != nil {
		return nil, nil, err
	}
	return cek, nonce, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// Decrypt is the user agent's side of Encrypt: it opens an aes128gcm body
// with the subscription's private key and auth secret. The test push
// service and the fuzz tests use it.
func Decrypt(body []byte, uaPriv *ecdh.PrivateKey, auth []byte) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("aes128gcm: body shorter than its header")
	}
	salt := body[:16]
	rs := binary.BigEndian.Uint32(body[16:20])
	idlen := int(body[20])
	if len(body) < 21+idlen {
		return nil, errors.New("aes128gcm: key id runs past the body")
	}
	asPubB := body[21 : 21+idlen]
	rec := body[21+idlen:]
	if rs < 18 || uint32(len(rec)) > rs {
		return nil, fmt.Errorf("aes128gcm: one record of %d bytes with rs %d", len(rec), rs)
	}
	asPub, err := ecdh.P256().NewPublicKey(asPubB)
	if err != nil {
		return nil, fmt.Errorf("aes128gcm: key id: %w", err)
	}
	shared, err := uaPriv.ECDH(asPub)
	if err != nil {
		return nil, err
	}
	cek, nonce, err := deriveKeys(shared, auth, uaPriv.PublicKey().Bytes(), asPubB, salt)
	if err != nil {
		return nil, err
	}
	gcm, err := newGCM(cek)
	if err != nil {
		return nil, err
	}
	pt, err := gcm.Open(nil, nonce, rec, nil)
	if err != nil {
		return nil, fmt.Errorf("aes128gcm: %w", err)
	}
	i := len(pt) - 1
	for i >= 0 && pt[i] == 0 {
		i--
	}
	if i < 0 || pt[i] != 0x02 {
		return nil, errors.New("aes128gcm: last record lacks the 0x02 delimiter")
	}
	return pt[:i], nil
}

// Urgency is the RFC 8030 Urgency header.
type Urgency string

// The four urgencies of RFC 8030 section 5.3.
const (
	VeryLow Urgency = "very-low"
	Low     Urgency = "low"
	Normal  Urgency = "normal"
	High    Urgency = "high"
)

// Message is one push.
type Message struct {
	Payload []byte        // plaintext, at most MaxPayload bytes
	TTL     time.Duration // how long the push service keeps it; 0 = deliver now or drop
	Urgency Urgency       // empty = normal
	Topic   string        // replaces an undelivered message with the same topic
}

// Error is a push service's refusal.
type Error struct {
	Endpoint   string
	Status     int
	RetryAfter time.Duration // from Retry-After, 0 when absent
	Body       string
}

func (e *Error) Error() string {
	return fmt.Sprintf("web push to %s: %d %s: %s", e.Endpoint, e.Status, http.StatusText(e.Status), e.Body)
}

// Gone reports the subscription no longer exists (404/410): delete it.
func (e *Error) Gone() bool {
	return e.Status == http.StatusNotFound || e.Status == http.StatusGone
}

// Retry reports a transient failure (429, 5xx): send again later, after
// RetryAfter when set.
func (e *Error) Retry() bool {
	return e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// IsGone reports whether err is a push service's "subscription gone".
func IsGone(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Gone()
}

// Sender sends messages with one VAPID identity.
type Sender struct {
	VAPID  VAPID
	Client *http.Client     // nil = http.DefaultClient
	Now    func() time.Time // nil = time.Now
}

// Send encrypts msg for sub and POSTs it to the endpoint. A refusal is an
// *Error; a transport failure is wrapped with the endpoint (retry later).
func (s *Sender) Send(ctx context.Context, sub Subscription, msg Message) error {
	if err := sub.Validate(); err != nil {
		return err
	}
	body, err := Encrypt(sub, msg.Payload)
	if err != nil {
		return err
	}
	u, _ := url.Parse(sub.Endpoint)
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	tok, err := s.VAPID.Token(u.Scheme+"://"+u.Host, now().Add(12*time.Hour))
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, sub.Endpoint, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("web push to %s: %w", sub.Endpoint, err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	req.Header.Set("Content-Encoding", "aes128gcm")
	req.Header.Set("TTL", strconv.Itoa(int(msg.TTL/time.Second)))
	urg := msg.Urgency
	if urg == "" {
		urg = Normal
	}
	req.Header.Set("Urgency", string(urg))
	if msg.Topic != "" {
		req.Header.Set("Topic", msg.Topic)
	}
	req.Header.Set("Authorization", "vapid t="+tok+", k="+s.VAPID.PublicKey())
	c := s.Client
	if c == nil {
		c = http.DefaultClient
	}
	resp, err := c.Do(req)
	if err != nil {
		return fmt.Errorf("web push to %s: %w", sub.Endpoint, err)
	}
	defer resp.Body.Close()
	rb, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	e := &Error{Endpoint: sub.Endpoint, Status: resp.StatusCode, Body: strings.TrimSpace(string(rb))}
	if ra, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && ra > 0 {
		e.RetryAfter = time.Duration(ra) * time.Second
	}
	return e
}
