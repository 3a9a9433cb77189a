package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/cli"
)

// TestActivityNotFound: an activity ID that does not exist, or is another
// athlete's, is 404 on the pages, their images and the API, never 500 and
// never the other athlete's data, also once the owner's views are cached;
// the application layer returns the one error athlete.ErrNoActivity for it.
// A rename then shows on the owner's cached page and JSON at once.
func TestActivityNotFound(t *testing.T) {
	t.Parallel()
	fit := filepath.Join(testdata(t), "fit", "garmin-fenix-5-run.fit")
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{})
			owner := s.Client(t)
			owner.Signup("owner@example.org")
			other := s.Client(t)
			other.Signup("other@example.org")
			var id int64
			for _, e := range owner.Upload(fit) {
				if len(e.Activities) > 0 {
					id = e.Activities[0]
				}
			}
			if id == 0 {
				t.Fatal("no activity imported")
			}
			// The owner's page, images and JSON are cached first.
			paths := func(id int64) []string {
				return []string{fmt.Sprintf("/activities/%d", id), fmt.Sprintf("/activities/%d/map.svg", id),
					fmt.Sprintf("/activities/%d/charts/pace.svg", id), fmt.Sprintf("/api/v1/activities/%d", id)}
			}
			for range 2 {
				for _, p := range paths(id) {
					if resp, body := owner.Do("GET", p, nil); resp.StatusCode != 200 {
						t.Fatalf("owner GET %s: %d %s", p, resp.StatusCode, body)
					}
				}
			}
			_, mine := owner.Do("GET", fmt.Sprintf("/api/v1/activities/%d", id), nil)
			var v struct {
				Activity struct {
					Name string `json:"name"`
				} `json:"activity"`
			}
			if err := json.Unmarshal([]byte(mine), &v); err != nil || v.Activity.Name == "" {
				t.Fatalf("owner's activity JSON: %v %.200s", err, mine)
			}
			for _, c := range []struct {
				who string
				id  int64
			}{{"other athlete's", id}, {"missing", id + 1000}} {
				for _, p := range paths(c.id) {
					resp, body := other.Do("GET", p, nil)
					if resp.StatusCode != 404 {
						t.Errorf("%s activity, GET %s: %d, want 404", c.who, p, resp.StatusCode)
					}
					if strings.Contains(body, v.Activity.Name) || strings.Contains(body, "<svg") {
						t.Errorf("%s activity, GET %s: the owner's data is in the answer", c.who, p)
					}
					if strings.HasPrefix(p, "/api/") && !strings.Contains(body, `"not_found"`) {
						t.Errorf("%s activity, GET %s: %s", c.who, p, body)
					}
				}
			}

			// The application layer: one error value for both.
			ctx := context.Background()
			ath, err := s.API.Athlete(ctx, other.AthleteID())
			if err != nil {
				t.Fatal(err)
			}
			for _, aid := range []int64{id, id + 1000} {
				_, err1 := s.API.Activity(ctx, ath, aid)
				_, err2 := s.API.ActivityPage(ctx, ath, aid)
				_, _, _, err3 := s.API.ActivityPageHead(ctx, ath.ID, aid)
				err4 := s.API.EditActivity(ctx, ath, aid, athlete.ActivityEditForm{Race: "yes"})
				err5 := s.API.DeleteActivity(ctx, ath.ID, aid)
				for i, err := range []error{err1, err2, err3, err4, err5} {
					if !errors.Is(err, athlete.ErrNoActivity) || !errors.Is(err, rekindle.ErrNotFound) || rekindle.ErrorCode(err) != rekindle.CodeNotFound {
						t.Errorf("activity %d, call %d: %v", aid, i+1, err)
					}
				}
			}

			// A rename: the owner's cached page and JSON show it on the next
			// request (the stamp moved).
			if resp, body := owner.Do("POST", fmt.Sprintf("/activities/%d/edit", id), "name=Renamed+here"); resp.StatusCode != 303 {
				t.Fatalf("rename: %d %s", resp.StatusCode, body)
			}
			for _, p := range []string{fmt.Sprintf("/activities/%d", id), fmt.Sprintf("/api/v1/activities/%d", id), "/api/v1/activities", "/activities"} {
				if resp, body := owner.Do("GET", p, nil); resp.StatusCode != 200 || !strings.Contains(body, "Renamed here") {
					t.Errorf("GET %s after the rename: %d, the new name not shown", p, resp.StatusCode)
				}
			}
		})
	}
}
