package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"rekindle"
)

// Status maps a rekindle error code to its HTTP status. This is the one
// place where that mapping lives.
func Status(c rekindle.Code) int {
	switch c {
	case rekindle.CodeInvalid:
		return http.StatusBadRequest
	case rekindle.CodeNotFound:
		return http.StatusNotFound
	case rekindle.CodeConflict:
		return http.StatusConflict
	case rekindle.CodeUnauthorized:
		return http.StatusUnauthorized
	case rekindle.CodeForbidden:
		return http.StatusForbidden
	case rekindle.CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case rekindle.CodeUnsupported, rekindle.CodeNotActivity, rekindle.CodeCorrupt:
		return http.StatusUnsupportedMediaType
	case rekindle.CodeRateLimited:
		return http.StatusTooManyRequests
	case rekindle.CodeUnavailable:
		return http.StatusServiceUnavailable
	case rekindle.CodeCancelled:
		return StatusClientClosed
	}
	return http.StatusInternalServerError
}

// StatusClientClosed is the status of a request whose client went away
// before its answer was made (nginx's 499): nobody reads it, and it is not
// a failure of the server's, so it is neither logged nor counted as a 5xx.
const StatusClientClosed = 499

// ErrorBody is the JSON shape of every API error.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of ErrorBody.
type ErrorDetail struct {
	Code    rekindle.Code `json:"code"`
	Message string        `json:"message"`
}

// Describe returns the code, status and a message safe to show for err:
// the message of a domain error, a generic one for anything else (whose
// detail goes to the log only).
func Describe(err error) (rekindle.Code, int, string) {
	var e *rekindle.Error
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, context.Canceled):
		// The request's context ended (its client went away): whatever
		// was under way reports the cancel.
		return rekindle.CodeCancelled, StatusClientClosed, "the request was cancelled"
	case errors.As(err, &mbe):
		return rekindle.CodeTooLarge, http.StatusRequestEntityTooLarge, "the request is too large"
	case errors.As(err, &e):
		return e.Code, Status(e.Code), e.Message
	}
	return rekindle.CodeInternal, http.StatusInternalServerError, "something went wrong on our side"
}

// DescribeFor is Describe for an error met while answering r: once r's
// client has gone (its context cancelled) a server error is what the cancel
// made of the work under way (a statement interrupted, a transaction
// database/sql already rolled back, a connection closed mid-query), reported
// as StatusClientClosed. A domain error (a 403, a 404) is answered as it is:
// net/http also cancels the context when reading the body fails (a read
// deadline), and that client still waits for its answer.
func DescribeFor(r *http.Request, err error) (rekindle.Code, int, string) {
	code, status, msg := Describe(err)
	if status >= 500 && errors.Is(r.Context().Err(), context.Canceled) {
		return Describe(fmt.Errorf("%w (%w)", context.Canceled, err))
	}
	return code, status, msg
}

// WriteError writes err as {"error":{"code","message"}} with the mapped
// status (plain text for browsers outside /api/). Internal errors are logged.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	code, status, msg := DescribeFor(r, err)
	if status >= 500 {
		slog.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if code == rekindle.CodeRateLimited {
		w.Header().Set("Retry-After", "60")
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.Contains(r.Header.Get("Accept"), "application/json") {
		WriteJSON(w, status, ErrorBody{ErrorDetail{code, msg}})
		return
	}
	http.Error(w, msg, status)
}

// WriteJSON writes v as JSON with a status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v)
}

// GzipJSON is what WriteJSON sends for v, gzipped (the fastest level: a
// kept response is compressed once and sent many times).
func GzipJSON(v any) ([]byte, error) {
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	enc := json.NewEncoder(zw)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("server: encode json: %w", err)
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("server: gzip json: %w", err)
	}
	return out.Bytes(), nil
}

// WriteGzippedJSON sends JSON made by GzipJSON: as it is to a client that
// takes gzip, inflated for one that does not.
func WriteGzippedJSON(w http.ResponseWriter, r *http.Request, status int, gz []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Accept-Encoding")
	if TakesGzip(r) {
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		w.WriteHeader(status)
		w.Write(gz)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil { // never: the bytes were gzipped by GzipJSON
		WriteError(w, r, fmt.Errorf("server: gunzip json: %w", err))
		return
	}
	w.WriteHeader(status)
	io.Copy(w, zr)
}

// TakesGzip says whether the request's client accepts a gzipped body.
func TakesGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
