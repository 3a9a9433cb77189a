package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"rekindle/internal/store"
	"rekindle/internal/streets"
)

func init() {
	commands["map"] = command{"the street graph: 'map load FILE.osm.pbf' builds and stores it", runMap}
}

func runMap(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] != "load" {
		fmt.Fprintln(env.Stderr, "Usage: rekindle map load [--db DB] FILE.osm.pbf")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			return nil
		}
		return errUsage
	}
	fs := newFlagSet("map load", "FILE.osm.pbf", env)
	db := dbFlag(fs, env)
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("map load: %w", err)
	}
	sum := sha256.Sum256(data)
	t0 := time.Now()
	g, err := streets.BuildGraph(ctx, bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("map load %s: %w", path, err)
	}
	built := time.Since(t0)
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	info, size, err := app.SaveGraph(ctx, ath.ID, g, filepath.Base(path), hex.EncodeToString(sum[:]))
	if err != nil {
		return err
	}
	writeGraphFacts(env.Stdout, g, info, built, size)
	// Every run is matched onto the new streets once, now, and stored: the
	// routes, coverage and spark read the stored matches.
	last := -1
	err = app.RefreshRoutes(ctx, ath.ID, func(done, total int) {
		if pct := done * 100 / total; pct/10 != last/10 || done == total {
			last = pct
			fmt.Fprintf(env.Stderr, "matching runs onto the streets: %d of %d\n", done, total)
		}
	})
	if err != nil {
		return fmt.Errorf("map load: match runs: %w", err)
	}
	return nil
}

func writeGraphFacts(w io.Writer, g *streets.Graph, info store.RouteGraphInfo, built time.Duration, size int) {
	fmt.Fprintf(w, "Street graph from %s: %d nodes, %d edges, built in %s, saved %.1f MB\n",
		info.SourceName, info.Nodes, info.Edges, built.Round(time.Millisecond), float64(size)/1e6)
	lengths := g.TotalLength()
	for _, c := range []streets.Class{streets.ClassRoad, streets.ClassPath, streets.ClassTrail, streets.ClassAvoid} {
		fmt.Fprintf(w, "  %-6s %8.1f km\n", c, lengths[c]/1000)
	}
}
