package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"rekindle"
	"rekindle/internal/athlete"
)

const zonesUsage = `Usage: rekindle athlete zones list [--json]
       rekindle athlete zones add NAME --at LAT,LON [--radius METRES]   (200–1000 m, default 500)
       rekindle athlete zones delete ZONE_ID
       rekindle athlete private ACTIVITY_ID [--off]

The parts of your tracks inside a privacy zone are cut from everything you
share (what your coaches see); your own views and export keep them. A
private activity is not shown to your coaches at all.`

// runZones is "rekindle athlete zones …" and "rekindle athlete private …":
// a thin shell over the application's privacy settings.
func runZones(ctx context.Context, env *Env, sub string, args []string) error {
	fs := newTextFlagSet("athlete "+sub, zonesUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "list: print JSON")
	at := fs.String("at", "", "add: the zone's centre LAT,LON in degrees")
	radius := fs.Float64("radius", 500, "add: the zone's radius in metres (200–1000)")
	off := fs.Bool("off", false, "private: share the activity with coaches again")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	op := "list"
	if sub == "zones" && len(pos) > 0 {
		op, pos = pos[0], pos[1:]
	}
	if sub == "private" {
		op = "private"
	}
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	id := func() (int64, error) {
		if len(pos) != 1 {
			fs.Usage()
			return 0, errUsage
		}
		n, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("athlete %s: %q is not an id", sub, pos[0])
		}
		return n, nil
	}
	switch op {
	case "list":
		v, err := app.Privacy(ctx, ath.ID)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(env.Stdout, v)
		}
		if len(v.Zones) == 0 {
			fmt.Fprintln(env.Stdout, "no privacy zones")
		}
		for _, z := range v.Zones {
			fmt.Fprintf(env.Stdout, "%d\t%s\t%.6f,%.6f\t%.0f m\n", z.ID, z.Name, z.Lat, z.Lon, z.RadiusM)
		}
		if len(v.Private) > 0 {
			fmt.Fprintf(env.Stdout, "private activities: %s\n", strings.Trim(fmt.Sprint(v.Private), "[]"))
		}
		return nil
	case "add":
		if len(pos) != 1 || *at == "" {
			fs.Usage()
			return errUsage
		}
		la, lo, ok := strings.Cut(*at, ",")
		lat, err1 := strconv.ParseFloat(strings.TrimSpace(la), 64)
		lon, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		if !ok || err1 != nil || err2 != nil {
			return &rekindle.Error{Code: rekindle.CodeInvalid, Message: fmt.Sprintf("athlete zones add: --at wants LAT,LON in degrees, got %q", *at)}
		}
		z, err := app.AddZone(ctx, ath.ID, athlete.ZoneForm{Name: pos[0], Lat: lat, Lon: lon, RadiusM: *radius})
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "privacy zone %d %q: %.0f m around %.6f,%.6f\n", z.ID, z.Name, z.RadiusM, z.Lat, z.Lon)
		return nil
	case "delete":
		n, err := id()
		if err != nil {
			return err
		}
		if err := app.DeleteZone(ctx, ath.ID, n); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "privacy zone %d deleted\n", n)
		return nil
	case "private":
		n, err := id()
		if err != nil {
			return err
		}
		if err := app.SetPrivate(ctx, ath.ID, n, !*off); err != nil {
			return err
		}
		if *off {
			fmt.Fprintf(env.Stdout, "activity %d is shared with your coaches again\n", n)
		} else {
			fmt.Fprintf(env.Stdout, "activity %d is private: your coaches do not see it\n", n)
		}
		return nil
	}
	fs.Usage()
	return errUsage
}
