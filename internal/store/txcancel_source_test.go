package store

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"
)

// TestEveryTransactionReportsItsCancel holds the house rule behind
// TestTransactionsCancelled for every transaction, including ones written
// later: each function of the store that opens a transaction (BeginTx)
// reports a cancel as the cancel (cancelledTx), not as the ErrTxDone or
// driver.ErrBadConn that database/sql and pgx leave behind it.
func TestEveryTransactionReportsItsCancel(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			begins, reports := false, false
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch f := call.Fun.(type) {
				case *ast.SelectorExpr:
					begins = begins || f.Sel.Name == "BeginTx"
				case *ast.Ident:
					reports = reports || f.Name == "cancelledTx"
				}
				return true
			})
			if begins {
				checked++
				if !reports {
					t.Errorf("%s: %s opens a transaction but does not report a cancel through cancelledTx", fset.Position(fn.Pos()), fn.Name.Name)
				}
			}
		}
	}
	if checked < 20 {
		t.Fatalf("found %d functions opening a transaction, want the store's 20 or more", checked)
	}
}
