package ingest

import (
	"context"
	"fmt"
	"sync"

	"rekindle"
	"rekindle/internal/place"
	"rekindle/internal/store"
)

// InferPlace sets the athlete's time zone, home and country from where
// their recent activities start, when the time zone is unset (a zone the
// runner set is never changed; a home or country they set is kept). It
// returns a sentence saying what it set, "" when it set nothing.
// It decodes the time zone tables for this one call (see InferPlaceWith).
func InferPlace(ctx context.Context, st *store.Store, athleteID int64) (string, error) {
	return InferPlaceWith(ctx, st, athleteID, nil)
}

// InferPlaceWith is InferPlace looking zones up in zones (nil: a new one),
// so that a batch of athletes decodes the tables once. Nothing is decoded
// when the athlete's zone is set or no home stands out.
func InferPlaceWith(ctx context.Context, st *store.Store, athleteID int64, zones *place.Zones) (string, error) {
	return inferPlace(ctx, st, athleteID, zones, nil)
}

// inferPlace is InferPlaceWith given the first positions of tracks just
// written (nil: none), which it need not read back.
func inferPlace(ctx context.Context, st *store.Store, athleteID int64, zones *place.Zones, known map[int64]store.TrackStart) (string, error) {
	ath, err := st.GetAthlete(ctx, athleteID)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	if settled(ath) {
		return "", nil
	}
	devs, err := deviceOffsets(ctx, st, athleteID)
	if err != nil {
		return "", err
	}
	starts, err := st.RecentStartsKnown(ctx, athleteID, place.RecentN, known)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	if len(starts) == 0 {
		if msg, err := applyDevice(ctx, st, ath, devs, ""); msg != "" || err != nil {
			return msg, err
		}
		return offsetFromHours(ctx, st, ath)
	}
	ps := make([]place.Start, len(starts))
	for i, s := range starts {
		ps[i] = place.Start{At: s.At, Lat: s.Lat, Lon: s.Lon}
	}
	return applyPlace(ctx, st, ath, ps, zones, devs)
}

// deviceOffsets returns the UTC offsets the runner's devices recorded at
// their newest activities, within place.RecentDays of the newest.
func deviceOffsets(ctx context.Context, st *store.Store, athleteID int64) ([]place.DeviceOffset, error) {
	rows, err := st.DeviceOffsets(ctx, athleteID, offsetStartsN)
	if err != nil {
		return nil, fmt.Errorf("infer place: %w", err)
	}
	offs := make([]place.DeviceOffset, len(rows))
	for i, r := range rows {
		offs[i] = place.DeviceOffset{At: r.At, OffsetS: r.OffsetS}
	}
	return place.RecentOffsets(offs), nil
}

// TimeZoneFromDevice is the Athlete.TimeZoneSource of a zone taken from the
// UTC offsets the runner's devices recorded (FIT files).
const TimeZoneFromDevice = "device"

// applyDevice sets the athlete's zone from their devices' UTC offsets
// (place.ZoneFromOffsets), when they settle one; why says why the zone
// from positions was not taken ("" when there was none). It returns ""
// when it set nothing.
func applyDevice(ctx context.Context, st *store.Store, ath *rekindle.Athlete, devs []place.DeviceOffset, why string) (string, error) {
	z, ok := place.ZoneFromOffsets(devs)
	if !ok {
		return "", nil
	}
	ath, err := settle(ctx, st, ath.ID, func(ath *rekindle.Athlete) {
		ath.TimeZone, ath.TimeZoneSource = z.Zone, TimeZoneFromDevice
	})
	if ath == nil || err != nil {
		return "", err
	}
	kind := "the offset it kept all year"
	if !z.Fixed {
		kind = "a zone with the same summer time (its days are yours; the name may be another city's)"
	}
	return fmt.Sprintf("time zone set to %s from the local time your device recorded: %s on %d of %d recent activities, %s%s; "+
		"change it with `rekindle athlete set --time-zone ZONE`", z.Zone, z.Label(), z.Agree, z.Of, kind, why), nil
}

// settled reports whether the athlete's zone stays as it is: set by the
// runner, or taken from their positions (a zone from start hours gives way
// to one from positions, and to newer start hours).
func settled(ath *rekindle.Athlete) bool {
	return ath.TimeZoneSource == "user" || ath.TimeZone != "" && ath.TimeZoneSource != TimeZoneFromStartHours
}

// offsetStartsN is how many of the newest activities' start hours a
// history without positions is placed by.
const offsetStartsN = 1000

// offsetFromHours sets the time zone of an athlete whose history has no
// positions (a summary CSV, an export without tracks) to the zone their
// start hours point to (place.ZoneFromNamedStarts: the night gap's offset,
// or the offset the apps' titles that name the time of day fit, and a real
// zone with summer time when the hours move with the seasons), when
// they settle it; TimeZoneSource "start_hours" records how it was decided.
func offsetFromHours(ctx context.Context, st *store.Store, ath *rekindle.Athlete) (string, error) {
	times, err := st.StartTimes(ctx, ath.ID, offsetStartsN)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	ns, err := st.NamedStarts(ctx, ath.ID, offsetStartsN)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	named := make([]place.Named, len(ns))
	for i, n := range ns {
		named[i] = place.Named{At: n.At, Name: n.Name}
	}
	z, ok := place.ZoneFromNamedStarts(times, named)
	if !ok {
		return "", nil
	}
	ath, err = settle(ctx, st, ath.ID, func(ath *rekindle.Athlete) {
		ath.TimeZone, ath.TimeZoneSource = z.Zone, TimeZoneFromStartHours
	})
	if ath == nil || err != nil {
		return "", err
	}
	o := z.Offset
	hint := ""
	if o.Hint != "" && o.Titled == 0 {
		away := "an hour"
		if o.Moved > 1 {
			away = fmt.Sprintf("%d hours", o.Moved)
		}
		hint = fmt.Sprintf("; %s put it at %s rather than %s away", o.Hint, o.Label(), away)
	}
	what, at := fmt.Sprintf("%s (%s)", o.Label(), z.Zone), o.Label()
	if z.Guessed != "" {
		hint += "; " + z.Guessed
	}
	if z.Seasonal {
		at += " (the night gap's own offset)"
		what = fmt.Sprintf("%s, a clock with summer time (its days are yours; the name may be another city's)", z.Zone)
		hint += "; your start hours move by an hour with the seasons as that clock does"
		if z.Lang != "" {
			hint += fmt.Sprintf(", and names written in %s chose it among clocks whose nights are as quiet", z.Lang)
		}
	}
	if o.Titled > 0 {
		// The titles settled it: say how they fit, not how quiet the night is.
		was := o
		was.Hours = o.WasHours
		return fmt.Sprintf("time zone set to %s from the hours your activities start and the titles your apps gave them: "+
			"no positions to place them; %d of %d titles that name the time of day (Morning Run, Evening Run, 傍晚跑步) fit "+
			"their start hours at %s against %d at %s, where the night is quietest (%.1f%% of %d starts fall at night, "+
			"11 pm to 5 am, at %s)%s; change it with `rekindle athlete set --time-zone ZONE`",
			what, o.TitledFit, o.Titled, o.Label(), o.TitledWas, was.Label(), 100*o.Night, o.Starts, o.Label(), hint), nil
	}
	return fmt.Sprintf("time zone set to %s from the hours your activities start: no positions to place them; "+
		"%.1f%% of %d starts fall at night (11 pm to 5 am) at %s against %.1f%% at the next likely offset, so %s%s; "+
		"change it with `rekindle athlete set --time-zone ZONE`",
		what, 100*o.Night, o.Starts, at, 100*o.Other, o.Sureness(), hint), nil
}

// unknownZoneNote says, after an import that set no zone, that the
// athlete's zone is still unknown when their history has no positions and
// enough starts that the hours were given a fair chance (MinOffsetStarts):
// the best guess, why it is not taken, and how to set it. "" otherwise.
func unknownZoneNote(ctx context.Context, st *store.Store, athleteID int64) (string, error) {
	ath, err := st.GetAthlete(ctx, athleteID)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	if ath.TimeZone != "" {
		return "", nil
	}
	if starts, err := st.RecentStartsKnown(ctx, athleteID, 1, nil); err != nil || len(starts) > 0 {
		return "", err
	}
	times, err := st.StartTimes(ctx, athleteID, offsetStartsN)
	if err != nil {
		return "", fmt.Errorf("infer place: %w", err)
	}
	o, ok := place.OffsetFromStarts(times)
	if ok || o.Starts < place.MinOffsetStarts {
		return "", nil
	}
	return fmt.Sprintf("time zone unknown, days counted in UTC: no positions to place your activities, and the hours they start "+
		"do not settle it (best guess %s, but %.1f%% of %d starts fall at night there, against %.1f%% at the next likely offset: "+
		"trips or late runs blur it); set it with `rekindle athlete set --time-zone ZONE`",
		o.Label(), 100*o.Night, o.Starts, 100*o.Other), nil
}

// TimeZoneFromStartHours is the Athlete.TimeZoneSource of a zone inferred
// from start hours (a history without positions).
const TimeZoneFromStartHours = "start_hours"

// minPlaceAgree: a zone from positions is taken when it gives the
// device's own offset (where files recorded one) at this share of the
// recent activities; else the devices' offsets decide (a misplaced home,
// a runner who records at home only a part of the time).
const minPlaceAgree = 0.5

func applyPlace(ctx context.Context, st *store.Store, ath *rekindle.Athlete, ps []place.Start, zones *place.Zones, devs []place.DeviceOffset) (string, error) {
	h, ok := place.HomeOf(ps)
	if !ok {
		return applyDevice(ctx, st, ath, devs, "")
	}
	zone := homeZones.at(h.Lat, h.Lon, zones)
	if zone == "" {
		return applyDevice(ctx, st, ath, devs, "")
	}
	if len(devs) >= place.MinDeviceOffsets {
		if agree := place.ZoneAgrees(zone, devs); agree < minPlaceAgree {
			return applyDevice(ctx, st, ath, devs, fmt.Sprintf(" (your home's zone %s gives that offset on only %.0f%% of them)", zone, 100*agree))
		}
	}
	// The look-up may take seconds (in the background after an upload):
	// write over the record as it is now, and never over a zone set since.
	ath, err := settle(ctx, st, ath.ID, func(ath *rekindle.Athlete) {
		ath.TimeZone, ath.TimeZoneSource = zone, "inferred"
		if ath.HomeLat == 0 && ath.HomeLon == 0 {
			ath.HomeLat, ath.HomeLon = h.Lat, h.Lon
		}
		if ath.Country == "" {
			ath.Country = place.CountryOfZone(zone)
		}
	})
	if ath == nil || err != nil {
		return "", err
	}
	msg := fmt.Sprintf("time zone set to %s", zone)
	if ath.Country != "" {
		msg += fmt.Sprintf(" (country %s)", ath.Country)
	}
	msg += fmt.Sprintf(" from where %d of your %d recent activities start; change it with `rekindle athlete set --time-zone ZONE`", h.Starts, h.Of)
	return msg, nil
}

// homeZones remembers, for the life of the process, the zones of the last
// few homes looked up: the tables are embedded and never change, so a home
// asked again (an import into a new database of the same runner, the
// reprocess of a history, a test's many fresh stores) is answered without
// decoding them again (0.5–1 s of CPU and ~20 MB for the tile table).
var homeZones = &zoneMemo{m: map[[2]float64]string{}}

// zoneMemoN bounds the remembered homes (a few bytes each).
const zoneMemoN = 256

type zoneMemo struct {
	mu sync.Mutex
	m  map[[2]float64]string
}

// at returns the zone at (lat, lon), from memory or looked up in zones
// (nil: a new one).
func (z *zoneMemo) at(lat, lon float64, zones *place.Zones) string {
	k := [2]float64{lat, lon}
	z.mu.Lock()
	zone, ok := z.m[k]
	z.mu.Unlock()
	if ok {
		return zone
	}
	if zones == nil {
		zones = place.NewZones()
	}
	zone = zones.At(lat, lon)
	z.mu.Lock()
	if len(z.m) >= zoneMemoN {
		clear(z.m)
	}
	z.m[k] = zone
	z.mu.Unlock()
	return zone
}

// settle reads the athlete's record as it is now and, unless a zone has
// been settled on it since (settled), applies set and stores it: an
// inference that took a while never writes over a zone set meanwhile. It
// returns the record written, or nil when it wrote nothing.
func settle(ctx context.Context, st *store.Store, athleteID int64, set func(*rekindle.Athlete)) (*rekindle.Athlete, error) {
	ath, err := st.GetAthlete(ctx, athleteID)
	if err != nil {
		return nil, fmt.Errorf("infer place: %w", err)
	}
	if settled(ath) {
		return nil, nil
	}
	set(ath)
	if err := st.UpdateAthlete(ctx, ath); err != nil {
		return nil, fmt.Errorf("infer place: %w", err)
	}
	return ath, nil
}
