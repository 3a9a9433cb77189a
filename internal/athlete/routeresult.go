package athlete

import (
	"encoding/json"
	"fmt"

	"rekindle"
	routepkg "rekindle/internal/route"
	"rekindle/internal/store"
	"rekindle/internal/streets"
)

// A route source's result is kept in the database (store.RouteResult) for
// the athlete's routes and athlete counters and the street graph's version:
// the replica that built it first spares every other replica, and every
// restart, the reading and decoding of every fingerprint and the folding
// of every stored match. The routes counter moves with any write to the
// activities or the street graph and the athlete counter with the unit,
// so a kept result of the current key is the one compute would build.

// routeResultVersion is the stored result's format; another one is built
// again.
const routeResultVersion = 1

// routeResultKey is what a stored result is valid for.
func routeResultKey(st store.Stamp, gv string) string {
	return fmt.Sprintf("v%d r%d a%d f%d m%d g%s", routeResultVersion, st.Routes, st.Athlete, routepkg.FingerprintVersion, streets.MatchVersion, gv)
}

// storedRoutes is routeResult as stored (JSON).
type storedRoutes struct {
	Groups []RouteGroup `json:"groups"`
	Usual  [][]byte     `json:"usual"` // fingerprints (MarshalBinary)
	Last   *[2]float64  `json:"last,omitempty"`
	// With a street graph: the grouping, the representative runs' street
	// names and the edges run (a bit per edge of a graph of Edges edges).
	Graph   bool               `json:"graph,omitempty"`
	Assign  map[int64]int64    `json:"assign,omitempty"`
	RGroups []routepkg.Group   `json:"route_groups,omitempty"`
	Streets map[int64][]string `json:"streets,omitempty"`
	Edges   int                `json:"edges,omitempty"`
	Run     []byte             `json:"run,omitempty"`
}

// encodeRouteResult is res as stored; ok false when it cannot be.
func encodeRouteResult(res routeResult) ([]byte, bool) {
	sr := storedRoutes{Groups: res.groups}
	for _, fp := range res.usual {
		b, err := fp.MarshalBinary()
		if err != nil {
			return nil, false
		}
		sr.Usual = append(sr.Usual, b)
	}
	if res.hasLast {
		sr.Last = &[2]float64{res.lastLat, res.lastLon}
	}
	if res.graph != nil {
		if res.state == nil || res.run == nil {
			return nil, false
		}
		sr.Graph = true
		sr.Assign, sr.RGroups, sr.Streets = res.state.Assign, res.state.Groups, res.state.Streets
		sr.Edges = res.graph.NumEdges()
		sr.Run = make([]byte, (sr.Edges+7)/8)
		for e := range int32(sr.Edges) {
			if res.run(e) {
				sr.Run[e/8] |= 1 << (e % 8)
			}
		}
	}
	data, err := json.Marshal(sr)
	if err != nil {
		return nil, false
	}
	return data, true
}

// decodeRouteResult is the stored result on graph g (nil: none), the runs'
// activities read by heads (only with a graph). ok false when it does not
// fit: built again.
func decodeRouteResult(data []byte, g *streets.Graph, heads func() ([]*rekindle.Activity, error)) (routeResult, bool, error) {
	var sr storedRoutes
	var res routeResult
	if err := json.Unmarshal(data, &sr); err != nil {
		return res, false, nil
	}
	if sr.Graph != (g != nil) || (g != nil && (sr.Edges != g.NumEdges() || len(sr.Run) != (sr.Edges+7)/8)) {
		return res, false, nil
	}
	res.graph, res.graphSeen, res.groups = g, true, sr.Groups
	for _, b := range sr.Usual {
		fp := new(routepkg.Fingerprint)
		if err := fp.UnmarshalBinary(b); err != nil {
			return res, false, nil
		}
		res.usual = append(res.usual, fp)
	}
	if sr.Last != nil {
		res.lastLat, res.lastLon, res.hasLast = sr.Last[0], sr.Last[1], true
	}
	if g == nil {
		return res, true, nil
	}
	acts, err := heads()
	if err != nil {
		return res, false, err
	}
	runs := map[int64]*rekindle.Activity{}
	for _, a := range acts {
		if a.Sport.IsRun() {
			runs[a.ID] = a
		}
	}
	if sr.Streets == nil {
		sr.Streets = map[int64][]string{}
	}
	res.state = &RouteState{Acts: runs, Assign: sr.Assign, Groups: sr.RGroups, Graph: g, Streets: sr.Streets}
	run := sr.Run
	res.run = func(e int32) bool { return e >= 0 && int(e) < len(run)*8 && run[e/8]&(1<<(e%8)) != 0 }
	return res, true, nil
}
