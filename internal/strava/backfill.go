package strava

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"rekindle"
	"rekindle/internal/store"
	"rekindle/internal/stravadoc"
)

// Doc is one fetched Strava activity, ready for the import path: the
// stravadoc document is what gets stored, deduped and kept as the original.
type Doc struct {
	StravaID int64
	Name     string // "strava-123.json": how the import names it
	Data     []byte
	Private  bool // private on Strava: private to coaches here too
}

// DocResult is what the import made of a document.
type DocResult struct {
	StravaID    int64
	Status      string // imported | partial | duplicate | failed
	ActivityIDs []int64
	Error       string
}

// Importer stores documents through the same path as files (same
// dedupe: a run already imported from its FIT file is not stored twice,
// the richer record wins) and reports each one.
type Importer func(ctx context.Context, athleteID int64, docs []Doc) ([]DocResult, error)

// SyncStore is what the backfill and the webhook keep in the store.
type SyncStore interface {
	StravaSyncOf(ctx context.Context, athleteID int64) (*store.StravaSync, error)
	SaveStravaSync(ctx context.Context, v *store.StravaSync) error
	StravaActivityOf(ctx context.Context, athleteID, stravaID int64) (*store.StravaActivity, error)
	SaveStravaActivity(ctx context.Context, v *store.StravaActivity) error
	SetActivityPrivate(ctx context.Context, athleteID, activityID int64, private bool, now time.Time) error
}

// PageSize is how many activities one list call asks for (Strava's most).
const PageSize = 200

// BatchSize is how many fetched activities go through one import.
const BatchSize = 50

// Backfill fetches the athlete's whole Strava history, newest first, page
// by page, and stores each activity through imp. It resumes where it
// stopped (the cursor and every activity fetched are in the store): an
// activity is fetched and stored once, also across a kill. progress, when
// set, is told after each batch.
func (c *Client) Backfill(ctx context.Context, st SyncStore, athleteID int64, imp Importer, progress func(store.StravaSync)) (*store.StravaSync, error) {
	now := c.cfg.Now()
	sync, err := st.StravaSyncOf(ctx, athleteID)
	switch {
	case errors.Is(err, rekindle.ErrNotFound):
		sync = &store.StravaSync{AthleteID: athleteID, Started: now}
	case err != nil:
		return nil, err
	case sync.State == "done":
		// A new backfill after a finished one: from now, the activities
		// already fetched are skipped.
		sync = &store.StravaSync{AthleteID: athleteID, Started: now}
	}
	sync.State, sync.LastError, sync.Updated = "running", "", now
	if err := st.SaveStravaSync(ctx, sync); err != nil {
		return nil, err
	}
	fail := func(err error) (*store.StravaSync, error) {
		sync.State, sync.LastError, sync.Updated = "failed", err.Error(), c.cfg.Now()
		if errors.Is(err, context.Canceled) || errors.Is(err, ErrRateLimited) {
			sync.State = "waiting" // taken up again where it stopped
		}
		if serr := st.SaveStravaSync(context.WithoutCancel(ctx), sync); serr != nil {
			return sync, errors.Join(err, serr)
		}
		return sync, err
	}
	// The activities of the last page that started in its oldest second:
	// the next page lists them again (see below) and they are not counted twice.
	var boundary map[int64]bool
	for {
		var before time.Time
		if sync.BeforeS > 0 {
			before = time.Unix(sync.BeforeS, 0)
		}
		items, err := c.ListActivities(ctx, athleteID, before, PageSize)
		if err != nil {
			return fail(err)
		}
		if len(items) == 0 {
			break
		}
		oldest := int64(0)
		var batch []Doc
		var listed []Summary
		flush := func() error {
			if len(batch) == 0 {
				return nil
			}
			if err := c.storeDocs(ctx, st, athleteID, imp, batch, sync); err != nil {
				return err
			}
			batch = batch[:0]
			sync.Updated = c.cfg.Now()
			if err := st.SaveStravaSync(ctx, sync); err != nil {
				return err
			}
			if progress != nil {
				progress(*sync)
			}
			return nil
		}
		for _, raw := range items {
			var s Summary
			if err := json.Unmarshal(raw, &s); err != nil || s.ID == 0 || s.StartDate.IsZero() {
				c.log().Warn("strava: a listed activity could not be read; skipped", "athlete", athleteID, "err", err, "item", trimJSON(raw))
				sync.Failed++
				continue
			}
			if u := s.StartDate.Unix(); oldest == 0 || u < oldest {
				oldest = u
			}
			listed = append(listed, s)
			if boundary[s.ID] {
				continue
			}
			sync.Listed++
			if rec, err := st.StravaActivityOf(ctx, athleteID, s.ID); err == nil && rec.Outcome != "failed" {
				sync.Known++
				continue
			} else if err != nil && !errors.Is(err, rekindle.ErrNotFound) {
				return fail(err)
			}
			doc, err := c.fetchDoc(ctx, athleteID, s, raw)
			if err != nil {
				if errors.Is(err, context.Canceled) || errors.Is(err, ErrRateLimited) || isAuth(err) {
					return fail(err)
				}
				// One bad activity does not stop the history.
				sync.Failed++
				c.log().Warn("strava: activity not fetched", "athlete", athleteID, "strava_id", s.ID, "err", err)
				if err := st.SaveStravaActivity(ctx, &store.StravaActivity{AthleteID: athleteID, StravaID: s.ID, Outcome: "failed",
					Detail: err.Error(), Updated: c.cfg.Now()}); err != nil {
					return fail(err)
				}
				continue
			}
			batch = append(batch, doc)
			if len(batch) >= BatchSize {
				if err := flush(); err != nil {
					return fail(err)
				}
			}
		}
		if err := flush(); err != nil {
			return fail(err)
		}
		if oldest == 0 {
			break
		}
		boundary = map[int64]bool{}
		for _, s := range listed {
			if s.StartDate.Unix() == oldest {
				boundary[s.ID] = true
			}
		}
		// The next page: what started before this page's oldest. A page
		// of many activities in the same second (never seen) would list
		// them again; they are known by then.
		next := oldest
		if len(items) >= PageSize {
			next = oldest + 1
		}
		if sync.BeforeS != 0 && next >= sync.BeforeS {
			break // no progress: the end
		}
		sync.BeforeS = next
		sync.Updated = c.cfg.Now()
		if err := st.SaveStravaSync(ctx, sync); err != nil {
			return fail(err)
		}
		if len(items) < PageSize {
			break
		}
	}
	sync.State, sync.Updated = "done", c.cfg.Now()
	if err := st.SaveStravaSync(ctx, sync); err != nil {
		return nil, err
	}
	if progress != nil {
		progress(*sync)
	}
	return sync, nil
}

func isAuth(err error) bool {
	var ae *APIError
	return errors.As(err, &ae) && (ae.Status == 401 || ae.Status == 403)
}

func trimJSON(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// fetchDoc fetches an activity's streams (none for one entered by hand)
// and makes its document; listed is the activity as the list gave it.
func (c *Client) fetchDoc(ctx context.Context, athleteID int64, s Summary, listed []byte) (Doc, error) {
	var streams []byte
	if !s.Manual {
		var err error
		streams, err = c.Streams(ctx, athleteID, s.ID)
		if err != nil {
			return Doc{}, err
		}
	}
	data, err := stravadoc.Encode(listed, streams)
	if err != nil {
		return Doc{}, fmt.Errorf("strava activity %d: %w", s.ID, err)
	}
	sa, err := stravadoc.ReadActivity(data)
	if err != nil {
		return Doc{}, err
	}
	return Doc{StravaID: s.ID, Name: "strava-" + strconv.FormatInt(s.ID, 10) + ".json", Data: data, Private: sa.PrivateToCoach()}, nil
}

// storeDocs imports a batch and records each activity's outcome.
func (c *Client) storeDocs(ctx context.Context, st SyncStore, athleteID int64, imp Importer, batch []Doc, sync *store.StravaSync) error {
	res, err := imp(ctx, athleteID, batch)
	if err != nil {
		return err
	}
	byID := map[int64]DocResult{}
	for _, r := range res {
		byID[r.StravaID] = r
	}
	now := c.cfg.Now()
	for _, d := range batch {
		r, ok := byID[d.StravaID]
		rec := &store.StravaActivity{AthleteID: athleteID, StravaID: d.StravaID, Updated: now}
		switch {
		case !ok:
			rec.Outcome, rec.Detail = "failed", "the import did not report it"
			sync.Failed++
		case r.Status == store.StatusFailed:
			rec.Outcome, rec.Detail = "failed", r.Error
			sync.Failed++
		case r.Status == store.StatusDuplicate:
			rec.Outcome = "duplicate"
			sync.Known++
		default:
			rec.Outcome = "imported"
			sync.Stored++
		}
		if ok && len(r.ActivityIDs) > 0 {
			rec.ActivityID = r.ActivityIDs[0]
			if d.Private {
				if err := st.SetActivityPrivate(ctx, athleteID, rec.ActivityID, true, now); err != nil {
					return err
				}
			}
		}
		if err := st.SaveStravaActivity(ctx, rec); err != nil {
			return err
		}
	}
	return nil
}
