// Package locale writes dates the way the athlete reads them: one
// formatter for every page, CLI text, plan line and idea card, so a German
// runner reads "Di., 3. Juni 2025" and an American "Tue, Jun 3, 2025"
// wherever rekindle names a day. The words around the dates stay English;
// JSON keeps ISO dates.
//
// The names of weekdays and months and the order of a date's parts are
// facts of each language (as the Unicode CLDR records them); the table
// below holds a handful of languages. A tag with another region of a
// listed language ("de-AT", "fr-CA") uses that language's forms; English
// is British ("Tue 3 Jun 2025") except for the United States.
package locale

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Locale is a BCP 47 language tag ("de-DE", "en-US"); "" is the default,
// en-GB. Any string is safe to format with: an unknown tag reads as en-GB.
type Locale string

// Default is what an athlete reads when nothing better is known.
const Default Locale = "en-GB"

// forms is how one language writes a day.
type forms struct {
	weekdays    [7]string  // abbreviated, Sunday first (time.Weekday)
	months      [12]string // full names
	shortMonths [12]string
	// Layouts with {W} weekday, {D} day of the month, {M} month, {m}
	// short month, {n} month number, {Y} year.
	day, dayShort, dayMonth, date, monthYear string
}

var english = [2][12]string{
	{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
}

var englishDays = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}

// table holds the languages rekindle writes dates in, by key (a language,
// or en-GB / en-US).
var table = map[string]*forms{
	"en-GB": {weekdays: englishDays, months: english[0], shortMonths: english[1],
		day: "{W} {D} {m} {Y}", dayShort: "{W} {D} {m}", dayMonth: "{D} {m}", date: "{D} {m} {Y}", monthYear: "{M} {Y}"},
	"en-US": {weekdays: englishDays, months: english[0], shortMonths: english[1],
		day: "{W}, {m} {D}, {Y}", dayShort: "{W}, {m} {D}", dayMonth: "{m} {D}", date: "{m} {D}, {Y}", monthYear: "{M} {Y}"},
	"de": {weekdays: [7]string{"So.", "Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa."},
		months:      [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		shortMonths: [12]string{"Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."},
		day:         "{W}, {D}. {M} {Y}", dayShort: "{W}, {D}. {M}", dayMonth: "{D}. {m}", date: "{D}. {M} {Y}", monthYear: "{M} {Y}"},
	"fr": {weekdays: [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
		months:      [12]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
		shortMonths: [12]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."},
		day:         "{W} {D} {M} {Y}", dayShort: "{W} {D} {M}", dayMonth: "{D} {m}", date: "{D} {M} {Y}", monthYear: "{M} {Y}"},
	"es": {weekdays: [7]string{"dom", "lun", "mar", "mié", "jue", "vie", "sáb"},
		months:      [12]string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		shortMonths: [12]string{"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"},
		day:         "{W}, {D} de {M} de {Y}", dayShort: "{W}, {D} de {M}", dayMonth: "{D} {m}", date: "{D} de {M} de {Y}", monthYear: "{M} de {Y}"},
	"it": {weekdays: [7]string{"dom", "lun", "mar", "mer", "gio", "ven", "sab"},
		months:      [12]string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		shortMonths: [12]string{"gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"},
		day:         "{W} {D} {M} {Y}", dayShort: "{W} {D} {M}", dayMonth: "{D} {m}", date: "{D} {M} {Y}", monthYear: "{M} {Y}"},
	"nl": {weekdays: [7]string{"zo", "ma", "di", "wo", "do", "vr", "za"},
		months:      [12]string{"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"},
		shortMonths: [12]string{"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"},
		day:         "{W} {D} {M} {Y}", dayShort: "{W} {D} {M}", dayMonth: "{D} {m}", date: "{D} {M} {Y}", monthYear: "{M} {Y}"},
	"pt": {weekdays: [7]string{"dom.", "seg.", "ter.", "qua.", "qui.", "sex.", "sáb."},
		months:      [12]string{"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"},
		shortMonths: [12]string{"jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."},
		day:         "{W}, {D} de {M} de {Y}", dayShort: "{W}, {D} de {M}", dayMonth: "{D} {m}", date: "{D} de {M} de {Y}", monthYear: "{M} de {Y}"},
	"zh": {weekdays: [7]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"},
		day: "{Y}年{n}月{D}日 {W}", dayShort: "{n}月{D}日 {W}", dayMonth: "{n}月{D}日", date: "{Y}年{n}月{D}日", monthYear: "{Y}年{n}月"},
}

// Supported lists a tag for each language the table holds, for messages
// and the settings page's choice.
var Supported = []Locale{"en-GB", "en-US", "de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-PT", "zh-CN"}

// key returns the table entry a tag's language uses.
func key(tag language.Tag) (string, bool) {
	base, _ := tag.Base()
	b := base.String()
	if b == "en" {
		if region, conf := tag.Region(); conf == language.Exact && region.String() == "US" {
			return "en-US", true
		}
		return "en-GB", true
	}
	_, ok := table[b]
	return b, ok
}

func (l Locale) forms() *forms { return table[l.Key()] }

// Key names the forms a locale writes dates in ("en-GB", "en-US", "de",
// "fr" …): two locales with one key write every date alike.
func (l Locale) Key() string {
	if l == "" {
		return string(Default)
	}
	t, err := language.Parse(string(l))
	if err != nil {
		return string(Default)
	}
	k, ok := key(t)
	if !ok {
		return string(Default)
	}
	return k
}

// Parse checks a tag given by a runner ("de-DE", "de", "en_US", "fr-CA")
// and returns it in its canonical form; a language rekindle has no date
// forms for is an error naming those it has.
func Parse(s string) (Locale, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", "-"))
	if s == "" {
		return "", nil
	}
	t, err := language.Parse(s)
	if err != nil {
		return "", fmt.Errorf("locale %q: not a language tag like de-DE or en-US", s)
	}
	if _, ok := key(t); !ok {
		return "", fmt.Errorf("locale %q: dates are written in %s only", s, names())
	}
	return Locale(t.String()), nil
}

func names() string {
	var b []string
	for _, l := range Supported {
		b = append(b, string(l))
	}
	return strings.Join(b, ", ")
}

// FromAcceptLanguage picks the first language of a browser's
// Accept-Language header that rekindle writes dates in, with its region
// ("de-DE,de;q=0.9,en;q=0.8" → de-DE); "" when none is.
func FromAcceptLanguage(header string) Locale {
	tags, _, err := language.ParseAcceptLanguage(header)
	if err != nil {
		return ""
	}
	for _, t := range tags {
		if _, ok := key(t); ok && t != language.Und {
			return Locale(t.String())
		}
	}
	return ""
}

// usCountries write dates month first in English.
var usCountries = []string{"US", "PR", "GU", "VI", "AS", "MP", "UM"}

// ForAthlete is the locale an athlete reads: theirs when set, else from
// their home country (ISO 3166-1 alpha-2) as far as the language of
// rekindle's texts goes — an English date, American in the United States,
// British elsewhere (a home country says where someone runs, not which
// language they read).
func ForAthlete(set, country string) Locale {
	if l, err := Parse(set); err == nil && l != "" {
		return l
	}
	if slices.Contains(usCountries, strings.ToUpper(country)) {
		return "en-US"
	}
	return Default
}

func (f *forms) write(layout string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(layout); i++ {
		if layout[i] != '{' || i+2 >= len(layout) || layout[i+2] != '}' {
			b.WriteByte(layout[i])
			continue
		}
		switch layout[i+1] {
		case 'W':
			b.WriteString(f.weekdays[t.Weekday()])
		case 'D':
			b.WriteString(strconv.Itoa(t.Day()))
		case 'M':
			b.WriteString(f.months[t.Month()-1])
		case 'm':
			b.WriteString(f.shortMonths[t.Month()-1])
		case 'n':
			b.WriteString(strconv.Itoa(int(t.Month())))
		case 'Y':
			b.WriteString(strconv.Itoa(t.Year()))
		}
		i += 2
	}
	return b.String()
}

// Day writes a day with its weekday and year, as every page names a day:
// "Tue 3 Jun 2025" (en-GB), "Tue, Jun 3, 2025" (en-US), "Di., 3. Juni 2025".
func (l Locale) Day(t time.Time) string { f := l.forms(); return f.write(f.day, t) }

// DayShort writes a day in the coming or recent weeks, without its year:
// "Tue 3 Jun", "Tue, Jun 3", "Di., 3. Juni" — plan lines and idea cards.
func (l Locale) DayShort(t time.Time) string { f := l.forms(); return f.write(f.dayShort, t) }

// DayMonth writes a chart axis's day: "3 Jun", "Jun 3", "3. Juni".
func (l Locale) DayMonth(t time.Time) string { f := l.forms(); return f.write(f.dayMonth, t) }

// Date writes a day without its weekday: "3 Jun 2025", "Jun 3, 2025",
// "3. Juni 2025" — a fact's date (a longest run, a race).
func (l Locale) Date(t time.Time) string { f := l.forms(); return f.write(f.date, t) }

// MonthYear writes a month: "June 2025", "Juni 2025", "2025年6月".
func (l Locale) MonthYear(t time.Time) string { f := l.forms(); return f.write(f.monthYear, t) }

// DateTime writes a day and the time of day (24-hour clock in every
// language rekindle writes): "Tue 3 Jun 2025, 07:30".
func (l Locale) DateTime(t time.Time) string { return l.Day(t) + ", " + t.Format("15:04") }

// DayShortTime writes a day of the coming weeks with its time: "Tue 3 Jun
// 07:30".
func (l Locale) DayShortTime(t time.Time) string { return l.DayShort(t) + " " + t.Format("15:04") }

// Weekday writes a day's weekday, abbreviated: "Tue", "Di.", "周二".
func (l Locale) Weekday(t time.Time) string { return l.forms().weekdays[t.Weekday()] }

// Months returns every month name the locale writes, full and short, for
// tests that look for a language's dates on a page.
func (l Locale) Months() []string {
	f := l.forms()
	var out []string
	for _, m := range append(f.months[:], f.shortMonths[:]...) {
		if m != "" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}
