package armexpr

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/acrlint/acrlint/internal/graph"
)

// Date functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-date
// utcNow() is registered with the string functions: it is unknown.
func registerDate() {
	register(
		&builtin{name: "dateTimeAdd", min: 2, max: 3, fn: fnDateTimeAdd},
		&builtin{name: "dateTimeToEpoch", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			if err != nil {
				return nil, err
			}
			t, _, ok := parseDateTime(s)
			if !ok {
				return nil, f.argErrorf(0, "%q is not an ISO 8601 date and time", s)
			}
			return t.Unix(), nil
		}},
		&builtin{name: "dateTimeFromEpoch", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			n, err := f.integer(0)
			if err != nil {
				return nil, err
			}
			return time.Unix(n, 0).UTC().Format("2006-01-02T15:04:05Z"), nil
		}},
	)
}

// dateLayouts are the forms of base times dateTimeAdd accepts, with the
// layout its result takes when no format is given.
var dateLayouts = []struct{ in, out string }{
	{time.RFC3339Nano, time.RFC3339Nano},
	{"2006-01-02T15:04:05", "2006-01-02T15:04:05"},
	{"20060102T150405Z", "20060102T150405Z"},
	{"2006-01-02 15:04:05Z", usGeneral},
	{"2006-01-02", usGeneral},
	{usGeneral, usGeneral},
	{"1/2/2006", usGeneral},
}

// usGeneral is .NET's "G" format in the en-US culture, which ARM's
// documented dateTimeAdd output uses.
const usGeneral = "1/2/2006 3:04:05 PM"

func parseDateTime(s string) (time.Time, string, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l.in, s); err == nil {
			return t, l.out, true
		}
	}
	return time.Time{}, "", false
}

var isoDuration = regexp.MustCompile(`^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$`)

func fnDateTimeAdd(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	t, layout, ok := parseDateTime(ss[0])
	if !ok {
		return nil, f.argErrorf(0, "%q is not an ISO 8601 date and time", ss[0])
	}
	m := isoDuration.FindStringSubmatch(strings.TrimSpace(ss[1]))
	if m == nil || ss[1] == "P" || strings.HasSuffix(ss[1], "T") {
		return nil, f.argErrorf(1, "%q is not an ISO 8601 duration", ss[1])
	}
	num := func(s string) int {
		n, _ := strconv.Atoi(s)
		return n
	}
	sign := 1
	if m[1] == "-" {
		sign = -1
	}
	t = t.AddDate(sign*num(m[2]), sign*num(m[3]), sign*(7*num(m[4])+num(m[5])))
	secs, _ := strconv.ParseFloat(orDefault(m[8], "0"), 64)
	d := time.Duration(num(m[6]))*time.Hour + time.Duration(num(m[7]))*time.Minute + time.Duration(math.Round(secs*1e9))
	t = t.Add(time.Duration(sign) * d)
	if len(ss) == 3 {
		out, ok := formatDateTime(t, ss[2])
		if !ok {
			return nil, f.argErrorf(2, "the date format %q is not supported", ss[2])
		}
		return out, nil
	}
	return t.Format(layout), nil
}

// formatDateTime renders a time with a .NET standard format (u, s, o, d, D,
// t, T, g, G) or a custom one built from the common specifiers.
func formatDateTime(t time.Time, f string) (string, bool) {
	switch f {
	case "u":
		return t.UTC().Format("2006-01-02 15:04:05Z"), true
	case "s":
		return t.Format("2006-01-02T15:04:05"), true
	case "o", "O":
		return t.UTC().Format("2006-01-02T15:04:05.0000000Z"), true
	case "d":
		return t.Format("01/02/2006"), true
	case "D":
		return t.Format("Monday, 02 January 2006"), true
	case "t":
		return t.Format("15:04"), true
	case "T":
		return t.Format("15:04:05"), true
	case "g":
		return t.Format("01/02/2006 15:04"), true
	case "G":
		return t.Format("01/02/2006 15:04:05"), true
	}
	var b strings.Builder
	for i := 0; i < len(f); {
		c := f[i]
		n := 1
		for i+n < len(f) && f[i+n] == c {
			n++
		}
		switch c {
		case 'y':
			if n <= 2 {
				b.WriteString(t.Format("06"))
			} else {
				b.WriteString(t.Format("2006"))
			}
		case 'M':
			b.WriteString(pick(n, t.Format("1"), t.Format("01"), t.Format("Jan"), t.Format("January")))
		case 'd':
			b.WriteString(pick(n, t.Format("2"), t.Format("02"), t.Format("Mon"), t.Format("Monday")))
		case 'H':
			b.WriteString(pick(n, strconv.Itoa(t.Hour()), t.Format("15")))
		case 'h':
			b.WriteString(pick(n, t.Format("3"), t.Format("03")))
		case 'm':
			b.WriteString(pick(n, t.Format("4"), t.Format("04")))
		case 's':
			b.WriteString(pick(n, t.Format("5"), t.Format("05")))
		case 't':
			b.WriteString(pick(n, t.Format("PM")[:1], t.Format("PM")))
		case 'f':
			frac := t.Format(".000000000")[1:]
			if n > len(frac) {
				return "", false
			}
			b.WriteString(frac[:n])
		case '\'':
			end := strings.IndexByte(f[i+1:], '\'')
			if end < 0 {
				return "", false
			}
			b.WriteString(f[i+1 : i+1+end])
			i += end + 2
			continue
		case ' ', '-', ':', '/', 'T', 'Z', '.', ',', '_':
			b.WriteString(f[i : i+n])
		default:
			return "", false
		}
		i += n
	}
	return b.String(), true
}

// pick returns the form for a run of n identical specifiers.
func pick(n int, forms ...string) string {
	if n > len(forms) {
		n = len(forms)
	}
	return forms[n-1]
}
