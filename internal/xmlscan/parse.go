package xmlscan

import (
	"math"
	"strconv"
	"time"
)

// TrimSpace returns b without leading and trailing XML white space.
func TrimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// pow10 holds the exactly representable powers of ten.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// ParseFloat parses a decimal number (surrounding white space allowed). It
// takes an exact fast path for plain decimals of up to 15 significant digits
// and falls back to strconv otherwise. NaN and infinities are rejected.
func ParseFloat(b []byte) (float64, bool) {
	b = TrimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	i := 0
	neg := false
	switch b[0] {
	case '-':
		neg = true
		i++
	case '+':
		i++
	}
	var mant uint64
	digits, frac := 0, 0
	sawDot, sawDigit := false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if mant == 0 && c == '0' {
				if sawDot {
					frac++
				}
				continue
			}
			if digits >= 15 {
				return parseSlow(b)
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if sawDot {
				frac++
			}
		case c == '.' && !sawDot:
			sawDot = true
		default:
			return parseSlow(b)
		}
	}
	if !sawDigit {
		return 0, false
	}
	if frac >= len(pow10) {
		return parseSlow(b)
	}
	f := float64(mant) / pow10[frac]
	if neg {
		f = -f
	}
	return f, true
}

func parseSlow(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// ParseTime parses an ISO 8601 / RFC 3339 timestamp such as
// "2019-09-20T14:10:03Z", "2021-01-07T21:51:59.179+01:15",
// "1901-12-13T20:45:52.2073437Z", "2013-07-06 17:26:26" (no zone: UTC) or
// "2015-12-11T15:43+0100", and returns Unix milliseconds (rounded down).
func ParseTime(b []byte) (int64, bool) {
	b = TrimSpace(b)
	ms, ok := parseTimeFast(b)
	if ok {
		return ms, true
	}
	return parseTimeSlow(b)
}

func num(b []byte, i, n int) (int, bool) {
	if i+n > len(b) {
		return 0, false
	}
	v := 0
	for _, c := range b[i : i+n] {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func parseTimeFast(b []byte) (int64, bool) {
	if len(b) < 16 || b[4] != '-' || b[7] != '-' || (b[10] != 'T' && b[10] != 't' && b[10] != ' ') || b[13] != ':' {
		return 0, false
	}
	year, ok1 := num(b, 0, 4)
	month, ok2 := num(b, 5, 2)
	day, ok3 := num(b, 8, 2)
	hour, ok4 := num(b, 11, 2)
	minute, ok5 := num(b, 14, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5) {
		return 0, false
	}
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 24 || minute > 59 {
		return 0, false
	}
	i := 16
	sec, msec := 0, 0
	if i < len(b) && b[i] == ':' {
		s, ok := num(b, i+1, 2)
		if !ok || s > 60 {
			return 0, false
		}
		sec = s
		i += 3
		if i < len(b) && (b[i] == '.' || b[i] == ',') {
			i++
			start := i
			scale := 100
			for i < len(b) && b[i] >= '0' && b[i] <= '9' {
				msec += int(b[i]-'0') * scale
				scale /= 10
				i++
			}
			if i == start {
				return 0, false
			}
		}
	}
	offset := 0 // seconds east of UTC
	if i < len(b) {
		switch b[i] {
		case 'Z', 'z':
			i++
		case '+', '-':
			sign := 1
			if b[i] == '-' {
				sign = -1
			}
			oh, ok := num(b, i+1, 2)
			if !ok || oh > 23 {
				return 0, false
			}
			i += 3
			om := 0
			if i < len(b) {
				if b[i] == ':' {
					i++
				}
				m, ok := num(b, i, 2)
				if !ok || m > 59 {
					return 0, false
				}
				om = m
				i += 2
			}
			offset = sign * (oh*3600 + om*60)
		default:
			return 0, false
		}
	}
	if i != len(b) {
		return 0, false
	}
	days := daysFromCivil(year, month, day)
	s := days*86400 + int64(hour*3600+minute*60+sec) - int64(offset)
	return s*1000 + int64(msec), true
}

// daysFromCivil counts days from 1970-01-01 to the proleptic Gregorian date
// (Howard Hinnant's days_from_civil).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
}

func parseTimeSlow(b []byte) (int64, bool) {
	s := string(b)
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UnixMilli(), true
		}
	}
	return 0, false
}

// Lower writes the ASCII lower case of b into dst (which must be at least
// as long) and returns it; for case-insensitive name switches without
// allocating.
func Lower(dst, b []byte) []byte {
	if len(b) > len(dst) {
		return nil
	}
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst[i] = c
	}
	return dst[:len(b)]
}
