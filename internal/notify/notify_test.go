package notify

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/plan"
	"rekindle/internal/testkit"
)

func TestMoments(t *testing.T) {
	in := Input{
		Today: "2025-06-02", Unit: rekindle.UnitKm,
		Experiments: []Experiment{
			{ID: 1, Title: "Run somewhere new", Strategy: rekindle.StrategyVariety, Ends: "2025-06-01"},
			{ID: 2, Title: "Take a light week", Strategy: rekindle.StrategyRest, Ends: "2025-06-16"},
			{ID: 3, Title: "Judged already", Strategy: rekindle.StrategyChallenge, Ends: "2025-06-02", Judged: true},
			{ID: 4, Title: "Long ago", Strategy: rekindle.StrategyChallenge, Ends: "2025-05-20"},
		},
		Plan: []plan.Session{
			{ID: 10, Day: "2025-06-04", Kind: plan.KindEasy, Sport: rekindle.SportRunning, DistanceM: 5000, ExperimentID: 2},
			{ID: 11, Day: "2025-06-03", Kind: plan.KindRest, ExperimentID: 2},
			{ID: 12, Day: "2025-06-05", Kind: plan.KindRace, Sport: rekindle.SportRunning, DistanceM: 10000, Note: "Harbour 10K"},
			{ID: 13, Day: "2025-06-06", Kind: plan.KindRace, Sport: rekindle.SportRunning, DistanceM: 5000},
		},
		LastRun: "2025-05-27", UsualRunM: 8000,
	}
	got := Moments(in)
	want := []struct {
		kind Kind
		key  string
		in   string
	}{
		{KindExperimentEnds, "1", "Run somewhere new"},
		{KindLightWeek, "2", "tomorrow"},
		{KindNoRun, "2025-05-27", "6 days since your last run"},
		{KindRaceSoon, "12", "Harbour 10K"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d moments: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Kind != w.kind || got[i].Key != w.key || !strings.Contains(got[i].Title, w.in) {
			t.Errorf("moment %d: %+v, want %s %s %q", i, got[i], w.kind, w.key, w.in)
		}
	}
	if !strings.Contains(got[2].Body, "easy 4.0 km") {
		t.Errorf("no-run idea not personal: %q", got[2].Body)
	}
	// The same day computed again: the same keys (what makes them once-only).
	again := Moments(in)
	for i := range got {
		if again[i].Key != got[i].Key {
			t.Fatal("keys differ between runs")
		}
	}
	// A run yesterday: no no-run moment; 4 days: under the default 5.
	in.LastRun = "2025-05-29"
	for _, m := range Moments(in) {
		if m.Kind == KindNoRun {
			t.Errorf("no-run after 4 days: %+v", m)
		}
	}
	if Moments(Input{Today: "junk"}) != nil {
		t.Error("bad day gave moments")
	}
}

// TestSMTPSend sends a moment to a real SMTP server process (aiosmtpd)
// and reads the delivered message back: headers, both bodies.
func TestSMTPSend(t *testing.T) {
	addr, delivered := testkit.SMTPServer(t)
	m := Moment{Kind: KindRaceSoon, Key: "12", Day: "2025-06-05", Title: "Race in 3 days: Harbour 10K — café après", Body: "Taper: keep it short & easy <3", Link: "/plan"}
	msg := MailOf(m, "rekindle <coach@run.example.org>", "Ann <ann@example.org>", Links{Base: "https://run.example.org"}, testkit.Today, "moment-1-12")
	s := &SMTP{Addr: addr}
	if err := s.Send(context.Background(), &msg); err != nil {
		t.Fatal(err)
	}
	got := delivered()
	if len(got) != 1 {
		t.Fatalf("%d messages delivered", len(got))
	}
	pm, err := mail.ReadMessage(bytes.NewReader(got[0]))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subj, err := dec.DecodeHeader(pm.Header.Get("Subject"))
	if err != nil || subj != m.Title {
		t.Errorf("subject %q %v", subj, err)
	}
	if to, _ := pm.Header.AddressList("To"); len(to) != 1 || to[0].Address != "ann@example.org" {
		t.Errorf("to %v", to)
	}
	if pm.Header.Get("Message-ID") != "<moment-1-12@run.example.org>" {
		t.Errorf("message id %q", pm.Header.Get("Message-ID"))
	}
	if d, err := pm.Header.Date(); err != nil || !d.Equal(testkit.Today) {
		t.Errorf("date %v %v", d, err)
	}
	mt, params, err := mime.ParseMediaType(pm.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q %v", mt, err)
	}
	mr := multipart.NewReader(pm.Body, params["boundary"])
	parts := map[string]string{}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, _ := io.ReadAll(p) // multipart decodes quoted-printable
		parts[ct] = string(b)
	}
	if txt := parts["text/plain"]; !strings.Contains(txt, "Taper: keep it short & easy <3") || !strings.Contains(txt, "https://run.example.org/plan") {
		t.Errorf("text part %q", txt)
	}
	if h := parts["text/html"]; !strings.Contains(h, "keep it short &amp; easy &lt;3") || !strings.Contains(h, `href="https://run.example.org/plan"`) {
		t.Errorf("html part %q", h)
	}
}

func TestSMTPUnreachable(t *testing.T) {
	msg := MailOf(Moment{Title: "x", Body: "y"}, "a@example.org", "b@example.org", Links{}, time.Unix(0, 0), "")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := (&SMTP{Addr: "127.0.0.1:1"}).Send(ctx, &msg)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("unreachable server: %v", err)
	}
	bad := msg
	bad.To = "not an address"
	if err := (&SMTP{Addr: "127.0.0.1:1"}).Send(ctx, &bad); err == nil || !strings.Contains(err.Error(), "to address") {
		t.Fatalf("bad address: %v", err)
	}
}

// TestMomentsShoesCoachCalendar: shoes earned (a reward, or shoes past
// their distance without one), a coach's reply, and races on the race
// calendar in 3 days or fewer (not those planned that day; at most
// MaxCalendarRaces).
func TestMomentsShoesCoachCalendar(t *testing.T) {
	in := Input{
		Today: "2025-06-02", Unit: rekindle.UnitKm,
		Shoes: []Shoe{
			{ID: 1, Name: "Pegasus 40", DistanceM: 801000, RetireAtM: 800000, Reached: "2025-06-01"},
			{ID: 2, Name: "Old trail shoes", DistanceM: 900000, RetireAtM: 600000, Reached: "2025-06-02"},
			{ID: 3, Name: "Ancient", DistanceM: 900000, RetireAtM: 600000, Reached: "2024-01-01"},
			{ID: 4, Name: "New", DistanceM: 100000, RetireAtM: 600000},
		},
		Rewards: []ShoeReward{
			{ID: 7, Text: "new Pegasus 41", GearID: 1, Earned: "2025-06-01"},
			{ID: 8, Text: "taken already", GearID: 4, Earned: "2025-06-01", Claimed: true},
		},
		Replies: []CoachReply{{ID: 55, RequestID: 5, Coach: "Coach Kim", Text: "Swap Thursday for hills.", Day: "2025-06-01"}, {ID: 56, Coach: "Old", Text: "x", Day: "2025-04-01"}},
		Plan:    []plan.Session{{ID: 12, Day: "2025-06-05", Kind: plan.KindRace, Sport: rekindle.SportRunning, Note: "Harbour 10K"}},
		Races: []CalendarRace{
			{Key: "1:a", Name: "Harbour 10K", Day: "2025-06-05"}, // planned that day
			{Key: "1:b", Name: "Park 5K", Day: "2025-06-03"},
			{Key: "1:c", Name: "Hill race", Day: "2025-06-04"},
			{Key: "1:d", Name: "Third one", Day: "2025-06-04"},
			{Key: "1:e", Name: "Too far", Day: "2025-06-09"},
		},
	}
	got := map[string]Moment{}
	for _, m := range Moments(in) {
		got[string(m.Kind)+"/"+m.Key] = m
	}
	for _, k := range []string{"shoes_earned/reward:7", "shoes_earned/gear:2", "coach_reply/55", "race_soon/12", "race_soon/calendar:1:b", "race_soon/calendar:1:c"} {
		if _, ok := got[k]; !ok {
			t.Errorf("missing %s", k)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d moments: %v", len(got), got)
	}
	if m := got["shoes_earned/reward:7"]; !strings.Contains(m.Title, "new Pegasus 41") || !strings.Contains(m.Body, "Pegasus 40 reached") {
		t.Errorf("reward moment %+v", m)
	}
	if m := got["shoes_earned/gear:2"]; !strings.Contains(m.Title, "900.0 km") || !strings.Contains(m.Body, "600.0 km") {
		t.Errorf("gear moment %+v", m)
	}
	if m := got["coach_reply/55"]; m.Title != "Coach Kim replied" || m.Body != "Swap Thursday for hills." || m.Link != "/coach" {
		t.Errorf("reply moment %+v", m)
	}
	if m := got["race_soon/calendar:1:b"]; !strings.Contains(m.Title, "tomorrow: Park 5K") {
		t.Errorf("calendar race %+v", m)
	}
}
