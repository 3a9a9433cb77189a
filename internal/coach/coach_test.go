package coach

import (
	"strings"
	"testing"
	"time"

	"rekindle"
)

func TestParseScopes(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "read", true},
		{"comment", "read,comment", true},
		{"edit_plan, comment,read,comment", "read,comment,edit_plan", true},
		{"admin", "", false},
	}
	for _, tc := range tests {
		got, err := ParseScopes(tc.in)
		if (err == nil) != tc.ok || (tc.ok && FormatScopes(got) != tc.want) {
			t.Errorf("ParseScopes(%q) = %v, %v", tc.in, got, err)
		}
	}
}

func TestTokens(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken()
	if a == b || ha == hb || !strings.HasPrefix(a, "rkc_") || len(a) < 30 || HashToken(a) != ha || HashToken(" "+a+"\n") != ha || strings.Contains(ha, a) {
		t.Errorf("tokens %q %q hashes %q %q", a, b, ha, hb)
	}
}

func TestRules(t *testing.T) {
	now := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	inv := Invite{AthleteID: 1, Expires: now.AddDate(0, 0, InviteDays)}
	tests := []struct {
		name string
		err  error
		code rekindle.Code
	}{
		{"accept", inv.CheckAccept(2, now), ""},
		{"self", inv.CheckAccept(1, now), rekindle.CodeInvalid},
		{"expired", inv.CheckAccept(2, inv.Expires), rekindle.CodeForbidden},
	}
	used := inv
	used.UsedBy = 3
	tests = append(tests, struct {
		name string
		err  error
		code rekindle.Code
	}{"used", used.CheckAccept(2, now), rekindle.CodeConflict})

	link := &Link{AthleteID: 1, CoachID: 2, Scopes: []Scope{ScopeRead, ScopeComment}}
	readOnly := &Link{AthleteID: 1, CoachID: 2, Scopes: []Scope{ScopeRead}}
	revoked := &Link{AthleteID: 1, CoachID: 2, Scopes: []Scope{ScopeRead, ScopeComment}, Revoked: now}
	req := &Request{AthleteID: 1, CoachID: 2, State: StateOpen}
	closed := &Request{AthleteID: 1, CoachID: 2, State: StateClosed}
	for _, tc := range []struct {
		name string
		err  error
		code rekindle.Code
	}{
		{"request to linked coach", CheckRequest(link, "help"), ""},
		{"request to revoked coach", CheckRequest(revoked, "help"), rekindle.CodeForbidden},
		{"request to nobody", CheckRequest(nil, "help"), rekindle.CodeForbidden},
		{"empty request", CheckRequest(link, "  "), rekindle.CodeInvalid},
		{"coach replies", CheckReply(req, link, 2, "ok"), ""},
		{"athlete replies", CheckReply(req, revoked, 1, "ok"), ""},
		{"read-only coach", CheckReply(req, readOnly, 2, "ok"), rekindle.CodeForbidden},
		{"revoked coach", CheckReply(req, revoked, 2, "ok"), rekindle.CodeForbidden},
		{"stranger", CheckReply(req, link, 9, "ok"), rekindle.CodeForbidden},
		{"closed", CheckReply(closed, link, 2, "ok"), rekindle.CodeConflict},
	} {
		tests = append(tests, tc)
	}
	for _, tc := range tests {
		switch {
		case tc.code == "" && tc.err != nil:
			t.Errorf("%s: %v", tc.name, tc.err)
		case tc.code != "" && rekindle.ErrorCode(tc.err) != tc.code:
			t.Errorf("%s: %v, want %s", tc.name, tc.err, tc.code)
		}
	}
	if After(req, 2) != StateAnswered || After(req, 1) != StateOpen {
		t.Error("state after replies")
	}
	if !link.Allows(ScopeComment) || link.Allows(ScopeEditPlan) || revoked.Allows(ScopeRead) || (*Link)(nil).Active() {
		t.Error("allows")
	}
}
