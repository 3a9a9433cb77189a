package web

import (
	"bytes"
	"html/template"
	"testing"

	"rekindle"
)

// TestSportOptionsSameMarkup: the activity page's pre-rendered sport list
// is the markup its template wrote inline, for every sport selected and an
// unknown one.
func TestSportOptionsSameMarkup(t *testing.T) {
	inline := template.Must(template.New("x").Funcs(template.FuncMap{"sportName": sportName}).Parse(
		`<form><select id="edit-sport" name="sport">{{range $.EditSports}}<option value="{{.}}"{{if eq . $.Sport}} selected{{end}}>{{sportName .}}</option>{{end}}</select></form>`))
	cached := template.Must(template.New("y").Funcs(template.FuncMap{"sportOptions": sportOptions}).Parse(
		`<form><select id="edit-sport" name="sport">{{sportOptions $.Sport}}</select></form>`))
	for _, sp := range append(append([]rekindle.Sport{}, rekindle.Sports...), "made_up<x>", "") {
		for range 2 { // the second from the kept list
			var a, b bytes.Buffer
			d := map[string]any{"EditSports": editSports, "Sport": sp}
			if err := inline.Execute(&a, d); err != nil {
				t.Fatal(err)
			}
			if err := cached.Execute(&b, d); err != nil {
				t.Fatal(err)
			}
			if a.String() != b.String() {
				t.Fatalf("%q:\n%s\nwant\n%s", sp, b.String(), a.String())
			}
		}
	}
}
