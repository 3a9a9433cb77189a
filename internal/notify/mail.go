package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"html/template"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"
)

// Mail is one e-mail: a plain-text and an HTML body.
type Mail struct {
	From, To string
	Subject  string
	Text     string
	HTML     string
	Date     time.Time
	// ID is the Message-ID's left part ("moment-7-42"); random when empty.
	// A notification's is the same on every try, so that a resend after a
	// crash between send and record is recognisable as the same message.
	ID string
	// Unsubscribe is the absolute one-click unsubscribe URL (RFC 8058):
	// sent as List-Unsubscribe and List-Unsubscribe-Post; "" for none.
	Unsubscribe string
}

// Links are the absolute addresses an e-mail links to.
type Links struct {
	Base        string // the app's address; "" when unknown (no links)
	Unsubscribe string // the absolute unsubscribe URL, "" for none
}

// MailOf writes a moment as an e-mail to the runner: plain text and HTML,
// a link back to the app and the unsubscribe link of its kind.
func MailOf(m Moment, from, to string, links Links, date time.Time, id string) Mail {
	base := strings.TrimSuffix(links.Base, "/")
	link := base + m.Link
	hasLink := base != "" && m.Link != ""
	var text string
	if m.Digest != nil {
		text = digestText(m.Digest)
	} else {
		text = m.Body + "\n"
	}
	if hasLink {
		text += "\n" + link + "\n"
	}
	if links.Unsubscribe != "" {
		text += "\n— rekindle. Stop these e-mails (" + m.Kind.Title() + "): " + links.Unsubscribe + "\n"
	} else {
		text += "\n— rekindle (turn these e-mails off in Settings)\n"
	}
	var h bytes.Buffer
	mailHTML.Execute(&h, map[string]any{"M": m, "D": m.Digest, "Link": link, "HasLink": hasLink, "Unsub": links.Unsubscribe, "KindTitle": m.Kind.Title()})
	return Mail{From: from, To: to, Subject: m.Title, Text: text, HTML: h.String(), Date: date, ID: id, Unsubscribe: links.Unsubscribe}
}

var mailHTML = template.Must(template.New("mail").Parse(`<!doctype html>
<html><body style="font-family:sans-serif;max-width:36em">
<h1 style="font-size:1.2em">{{.M.Title}}</h1>
{{with .D}}<p><strong>Your spark: {{.ScoreText}}</strong><br>{{.Sentence}}</p>
<h2 style="font-size:1em">This week: {{.RunsText}}</h2>
{{if .Runs}}<ul>{{range .Runs}}<li>{{$.D.RunLine .}}</li>{{end}}</ul>{{end}}
{{with .Idea}}<h2 style="font-size:1em">The idea to try: {{.Title}} ({{.Strategy}})</h2>
<p>Why: {{.Why}}</p>{{if .Next}}<p>Next session: {{.Next}}</p>{{end}}{{end}}
{{else}}<p>{{.M.Body}}</p>{{end}}
{{if .HasLink}}<p><a href="{{.Link}}">Open rekindle</a></p>{{end}}
<p style="color:#666;font-size:.9em">— rekindle. {{if .Unsub}}<a href="{{.Unsub}}">Stop these e-mails ({{.KindTitle}})</a>{{else}}Turn these e-mails off in Settings.{{end}}</p>
</body></html>
`))

// Bytes is the message in RFC 5322 form: headers (non-ASCII subject
// encoded per RFC 2047), then a multipart/alternative body with the
// plain-text and HTML parts, quoted-printable, CRLF line breaks.
func (m *Mail) Bytes() ([]byte, error) {
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return nil, fmt.Errorf("notify: from address %q: %w", m.From, err)
	}
	to, err := mail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("notify: to address %q: %w", m.To, err)
	}
	id := m.ID
	if id == "" {
		b := make([]byte, 12)
		rand.Read(b)
		id = hex.EncodeToString(b)
	}
	domain := "rekindle.invalid"
	if at := strings.LastIndexByte(from.Address, '@'); at >= 0 {
		domain = from.Address[at+1:]
	}
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for _, p := range []struct{ ct, s string }{{"text/plain; charset=utf-8", m.Text}, {"text/html; charset=utf-8", m.HTML}} {
		pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {p.ct}, "Content-Transfer-Encoding": {"quoted-printable"}})
		if err != nil {
			return nil, err
		}
		qw := quotedprintable.NewWriter(pw)
		qw.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(p.s, "\r\n", "\n"), "\n", "\r\n")))
		qw.Close()
	}
	mw.Close()
	var b bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	hdr("From", from.String())
	hdr("To", to.String())
	hdr("Subject", mime.QEncoding.Encode("utf-8", strings.NewReplacer("\r", " ", "\n", " ").Replace(m.Subject)))
	hdr("Date", m.Date.Format(time.RFC1123Z))
	hdr("Message-ID", "<"+id+"@"+domain+">")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", `multipart/alternative; boundary="`+mw.Boundary()+`"`)
	hdr("Auto-Submitted", "auto-generated")
	if u := strings.NewReplacer("\r", "", "\n", "", ">", "%3E").Replace(m.Unsubscribe); u != "" {
		hdr("List-Unsubscribe", "<"+u+">")
		hdr("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	b.WriteString("\r\n")
	b.Write(body.Bytes())
	return b.Bytes(), nil
}

// SMTP sends mail through an SMTP server (a local relay or a provider):
// STARTTLS when the server offers it, PLAIN authentication when a user is
// set (only over TLS or to localhost, as net/smtp requires).
type SMTP struct {
	Addr     string // host:port
	User     string
	Password string
	Hello    string // EHLO name; default "localhost"
	Timeout  time.Duration
}

// Send delivers one message.
func (s *SMTP) Send(ctx context.Context, m *Mail) error {
	msg, err := m.Bytes()
	if err != nil {
		return err
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	d := net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("notify: smtp %s: %w", s.Addr, err)
	}
	deadline := time.Now().Add(timeout)
	if dl, ok := ctx.Deadline(); ok && dl.Before(deadline) {
		deadline = dl
	}
	conn.SetDeadline(deadline)
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("notify: smtp %s: %w", s.Addr, err)
	}
	defer c.Close()
	hello := s.Hello
	if hello == "" {
		hello = "localhost"
	}
	if err := c.Hello(hello); err != nil {
		return fmt.Errorf("notify: smtp %s: hello: %w", s.Addr, err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("notify: smtp %s: starttls: %w", s.Addr, err)
		}
	}
	if s.User != "" {
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return fmt.Errorf("notify: smtp %s: auth: %w", s.Addr, err)
		}
	}
	from, _ := mail.ParseAddress(m.From)
	to, _ := mail.ParseAddress(m.To)
	if err := c.Mail(from.Address); err != nil {
		return fmt.Errorf("notify: smtp %s: MAIL FROM: %w", s.Addr, err)
	}
	if err := c.Rcpt(to.Address); err != nil {
		return fmt.Errorf("notify: smtp %s: RCPT TO %s: %w", s.Addr, to.Address, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("notify: smtp %s: DATA: %w", s.Addr, err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("notify: smtp %s: DATA: %w", s.Addr, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("notify: smtp %s: message refused: %w", s.Addr, err)
	}
	return c.Quit()
}
