package api

import (
	"net/http"
	"strconv"
	"strings"

	"rekindle/internal/athlete"
	"rekindle/internal/server"
)

// JobList is the admin's list of background jobs.
type JobList struct {
	Items []athlete.JobView `json:"items"`
}

// getJobs lists the background jobs (?state=a,b&kind=K&limit=N), newest first.
func (a *API) getJobs(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	q := r.URL.Query()
	f := athlete.JobFilter{Kind: q.Get("kind")}
	if s := q.Get("state"); s != "" {
		f.States = strings.Split(s, ",")
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return invalid("limit: a number from 1 to 1000")
		}
		f.Limit = n
	}
	list, err := a.Jobs(r.Context(), f)
	if err != nil {
		return err
	}
	if list == nil {
		list = []athlete.JobView{}
	}
	server.WriteJSON(w, http.StatusOK, JobList{Items: list})
	return nil
}

// retryJob runs a job again now.
func (a *API) retryJob(w http.ResponseWriter, r *http.Request, p *server.Principal) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	j, err := a.RetryJob(r.Context(), id)
	if err != nil {
		return err
	}
	server.WriteJSON(w, http.StatusOK, j)
	return nil
}
