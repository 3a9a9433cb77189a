// Package openapi derives JSON Schemas (OpenAPI 3.1 dialect, JSON Schema
// 2020-12) from Go types by reflection, following encoding/json: json tags,
// omitempty/omitzero fields are optional and the others required, embedded
// structs are flattened, pointers, slices and maps are nullable (Go encodes
// nil as null), time.Time is a date-time string, []byte a base64 string.
// Structs are closed (additionalProperties: false) because encoding/json
// writes only their fields; named structs become components.
package openapi

import (
	"encoding"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Schema is one JSON Schema object.
type Schema = map[string]any

// Generator collects the component schemas of the types it has seen.
type Generator struct {
	// Components are the named schemas, keyed by component name.
	Components map[string]Schema
	names      map[reflect.Type]string
	taken      map[string]reflect.Type
	// Override gives a type's schema instead of deriving it.
	Override map[reflect.Type]Schema
}

// NewGenerator returns an empty generator.
func NewGenerator() *Generator {
	return &Generator{Components: map[string]Schema{}, names: map[reflect.Type]string{}, taken: map[string]reflect.Type{}, Override: map[reflect.Type]Schema{}}
}

// Ref is a reference to a component schema.
func Ref(name string) Schema { return Schema{"$ref": "#/components/schemas/" + name} }

var (
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
	rawType      = reflect.TypeFor[json.RawMessage]()
	jsonMarsh    = reflect.TypeFor[json.Marshaler]()
	textMarsh    = reflect.TypeFor[encoding.TextMarshaler]()
)

// For returns the schema of values of type t as encoding/json writes them
// (a $ref for a named struct, registered as a component).
func (g *Generator) For(t reflect.Type) Schema {
	if s, ok := g.Override[t]; ok {
		return clone(s)
	}
	switch {
	case t == timeType:
		return Schema{"type": "string", "format": "date-time"}
	case t == durationType:
		return Schema{"type": "integer", "description": "nanoseconds"}
	case t == rawType:
		return Schema{}
	case t.Kind() != reflect.Pointer && t.Implements(jsonMarsh), t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(jsonMarsh):
		return Schema{} // its own encoding: any value
	case t.Kind() != reflect.Pointer && (t.Implements(textMarsh) || reflect.PointerTo(t).Implements(textMarsh)):
		return Schema{"type": "string"}
	}
	switch t.Kind() {
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return Schema{"type": "integer"}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return Schema{"type": "integer", "minimum": 0}
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Interface:
		return Schema{}
	case reflect.Pointer:
		return nullable(g.For(t.Elem()))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 && !t.Elem().Implements(jsonMarsh) && !t.Elem().Implements(textMarsh) {
			return Schema{"type": []any{"string", "null"}, "contentEncoding": "base64"}
		}
		return Schema{"type": []any{"array", "null"}, "items": g.For(t.Elem())}
	case reflect.Array:
		return Schema{"type": "array", "items": g.For(t.Elem()), "minItems": t.Len(), "maxItems": t.Len()}
	case reflect.Map:
		s := Schema{"type": []any{"object", "null"}, "additionalProperties": g.For(t.Elem())}
		if k := t.Key().Kind(); k >= reflect.Int && k <= reflect.Uint64 {
			s["propertyNames"] = Schema{"pattern": "^-?[0-9]+$"}
		}
		return s
	case reflect.Struct:
		if t.Name() == "" {
			return g.structSchema(t)
		}
		name, ok := g.names[t]
		if !ok {
			name = g.name(t)
			g.names[t] = name
			g.Components[name] = Schema{} // placeholder: recursion ends here
			g.Components[name] = g.structSchema(t)
		}
		return Ref(name)
	}
	panic(fmt.Sprintf("openapi: no JSON schema for %s (%s)", t, t.Kind()))
}

// Body is the schema of a request body of struct type t under the
// component name name, with required naming the fields a request must send
// (decoders do not require fields; the handler's validation does), and
// props adding constraints (enum, minimum, …) to properties.
func (g *Generator) Body(name string, t reflect.Type, required []string, props map[string]Schema) Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := g.structSchema(t)
	delete(s, "required")
	if len(required) > 0 {
		s["required"] = required
	}
	ps := s["properties"].(Schema)
	for k, extra := range props {
		p, ok := ps[k].(Schema)
		if !ok {
			panic(fmt.Sprintf("openapi: %s has no property %q", name, k))
		}
		p = clone(p)
		for kk, v := range extra {
			p[kk] = v
		}
		ps[k] = p
	}
	for _, r := range required {
		if _, ok := ps[r]; !ok {
			panic(fmt.Sprintf("openapi: %s has no property %q to require", name, r))
		}
	}
	if other, ok := g.taken[name]; ok && other != t {
		panic(fmt.Sprintf("openapi: component name %s used twice", name))
	}
	g.taken[name] = t // a named type of the same name gets a package prefix
	g.Components[name] = s
	return Ref(name)
}

// Named registers t's schema as a component and returns the reference.
func (g *Generator) Named(t reflect.Type) Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return g.For(t)
}

// Annotate registers t's schema as a component (as Named) and merges extra
// keywords (description, enum, …) into some of its properties; it panics on
// a property t does not have, so a renamed field cannot leave a stale note.
func (g *Generator) Annotate(t reflect.Type, props map[string]Schema) Schema {
	ref := g.Named(t)
	name := strings.TrimPrefix(ref["$ref"].(string), "#/components/schemas/")
	ps, _ := g.Components[name]["properties"].(Schema)
	for k, extra := range props {
		p, ok := ps[k].(Schema)
		if !ok {
			panic(fmt.Sprintf("openapi: %s has no property %q", name, k))
		}
		p = clone(p)
		for kk, v := range extra {
			p[kk] = v
		}
		ps[k] = p
	}
	return ref
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// name is the component name of a named type: its Go name (generic
// arguments joined with _), prefixed by its package when another type has
// the same name.
func (g *Generator) name(t reflect.Type) string {
	n := t.Name()
	if i := strings.IndexByte(n, '['); i >= 0 {
		args := n[i+1 : len(n)-1]
		var parts []string
		for _, a := range strings.Split(args, ",") {
			a = a[strings.LastIndexAny(a, "./")+1:]
			parts = append(parts, a)
		}
		n = n[:i] + "_" + strings.Join(parts, "_")
	}
	n = strings.Trim(unsafeName.ReplaceAllString(n, "_"), "_")
	if other, ok := g.taken[n]; ok && other != t {
		pkg := t.PkgPath()
		pkg = pkg[strings.LastIndexByte(pkg, '/')+1:]
		n = pkg + "." + n
		for i := 2; g.taken[n] != nil && g.taken[n] != t; i++ {
			n = fmt.Sprintf("%s.%s%d", pkg, t.Name(), i)
		}
	}
	g.taken[n] = t
	return n
}

type field struct {
	name     string
	t        reflect.Type
	optional bool
	asString bool
	index    []int
}

// fields lists the JSON fields of struct t as encoding/json does: embedded
// structs without a tag flatten into their parent, shallower names win.
func fields(t reflect.Type) []field {
	var out []field
	seen := map[string]int{} // name → depth
	var walk func(t reflect.Type, depth int, index []int, viaPtr bool)
	walk = func(t reflect.Type, depth int, index []int, viaPtr bool) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				et, ptr := ft, false
				if et.Kind() == reflect.Pointer {
					et, ptr = et.Elem(), true
				}
				if et.Kind() == reflect.Struct {
					// A nil embedded pointer writes none of its fields.
					walk(et, depth+1, append(slices.Clone(index), i), viaPtr || ptr)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if d, ok := seen[name]; ok {
				if d <= depth {
					continue
				}
				out = slices.DeleteFunc(out, func(x field) bool { return x.name == name })
			}
			seen[name] = depth
			o := "," + opts + ","
			out = append(out, field{name: name, t: ft, index: append(slices.Clone(index), i),
				optional: viaPtr || strings.Contains(o, ",omitempty,") || strings.Contains(o, ",omitzero,"),
				asString: strings.Contains(o, ",string,")})
		}
	}
	walk(t, 0, nil, false)
	return out
}

func (g *Generator) structSchema(t reflect.Type) Schema {
	props := Schema{}
	var required []string
	for _, f := range fields(t) {
		var s Schema
		if f.asString {
			s = Schema{"type": "string"}
		} else {
			s = g.For(f.t)
		}
		props[f.name] = s
		if !f.optional {
			required = append(required, f.name)
		}
	}
	s := Schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		slices.Sort(required)
		s["required"] = required
	}
	return s
}

// nullable lets s also be null.
func nullable(s Schema) Schema {
	if _, ok := s["$ref"]; ok || len(s) == 0 {
		if len(s) == 0 {
			return s // any value includes null
		}
		return Schema{"anyOf": []any{s, Schema{"type": "null"}}}
	}
	switch ty := s["type"].(type) {
	case string:
		s = clone(s)
		s["type"] = []any{ty, "null"}
	case []any:
		if !slices.Contains(ty, any("null")) {
			s = clone(s)
			s["type"] = append(slices.Clone(ty), "null")
		}
	default:
		return Schema{"anyOf": []any{s, Schema{"type": "null"}}}
	}
	return s
}

// Nullable lets s also be null.
func Nullable(s Schema) Schema { return nullable(s) }

func clone(s Schema) Schema {
	out := make(Schema, len(s))
	for k, v := range s {
		out[k] = v
	}
	return out
}
