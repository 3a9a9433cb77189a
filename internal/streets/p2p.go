package streets

import (
	"context"
	"fmt"
	"math"
	"rekindle/internal/geo"
	"runtime"
	"sync"
)

// Point-to-point runs (routes.md §2 step 8): to a place of a kind or name,
// about the target length, one way or there and back by another way. A via
// on an ellipse with the start and the place as foci stretches a leg to its
// share of the target.

// p2pSpec is one way of going to a place.
type p2pSpec struct {
	dest  Place
	side  float64 // +1 left of the straight line, -1 right
	angle float64 // degrees along the ellipse from the start's end (90: widest)
}

// toPlace builds candidates to the nearest places matching the request.
func (p *planner) toPlace(ctx context.Context) ([]*candidate, error) {
	dests, note, err := p.placeDests()
	if err != nil {
		return nil, err
	}
	var specs []p2pSpec
	for _, d := range dests {
		for _, side := range []float64{1, -1} {
			specs = append(specs, p2pSpec{dest: d, side: side, angle: 90})
		}
	}
	cands := make([]*candidate, len(specs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), 2, len(specs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := p.newWorker()
			defer w.release()
			for i := range next {
				if p.enough.Load() {
					continue
				}
				cands[i] = w.placeRun(ctx, specs[i])
				p.offer(cands[i])
			}
		}()
	}
	for i := range specs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []*candidate
	for _, c := range cands {
		if c != nil {
			if c.note == "" {
				c.note = note
			}
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoSuggestion
	}
	return out, nil
}

// placeRun builds one run to a place: one way, or there and back with the
// way back on the other side and none of the way there reused.
func (w *worker) placeRun(ctx context.Context, sp p2pSpec) *candidate {
	p := w.p
	L := p.req.DistanceM
	t := sp.dest.Node
	w.clearFixed()
	if p.req.OneWay {
		wk, note := w.stretchedLeg(ctx, p.start, t, L, sp.side, sp.angle)
		if wk == nil {
			return nil
		}
		return w.placeCandidate(SuggestPointToPoint, *wk, sp, note)
	}
	out, _ := w.stretchedLeg(ctx, p.start, t, L/2, sp.side, sp.angle)
	if out == nil {
		return nil
	}
	outLen, _ := p.measure(out.edges)
	w.keep(out.edges)
	back, _ := w.stretchedLeg(ctx, t, p.start, max(L-outLen, 0), -sp.side, sp.angle)
	w.clearFixed()
	if back == nil {
		return nil
	}
	note := ""
	full := walk{nodes: append(append([]int32{}, out.nodes...), back.nodes[1:]...), edges: append(append([]int32{}, out.edges...), back.edges...)}
	if l, _ := p.measure(full.edges); math.Abs(l-L) > 0.05*L {
		note = fmt.Sprintf("there and back by different ways is %.1f km here", l/1000)
	}
	return w.placeCandidate(SuggestThereAndBack, full, sp, note)
}

func (w *worker) placeCandidate(kind string, wk walk, sp p2pSpec, note string) *candidate {
	length, reused := w.p.measure(wk.edges)
	d := sp.dest
	return &candidate{kind: kind, nodes: wk.nodes, edges: wk.edges, lengthM: length, reusedM: reused, dest: &d, note: note,
		heading: geo.Bearing(w.p.g.lat[w.p.start], w.p.g.lon[w.p.start], d.Lat, d.Lon)}
}

// stretchedLeg routes from a to b in about L metres: the cheapest way when
// that is long enough, else through a via on an ellipse (foci a and b)
// calibrated to the length. Edges kept with keep are not reused.
func (w *worker) stretchedLeg(ctx context.Context, a, b int32, L, side, angle float64) (*walk, string) {
	p := w.p
	g := p.g
	w.newAttempt()
	var direct walk
	if err := w.leg(&direct, a, b); err != nil {
		return nil, ""
	}
	dLen, _ := p.measure(direct.edges)
	if L <= 1.05*dLen {
		note := ""
		if L < 0.95*dLen {
			note = fmt.Sprintf("the shortest good way is %.1f km, longer than the target", dLen/1000)
		}
		return &direct, note
	}
	alat, alon := g.lat[a], g.lon[a]
	blat, blon := g.lat[b], g.lon[b]
	c := geo.FastDistance(alat, alon, blat, blon) / 2
	axis := geo.Bearing(alat, alon, blat, blon)
	mlat, mlon := geo.Offset(alat, alon, axis, c)
	semi := max(L/(2*firstDetour), c*1.05)
	best, bestErr := &direct, math.Abs(dLen-L)/L
	lo, hi := 0.0, math.Inf(1)
	for range maxCalibrate + 3 {
		if ctx.Err() != nil {
			break
		}
		minor := math.Sqrt(max(semi*semi-c*c, 0))
		th := angle * math.Pi / 180
		// Position on the ellipse: along the axis from the centre, then across.
		along := -semi * math.Cos(th)
		across := minor * math.Sin(th) * side
		vlat, vlon := geo.Offset(mlat, mlon, axis, along)
		vlat, vlon = geo.Offset(vlat, vlon, axis-90, across)
		v := p.snapVia(vlat, vlon, math.Min(400, math.Max(80, 0.2*minor)))
		w.newAttempt()
		var wk walk
		if v == a || v == b || w.leg(&wk, a, v) != nil || w.leg(&wk, v, b) != nil {
			semi = min(semi*1.2, L)
			continue
		}
		wk = trimSpurs(wk)
		length, _ := p.measure(wk.edges)
		e := (length - L) / L
		if math.Abs(e) < bestErr {
			cp := wk
			best, bestErr = &cp, math.Abs(e)
		}
		if math.Abs(e) <= lengthTol {
			break
		}
		// On an ellipse |av|+|vb| = 2·semi: the length scales with semi.
		nextSemi := semi * min(1.8, max(0.55, L/length))
		if length < L {
			lo = max(lo, semi)
		} else {
			hi = min(hi, semi)
		}
		if (nextSemi <= lo || nextSemi >= hi) && lo > 0 && !math.IsInf(hi, 1) {
			nextSemi = (lo + hi) / 2
		}
		semi = min(max(nextSemi, c*1.01), L)
	}
	// Re-mark the chosen walk's edges as the attempt's own (for the caller).
	w.newAttempt()
	for _, e := range best.edges {
		w.mark(e)
	}
	note := ""
	if bestErr > 0.05 {
		l, _ := p.measure(best.edges)
		note = fmt.Sprintf("the nearest to the target this way allows is %.1f km", l/1000)
	}
	return best, note
}

// placeDests picks the places a run may go to: the nearest ones of the
// request's kind or name whose straight line fits the target (the nearest
// one, with a note, when none does).
func (p *planner) placeDests() ([]Place, string, error) {
	g, L := p.g, p.req.DistanceM
	places := g.FindPlaces(p.req.To, g.lat[p.start], g.lon[p.start])
	if len(places) == 0 {
		return nil, "", &RefusalError{Kind: refusalKind(p.req), TargetM: L, Tolerance: tolerance(p.req, ""), To: p.req.To, NoPlace: true}
	}
	budget := L / firstDetour
	if !p.req.OneWay {
		budget /= 2
	}
	var dests []Place
	for _, pl := range places {
		if pl.Node == p.start {
			continue
		}
		if geo.FastDistance(g.lat[p.start], g.lon[p.start], pl.Lat, pl.Lon) <= budget {
			dests = append(dests, pl)
			if len(dests) >= max(2, p.req.Count) {
				break
			}
		}
	}
	note := ""
	if len(dests) == 0 {
		for _, pl := range places {
			if pl.Node != p.start {
				dests = append(dests, pl)
				note = fmt.Sprintf("the nearest %s is farther than the target distance allows", p.req.To)
				break
			}
		}
	}
	if len(dests) == 0 {
		return nil, "", fmt.Errorf("route: suggest: %q is where you start: %w", p.req.To, ErrNoSuggestion)
	}
	return dests, note, nil
}
