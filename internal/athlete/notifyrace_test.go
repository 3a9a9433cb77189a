package athlete

import (
	"context"
	"slices"
	"sync"
	"testing"

	"rekindle/internal/notify"
	"rekindle/internal/store"
	"rekindle/internal/testkit"
)

// TestSaveNotifySettingsConcurrent: settings saved at once from two tabs
// (or the API), each turning one kind of e-mail off, turn every one of them
// off. Each save read the settings, changed its kinds and wrote them back
// whole: the last write won and the other kinds came back on.
func TestSaveNotifySettingsConcurrent(t *testing.T) {
	ctx := context.Background()
	for name, st := range store.TestStores(t) {
		t.Run(name, func(t *testing.T) {
			app := New(Config{Store: st, Now: testkit.Now})
			for round := range 4 {
				ath, err := st.DefaultAthlete(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if err := st.SaveNotifySettings(ctx, ath.ID, store.NotifySettings{QuietStart: -1, QuietEnd: -1}); err != nil {
					t.Fatal(err)
				}
				var wg sync.WaitGroup
				start := make(chan struct{})
				errs := make([]error, len(notify.Kinds))
				for i, k := range notify.Kinds {
					wg.Add(1)
					go func() {
						defer wg.Done()
						<-start
						_, errs[i] = app.SaveNotifySettings(ctx, ath.ID, NotifySettingsForm{Email: map[string]bool{string(k): false}})
					}()
				}
				close(start)
				wg.Wait()
				for i, err := range errs {
					if err != nil {
						t.Fatalf("round %d: %s: %v", round, notify.Kinds[i], err)
					}
				}
				ns, err := st.GetNotifySettings(ctx, ath.ID)
				if err != nil {
					t.Fatal(err)
				}
				for _, k := range notify.Kinds {
					if !slices.Contains(ns.EmailOff, string(k)) {
						t.Fatalf("round %d: %s still e-mailed: off %v", round, k, ns.EmailOff)
					}
				}
				// The next round starts with every kind on again.
				all := map[string]bool{}
				for _, k := range notify.Kinds {
					all[string(k)] = true
				}
				if _, err := app.SaveNotifySettings(ctx, ath.ID, NotifySettingsForm{Email: all}); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
