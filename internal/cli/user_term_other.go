//go:build !linux

package cli

import "os"

// noEcho cannot hide typing here: the password is echoed.
func noEcho(f *os.File) (restore func(), ok bool) { return func() {}, false }
