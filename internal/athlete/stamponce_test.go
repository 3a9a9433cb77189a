package athlete

import (
	"context"
	"testing"

	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// stampLookups counts how often the athlete's stamp memo is looked up on
// it: without a memo (WithStamps) each look-up is a read of the stamp.
type stampLookups struct {
	context.Context
	n int
}

func (c *stampLookups) Value(k any) any {
	if _, ok := k.(stampsKey); ok {
		c.n++
	}
	return c.Context.Value(k)
}

// TestOneStampPerCall: a view asked for outside a server request (the
// command line, a job) reads the athlete's stamp once, as a request does:
// a view not cached yet used to read it in peek, again in history and
// again for the training picture inside the home view, so a write landing
// between the reads made one page of two versions of the data (and read
// the history twice).
func TestOneStampPerCall(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir()+"/t.db")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ath := cacheRunner(t, st, "once")
	a := New(Config{Store: st, Spark: StoreSpark{Store: st}, Now: testkit.Now})
	day := testkit.Midnight
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"Home", func(ctx context.Context) error { _, err := a.Home(ctx, ath, day); return err }},
		{"Training", func(ctx context.Context) error { _, err := a.Training(ctx, ath, day.AddDate(0, 0, -1)); return err }},
		{"Activities", func(ctx context.Context) error {
			_, err := a.Activities(ctx, ath, ListQuery{Page: 1, PerPage: 10})
			return err
		}},
		{"Week", func(ctx context.Context) error { _, err := a.Week(ctx, ath.ID, day); return err }},
		{"SparkInput", func(ctx context.Context) error { _, err := a.SparkInput(ctx, ath, day); return err }},
	}
	for round := range 2 { // cold (nothing cached), then warm
		for _, c := range calls {
			lc := &stampLookups{Context: ctx}
			if err := c.call(lc); err != nil {
				t.Fatal(err)
			}
			if lc.n != 1 {
				t.Errorf("round %d: %s read the athlete's stamp %d times, want once", round, c.name, lc.n)
			}
		}
	}
}
