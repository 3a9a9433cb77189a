package web_test

import (
	"fmt"
	"testing"
)

// BenchmarkAPIJSONCache: API GETs of the views whose JSON the response
// cache keeps (a year of demo history), as a client taking gzip sends
// them, served from the cache ("cached") and with the athlete's entries
// dropped before each request ("uncached": the App's own views stay
// cached, so the difference is the JSON made and sent again).
func BenchmarkAPIJSONCache(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a year of history")
	}
	s, athleteID, list, get := demoRunner(b, 1, true)
	paths := map[string]string{"home": "/api/v1/home", "training": "/api/v1/training", "activities": "/api/v1/activities",
		"activity": fmt.Sprintf("/api/v1/activities/%d", list[len(list)/2].ID)}
	for _, view := range []string{"home", "training", "activities", "activity"} {
		get(paths[view])
		for _, mode := range []string{"uncached", "cached"} {
			b.Run(view+"/"+mode, func(b *testing.B) {
				for b.Loop() {
					if mode == "uncached" {
						s.API.Responses().Forget(athleteID)
					}
					get(paths[view])
				}
			})
		}
	}
}
