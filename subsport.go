package rekindle

import "strings"

// SubSportName puts a file's own finer sport name into one vocabulary: FIT's
// sub_sport names in lower_snake ("trail", "treadmill", "lap_swimming",
// "virtual_activity"), "" for a plain or generic sport ("Running",
// "run", "generic", Strava's "9"). GPX <type>, TCX Sport and Strava type
// values map onto FIT's names; any other value is kept in lower_snake
// (letters, digits, underscores; at most 40 bytes).
func SubSportName(raw string) string {
	k := snakeWord(raw)
	if v, ok := subSportAliases[k]; ok {
		return v
	}
	return k
}

// subSportAliases maps other sources' names (already lower_snake) onto FIT's
// sub_sport names; "" is the plain sport.
var subSportAliases = map[string]string{
	// plain sports: the sport says it all
	"generic": "", "running": "", "run": "", "jogging": "", "walking": "", "walk": "", "hiking": "", "hike": "",
	"cycling": "", "biking": "", "ride": "", "bike": "", "bicycle": "", "swimming": "", "swim": "",
	"rowing": "", "other": "", "all": "",
	// Strava's numeric GPX types
	"1": "", "4": "", "9": "", "10": "", "16": "", "17": "virtual_activity",
	// running
	"street_running": "street", "road_running": "street",
	"trail_running": "trail", "trail_run": "trail", "trailrun": "trail",
	"treadmill_running": "treadmill",
	"track_running":     "track",
	"virtual_run":       "virtual_activity", "virtualrun": "virtual_activity",
	// cycling
	"road_biking": "road", "road_cycling": "road",
	"mountain_biking": "mountain", "mountain_bike": "mountain", "mtb": "mountain", "mountain_bike_ride": "mountain",
	"gravel_ride": "gravel_cycling", "gravel": "gravel_cycling",
	"e_bike_ride": "e_bike_fitness", "ebike_ride": "e_bike_fitness", "ebikeride": "e_bike_fitness", "e_mountain_bike_ride": "e_bike_mountain",
	"virtual_ride": "virtual_activity", "virtualride": "virtual_activity", "virtual_cycling": "virtual_activity",
	"spinning": "spin",
	// swimming and others
	"pool_swimming": "lap_swimming", "open_water_swimming": "open_water",
	"weight_training": "strength_training", "workout": "exercise",
}

// snakeWord lower-cases s, splits camelCase ("VirtualRun" → "virtual_run")
// and turns runs of other characters into one underscore.
func snakeWord(s string) string {
	var b strings.Builder
	prevLower, sep := false, false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= 'A' && r <= 'Z':
			if prevLower || (sep && b.Len() > 0) {
				b.WriteByte('_')
			}
			b.WriteRune(r + 'a' - 'A')
			prevLower, sep = false, false
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if sep && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
			prevLower, sep = true, false
		default:
			sep, prevLower = true, false
		}
		if b.Len() >= 40 {
			break
		}
	}
	return strings.Trim(b.String(), "_")
}
