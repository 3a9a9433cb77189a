package httpio

import "net/http"

// AbsoluteURL is path on the host the request came to: https unless the
// request came over plain HTTP with no proxy saying it was https.
func AbsoluteURL(r *http.Request, path string) string {
	scheme := "https"
	if r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" {
		scheme = "http"
	}
	return scheme + "://" + r.Host + path
}
