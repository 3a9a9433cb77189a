package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"rekindle"
	"rekindle/internal/athlete"
	"rekindle/internal/ingest"
	"rekindle/internal/locale"
	"rekindle/internal/place"
)

func init() {
	commands["athlete"] = command{"your settings: athlete show | athlete set --time-zone Europe/Berlin --home LAT,LON --unit km|mi --locale de-DE --country DE | athlete zones add home --at LAT,LON", runAthlete}
}

const athleteUsage = `Usage: rekindle athlete show [--json]
       rekindle athlete set [--time-zone ZONE] [--home LAT,LON] [--unit km|mi] [--locale TAG] [--country CC] [--name NAME]
       rekindle athlete infer   (time zone, home and country from where your recent activities start)
       rekindle athlete zones list | add NAME --at LAT,LON [--radius M] | delete ID   (privacy zones)
       rekindle athlete private ACTIVITY_ID [--off]   (keep an activity from coaches)`

// athleteJSON is the stable JSON shape of the athlete's settings.
type athleteJSON struct {
	Name           string  `json:"name"`
	TimeZone       string  `json:"time_zone"`
	TimeZoneSource string  `json:"time_zone_source"` // user | inferred | device | start_hours | ""
	Country        string  `json:"country"`
	HomeLat        float64 `json:"home_lat"`
	HomeLon        float64 `json:"home_lon"`
	Unit           string  `json:"unit"`
	Locale         string  `json:"locale"`       // as set; "" when inferred
	Dates          string  `json:"dates_as"`     // the locale dates are written in
	DateExample    string  `json:"date_example"` // a day written that way
	Sex            string  `json:"sex"`
	BirthYear      int     `json:"birth_year"`
	RestingHR      float64 `json:"resting_hr"`
	MaxHR          float64 `json:"max_hr"`
}

func runAthlete(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(env.Stderr, athleteUsage)
		return errUsage
	}
	sub := args[0]
	if sub == "zones" || sub == "private" {
		return runZones(ctx, env, sub, args[1:])
	}
	fs := newTextFlagSet("athlete "+sub, athleteUsage, env)
	db := dbFlag(fs, env)
	asJSON := fs.Bool("json", false, "print JSON")
	zone := fs.String("time-zone", "", "IANA time zone, e.g. Europe/Berlin (UTC for none)")
	home := fs.String("home", "", "home position LAT,LON in degrees")
	unit := fs.String("unit", "", "km or mi")
	lc := fs.String("locale", "", "how dates are written: "+supportedLocales()+" (a language tag; \"\" to infer from your country)")
	country := fs.String("country", "", "home country, ISO 3166-1 alpha-2 (DE, CN); default: the time zone's")
	name := fs.String("name", "", "your name")
	switch sub {
	case "show", "set", "infer":
	default:
		fs.Usage()
		return errUsage
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	app, ath, err := openAthlete(ctx, env, *db)
	if err != nil {
		return err
	}
	defer app.Close()
	switch sub {
	case "infer":
		if ath.TimeZoneSource == "user" {
			fmt.Fprintf(env.Stdout, "your time zone %s was set by you: left as it is\n", ath.TimeZone)
			return nil
		}
		ath.TimeZone, ath.TimeZoneSource = "", ""
		if err := app.SaveAthlete(ctx, ath); err != nil {
			return err
		}
		msg, err := app.InferPlace(ctx, ath.ID)
		if err != nil {
			return err
		}
		if msg == "" {
			msg = "no activity with a start position, and their start hours do not settle a UTC offset: nothing inferred"
		}
		fmt.Fprintln(env.Stdout, msg)
		return nil
	case "set":
		if len(set) == 0 || (len(set) == 1 && set["db"]) {
			fs.Usage()
			return errUsage
		}
		if set["time-zone"] {
			z, err := parseZone(*zone)
			if err != nil {
				return fmt.Errorf("athlete set: %w", err)
			}
			ath.TimeZone, ath.TimeZoneSource = z, "user"
			if !set["country"] {
				ath.Country = place.CountryOfZone(z)
			}
		}
		if set["home"] {
			lat, lon, err := place.ParseLatLon(*home)
			if err != nil {
				return fmt.Errorf("athlete set: --home: %w", err)
			}
			ath.HomeLat, ath.HomeLon = lat, lon
			if ath.TimeZoneSource != "user" && !set["time-zone"] {
				if z := place.ZoneAt(lat, lon); z != "" {
					ath.TimeZone, ath.TimeZoneSource = z, "inferred"
					if !set["country"] {
						ath.Country = place.CountryOfZone(z)
					}
				}
			}
		}
		if set["unit"] {
			u := rekindle.Unit(*unit)
			if u != rekindle.UnitKm && u != rekindle.UnitMi {
				return fmt.Errorf("athlete set: --unit: want km or mi, got %q", *unit)
			}
			ath.Unit = u
		}
		if set["locale"] {
			l, err := locale.Parse(*lc)
			if err != nil {
				return fmt.Errorf("athlete set: --locale: %w", err)
			}
			ath.Locale = string(l)
		}
		if set["country"] {
			cc := strings.ToUpper(strings.TrimSpace(*country))
			if cc != "" && !place.ValidCountry(cc) {
				return fmt.Errorf("athlete set: --country: unknown ISO 3166-1 alpha-2 code %q", *country)
			}
			ath.Country = cc
		}
		if set["name"] {
			ath.Name = *name
		}
		if err := app.SaveAthlete(ctx, ath); err != nil {
			return err
		}
	}
	j := athleteJSON{Name: ath.Name, TimeZone: ath.TimeZone, TimeZoneSource: ath.TimeZoneSource, Country: ath.Country,
		HomeLat: ath.HomeLat, HomeLon: ath.HomeLon, Unit: string(ath.Unit), Locale: ath.Locale, Dates: string(athlete.Dates(ath)), DateExample: athlete.Dates(ath).Day(dateExample), Sex: string(ath.Sex), BirthYear: ath.BirthYear,
		RestingHR: ath.RestingHR, MaxHR: ath.MaxHR}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", " ")
		return enc.Encode(j)
	}
	w := env.Stdout
	tz := ath.TimeZone
	switch {
	case tz == "":
		tz = "UTC (not set: `rekindle athlete set --time-zone ZONE`, or import activities with positions)"
	case ath.TimeZoneSource == "inferred":
		tz += " (inferred from where you run)"
	case ath.TimeZoneSource == ingest.TimeZoneFromStartHours:
		tz += " (inferred from the hours your activities start, and their shift with summer time: no positions; a clock like yours, the name may be another city's; set yours with `rekindle athlete set --time-zone ZONE`)"
	case ath.TimeZoneSource == "user":
		tz += " (set by you)"
	}
	fmt.Fprintf(w, "name       %s\ntime zone  %s\n", ath.Name, tz)
	fmt.Fprintf(w, "country    %s\n", orDash(ath.Country))
	if ath.HomeLat != 0 || ath.HomeLon != 0 {
		fmt.Fprintf(w, "home       %.4f,%.4f\n", ath.HomeLat, ath.HomeLon)
	} else {
		fmt.Fprintln(w, "home       -")
	}
	fmt.Fprintf(w, "unit       %s\n", ath.Unit)
	how := "set by you"
	if ath.Locale == "" {
		how = "inferred: `rekindle athlete set --locale TAG` to choose"
	}
	fmt.Fprintf(w, "dates      %s, e.g. %s (%s)\n", athlete.Dates(ath), athlete.Dates(ath).Day(dateExample), how)
	return nil
}

// parseZone checks a time zone given by the runner: an IANA name
// ("Europe/Berlin", "Etc/GMT-8"), or UTC or "" for none ("").
func parseZone(s string) (string, error) {
	z := strings.TrimSpace(s)
	if z == "UTC" || z == "" {
		return "", nil
	}
	if _, err := time.LoadLocation(z); err != nil || !strings.Contains(z, "/") {
		return "", fmt.Errorf("unknown time zone %q (an IANA name like Europe/Berlin)", s)
	}
	return z, nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// dateExample is the day 'athlete show' writes to show the date format.
var dateExample = time.Date(2025, time.June, 3, 12, 0, 0, 0, time.UTC)

func supportedLocales() string {
	var s []string
	for _, l := range locale.Supported {
		s = append(s, string(l))
	}
	return strings.Join(s, ", ")
}
