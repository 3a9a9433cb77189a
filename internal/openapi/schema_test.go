package openapi

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

type inner struct {
	N int `json:"n"`
}

type Base struct {
	ID   int64  `json:"id"`
	Kind string `json:"kind,omitempty"`
}

type sample struct {
	Base
	*inner
	Name    string         `json:"name"`
	Note    string         `json:"note,omitempty"`
	When    time.Time      `json:"when"`
	Later   time.Time      `json:"later,omitzero"`
	Ptr     *float64       `json:"ptr"`
	List    []string       `json:"list"`
	Bytes   []byte         `json:"bytes"`
	Map     map[string]int `json:"map"`
	ByID    map[int64]bool `json:"by_id"`
	Self    *sample        `json:"self,omitempty"`
	Any     any            `json:"any"`
	Skip    string         `json:"-"`
	Count   uint           `json:"count,string"`
	NoTag   bool
	private int
}

// TestGenerator: the schema follows encoding/json's rules.
func TestGenerator(t *testing.T) {
	g := NewGenerator()
	if got := g.For(reflect.TypeFor[sample]()); !reflect.DeepEqual(got, Ref("sample")) {
		t.Fatalf("For(sample) = %v", got)
	}
	s := g.Components["sample"]
	b, _ := json.Marshal(s)
	props := s["properties"].(Schema)
	want := map[string]string{
		"id": `{"type":"integer"}`, "kind": `{"type":"string"}`, "note": `{"type":"string"}`, "n": `{"type":"integer"}`, "name": `{"type":"string"}`,
		"when": `{"format":"date-time","type":"string"}`, "later": `{"format":"date-time","type":"string"}`,
		"ptr": `{"type":["number","null"]}`, "list": `{"items":{"type":"string"},"type":["array","null"]}`,
		"bytes": `{"contentEncoding":"base64","type":["string","null"]}`,
		"map":   `{"additionalProperties":{"type":"integer"},"type":["object","null"]}`,
		"by_id": `{"additionalProperties":{"type":"boolean"},"propertyNames":{"pattern":"^-?[0-9]+$"},"type":["object","null"]}`,
		"self":  `{"anyOf":[{"$ref":"#/components/schemas/sample"},{"type":"null"}]}`,
		"any":   `{}`, "count": `{"type":"string"}`, "NoTag": `{"type":"boolean"}`,
	}
	for k, w := range want {
		got, _ := json.Marshal(props[k])
		if string(got) != w {
			t.Errorf("%s: %s, want %s", k, got, w)
		}
	}
	if len(props) != len(want) {
		t.Errorf("%d properties, want %d: %s", len(props), len(want), b)
	}
	req, _ := json.Marshal(s["required"])
	// omitempty/omitzero and fields of a nil-able embedded pointer are optional.
	if string(req) != `["NoTag","any","by_id","bytes","count","id","list","map","name","ptr","when"]` {
		t.Errorf("required %s", req)
	}
	if s["additionalProperties"] != false {
		t.Errorf("struct not closed: %s", b)
	}
}

type Row struct{ A int }

// TestBodyReservesName: a request body component and a named type with the
// same name do not overwrite each other.
func TestBodyReservesName(t *testing.T) {
	g := NewGenerator()
	g.Body("Row", reflect.TypeFor[struct {
		X int `json:"x"`
	}](), []string{"x"}, nil)
	ref := g.For(reflect.TypeFor[Row]())
	if ref["$ref"] == "#/components/schemas/Row" {
		t.Fatalf("the type Row took the request body's name")
	}
	if _, ok := g.Components["Row"]["properties"].(Schema)["x"]; !ok {
		t.Errorf("request body Row overwritten: %v", g.Components["Row"])
	}
}
