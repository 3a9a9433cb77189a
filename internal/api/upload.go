package api

import (
	"encoding/json"
	"net/http"
	"rekindle/internal/athlete"
	"rekindle/internal/server"
	"sync"
)

// upload receives multipart files (field "files", any number; folders
// arrive as files with relative names; zips are expanded by the importer),
// spools them to temporary files and streams the import's progress as
// NDJSON: one ImportEvent per line, ending with status "done".
func (a *API) upload(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	var mu sync.Mutex
	started := false
	var enc *json.Encoder
	rc := http.NewResponseController(w)
	emit := func(e athlete.ImportEvent) {
		mu.Lock()
		defer mu.Unlock()
		if !started {
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("X-Accel-Buffering", "no")
			w.WriteHeader(http.StatusOK)
			enc = json.NewEncoder(w)
			started = true
		}
		_ = enc.Encode(e)
		_ = rc.Flush()
	}
	err := a.io.ImportMultipart(w, r, p.AthleteID, emit)
	if err != nil && !started {
		return err
	}
	return nil
}
