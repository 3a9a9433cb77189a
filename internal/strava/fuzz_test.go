package strava

import (
	"encoding/json"
	"testing"
	"time"
	"unicode/utf8"

	"rekindle/internal/testkit"
)

// FuzzParseEvent: any webhook body (the internet posts to it) is refused
// with an error or read into an event whose fields passed the checks, whose
// updates are valid JSON text, and whose key is the same on a re-read.
func FuzzParseEvent(f *testing.F) {
	for _, s := range []string{
		`{"aspect_type":"create","event_time":1749110400,"object_id":1360128428,"object_type":"activity","owner_id":134815,"subscription_id":777,"updates":{}}`,
		`{"aspect_type":"update","event_time":1749110400,"object_id":1,"object_type":"activity","owner_id":2,"subscription_id":777,"updates":{"title":"Café run","type":"Run","private":"true"}}`,
		`{"aspect_type":"update","event_time":1749110400,"object_id":2,"object_type":"athlete","owner_id":2,"subscription_id":777,"updates":{"authorized":false}}`,
		`{"aspect_type":"delete","event_time":1749110400,"object_id":3,"object_type":"activity","owner_id":2,"subscription_id":1}`,
		`{"updates":{"title":12.5}}`, `[]`, `null`, `{`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		e, err := ParseEvent(body, 777, testkit.Today)
		if err != nil {
			if e != nil {
				t.Fatal("an event with an error")
			}
			return
		}
		if e.ObjectID <= 0 || e.OwnerID <= 0 || e.EventTime <= 0 || (e.ObjectType != "activity" && e.ObjectType != "athlete") ||
			!e.Next.Equal(testkit.Today) || e.State != "pending" {
			t.Fatalf("accepted %+v", e)
		}
		var upd map[string]string
		if err := json.Unmarshal([]byte(e.Updates), &upd); err != nil || !utf8.ValidString(e.Updates) {
			t.Fatalf("updates %q: %v", e.Updates, err)
		}
		again, err := ParseEvent(body, 777, testkit.Today.Add(time.Hour))
		if err != nil || again.Key != e.Key {
			t.Fatalf("re-read: %v, key %s != %s", err, again.Key, e.Key)
		}
	})
}

// FuzzParsePair: Strava's rate-limit headers ("100,1000") from the
// network are read into two non-negative numbers or refused.
func FuzzParsePair(f *testing.F) {
	for _, s := range []string{"100,1000", " 7 , 99 ", "1,2,3", "-1,5", "", ",", "99999999999999999999,1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a, b, ok := parsePair(h)
		if !ok && (a != 0 || b != 0) || a < 0 || b < 0 {
			t.Fatalf("parsePair(%q) = %d %d %v", h, a, b, ok)
		}
	})
}
