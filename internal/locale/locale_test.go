package locale

import (
	"strings"
	"testing"
	"time"
)

func TestDay(t *testing.T) {
	d := time.Date(2025, 6, 3, 7, 30, 0, 0, time.UTC) // a Tuesday
	for _, tc := range []struct {
		l                             Locale
		day, short, axis, date, month string
	}{
		{"", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"},
		{"en-GB", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"},
		{"en", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"},
		{"en-AU", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"},
		{"en-US", "Tue, Jun 3, 2025", "Tue, Jun 3", "Jun 3", "Jun 3, 2025", "June 2025"},
		{"de-DE", "Di., 3. Juni 2025", "Di., 3. Juni", "3. Juni", "3. Juni 2025", "Juni 2025"},
		{"de-AT", "Di., 3. Juni 2025", "Di., 3. Juni", "3. Juni", "3. Juni 2025", "Juni 2025"},
		{"fr-FR", "mar. 3 juin 2025", "mar. 3 juin", "3 juin", "3 juin 2025", "juin 2025"},
		{"es-ES", "mar, 3 de junio de 2025", "mar, 3 de junio", "3 jun", "3 de junio de 2025", "junio de 2025"},
		{"it-IT", "mar 3 giugno 2025", "mar 3 giugno", "3 giu", "3 giugno 2025", "giugno 2025"},
		{"nl-NL", "di 3 juni 2025", "di 3 juni", "3 jun", "3 juni 2025", "juni 2025"},
		{"pt-BR", "ter., 3 de junho de 2025", "ter., 3 de junho", "3 jun.", "3 de junho de 2025", "junho de 2025"},
		{"zh-CN", "2025年6月3日 周二", "6月3日 周二", "6月3日", "2025年6月3日", "2025年6月"},
		{"ja-JP", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"}, // no forms: the default
		{"not a tag!", "Tue 3 Jun 2025", "Tue 3 Jun", "3 Jun", "3 Jun 2025", "June 2025"},
	} {
		got := [5]string{tc.l.Day(d), tc.l.DayShort(d), tc.l.DayMonth(d), tc.l.Date(d), tc.l.MonthYear(d)}
		want := [5]string{tc.day, tc.short, tc.axis, tc.date, tc.month}
		if got != want {
			t.Errorf("%q: got %q, want %q", tc.l, got, want)
		}
	}
	if got := Locale("de-DE").DateTime(d); got != "Di., 3. Juni 2025, 07:30" {
		t.Errorf("DateTime: %q", got)
	}
	// Every weekday and month of a year, in every language: the right
	// names in the right places (a name missing from a table shows as "").
	for _, l := range Supported {
		for day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC); day.Year() == 2025; day = day.AddDate(0, 0, 1) {
			s := l.Day(day)
			if strings.Contains(s, "  ") || strings.HasPrefix(s, " ") || strings.HasPrefix(s, ",") || !strings.Contains(s, "2025") {
				t.Fatalf("%s: %s reads %q", l, day.Format(time.DateOnly), s)
			}
		}
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Locale{"de-DE": "de-DE", "de": "de", "en_US": "en-US", " fr-CA ": "fr-CA", "": "", "zh-Hans-CN": "zh-Hans-CN", "EN-gb": "en-GB"} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"ja-JP", "klingon!", "xx"} {
		if _, err := Parse(in); err == nil || !strings.Contains(err.Error(), in) {
			t.Errorf("Parse(%q): %v, want an error naming it", in, err)
		}
	}
}

func TestFromAcceptLanguage(t *testing.T) {
	for in, want := range map[string]Locale{
		"de-DE,de;q=0.9,en;q=0.8":  "de-DE",
		"ja,fr-CH;q=0.8,en;q=0.5":  "fr-CH", // Japanese has no forms here: the next one
		"en-US,en;q=0.9":           "en-US",
		"en;q=0.2,nl-BE;q=0.9":     "nl-BE", // by weight, not order
		"":                         "",
		"*":                        "",
		"ja-JP":                    "",
		"garbage;;;q=nonsense===,": "",
	} {
		if got := FromAcceptLanguage(in); got != want {
			t.Errorf("FromAcceptLanguage(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestForAthlete(t *testing.T) {
	for _, tc := range []struct {
		set, country string
		want         Locale
	}{
		{"de-DE", "US", "de-DE"},
		{"", "US", "en-US"},
		{"", "DE", "en-GB"},
		{"", "", "en-GB"},
		{"bogus!", "US", "en-US"},
	} {
		if got := ForAthlete(tc.set, tc.country); got != tc.want {
			t.Errorf("ForAthlete(%q, %q) = %q, want %q", tc.set, tc.country, got, tc.want)
		}
	}
}

func FuzzLocale(f *testing.F) {
	for _, s := range []string{"de-DE", "en-US", "zh", "", "x-private", "en-u-ca-buddhist"} {
		f.Add(s)
	}
	d := time.Date(2025, 6, 3, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		l := Locale(s)
		if l.Day(d) == "" || l.DayMonth(d) == "" {
			t.Fatalf("%q: empty date", s)
		}
		if p, err := Parse(s); err == nil && p != "" && p.Day(d) == "" {
			t.Fatalf("%q parsed to %q and writes no day", s, p)
		}
		_ = FromAcceptLanguage(s)
	})
}
