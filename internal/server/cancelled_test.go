package server

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"rekindle"
)

// levelsHandler records the levels of the records logged.
type levelsHandler struct {
	mu     *sync.Mutex
	levels *[]slog.Level
}

func (h levelsHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h levelsHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	*h.levels = append(*h.levels, r.Level)
	h.mu.Unlock()
	return nil
}
func (h levelsHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h levelsHandler) WithGroup(string) slog.Handler      { return h }

// TestCancelledRequestIsNoServerError: a request whose client went away
// while its work was under way is answered 499 whatever that work made of
// the cancel (the store's context.Canceled, or an error that does not say
// it: a transaction database/sql rolled back, a statement interrupted), and
// is neither logged as an error nor counted as a 5xx; the same error on a
// request whose client is still there stays a 500, and a domain error keeps
// its status (net/http also ends the context of a request whose body read
// failed, and that client waits for its 403).
func TestCancelledRequestIsNoServerError(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		cancel bool
		want   int
	}{
		{"store reports the cancel", fmt.Errorf("store: add plan: %w", context.Canceled), true, StatusClientClosed},
		{"tx done after the cancel", fmt.Errorf("store: rate limit login: %w", sql.ErrTxDone), true, StatusClientClosed},
		{"interrupted", errors.New("store: list activities: interrupted (9)"), true, StatusClientClosed},
		{"tx done, client there", fmt.Errorf("store: rate limit login: %w", sql.ErrTxDone), false, http.StatusInternalServerError},
		{"refused, context ended", &rekindle.Error{Code: rekindle.CodeForbidden, Message: "missing or wrong CSRF token"}, true, http.StatusForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := NewMetrics()
			var mu sync.Mutex
			var levels []slog.Level
			mux := http.NewServeMux()
			mux.HandleFunc("GET /api/v1/x", func(w http.ResponseWriter, r *http.Request) {
				ctx, cancel := context.WithCancel(r.Context())
				defer cancel()
				r = r.WithContext(ctx)
				if tc.cancel {
					cancel() // the client goes away while the work is under way
				}
				WriteError(w, r, tc.err)
			})
			h := Observe(mux, slog.New(levelsHandler{&mu, &levels}), m, nil)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/x", nil))
			if w.Code != tc.want {
				t.Fatalf("status %d, want %d", w.Code, tc.want)
			}
			var b strings.Builder
			m.WriteTo(&b)
			if want := fmt.Sprintf(`code="%d"} 1`, tc.want); !strings.Contains(b.String(), want) {
				t.Errorf("metrics lack %s:\n%s", want, b.String())
			}
			mu.Lock()
			defer mu.Unlock()
			for _, l := range levels {
				if l >= slog.LevelError && tc.cancel {
					t.Errorf("a cancelled request logged at level %v", l)
				}
			}
		})
	}
}
