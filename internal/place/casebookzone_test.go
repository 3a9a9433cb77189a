package place

import (
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// casebookZones are the true zones of the casebook's summary-only runners
// (testdata/casebook/SOURCES.md: the sources' own local times, offsets or
// time zones; runners with positions or watch files are placed by those).
var casebookZones = map[string]string{
	"real-16": "America/New_York", "real-22": "America/New_York",
	"real-25": "Asia/Shanghai", "real-26": "Asia/Tokyo", "real-27": "Asia/Shanghai",
	"real-29": "Europe/Rome", "real-30": "America/Chicago", "real-31": "Asia/Seoul",
	"real-32": "Asia/Shanghai", "real-33": "Asia/Shanghai", "real-35": "Asia/Shanghai",
	"real-36": "Asia/Shanghai", "real-37": "Asia/Shanghai", "real-38": "America/Chicago",
	"real-39": "America/Recife", "real-40": "Europe/London", "real-41": "Europe/Dublin",
	"real-42": "Europe/London", "real-43": "Europe/Brussels", "real-44": "Europe/Copenhagen",
	"real-45": "Asia/Shanghai", "real-46": "Asia/Shanghai", "real-47": "America/Edmonton",
	"real-48": "America/Toronto", "real-49": "America/New_York", "real-50": "Europe/Warsaw",
	"real-51": "America/Bogota", "real-52": "Europe/Helsinki", "real-53": "Europe/Paris",
	"real-54": "America/Edmonton", "real-55": "Europe/Amsterdam", "real-56": "Europe/Berlin",
	"real-57": "America/New_York", "real-58": "Europe/Dublin",
	"real-59": "Asia/Shanghai", "real-60": "Asia/Shanghai", "real-61": "Asia/Shanghai",
	"real-64": "Asia/Kuala_Lumpur", "real-66": "America/Sao_Paulo", "real-67": "Pacific/Auckland",
	"real-70": "Asia/Shanghai", "real-71": "Asia/Shanghai", "real-76": "Asia/Shanghai", "real-77": "Asia/Shanghai",
	"real-86": "Asia/Shanghai", "real-88": "Asia/Shanghai", "real-95": "Asia/Shanghai", "real-96": "Asia/Shanghai",
	"real-97": "Asia/Shanghai", "real-110": "Europe/Prague", "real-111": "Europe/Madrid",
}

// casebookStarts reads a casebook fixture's UTC starts (newest 1,000, as
// the importer asks) and names.
func casebookStarts(t *testing.T, name string) ([]time.Time, []string) {
	ts, named := casebookNamedStarts(t, name)
	var names []string
	for _, n := range named {
		names = append(names, n.Name)
	}
	return ts, names
}

// casebookNamedStarts reads a casebook fixture's UTC starts (newest 1,000,
// as the importer asks) and its named activities' starts and names.
func casebookNamedStarts(t *testing.T, name string) ([]time.Time, []Named) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "casebook", name, "history.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(z)
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		at   time.Time
		name string
	}
	col := slices.Index(recs[0], "name")
	var rows []row
	for _, rec := range recs[1:] {
		d := rec[0]
		if len(d) > 16 {
			d = d[:16]
		}
		at, err := time.Parse("2006-01-02 15:04", d)
		if err != nil {
			continue
		}
		n := ""
		if col >= 0 && col < len(rec) {
			n = rec[col]
		}
		rows = append(rows, row{at, n})
	}
	slices.SortStableFunc(rows, func(a, b row) int { return b.at.Compare(a.at) })
	rows = rows[:min(len(rows), 1000)]
	var ts []time.Time
	var named []Named
	for _, r := range rows {
		ts = append(ts, r.at)
		if r.name != "" {
			named = append(named, Named{At: r.at, Name: r.name})
		}
	}
	return ts, named
}

// sameDays is the share of starts whose local day in zone is their day in
// the true zone.
func sameDays(starts []time.Time, zone, truth string) float64 {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return 0
	}
	tl, _ := time.LoadLocation(truth)
	n := 0
	for _, s := range starts {
		if s.In(loc).Format(time.DateOnly) == s.In(tl).Format(time.DateOnly) {
			n++
		}
	}
	return float64(n) / float64(len(starts))
}

// Over the casebook's summary-only runners whose true zone is known, the
// zone from start hours gives the true offset in both seasons on most, and
// never loses a day the night gap's fixed offset had right: the New York
// runner real-57 (was UTC-3) and the Dublin runner real-58 (was UTC+2).
func TestZoneFromStartsCasebook(t *testing.T) {
	jan := time.Date(2024, 1, 15, 12, 0, 0, 0, time.UTC)
	jul := time.Date(2024, 7, 15, 12, 0, 0, 0, time.UTC)
	offs := func(zone string) string {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return "?"
		}
		_, a := jan.In(loc).Zone()
		_, b := jul.In(loc).Zone()
		return fmt.Sprintf("%s/%s", offsetLabel(a), offsetLabel(b))
	}
	cases := make([]string, 0, len(casebookZones))
	for c := range casebookZones {
		cases = append(cases, c)
	}
	slices.Sort(cases)
	exact, oldExact, n := 0, 0, 0
	var daysNew, daysOld float64
	for _, c := range cases {
		truth := casebookZones[c]
		starts, named := casebookNamedStarts(t, c)
		var names []string
		for _, n := range named {
			names = append(names, n.Name)
		}
		old, _ := OffsetFromStartsHinted(starts, ScriptHint(names))
		z, ok := ZoneFromNamedStarts(starts, named)
		if !ok {
			t.Logf("%s: unsettled (true %s %s)", c, truth, offs(truth))
			continue
		}
		n++
		dn, do := sameDays(starts, z.Zone, truth), sameDays(starts, old.Zone, truth)
		daysNew += dn
		daysOld += do
		if offs(z.Zone) == offs(truth) {
			exact++
		}
		if offs(old.Zone) == offs(truth) {
			oldExact++
		}
		t.Logf("%s: true %-18s %-13s | was %-10s %-13s days %5.1f%% | now %-18s %-13s days %5.1f%% lang %q", c, truth, offs(truth), old.Zone, offs(old.Zone), 100*do, z.Zone, offs(z.Zone), 100*dn, z.Lang)
		if dn < do-1e-9 {
			t.Errorf("%s: %.1f%% of days right at %s, %.1f%% at the fixed %s", c, 100*dn, z.Zone, 100*do, old.Zone)
		}
	}
	for _, c := range []string{"real-57", "real-58", "real-56", "real-66", "real-97", "real-96"} {
		starts, named := casebookNamedStarts(t, c)
		if z, _ := ZoneFromNamedStarts(starts, named); offs(z.Zone) != offs(casebookZones[c]) {
			t.Errorf("%s: %s (%s), want the clock of %s (%s)", c, z.Zone, offs(z.Zone), casebookZones[c], offs(casebookZones[c]))
		}
	}
	if exact < 22 {
		t.Errorf("true offsets in January and July on %d of %d runners, want at least 22 (the night gap's fixed offset: %d)", exact, n, oldExact)
	}
	t.Logf("true offsets in January and July: %d of %d (fixed offset from the night gap: %d); days right %.2f%% (was %.2f%%)", exact, n, oldExact, 100*daysNew/float64(n), 100*daysOld/float64(n))
}
