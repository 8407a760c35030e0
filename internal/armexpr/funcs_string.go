package armexpr

import (
	"encoding/base64"
	"net/url"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// String functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string
func registerString() {
	register(
		&builtin{name: "base64", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return base64.StdEncoding.EncodeToString([]byte(s)), err
		}},
		&builtin{name: "base64ToString", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			b, err := decodeBase64Arg(f, 0)
			return string(b), err
		}},
		&builtin{name: "base64ToJson", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			b, err := decodeBase64Arg(f, 0)
			if err != nil {
				return nil, err
			}
			v, err := parseJSON(string(b))
			if err != nil {
				return nil, f.argErrorf(0, "the decoded value is not JSON: %v", err)
			}
			return v, nil
		}},
		&builtin{name: "dataUri", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return "data:text/plain;charset=utf8;base64," + base64.StdEncoding.EncodeToString([]byte(s)), err
		}},
		&builtin{name: "dataUriToString", min: 1, max: 1, fn: fnDataURIToString},
		&builtin{name: "format", min: 1, max: -1, fn: fnFormat},
		&builtin{name: "guid", min: 1, max: -1, fn: func(f *funcCall) (graph.Value, error) {
			ss, err := f.strings()
			if err != nil {
				return nil, err
			}
			if f.placeholderIn(ss) {
				return graph.Unknown{}, nil
			}
			return GUID(ss...), nil
		}},
		&builtin{name: "uniqueString", min: 1, max: -1, fn: func(f *funcCall) (graph.Value, error) {
			ss, err := f.strings()
			if err != nil {
				return nil, err
			}
			if f.placeholderIn(ss) {
				return graph.Unknown{}, nil
			}
			return UniqueString(ss...), nil
		}},
		&builtin{name: "newGuid", fn: nondeterministic},
		&builtin{name: "utcNow", max: 1, fn: nondeterministic},
		&builtin{name: "padLeft", min: 2, max: 3, fn: fnPadLeft},
		&builtin{name: "replace", min: 3, max: 3, fn: fnReplace},
		&builtin{name: "split", min: 2, max: 2, fn: fnSplit},
		&builtin{name: "startsWith", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) {
			return stringPair(f, func(a, b string) graph.Value { return strings.HasPrefix(strings.ToLower(a), strings.ToLower(b)) })
		}},
		&builtin{name: "endsWith", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) {
			return stringPair(f, func(a, b string) graph.Value { return strings.HasSuffix(strings.ToLower(a), strings.ToLower(b)) })
		}},
		&builtin{name: "string", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) { return toString(f.args[0]), nil }},
		&builtin{name: "substring", min: 1, max: 3, fn: fnSubstring},
		&builtin{name: "toLower", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return strings.ToLower(s), err
		}},
		&builtin{name: "toUpper", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return strings.ToUpper(s), err
		}},
		&builtin{name: "trim", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return strings.TrimSpace(s), err
		}},
		&builtin{name: "uri", min: 2, max: 2, fn: fnURI},
		&builtin{name: "uriComponent", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return escapeDataString(s), err
		}},
		&builtin{name: "uriComponentToString", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			return unescapeDataString(s), err
		}},
	)
}

// nondeterministic stands for newGuid() and utcNow(): their value is only
// known at deployment, and ARM rejects them outside parameter defaults.
func nondeterministic(f *funcCall) (graph.Value, error) {
	if !f.ev.ctx.ParameterDefault {
		return nil, f.errorf("can only be used in the default value of a parameter")
	}
	return graph.Unknown{}, nil
}

func decodeBase64Arg(f *funcCall, i int) ([]byte, error) {
	s, err := f.str(i)
	if err != nil {
		return nil, err
	}
	s = strings.TrimSpace(s)
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	}
	if err != nil {
		return nil, f.argErrorf(i, "not valid base64")
	}
	return b, nil
}

// fnDataURIToString decodes "data:[<media type>][;base64],<data>".
func fnDataURIToString(f *funcCall) (graph.Value, error) {
	s, err := f.str(0)
	if err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(s, "data:")
	if !ok {
		return nil, f.argErrorf(0, "not a data URI")
	}
	meta, data, ok := strings.Cut(rest, ",")
	if !ok {
		return nil, f.argErrorf(0, "a data URI needs a ',' before its data")
	}
	if strings.HasSuffix(strings.ToLower(meta), ";base64") {
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return nil, f.argErrorf(0, "the data is not valid base64")
		}
		return string(b), nil
	}
	return unescapeDataString(data), nil
}

func fnPadLeft(f *funcCall) (graph.Value, error) {
	var s string
	switch x := f.args[0].(type) {
	case string:
		s = x
	default:
		n, ok := toInt(x)
		if !ok {
			return nil, f.argErrorf(0, "expected a string or an integer, got %s", typeName(x))
		}
		s = strconv.FormatInt(n, 10)
	}
	total, err := f.integer(1)
	if err != nil {
		return nil, err
	}
	pad := " "
	if len(f.args) == 3 {
		if pad, err = f.str(2); err != nil {
			return nil, err
		}
		if utf16Len(pad) != 1 {
			return nil, f.argErrorf(2, "the padding must be a single character, got %q", pad)
		}
	}
	n := total - int64(utf16Len(s))
	if n <= 0 {
		return s, nil
	}
	if err := f.checkLength(total); err != nil {
		return nil, err
	}
	if err := f.ev.spend(f.call, int(n)); err != nil {
		return nil, err
	}
	return strings.Repeat(pad, int(n)) + s, nil
}

func fnReplace(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	if ss[1] == "" {
		return nil, f.argErrorf(1, "the string to replace cannot be empty")
	}
	n := strings.Count(ss[0], ss[1])
	if grow := n * (len(ss[2]) - len(ss[1])); grow > 0 {
		if err := f.checkLength(int64(len(ss[0])) + int64(n)*int64(len(ss[2])-len(ss[1]))); err != nil {
			return nil, err
		}
		if err := f.ev.spend(f.call, grow); err != nil {
			return nil, err
		}
	}
	return strings.ReplaceAll(ss[0], ss[1], ss[2]), nil
}

// fnSplit splits on one delimiter or any of an array of them, the way
// .NET's String.Split does: at each position the first delimiter of the
// list that matches wins.
func fnSplit(f *funcCall) (graph.Value, error) {
	s, err := f.str(0)
	if err != nil {
		return nil, err
	}
	var delims []string
	switch x := f.args[1].(type) {
	case string:
		delims = []string{x}
	case []graph.Value:
		for _, d := range x {
			ds, ok := d.(string)
			if !ok {
				return nil, f.argErrorf(1, "delimiters must be strings, got %s", typeName(d))
			}
			delims = append(delims, ds)
		}
	default:
		return nil, f.argErrorf(1, "expected a string or an array of strings, got %s", typeName(x))
	}
	var out []graph.Value
	start := 0
	for i := 0; i < len(s); {
		matched := ""
		for _, d := range delims {
			if d != "" && strings.HasPrefix(s[i:], d) {
				matched = d
				break
			}
		}
		if matched == "" {
			i++
			continue
		}
		out = append(out, s[start:i])
		i += len(matched)
		start = i
	}
	out = append(out, s[start:])
	if err := f.ev.spend(f.call, len(out)); err != nil {
		return nil, err
	}
	return out, nil
}

func stringPair(f *funcCall, op func(a, b string) graph.Value) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	return op(ss[0], ss[1]), nil
}

// toString converts a value the way string() does: strings as they are,
// booleans as .NET prints them, arrays and objects as compact JSON.
func toString(v graph.Value) string {
	v, _ = unwrap(v)
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	case bool:
		if x {
			return "True"
		}
		return "False"
	}
	return toJSON(v)
}

func fnSubstring(f *funcCall) (graph.Value, error) {
	s, err := f.str(0)
	if err != nil {
		return nil, err
	}
	n := int64(utf16Len(s))
	start, length := int64(0), int64(-1)
	if len(f.args) > 1 {
		if start, err = f.integer(1); err != nil {
			return nil, err
		}
	}
	if len(f.args) > 2 {
		if length, err = f.integer(2); err != nil {
			return nil, err
		}
	}
	if length < 0 && len(f.args) > 2 {
		return nil, f.argErrorf(2, "the length cannot be negative")
	}
	if start < 0 || start > n {
		return nil, f.errorf("the index and length parameters must refer to a location within the string (index %d, string length %d)", start, n)
	}
	if length < 0 {
		length = n - start
	}
	if start+length > n {
		return nil, f.errorf("the index and length parameters must refer to a location within the string (index %d, length %d, string length %d)", start, length, n)
	}
	return utf16Slice(s, int(start), int(start+length)), nil
}

// fnURI resolves a relative URI against a base as RFC 3986 section 5 says.
func fnURI(f *funcCall) (graph.Value, error) {
	ss, err := f.strings()
	if err != nil {
		return nil, err
	}
	base, err := url.Parse(ss[0])
	if err != nil || !base.IsAbs() {
		return nil, f.argErrorf(0, "%q is not an absolute URI", ss[0])
	}
	rel, err := url.Parse(ss[1])
	if err != nil {
		return nil, f.argErrorf(1, "%q is not a URI", ss[1])
	}
	return base.ResolveReference(rel).String(), nil
}

// escapeDataString percent-encodes everything but the unreserved
// characters of RFC 3986, as .NET's Uri.EscapeDataString does.
func escapeDataString(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'z' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// unescapeDataString decodes percent-escapes, leaving malformed ones as they
// are, as .NET's Uri.UnescapeDataString does.
func unescapeDataString(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool { return isDigit(c) || (c|0x20) >= 'a' && (c|0x20) <= 'f' }

func unhex(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return (c | 0x20) - 'a' + 10
}

// placeholderIn reports whether a hash input holds a resource ID built on
// a placeholder subscription or resource group (resourceId() when the
// deployment's are not given): its hash would not be Azure's.
func (f *funcCall) placeholderIn(ss []string) bool {
	d := f.ev.ctx.Deployment
	for _, s := range ss {
		l := strings.ToLower(s)
		if d.SubscriptionID == "" && strings.Contains(l, "/subscriptions/"+DefaultSubscriptionID) ||
			d.ResourceGroup == "" && strings.Contains(l, "/resourcegroups/"+DefaultResourceGroup) {
			return true
		}
	}
	return false
}
