package httpio

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCleanStaleUploads: spool folders of a process that is gone, or older
// than a day, are removed; this process's recent ones stay.
func TestCleanStaleUploads(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Join(p, "0"), 0o700)
		os.WriteFile(filepath.Join(p, "0", "big.fit"), []byte("x"), 0o600)
		os.Chtimes(p, now.Add(-age), now.Add(-age))
		return p
	}
	mine := mk(fmt.Sprintf("%s%d-123", uploadDirPrefix, os.Getpid()), time.Minute)
	old := mk(fmt.Sprintf("%s%d-456", uploadDirPrefix, os.Getpid()), 48*time.Hour)
	// A process id far above any the kernel hands out (pid_max ≤ 2^22).
	dead := mk(uploadDirPrefix+"99999999-789", time.Minute)
	legacy := mk(uploadDirPrefix+"abc", time.Minute)
	other := mk("something-else", 48*time.Hour)
	n, err := CleanStaleUploads(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	exists := func(p string) bool { _, err := os.Stat(p); return err == nil }
	if n != 3 || !exists(mine) || exists(old) || exists(dead) || exists(legacy) || !exists(other) {
		t.Fatalf("removed %d; mine %v old %v dead %v legacy %v other %v", n, exists(mine), exists(old), exists(dead), exists(legacy), exists(other))
	}
}
