package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle/internal/athlete"
	"rekindle/internal/cli"
	"rekindle/internal/strava"
	"rekindle/internal/testkit"
	"rekindle/internal/testkit/testserver"
)

// TestStravaConnectAndWebhook walks the runner's Connect in Settings (the
// OAuth callback with its signed state), the history's backfill, the push
// subscription (the fake Strava validates this server's callback with its
// hub.challenge handshake) and each kind of event the fake posts: a new
// run (posted twice: stored once), a rename and a private flag, a delete,
// an event for an athlete nobody here connected, a malformed body, and the
// runner revoking access on Strava.
func TestStravaConnectAndWebhook(t *testing.T) {
	ctx := context.Background()
	for name, dsn := range testserver.Stores(t) {
		t.Run(name, func(t *testing.T) {
			clientID := "wh-" + name + "-" + strconv.FormatInt(time.Now().UnixNano(), 36)
			base := testkit.FakeStrava(t, "-client-id", clientID, "-client-secret", "s3cret", "-code", "the-code", "-activities", "5")
			srv := testserver.New(t, dsn, cli.ServeOptions{RoutesInline: true, Strava: &athlete.StravaOptions{
				Config: strava.Config{ClientID: clientID, ClientSecret: "s3cret", BaseURL: base,
					RedirectURL: "http://rekindle.test/settings/strava/callback", Key: bytes.Repeat([]byte{9}, 32),
					Window: time.Second, LimitShort: 1000, LimitDay: 1_000_000},
				VerifyToken: "vt-123", SubscriptionID: 777}})
			t.Cleanup(srv.API.Wait)
			c := srv.Client(t)
			c.Signup("strava@example.com")
			id := c.AthleteID()
			if _, body := c.Do("GET", "/settings", nil); !strings.Contains(body, `id="strava-connect"`) {
				t.Fatalf("Settings has no Connect Strava link")
			}
			resp, _ := c.Do("GET", "/settings/strava/connect", nil)
			loc, err := url.Parse(resp.Header.Get("Location"))
			if resp.StatusCode != http.StatusFound || err != nil || !strings.HasPrefix(loc.String(), base+"/oauth/authorize") {
				t.Fatalf("connect: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			state := loc.Query().Get("state")
			if loc.Query().Get("scope") != strava.Scope || loc.Query().Get("redirect_uri") != "http://rekindle.test/settings/strava/callback" || state == "" {
				t.Errorf("authorize URL %s", loc)
			}
			// A state that is not this athlete's is refused; so is a denial.
			forged := strings.Replace(state, strconv.FormatInt(id, 10)+".", strconv.FormatInt(id+1, 10)+".", 1)
			for _, q := range []string{"code=the-code&scope=read,activity:read_all&state=" + url.QueryEscape(forged),
				"error=access_denied&state=" + url.QueryEscape(state)} {
				if resp, body := c.Do("GET", "/settings/strava/callback?"+q, nil); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Strava") {
					t.Errorf("callback %s: %d", q, resp.StatusCode)
				}
			}
			resp, _ = c.Do("GET", "/settings/strava/callback?code=the-code&scope=read,activity:read_all&state="+url.QueryEscape(state), nil)
			if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "ok=strava-connected") {
				t.Fatalf("callback: %d %s", resp.StatusCode, resp.Header.Get("Location"))
			}
			v, err := srv.API.Strava(ctx, id)
			if err != nil || !v.Connected || v.StravaID != 4242 || v.Sync == nil || v.Sync.State != "waiting" {
				t.Fatalf("after connect: %+v %v", v, err)
			}
			// The queued history is taken by one process (what serve's loop does). On the server's (fixed) clock.
			ids, err := srv.Store.ClaimStravaSyncs(ctx, testkit.Now(), athlete.SyncLease)
			if err != nil || len(ids) != 1 || ids[0] != id {
				t.Fatalf("claimed %v %v", ids, err)
			}
			if again, _ := srv.Store.ClaimStravaSyncs(ctx, testkit.Now(), athlete.SyncLease); len(again) != 0 {
				t.Errorf("a backfill was taken twice: %v", again)
			}
			if s, err := srv.API.StravaBackfill(ctx, id, nil); err != nil || s.Stored != 5 {
				t.Fatalf("backfill %+v %v", s, err)
			}
			count := func() int {
				n, err := srv.Store.CountActivities(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			// The subscription: Strava checks the callback with the verify token.
			if sub, err := srv.API.StravaSubscribe(ctx, srv.URL+"/api/v1/strava/webhook"); err != nil || sub != 777 {
				t.Fatalf("subscribe: %d %v", sub, err)
			}
			anon := testserver.NewClient(t, srv.URL)
			if resp, _ := anon.Do("GET", "/api/v1/strava/webhook?hub.mode=subscribe&hub.challenge=x&hub.verify_token=wrong", nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("a wrong verify token: %d", resp.StatusCode)
			}
			event := func(form url.Values) map[string]any {
				t.Helper()
				resp, err := http.PostForm(base+"/_fake/event", form)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var ev map[string]any
				if resp.StatusCode != 200 {
					b, _ := io.ReadAll(resp.Body)
					t.Fatalf("fake event %v: %s: %s", form, resp.Status, b)
				}
				if err := json.NewDecoder(resp.Body).Decode(&ev); err != nil {
					t.Fatal(err)
				}
				return ev
			}
			process := func() {
				t.Helper()
				if _, err := srv.API.ProcessStravaEvents(ctx, 100); err != nil {
					t.Fatal(err)
				}
			}
			// A new run, delivered twice (Strava retries): one event, one activity.
			ev := event(url.Values{"kind": {"create"}, "id": {"100001"}, "times": {"2"}})
			newID := int64(ev["object_id"].(float64))
			evs, _ := srv.API.StravaEvents(ctx, 10)
			if len(evs) != 1 || evs[0].State != "pending" {
				t.Fatalf("events after a replayed create: %+v", evs)
			}
			process()
			if count() != 6 {
				t.Fatalf("%d activities after the create, want 6", count())
			}
			rec, err := srv.Store.StravaActivityOf(ctx, id, newID)
			if err != nil || rec.ActivityID == 0 || rec.Outcome != "imported" {
				t.Fatalf("the new run: %+v %v", rec, err)
			}
			// Renamed and made private on Strava.
			event(url.Values{"kind": {"update"}, "id": {strconv.FormatInt(newID, 10)}, "title": {"Tempo by the river"}, "private": {"true"}})
			process()
			a, err := srv.Store.GetActivity(ctx, id, rec.ActivityID)
			if err != nil || a.Name != "Tempo by the river" {
				t.Errorf("after the rename: %+v %v", a, err)
			}
			if priv, _ := srv.Store.PrivateActivities(ctx, id); !priv[rec.ActivityID] {
				t.Error("private on Strava but not kept from coaches here")
			}
			// Deleted on Strava: gone here.
			event(url.Values{"kind": {"delete"}, "id": {strconv.FormatInt(newID, 10)}})
			process()
			if count() != 5 {
				t.Errorf("%d activities after the delete, want 5", count())
			}
			// Nobody here is Strava athlete 999: stored, then ignored with a reason.
			other := `{"object_type":"activity","object_id":5,"aspect_type":"create","owner_id":999,"subscription_id":777,"event_time":1733300000,"updates":{}}`
			if resp, _ := anon.Do("POST", "/api/v1/strava/webhook", []byte(other)); resp.StatusCode != 200 {
				t.Errorf("an unknown athlete's event: %d", resp.StatusCode)
			}
			// Malformed: refused, nothing stored.
			for _, bad := range []string{`{"object_type":`, `{"object_type":"club","object_id":1,"aspect_type":"create","owner_id":1,"subscription_id":777,"event_time":1}`,
				`{"object_type":"activity","object_id":1,"aspect_type":"create","owner_id":4242,"subscription_id":1,"event_time":1733300000}`} {
				if resp, _ := anon.Do("POST", "/api/v1/strava/webhook", []byte(bad)); resp.StatusCode != http.StatusBadRequest {
					t.Errorf("malformed event %s: %d", bad, resp.StatusCode)
				}
			}
			process()
			evs, _ = srv.API.StravaEvents(ctx, 20)
			states := map[string]int{}
			for _, e := range evs {
				states[e.State]++
				if e.OwnerID == 999 && !strings.Contains(e.Error, "no athlete here is connected to Strava athlete 999") {
					t.Errorf("the unknown athlete's event says %q", e.Error)
				}
			}
			if states["done"] != 3 || states["ignored"] != 1 || len(evs) != 4 {
				t.Errorf("events %v", states)
			}
			// The runner revokes access on Strava: the tokens go.
			event(url.Values{"kind": {"deauthorize"}})
			process()
			if v, _ := srv.API.Strava(ctx, id); v.Connected {
				t.Error("still connected after the runner revoked access on Strava")
			}
			if s := testkit.FakeStravaStats(t, base); s["events_sent"] != 5 {
				t.Errorf("fake stats %v", s)
			}
		})
	}
}
