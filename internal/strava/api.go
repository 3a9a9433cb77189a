package strava

import (
	"context"
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

	"rekindle"
)

// Strava's documented default limits for an application: 200 requests
// every 15 minutes and 2,000 a day, of which reads (every call rekindle
// makes) 100 and 1,000. Windows start at :00, :15, :30 and :45 and days
// at midnight UTC.
const (
	DefaultWindow     = 15 * time.Minute
	DefaultLimitShort = 100
	DefaultLimitDay   = 1000
)

// MaxResponseBytes bounds one API response (a long activity's streams are
// a few MB).
const MaxResponseBytes = 64 << 20

// RateStore keeps the instance's use of Strava's API, shared by every
// replica and every athlete (package store implements it).
type RateStore interface {
	ReserveStravaRequest(ctx context.Context, app string, now time.Time, window time.Duration, limitShort, limitDay int) (time.Duration, error)
	ObserveStravaRate(ctx context.Context, app string, now time.Time, window time.Duration, usedShort, usedDay, limitShort, limitDay int, blockUntil time.Time) error
}

// ErrRateLimited is returned when a call would wait for the rate limit
// longer than the caller allows (Config.MaxWait).
var ErrRateLimited = errors.New("strava: rate limit reached")

// APIError is a response Strava refused.
type APIError struct {
	Status int
	Path   string
	Body   string
}

func (e *APIError) Error() string {
	return fmt.Sprintf("strava: GET %s: %d %s: %s", e.Path, e.Status, http.StatusText(e.Status), e.Body)
}

// Is makes a 404 an rekindle.ErrNotFound.
func (e *APIError) Is(target error) bool {
	return target == rekindle.ErrNotFound && e.Status == http.StatusNotFound
}

func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if c.cfg.Sleep != nil {
		return c.cfg.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// parsePair reads Strava's "short,day" header values ("100,1000").
func parsePair(h string) (a, b int, ok bool) {
	parts := strings.Split(h, ",")
	if len(parts) != 2 {
		return 0, 0, false
	}
	x, err1 := strconv.Atoi(strings.TrimSpace(parts[0]))
	y, err2 := strconv.Atoi(strings.TrimSpace(parts[1]))
	if err1 != nil || err2 != nil || x < 0 || y < 0 {
		return 0, 0, false
	}
	return x, y, true
}

// rateHeaders reads the usage and limits a response carries: the read
// limits when Strava sends them (every call here is a read), else the
// overall ones.
func rateHeaders(h http.Header) (usedShort, usedDay, limitShort, limitDay int, ok bool) {
	for _, prefix := range []string{"X-Readratelimit-", "X-Ratelimit-"} {
		ls, ld, ok1 := parsePair(h.Get(prefix + "Limit"))
		us, ud, ok2 := parsePair(h.Get(prefix + "Usage"))
		if ok1 && ok2 {
			return us, ud, ls, ld, true
		}
	}
	return 0, 0, 0, 0, false
}

// get calls Strava's API for an athlete: the athlete's token (refreshed
// when due), the instance's rate limit (waiting for the next window when
// it is used up, and after a 429 until the window resets), retries with
// backoff on 5xx and network errors. A 401 is returned at once.
func (c *Client) get(ctx context.Context, athleteID int64, path string, q url.Values) ([]byte, error) {
	backoff := time.Second
	for attempt := 1; ; attempt++ {
		if err := c.reserve(ctx); err != nil {
			return nil, err
		}
		tok, err := c.Token(ctx, athleteID)
		if err != nil {
			return nil, err
		}
		u := c.cfg.BaseURL + "/api/v3" + path
		if len(q) > 0 {
			u += "?" + q.Encode()
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("strava: GET %s: %w", path, err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		req.Header.Set("Accept", "application/json")
		resp, err := c.cfg.HTTP.Do(req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if attempt >= 5 {
				return nil, fmt.Errorf("strava: GET %s: %w", path, err)
			}
			c.log().Warn("strava request failed; retrying", "path", path, "attempt", attempt, "err", err)
			if err := c.sleep(ctx, backoff); err != nil {
				return nil, err
			}
			backoff *= 2
			continue
		}
		body, rerr := io.ReadAll(io.LimitReader(resp.Body, MaxResponseBytes+1))
		resp.Body.Close()
		now := c.cfg.Now()
		us, ud, ls, ld, hasRate := rateHeaders(resp.Header)
		if resp.StatusCode == http.StatusTooManyRequests {
			until := now.Truncate(c.window()).Add(c.window())
			if hasRate && ld > 0 && ud >= ld {
				until = now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
			}
			if c.cfg.Rate != nil {
				if err := c.cfg.Rate.ObserveStravaRate(ctx, c.cfg.ClientID, now, c.window(), us, ud, ls, ld, until); err != nil {
					return nil, err
				}
			}
			c.log().Info("strava rate limit reached; waiting for the window to reset", "until", until.UTC().Format(time.RFC3339))
			if err := c.sleep(ctx, until.Sub(now)); err != nil {
				return nil, err
			}
			continue
		}
		if hasRate && c.cfg.Rate != nil {
			if err := c.cfg.Rate.ObserveStravaRate(ctx, c.cfg.ClientID, now, c.window(), us, ud, ls, ld, time.Time{}); err != nil {
				return nil, err
			}
		}
		if rerr != nil {
			return nil, fmt.Errorf("strava: GET %s: %w", path, rerr)
		}
		if len(body) > MaxResponseBytes {
			return nil, fmt.Errorf("strava: GET %s: response over %d bytes", path, MaxResponseBytes)
		}
		switch {
		case resp.StatusCode/100 == 2:
			return body, nil
		case resp.StatusCode >= 500 && attempt < 5:
			c.log().Warn("strava answered with a server error; retrying", "path", path, "status", resp.StatusCode, "attempt", attempt)
			if err := c.sleep(ctx, backoff); err != nil {
				return nil, err
			}
			backoff *= 2
			continue
		}
		msg := strings.TrimSpace(string(body))
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		return nil, &APIError{Status: resp.StatusCode, Path: path, Body: msg}
	}
}

func (c *Client) window() time.Duration {
	if c.cfg.Window > 0 {
		return c.cfg.Window
	}
	return DefaultWindow
}

func (c *Client) log() *slog.Logger {
	if c.cfg.Log != nil {
		return c.cfg.Log
	}
	return slog.Default()
}

// reserve waits until the instance may make one more request.
func (c *Client) reserve(ctx context.Context) error {
	if c.cfg.Rate == nil {
		return nil
	}
	ls, ld := c.cfg.LimitShort, c.cfg.LimitDay
	if ls <= 0 {
		ls = DefaultLimitShort
	}
	if ld <= 0 {
		ld = DefaultLimitDay
	}
	var waited time.Duration
	for {
		wait, err := c.cfg.Rate.ReserveStravaRequest(ctx, c.cfg.ClientID, c.cfg.Now(), c.window(), ls, ld)
		if err != nil {
			return err
		}
		if wait <= 0 {
			return nil
		}
		if c.cfg.MaxWait > 0 && waited+wait > c.cfg.MaxWait {
			return fmt.Errorf("%w: the next request may go in %s", ErrRateLimited, wait.Round(time.Second))
		}
		if c.cfg.OnWait != nil {
			c.cfg.OnWait(wait)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return err
		}
		waited += wait
	}
}

// Summary is the part of a listed activity the backfill reads.
type Summary struct {
	ID        int64     `json:"id"`
	StartDate time.Time `json:"start_date"`
	Manual    bool      `json:"manual"`
	Private   bool      `json:"private"`
}

// ListActivities lists the athlete's activities that started before
// before (all when zero), newest first, perPage at most 200. Each item is
// Strava's JSON as sent.
func (c *Client) ListActivities(ctx context.Context, athleteID int64, before time.Time, perPage int) ([]json.RawMessage, error) {
	q := url.Values{"per_page": {strconv.Itoa(perPage)}, "page": {"1"}}
	if !before.IsZero() {
		q.Set("before", strconv.FormatInt(before.Unix(), 10))
	}
	body, err := c.get(ctx, athleteID, "/athlete/activities", q)
	if err != nil {
		return nil, err
	}
	var items []json.RawMessage
	if err := json.Unmarshal(body, &items); err != nil {
		return nil, fmt.Errorf("strava: list activities: %w", err)
	}
	return items, nil
}

// Activity fetches one activity (DetailedActivity) as Strava sends it.
func (c *Client) Activity(ctx context.Context, athleteID, id int64) ([]byte, error) {
	body, err := c.get(ctx, athleteID, "/activities/"+strconv.FormatInt(id, 10), nil)
	if err != nil {
		return nil, err
	}
	if !json.Valid(body) {
		return nil, fmt.Errorf("strava: activity %d: the response is not JSON", id)
	}
	return body, nil
}

// StreamKeys are the streams rekindle asks for.
const StreamKeys = "time,latlng,distance,altitude,heartrate,cadence,watts,moving,velocity_smooth,temp"

// Streams fetches an activity's streams keyed by type; nil when it has
// none (an activity entered by hand).
func (c *Client) Streams(ctx context.Context, athleteID, id int64) ([]byte, error) {
	body, err := c.get(ctx, athleteID, "/activities/"+strconv.FormatInt(id, 10)+"/streams",
		url.Values{"keys": {StreamKeys}, "key_by_type": {"true"}})
	if errors.Is(err, rekindle.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !json.Valid(body) {
		return nil, fmt.Errorf("strava: streams of activity %d: the response is not JSON", id)
	}
	return body, nil
}
