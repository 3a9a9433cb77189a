package testkit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// calendarMethods are the time.Time methods that read a day, a date or an
// hour: on the wall clock they make a test's data or expectations the day
// it runs.
var calendarMethods = map[string]bool{
	"Date": true, "Year": true, "Month": true, "Day": true, "Weekday": true, "YearDay": true, "ISOWeek": true,
	"Hour": true, "Clock": true, "AddDate": true, "Format": true, "AppendFormat": true,
	// to a whole hour or more (a day: Truncate(24 * time.Hour)); to a
	// second, or Round(0) dropping the monotonic reading, is no day
	"Truncate": true, "Round": true,
}

// byHours reports whether a Truncate or Round argument counts in hours
// (names time.Hour).
func byHours(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if s, ok := n.(*ast.SelectorExpr); ok && s.Sel.Name == "Hour" {
			found = true
		}
		return !found
	})
	return found
}

// wallCalendarUses returns where the Go source src reads a calendar method
// (calendarMethods) straight off time.Now(), through UTC, Local or In:
// `time.Now().UTC().Date()`, `time.Now().AddDate(0, 0, -28)`. Elapsed
// time, deadlines and unique names (time.Now().Add, .Sub, .UnixNano,
// time.Since) are not such uses.
func wallCalendarUses(fset *token.FileSet, name string, src []byte) ([]string, error) {
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		return nil, err
	}
	var out []string
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || !calendarMethods[sel.Sel.Name] {
			return true
		}
		if m := sel.Sel.Name; (m == "Truncate" || m == "Round") && (len(call.Args) != 1 || !byHours(call.Args[0])) {
			return true
		}
		x := sel.X
		for {
			c, ok := x.(*ast.CallExpr)
			if !ok {
				return true
			}
			s, ok := c.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := s.X.(*ast.Ident); ok && id.Name == "time" && s.Sel.Name == "Now" {
				out = append(out, fset.Position(call.Pos()).String()+": time.Now()…."+sel.Sel.Name)
				return true
			}
			if s.Sel.Name != "UTC" && s.Sel.Name != "Local" && s.Sel.Name != "In" {
				return true
			}
			x = s.X
		}
	})
	return out, nil
}

// TestNoTestReadsTheWallCalendar: no test file of the module takes a day,
// a date or an hour from the wall clock (wallCalendarUses): data and
// expectations are anchored on Today (or a date of their own), so no test
// passes on Mondays and fails on Fridays. (internal/jobs'
// TestScheduledOnDBClock took "noon of today" for the app's clock until
// session 31.) A value of time.Now() kept in a variable and read later is
// beyond this check; the faketime sweep (internal/testkit/faketime) finds
// those by running the tests on other days.
func TestNoTestReadsTheWallCalendar(t *testing.T) {
	root := Root(t)
	fset := token.NewFileSet()
	files := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "node_modules" || n == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		uses, err := wallCalendarUses(fset, p, src)
		if err != nil {
			return err
		}
		for _, u := range uses {
			t.Errorf("%s: a test reads the calendar of the wall clock; anchor it on testkit.Today (or a fixed date)", u)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d test files under %s", files, root)
	}
}

// TestWallCalendarUses: the check finds the calendar read off the wall
// clock however it is chained, and leaves elapsed time, deadlines, unique
// names and fixed clocks alone.
func TestWallCalendarUses(t *testing.T) {
	src := `package x
import "time"
func f() {
	y, m, d := time.Now().UTC().Date()
	_ = time.Now().AddDate(0, 0, -28)
	_ = time.Now().In(time.UTC).Weekday()
	_ = time.Now().Local().Format(time.DateOnly)
	_ = time.Now().Truncate(24 * time.Hour)

	deadline := time.Now().Add(time.Minute)
	_ = time.Now().After(deadline)
	_ = time.Since(deadline)
	_ = time.Now().UnixNano()
	_ = time.Now().Round(0)
	_ = time.Now().UTC().Truncate(time.Second)
	_ = Today.AddDate(0, 0, -28)
	_ = time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC).Weekday()
	_, _, _ = y, m, d
}
`
	got, err := wallCalendarUses(token.NewFileSet(), "x.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Date", "AddDate", "Weekday", "Format", "Truncate"}
	if len(got) != len(want) {
		t.Fatalf("found %d uses, want %d: %q", len(got), len(want), got)
	}
	for i, w := range want {
		if !strings.HasSuffix(got[i], "…."+w) {
			t.Errorf("use %d: %s, want …%s", i, got[i], w)
		}
	}
}
