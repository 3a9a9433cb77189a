package ingest

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A summary-only history (no positions) of a runner at UTC+8 who runs at
// 6–7 am and 7–9 pm local (and some days at noon or in the afternoon): import places it at UTC+8 from the start hours,
// says how it decided, a zone from positions later replaces it, and a zone
// the runner set is never touched.
func TestImportPlacesHistoryWithoutPositionsByStartHours(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	local := time.FixedZone("CST", 8*3600)
	hours := []int{6, 19, 7, 20, 6, 21, 12, 17, 9, 15}
	for d := 0; d < 60; d++ {
		at := time.Date(2015, 6, 1+d, hours[d%len(hours)], 10, 0, 0, local).UTC()
		fmt.Fprintf(&b, "%s,Run,8.0,0:45:00,,\n", at.Format("2006-01-02 15:04"))
	}
	b.WriteString("2015-08-14 22:26,Run,21.1,1:57:49,,\n") // Saturday 6:26 am local
	hist := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, hist)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT-8" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want Etc/GMT-8 from start hours", ath.TimeZone, ath.TimeZoneSource)
			}
			if !strings.Contains(st.Place, "time zone set to UTC+8 (Etc/GMT-8) from the hours your activities start") ||
				!strings.Contains(st.Place, "of 61 starts") || !strings.Contains(st.Place, "so likely (few starts to go by)") {
				t.Errorf("import summary place: %q", st.Place)
			}
			if wd := time.Date(2015, 8, 14, 22, 26, 0, 0, time.UTC).In(ath.Location()).Weekday(); wd != time.Saturday {
				t.Errorf("the half is on %s in the athlete's zone, want Saturday", wd)
			}
			// Runs with positions come later: their place wins.
			gps := filepath.Join(dir, "gps")
			os.Mkdir(gps, 0o755)
			for i := range 3 {
				os.WriteFile(filepath.Join(gps, fmt.Sprintf("r%d.gpx", i)), gpxTrack("Morning Run", time.Date(2016, 3, 1+i, 5, 0, 0, 0, time.UTC), 600, 3, true), 0o644)
			}
			run(t, s, gps)
			if a, _ := s.GetAthlete(ctx, ath.ID); a.TimeZone != "Europe/Zurich" || a.TimeZoneSource != "inferred" {
				t.Errorf("after runs with positions: zone %q (%s), want Europe/Zurich inferred", a.TimeZone, a.TimeZoneSource)
			}
			// A zone set by the runner is never replaced by start hours.
			a, _ := s.GetAthlete(ctx, ath.ID)
			a.TimeZone, a.TimeZoneSource = "Asia/Tokyo", "user"
			s.UpdateAthlete(ctx, a)
			if msg, err := offsetFromHours(ctx, s, a); err != nil || msg != "" {
				t.Errorf("start hours over a user zone: %q, %v", msg, err)
			}
			if a, _ := s.GetAthlete(ctx, ath.ID); a.TimeZone != "Asia/Tokyo" {
				t.Errorf("user zone changed to %q", a.TimeZone)
			}
		})
	}
}

// A summary-only Seoul runner (UTC+9) who often runs late (10–11 pm) and
// names runs in Korean: the night gap alone says UTC+8 (11 pm starts look
// like night at UTC+9); the names settle it at UTC+9, and the sentence
// says so. Run through both stores (the names come from the store).
func TestImportPlacesByStartHoursAndNameScript(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	local := time.FixedZone("KST", 9*3600)
	hours := []int{23, 22, 19, 20, 21, 22, 6, 8, 9, 12, 18, 20, 21, 22, 19, 20, 6, 10, 22, 21}
	for d := 0; d < 200; d++ {
		at := time.Date(2024, 3, 1+d, hours[d%len(hours)], 10, 0, 0, local).UTC()
		name := ""
		if d%50 == 0 {
			name = "서울 달리기 하프"
		}
		fmt.Fprintf(&b, "%s,Run,8.0,0:45:00,,%s\n", at.Format("2006-01-02 15:04"), name)
	}
	hist := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, hist)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT-9" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want Etc/GMT-9 from start hours and names; %s", ath.TimeZone, ath.TimeZoneSource, st.Place)
			}
			if !strings.Contains(st.Place, "names written in Korean put it at UTC+9 rather than an hour away") {
				t.Errorf("import summary place: %q", st.Place)
			}
		})
	}
}

// Start hours that do not settle an offset (a shift worker's, round the
// clock) leave the zone unset, and the import says so: unknown, days in
// UTC, the best guess and why it is not taken, how to set it. A short
// history (fewer than place.MinOffsetStarts starts) says nothing.
func TestImportSaysZoneUnknownWhenHoursDoNotSettleIt(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	for d := 0; d < 96; d++ {
		at := time.Date(2024, 3, 1+d, d%24, 10, 0, 0, time.UTC)
		fmt.Fprintf(&b, "%s,Run,8.0,0:45:00,,\n", at.Format("2006-01-02 15:04"))
	}
	hist := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	short := filepath.Join(t.TempDir(), "short.csv")
	if err := os.WriteFile(short, []byte(strings.Join(strings.SplitAfter(b.String(), "\n")[:11], "")), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, short)
			if st.Place != "" {
				t.Errorf("10 starts: %q, want nothing said", st.Place)
			}
			_, st = run(t, s, hist)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "" {
				t.Fatalf("zone %q (%s), want unset", ath.TimeZone, ath.TimeZoneSource)
			}
			for _, w := range []string{"time zone unknown, days counted in UTC", "of 96 starts fall at night", "`rekindle athlete set --time-zone ZONE`"} {
				if !strings.Contains(st.Place, w) {
					t.Errorf("import summary place %q lacks %q", st.Place, w)
				}
			}
		})
	}
}

// A summary-only New York runner whose CSV holds UTC starts only, through
// two years of summer and winter time, who runs mostly at 6–9 am, some days
// at noon or 5–9 pm, and names runs in English: the night gap alone gives
// a fixed UTC−3 or −4 (the morning runs at 11:00 UTC in summer and 12:00 in
// winter are one habit an hour apart), putting every day's clock wrong by
// an hour or two half the year. The hours moving with US summer time and
// the English names place the runner on America/New_York's clock, and the
// import says so. Both stores (names and starts come from the store).
func TestImportPlacesByStartHoursWithSummerTime(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	hours := []int{6, 7, 6, 8, 12, 18, 7, 6, 19, 21, 17, 9}
	names := []string{"Morning Run", "Easy run", "Long run with the club", "Recovery jog"}
	for d := 0; d < 700; d++ {
		at := time.Date(2023, 1, 2+d, hours[d%len(hours)], 5*(d%7), 0, 0, ny).UTC()
		fmt.Fprintf(&b, "%s,Run,8.0,0:45:00,,%s\n", at.Format("2006-01-02 15:04"), names[d%len(names)])
	}
	hist := filepath.Join(dir, "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, hist)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "America/New_York" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want America/New_York from start hours; import said %q", ath.TimeZone, ath.TimeZoneSource, st.Place)
			}
			if ath.Country != "" {
				t.Errorf("country %q taken from a clock the name of which may be another city's", ath.Country)
			}
			if !strings.Contains(st.Place, "time zone set to America/New_York, a clock with summer time") ||
				!strings.Contains(st.Place, "move by an hour with the seasons") {
				t.Errorf("import summary place: %q", st.Place)
			}
			// A 6 am run in July and in January: local 6 am both.
			for _, at := range []time.Time{time.Date(2024, 7, 10, 10, 0, 0, 0, time.UTC), time.Date(2024, 1, 10, 11, 0, 0, 0, time.UTC)} {
				if h := at.In(ath.Location()).Hour(); h != 6 {
					t.Errorf("%s is %d h in the athlete's zone, want 6", at, h)
				}
			}
		})
	}
}

// A real Brazilian runner's Strava list (casebook real-66: a year of UTC
// starts, no positions, English default titles, UTC−3 all year): evening
// runs until June and morning runs from July make the hours a little more
// regular under Santiago's clock (UTC−3 in the southern summer, −4 in its
// winter), which the import took. That change of season showed once only
// (one southern winter), and far more people keep the fixed UTC−3 clock
// (Brazil, Argentina, Uruguay, Paraguay) than Chile's: the import now places
// the runner at UTC−3 and says what it guessed and why. Its titles
// (Strava's "Morning Run", "Evening Run") now settle UTC−3 first (branch
// zonehint29): the same zone, said from the titles. Both stores.
func TestImportStartHoursOneSeasonChangeIsNoSummerTime(t *testing.T) {
	hist := filepath.Join("..", "..", "testdata", "casebook", "real-66", "history.csv.gz")
	if _, err := os.Stat(hist); err != nil {
		t.Fatalf("casebook fixture: %v", err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			_, st := run(t, s, hist)
			ath, err := s.DefaultAthlete(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT+3" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want Etc/GMT+3 (UTC-3) from start hours; import said %q", ath.TimeZone, ath.TimeZoneSource, st.Place)
			}
			// The titles (Strava's English defaults) now settle UTC-3 before
			// the seasons are weighed: only clocks that fit them as well are.
			for _, w := range []string{"time zone set to UTC-3 (Etc/GMT+3)", "no positions to place them",
				"titles that name the time of day", "fit their start hours at UTC-3", "rekindle athlete set --time-zone"} {
				if !strings.Contains(st.Place, w) {
					t.Errorf("import summary place %q lacks %q", st.Place, w)
				}
			}
		})
	}
}

// A position-less Chinese list of an evening runner (held-out real-37: a
// Hangzhou watch list, no dawn runs) has a night gap flat from UTC+5 to
// UTC+8 whose middle is UTC+6; its names, written in Chinese (the watch's
// session labels, ../place/testdata/real-37-names.txt), put it at UTC+8,
// and the import says so, on both stores.
func TestImportChineseNamesPlaceAFlatGapAtUTC8(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "..", "testdata", "casebook", "real-37", "history.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(z).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	nb, err := os.ReadFile(filepath.Join("..", "place", "testdata", "real-37-names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Split(strings.TrimSuffix(string(nb), "\n"), "\n")
	if len(names) != len(recs)-1 {
		t.Fatalf("%d names for %d rows", len(names), len(recs)-1)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	for i, rec := range recs {
		if i > 0 {
			rec[5] = names[i-1]
		}
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	hist := filepath.Join(t.TempDir(), "history.csv")
	if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			_, st := run(t, s, hist)
			ath, err := s.DefaultAthlete(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT-8" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want Etc/GMT-8 from start hours and names; %s", ath.TimeZone, ath.TimeZoneSource, st.Place)
			}
			if !strings.Contains(st.Place, "names written in Chinese put it at UTC+8 rather than 2 hours away") {
				t.Errorf("import summary place: %q", st.Place)
			}
		})
	}
}

// A summary-only night runner at UTC+8 (real-97's habit: most runs after
// 9 pm, many after 11) whose list keeps Strava's default titles, named by
// the local start hour: the night gap alone says UTC+6, the titles
// ("Night Run" at 23:20, "Morning Run" at 7:20) settle UTC+8, and the
// sentence says so. The same list with custom titles stays at UTC+6. Run
// through both stores (the titles and their starts come from the store).
func TestImportTitlesThatNameTheTimeOfDaySettleTheZone(t *testing.T) {
	title := func(h int) string {
		switch {
		case h >= 4 && h <= 10:
			return "Morning Run"
		case h >= 11 && h <= 12:
			return "Lunch Run"
		case h >= 13 && h <= 17:
			return "Afternoon Run"
		case h >= 18 && h <= 20:
			return "Evening Run"
		}
		return "Night Run"
	}
	custom := []string{"Tempo", "Easy 8k", "Intervals", "Long run", "Recovery"}
	list := func(name func(d, h int) string) string {
		var b strings.Builder
		b.WriteString("date,sport,distance_km,duration,avg_hr,name\n")
		local := time.FixedZone("CST", 8*3600)
		hours := []int{23, 21, 22, 19, 23, 20, 7, 22, 23, 15, 21, 18, 23, 9, 22, 16, 12, 14, 10, 17, 13, 20, 11, 8}
		for d := 0; d < 320; d++ {
			h := hours[d%len(hours)]
			at := time.Date(2023, 1, 1+d, h, 20, 0, 0, local).UTC()
			fmt.Fprintf(&b, "%s,Run,6.0,0:36:00,,%s\n", at.Format("2006-01-02 15:04"), name(d, h))
		}
		hist := filepath.Join(t.TempDir(), "history.csv")
		if err := os.WriteFile(hist, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return hist
	}
	titled := list(func(_, h int) string { return title(h) })
	plain := list(func(d, _ int) string { return custom[d%len(custom)] })
	for name, s := range stores(t) {
		t.Run(name, func(t *testing.T) {
			_, st := run(t, s, titled)
			ath, err := s.DefaultAthlete(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT-8" || ath.TimeZoneSource != TimeZoneFromStartHours {
				t.Fatalf("zone %q (%s), want Etc/GMT-8 from start hours and titles; %s", ath.TimeZone, ath.TimeZoneSource, st.Place)
			}
			if !strings.Contains(st.Place, "320 of 320 titles that name the time of day (Morning Run, Evening Run, 傍晚跑步) fit their start hours at UTC+8 against") ||
				!strings.Contains(st.Place, "at UTC+6, where the night is quietest") {
				t.Errorf("import summary place: %q", st.Place)
			}
		})
	}
	for name, s := range stores(t) {
		t.Run(name+"/custom", func(t *testing.T) {
			_, st := run(t, s, plain)
			ath, err := s.DefaultAthlete(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if ath.TimeZone != "Etc/GMT-6" || strings.Contains(st.Place, "titles") {
				t.Errorf("custom titles: zone %q, want Etc/GMT-6 as the night gap says; %s", ath.TimeZone, st.Place)
			}
		})
	}
}
