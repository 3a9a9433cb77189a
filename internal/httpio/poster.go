package httpio

import (
	"fmt"
	"net/http"
)

// PosterHeaders sets the content type and file name of a poster download.
func PosterHeaders(w http.ResponseWriter, format string, inline bool) {
	ct := map[string]string{"svg": "image/svg+xml", "html": "text/html; charset=utf-8"}[format]
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, no-store")
	if !inline {
		w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="rekindle-gratitude-poster.%s"`, format))
	}
}
