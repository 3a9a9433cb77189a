package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/locale"
	"rekindle/internal/store"
)

// Cookie names.
const (
	SessionCookie = "rk_session"
	csrfCookie    = "rk_csrf" // double-submit token for visitors without a session
	// CSRFField is the form field and CSRFHeader the header carrying the token.
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

// Sign-up modes (instance setting "signup").
const (
	SignupOpen   = "open"
	SignupInvite = "invite"
)

// Principal is who a request acts as.
type Principal struct {
	AthleteID   int64
	Admin       bool
	Via         string // "session", "token", "single-user"
	SessionHash string // the session's token hash, when Via is "session"
	// Stamp is the athlete's data stamp read with the session (Via
	// "session"; nil otherwise): the caches' version for this request.
	Stamp *store.Stamp
}

type ctxKey int

const (
	principalKey ctxKey = iota
	csrfKey
)

// PrincipalFrom returns the request's principal, nil for an anonymous visitor.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey).(*Principal)
	return p
}

// WithPrincipal returns ctx acting as p (for tests and tools).
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey, p)
}

// CSRFToken is the token forms and scripts must send back with unsafe requests.
func CSRFToken(ctx context.Context) string {
	s, _ := ctx.Value(csrfKey).(string)
	return s
}

// Auth authenticates requests: session cookies, bearer API tokens and, in
// single-user mode, loopback clients. It guards unsafe methods with CSRF
// checks and limits login attempts.
type Auth struct {
	// csrfExempt are the paths another server posts to (webhooks): no
	// browser, no ambient credentials, their handlers act on no principal.
	csrfExempt map[string]bool

	Store      *store.Store
	Log        *slog.Logger
	SingleUser bool          // loopback clients act as the default athlete without logging in
	SessionTTL time.Duration // idle lifetime of a session; default 30 days
	Now        func() time.Time

	// Login attempts are limited per (client address, account), so that
	// guesses from one address never lock the owner out from another, and
	// per client address over all accounts (a global cap on one guesser).
	byIP      *Limiter // login attempts per client address, any account
	byIPEmail *Limiter // login attempts per client address and account
	byAccount *Limiter // password changes per signed-in account
	signups   *Limiter // sign-ups per client address
	cop       *http.CrossOriginProtection
}

// NewAuth makes an Auth over st.
func NewAuth(st *store.Store, log *slog.Logger, singleUser bool) *Auth {
	if log == nil {
		log = slog.Default()
	}
	return &Auth{
		Store: st, Log: log, SingleUser: singleUser, SessionTTL: 30 * 24 * time.Hour, Now: time.Now,
		// In the database: the limits hold across every replica.
		byIP:      NewStoreLimiter(st, log, "login_ip", 20, time.Minute),
		byIPEmail: NewStoreLimiter(st, log, "login_ip_email", 5, 5*time.Minute),
		byAccount: NewStoreLimiter(st, log, "password", 5, 5*time.Minute),
		signups:   NewStoreLimiter(st, log, "signup_ip", 5, 10*time.Minute),
		cop:       http.NewCrossOriginProtection(),
	}
}

func randomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never happens on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret is the at-rest form of a high-entropy secret (session, API
// token, invite): hex SHA-256.
func HashSecret(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// splitCredential parses "<athleteID>.<secret>" (cookies) or
// "rk_<athleteID>_<secret>" (API tokens).
func splitCredential(v, prefix, sep string) (int64, string, bool) {
	if !strings.HasPrefix(v, prefix) {
		return 0, "", false
	}
	idS, secret, ok := strings.Cut(v[len(prefix):], sep)
	if !ok || len(secret) < 20 || len(secret) > 100 {
		return 0, "", false
	}
	id, err := strconv.ParseInt(idS, 10, 64)
	if err != nil || id <= 0 {
		return 0, "", false
	}
	return id, secret, true
}

// IsLoopback reports whether a RemoteAddr is on the loopback interface.
func IsLoopback(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackHost reports whether the Host header names this machine (guards
// single-user mode against DNS rebinding).
func loopbackHost(h string) bool {
	host, _, err := net.SplitHostPort(h)
	if err != nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func secureRequest(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

// ExemptFromCSRF lets another server post to path without a CSRF token (a
// webhook receiver: its handler must not act on the request's principal).
func (a *Auth) ExemptFromCSRF(path string) {
	if a.csrfExempt == nil {
		a.csrfExempt = map[string]bool{}
	}
	a.csrfExempt[path] = true
}

// Middleware resolves the principal, provides the CSRF token and refuses
// unsafe requests without a matching one (API-token requests carry no
// ambient credentials and are exempt). It never parses a body: scripts send
// the token in the X-CSRF-Token header; a form sends it as its first field,
// of which at most MaxFormTokenPrefix bytes are peeked (and put back for the
// handler, which applies its own size limit to the rest). A request that
// cannot carry a valid token (no session and no visitor cookie yet) is
// refused before any of its body is read.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p, csrf, err := a.resolve(w, r)
		if err != nil {
			a.Log.ErrorContext(ctx, "auth", "err", err)
			WriteError(w, r, &rekindle.Error{Code: rekindle.CodeUnavailable, Message: "authentication is unavailable", Err: err})
			return
		}
		if p != nil {
			ctx = context.WithValue(ctx, principalKey, p)
		}
		ctx = context.WithValue(ctx, csrfKey, csrf)
		r = r.WithContext(ctx)
		unsafe := r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
		if unsafe && (p == nil || p.Via != "token") && !a.csrfExempt[r.URL.Path] && !SelfKeyed(r) {
			if err := a.cop.Check(r); err != nil {
				WriteError(w, r, &rekindle.Error{Code: rekindle.CodeForbidden, Message: "cross-origin request refused"})
				return
			}
			got := r.Header.Get(CSRFHeader)
			if got == "" && csrf != "" {
				got = peekFormToken(r)
			}
			if csrf == "" || subtle.ConstantTimeCompare([]byte(got), []byte(csrf)) != 1 {
				WriteError(w, r, &rekindle.Error{Code: rekindle.CodeForbidden, Message: "missing or wrong CSRF token; reload the page and try again"})
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// SelfKeyed reports whether a request carries its own key in its path and
// acts on nothing else: an e-mail's one-click unsubscribe (RFC 8058), which
// a mail program POSTs from anywhere without cookies. It is exempt from
// the CSRF and cross-origin checks; its handler checks the signature.
func SelfKeyed(r *http.Request) bool {
	return r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/unsubscribe/")
}

// resolve finds the principal and the CSRF token for a request.
func (a *Auth) resolve(w http.ResponseWriter, r *http.Request) (*Principal, string, error) {
	ctx := r.Context()
	now := a.Now()
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, "", nil
		}
		id, secret, ok := splitCredential(strings.TrimSpace(tok), "rk_", "_")
		if !ok {
			return nil, "", nil
		}
		// The token and its account in one read: a token revoked, or an
		// account deleted or demoted, before this read is seen by it.
		_, acc, err := a.Store.CheckAPIToken(ctx, id, HashSecret(secret), now)
		if err != nil {
			if errors.Is(err, rekindle.ErrNotFound) {
				return nil, "", nil
			}
			return nil, "", err
		}
		return &Principal{AthleteID: id, Admin: acc.Admin, Via: "token"}, "", nil
	}
	if c, err := r.Cookie(SessionCookie); err == nil {
		if id, secret, ok := splitCredential(c.Value, "", "."); ok {
			// Every request looks its session and account up (one indexed
			// read): a session ended by logout, a password change or
			// 'rekindle user password|delete' in another process ends at
			// once.
			hash := HashSecret(secret)
			se, acc, err := a.Store.GetSessionAccount(ctx, id, hash, now)
			switch {
			case err == nil:
				if now.Sub(se.LastSeen) > 10*time.Minute {
					if err := a.Store.TouchSession(ctx, id, hash, now, now.Add(a.SessionTTL)); err != nil {
						a.Log.WarnContext(ctx, "touch session", "err", err)
					}
				}
				return &Principal{AthleteID: id, Admin: acc.Admin, Via: "session", SessionHash: hash, Stamp: &se.Stamp}, se.CSRF, nil
			case !errors.Is(err, rekindle.ErrNotFound):
				return nil, "", err
			}
		}
		// A stale cookie: forget it.
		http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode})
	}
	csrf, known := a.visitorCSRF(w, r)
	if !known && r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions {
		// The cookie is set now: this request cannot carry its token yet.
		csrf = ""
	}
	if a.SingleUser && IsLoopback(r.RemoteAddr) && loopbackHost(r.Host) {
		ath, err := a.Store.DefaultAthlete(ctx)
		if err != nil {
			return nil, "", err
		}
		return &Principal{AthleteID: ath.ID, Admin: true, Via: "single-user"}, csrf, nil
	}
	return nil, csrf, nil
}

// visitorCSRF returns the double-submit token of a visitor without a
// session, setting its cookie on first sight (known is false then).
func (a *Auth) visitorCSRF(w http.ResponseWriter, r *http.Request) (token string, known bool) {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 20 && len(c.Value) <= 64 {
		return c.Value, true
	}
	v := randomToken(24)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: "/", HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteStrictMode})
	return v, false
}

// MaxFormTokenPrefix bounds what the CSRF check reads of a form body.
const MaxFormTokenPrefix = 4 << 10

// peekFormToken returns the csrf_token a form sends as its first field
// (url-encoded or multipart; browsers send fields in document order and
// every form starts with it), reading at most MaxFormTokenPrefix bytes,
// which it puts back in front of the body. "" when there is none.
//
// The peek is safe against slow and hostile clients: it reads under the
// connection's read deadline (http.Server.ReadTimeout covers the body), so a
// client that sends the headers and then stalls or trickles gets its 403 when
// the deadline passes, as any handler reading a body would; it never waits
// for more than MaxFormTokenPrefix bytes (a first field or part header
// longer than that is refused at once, the multipart reader parsing only the
// bytes in hand); and it holds one 4 KiB buffer. See
// TestCSRFPeekDoesNotOutwaitTheClient.
func peekFormToken(r *http.Request) string {
	if r.Body == nil || r.Body == http.NoBody {
		return ""
	}
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (ct != "application/x-www-form-urlencoded" && ct != "multipart/form-data") {
		return ""
	}
	prefix := make([]byte, MaxFormTokenPrefix)
	n, err := io.ReadFull(r.Body, prefix)
	prefix = prefix[:n]
	body := r.Body
	r.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(prefix), body), body}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return ""
	}
	if ct == "application/x-www-form-urlencoded" {
		first, _, complete := bytes.Cut(prefix, []byte("&"))
		if !complete && n == MaxFormTokenPrefix {
			return ""
		}
		k, v, _ := strings.Cut(string(first), "=")
		if k != CSRFField {
			return ""
		}
		v, err := url.QueryUnescape(v)
		if err != nil {
			return ""
		}
		return v
	}
	if params["boundary"] == "" {
		return ""
	}
	part, err := multipart.NewReader(bytes.NewReader(prefix), params["boundary"]).NextPart()
	if err != nil || part.FormName() != CSRFField || part.FileName() != "" {
		return ""
	}
	v, err := io.ReadAll(io.LimitReader(part, 256))
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(v))
}

// startSession creates a session and sets its cookie.
func (a *Auth) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, athleteID int64) error {
	secret := randomToken(32)
	now := a.Now().UTC()
	se := store.Session{AthleteID: athleteID, TokenHash: HashSecret(secret), CSRF: randomToken(24), CreatedAt: now,
		ExpiresAt: now.Add(a.SessionTTL), LastSeen: now, UserAgent: truncate(r.UserAgent(), 200)}
	if err := a.Store.CreateSession(ctx, se); err != nil {
		return err
	}
	_ = a.Store.DeleteExpiredSessions(ctx, athleteID, now)
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: strconv.FormatInt(athleteID, 10) + "." + secret, Path: "/",
		MaxAge: int(a.SessionTTL / time.Second), HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode,
	})
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func clientKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func rateLimited(wait time.Duration) error {
	return &rekindle.Error{Code: rekindle.CodeRateLimited, Message: fmt.Sprintf("too many attempts; try again in %d seconds", int(wait.Seconds())+1)}
}

var errBadLogin = &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "wrong email or password"}

// Login checks a password and starts a session. Attempts are limited per
// (client address, email) and per client address over all emails; never
// per email alone, so nobody can lock an account's owner out by guessing
// from elsewhere.
func (a *Auth) Login(ctx context.Context, w http.ResponseWriter, r *http.Request, email, password string) (store.Account, error) {
	now := a.Now()
	addr := clientKey(r)
	if ok, wait := a.byIPEmail.Take(ctx, addr+"\x00"+store.NormalizeEmail(email), now); !ok {
		return store.Account{}, rateLimited(wait)
	}
	if ok, wait := a.byIP.Take(ctx, addr, now); !ok {
		return store.Account{}, rateLimited(wait)
	}
	acc, err := a.Store.AccountByEmail(ctx, email)
	if errors.Is(err, rekindle.ErrNotFound) {
		CheckPassword(dummyHash(), password) // same work as a real check
		return store.Account{}, errBadLogin
	}
	if err != nil {
		return store.Account{}, err
	}
	ok, err := CheckPassword(acc.PasswordHash, password)
	if err != nil {
		return store.Account{}, fmt.Errorf("login %d: %w", acc.AthleteID, err)
	}
	if !ok {
		return store.Account{}, errBadLogin
	}
	if err := a.startSession(ctx, w, r, acc.AthleteID); err != nil {
		return store.Account{}, err
	}
	return acc, nil
}

// SignupMode returns the instance's sign-up mode.
func (a *Auth) SignupMode(ctx context.Context) (string, error) {
	v, err := a.Store.Setting(ctx, "signup")
	if err != nil {
		return "", err
	}
	if v == "" {
		v = SignupOpen
	}
	return v, nil
}

// ValidatePassword checks a new password's length.
func ValidatePassword(pw string) error {
	if len(pw) < MinPasswordLen {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: fmt.Sprintf("the password needs at least %d characters", MinPasswordLen)}
	}
	if len(pw) > 1024 {
		return &rekindle.Error{Code: rekindle.CodeInvalid, Message: "the password is too long"}
	}
	return nil
}

// SignUp creates an account and logs it in. The first account is the admin;
// later ones need an invite when the instance is invite-only.
func (a *Auth) SignUp(ctx context.Context, w http.ResponseWriter, r *http.Request, email, name, password, invite string) (store.Account, error) {
	if ok, wait := a.signups.Take(ctx, clientKey(r), a.Now()); !ok {
		return store.Account{}, rateLimited(wait)
	}
	email = store.NormalizeEmail(email)
	if len(email) < 3 || len(email) > 254 || !strings.Contains(email, "@") || strings.ContainsAny(email, " \t\r\n<>") {
		return store.Account{}, &rekindle.Error{Code: rekindle.CodeInvalid, Message: "enter a valid email address"}
	}
	if err := ValidatePassword(password); err != nil {
		return store.Account{}, err
	}
	n, err := a.Store.CountAccounts(ctx)
	if err != nil {
		return store.Account{}, err
	}
	inviteHash := ""
	if n > 0 {
		mode, err := a.SignupMode(ctx)
		if err != nil {
			return store.Account{}, err
		}
		if mode == SignupInvite || invite != "" {
			if invite == "" {
				return store.Account{}, &rekindle.Error{Code: rekindle.CodeForbidden, Message: "sign-up is by invitation only"}
			}
			inviteHash = HashSecret(invite)
		}
	}
	hash, err := HashPassword(password)
	if err != nil {
		return store.Account{}, err
	}
	if name == "" {
		name, _, _ = strings.Cut(email, "@")
	}
	acc, err := a.Store.CreateAccount(ctx, email, truncate(name, 100), hash, inviteHash, a.Now())
	if err != nil {
		return store.Account{}, err
	}
	// Dates as the browser's language writes them, until the runner
	// chooses in Settings.
	if l := locale.FromAcceptLanguage(r.Header.Get("Accept-Language")); l != "" {
		if err := a.Store.SetLocaleIfUnset(ctx, acc.AthleteID, string(l)); err != nil {
			return store.Account{}, err
		}
	}
	if err := a.startSession(ctx, w, r, acc.AthleteID); err != nil {
		return store.Account{}, err
	}
	return acc, nil
}

// Logout ends the request's session.
func (a *Auth) Logout(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	if p := PrincipalFrom(ctx); p != nil && p.Via == "session" {
		if err := a.Store.DeleteSession(ctx, p.AthleteID, p.SessionHash); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: secureRequest(r), SameSite: http.SameSiteLaxMode})
	return nil
}

// ChangePassword checks the old password, stores the new one and ends the
// athlete's other sessions.
func (a *Auth) ChangePassword(ctx context.Context, athleteID int64, keepSession, oldPassword, newPassword string) error {
	if ok, wait := a.byAccount.Take(ctx, strconv.FormatInt(athleteID, 10), a.Now()); !ok {
		return rateLimited(wait)
	}
	acc, err := a.Store.GetAccount(ctx, athleteID)
	if err != nil {
		return err
	}
	ok, err := CheckPassword(acc.PasswordHash, oldPassword)
	if err != nil {
		return err
	}
	if !ok {
		return &rekindle.Error{Code: rekindle.CodeUnauthorized, Message: "the current password is wrong"}
	}
	if err := ValidatePassword(newPassword); err != nil {
		return err
	}
	hash, err := HashPassword(newPassword)
	if err != nil {
		return err
	}
	return a.Store.SetPassword(ctx, athleteID, hash, keepSession, a.Now())
}

// NewAPIToken creates a token for scripts and returns it in clear (shown
// once; only its hash is kept).
func (a *Auth) NewAPIToken(ctx context.Context, athleteID int64, name string) (string, store.APIToken, error) {
	secret := randomToken(32)
	t, err := a.Store.CreateAPIToken(ctx, athleteID, truncate(name, 100), HashSecret(secret), a.Now())
	if err != nil {
		return "", store.APIToken{}, err
	}
	return "rk_" + strconv.FormatInt(athleteID, 10) + "_" + secret, t, nil
}

// NewInvite creates an invite code valid for a week, if p is the admin
// when it is stored (checked in the same transaction: AdminActor).
func (a *Auth) NewInvite(ctx context.Context, p *Principal) (string, error) {
	code := randomToken(18)
	now := a.Now()
	if err := a.Store.CreateInvite(ctx, AdminActor(p), p.AthleteID, HashSecret(code), now, now.Add(7*24*time.Hour)); err != nil {
		return "", err
	}
	return code, nil
}

// AdminActor is the account whose admin right an admin action by p checks
// in the store, in the action's own transaction: p's athlete, or 0 for the
// operator at the machine (single-user mode, whose loopback clients are
// the admin by where they sit, with or without an account).
func AdminActor(p *Principal) int64 {
	if p == nil {
		return -1 // no account: never an admin
	}
	if p.Via == "single-user" {
		return 0
	}
	return p.AthleteID
}

// RequireAdmin checks that p is the admin now: p.Admin (read when the
// request was authenticated) and, for an account, its admin right read
// again from the primary, so that an account demoted while its request was
// under way (or on a cached principal) is refused. Admin actions that
// write check once more in their own transaction (AdminActor).
func (a *Auth) RequireAdmin(ctx context.Context, p *Principal) error {
	if p == nil || !p.Admin {
		return store.ErrNotAdmin
	}
	id := AdminActor(p)
	if id == 0 {
		return nil
	}
	ok, err := a.Store.IsAdmin(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		return store.ErrNotAdmin
	}
	return nil
}
