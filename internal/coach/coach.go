// Package coach links athletes with coaches: an athlete invites a coach with
// a one-time token that carries the scopes offered (read, comment,
// edit_plan), the coach accepts it, and the athlete can revoke the link at
// any time. An athlete asks a coach to tweak their training with a plan-tweak
// request that carries its context (the spark report and the training
// picture's key numbers); coach and athlete reply on it.
//
// It is pure apart from drawing random tokens: the rules live here, the
// records in package store.
package coach

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"rekindle"
)

// Scope is one permission a coach holds on an athlete. The values are stable keys.
type Scope string

// Scopes.
const (
	ScopeRead     Scope = "read"      // see the athlete's activities, reports and requests
	ScopeComment  Scope = "comment"   // reply to requests, comment
	ScopeEditPlan Scope = "edit_plan" // write sessions into the athlete's plan
)

// AllScopes lists every scope in a fixed order.
var AllScopes = []Scope{ScopeRead, ScopeComment, ScopeEditPlan}

// InviteDays is how long an invite stays valid.
const InviteDays = 14

// ParseScopes reads "read,comment,edit_plan"; read is always included.
func ParseScopes(s string) ([]Scope, error) {
	out := []Scope{ScopeRead}
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		sc := Scope(p)
		if !slices.Contains(AllScopes, sc) {
			return nil, rekindle.Errorf(rekindle.CodeInvalid, fmt.Sprintf("scope %q: want read, comment or edit_plan", p))
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	slices.SortFunc(out, func(a, b Scope) int { return slices.Index(AllScopes, a) - slices.Index(AllScopes, b) })
	return out, nil
}

// FormatScopes writes scopes as "read,comment".
func FormatScopes(ss []Scope) string {
	p := make([]string, len(ss))
	for i, s := range ss {
		p[i] = string(s)
	}
	return strings.Join(p, ",")
}

// NewToken draws an invite token and returns it with its hash (only the
// hash is stored; the token is shown once).
func NewToken() (token, hash string, err error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("coach: token: %w", err)
	}
	token = "rkc_" + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is how invite tokens are stored and looked up.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(h[:])
}

// Invite is an athlete's offer to a coach.
type Invite struct {
	ID        int64
	AthleteID int64
	Scopes    []Scope
	Note      string
	Created   time.Time
	Expires   time.Time
	UsedBy    int64
	UsedAt    time.Time
}

// CheckAccept says whether coachID may accept the invite at now.
func (i *Invite) CheckAccept(coachID int64, now time.Time) error {
	switch {
	case i.UsedBy != 0:
		return rekindle.Errorf(rekindle.CodeConflict, "this invite has been used")
	case !now.Before(i.Expires):
		return rekindle.Errorf(rekindle.CodeForbidden, "this invite has expired: ask for a new one")
	case coachID == i.AthleteID:
		return rekindle.Errorf(rekindle.CodeInvalid, "you cannot coach yourself")
	case coachID <= 0:
		return rekindle.Errorf(rekindle.CodeInvalid, "no coach named")
	}
	return nil
}

// Link is a coach's standing with an athlete.
type Link struct {
	AthleteID int64
	CoachID   int64
	Scopes    []Scope
	Created   time.Time
	Revoked   time.Time // zero while active
}

// Active reports whether the link is in force.
func (l *Link) Active() bool { return l != nil && l.Revoked.IsZero() }

// Allows reports whether the link is active and grants the scope.
func (l *Link) Allows(s Scope) bool { return l.Active() && slices.Contains(l.Scopes, s) }

// CheckAccess says whether a coach with link l may act with scope s: not
// found without an active link that lets them read (nothing is revealed),
// forbidden when the link lacks the scope. The store calls it on the link
// it reads inside the write's transaction, so a revoke committed between a
// handler's check and the write is not missed.
func CheckAccess(l *Link, s Scope) error {
	if !l.Allows(ScopeRead) {
		return &rekindle.Error{Code: rekindle.CodeNotFound, Message: "athlete not found"}
	}
	if !l.Allows(s) {
		return &rekindle.Error{Code: rekindle.CodeForbidden, Message: "your link to this athlete does not allow " + string(s)}
	}
	return nil
}

// State is where a plan-tweak request stands.
type State string

// Request states.
const (
	StateOpen     State = "open"     // waiting for the coach
	StateAnswered State = "answered" // the coach replied last
	StateClosed   State = "closed"   // the athlete closed it
)

// KeyNumbers are the training picture's numbers a coach looks at first.
type KeyNumbers struct {
	Fitness             float64 `json:"fitness"`
	Fatigue             float64 `json:"fatigue"`
	Form                float64 `json:"form"`
	WeekDistanceM       float64 `json:"week_distance_m"`
	UsualWeekDistanceM  float64 `json:"usual_week_distance_m"`
	RunsPerWeek         float64 `json:"runs_per_week"`
	WeeksSinceLightWeek float64 `json:"weeks_since_light_week"`
	Monotony            float64 `json:"monotony"`
	VDOT                float64 `json:"vdot"`
	Status              string  `json:"status,omitempty"`
}

// Context is what a request carries so the coach need not ask.
type Context struct {
	AsOf     string          `json:"as_of"`           // YYYY-MM-DD
	Spark    json.RawMessage `json:"spark,omitempty"` // the spark report as JSON
	Training *KeyNumbers     `json:"training,omitempty"`
	Plan     json.RawMessage `json:"plan,omitempty"` // the coming days of the plan
}

// Request is a plan-tweak request from an athlete to a coach.
type Request struct {
	ID        int64
	AthleteID int64
	CoachID   int64
	Message   string
	Context   Context
	State     State
	Created   time.Time
	Updated   time.Time
	Messages  []Message
}

// Message is one reply on a request.
type Message struct {
	ID        int64
	RequestID int64
	AuthorID  int64
	Text      string
	Created   time.Time
}

// CheckMessage validates a request's or reply's text.
func CheckMessage(text string) error {
	if t := strings.TrimSpace(text); t == "" || len(t) > 8000 {
		return rekindle.Errorf(rekindle.CodeInvalid, "a message needs text (at most 8000 bytes)")
	}
	return nil
}

// CheckRequest says whether the athlete may send the request to the coach
// of link: the link must be active.
func CheckRequest(l *Link, message string) error {
	if !l.Active() {
		return rekindle.Errorf(rekindle.CodeForbidden, "that coach is not linked to you (invite them first)")
	}
	return CheckMessage(message)
}

// CheckReply says whether authorID may reply on the request: the athlete
// always, the coach of the request while its link allows comment. A closed
// request takes no replies.
func CheckReply(r *Request, l *Link, authorID int64, text string) error {
	switch {
	case r.State == StateClosed:
		return rekindle.Errorf(rekindle.CodeConflict, "the request is closed")
	case authorID == r.AthleteID:
	case authorID == r.CoachID && l.Allows(ScopeComment):
	case authorID == r.CoachID && l.Active():
		return rekindle.Errorf(rekindle.CodeForbidden, "your link to this athlete does not allow comments")
	default:
		return rekindle.Errorf(rekindle.CodeForbidden, "not your request")
	}
	return CheckMessage(text)
}

// After is the request's state after a reply by authorID.
func After(r *Request, authorID int64) State {
	if authorID == r.CoachID {
		return StateAnswered
	}
	return StateOpen
}
