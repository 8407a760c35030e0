package armexpr

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/acrlint/acrlint/internal/graph"
)

// typeName names the type of a value in error messages.
func typeName(v graph.Value) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case int64, int, int32, float64, json.Number:
		if _, ok := toInt(x); ok {
			return "int"
		}
		return "number"
	case string:
		return "string"
	case []graph.Value:
		return "array"
	case map[string]graph.Value:
		return "object"
	case graph.Unknown:
		return "unknown"
	case graph.Known:
		return typeName(x.Value)
	case *Lambda:
		return "lambda"
	}
	return "unsupported value"
}

// toInt reads an integer from any of the numeric types a caller may hand
// over (JSON decoding gives float64 or json.Number).
func toInt(v graph.Value) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case float64:
		if x == math.Trunc(x) && x >= math.MinInt64 && x < math.MaxInt64 {
			return int64(x), true
		}
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i, true
		}
	}
	return 0, false
}

// toFloat reads any number as a float64.
func toFloat(v graph.Value) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	if i, ok := toInt(v); ok {
		return float64(i), true
	}
	return 0, false
}

func isNumber(v graph.Value) bool {
	_, ok := toFloat(v)
	return ok
}

// unwrap removes the Known wrapper of a value, returning its references.
func unwrap(v graph.Value) (graph.Value, []graph.Ref) {
	if k, ok := v.(graph.Known); ok {
		return k.Value, k.Refs
	}
	return v, nil
}

// withRefs marks a value read from a Known value with that value's
// references.
func withRefs(v graph.Value, refs []graph.Ref) graph.Value {
	if len(refs) == 0 {
		return v
	}
	switch x := v.(type) {
	case graph.Unknown:
		return graph.Unknown{Refs: mergeRefs(x.Refs, refs)}
	case graph.Known:
		return graph.Known{Value: x.Value, Refs: mergeRefs(x.Refs, refs)}
	case nil:
		return nil
	}
	return graph.Known{Value: v, Refs: refs}
}

// mergeRefs returns the sorted union of reference lists.
func mergeRefs(lists ...[]graph.Ref) []graph.Ref {
	var out []graph.Ref
	for _, l := range lists {
		out = append(out, l...)
	}
	if len(out) == 0 {
		return nil
	}
	slices.SortFunc(out, func(a, b graph.Ref) int {
		if c := cmp.Compare(a.Address, b.Address); c != 0 {
			return c
		}
		return cmp.Compare(a.Attr, b.Attr)
	})
	return slices.Compact(out)
}

// collectRefs gathers the references of every Unknown and Known inside v.
func collectRefs(v graph.Value, into []graph.Ref) []graph.Ref {
	switch x := v.(type) {
	case graph.Unknown:
		return append(into, x.Refs...)
	case graph.Known:
		return append(into, x.Refs...)
	case []graph.Value:
		for _, e := range x {
			into = collectRefs(e, into)
		}
	case map[string]graph.Value:
		for _, e := range x {
			into = collectRefs(e, into)
		}
	}
	return into
}

// unknownOf returns an Unknown carrying the references of all the values.
func unknownOf(vs ...graph.Value) graph.Unknown {
	var refs []graph.Ref
	for _, v := range vs {
		refs = collectRefs(v, refs)
	}
	return graph.Unknown{Refs: mergeRefs(refs)}
}

// hasKnown reports whether v holds a Known wrapper anywhere.
func hasKnown(v graph.Value) bool {
	switch x := v.(type) {
	case graph.Known:
		return true
	case []graph.Value:
		return slices.ContainsFunc(x, hasKnown)
	case map[string]graph.Value:
		for _, e := range x {
			if hasKnown(e) {
				return true
			}
		}
	}
	return false
}

// strip removes the Known wrappers of v, copying only when there are some.
func strip(v graph.Value) graph.Value {
	if !hasKnown(v) {
		return v
	}
	return graph.Strip(v)
}

// lookupKey finds a property of an object: the exact name first, then the
// name compared case-insensitively, as ARM does. With several
// case-insensitive matches the smallest key wins, so the answer is stable.
func lookupKey(m map[string]graph.Value, name string) (string, bool) {
	if _, ok := m[name]; ok {
		return name, true
	}
	return foldMatch(m, name)
}

// foldMatch returns the smallest key of m equal to name under
// strings.EqualFold.
func foldMatch(m map[string]graph.Value, name string) (string, bool) {
	found, ok := "", false
	for k := range m {
		if strings.EqualFold(k, name) && (!ok || k < found) {
			found, ok = k, true
		}
	}
	return found, ok
}

// smallObject is the number of keys up to which a keyFinder compares a
// name with every key rather than indexing them.
const smallObject = 16

// keyFinder answers lookupKey on an object that may grow, for the
// functions that look up every key of one object in another (union,
// shallowMerge, intersection, equals): comparing each with every key would
// cost O(n²) on large objects.
// Past smallObject keys, it indexes them by graph.FoldKey, keeping for
// each the smallest key, the one lookupKey picks. The owner reports the
// keys it adds (added) or replaces (replaced) in m.
type keyFinder struct {
	m      map[string]graph.Value
	folded map[string]string
}

func (f *keyFinder) find(name string) (string, bool) {
	if _, ok := f.m[name]; ok {
		return name, true
	}
	if f.folded == nil {
		if len(f.m) <= smallObject {
			return foldMatch(f.m, name)
		}
		f.folded = make(map[string]string, len(f.m))
		for k := range f.m {
			f.added(k)
		}
	}
	k, ok := f.folded[graph.FoldKey(name)]
	return k, ok
}

// added records that m has a new key k.
func (f *keyFinder) added(k string) {
	if f.folded == nil {
		return
	}
	fk := graph.FoldKey(k)
	if old, ok := f.folded[fk]; !ok || k < old {
		f.folded[fk] = k
	}
}

// replaced records that k has taken the place of the only key of m that
// folded with it.
func (f *keyFinder) replaced(k string) {
	if f.folded != nil {
		f.folded[graph.FoldKey(k)] = k
	}
}

// Lookup returns a lookup function over m, matching names exactly first
// and then case-insensitively: a convenient Context.Parameters or
// Context.Variables.
func Lookup(m map[string]graph.Value) func(string) (graph.Value, bool) {
	return func(name string) (graph.Value, bool) {
		k, ok := lookupKey(m, name)
		if !ok {
			return nil, false
		}
		return m[k], true
	}
}

// sortedKeys returns the keys of an object in a stable order: compared
// case-insensitively, then ordinally.
func sortedKeys(m map[string]graph.Value) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return keys
}

// equal compares two values the way equals() does: deeply, strings
// case-sensitively, numbers by value, object keys case-insensitively. known
// is false when the answer depends on an unknown value.
func equal(a, b graph.Value) (eq, known bool) {
	a, _ = unwrap(a)
	b, _ = unwrap(b)
	_, ua := a.(graph.Unknown)
	_, ub := b.(graph.Unknown)
	if ua || ub {
		return false, false
	}
	if fa, ok := toFloat(a); ok {
		if fb, ok := toFloat(b); ok {
			ia, aInt := toInt(a)
			ib, bInt := toInt(b)
			if aInt && bInt {
				return ia == ib, true
			}
			return fa == fb, true
		}
		return false, true
	}
	switch x := a.(type) {
	case nil:
		return b == nil, true
	case bool:
		y, ok := b.(bool)
		return ok && x == y, true
	case string:
		y, ok := b.(string)
		return ok && x == y, true
	case []graph.Value:
		y, ok := b.([]graph.Value)
		if !ok || len(x) != len(y) {
			return false, true
		}
		allKnown := true
		for i := range x {
			e, k := equal(x[i], y[i])
			if k && !e {
				return false, true
			}
			allKnown = allKnown && k
		}
		return allKnown, allKnown
	case map[string]graph.Value:
		y, ok := b.(map[string]graph.Value)
		if !ok || len(x) != len(y) {
			return false, true
		}
		allKnown := true
		ys := keyFinder{m: y}
		for k, xv := range x {
			yk, found := ys.find(k)
			if !found {
				return false, true
			}
			e, kn := equal(xv, y[yk])
			if kn && !e {
				return false, true
			}
			allKnown = allKnown && kn
		}
		return allKnown, allKnown
	}
	return false, true
}

// utf16Len is the length of a string as .NET counts it.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// utf16Slice returns the UTF-16 code units [from, to) of s.
func utf16Slice(s string, from, to int) string {
	u := utf16.Encode([]rune(s))
	return string(utf16.Decode(u[from:to]))
}

// toJSON renders a value as compact JSON, the way string() renders arrays
// and objects. Object keys come out sorted.
func toJSON(v graph.Value) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v graph.Value) {
	v, _ = unwrap(v)
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		enc, _ := json.Marshal(x)
		b.Write(enc)
	case []graph.Value:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case map[string]graph.Value:
		b.WriteByte('{')
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			enc, _ := json.Marshal(k)
			b.Write(enc)
			b.WriteByte(':')
			writeJSON(b, x[k])
		}
		b.WriteByte('}')
	default:
		if i, ok := toInt(x); ok {
			b.WriteString(strconv.FormatInt(i, 10))
			return
		}
		if f, ok := toFloat(x); ok {
			b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
			return
		}
		b.WriteString("null")
	}
}

// GraphValue converts an evaluated value to the shape the graph package
// documents for resource bodies: integers become float64, the number type
// of graph.Value; everything else is kept, Known and Unknown included.
func GraphValue(v graph.Value) graph.Value {
	switch x := v.(type) {
	case graph.Known:
		return graph.Known{Value: GraphValue(x.Value), Refs: x.Refs}
	case []graph.Value:
		out := make([]graph.Value, len(x))
		for i, e := range x {
			out[i] = GraphValue(e)
		}
		return out
	case map[string]graph.Value:
		out := make(map[string]graph.Value, len(x))
		for k, e := range x {
			out[k] = GraphValue(e)
		}
		return out
	case int64, int, int32, json.Number:
		f, _ := toFloat(x)
		return f
	}
	return v
}
