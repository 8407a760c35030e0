package armexpr

import (
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// maxRange is the largest count range() accepts.
const maxRange = 10000

// Array functions, and those shared by strings, arrays and objects:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array
func registerArray() {
	register(
		&builtin{name: "array", min: 1, max: 1, raw: true, fn: fnArray},
		&builtin{name: "concat", min: 0, max: -1, raw: true, fn: fnConcat},
		&builtin{name: "contains", min: 2, max: 2, raw: true, fn: fnContains},
		&builtin{name: "createArray", min: 0, max: -1, raw: true, fn: func(f *funcCall) (graph.Value, error) {
			return append([]graph.Value{}, f.args...), nil
		}},
		&builtin{name: "empty", min: 1, max: 1, raw: true, fn: fnEmpty},
		&builtin{name: "first", min: 1, max: 1, raw: true, fn: func(f *funcCall) (graph.Value, error) { return firstLast(f, true) }},
		&builtin{name: "last", min: 1, max: 1, raw: true, fn: func(f *funcCall) (graph.Value, error) { return firstLast(f, false) }},
		&builtin{name: "flatten", min: 1, max: 1, raw: true, fn: fnFlatten},
		&builtin{name: "indexOf", min: 2, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) { return indexOf(f, false) }},
		&builtin{name: "lastIndexOf", min: 2, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) { return indexOf(f, true) }},
		&builtin{name: "intersection", min: 2, max: -1, fn: fnIntersection},
		&builtin{name: "join", min: 2, max: 2, raw: true, fn: fnJoin},
		&builtin{name: "length", min: 1, max: 1, raw: true, fn: fnLength},
		&builtin{name: "range", min: 2, max: 2, fn: fnRange},
		&builtin{name: "skip", min: 2, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) { return takeSkip(f, false) }},
		&builtin{name: "take", min: 2, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) { return takeSkip(f, true) }},
		&builtin{name: "union", min: 1, max: -1, raw: true, fn: fnUnion},
	)
}

func fnArray(f *funcCall) (graph.Value, error) {
	v, _ := unwrap(f.args[0])
	switch x := v.(type) {
	case graph.Unknown:
		return x, nil
	case []graph.Value:
		return f.args[0], nil
	case nil:
		return []graph.Value{}, nil
	}
	return []graph.Value{f.args[0]}, nil
}

// fnConcat joins strings or arrays. Elements of arrays may be unknown; a
// string built from an unknown is unknown.
func fnConcat(f *funcCall) (graph.Value, error) {
	if len(f.args) == 0 {
		return "", nil
	}
	var arrays, scalars int
	for i, a := range f.args {
		switch v, _ := unwrap(a); v.(type) {
		case graph.Unknown:
			// Either kind.
		case []graph.Value:
			arrays++
		case nil:
			if len(f.args) == 1 {
				return nil, f.argErrorf(i, "expected a string or an array, got null")
			}
		case map[string]graph.Value:
			return nil, f.argErrorf(i, "expected a string or an array, got object")
		default:
			scalars++
		}
	}
	if arrays > 0 && scalars > 0 {
		return nil, f.errorf("cannot concatenate arrays with strings")
	}
	if arrays > 0 {
		var out []graph.Value
		for _, a := range f.args {
			switch v, _ := unwrap(a); x := v.(type) {
			case graph.Unknown:
				return unknownOf(f.args...), nil
			case []graph.Value:
				if err := f.ev.spend(f.call, len(x)); err != nil {
					return nil, err
				}
				out = append(out, x...)
			}
		}
		if out == nil {
			out = []graph.Value{}
		}
		return out, nil
	}
	if slices.ContainsFunc(f.args, graph.IsUnknown) {
		return unknownOf(f.args...), nil
	}
	parts := make([]string, len(f.args))
	var n int64
	for i, a := range f.args {
		parts[i] = toString(a)
		n += int64(len(parts[i]))
	}
	if err := f.checkLength(n); err != nil {
		return nil, err
	}
	return strings.Join(parts, ""), nil
}

// fnContains looks for a substring (case-sensitively), a property name
// (case-insensitively) or an array element.
func fnContains(f *funcCall) (graph.Value, error) {
	container, _ := unwrap(f.args[0])
	item := f.args[1]
	if _, ok := container.(graph.Unknown); ok {
		return unknownOf(f.args...), nil
	}
	if arr, ok := container.([]graph.Value); ok {
		unknown := false
		for _, e := range arr {
			eq, known := equal(e, item)
			if known && eq {
				return true, nil
			}
			unknown = unknown || !known
		}
		if unknown {
			return unknownOf(f.args...), nil
		}
		return false, nil
	}
	if graph.IsUnknown(item) {
		return unknownOf(f.args...), nil
	}
	item = strip(item)
	switch c := container.(type) {
	case string:
		s, ok := item.(string)
		if !ok {
			n, isInt := toInt(item)
			if !isInt {
				return nil, f.argErrorf(1, "expected a string or an integer, got %s", typeName(item))
			}
			s = strconv.FormatInt(n, 10)
		}
		return strings.Contains(c, s), nil
	case map[string]graph.Value:
		s, ok := item.(string)
		if !ok {
			return nil, f.argErrorf(1, "expected a property name, got %s", typeName(item))
		}
		_, found := lookupKey(c, s)
		return found, nil
	}
	return nil, f.argErrorf(0, "expected an array, an object or a string, got %s", typeName(container))
}

func fnEmpty(f *funcCall) (graph.Value, error) {
	switch v, _ := unwrap(f.args[0]); x := v.(type) {
	case graph.Unknown:
		return x, nil
	case nil:
		return true, nil
	case string:
		return x == "", nil
	case []graph.Value:
		return len(x) == 0, nil
	case map[string]graph.Value:
		return len(x) == 0, nil
	default:
		return nil, f.argErrorf(0, "expected an array, an object or a string, got %s", typeName(x))
	}
}

func firstLast(f *funcCall, first bool) (graph.Value, error) {
	switch v, refs := unwrap(f.args[0]); x := v.(type) {
	case graph.Unknown:
		return x, nil
	case string:
		if x == "" {
			return "", nil
		}
		n := utf16Len(x)
		if first {
			return utf16Slice(x, 0, 1), nil
		}
		return utf16Slice(x, n-1, n), nil
	case []graph.Value:
		if len(x) == 0 {
			return nil, nil
		}
		if first {
			return withRefs(x[0], refs), nil
		}
		return withRefs(x[len(x)-1], refs), nil
	default:
		return nil, f.argErrorf(0, "expected an array or a string, got %s", typeName(x))
	}
}

func fnFlatten(f *funcCall) (graph.Value, error) {
	arr, err := f.inputArray()
	if err != nil {
		if u, ok := f.args[0].(graph.Unknown); ok {
			return u, nil
		}
		return nil, err
	}
	out := []graph.Value{}
	for i, e := range arr {
		switch v, _ := unwrap(e); x := v.(type) {
		case graph.Unknown:
			return unknownOf(f.args...), nil
		case []graph.Value:
			out = append(out, x...)
		default:
			return nil, f.errorf("element %d is %s, not an array", i, typeName(x))
		}
	}
	return out, nil
}

// indexOf searches a string (case-insensitively) or an array (with
// equals()).
func indexOf(f *funcCall, last bool) (graph.Value, error) {
	container, _ := unwrap(f.args[0])
	switch x := container.(type) {
	case graph.Unknown:
		return unknownOf(f.args...), nil
	case []graph.Value:
		found := int64(-1)
		for i, e := range x {
			eq, known := equal(e, f.args[1])
			if !known {
				return unknownOf(f.args...), nil
			}
			if eq {
				found = int64(i)
				if !last {
					break
				}
			}
		}
		return found, nil
	case string:
		if graph.IsUnknown(f.args[1]) {
			return unknownOf(f.args...), nil
		}
		item, ok := strip(f.args[1]).(string)
		if !ok {
			return nil, f.argErrorf(1, "expected a string, got %s", typeName(f.args[1]))
		}
		hay, needle := strings.ToLower(x), strings.ToLower(item)
		var i int
		if last {
			i = strings.LastIndex(hay, needle)
		} else {
			i = strings.Index(hay, needle)
		}
		if i < 0 {
			return int64(-1), nil
		}
		return int64(utf16Len(hay[:i])), nil
	}
	return nil, f.argErrorf(0, "expected an array or a string, got %s", typeName(container))
}

// fnIntersection keeps the properties (same name and value) or the
// elements common to every argument.
func fnIntersection(f *funcCall) (graph.Value, error) {
	switch first := f.args[0].(type) {
	case map[string]graph.Value:
		out := map[string]graph.Value{}
		others := make([]keyFinder, len(f.args))
		for k, v := range first {
			inAll := true
			for i := 1; i < len(f.args) && inAll; i++ {
				m, ok := f.args[i].(map[string]graph.Value)
				if !ok {
					return nil, f.argErrorf(i, "expected an object, got %s", typeName(f.args[i]))
				}
				others[i].m = m
				key, found := others[i].find(k)
				eq, _ := equal(v, m[key])
				inAll = found && eq
			}
			if inAll {
				out[k] = v
			}
		}
		return out, nil
	case []graph.Value:
		out := valueSet{arr: []graph.Value{}}
		others := make([]valueSet, len(f.args))
		for _, v := range first {
			inAll := true
			for i := 1; i < len(f.args) && inAll; i++ {
				a, ok := f.args[i].([]graph.Value)
				if !ok {
					return nil, f.argErrorf(i, "expected an array, got %s", typeName(f.args[i]))
				}
				others[i].arr = a
				inAll = others[i].contains(v)
			}
			if inAll && !out.contains(v) {
				out.add(v)
			}
		}
		return out.arr, nil
	}
	return nil, f.argErrorf(0, "expected an array or an object, got %s", typeName(f.args[0]))
}

// containsValue says whether arr holds an element equal to v, comparing
// it with every element.
func containsValue(arr []graph.Value, v graph.Value) bool {
	if scanHook != nil {
		scanHook(len(arr))
	}
	for _, e := range arr {
		if eq, _ := equal(e, v); eq {
			return true
		}
	}
	return false
}

// scanHook, when set, is told the length of every array containsValue
// scans. Only tests set it, to count the comparisons union and
// intersection make.
var scanHook func(n int)

// smallArray is the number of elements up to which a valueSet compares a
// value with every element rather than indexing them.
const smallArray = 16

// valueSet answers containsValue on an array that may grow, for union and
// intersection of arrays, which look every element of one array up in
// another: comparing each with every element cost O(n·m).
// Past smallArray elements, it files the elements under their valueKey,
// the same for any two values equal finds equal, and compares a value only
// with the elements filed under its key. The owner adds elements with add.
type valueSet struct {
	arr   []graph.Value
	index map[valueKey][]graph.Value
}

func (s *valueSet) contains(v graph.Value) bool {
	if s.index == nil {
		if len(s.arr) <= smallArray {
			return containsValue(s.arr, v)
		}
		s.index = make(map[valueKey][]graph.Value, len(s.arr))
		for _, e := range s.arr {
			s.file(e)
		}
	}
	k, ok := keyOf(v)
	if !ok {
		return false // equal to nothing
	}
	return containsValue(s.index[k], v)
}

// add appends v to the array.
func (s *valueSet) add(v graph.Value) {
	s.arr = append(s.arr, v)
	if s.index != nil {
		s.file(v)
	}
}

func (s *valueSet) file(e graph.Value) {
	if k, ok := keyOf(e); ok {
		s.index[k] = append(s.index[k], e)
	}
}

// valueKey is what any two values equal finds equal have in common: the
// kind of value, and a number's value (as a float64: equal compares two
// integers exactly, so two different large integers may share it), a
// boolean's, a string's (case-sensitively) or the length of an array or
// an object.
type valueKey struct {
	kind valueKind
	num  float64 // a number; a boolean as 0 or 1; the length of an array or object
	str  string
}

type valueKind uint8

const (
	kindNull valueKind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

// keyOf returns the valueKey of v. ok is false for the values equal finds
// equal to nothing, not even themselves: unknown values, NaN, and values of
// types it does not compare.
func keyOf(v graph.Value) (valueKey, bool) {
	v, _ = unwrap(v)
	if f, ok := toFloat(v); ok {
		return valueKey{kind: kindNumber, num: f}, !math.IsNaN(f)
	}
	switch x := v.(type) {
	case nil:
		return valueKey{kind: kindNull}, true
	case bool:
		k := valueKey{kind: kindBool}
		if x {
			k.num = 1
		}
		return k, true
	case string:
		return valueKey{kind: kindString, str: x}, true
	case []graph.Value:
		return valueKey{kind: kindArray, num: float64(len(x))}, true
	case map[string]graph.Value:
		return valueKey{kind: kindObject, num: float64(len(x))}, true
	}
	return valueKey{}, false
}

func fnJoin(f *funcCall) (graph.Value, error) {
	if graph.IsUnknown(f.args[0]) || graph.IsUnknown(f.args[1]) {
		return unknownOf(f.args...), nil
	}
	arr, err := f.inputArray()
	if err != nil {
		return nil, err
	}
	sep, err := f.str(1)
	if err != nil {
		return nil, err
	}
	parts := make([]string, len(arr))
	for i, e := range arr {
		switch v, _ := unwrap(e); v.(type) {
		case string, bool, int64, int, float64:
			parts[i] = toString(v)
		default:
			if _, ok := toInt(v); ok {
				parts[i] = toString(v)
				continue
			}
			return nil, f.argErrorf(0, "element %d is %s; join takes strings", i, typeName(v))
		}
	}
	n := int64(len(sep)) * int64(max(len(parts)-1, 0))
	for _, p := range parts {
		n += int64(len(p))
	}
	if err := f.checkLength(n); err != nil {
		return nil, err
	}
	return strings.Join(parts, sep), nil
}

func fnLength(f *funcCall) (graph.Value, error) {
	switch v, _ := unwrap(f.args[0]); x := v.(type) {
	case graph.Unknown:
		return x, nil
	case string:
		return int64(utf16Len(x)), nil
	case []graph.Value:
		return int64(len(x)), nil
	case map[string]graph.Value:
		return int64(len(x)), nil
	default:
		return nil, f.argErrorf(0, "expected an array, an object or a string, got %s", typeName(x))
	}
}

func fnRange(f *funcCall) (graph.Value, error) {
	start, err := f.integer(0)
	if err != nil {
		return nil, err
	}
	count, err := f.integer(1)
	if err != nil {
		return nil, err
	}
	if count < 0 || count > maxRange {
		return nil, f.argErrorf(1, "the count must be between 0 and %d, got %d", maxRange, count)
	}
	if start+count > 2147483647 || start < -2147483648 {
		return nil, f.errorf("the start index plus the count must be no greater than 2147483647")
	}
	if err := f.ev.spend(f.call, int(count)); err != nil {
		return nil, err
	}
	out := make([]graph.Value, count)
	for i := range out {
		out[i] = start + int64(i)
	}
	return out, nil
}

func takeSkip(f *funcCall, take bool) (graph.Value, error) {
	if graph.IsUnknown(f.args[1]) {
		return unknownOf(f.args...), nil
	}
	n, err := f.integer(1)
	if err != nil {
		return nil, err
	}
	switch v, _ := unwrap(f.args[0]); x := v.(type) {
	case graph.Unknown:
		return x, nil
	case string:
		l := int64(utf16Len(x))
		n = max(0, min(n, l))
		if take {
			return utf16Slice(x, 0, int(n)), nil
		}
		return utf16Slice(x, int(n), int(l)), nil
	case []graph.Value:
		n = max(0, min(n, int64(len(x))))
		if take {
			return append([]graph.Value{}, x[:n]...), nil
		}
		return append([]graph.Value{}, x[n:]...), nil
	default:
		return nil, f.argErrorf(0, "expected an array or a string, got %s", typeName(x))
	}
}

// fnUnion merges objects (recursively: nested objects are merged, other
// values replaced by later arguments) or arrays (each value once, in order
// of first appearance).
func fnUnion(f *funcCall) (graph.Value, error) {
	for _, a := range f.args {
		if _, ok := a.(graph.Unknown); ok {
			return unknownOf(f.args...), nil
		}
	}
	switch first, _ := unwrap(f.args[0]); first.(type) {
	case map[string]graph.Value:
		out := map[string]graph.Value{}
		for i, a := range f.args {
			m, _ := unwrap(a)
			if m == nil {
				continue
			}
			obj, ok := m.(map[string]graph.Value)
			if !ok {
				return nil, f.argErrorf(i, "expected an object, got %s", typeName(m))
			}
			merged, known := mergeObjects(out, obj)
			if !known {
				return unknownOf(f.args...), nil
			}
			out = merged
		}
		return out, nil
	case []graph.Value:
		out := valueSet{arr: []graph.Value{}}
		for i, a := range f.args {
			v, _ := unwrap(a)
			if v == nil {
				continue
			}
			arr, ok := v.([]graph.Value)
			if !ok {
				return nil, f.argErrorf(i, "expected an array, got %s", typeName(v))
			}
			for _, e := range arr {
				if graph.IsUnknown(e) {
					// Whether it repeats an element is not known.
					return unknownOf(f.args...), nil
				}
				if !out.contains(e) {
					out.add(e)
				}
			}
		}
		return out.arr, nil
	case nil:
		if len(f.args) == 1 {
			return nil, nil
		}
		f.args = f.args[1:]
		return fnUnion(f)
	default:
		return nil, f.argErrorf(0, "expected an array or an object, got %s", typeName(first))
	}
}

// mergeObjects merges b into a copy of a the way union() does. known is
// false when the shape of the result depends on an unknown value.
func mergeObjects(a, b map[string]graph.Value) (map[string]graph.Value, bool) {
	out := make(map[string]graph.Value, len(a)+len(b))
	maps.Copy(out, a)
	keys := keyFinder{m: out}
	for k, bv := range b {
		key, exists := keys.find(k)
		if !exists {
			out[k] = bv
			keys.added(k)
			continue
		}
		av, _ := unwrap(out[key])
		bu, _ := unwrap(bv)
		aObj, aIsObj := av.(map[string]graph.Value)
		bObj, bIsObj := bu.(map[string]graph.Value)
		_, aUnknown := av.(graph.Unknown)
		_, bUnknown := bu.(graph.Unknown)
		switch {
		case aIsObj && bIsObj:
			m, known := mergeObjects(aObj, bObj)
			if !known {
				return nil, false
			}
			out[key] = m
		case bUnknown || (aUnknown && bIsObj):
			return nil, false
		default:
			out[key] = bv
		}
	}
	return out, true
}
