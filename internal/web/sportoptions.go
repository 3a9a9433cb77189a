package web

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"rekindle"
)

// sportOptionsTmpl is the activity page's sport <option> list, the same
// markup the page's template wrote per request (one option per sport in
// editSports, the activity's own selected).
var sportOptionsTmpl = template.Must(template.New("options").Funcs(template.FuncMap{
	"sportName": sportName,
}).Parse(`<select>{{range .Sports}}<option value="{{.}}"{{if eq . $.Selected}} selected{{end}}>{{sportName .}}</option>{{end}}</select>`))

// sportOptionsOf keeps the rendered option lists by selected sport: the
// activity page executed them (23 options, three template calls each) for
// every activity it rendered.
var sportOptionsOf sync.Map // rekindle.Sport → template.HTML

// sportName is how pages name a sport ("trail running").
func sportName(s any) string { return strings.ReplaceAll(fmt.Sprint(s), "_", " ") }

// sportOptions is the <option> list of the sports an activity can be set
// to, with sel selected: rendered once per known sport.
func sportOptions(sel rekindle.Sport) (template.HTML, error) {
	if v, ok := sportOptionsOf.Load(sel); ok {
		return v.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := sportOptionsTmpl.Execute(&b, struct {
		Sports   []rekindle.Sport
		Selected rekindle.Sport
	}{editSports, sel}); err != nil {
		return "", err
	}
	h := template.HTML(strings.TrimSuffix(strings.TrimPrefix(b.String(), "<select>"), "</select>"))
	if sel.Known() {
		sportOptionsOf.Store(sel, h)
	}
	return h, nil
}
