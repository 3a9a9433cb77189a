package place

import "time"

// peakTie: a neighbour of the night gap's offset whose night holds at most
// this share of the starts more is as quiet (a near-tie the night alone
// cannot settle).
const peakTie = 0.01

// PeakHint is Offset.Hint when the busiest start hour moved the offset.
const PeakHint = "the busiest hour of your starts falling at 6-8 am or 6-9 pm, the hours most people run"

// usualPeak reports whether a local hour is one at which people's starts
// peak: the morning before work (6-8 am) or the evening after it (6-9 pm).
func usualPeak(h int) bool {
	return h >= 6 && h <= 8 || h >= 18 && h <= 21
}

// busiestHour is the local hour, at offset off, holding the most starts
// (the earliest local hour of a tie).
func busiestHour(h [24]int, off int) int {
	best, bestK := 0, -1
	for lh := range 24 {
		if k := h[((lh-off)%24+24)%24]; k > bestK {
			best, bestK = lh, k
		}
	}
	return best
}

// atHour is how many starts fall at local hour lh at offset off.
func atHour(h [24]int, off, lh int) int {
	return h[((lh-off)%24+24)%24]
}

// settleByPeak moves the night gap's offset o an hour, to a neighbour whose
// night is as quiet (within peakTie, and at most maxNightShare), when o
// puts the busiest start hour outside the hours people's starts peak at
// (usualPeak) and the neighbour puts it inside, with fewer starts at
// 5:00-5:59 (mornings that start after 6 am). Only an offset nothing else
// moved (no script hint, no titles) is weighed. Measured on the casebook's
// 44 position-less runners whose zone is known (testdata/casebook/
// FINDINGS.md, branch zonemorning29): it moves real-96 (Shenzhen) from
// UTC+7, busiest at 17:00 with two starts at 5 am, to UTC+8; without the
// morning condition it also moved real-89 (Swedish local times, busiest at
// 17:00, no start before 6 am) off its right UTC. A busiest hour alone is
// no rule: Western after-work runners peak at 17:00, and early runners
// (real-76, real-88, UTC+8) start at 5 am.
func settleByPeak(o Offset, ok bool, starts []time.Time, titles TitleVotes) (Offset, bool) {
	if !ok || o.Hint != "" || o.Starts < MinOffsetStarts {
		return o, ok
	}
	var h [24]int
	for _, t := range starts {
		h[t.UTC().Hour()]++
	}
	if usualPeak(busiestHour(h, o.Hours)) {
		return o, ok
	}
	_, _, night := offsetFromStarts(starts)
	for _, nb := range []int{o.Hours - 1, o.Hours + 1} {
		if nb < -11 || nb > 14 || night[nb] > night[o.Hours]+peakTie || night[nb] > maxNightShare {
			continue
		}
		if !usualPeak(busiestHour(h, nb)) || atHour(h, nb, 5) >= atHour(h, o.Hours, 5) {
			continue
		}
		if titles.usable() && titles.Fit[nb+11] < titles.Fit[o.Hours+11]-titleTie {
			// The apps' titles read the clock surer than the busiest hour
			// (held-out real-115, Hong Kong: 98% of 674 titles fit UTC+8,
			// 76% UTC+9, where the peak moved it).
			continue
		}
		other := -1.0
		for off := -11; off <= 14; off++ {
			if circDist(off, nb) >= 4 && (other < 0 || night[off] < other) {
				other = night[off]
			}
		}
		if other <= 0 || 1-night[nb]/other < minOffsetConfidence || other-night[nb] < minNightGap {
			continue
		}
		o.Hours, o.Zone, o.Night, o.Other = nb, etcZone(nb), night[nb], other
		o.Confidence = 1 - night[nb]/other
		o.Hint, o.Moved = PeakHint, 1
		return o, ok
	}
	return o, ok
}
