package api

import (
	"context"
	"net/http"
	"reflect"
	"time"

	"rekindle"
	"rekindle/internal/server"
)

// The JSON of the views the pages keep (home, training, races, the
// activities list, one activity) is kept gzipped in the App's response
// cache (athlete.Responses) beside the pages, for the athlete's stamp: a
// GET of a view already sent costs the session's read and a copy, as a
// cached page does, and a write on any replica (the stamp in the database)
// makes the next one miss.

// jsonKey is a JSON response's view key in the response cache.
type jsonKey struct {
	route string
	// of is the identity of the App's cached view the response encodes (a
	// pointer: the App makes a new one when its data changes), or the
	// request's parameters when the view is read for the request.
	of    any
	id    int64
	query string
}

// sendCached sends the JSON of view for the athlete, kept under key for
// their stamp (made once by make, the others asking meanwhile wait for
// it). Without a stamp it is made and sent as it is.
func (a *API) sendCached(w http.ResponseWriter, r *http.Request, athleteID int64, key jsonKey, make func() (any, error)) error {
	st, err := a.Stamps(r.Context(), athleteID)
	if err != nil {
		v, err := make()
		if err != nil {
			return err
		}
		server.WriteJSON(w, http.StatusOK, v)
		return nil
	}
	gz, err := a.Responses().GetOrMake(athleteID, key, st, func() (any, int, error) {
		v, err := make()
		if err != nil {
			return nil, 0, err
		}
		gz, err := server.GzipJSON(v)
		if err != nil {
			return nil, 0, err
		}
		return gz, len(gz) + 256, nil
	})
	if err != nil {
		return err
	}
	server.WriteGzippedJSON(w, r, http.StatusOK, gz.([]byte))
	return nil
}

// cachedView is asOfView for a view the App keeps (home, training): its
// JSON is kept under the view's identity.
func cachedView[T any](a *API, route string, view func(context.Context, *rekindle.Athlete, time.Time) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		ath, v, err := viewAsOf(a, r, p, view)
		if err != nil {
			return err
		}
		if rv := reflect.ValueOf(v); rv.Kind() != reflect.Pointer || rv.IsNil() {
			server.WriteJSON(w, http.StatusOK, v) // no identity to keep it under
			return nil
		}
		return a.sendCached(w, r, ath.ID, jsonKey{route: route, of: v}, func() (any, error) { return v, nil })
	}
}

// datedView is asOfView for a view made for the stamp, the day asked for
// and the athlete's zone (races): its JSON is kept under those, before
// the view is made.
func datedView[T any](a *API, route string, view func(context.Context, *rekindle.Athlete, time.Time) (T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
		ath, asOf, err := a.athleteAsOf(r, p)
		if err != nil {
			return err
		}
		key := jsonKey{route: route, query: asOf.Format(time.RFC3339Nano) + "\x00" + ath.TimeZone}
		return a.sendCached(w, r, ath.ID, key, func() (any, error) { return view(r.Context(), ath, asOf) })
	}
}
