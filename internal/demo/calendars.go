package demo

import _ "embed"

//go:embed data/monaco-races.ics
var monacoRaces []byte

//go:embed data/monaco-gym.ics
var monacoGym []byte

// Calendars returns the bundled sample race calendar and gym class schedule
// for Monaco (iCalendar; not real events). Their dates are a reference:
// shift the races to the history's end (see the demo command).
func Calendars() (races, gym []byte) { return monacoRaces, monacoGym }
