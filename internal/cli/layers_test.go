package cli

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// storeWiring are the files that may hold the store: serve.go hands one
// store to the server's parts.
var storeWiring = map[string]bool{"serve.go": true}

// TestNoStoreReach fails when a command reaches the store other than
// through the application layer (athlete.App): a call of package store, a
// method of *store.Store, or a *store.Store value handed around. The
// package is type-checked (with the compiler's export data from 'go list
// -export'), so calls through any name are seen.
func TestNoStoreReach(t *testing.T) {
	if testing.Short() {
		t.Skip("type-checks the package with the go command")
	}
	const storePath = "rekindle/internal/store"
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", ".").Output()
	if err != nil {
		t.Fatalf("go list -export: %v", err)
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), "="); ok && file != "" {
			exports[path] = file
		}
	}
	fset := token.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		return os.Open(exports[path])
	})}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Types: map[ast.Expr]types.TypeAndValue{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := conf.Check("rekindle/internal/cli", fset, files, info); err != nil {
		t.Fatalf("type-check: %v", err)
	}
	isStore := func(typ types.Type) bool {
		if p, ok := typ.(*types.Pointer); ok {
			typ = p.Elem()
		}
		n, ok := typ.(*types.Named)
		return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == storePath && n.Obj().Name() == "Store"
	}
	found := 0
	report := func(pos token.Pos, what string) {
		p := fset.Position(pos)
		if storeWiring[filepath.Base(p.Filename)] {
			return
		}
		found++
		t.Errorf("%s:%d: %s: go through athlete.App", filepath.Base(p.Filename), p.Line, what)
	}
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok && fn.Pkg() != nil && fn.Pkg().Path() == storePath {
			report(id.Pos(), "calls store."+fn.Name())
			continue
		}
		if v, ok := obj.(*types.Var); ok && isStore(v.Type()) {
			report(id.Pos(), "holds the store in "+id.Name)
		}
	}
	for sel, s := range info.Selections {
		if s.Kind() == types.MethodVal && isStore(s.Recv()) {
			report(sel.Pos(), "calls the store's "+sel.Sel.Name)
		}
	}
	if found > 0 {
		t.Logf("%d reaches into the store", found)
	}
}
