package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/mail"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/notify"
	"rekindle/internal/testkit"
)

// parsedMail is a delivered message: its headers and both bodies.
type parsedMail struct {
	Header     mail.Header
	Subject    string
	Text, HTML string
}

func parseMail(t *testing.T, b []byte) parsedMail {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	pm := parsedMail{Header: m.Header}
	pm.Subject, err = new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q %v", mt, err)
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		body, _ := io.ReadAll(p) // quoted-printable decoded by multipart
		switch ct {
		case "text/plain":
			pm.Text = string(body)
		case "text/html":
			pm.HTML = string(body)
		}
	}
	return pm
}

// TestWeeklyDigestEmail: the weekly spark digest goes to a real SMTP
// server process (aiosmtpd) with the values the Home page shows (score,
// band and sentence, the top idea), the week's runs, both bodies and the
// RFC 8058 headers; quiet hours defer it (not drop it); a restarted server
// sends nothing again; the unsubscribe link works without signing in
// (the page and the one-click POST) and a tampered one is 404.
func TestWeeklyDigestEmail(t *testing.T) {
	db := filepath.Join(t.TempDir(), "digest.db")
	var mu sync.Mutex
	clock := testkit.Today // Monday 12:00 UTC: last week's digest is due
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	s := newServer(t, db, cli.ServeOptions{RoutesInline: true, Now: now})
	c := s.Client(t)
	c.Signup("ann@example.org")
	id := c.AthleteID()
	seedSteadyBlock(t, s.Store, id, 12)
	ctx := context.Background()

	// Quiet hours around the server's noon: deferred until 13:00.
	if resp, body := c.Do("PUT", "/api/v1/notifications/settings", jsonBody(map[string]any{"quiet": "11:30-13:00"})); resp.StatusCode != 200 || !strings.Contains(body, `"quiet":"11:30-13:00"`) {
		t.Fatalf("settings: %d %s", resp.StatusCode, body)
	}
	addr, delivered := testkit.SMTPServer(t)
	mc := athlete.MailConfig{Mailer: &notify.SMTP{Addr: addr}, From: "rekindle <coach@run.example.org>", Base: s.URL}
	rep, err := s.API.App.EmailAllNotifications(ctx, mc)
	if err != nil || rep.Sent != 0 || rep.Deferred != 1 {
		t.Fatalf("inside quiet hours: %+v %v", rep, err)
	}
	var sv athlete.NotifySettingsView
	_, body := c.Do("GET", "/api/v1/notifications/settings", nil)
	decodeInto(t, body, &sv)
	if sv.Status.Waiting != 1 || sv.Status.NextAttempt == nil || !sv.Status.NextAttempt.Equal(testkit.Today.Add(time.Hour)) {
		t.Fatalf("deferred status: %s", body)
	}
	if n := len(delivered()); n != 0 {
		t.Fatalf("%d delivered inside quiet hours", n)
	}

	mu.Lock()
	clock = testkit.Today.Add(time.Hour)
	mu.Unlock()
	rep, err = s.API.App.EmailAllNotifications(ctx, mc)
	if err != nil || rep.Sent != 1 || rep.Failed != 0 {
		t.Fatalf("after quiet hours: %+v %v", rep, err)
	}
	// A restart: a new server on the same database sends nothing again.
	s2 := newServer(t, db, cli.ServeOptions{RoutesInline: true, Now: now})
	if rep, err := s2.API.App.EmailAllNotifications(ctx, mc); err != nil || rep.Sent+rep.Failed+rep.Deferred != 0 {
		t.Fatalf("after restart: %+v %v", rep, err)
	}
	msgs := delivered()
	if len(msgs) != 1 {
		t.Fatalf("%d messages delivered, want 1", len(msgs))
	}
	m := parseMail(t, msgs[0])

	// The values on Home (the same day) are the digest's.
	var home struct {
		Score     int `json:"spark_score"`
		Diagnoses []struct {
			Title, Text string
		} `json:"diagnoses"`
		Top *struct {
			Title, Why string
		} `json:"top_recommendation"`
		Report struct {
			Scored bool `json:"scored"`
		} `json:"report"`
	}
	_, body = c.Do("GET", "/api/v1/home", nil)
	decodeInto(t, body, &home)
	if !home.Report.Scored || len(home.Diagnoses) == 0 || home.Top == nil {
		t.Fatalf("home: %s", body[:min(len(body), 400)])
	}
	wantScore := fmt.Sprintf("%d/100 — %s", home.Score, home.Diagnoses[0].Title)
	if m.Subject != fmt.Sprintf("Your week: spark %d — %s", home.Score, home.Diagnoses[0].Title) {
		t.Errorf("subject %q", m.Subject)
	}
	for _, want := range []string{"Your spark: " + wantScore, home.Diagnoses[0].Text, "This week: 5 runs", "The idea to try: " + home.Top.Title, "Next session: ", s.URL + "/"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("text body lacks %q:\n%s", want, m.Text)
		}
	}
	esc := func(s string) string {
		return strings.NewReplacer("&", "&amp;", "'", "&#39;", `"`, "&#34;", "<", "&lt;", ">", "&gt;").Replace(s)
	}
	for _, want := range []string{"Your spark: " + esc(wantScore), esc(home.Diagnoses[0].Text), "This week: 5 runs", esc(home.Top.Title)} {
		if !strings.Contains(m.HTML, want) {
			t.Errorf("html body lacks %q:\n%s", want, m.HTML)
		}
	}
	if got := strings.Count(m.Text, "\n  Mon 26 May") + strings.Count(m.Text, "\n  Sun 1 Jun"); got != 2 {
		t.Errorf("the week's runs are not listed by day:\n%s", m.Text)
	}
	if m.Header.Get("Message-ID") == "" || m.Header.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("headers %v", m.Header)
	}
	lu := regexp.MustCompile(`^<(http://[^>]+)>$`).FindStringSubmatch(m.Header.Get("List-Unsubscribe"))
	if lu == nil {
		t.Fatalf("List-Unsubscribe %q", m.Header.Get("List-Unsubscribe"))
	}
	link := lu[1]
	if !strings.Contains(m.Text, link) || !strings.Contains(m.HTML, `href="`+link+`"`) || !strings.Contains(link, "/weekly_digest/") {
		t.Errorf("unsubscribe link %q not in both bodies", link)
	}

	// The link, without signing in: GET asks, changes nothing.
	anon := &http.Client{} // a mail program: no cookie, no CSRF token
	resp, err := anon.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `id="unsubscribe-confirm"`) {
		t.Fatalf("unsubscribe page: %d", resp.StatusCode)
	}
	// A tampered link is not found; nothing changes.
	bad := link[:len(link)-2] + "xx"
	resp, err = anon.Post(bad, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("tampered link: %d", resp.StatusCode)
	}
	_, body = c.Do("GET", "/api/v1/notifications/settings", nil)
	if !strings.Contains(body, `"kind":"weekly_digest","title":"The weekly spark digest","email":true`) {
		t.Fatalf("settings after GET and a bad link: %s", body)
	}
	// RFC 8058 one-click: a POST from the mail program, no cookie, no CSRF token.
	resp, err = anon.Post(link, "application/x-www-form-urlencoded", strings.NewReader("List-Unsubscribe=One-Click"))
	if err != nil {
		t.Fatal(err)
	}
	page, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `id="unsubscribed"`) {
		t.Fatalf("one-click unsubscribe: %d %s", resp.StatusCode, page)
	}
	_, body = c.Do("GET", "/api/v1/notifications/settings", nil)
	if !strings.Contains(body, `"kind":"weekly_digest","title":"The weekly spark digest","email":false`) || !strings.Contains(body, `"kind":"race_soon","title":"A race soon","email":true`) {
		t.Fatalf("settings after unsubscribing: %s", body)
	}
	// Next week's digest is kept in the app but not e-mailed.
	mu.Lock()
	clock = testkit.Today.AddDate(0, 0, 7).Add(time.Hour)
	mu.Unlock()
	rep, err = s.API.App.EmailAllNotifications(ctx, mc)
	if err != nil || rep.Off != 1 {
		t.Fatalf("next week: %+v %v", rep, err)
	}
	// (Counted by subject: the week's other moments are e-mailed too.)
	digests := 0
	for _, b := range delivered() {
		if pm := parseMail(t, b); strings.HasPrefix(pm.Subject, "Your week") {
			digests++
		}
	}
	if digests != 1 {
		t.Errorf("%d digests delivered, want 1: one was sent after unsubscribing", digests)
	}
	// Settings shows the kinds and the state.
	resp, page2 := c.Do("GET", "/settings", nil)
	if resp.StatusCode != 200 || !strings.Contains(page2, `name="email_weekly_digest">`) || !strings.Contains(page2, `id="mail-status"`) {
		t.Errorf("settings page: %d", resp.StatusCode)
	}
}
