package fit

import (
	"strings"

	"github.com/muktihari/fit/profile/typedef"

	"rekindle"
)

// sportOf maps a FIT sport and sub-sport onto rekindle's sport keys.
func sportOf(sp typedef.Sport, sub typedef.SubSport) rekindle.Sport {
	switch sp {
	case typedef.SportRunning:
		switch sub {
		case typedef.SubSportTreadmill:
			return rekindle.SportTreadmill
		case typedef.SubSportTrail:
			return rekindle.SportTrailRunning
		case typedef.SubSportTrack:
			return rekindle.SportTrack
		}
		return rekindle.SportRunning
	case typedef.SportWalking:
		return rekindle.SportWalking
	case typedef.SportHiking:
		return rekindle.SportHiking
	case typedef.SportCycling:
		switch sub {
		case typedef.SubSportVirtualActivity:
			return rekindle.SportVirtualRide
		case typedef.SubSportIndoorCycling:
			return rekindle.SportIndoorCycling
		case typedef.SubSportSpin:
			return rekindle.SportSpin
		}
		return rekindle.SportCycling
	case typedef.SportSwimming:
		if sub == typedef.SubSportLapSwimming {
			return rekindle.SportPoolSwim
		}
		return rekindle.SportSwimming
	case typedef.SportTransition:
		return rekindle.SportTransition
	case typedef.SportMultisport:
		return rekindle.SportMultisport
	case typedef.SportRowing:
		return rekindle.SportRowing
	case typedef.SportCrossCountrySkiing, typedef.SportAlpineSkiing:
		return rekindle.SportSkiing
	case typedef.SportFitnessEquipment, typedef.SportTraining:
		switch sub {
		case typedef.SubSportTreadmill:
			return rekindle.SportTreadmill
		case typedef.SubSportIndoorRowing:
			return rekindle.SportRowing
		case typedef.SubSportElliptical:
			return rekindle.SportElliptical
		case typedef.SubSportIndoorCycling:
			return rekindle.SportIndoorCycling
		case typedef.SubSportSpin:
			return rekindle.SportSpin
		case typedef.SubSportStrengthTraining:
			return rekindle.SportStrength
		case typedef.SubSportYoga:
			return rekindle.SportYoga
		case typedef.SubSportPilates:
			return rekindle.SportPilates
		}
		if strings.Contains(sub.String(), "barre") {
			return rekindle.SportBarre
		}
	}
	return rekindle.SportOther
}

// subSportName is the file's own sub-sport name, "" when generic or unset.
func subSportName(sub typedef.SubSport) string {
	if sub == typedef.SubSportGeneric || sub == typedef.SubSportInvalid {
		return ""
	}
	s := sub.String()
	if strings.Contains(s, "Invalid") {
		return ""
	}
	return s
}

// stepsPerStride reports whether the sport's FIT cadence counts strides
// (one foot), so that steps per minute are twice the value.
func stepsPerStride(s rekindle.Sport) bool {
	return s.IsRun() || s == rekindle.SportWalking || s == rekindle.SportHiking
}
