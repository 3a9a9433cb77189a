package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestRevokedTokenNeverAuthenticates: an API token deleted while requests
// with it are in flight. A request whose check ran before the deletion
// committed finishes (it was authenticated then); no request that starts
// after DeleteAPIToken returned is authenticated, on either store. Run it
// with -race: the checks, the use stamps (last_used) and the deletion run
// at once.
func TestRevokedTokenNeverAuthenticates(t *testing.T) {
	ctx := context.Background()
	for name, st := range authTestStores(t) {
		t.Run(name, func(t *testing.T) {
			a := newTestAuth(t, st)
			// The clock moves a minute a request, so each check also
			// writes the token's last use while it is being deleted.
			var tick atomic.Int64
			a.Now = func() time.Time { return fixedNow.Add(time.Duration(tick.Add(1)) * time.Minute) }
			acc := createAccount(t, st, "owner@example.org", "the owner's password")
			tok, rec, err := a.NewAPIToken(ctx, acc.AthleteID, "script")
			if err != nil {
				t.Fatal(err)
			}
			// inFlight holds one authenticated request in its handler
			// until the deletion has committed.
			inFlight, release := make(chan struct{}), make(chan struct{})
			var once sync.Once
			h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				p := PrincipalFrom(r.Context())
				if p == nil {
					w.WriteHeader(http.StatusUnauthorized)
					return
				}
				if r.URL.Path == "/slow" {
					once.Do(func() { close(inFlight) })
					<-release
				}
				fmt.Fprintf(w, "athlete %d", p.AthleteID)
			}))
			do := func(path string) int {
				r := httptest.NewRequest("GET", path, nil)
				r.RemoteAddr = "198.51.100.7:5555"
				r.Header.Set("Authorization", "Bearer "+tok)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, r)
				return w.Code
			}
			slow := make(chan int, 1)
			go func() { slow <- do("/slow") }()
			<-inFlight

			var revoked atomic.Bool
			var wg sync.WaitGroup
			var before, after, leaked atomic.Int64
			for range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for n := 0; n < 40; {
						late := revoked.Load() // read before the request starts
						code := do("/")
						switch {
						case late && code == http.StatusOK:
							leaked.Add(1)
						case late:
							after.Add(1)
							n++
						case code == http.StatusOK:
							before.Add(1)
						}
						if !late && before.Load() > 200 {
							n++ // the deletion is slow to come: stop in time anyway
						}
					}
				}()
			}
			for before.Load() < 8 {
				if do("/") != http.StatusOK {
					t.Fatal("the token does not authenticate before its deletion")
				}
			}
			if err := st.DeleteAPIToken(ctx, acc.AthleteID, rec.ID); err != nil {
				t.Fatal(err)
			}
			revoked.Store(true)
			wg.Wait()
			close(release)
			if code := <-slow; code != http.StatusOK {
				t.Errorf("the request authenticated before the deletion ended with %d", code)
			}
			if n := leaked.Load(); n > 0 {
				t.Errorf("%d requests that started after the deletion committed were authenticated", n)
			}
			if after.Load() == 0 {
				t.Errorf("no request after the deletion was checked")
			}
			if code := do("/"); code != http.StatusUnauthorized {
				t.Errorf("revoked token: %d", code)
			}
			t.Logf("%d requests authenticated before the deletion, %d refused after", before.Load(), after.Load())
		})
	}
}
