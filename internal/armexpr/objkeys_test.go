package armexpr

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/graph"
)

// The functions that look the keys of one object up in another (union's
// mergeObjects,
// shallowMerge, intersection, equals) must find the key lookupKey finds
// by comparing the name with every key: the exact name first, then the
// smallest key equal under strings.EqualFold. These tests check them
// against such a scan on objects past smallObject keys, among them keys
// that lower-casing does not bring together but EqualFold does.

// scanLookup is lookupKey as a scan of every key.
func scanLookup(m map[string]graph.Value, name string) (string, bool) {
	if _, ok := m[name]; ok {
		return name, true
	}
	found, ok := "", false
	for k := range m {
		if strings.EqualFold(k, name) && (!ok || k < found) {
			found, ok = k, true
		}
	}
	return found, ok
}

// seeded returns a generator of reproducible objects.
func seeded(a, b uint64) *rand.Rand {
	return rand.New(rand.NewPCG(a, b)) //nolint:gosec // a fixed seed, for reproducible tests
}

// spellings are names of one key each, as a template may write them.
var spellings = [][]string{
	{"name%d", "NAME%d", "Name%d", "nAmE%d"},
	{"k%d", "K%d", "\u212a%d"}, // the Kelvin sign folds with k
	{"s%d", "S%d", "\u017f%d"}, // so does the long s with s
	{"σ%d", "ς%d", "Σ%d"},      // and final sigma with sigma
}

// spell returns a spelling of key i, chosen by r.
func spell(r *rand.Rand, i int) string {
	s := spellings[i%len(spellings)]
	return fmt.Sprintf(s[r.IntN(len(s))], i/len(spellings))
}

// object returns an object of about n keys among keys 0 to span. With
// several, a key may have several spellings; otherwise it has one.
func object(r *rand.Rand, n, span int, several bool) map[string]graph.Value {
	m := map[string]graph.Value{}
	seen := map[int]bool{}
	for range n {
		i := r.IntN(span)
		if seen[i] && !several {
			continue
		}
		seen[i] = true
		var v graph.Value = int64(r.IntN(3))
		if r.IntN(4) == 0 {
			v = map[string]graph.Value{spell(r, r.IntN(4)): int64(r.IntN(2))}
		}
		m[spell(r, i)] = v
	}
	return m
}

func TestMergeObjectsFindsKeysAsScan(t *testing.T) {
	var merge func(a, b map[string]graph.Value) map[string]graph.Value
	merge = func(a, b map[string]graph.Value) map[string]graph.Value {
		out := map[string]graph.Value{}
		maps.Copy(out, a)
		for k, bv := range b {
			key, ok := scanLookup(out, k)
			if !ok {
				out[k] = bv
				continue
			}
			ao, aIsObj := out[key].(map[string]graph.Value)
			bo, bIsObj := bv.(map[string]graph.Value)
			if aIsObj && bIsObj {
				out[key] = merge(ao, bo)
			} else {
				out[key] = bv
			}
		}
		return out
	}
	r := seeded(1, 2)
	for range 50 {
		// The keys of b are one spelling each, so that the order b is read
		// in does not matter.
		a, b := object(r, 60, 80, true), object(r, 60, 80, false)
		// union() merges its first argument into an empty object too, in
		// the order the map is read: a, with several spellings of a key,
		// is given to mergeObjects directly.
		got, known := mergeObjects(a, b)
		if !known {
			t.Fatal("unknown")
		}
		if diff := cmp.Diff(merge(a, b), got); diff != "" {
			t.Fatalf("union(%v, %v) (-want +got):\n%s", a, b, diff)
		}
	}
}

func TestShallowMergeFindsKeysAsScan(t *testing.T) {
	r := seeded(3, 4)
	for range 50 {
		var objs arr
		want := map[string]graph.Value{}
		for range 8 {
			o := object(r, 10, 40, false)
			objs = append(objs, o)
			for k, v := range o {
				if old, ok := scanLookup(want, k); ok {
					delete(want, old)
				}
				want[k] = v
			}
		}
		got, err := EvalString("[shallowMerge(parameters('objs'))]", params(obj{"objs": objs}, nil))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("shallowMerge(%v) (-want +got):\n%s", objs, diff)
		}
	}
}

func TestEqualsAndIntersectionOfObjectsFindKeysAsScan(t *testing.T) {
	r := seeded(5, 6)
	for range 200 {
		x, y := object(r, 30, 40, true), map[string]graph.Value{}
		// y holds x's keys respelt, and sometimes a value changed or a key
		// of another name.
		for k, v := range x {
			if r.IntN(3) == 0 {
				k = strings.ToUpper(k)
			}
			if r.IntN(40) == 0 {
				v = "changed"
			}
			y[k] = v
		}
		if r.IntN(10) == 0 {
			y["other"] = int64(0)
		}
		want := len(x) == len(y)
		inter := map[string]graph.Value{}
		for k, xv := range x {
			yk, ok := scanLookup(y, k)
			e := ok
			if e {
				e, _ = equal(xv, y[yk])
			}
			want = want && e
			if e {
				inter[k] = xv
			}
		}
		c := params(obj{"x": x, "y": y}, nil)
		if got, err := EvalString("[equals(parameters('x'), parameters('y'))]", c); err != nil || got != want {
			t.Fatalf("equals(%v, %v) = %v, %v; want %v", x, y, got, err, want)
		}
		got, err := EvalString("[intersection(parameters('x'), parameters('y'))]", c)
		if diff := cmp.Diff(inter, got); err != nil || diff != "" {
			t.Fatalf("intersection(%v, %v): %v (-want +got):\n%s", x, y, err, diff)
		}
	}
}

// TestKeyFinderIndexesLargeObjects checks keyFinder against the scan as an
// object grows past smallObject keys, and that it then looks names up in
// its index rather than comparing them with every key.
func TestKeyFinderIndexesLargeObjects(t *testing.T) {
	r := seeded(7, 8)
	m := map[string]graph.Value{}
	f := keyFinder{m: m}
	for range 400 {
		name := spell(r, r.IntN(100))
		want, wantOK := scanLookup(m, name)
		if got, ok := f.find(name); got != want || ok != wantOK {
			t.Fatalf("find(%q) with %d keys = %q, %v; the scan finds %q, %v", name, len(m), got, ok, want, wantOK)
		}
		m[name] = nil
		f.added(name)
	}
	if f.folded == nil || len(f.folded) > 100 {
		t.Errorf("%d keys indexed under %d folded names; want an index of at most 100", len(m), len(f.folded))
	}
}
