package place

import (
	"fmt"
	"slices"
	"time"
)

// DeviceOffset is the UTC offset a recording device kept at an activity
// (a FIT file's local_timestamp minus its timestamp): what the runner's
// own watch said the local time was. It is the strongest evidence of the
// runner's zone, stronger than where they start (a home can be misplaced)
// and much stronger than the hours they start at.
type DeviceOffset struct {
	At      time.Time
	OffsetS int // seconds east of UTC
}

// Thresholds of the device evidence.
const (
	// MinDeviceOffsets: fewer activities with an offset do not settle a
	// zone (one trip's files are not a home).
	MinDeviceOffsets = 3
	// minDeviceShare: a zone must give the device's own offset at this
	// share of the activities (the rest: trips, a watch not yet set).
	minDeviceShare = 0.8
)

// RecentOffsets keeps the offsets within RecentDays of the newest (the
// input newest first, as the store returns them): a runner who moved keeps
// the zone they live in now.
func RecentOffsets(offs []DeviceOffset) []DeviceOffset {
	if len(offs) == 0 {
		return nil
	}
	from := offs[0].At.AddDate(0, 0, -RecentDays)
	n := 0
	for n < len(offs) && !offs[n].At.Before(from) {
		n++
	}
	return offs[:n]
}

// ZoneAgrees returns the share of offs at whose time zone has the
// device's offset (0 for an unknown zone or no offsets).
func ZoneAgrees(zone string, offs []DeviceOffset) float64 {
	loc, err := time.LoadLocation(zone)
	if err != nil || len(offs) == 0 {
		return 0
	}
	n := 0
	for _, o := range offs {
		if _, off := o.At.In(loc).Zone(); off == o.OffsetS {
			n++
		}
	}
	return float64(n) / float64(len(offs))
}

// DeviceZone is the zone device offsets point to.
type DeviceZone struct {
	Zone string
	// Fixed: one offset all year (Zone is that offset's fixed zone, or the
	// one zone that keeps it); else the offsets change with the seasons
	// and Zone is the first zone, in a list of the common ones and then by
	// name, that gives every season's offset at its date: its days are
	// right, its name may be another city's (so no country is taken).
	Fixed bool
	// Agree of Of activities have Zone's offset at their time.
	Agree, Of int
	// Offsets are the distinct offsets seen, most common first.
	Offsets []int
}

// fixedZones name a zone for the whole-year offsets that are not whole
// hours (whole hours get an Etc zone).
var fixedZones = map[int]string{
	-9*3600 - 1800: "Pacific/Marquesas",
	3*3600 + 1800:  "Asia/Tehran",
	4*3600 + 1800:  "Asia/Kabul",
	5*3600 + 1800:  "Asia/Kolkata",
	5*3600 + 2700:  "Asia/Kathmandu",
	6*3600 + 1800:  "Asia/Yangon",
	8*3600 + 2700:  "Australia/Eucla",
	9*3600 + 1800:  "Australia/Darwin",
}

// seasonalZones are tried first for offsets that change with the seasons:
// one zone per common pattern of summer time.
var seasonalZones = []string{
	"Europe/London", "Europe/Paris", "Europe/Athens", "America/New_York", "America/Chicago",
	"America/Denver", "America/Los_Angeles", "America/Anchorage", "America/Halifax", "America/St_Johns",
	"Australia/Sydney", "Australia/Adelaide", "Pacific/Auckland", "America/Santiago", "America/Asuncion",
}

// ZoneFromOffsets returns the zone the device offsets point to (offs as
// RecentOffsets leaves them): ok is false with fewer than MinDeviceOffsets,
// or when no zone gives the device's offset at minDeviceShare of them.
func ZoneFromOffsets(offs []DeviceOffset) (z DeviceZone, ok bool) {
	return zoneFromOffsets(offs, true)
}

// zoneFromOffsets is ZoneFromOffsets; skip: leave out the zones mayAgree
// rules out (the same result, ZoneFromOffsets' test checks, as trying every
// zone).
func zoneFromOffsets(offs []DeviceOffset, skip bool) (z DeviceZone, ok bool) {
	if len(offs) < MinDeviceOffsets {
		return DeviceZone{Of: len(offs)}, false
	}
	count := map[int]int{}
	for _, o := range offs {
		count[o.OffsetS]++
	}
	for off := range count {
		z.Offsets = append(z.Offsets, off)
	}
	slices.SortFunc(z.Offsets, func(a, b int) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return a - b
	})
	z.Of = len(offs)
	top := z.Offsets[0]
	if float64(count[top]) >= minDeviceShare*float64(len(offs)) {
		zone := fixedZones[top]
		if top%3600 == 0 {
			zone = etcZone(top / 3600)
		}
		if zone != "" {
			if s := ZoneAgrees(zone, offs); s >= minDeviceShare {
				z.Zone, z.Fixed, z.Agree = zone, true, int(s*float64(len(offs))+0.5)
				return z, true
			}
		}
	}
	names := make([]string, 0, len(zoneCountry))
	for name := range zoneCountry {
		names = append(names, name)
	}
	slices.Sort(names)
	best, bestShare := "", 0.0
	for _, name := range append(slices.Clone(seasonalZones), names...) {
		// Loading a zone (its tz file read and parsed) is the cost here:
		// a zone whose offsets cannot give the share wanted is skipped.
		if skip && !mayAgree(name, offs, max(minDeviceShare, bestShare+1e-9)) {
			continue
		}
		if s := ZoneAgrees(name, offs); s > bestShare+1e-9 {
			best, bestShare = name, s
			if s == 1 {
				break
			}
		}
	}
	if bestShare < minDeviceShare {
		return z, false
	}
	z.Zone, z.Agree = best, int(bestShare*float64(len(offs))+0.5)
	return z, true
}

// mayAgree reports whether zone may give the device's offset at share or
// more of offs, as far as the offsets it has ever given tell
// (zoneoffsets.go): an offset at an instant the table does not cover, or of
// a zone it does not list, may agree. Exact as an upper bound: it never
// rules out a zone ZoneAgrees would find at share or more.
func mayAgree(zone string, offs []DeviceOffset, share float64) bool {
	known, ok := zoneOffsets[zone]
	if !ok {
		return true
	}
	n := 0
	for _, o := range offs {
		if u := o.At.Unix(); u < zoneOffsetsFrom || u >= zoneOffsetsUntil || slices.Contains(known, int32(o.OffsetS)) {
			n++
		}
	}
	return float64(n)/float64(len(offs)) >= share
}

// Label is the offsets in words: "UTC+8", "UTC+1 and UTC+2".
func (z DeviceZone) Label() string {
	s := ""
	for i, off := range z.Offsets {
		if i == 2 {
			break
		}
		if i > 0 {
			s += " and "
		}
		s += offsetLabel(off)
	}
	return s
}

// offsetLabel writes an offset in seconds as people do: "UTC+5:30".
func offsetLabel(s int) string {
	if s == 0 {
		return "UTC"
	}
	sign := "+"
	if s < 0 {
		sign, s = "-", -s
	}
	if s%3600 == 0 {
		return fmt.Sprintf("UTC%s%d", sign, s/3600)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, s/3600, s%3600/60)
}
