package store

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

// countdownCtx is a context that is cancelled on the n-th call of its Err
// method: a cancel that lands at a chosen point of a batch's statements.
type countdownCtx struct {
	context.Context
	n      *atomic.Int32
	cancel context.CancelFunc
}

func (c countdownCtx) Err() error {
	if c.n.Add(-1) < 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// TestBatchCancelledMidway cancels a batch's context at each point of its
// writing in turn (its statements run under a context that never ends, the
// cancel seen between them): the batch is written whole or not at all, and
// a batch not written reports the cancel.
func TestBatchCancelledMidway(t *testing.T) {
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			ath, _ := s.DefaultAthlete(ctx)
			base := time.Date(2023, 1, 1, 7, 0, 0, 0, time.UTC)
			var news []*PreparedActivity
			var origs []Original
			var files []FileRecord
			for i := range 5 {
				p, err := Prepare(sampleActivity(base.Add(time.Duration(i)*time.Hour), 10))
				if err != nil {
					t.Fatal(err)
				}
				sha := string(rune('a' + i))
				p.A.Source.SHA256 = sha
				news = append(news, p)
				origs = append(origs, Original{SHA256: sha, Name: sha + ".fit", Kind: "fit", Size: 3, Data: CompressOriginal([]byte("abc"))})
				files = append(files, FileRecord{SHA256: sha, Name: sha + ".fit", Status: StatusImported})
			}
			cancelled := 0
			for k := int32(0); ; k++ {
				if k > 200 {
					t.Fatal("the batch never got written")
				}
				inner, cancel := context.WithCancel(ctx)
				n := &atomic.Int32{}
				n.Store(k)
				err := s.WriteBatch(countdownCtx{inner, n, cancel}, ath.ID, &Batch{New: news, Originals: origs, Files: files})
				cancel()
				acts, _ := s.CountActivities(ctx, ath.ID)
				o, _ := s.ListOriginals(ctx, ath.ID)
				f, _ := s.ListFiles(ctx, ath.ID)
				if err != nil {
					if !errors.Is(err, context.Canceled) {
						t.Fatalf("cancel after %d checks: %v, want context.Canceled", k, err)
					}
					if acts != 0 || len(o) != 0 || len(f) != 0 {
						t.Fatalf("cancel after %d checks: half written: %d activities, %d originals, %d files", k, acts, len(o), len(f))
					}
					cancelled++
					continue
				}
				if acts != 5 || len(o) != 5 || len(f) != 5 {
					t.Fatalf("written after %d checks: %d activities, %d originals, %d files, want 5 each", k, acts, len(o), len(f))
				}
				if name == "sqlite" && cancelled < 10 {
					t.Fatalf("only %d cancels landed before the batch got written, want one between each of its statements", cancelled)
				}
				break
			}
		})
	}
}
