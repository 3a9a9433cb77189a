package route

import (
	"cmp"
	"slices"
	"time"
)

// Run is one run to group.
type Run struct {
	ID    int64 // activity id
	Start time.Time
	FP    *Fingerprint
}

// Group is a route: runs that went the same way.
type Group struct {
	ID      int64   `json:"id"`
	Kind    Kind    `json:"kind"`
	Medoid  int64   `json:"medoid"`  // the run that best represents the group
	Members []int64 `json:"members"` // run ids, oldest first
}

// Grouper assigns runs to groups incrementally: a new run is scored against
// the medoid of every group that shares enough 200 m cells, and joins the
// best one scoring ≥ SameRoute, else starts a new group. Not safe for
// concurrent use.
type Grouper struct {
	groups   []*groupState
	byID     map[int64]*groupState
	runs     map[int64]*Run
	runGroup map[int64]*groupState
	index    map[int64][]int32 // coarse cell → group positions
	counts   []int32           // scratch, per group position
	touched  []int32
	nextID   int64
	scratch  *matcher // reused between scores (a Grouper is single-goroutine)
}

type groupState struct {
	id      int64
	kind    Kind
	members []*Run
	medoid  *Run
	coarse  []int64
	pos     int32
	alive   bool
	nextMed int // recompute the medoid when the group reaches this size
}

// NewGrouper makes an empty grouper whose new groups get ids from nextID
// (use one more than the largest id ever stored).
func NewGrouper(nextID int64) *Grouper {
	return &Grouper{byID: map[int64]*groupState{}, runs: map[int64]*Run{}, runGroup: map[int64]*groupState{},
		index: map[int64][]int32{}, nextID: max(nextID, 1)}
}

// NextID is the id the next new group will get.
func (g *Grouper) NextID() int64 { return g.nextID }

// Add assigns a run to a group and returns the group id and the run's
// similarity to that group's medoid (1 for a new group).
func (g *Grouper) Add(r Run) (groupID int64, score float64) {
	rc := r
	g.runs[r.ID] = &rc
	best, bestScore := g.best(&rc)
	if best == nil {
		best = g.newGroup(g.nextID, rc.FP.Kind)
		g.nextID++
		bestScore = 1
	}
	g.join(best, &rc, true)
	return best.id, bestScore
}

// Restore puts a run into a known group without scoring (loading saved
// assignments). Groups are created as needed.
func (g *Grouper) Restore(r Run, groupID int64) {
	rc := r
	g.runs[r.ID] = &rc
	gs := g.byID[groupID]
	if gs == nil {
		gs = g.newGroup(groupID, rc.FP.Kind)
	}
	g.nextID = max(g.nextID, groupID+1)
	g.join(gs, &rc, false)
}

func (g *Grouper) newGroup(id int64, kind Kind) *groupState {
	gs := &groupState{id: id, kind: kind, pos: int32(len(g.groups)), alive: true, nextMed: 2}
	g.groups = append(g.groups, gs)
	g.counts = append(g.counts, 0)
	g.byID[id] = gs
	return gs
}

// join adds a run to a group. With recompute, the medoid is re-picked
// each time the group doubles, up to medoidSettled members; otherwise only
// a group without a medoid gets one (its first run).
func (g *Grouper) join(gs *groupState, r *Run, recompute bool) {
	gs.members = append(gs.members, r)
	g.runGroup[r.ID] = gs
	switch {
	case gs.medoid == nil:
		g.setMedoid(gs, r)
		gs.nextMed = 2
	case recompute && len(gs.members) >= gs.nextMed && len(gs.members) <= medoidSettled:
		g.setMedoid(gs, g.pickMedoid(gs))
		gs.nextMed = 2 * len(gs.members)
	}
}

// medoidSettled: past this size a group's medoid no longer moves on Add.
const medoidSettled = 256

// RestoreMedoid sets a group's medoid to one of its runs (loading a saved
// grouping); unknown ids are ignored.
func (g *Grouper) RestoreMedoid(groupID, runID int64) {
	gs, r := g.byID[groupID], g.runs[runID]
	if gs != nil && r != nil && g.runGroup[runID] == gs {
		g.setMedoid(gs, r)
		gs.nextMed = 2 * len(gs.members)
	}
}

func (g *Grouper) setMedoid(gs *groupState, m *Run) {
	if gs.medoid == m {
		return
	}
	for _, c := range gs.coarse {
		g.index[c] = slices.DeleteFunc(g.index[c], func(p int32) bool { return p == gs.pos })
	}
	gs.medoid = m
	gs.coarse = nil
	if m.FP.Kind == KindTreadmill {
		return
	}
	gs.coarse = coarseCells(m.FP)
	for _, c := range gs.coarse {
		g.index[c] = append(g.index[c], gs.pos)
	}
}

// pickMedoid chooses, among up to 8 evenly spread members, the one with the
// highest total similarity to the others (ties: the earliest).
func (g *Grouper) pickMedoid(gs *groupState) *Run {
	ms := gs.members
	if len(ms) <= 2 {
		return ms[0]
	}
	const k = 8
	var sample []*Run
	if len(ms) <= k {
		sample = ms
	} else {
		for i := range k {
			sample = append(sample, ms[i*len(ms)/k])
		}
	}
	best, bestSum := sample[0], -1.0
	m := g.matcher()
	for _, a := range sample {
		m.reset(a.FP)
		sum := 0.0
		for _, b := range sample {
			if a != b {
				sum += m.score(b.FP)
			}
		}
		if sum > bestSum+1e-12 {
			best, bestSum = a, sum
		}
	}
	return best
}

func (g *Grouper) matcher() *matcher {
	if g.scratch == nil {
		g.scratch = &matcher{}
	}
	return g.scratch
}

// best finds the group whose medoid is most similar to r (≥ SameRoute).
func (g *Grouper) best(r *Run) (*groupState, float64) {
	if r.FP.Kind == KindTreadmill {
		for _, gs := range g.groups {
			if gs.alive && gs.kind == KindTreadmill {
				return gs, 1
			}
		}
		return nil, 0
	}
	if len(r.FP.Cells) == 0 {
		return nil, 0
	}
	coarse := coarseCells(r.FP)
	g.touched = g.touched[:0]
	for _, c := range coarse {
		for _, p := range g.index[c] {
			if g.counts[p] == 0 {
				g.touched = append(g.touched, p)
			}
			g.counts[p]++
		}
	}
	var m *matcher
	var best *groupState
	bestScore := 0.0
	slices.Sort(g.touched)
	for _, p := range g.touched {
		n := g.counts[p]
		g.counts[p] = 0
		gs := g.groups[p]
		if !gs.alive || gs.medoid == nil {
			continue
		}
		// Cheap filters before the exact score: enough shared 200 m cells and
		// comparable cell counts.
		if float64(n) < 0.5*float64(min(len(coarse), len(gs.coarse))) {
			continue
		}
		a, b := len(r.FP.Cells), len(gs.medoid.FP.Cells)
		if float64(min(a, b)) < 0.55*float64(max(a, b)) {
			continue
		}
		if m == nil {
			m = g.matcher()
			m.reset(r.FP)
		}
		s := m.score(gs.medoid.FP)
		if s >= SameRoute && (s > bestScore || (s == bestScore && gs.id < best.id)) {
			best, bestScore = gs, s
		}
	}
	return best, bestScore
}

// Groups returns the groups, largest first (ties: lower id first).
func (g *Grouper) Groups() []Group {
	var out []Group
	for _, gs := range g.groups {
		if !gs.alive || len(gs.members) == 0 {
			continue
		}
		grp := Group{ID: gs.id, Kind: gs.medoid.FP.Kind, Medoid: gs.medoid.ID}
		ms := slices.Clone(gs.members)
		slices.SortFunc(ms, runOrder)
		for _, m := range ms {
			grp.Members = append(grp.Members, m.ID)
		}
		out = append(out, grp)
	}
	slices.SortFunc(out, func(a, b Group) int {
		if c := cmp.Compare(len(b.Members), len(a.Members)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// GroupOf returns the group id of a run (0 when unknown).
func (g *Grouper) GroupOf(runID int64) int64 {
	if gs := g.runGroup[runID]; gs != nil {
		return gs.id
	}
	return 0
}

func runOrder(a, b *Run) int {
	if c := a.Start.Compare(b.Start); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Regroup groups all runs from scratch, deterministically and independently
// of input order: runs are taken oldest first, joined to the best medoid,
// then every run is reassigned once to the best final medoid. previous
// (run id → group id, may be nil) keeps group ids stable: each new group
// takes the old id it shares most members with; the rest get fresh ids from
// nextID. It returns the grouper (ready for incremental Add) and the run →
// group assignment.
func Regroup(runs []Run, previous map[int64]int64, nextID int64) (*Grouper, map[int64]int64) {
	sorted := make([]*Run, len(runs))
	for i := range runs {
		r := runs[i]
		sorted[i] = &r
	}
	slices.SortFunc(sorted, runOrder)
	sorted = slices.CompactFunc(sorted, func(a, b *Run) bool { return a.ID == b.ID })

	// Pass 1: greedy, with temporary ids.
	tmp := NewGrouper(1)
	for _, r := range sorted {
		tmp.Add(*r)
	}
	// Final medoids, then pass 2: reassign each run to its best medoid.
	for _, gs := range tmp.groups {
		tmp.setMedoid(gs, tmp.pickMedoid(gs))
	}
	assign := make(map[int64]*groupState, len(sorted))
	for _, r := range sorted {
		cur := tmp.runGroup[r.ID]
		if b, _ := tmp.best(tmp.runs[r.ID]); b != nil {
			cur = b
		}
		assign[r.ID] = cur
	}

	// Stable ids by member overlap with the previous assignment.
	type overlap struct {
		gs    *groupState
		old   int64
		count int
	}
	members := map[*groupState][]*Run{}
	for _, r := range sorted {
		members[assign[r.ID]] = append(members[assign[r.ID]], r)
	}
	var ovs []overlap
	for _, gs := range tmp.groups {
		cnt := map[int64]int{}
		for _, r := range members[gs] {
			if old, ok := previous[r.ID]; ok && old > 0 {
				cnt[old]++
			}
		}
		for old, c := range cnt {
			ovs = append(ovs, overlap{gs, old, c})
		}
		for _, r := range previous {
			nextID = max(nextID, r+1)
		}
	}
	slices.SortFunc(ovs, func(a, b overlap) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		if c := cmp.Compare(a.gs.pos, b.gs.pos); c != 0 {
			return c
		}
		return cmp.Compare(a.old, b.old)
	})
	finalID := map[*groupState]int64{}
	usedOld := map[int64]bool{}
	for _, o := range ovs {
		if _, done := finalID[o.gs]; done || usedOld[o.old] {
			continue
		}
		finalID[o.gs] = o.old
		usedOld[o.old] = true
	}
	out := NewGrouper(nextID)
	result := make(map[int64]int64, len(sorted))
	for _, gs := range tmp.groups {
		if len(members[gs]) == 0 {
			continue
		}
		id, ok := finalID[gs]
		if !ok {
			id = out.nextID
			out.nextID++
		}
		for _, r := range members[gs] {
			out.Restore(*r, id)
			result[r.ID] = id
		}
	}
	// The final medoids are the ones pass 2 assigned against, when they
	// stayed in their group; otherwise pick again.
	for _, gs := range tmp.groups {
		ms := members[gs]
		if len(ms) == 0 {
			continue
		}
		id := result[ms[0].ID]
		if gs.medoid != nil && assign[gs.medoid.ID] == gs {
			out.RestoreMedoid(id, gs.medoid.ID)
		} else {
			og := out.byID[id]
			out.setMedoid(og, out.pickMedoid(og))
		}
	}
	return out, result
}
