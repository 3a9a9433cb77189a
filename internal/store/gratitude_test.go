package store

import (
	"context"
	"errors"
	"testing"

	"rekindle"
	"rekindle/internal/gratitude"
)

func TestGratitude(t *testing.T) {
	ctx := context.Background()
	for name, s := range TestStores(t) {
		t.Run(name, func(t *testing.T) {
			a, b := newTestAthletes(t, s)
			for _, e := range []gratitude.Entry{{Day: "2025-03-01", Text: "  the river at dawn  "}, {Day: "2025-03-05", Text: "friends I met at parkrun"}, {Day: "2025-03-03", Text: "head cleared\x00 after work"}} {
				if err := s.AddGratitude(ctx, a, &e); err != nil || e.ID == 0 {
					t.Fatal(err)
				}
			}
			if err := s.AddGratitude(ctx, a, &gratitude.Entry{Day: "2025-03-01", Text: "  "}); rekindle.ErrorCode(err) != rekindle.CodeInvalid {
				t.Errorf("empty entry: %v", err)
			}
			list, err := s.ListGratitude(ctx, a, "")
			if err != nil || len(list) != 3 || list[0].Day != "2025-03-05" || list[2].Text != "the river at dawn" || list[1].Text != "head cleared after work" {
				t.Fatalf("list %+v %v", list, err)
			}
			if upTo, _ := s.ListGratitude(ctx, a, "2025-03-03"); len(upTo) != 2 {
				t.Errorf("up to 3 Mar: %+v", upTo)
			}
			if other, _ := s.ListGratitude(ctx, b, ""); len(other) != 0 {
				t.Errorf("other athlete sees %d entries", len(other))
			}
			if err := s.DeleteGratitude(ctx, b, list[0].ID); !errors.Is(err, rekindle.ErrNotFound) {
				t.Errorf("other athlete deletes: %v", err)
			}
			if err := s.DeleteGratitude(ctx, a, list[0].ID); err != nil {
				t.Error(err)
			}
		})
	}
}
