package ingest

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"rekindle"
	"rekindle/internal/store"
)

// Runs that overlap in time cannot all be real: a runner is in one session
// at a time. Dedupe first merges two records of one session (sameSession:
// same span and distance; the other record is kept as a duplicate of the
// source). What is left overlapping — an hour typed by hand over a recorded
// run, entries typed a minute apart, two apps' records of one session
// whose distances differ — is settled here: among activities overlapping
// in time, the best-evidenced one is kept and the others are set aside
// (still stored and listed; every analysis leaves them out; the runner can
// restore one: rekindle.Activity.CountOverride).
//
// The decision is a function of what is stored and nothing else: each set
// of activities linked by overlaps is decided from scratch, in one total
// order of evidence (overlapBetter), so the result is the same whatever
// the order the files came in, in one import or several.

// overlapMinMs is how much two spans must overlap before they can be one
// session twice: more than a minute (starts are often kept to the minute,
// and a watch's auto-split or a lap file's next session may start a few
// seconds before the last ended).
const overlapMinMs = 60_000

// overlapMaxSpanMs is the longest span the rule reads: longer records (a
// broken duration of days) are neither set aside nor set anything aside,
// so that the stored candidates of a span (store.Overlapping, which looks
// two days back) always hold everything that overlaps it.
const overlapMaxSpanMs = 2 * 86400 * 1000

// overlapsInTime reports whether two spans overlap by more than a minute
// and by at least half of the shorter one (sameSession's own test of the
// time): a run inside another, not a forgotten stop running into the next.
func overlapsInTime(aStart, aEnd, bStart, bEnd int64) bool {
	if aEnd-aStart <= 0 || bEnd-bStart <= 0 || aEnd-aStart > overlapMaxSpanMs || bEnd-bStart > overlapMaxSpanMs {
		return false
	}
	overlap := min(aEnd, bEnd) - max(aStart, bStart)
	shorter := min(aEnd-aStart, bEnd-bStart)
	return overlap > overlapMinMs && 2*overlap >= shorter
}

// evidence ranks how surely a record is a session that happened as it
// says: a recorded track (2) over a summary with heart rate (a device
// measured it, 1) over a plain summary (0) over one that looks typed by
// hand — no heart rate and a duration of whole minutes, like 1:00:00 — or
// that cannot be a session as it says (slower than 1 km an hour: a
// broken duration) (-1).
func evidence(it *store.OverlapItem) int {
	span := it.EndMs - it.StartMs
	switch {
	case it.Samples >= 2:
		return 2
	case it.DistanceM > 0 && it.DistanceM/(float64(span)/1000) < 1000.0/3600:
		return -1
	case it.AvgHR > 0:
		return 1
	case span%60_000 == 0:
		return -1
	}
	return 0
}

// overlapBetter orders the records of an overlapping set, the one to keep
// first: the runner's "it counts", then evidence, then the longer span
// (more of the session covered), then more channels, the device's own
// format and more samples (dedupe's score), then a stable key of the
// record itself (its source file's digest and index, its start), never
// the order it was stored in.
func overlapBetter(a, b *store.OverlapItem) int {
	user := func(it *store.OverlapItem) int {
		if it.CountOverride != nil && *it.CountOverride {
			return 1
		}
		return 0
	}
	if c := cmp.Compare(user(b), user(a)); c != 0 {
		return c
	}
	if c := cmp.Compare(evidence(b), evidence(a)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.EndMs-b.StartMs, a.EndMs-a.StartMs); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Channels, a.Channels); c != 0 {
		return c
	}
	if c := cmp.Compare(formatRank(b.Source.Format), formatRank(a.Source.Format)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Samples, a.Samples); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Source.SHA256, b.Source.SHA256); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Source.Index, b.Source.Index); c != 0 {
		return c
	}
	if c := cmp.Compare(a.StartMs, b.StartMs); c != 0 {
		return c
	}
	if c := cmp.Compare(b.DistanceM, a.DistanceM); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID) // one record stored twice: either is the same
}

// overlapLinked reports whether the rule links two records: they are of
// one sport, overlap in time and are not legs of one multi-sport event.
// Records of different sports are never weighed against each other: a run
// inside a ride or a walk is more often a recording left running than a
// run that did not happen, and a running coach must not lose the run to a
// longer ride.
func overlapLinked(a, b *store.OverlapItem) bool {
	if !oneSport(a.Sport, b.Sport) {
		return false
	}
	if a.Multisport != "" && a.Multisport == b.Multisport && a.Source.SHA256 == b.Source.SHA256 {
		return false
	}
	if dayEntries(a, b) {
		return false
	}
	return overlapsInTime(a.StartMs, a.EndMs, b.StartMs, b.EndMs)
}

// dayEntries reports whether a and b are two entries of a log that gives a
// date and no time of day (a hand-typed log's export: "2009-09-19, Warm up
// and cool down, 29:00" and "2009-09-19, Invitational, 24:54"): summaries
// that both start at exactly midnight UTC, where the reader puts a date
// without a time (noTimeOfDay). Nothing says when either happened, so
// nothing says they overlapped: they are the day's entries — a warm-up and
// the race, a run and a pool run, the morning run and the evening one —
// and both count, whether one file lists them or two. (The same entry
// typed twice is still one session to dedupe: the same length and
// distance, undatedApart.)
func dayEntries(a, b *store.OverlapItem) bool {
	return noTimeOfDay(a.StartMs, a.Samples) && noTimeOfDay(b.StartMs, b.Samples)
}

// pieceOf reports whether a, linked to b by the rule, is a piece of b's
// session rather than b recorded twice: their overlap covers less than
// half of b (b is then the longer one, as the overlap covers at least
// half of the shorter). A warm-up or cool-down recorded apart that runs
// into the run, a second device started late or a lap exported alone:
// most of b is running a holds no record of.
func pieceOf(a, b *store.OverlapItem) bool {
	overlap := min(a.EndMs, b.EndMs) - max(a.StartMs, b.StartMs)
	return 2*overlap < b.EndMs-b.StartMs
}

// decideOverlaps returns the set-aside state of each item (by index):
// every set of items linked by overlaps is ordered by overlapBetter and
// each item, best first, is kept unless it overlaps one already kept (it
// is set aside for the best of those). A piece of a longer session (pieceOf)
// whose longer record can be kept — not typed or broken (evidence -1), not
// a run no runner did, not set aside by the runner — is decided after all
// the others and keeps nothing out: the longer run is never lost to a
// fragment of it, whatever the fragment's evidence, and a piece the runner
// counts stands beside it. A run no runner did is set aside
// too (implausible.go): one faster than any runner for its distance (for
// no other activity) or one with no heart rate inside the athlete's own
// ride with heart rate (for the ride). What the runner said wins: an item
// they count is always kept, one they set aside never is. items must be
// sorted by start.
func decideOverlaps(items []store.OverlapItem) []store.SetAsideChange {
	out := make([]store.SetAsideChange, len(items))
	// notRun[i]: the run is no run (set aside unless the runner counts
	// it), for the activity notFor[i] (0: none).
	notRun := make([]bool, len(items))
	notFor := make([]int64, len(items))
	for i := range items {
		notRun[i] = impossibleItem(&items[i])
	}
	for i, wrong := range sourceClockWrong(items) {
		if wrong {
			notRun[i] = false // the run happened; its source's clock is wrong
		}
	}
	// Union-find over the overlapping pairs, found by a sweep by start.
	parent := make([]int, len(items))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	var active []int // items whose span may still meet a later start
	var edges [][2]int
	for i := range items {
		it := &items[i]
		out[i] = store.SetAsideChange{ID: it.ID}
		k := 0
		for _, j := range active {
			if items[j].EndMs > it.StartMs {
				active[k] = j
				k++
			}
		}
		active = active[:k]
		for _, j := range active {
			if !notRun[i] && ridden(it, &items[j]) {
				notRun[i], notFor[i] = true, items[j].ID
			}
			if !notRun[j] && ridden(&items[j], it) {
				notRun[j], notFor[j] = true, it.ID
			}
			if overlapLinked(&items[j], it) {
				edges = append(edges, [2]int{j, i})
				if ri, rj := find(i), find(j); ri != rj {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
		if it.EndMs-it.StartMs <= overlapMaxSpanMs {
			active = append(active, i)
		}
	}
	groups := map[int][]int{}
	for _, e := range edges {
		r := find(e[0])
		if groups[r] == nil {
			groups[r] = []int{}
		}
	}
	for i := range items {
		if g, ok := groups[find(i)]; ok {
			groups[find(i)] = append(g, i)
		}
	}
	// Adjacency of linked items, for "overlaps one kept".
	adj := map[int][]int{}
	for _, e := range edges {
		adj[e[0]] = append(adj[e[0]], e[1])
		adj[e[1]] = append(adj[e[1]], e[0])
	}
	// whole[i]: item i, when longer, is the whole of what a piece of it
	// recorded: a record of evidence, a run, not set aside by the runner.
	whole := func(i int) bool {
		it := &items[i]
		return evidence(it) >= 0 && !notRun[i] && (it.CountOverride == nil || *it.CountOverride)
	}
	// piece(a, b): a is a piece of b's session and b can be kept for it.
	piece := func(a, b int) bool { return whole(b) && pieceOf(&items[a], &items[b]) }
	isPiece := make([]bool, len(items))
	for i := range items {
		if items[i].CountOverride != nil {
			continue // the runner's word, not the rule's
		}
		for _, j := range adj[i] {
			if piece(i, j) {
				isPiece[i] = true
				break
			}
		}
	}
	kept := map[int]bool{}
	for _, g := range groups {
		slices.SortFunc(g, func(x, y int) int { return overlapBetter(&items[x], &items[y]) })
		rank := make(map[int]int, len(g))
		for r, i := range g {
			rank[i] = r
		}
		// bestKept is the best-ranked kept item linked to i, or -1; a kept
		// piece of i keeps i in.
		bestKept := func(i int) int {
			b := -1
			for _, j := range adj[i] {
				if kept[j] && !piece(j, i) && (b < 0 || rank[j] < rank[b]) {
					b = j
				}
			}
			return b
		}
		decide := func(i int) {
			it := &items[i]
			if it.CountOverride != nil {
				kept[i] = *it.CountOverride
				return
			}
			if notRun[i] {
				return // set aside below, keeping nothing out
			}
			if b := bestKept(i); b >= 0 {
				out[i].SetAside, out[i].For = true, items[b].ID
				return
			}
			kept[i] = true
		}
		for _, i := range g {
			if !isPiece[i] {
				decide(i)
			}
		}
		for _, i := range g {
			if isPiece[i] {
				decide(i)
			}
		}
		for _, i := range g {
			if it := &items[i]; it.CountOverride != nil && !*it.CountOverride {
				out[i].SetAside = true
				if b := bestKept(i); b >= 0 {
					out[i].For = items[b].ID
				}
			}
		}
	}
	for i := range items {
		if it := &items[i]; it.CountOverride != nil && !*it.CountOverride {
			out[i].SetAside = true // set aside by the runner, overlapping or not
		} else if it.CountOverride == nil && notRun[i] {
			out[i] = store.SetAsideChange{ID: it.ID, SetAside: true, For: notFor[i]}
		}
	}
	return out
}

// ResolveOverlaps decides again, from what is stored, which of the
// athlete's activities overlapping in time are set aside, and writes what
// changed; it returns how many activities are set aside now and how many
// changed. Import runs it when a file's activities overlap others, the
// runner's edit and deletion after they change what counts, and reprocess
// always (it also repairs an import stopped between its last batch and
// this step).
func ResolveOverlaps(ctx context.Context, st *store.Store, athleteID int64) (aside, changed int, err error) {
	aside, changed, _, err = resolveOverlaps(ctx, st, athleteID)
	return aside, changed, err
}

// resolveOverlaps is ResolveOverlaps, with the warnings for the runs it
// newly set aside as no run (asideNote), oldest first.
func resolveOverlaps(ctx context.Context, st *store.Store, athleteID int64) (aside, changed int, notes []string, err error) {
	items, err := st.OverlapItems(ctx, athleteID)
	if err != nil {
		return 0, 0, nil, err
	}
	decided := decideOverlaps(items)
	byID := make(map[int64]*store.OverlapItem, len(items))
	for i := range items {
		byID[items[i].ID] = &items[i]
	}
	var changes []store.SetAsideChange
	for i, d := range decided {
		if d.SetAside {
			aside++
		}
		if it := &items[i]; it.SetAside != d.SetAside || it.SetAsideFor != d.For {
			changes = append(changes, d)
			if n := asideNote(it, d, byID); n != "" {
				notes = append(notes, n)
			}
		}
	}
	if err := st.SetAside(ctx, athleteID, changes); err != nil {
		return aside, 0, nil, fmt.Errorf("ingest: resolve overlaps: %w", err)
	}
	return aside, len(changes), notes, nil
}

// oneSport reports whether two records can be one session: one sport
// family, as dedupe's sameSession reads it (runs of any kind — one app's
// treadmill or trail run is another's run —, rides, walks, swims).
func oneSport(a, b rekindle.Sport) bool {
	return a == b || sportFamily(a) == sportFamily(b)
}

// overlapsStored reports whether p overlaps, by the rule, a stored
// candidate of its sport other than skip (the record p replaces), or p and
// a stored candidate may make the rule set a run aside for a ride.
func overlapsStored(p *store.PreparedActivity, cands []store.Candidate, skip int64) bool {
	start := p.StartMs
	for _, c := range cands {
		if c.ID != skip && oneSport(c.Sport, p.A.Sport) && overlapsInTime(start, p.EndMs, c.StartMs, c.EndMs) && !legsOfOne(p.A, c.Source.SHA256, "") {
			return true
		}
		if c.ID != skip && mayBeRidden(p.A.Sport, p.A.Summary.AvgHR, start, p.EndMs, c.Sport, c.StartMs, c.EndMs) {
			return true
		}
	}
	return false
}

// overlapsRecord reports whether two records of one sport overlap by the
// rule, or a run and a ride may make the rule set the run aside.
func overlapsRecord(p, q *store.PreparedActivity) bool {
	ps, qs := p.StartMs, q.StartMs
	if p.EndMs <= qs || q.EndMs <= ps {
		return false
	}
	if mayBeRidden(p.A.Sport, p.A.Summary.AvgHR, ps, p.EndMs, q.A.Sport, qs, q.EndMs) ||
		mayBeRidden(q.A.Sport, q.A.Summary.AvgHR, qs, q.EndMs, p.A.Sport, ps, p.EndMs) {
		return true // the rule may set a run aside for a ride (ridden)
	}
	return overlapsInTime(ps, p.EndMs, qs, q.EndMs) &&
		oneSport(p.A.Sport, q.A.Sport) && !legsOfOne(p.A, q.A.Source.SHA256, q.A.Multisport)
}

// legsOfOne reports whether a record and another of source sha (and
// multi-sport key ms, when known) are legs of one multi-sport event.
func legsOfOne(a *rekindle.Activity, sha, ms string) bool {
	return a.Multisport != "" && a.Source.SHA256 == sha && (ms == "" || ms == a.Multisport)
}
