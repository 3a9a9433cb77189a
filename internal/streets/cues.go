package streets

import (
	"fmt"
	"math"
	"rekindle/internal/geo"
)

// Turn-by-turn cues at junctions.

// Turn kinds of a cue.
const (
	TurnDepart      = "depart"
	TurnStraight    = "straight"
	TurnSlightLeft  = "slight_left"
	TurnSlightRight = "slight_right"
	TurnLeft        = "left"
	TurnRight       = "right"
	TurnSharpLeft   = "sharp_left"
	TurnSharpRight  = "sharp_right"
	TurnUTurn       = "u_turn"
	TurnArrive      = "arrive"
)

// Cue is one instruction along a route.
type Cue struct {
	AtM    float64 `json:"at_m"` // distance from the start
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
	Turn   string  `json:"turn"`
	Street string  `json:"street,omitempty"` // the street taken
	Text   string  `json:"text"`
}

// cueLookM is how far before and after a junction the bearing is taken, so
// that the kinks of a street's geometry do not read as turns.
const cueLookM = 20.0

// cues lists where to turn: at every junction (a vertex with three or more
// edges) where the route bends by 25° or more, or changes to a named street.
// Repeated cues onto the same street merge: a slight bend that stays on the
// street gives none, a real turn that stays on it says "to stay on".
func (p *planner) cues(nodes, edges []int32, dest *Place) []Cue {
	g := p.g
	if len(nodes) < 2 {
		return nil
	}
	name := func(e int32) string { return g.names[g.ename[e]] }
	pos := make([]float64, len(nodes)) // distance at each vertex
	for i, e := range edges {
		pos[i+1] = pos[i] + float64(g.elen[e])
	}
	// pointAt finds the vertex about d metres away from vertex i along the route.
	pointAt := func(i int, d float64) int {
		j := i
		if d < 0 {
			for j > 0 && pos[i]-pos[j] < -d {
				j--
			}
		} else {
			for j < len(nodes)-1 && pos[j]-pos[i] < d {
				j++
			}
		}
		return j
	}
	n0 := nodes[0]
	out := []Cue{{AtM: 0, Lat: g.lat[n0], Lon: g.lon[n0], Turn: TurnDepart, Street: name(edges[0]),
		Text: fmt.Sprintf("Head %s%s", compass(geo.Bearing(g.lat[n0], g.lon[n0], g.lat[nodes[1]], g.lon[nodes[1]])), onto(" on ", name(edges[0])))}}
	cur := name(edges[0])
	for i := 1; i < len(nodes)-1; i++ {
		n := nodes[i]
		if g.off[n+1]-g.off[n] < 3 {
			continue
		}
		a, b := nodes[pointAt(i, -cueLookM)], nodes[pointAt(i, cueLookM)]
		in := geo.Bearing(g.lat[a], g.lon[a], g.lat[n], g.lon[n])
		outB := geo.Bearing(g.lat[n], g.lon[n], g.lat[b], g.lon[b])
		if a == n || b == n {
			continue
		}
		turn := math.Mod(outB-in+540, 360) - 180 // (-180, 180], positive to the right
		next := name(edges[i])
		kind := turnKind(turn)
		if kind == TurnStraight && (next == cur || next == "") {
			continue
		}
		same := next != "" && next == cur
		if same && (kind == TurnSlightLeft || kind == TurnSlightRight) {
			continue // the street itself bends: no new instruction
		}
		var text string
		switch {
		case kind == TurnStraight:
			text = "Continue onto " + next
		case kind == TurnUTurn && same:
			text = "Turn around on " + next
		case kind == TurnUTurn:
			text = "Turn around" + onto(" onto ", next)
		case same:
			text = turnWord(kind) + " to stay on " + next
		default:
			text = turnWord(kind) + onto(" onto ", next)
		}
		out = append(out, Cue{AtM: round1(pos[i]), Lat: g.lat[n], Lon: g.lon[n], Turn: kind, Street: next, Text: text})
		cur = next
	}
	last := nodes[len(nodes)-1]
	text := "Arrive back at the start"
	if dest != nil && last == dest.Node {
		text = "Arrive at " + placeLabel(dest)
	} else if last != n0 {
		text = "Arrive"
	}
	out = append(out, Cue{AtM: round1(pos[len(pos)-1]), Lat: g.lat[last], Lon: g.lon[last], Turn: TurnArrive, Text: text})
	return out
}

func placeLabel(p *Place) string {
	if p.Name != "" {
		return p.Name
	}
	return "the " + p.Kind
}

func onto(prep, name string) string {
	if name == "" {
		return ""
	}
	return prep + name
}

func turnKind(a float64) string {
	abs := math.Abs(a)
	switch {
	case abs < 25:
		return TurnStraight
	case abs >= 165:
		return TurnUTurn
	}
	right := a > 0
	switch {
	case abs < 50:
		if right {
			return TurnSlightRight
		}
		return TurnSlightLeft
	case abs < 130:
		if right {
			return TurnRight
		}
		return TurnLeft
	}
	if right {
		return TurnSharpRight
	}
	return TurnSharpLeft
}

func turnWord(kind string) string {
	switch kind {
	case TurnSlightLeft:
		return "Bear left"
	case TurnSlightRight:
		return "Bear right"
	case TurnLeft:
		return "Turn left"
	case TurnRight:
		return "Turn right"
	case TurnSharpLeft:
		return "Turn sharp left"
	case TurnSharpRight:
		return "Turn sharp right"
	}
	return "Continue"
}

func compass(b float64) string {
	names := [...]string{"north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"}
	return names[int(math.Mod(b+22.5, 360)/45)%8]
}
