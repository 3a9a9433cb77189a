package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"text/tabwriter"
)

func init() {
	routesSubcommands["courses"] = command{"saved courses (planned routes from files with no times): routes courses [delete ID]", runRoutesCourses}
}

// courseJSON is the stable JSON shape of a saved course.
type courseJSON struct {
	ID        int64   `json:"id"`
	Name      string  `json:"name"`
	DistanceM float64 `json:"distance_m"`
	AscentM   float64 `json:"ascent_m"`
	StartLat  float64 `json:"start_lat"`
	StartLon  float64 `json:"start_lon"`
	File      string  `json:"file"`
}

func runRoutesCourses(ctx context.Context, env *Env, args []string) error {
	fs := newFlagSet("routes courses", "[delete ID]", env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print a JSON array")
	pos, app, ath, err := parseOpen(ctx, env, fs, args, db)
	if err != nil {
		return err
	}
	defer app.Close()
	switch {
	case len(pos) == 2 && pos[0] == "delete":
		id, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil {
			fs.Usage()
			return errUsage
		}
		if err := app.DeleteCourse(ctx, ath.ID, id); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "course %d deleted\n", id)
		return nil
	case len(pos) != 0:
		fs.Usage()
		return errUsage
	}
	cs, err := app.Courses(ctx, ath.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		out := make([]courseJSON, len(cs))
		for i, c := range cs {
			out[i] = courseJSON{ID: c.ID, Name: c.Name, DistanceM: num(c.DistanceM), AscentM: num(c.AscentM),
				StartLat: c.StartLat, StartLon: c.StartLon, File: c.Source.File}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(out)
	}
	if len(cs) == 0 {
		fmt.Fprintln(env.Stdout, "No saved courses. Import a planned route (a GPX or TCX course with no times) to keep it here.")
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKM\tCLIMB\tNAME\tFILE")
	for _, c := range cs {
		fmt.Fprintf(tw, "%d\t%.2f\t%.0f m\t%s\t%s\n", c.ID, c.DistanceM/1000, c.AscentM, c.Name, c.Source.File)
	}
	return tw.Flush()
}
