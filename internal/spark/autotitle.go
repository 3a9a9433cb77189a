package spark

import "rekindle/internal/sportinfer"

// autoTitle reports whether a name is one an app made up rather than the
// runner's word for the occasion (sportinfer.AppTitle): such a name says
// nothing about a race.
func autoTitle(name string) bool { return sportinfer.AppTitle(name) }
