package tcx

import (
	"errors"
	"strings"
	"testing"

	"rekindle/internal/xmlscan"
)

func TestCaps(t *testing.T) {
	file := func(n int) string {
		return `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id><Lap StartTime="2020-01-01T00:00:00Z"><Track>` +
			strings.Repeat(`<Trackpoint><Time>2020-01-01T00:00:00Z</Time><HeartRateBpm><Value>120</Value></HeartRateBpm></Trackpoint>`, n) +
			`</Track></Lap></Activity></Activities></TrainingCenterDatabase>`
	}
	acts, err := decode(strings.NewReader(file(100)), limits{samples: 100, token: xmlscan.MaxToken})
	if err != nil || acts[0].Track.Len() != 100 {
		t.Fatalf("at the cap: %v", err)
	}
	if _, err := decode(strings.NewReader(file(101)), limits{samples: 100, token: xmlscan.MaxToken}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("over the sample cap: err = %v", err)
	}
	long := `<TrainingCenterDatabase><Activities><Activity Sport="Running"><Notes>` + strings.Repeat("x", 10000) + `</Notes></Activity></Activities></TrainingCenterDatabase>`
	if _, err := decode(strings.NewReader(long), limits{samples: 100, token: 4096}); !errors.Is(err, xmlscan.ErrTooLarge) {
		t.Fatalf("over the token cap: err = %v", err)
	}
}
