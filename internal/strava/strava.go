// Package strava connects an athlete's Strava account: the OAuth 2.0
// authorization-code flow of Strava's API v3 (scope activity:read_all),
// tokens sealed with AES-GCM before they reach the store, refresh before
// expiry and a disconnect that deauthorizes at Strava and deletes them.
// Backfill, webhooks and rate limits build on it (issue 20).
package strava

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"rekindle"
)

// DefaultBaseURL is Strava's.
const DefaultBaseURL = "https://www.strava.com"

// Scope is what rekindle asks for: every activity, private ones included.
const Scope = "read,activity:read_all"

// RefreshBefore is how long before expiry a token is refreshed (Strava's
// tokens last six hours; its documentation refreshes within the last hour).
const RefreshBefore = time.Hour

// Config is the instance's Strava application.
type Config struct {
	ClientID     string
	ClientSecret string
	RedirectURL  string
	BaseURL      string // DefaultBaseURL when empty (a fake server in tests)
	Key          []byte // 32 bytes: AES-256-GCM key sealing tokens at rest
	HTTP         *http.Client
	Now          func() time.Time

	// Rate keeps the instance's use of the API across replicas (nil: no
	// limit is kept here; Strava's 429s are still waited out).
	Rate RateStore
	// Window is the short rate window (DefaultWindow; tests shorten it),
	// LimitShort and LimitDay the limits until Strava's headers say them.
	Window               time.Duration
	LimitShort, LimitDay int
	// MaxWait, when set, is the longest a call waits for the rate limit
	// before it returns ErrRateLimited (a web request; jobs wait).
	MaxWait time.Duration
	OnWait  func(time.Duration)                              // told before each wait for the rate limit
	Sleep   func(ctx context.Context, d time.Duration) error // default: a timer
	Log     *slog.Logger
}

// ParseKey reads a 32-byte key given as 64 hex digits or standard base64.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == 32 {
		return b, nil
	}
	return nil, errors.New("strava: the token key must be 32 bytes, as 64 hex digits or base64 (openssl rand -hex 32)")
}

// TokenStore keeps sealed tokens, one per athlete.
type TokenStore interface {
	SaveStravaToken(ctx context.Context, athleteID, stravaAthleteID int64, sealed []byte, expires time.Time) error
	StravaToken(ctx context.Context, athleteID int64) ([]byte, error) // an error wrapping rekindle.ErrNotFound when none
	DeleteStravaToken(ctx context.Context, athleteID int64) error
}

// Token is an athlete's Strava grant.
type Token struct {
	AccessToken  string    `json:"access_token"`
	RefreshToken string    `json:"refresh_token"`
	Expiry       time.Time `json:"expiry"`
	StravaID     int64     `json:"strava_athlete_id"`
	Scope        string    `json:"scope,omitempty"`
}

// Client talks to Strava for the instance.
type Client struct {
	cfg   Config
	oc    oauth2.Config
	aead  cipher.AEAD
	store TokenStore
}

// New makes a client; the client id, secret and key are required.
func New(cfg Config, st TokenStore) (*Client, error) {
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("strava: set the client id and secret of the instance's Strava application (REKINDLE_STRAVA_CLIENT_ID, REKINDLE_STRAVA_CLIENT_SECRET)")
	}
	if len(cfg.Key) != 32 {
		return nil, errors.New("strava: set a 32-byte token key (REKINDLE_STRAVA_KEY)")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.HTTP == nil {
		cfg.HTTP = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	block, err := aes.NewCipher(cfg.Key)
	if err != nil {
		return nil, fmt.Errorf("strava: key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("strava: key: %w", err)
	}
	c := &Client{cfg: cfg, aead: aead, store: st}
	c.oc = oauth2.Config{ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret, RedirectURL: cfg.RedirectURL,
		Scopes: []string{Scope}, // one comma-separated value, as Strava wants it
		Endpoint: oauth2.Endpoint{AuthURL: cfg.BaseURL + "/oauth/authorize", TokenURL: cfg.BaseURL + "/oauth/token",
			AuthStyle: oauth2.AuthStyleInParams}}
	return c, nil
}

func (c *Client) ctx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, c.cfg.HTTP)
}

// ClientID is the instance's Strava application.
func (c *Client) ClientID() string { return c.cfg.ClientID }

// AuthURL is where the runner grants rekindle access; state comes back
// with the code to the redirect URL.
func (c *Client) AuthURL(state string) string {
	return c.oc.AuthCodeURL(state, oauth2.SetAuthURLParam("approval_prompt", "auto"))
}

func tokenOf(t *oauth2.Token, prev *Token) *Token {
	out := &Token{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, Expiry: t.Expiry.UTC()}
	if prev != nil {
		out.StravaID, out.Scope = prev.StravaID, prev.Scope
	}
	if a, ok := t.Extra("athlete").(map[string]any); ok {
		if id, ok := a["id"].(float64); ok {
			out.StravaID = int64(id)
		}
	}
	// Strava's expires_at (Unix seconds) is authoritative when given.
	if at, ok := t.Extra("expires_at").(float64); ok && at > 0 {
		out.Expiry = time.Unix(int64(at), 0).UTC()
	}
	return out
}

// Exchange trades the code Strava sent back for tokens and stores them,
// sealed, for the athlete. scope is what the runner granted (Strava sends
// it with the code); without activity:read_all nothing is stored.
func (c *Client) Exchange(ctx context.Context, athleteID int64, code, scope string) (*Token, error) {
	if scope != "" && !strings.Contains(scope, "activity:read_all") {
		return nil, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "strava: rekindle needs the permission to read all your activities (activity:read_all); connect again and keep it ticked"}
	}
	t, err := c.oc.Exchange(c.ctx(ctx), code)
	if err != nil {
		return nil, fmt.Errorf("strava: exchange code: %w", err)
	}
	tok := tokenOf(t, nil)
	tok.Scope = scope
	if err := c.save(ctx, athleteID, tok); err != nil {
		return nil, err
	}
	return tok, nil
}

// Token returns the athlete's grant, refreshed first when it expires
// within RefreshBefore (the refreshed tokens are stored).
func (c *Client) Token(ctx context.Context, athleteID int64) (*Token, error) {
	tok, err := c.load(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	if tok.Expiry.Sub(c.cfg.Now()) > RefreshBefore {
		return tok, nil
	}
	// An empty access token makes the source refresh at once.
	t, err := c.oc.TokenSource(c.ctx(ctx), &oauth2.Token{RefreshToken: tok.RefreshToken}).Token()
	if err != nil {
		return nil, fmt.Errorf("strava: refresh token of athlete %d: %w", athleteID, err)
	}
	fresh := tokenOf(t, tok)
	if fresh.RefreshToken == "" {
		fresh.RefreshToken = tok.RefreshToken
	}
	if err := c.save(ctx, athleteID, fresh); err != nil {
		return nil, err
	}
	return fresh, nil
}

// Connected reports whether the athlete has a stored grant.
func (c *Client) Connected(ctx context.Context, athleteID int64) (bool, error) {
	_, err := c.load(ctx, athleteID)
	if errors.Is(err, rekindle.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Disconnect revokes rekindle's access at Strava (deauthorize) and deletes
// the athlete's tokens. A grant Strava no longer knows (401) is deleted
// too; any other failure keeps the tokens so that it can be tried again.
func (c *Client) Disconnect(ctx context.Context, athleteID int64) error {
	tok, err := c.Token(ctx, athleteID)
	var rerr *oauth2.RetrieveError
	switch {
	case errors.As(err, &rerr) && rerr.Response != nil && (rerr.Response.StatusCode == 400 || rerr.Response.StatusCode == 401):
		// The refresh token is no longer valid: the grant is gone already.
		return c.store.DeleteStravaToken(ctx, athleteID)
	case err != nil:
		return err
	}
	form := url.Values{"access_token": {tok.AccessToken}}
	req, err := http.NewRequestWithContext(ctx, "POST", c.cfg.BaseURL+"/oauth/deauthorize", strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("strava: deauthorize: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return fmt.Errorf("strava: deauthorize: %w", err)
	}
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	resp.Body.Close()
	if resp.StatusCode/100 != 2 && resp.StatusCode != http.StatusUnauthorized {
		return fmt.Errorf("strava: deauthorize: %s: %s", resp.Status, bytes.TrimSpace(body))
	}
	return c.store.DeleteStravaToken(ctx, athleteID)
}

// aad binds a sealed token to its athlete: a row copied to another athlete
// does not open.
func aad(athleteID int64) []byte {
	return binary.BigEndian.AppendUint64([]byte("rekindle strava token v1 "), uint64(athleteID))
}

// Seal encrypts a token for the athlete (nonce ‖ AES-GCM ciphertext).
func (c *Client) Seal(athleteID int64, t *Token) ([]byte, error) {
	plain, err := json.Marshal(t)
	if err != nil {
		return nil, fmt.Errorf("strava: seal: %w", err)
	}
	nonce := make([]byte, c.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("strava: seal: %w", err)
	}
	return c.aead.Seal(nonce, nonce, plain, aad(athleteID)), nil
}

// Open decrypts a sealed token of the athlete.
func (c *Client) Open(athleteID int64, sealed []byte) (*Token, error) {
	n := c.aead.NonceSize()
	if len(sealed) < n {
		return nil, errors.New("strava: open token: too short")
	}
	plain, err := c.aead.Open(nil, sealed[:n], sealed[n:], aad(athleteID))
	if err != nil {
		return nil, fmt.Errorf("strava: open token of athlete %d (wrong REKINDLE_STRAVA_KEY?): %w", athleteID, err)
	}
	var t Token
	if err := json.Unmarshal(plain, &t); err != nil {
		return nil, fmt.Errorf("strava: open token: %w", err)
	}
	return &t, nil
}

func (c *Client) save(ctx context.Context, athleteID int64, t *Token) error {
	sealed, err := c.Seal(athleteID, t)
	if err != nil {
		return err
	}
	return c.store.SaveStravaToken(ctx, athleteID, t.StravaID, sealed, t.Expiry)
}

func (c *Client) load(ctx context.Context, athleteID int64) (*Token, error) {
	sealed, err := c.store.StravaToken(ctx, athleteID)
	if err != nil {
		return nil, err
	}
	return c.Open(athleteID, sealed)
}

// StateLife is how long a Connect link's state stays good.
const StateLife = 30 * time.Minute

func (c *Client) stateMAC(athleteID, exp int64) []byte {
	k := sha256.Sum256(append([]byte("rekindle strava oauth state v1 "), c.cfg.Key...))
	m := hmac.New(sha256.New, k[:])
	fmt.Fprintf(m, "%d.%d", athleteID, exp)
	return m.Sum(nil)
}

// State makes the OAuth state for an athlete's Connect link: signed with
// the instance's key and bound to the athlete and a deadline, so that any
// replica checks it and a link made for one athlete cannot connect another.
func (c *Client) State(athleteID int64) string {
	exp := c.cfg.Now().Add(StateLife).Unix()
	return fmt.Sprintf("%d.%d.%s", athleteID, exp, base64.RawURLEncoding.EncodeToString(c.stateMAC(athleteID, exp)))
}

// CheckState checks a state that came back from Strava for the signed-in athlete.
func (c *Client) CheckState(state string, athleteID int64) error {
	parts := strings.Split(state, ".")
	bad := &rekindle.Error{Code: rekindle.CodeInvalid, Message: "strava: this Connect link is not yours or has expired; connect again from Settings"}
	if len(parts) != 3 {
		return bad
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	exp, err2 := strconv.ParseInt(parts[1], 10, 64)
	mac, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || id != athleteID || c.cfg.Now().Unix() > exp || !hmac.Equal(mac, c.stateMAC(id, exp)) {
		return bad
	}
	return nil
}

// Subscribe creates the application's push subscription: Strava checks
// the callback URL at once (GET with hub.challenge, which the server
// answers with verifyToken) and returns the subscription's id.
func (c *Client) Subscribe(ctx context.Context, callbackURL, verifyToken string) (int64, error) {
	form := url.Values{"client_id": {c.cfg.ClientID}, "client_secret": {c.cfg.ClientSecret}, "callback_url": {callbackURL}, "verify_token": {verifyToken}}
	req, err := http.NewRequestWithContext(ctx, "POST", c.cfg.BaseURL+"/api/v3/push_subscriptions", strings.NewReader(form.Encode()))
	if err != nil {
		return 0, fmt.Errorf("strava: subscribe: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return 0, fmt.Errorf("strava: subscribe: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return 0, fmt.Errorf("strava: subscribe: %s: %s", resp.Status, bytes.TrimSpace(body))
	}
	var out struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(body, &out); err != nil || out.ID == 0 {
		return 0, fmt.Errorf("strava: subscribe: an answer without an id: %s", bytes.TrimSpace(body))
	}
	return out.ID, nil
}
