package armexpr

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// fnFormat implements format(), which follows .NET's String.Format: items
// {index[,alignment][:format]}, with {{ and }} for literal braces. Integers
// take the standard formats D, N, X, F, G, E and P and the custom formats
// made of 0 and # digits; other values print as string() prints them.
func fnFormat(f *funcCall) (graph.Value, error) {
	pattern, err := f.str(0)
	if err != nil {
		return nil, err
	}
	args := f.args[1:]
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch c {
		case '}':
			if i+1 < len(pattern) && pattern[i+1] == '}' {
				b.WriteByte('}')
				i++
				continue
			}
			return nil, f.argErrorf(0, "unmatched '}' at position %d of the format string", i)
		case '{':
			if i+1 < len(pattern) && pattern[i+1] == '{' {
				b.WriteByte('{')
				i++
				continue
			}
			end := strings.IndexByte(pattern[i:], '}')
			if end < 0 {
				return nil, f.argErrorf(0, "unclosed '{' at position %d of the format string", i)
			}
			item := pattern[i+1 : i+end]
			out, width, msg := formatItem(item, args)
			if msg != "" {
				return nil, f.argErrorf(0, "format item {%s}: %s", item, msg)
			}
			if err := f.checkLength(int64(b.Len()) + max(int64(len(out)), width, -width)); err != nil {
				return nil, err
			}
			out = align(out, width)
			if err := f.ev.spend(f.call, len(out)); err != nil {
				return nil, err
			}
			b.WriteString(out)
			i += end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// formatItem renders one {index[,alignment][:format]} item, and returns
// its alignment (the width it is padded to, on the left when positive).
func formatItem(item string, args []graph.Value) (string, int64, string) {
	spec, fmtStr, _ := strings.Cut(item, ":")
	idxStr, alignStr, hasAlign := strings.Cut(spec, ",")
	idx, err := strconv.Atoi(strings.TrimSpace(idxStr))
	if err != nil || idx < 0 {
		return "", 0, "the index must be a non-negative integer"
	}
	if idx >= len(args) {
		return "", 0, fmt.Sprintf("index %d is out of range: there are %d arguments to format", idx, len(args))
	}
	out, msg := formatValue(args[idx], fmtStr)
	if msg != "" {
		return "", 0, msg
	}
	var width int64
	if hasAlign {
		width, err = strconv.ParseInt(strings.TrimSpace(alignStr), 10, 32)
		if err != nil {
			return "", 0, "the alignment must be an integer"
		}
	}
	return out, width, ""
}

// align pads s with spaces to abs(width) characters, on the left when
// width is positive.
func align(s string, width int64) string {
	w := int(width)
	pad := abs(w) - utf16Len(s)
	switch {
	case pad <= 0:
		return s
	case w > 0:
		return strings.Repeat(" ", pad) + s
	}
	return s + strings.Repeat(" ", pad)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func formatValue(v graph.Value, spec string) (string, string) {
	if spec == "" {
		return toString(v), ""
	}
	if n, ok := toInt(v); ok {
		return formatInt(n, spec)
	}
	// Strings, booleans and the rest ignore the format, as in .NET.
	return toString(v), ""
}

// formatInt renders an integer with a standard or custom numeric format.
func formatInt(n int64, spec string) (string, string) {
	letter := spec[0]
	prec := -1
	if len(spec) > 1 {
		p, err := strconv.Atoi(spec[1:])
		if err != nil || p < 0 || p > 99 {
			return formatCustom(n, spec)
		}
		prec = p
	}
	mag := magnitude(n)
	sign := ""
	if n < 0 {
		sign = "-"
	}
	switch letter {
	case 'D', 'd':
		return sign + zeroPad(mag, prec), ""
	case 'N', 'n':
		if prec < 0 {
			prec = 2
		}
		return sign + groupThousands(mag) + decimals(prec), ""
	case 'F', 'f':
		if prec < 0 {
			prec = 2
		}
		return sign + mag + decimals(prec), ""
	case 'G', 'g':
		return strconv.FormatInt(n, 10), ""
	case 'X', 'x':
		h := strconv.FormatUint(uint64(n), 16) //nolint:gosec // .NET prints negative numbers in two's complement.
		if letter == 'X' {
			h = strings.ToUpper(h)
		}
		return zeroPad(h, prec), ""
	case 'P', 'p':
		if prec < 0 {
			prec = 2
		}
		return sign + groupThousands(mag+"00") + decimals(prec) + " %", ""
	case 'E', 'e':
		if prec < 0 {
			prec = 6
		}
		s := strconv.FormatFloat(float64(n), 'e', prec, 64)
		mant, exp, _ := strings.Cut(s, "e")
		expSign := exp[0]
		digits := strings.TrimLeft(exp[1:], "0")
		for len(digits) < 3 {
			digits = "0" + digits
		}
		e := "e"
		if letter == 'E' {
			e = "E"
		}
		return mant + e + string(expSign) + digits, ""
	}
	return formatCustom(n, spec)
}

// magnitude renders the absolute value of n in decimal.
func magnitude(n int64) string {
	return strings.TrimPrefix(strconv.FormatInt(n, 10), "-")
}

func zeroPad(s string, width int) string {
	if width > len(s) {
		return strings.Repeat("0", width-len(s)) + s
	}
	return s
}

func decimals(prec int) string {
	if prec == 0 {
		return ""
	}
	return "." + strings.Repeat("0", prec)
}

func groupThousands(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// formatCustom handles custom numeric formats made of '0' (a digit, padded
// with zeros), '#' (a digit if there is one) and literal characters, such
// as "000" or "#,##0"; a ',' between digit placeholders groups thousands.
func formatCustom(n int64, spec string) (string, string) {
	if strings.ContainsAny(spec, ".%‰Ee;\\\"'") {
		return "", fmt.Sprintf("the numeric format %q is not supported", spec)
	}
	zeros := strings.Count(spec, "0")
	if zeros == 0 && !strings.Contains(spec, "#") {
		return "", fmt.Sprintf("the numeric format %q is not supported", spec)
	}
	grouping := false
	if first, last := strings.IndexAny(spec, "0#"), strings.LastIndexAny(spec, "0#"); first >= 0 {
		grouping = strings.Contains(spec[first:last], ",")
	}
	digits := zeroPad(magnitude(n), zeros)
	if n == 0 && zeros == 0 {
		digits = ""
	}
	if grouping {
		digits = groupThousands(digits)
	}
	// The placeholders are replaced as one block; literal text before and
	// after them is kept.
	first, last := strings.IndexAny(spec, "0#"), strings.LastIndexAny(spec, "0#")
	out := spec[:first] + digits + spec[last+1:]
	if n < 0 {
		out = "-" + out
	}
	return out, ""
}
