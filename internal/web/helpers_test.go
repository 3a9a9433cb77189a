package web_test

import (
	"os"
	"testing"

	"rekindle/internal/testkit"
	"rekindle/internal/testkit/testserver"
)

// The server preamble (stores, a real server on the fixed clock, a
// browser-like client) is testserver's; these names keep the tests short.
type (
	client     = testserver.Client
	testServer = testserver.Server
)

var (
	newServer = testserver.New
	stores    = testserver.Stores
	jsonBody  = testserver.JSONBody
	filesBody = testserver.FilesBody
)

// testdata is the real device files of testdata/activities (the test
// fails when they are missing).
func testdata(t testing.TB) string {
	t.Helper()
	return testkit.Activities(t)
}

func mustRead(t testing.TB, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustWrite(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
