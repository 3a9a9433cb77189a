package store

import (
	"context"
	"slices"
	"testing"
)

// TestShownIdeas: shown ideas are kept per athlete and day, the first
// items of a day stay, and a day range reads back in order.
func TestShownIdeas(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			if err := s.RecordShown(ctx, a, []ShownIdea{{Day: "2025-03-02", RecID: "cross-new-class", Items: []string{"Tue: a yoga class", "Wed: a spin class"}},
				{Day: "2025-03-01", RecID: "reward-treat"}}); err != nil {
				t.Fatal(err)
			}
			// The same idea again that day: the first record stays.
			if err := s.RecordShown(ctx, a, []ShownIdea{{Day: "2025-03-02", RecID: "cross-new-class", Items: []string{"Thu: a barre class"}}}); err != nil {
				t.Fatal(err)
			}
			if err := s.RecordShown(ctx, b, []ShownIdea{{Day: "2025-03-02", RecID: "rest-light-week"}}); err != nil {
				t.Fatal(err)
			}
			list, err := s.ListShown(ctx, a, "2025-03-01", "2025-03-03")
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 2 || list[0].RecID != "reward-treat" || list[1].RecID != "cross-new-class" ||
				!slices.Equal(list[1].Items, []string{"Tue: a yoga class", "Wed: a spin class"}) || list[0].Items != nil {
				t.Fatalf("shown %+v", list)
			}
			if before, _ := s.ListShown(ctx, a, "2025-03-01", "2025-03-02"); len(before) != 1 {
				t.Errorf("to is exclusive: %+v", before)
			}
			if other, _ := s.ListShown(ctx, b, "2025-01-01", "2026-01-01"); len(other) != 1 || other[0].RecID != "rest-light-week" {
				t.Errorf("athlete b: %+v", other)
			}
		})
	}
}
