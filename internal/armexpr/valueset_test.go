package armexpr

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/acrlint/acrlint/internal/graph"
)

// union and intersection of arrays must keep the elements a comparison of
// each with every element kept so far keeps: the same elements, in the same
// order, the first of equal ones. These tests check them against that scan
// on arrays past smallArray elements, where valueSet indexes them.

// scanContains is containsValue as the comparison of v with every
// element.
func scanContains(arr []graph.Value, v graph.Value) bool {
	for _, e := range arr {
		if eq, _ := equal(e, v); eq {
			return true
		}
	}
	return false
}

// scanUnion is union of arrays (none unknown) by scanContains.
func scanUnion(args []graph.Value) graph.Value {
	out := []graph.Value{}
	for _, a := range args {
		v, _ := unwrap(a)
		for _, e := range v.([]graph.Value) {
			if !scanContains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// scanIntersection is intersection of arrays by scanContains.
func scanIntersection(args []graph.Value) graph.Value {
	out := []graph.Value{}
	for _, v := range args[0].([]graph.Value) {
		inAll := true
		for _, a := range args[1:] {
			inAll = inAll && scanContains(a.([]graph.Value), v)
		}
		if inAll && !scanContains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// someValues are values that equal compares in all its ways: integers
// and floats by value (2^53 and 2^53+1 are different integers but the same
// float64), strings case-sensitively, arrays element by element, object
// keys case-insensitively (and not symmetrically when an object has two
// keys that fold together), values wrapped in Known, NaN and unknown
// values equal to nothing, and values of types equal knows nothing of.
var someValues = []graph.Value{
	int64(1), 1.0, int(1), int32(1), json.Number("1"), json.Number("1.0"), json.Number("1e0"), 1.5, json.Number("1.5"),
	int64(1 << 53), int64(1<<53 + 1), float64(1 << 53), json.Number("9007199254740993"),
	0.0, math.Copysign(0, -1), int64(0), json.Number("-0"),
	math.NaN(), math.Inf(1), math.Inf(-1), json.Number("1e400"), json.Number("x"), float32(1), uint(1),
	"a", "A", "1", "", "true", true, false, nil,
	graph.Known{Value: "a"}, graph.Known{Value: int64(1)}, graph.Known{Value: nil}, graph.Known{Value: graph.Known{Value: "a"}},
	graph.Unknown{}, graph.Known{Value: graph.Unknown{}},
	arr{}, []graph.Value(nil), arr{int64(1)}, arr{1.0}, arr{"a"}, arr{"A"}, arr{arr{int64(1)}}, arr{arr{1.0}},
	arr{int64(1), "a"}, arr{"a", int64(1)}, arr{math.NaN()}, arr{graph.Unknown{}},
	obj{}, map[string]graph.Value(nil), obj{"a": int64(1)}, obj{"A": 1.0}, obj{"a": "x"}, obj{"b": int64(1)},
	obj{"a": int64(1), "A": int64(1)}, obj{"a": int64(1), "b": int64(1)}, obj{"a": arr{int64(1)}}, obj{"a": arr{1.0}},
}

// padded returns arr after n strings that are equal to none of someValues.
func padded(n int, arr []graph.Value) []graph.Value {
	out := make([]graph.Value, 0, n+len(arr))
	for i := range n {
		out = append(out, fmt.Sprintf("pad%d", i))
	}
	return append(out, arr...)
}

// TestKeyOfAgreesWithEqual checks that any two values equal finds equal
// have the same key, and that those keyOf gives none are equal to nothing.
func TestKeyOfAgreesWithEqual(t *testing.T) {
	for _, a := range someValues {
		ka, okA := keyOf(a)
		for _, b := range someValues {
			eq, _ := equal(a, b)
			if !eq {
				continue
			}
			kb, okB := keyOf(b)
			if !okA || !okB || ka != kb {
				t.Errorf("equal(%#v, %#v), but their keys are %v, %v and %v, %v", a, b, ka, okA, kb, okB)
			}
		}
	}
}

// TestValueSetContainsAsScan checks valueSet against the scan for every
// value of someValues, in arrays of each size up to and past smallArray,
// both filled before the first look-up and grown after it.
func TestValueSetContainsAsScan(t *testing.T) {
	for n := range 2*len(someValues) + 1 {
		arr := padded(smallArray/2, nil)
		for i := range n {
			arr = append(arr, someValues[i%len(someValues)])
		}
		grown := valueSet{arr: []graph.Value{}}
		for _, e := range arr {
			grown.contains(e)
			grown.add(e)
		}
		filled := valueSet{arr: arr}
		for _, v := range someValues {
			want := scanContains(arr, v)
			if got := grown.contains(v); got != want {
				t.Errorf("grown to %d elements: contains(%#v) = %v; the scan says %v", len(arr), v, got, want)
			}
			if got := filled.contains(v); got != want {
				t.Errorf("%d elements: contains(%#v) = %v; the scan says %v", len(arr), v, got, want)
			}
		}
		if indexed := grown.index != nil; indexed != (len(arr) > smallArray) {
			t.Errorf("%d elements: indexed %v; want an index past %d", len(arr), indexed, smallArray)
		}
	}
}

func TestUnionAndIntersectionOfArraysAsScan(t *testing.T) {
	cases := []struct {
		name string
		args []arr
	}{
		{"empty", []arr{{}, {}}},
		{"empty first", []arr{{}, {int64(1)}}},
		{"empty second", []arr{{int64(1)}, {}}},
		{"nil arrays", []arr{nil, nil, {}}},
		{"disjoint", []arr{{int64(1), "a"}, {int64(2), "b"}}},
		{"integers and floats", []arr{{int64(1), 2.0, json.Number("3"), 2.5}, {1.0, int64(2), 3.0, json.Number("2.5"), int32(1)}}},
		{"large integers", []arr{{int64(1<<53 + 1), int64(1 << 53)}, {float64(1 << 53), json.Number("9007199254740993")}}},
		{"zeros", []arr{{0.0, math.Copysign(0, -1)}, {int64(0), json.Number("-0")}}},
		{"strings in another case", []arr{{"a", "A", "b"}, {"B", "a", "b"}}},
		{"numbers and strings", []arr{{int64(1), "1", true, "true"}, {"1", 1.0, "true", true}}},
		{"null", []arr{{nil, graph.Known{Value: nil}}, {nil}}},
		{"nested arrays", []arr{{arr{int64(1)}, arr{1.0}, arr{arr{int64(1)}}, arr{int64(1), "a"}}, {arr{arr{1.0}}, arr{"a", int64(1)}, arr{1.0}}}},
		{"objects", []arr{{obj{"a": int64(1)}, obj{"A": 1.0}, obj{"b": int64(1)}, obj{}}, {obj{"A": int64(1)}, map[string]graph.Value(nil)}}},
		{"objects with keys that fold together", []arr{{obj{"a": int64(1), "A": int64(1)}, obj{"a": int64(1), "b": int64(1)}}, {obj{"a": int64(1), "b": int64(1)}, obj{"a": int64(1), "A": int64(1)}}}},
		{"duplicates", []arr{{int64(1), int64(1), 1.0, "a", "a", arr{}, arr{}}, {"a", 1.0, arr{}, int64(1)}}},
		{"three arrays", []arr{{int64(1), int64(2), int64(3)}, {int64(3), int64(2)}, {2.0, "x"}}},
		{"NaN and other values equal to nothing", []arr{{math.NaN(), float32(1), json.Number("x"), graph.Known{Value: graph.Known{Value: "a"}}}, {math.NaN(), float32(1), json.Number("x")}}},
		{"every value", []arr{someValues, someValues}},
		{"every value twice, shifted", []arr{append(someValues[3:], someValues...), append(someValues[7:], someValues[:20]...)}},
	}
	for _, tt := range cases {
		for _, pad := range []int{0, smallArray + 1} {
			var args []graph.Value
			for i, a := range tt.args {
				// Pad every argument but the first, so that the first's
				// small arrays are also looked up in large ones.
				if i > 0 || pad == 0 {
					args = append(args, padded(pad, a))
				} else {
					args = append(args, append(padded(pad/2, nil), a...))
				}
			}
			name := fmt.Sprintf("%s, padded by %d", tt.name, pad)
			for fn, want := range map[string]graph.Value{"union": scanUnion(args), "intersection": scanIntersection(args)} {
				f := &funcCall{args: args}
				if fn == "union" && unknownInside(args) {
					continue // union of arrays holding unknowns is unknown
				}
				var got graph.Value
				var err error
				if fn == "union" {
					got, err = fnUnion(f)
				} else {
					got, err = fnIntersection(f)
				}
				if err != nil {
					t.Fatalf("%s: %s: %v", name, fn, err)
				}
				if diff := cmp.Diff(want, got, cmpopts.EquateNaNs()); diff != "" {
					t.Errorf("%s: %s (-scan +got):\n%s", name, fn, diff)
				}
				if got, ok := got.([]graph.Value); !ok || got == nil {
					t.Errorf("%s: %s = %#v; want an array, never nil", name, fn, got)
				}
			}
		}
	}
}

// unknownInside says whether an element of one of the arrays is unknown.
func unknownInside(arrays []graph.Value) bool {
	for _, a := range arrays {
		if slices.ContainsFunc(a.([]graph.Value), graph.IsUnknown) {
			return true
		}
	}
	return false
}

// TestEmptyUnionAndIntersectionAreEmptyArrays checks that an empty result
// is an empty array, as it was before valueSet, whether or not the
// arguments were large enough to be indexed.
func TestEmptyUnionAndIntersectionAreEmptyArrays(t *testing.T) {
	disjoint := func(prefix string) arr {
		var a arr
		for i := range 2 * smallArray {
			a = append(a, fmt.Sprintf("%s%d", prefix, i))
		}
		return a
	}
	c := params(obj{"a": disjoint("a"), "b": disjoint("b")}, nil)
	for _, expr := range []string{
		"union(createArray(), createArray())",
		"intersection(createArray(1), createArray(2))",
		"intersection(createArray(), parameters('b'))",
		"intersection(parameters('a'), parameters('b'))",
	} {
		got, err := EvalString("["+expr+"]", c)
		if a, ok := got.([]graph.Value); err != nil || !ok || a == nil || len(a) != 0 {
			t.Errorf("%s = %#v, %v; want an empty array", expr, got, err)
		}
	}
}

// TestUnionAndIntersectionCompareLinearly counts the comparisons union
// and intersection of large arrays make: about one per element, where
// comparing each element with every one kept would make n²/2.
func TestUnionAndIntersectionCompareLinearly(t *testing.T) {
	const n = 4000
	var strs, nums, mixed arr
	for i := range n {
		strs = append(strs, fmt.Sprintf("s%d", i))
		nums = append(nums, float64(i)/2) // integers and halves
		// The same values, a number as an integer where it is one.
		var num graph.Value = float64(i) / 2
		if i%2 == 0 {
			num = int64(i / 2)
		}
		mixed = append(mixed, num, fmt.Sprintf("s%d", i))
	}
	c := params(obj{"strs": strs, "nums": nums, "mixed": mixed}, nil)
	for _, tt := range []struct {
		expr string
		len  int
	}{
		{"union(parameters('strs'), parameters('nums'), parameters('mixed'))", 2 * n},
		{"union(parameters('mixed'), parameters('mixed'))", 2 * n},
		{"intersection(parameters('mixed'), parameters('strs'), parameters('nums'))", 0},
		{"intersection(parameters('mixed'), parameters('nums'))", n},
		{"intersection(parameters('strs'), parameters('mixed'))", n},
	} {
		compared := 0
		scanHook = func(k int) { compared += k }
		got, err := EvalString("["+tt.expr+"]", c)
		scanHook = nil
		if a, ok := got.([]graph.Value); err != nil || !ok || len(a) != tt.len {
			t.Fatalf("%s: %d elements, %v; want %d", tt.expr, len(a), err, tt.len)
		}
		// Every look-up compares with the one element of its key there
		// may be, after the first ones, in arrays not yet indexed.
		if limit := 6*n + smallArray*smallArray; compared > limit {
			t.Errorf("%s: %d comparisons; want at most %d", tt.expr, compared, limit)
		}
	}
}

// BenchmarkUnionOfArrays is union and intersection of two arrays of n
// strings each.
func BenchmarkUnionOfArrays(b *testing.B) {
	for _, n := range []int{1000, 16000} {
		var a, same, other arr
		for i := range n {
			a = append(a, fmt.Sprintf("a%d", i))
			same = append(same, fmt.Sprintf("a%d", i))
			other = append(other, fmt.Sprintf("b%d", i))
		}
		c := params(obj{"a": a, "same": same, "other": other}, nil)
		for name, expr := range map[string]string{
			"union":        "union(parameters('a'), parameters('other'))",
			"intersection": "intersection(parameters('a'), parameters('same'))",
		} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				for b.Loop() {
					if _, err := EvalString("["+expr+"]", c); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
