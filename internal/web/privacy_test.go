package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rekindle"
	"rekindle/internal/cli"
	"rekindle/internal/gpx"
	"rekindle/internal/plan"
	"rekindle/internal/privacy"
	"rekindle/internal/testkit"
	"rekindle/internal/web"
)

// positions collects every position a JSON value carries: [lat, lon]
// pairs and lat/lon columns or fields.
func positions(v any, out *[][2]float64) {
	switch x := v.(type) {
	case []any:
		if len(x) == 2 {
			la, ok1 := x[0].(float64)
			lo, ok2 := x[1].(float64)
			if ok1 && ok2 {
				*out = append(*out, [2]float64{la, lo})
				return
			}
		}
		for _, e := range x {
			positions(e, out)
		}
	case map[string]any:
		la, lo := x["lat"], x["lon"]
		if las, ok := la.([]any); ok {
			if los, ok := lo.([]any); ok {
				for i := range min(len(las), len(los)) {
					a, ok1 := las[i].(float64)
					b, ok2 := los[i].(float64)
					if ok1 && ok2 {
						*out = append(*out, [2]float64{a, b})
					}
				}
			}
		}
		if a, ok := la.(float64); ok {
			if b, ok := lo.(float64); ok {
				*out = append(*out, [2]float64{a, b})
			}
		}
		for _, e := range x {
			positions(e, out)
		}
	}
}

func inside(zones []privacy.Zone, ps [][2]float64) int {
	n := 0
	for _, p := range ps {
		if privacy.Inside(zones, p[0], p[1]) {
			n++
		}
	}
	return n
}

var decimal = regexp.MustCompile(`-?\d{1,3}\.\d{4,}`)

// textPositions reads consecutive decimal numbers of a page as lat, lon.
func textPositions(body string) [][2]float64 {
	var nums []float64
	for _, m := range decimal.FindAllString(body, -1) {
		if f, err := strconv.ParseFloat(m, 64); err == nil {
			nums = append(nums, f)
		}
	}
	var out [][2]float64
	for i := 0; i+1 < len(nums); i++ {
		out = append(out, [2]float64{nums[i], nums[i+1]})
	}
	return out
}

// TestPrivacyZonesCoachWalk: a runner with a privacy zone and a private
// activity, and their coach. The coach reads every shared view and file
// (every API route under /api/v1/coaching/{athlete} and every page under
// /coach/athletes/{athlete}) and finds no position inside the zone and no
// trace of the private activity; the runner's own views and export keep
// the whole track.
func TestPrivacyZonesCoachWalk(t *testing.T) {
	dir := testdata(t)
	run := filepath.Join(dir, "gpx", "4078723797_strava.gpx")
	walk := filepath.Join(dir, "fit", "garmin-fenix-5-run.fit")
	for name, dsn := range stores(t) {
		t.Run(name, func(t *testing.T) {
			s := newServer(t, dsn, cli.ServeOptions{})
			owner := s.Client(t)
			owner.Signup("runner@example.org")
			var ids []int64
			for _, f := range []string{run, walk} {
				for _, e := range owner.Upload(f) {
					ids = append(ids, e.Activities...)
				}
			}
			if len(ids) != 2 {
				t.Fatalf("imported %v, want two activities", ids)
			}
			actID, privID := ids[0], ids[1]
			var own struct {
				Series struct {
					Path [][2]float64 `json:"path"`
				} `json:"series"`
			}
			_, body := owner.Do("GET", fmt.Sprintf("/api/v1/activities/%d", actID), nil)
			decodeInto(t, body, &own)
			path := own.Series.Path
			if len(path) < 50 {
				t.Fatalf("the run has %d positions", len(path))
			}
			// Home is where the run starts; work is a point a third along.
			mid := path[len(path)/3]
			for _, z := range []map[string]any{
				{"name": "home", "lat": path[0][0], "lon": path[0][1], "radius_m": 300},
				{"name": "work", "lat": mid[0], "lon": mid[1], "radius_m": 200},
			} {
				if resp, b := owner.Do("POST", "/api/v1/privacy/zones", jsonBody(z)); resp.StatusCode != http.StatusCreated {
					t.Fatalf("add zone: %d %s", resp.StatusCode, b)
				}
			}
			if resp, b := owner.Do("POST", "/api/v1/privacy/zones", jsonBody(map[string]any{"name": "x", "lat": 1, "lon": 1, "radius_m": 50})); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("a 50 m zone: %d %s", resp.StatusCode, b)
			}
			if resp, b := owner.Do("PUT", fmt.Sprintf("/api/v1/activities/%d/private", privID), jsonBody(map[string]bool{"private": true})); resp.StatusCode != http.StatusNoContent {
				t.Fatalf("mark private: %d %s", resp.StatusCode, b)
			}
			var pv struct {
				Zones   []privacy.Zone `json:"zones"`
				Private []int64        `json:"private_activities"`
			}
			_, body = owner.Do("GET", "/api/v1/privacy", nil)
			decodeInto(t, body, &pv)
			zones := pv.Zones
			if len(zones) != 2 || len(pv.Private) != 1 || pv.Private[0] != privID {
				t.Fatalf("privacy: %s", body)
			}
			ownInside := inside(zones, path)
			if ownInside == 0 {
				t.Fatal("no point of the run inside the zones: the test would prove nothing")
			}

			// The coach.
			_, b := owner.Do("POST", "/api/v1/coach/invites", jsonBody(map[string]any{"scopes": []string{"comment"}}))
			var inv struct {
				Token string `json:"token"`
			}
			decodeInto(t, b, &inv)
			coach := s.Client(t)
			coach.Signup("coach@example.org")
			if resp, b := coach.Do("POST", "/api/v1/coach/accept", jsonBody(map[string]string{"token": inv.Token})); resp.StatusCode != http.StatusCreated {
				t.Fatalf("coach accept: %d %s", resp.StatusCode, b)
			}
			athleteID := owner.AthleteID()
			fill := func(p string, id int64) string {
				p = strings.ReplaceAll(p, "{athlete}", fmt.Sprint(athleteID))
				return strings.ReplaceAll(p, "{id}", fmt.Sprint(id))
			}
			// A planned run on the run's own route (an accepted route idea
			// would attach one so): the coach downloads it cut by the zones.
			day := testkit.Today.AddDate(0, 0, 2).Format(time.DateOnly)
			planned := plan.Session{Day: day, Kind: plan.KindEasy, Sport: rekindle.SportRunning, DistanceM: 5000,
				Route: &plan.Route{Name: "the run again", DistanceM: 5000, Points: path}}
			if err := s.Store.AddPlanned(context.Background(), athleteID, []plan.Session{planned}); err != nil {
				t.Fatal(err)
			}
			ps, err := s.Store.ListPlanned(context.Background(), athleteID, day, day)
			if err != nil || len(ps) != 1 {
				t.Fatalf("planned: %v %v", ps, err)
			}
			planID := ps[0].ID
			_, ownGPX := owner.Do("GET", fmt.Sprintf("/plan/%d/route.gpx", planID), nil)
			if inside(zones, textPositions(ownGPX)) == 0 {
				t.Error("the runner's own planned route lost its points inside their zones")
			}
			coachRoute := fmt.Sprintf("/coach/athletes/%d/plan/%d/route.gpx", athleteID, planID)
			if _, page := coach.Do("GET", fill("/coach/athletes/{athlete}", 0), nil); !strings.Contains(page, `href="`+coachRoute+`"`) {
				t.Errorf("the coach's view of the plan does not link %s", coachRoute)
			}

			// Every shared API view.
			var coachPath [][2]float64
			walked := 0
			for _, rt := range s.API.Routes() {
				if rt.Method != "GET" || !strings.HasPrefix(rt.Path, "/api/v1/coaching/{athlete}") {
					continue
				}
				walked++
				url := fill(rt.Path, actID)
				if strings.Contains(rt.Path, "{file}") {
					url = strings.ReplaceAll(fill(rt.Path, planID), "{file}", "route.gpx")
				}
				resp, body := coach.Do("GET", url, nil)
				if strings.Contains(rt.Path, "{file}") {
					if n := inside(zones, textPositions(body)); resp.StatusCode != 200 || n > 0 {
						t.Errorf("coach %s: %d, %d positions inside a privacy zone", url, resp.StatusCode, n)
					}
					if acts, err := gpx.Decode(strings.NewReader(body)); err != nil || len(acts) != 1 || acts[0].Track.Len() < 50 {
						t.Errorf("coach %s does not decode to the route: %v", url, err)
					}
					continue
				}
				if resp.StatusCode != 200 {
					t.Errorf("coach %s: %d %.300s", url, resp.StatusCode, body)
					continue
				}
				var v any
				decodeInto(t, body, &v)
				var ps [][2]float64
				positions(v, &ps)
				if n := inside(zones, ps); n > 0 {
					t.Errorf("coach %s: %d positions inside a privacy zone", url, n)
				}
				if strings.Contains(body, fmt.Sprintf(`"id":%d,`, privID)) {
					t.Errorf("coach %s lists the private activity", url)
				}
				if strings.Contains(rt.Path, "{id}") {
					coachPath = ps
					if resp, _ := coach.Do("GET", fill(rt.Path, privID), nil); resp.StatusCode != http.StatusNotFound {
						t.Errorf("coach %s of the private activity: %d, want 404", rt.Path, resp.StatusCode)
					}
				}
			}
			if walked < 3 {
				t.Errorf("walked %d coach API routes", walked)
			}
			// The coach still sees the rest of the run.
			if len(coachPath) < 100 {
				t.Errorf("coach sees %d positions of the run", len(coachPath))
			}

			// Every shared page.
			pages := 0
			for _, pr := range (&web.Web{}).Routes() {
				method, p, _ := strings.Cut(pr, " ")
				if method != "GET" || !strings.HasPrefix(p, "/coach/athletes/{athlete}") {
					continue
				}
				pages++
				url := fill(p, actID)
				if strings.Contains(p, "{file}") {
					url = strings.ReplaceAll(fill(p, planID), "{file}", "route.gpx")
				}
				resp, body := coach.Do("GET", url, nil)
				if resp.StatusCode != 200 {
					t.Errorf("coach page %s: %d", url, resp.StatusCode)
					continue
				}
				if n := inside(zones, textPositions(body)); n > 0 {
					t.Errorf("coach page %s: %d positions inside a privacy zone", url, n)
				}
				if strings.Contains(p, "{file}") {
					acts, err := gpx.Decode(strings.NewReader(body))
					if err != nil || len(acts) != 1 || acts[0].Track.Len() < 50 {
						t.Errorf("coach's planned route %s does not decode to the route: %v", url, err)
					}
					for _, f := range []string{"route.fit", "route.kml"} {
						want := map[string]int{"route.fit": 200, "route.kml": 404}[f]
						if resp, _ := coach.Do("GET", strings.ReplaceAll(fill(p, planID), "{file}", f), nil); resp.StatusCode != want {
							t.Errorf("coach's planned %s: %d, want %d", f, resp.StatusCode, want)
						}
					}
					continue
				}
				if strings.Contains(body, fmt.Sprintf("/activities/%d\"", privID)) {
					t.Errorf("coach page %s links the private activity", url)
				}
				if strings.Contains(p, "{id}") {
					// The map is drawn from the same masked path the API gives.
					if m := string(web.SVGMap(coachPath)); m == "" || !strings.Contains(body, m) {
						t.Errorf("coach page %s: its map is not the masked path's", url)
					}
					if strings.Contains(body, string(web.SVGMap(path))) {
						t.Errorf("coach page %s draws the whole track", url)
					}
					if resp, _ := coach.Do("GET", fill(p, privID), nil); resp.StatusCode != http.StatusNotFound {
						t.Errorf("coach page of the private activity: %d, want 404", resp.StatusCode)
					}
				}
			}
			if pages < 2 {
				t.Errorf("walked %d coach pages", pages)
			}

			// The runner's own views and export keep everything.
			_, body = owner.Do("GET", fmt.Sprintf("/api/v1/activities/%d", actID), nil)
			decodeInto(t, body, &own)
			if got := inside(zones, own.Series.Path); got != ownInside {
				t.Errorf("runner's own activity: %d positions inside the zones, want %d", got, ownInside)
			}
			resp, zipBody := owner.Do("GET", "/api/v1/me/export", nil)
			if resp.StatusCode != 200 {
				t.Fatalf("export: %d", resp.StatusCode)
			}
			zr, err := zip.NewReader(bytes.NewReader([]byte(zipBody)), int64(len(zipBody)))
			if err != nil {
				t.Fatalf("export zip: %v", err)
			}
			exported := 0
			for _, f := range zr.File {
				if f.Name != fmt.Sprintf("rekindle/activities/%d.json", actID) {
					continue
				}
				rc, err := f.Open()
				if err != nil {
					t.Fatal(err)
				}
				var v any
				if err := json.NewDecoder(rc).Decode(&v); err != nil {
					t.Fatal(err)
				}
				rc.Close()
				var ps [][2]float64
				positions(v, &ps)
				exported = inside(zones, ps)
			}
			if exported == 0 {
				t.Error("the runner's export lost the track inside their zones")
			}
			// Deleting the zones gives the coach the whole track again.
			for _, z := range zones {
				if resp, _ := owner.Do("DELETE", fmt.Sprintf("/api/v1/privacy/zones/%d", z.ID), nil); resp.StatusCode != http.StatusNoContent {
					t.Errorf("delete zone: %d", resp.StatusCode)
				}
			}
			_, body = coach.Do("GET", fill("/api/v1/coaching/{athlete}/activities/{id}", actID), nil)
			var cv struct {
				Series struct {
					Path [][2]float64 `json:"path"`
				} `json:"series"`
			}
			decodeInto(t, body, &cv)
			if len(cv.Series.Path) != len(path) {
				t.Errorf("after deleting the zones the coach sees %d of %d positions", len(cv.Series.Path), len(path))
			}
		})
	}
}
