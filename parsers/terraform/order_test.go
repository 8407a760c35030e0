package terraform

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// passOrder is the definition depOrder follows: passes over the sorted
// keys, each taking the keys whose dependencies are taken; what is left
// is stuck, and on a cycle when it reaches itself through stuck keys.
func passOrder(keys []string, deps map[string][]string) (ordered, stuck, cycle []string) {
	done := map[string]bool{}
	for progress := true; progress; {
		progress = false
		for _, k := range keys {
			if done[k] {
				continue
			}
			ready := true
			for _, d := range deps[k] {
				if _, exists := deps[d]; exists && !done[d] {
					ready = false
					break
				}
			}
			if ready {
				done[k] = true
				ordered = append(ordered, k)
				progress = true
			}
		}
	}
	var reaches func(from, to string, seen map[string]bool) bool
	reaches = func(from, to string, seen map[string]bool) bool {
		for _, d := range deps[from] {
			if d == to {
				return true
			}
			if _, exists := deps[d]; exists && !done[d] && !seen[d] {
				seen[d] = true
				if reaches(d, to, seen) {
					return true
				}
			}
		}
		return false
	}
	for _, k := range keys {
		if !done[k] {
			stuck = append(stuck, k)
			if reaches(k, k, map[string]bool{}) {
				cycle = append(cycle, k)
			}
		}
	}
	return ordered, stuck, cycle
}

// depOrderKeys runs depOrder on a graph given as a map and names the keys
// it returns.
func depOrderKeys(deps map[string][]string) (ordered, stuck, cycle []string) {
	keys := slices.Sorted(maps.Keys(deps))
	o, s, c := depOrder(keys, func(k string) []string { return deps[k] })
	name := func(is []int) []string {
		var out []string
		for _, i := range is {
			out = append(out, keys[i])
		}
		return out
	}
	return name(o), name(s), name(c)
}

// graphOf reads "a:b,c d e:a" as a depends on b and c, d on nothing and e
// on a.
func graphOf(s string) map[string][]string {
	g := map[string][]string{}
	for f := range strings.FieldsSeq(s) {
		k, ds, _ := strings.Cut(f, ":")
		g[k] = nil
		if ds != "" {
			g[k] = strings.Split(ds, ",")
		}
	}
	return g
}

func TestDepOrder(t *testing.T) {
	for _, tc := range []struct {
		name, graph           string
		ordered, stuck, cycle string
	}{
		{"independent", "c b a", "a b c", "", ""},
		{"forward chain", "a b:a c:b d:c", "a b c d", "", ""},
		{"backward chain", "a:b b:c c:d d", "d c b a", "", ""},
		// b is ready in the first pass, but a, earlier in key order, only
		// in the second, after c.
		{"later pass", "a:b b c", "b c a", "", ""},
		{"zigzag", "a:d b:a c d:b e:c", "c e", "a b d", "a b d"},
		{"zigzag without cycle", "a:d b:a c d e:c", "c d e a b", "", ""},
		{"diamond", "a:b,c b:d c:d d", "d b c a", "", ""},
		{"diamond backwards", "d:b,c b:a c:a a", "a b c d", "", ""},
		{"diamond mixed", "b:a,d c:b a:d d", "d a b c", "", ""},
		{"self reference", "a:a b:a c", "c", "a b", "a"},
		{"missing dependency", "a:x b:a,y", "a b", "", ""},
		{"duplicate dependency", "a:b,b b", "b a", "", ""},
		{"cycle", "a:b b:a", "", "a b", "a b"},
		{"cycle with tail", "a:b b:a c:a d:c e:d x", "x", "a b c d e", "a b"},
		{"tail before cycle", "a:b b:c c:y y:z z:y", "", "a b c y z", "y z"},
		{"two cycles", "a:b b:a c:d d:c e:a,c f", "f", "a b c d e", "a b c d"},
		{"cycle through tail", "a:b b:c c:a d:b e:d", "", "a b c d e", "a b c"},
		{"cycle and chain", "a:b b:a c:e d e:d", "d e c", "a b", "a b"},
	} {
		g := graphOf(tc.graph)
		ordered, stuck, cycle := depOrderKeys(g)
		wo, ws, wc := passOrder(slices.Sorted(maps.Keys(g)), g)
		if !slices.Equal(ordered, wo) || !slices.Equal(stuck, ws) || !slices.Equal(cycle, wc) {
			t.Errorf("%s: got %v %v %v, passes give %v %v %v", tc.name, ordered, stuck, cycle, wo, ws, wc)
		}
		if got := fmt.Sprint(strings.Join(ordered, " "), "|", strings.Join(stuck, " "), "|", strings.Join(cycle, " ")); got != tc.ordered+"|"+tc.stuck+"|"+tc.cycle {
			t.Errorf("%s: got %s, want %s|%s|%s", tc.name, got, tc.ordered, tc.stuck, tc.cycle)
		}
	}
}

// TestDepOrderAsPasses compares depOrder with passOrder on random graphs,
// sparse and dense, with and without cycles.
func TestDepOrderAsPasses(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // a fixed sequence of test graphs
	for round := range 2000 {
		n := 1 + r.IntN(12)
		edges := r.IntN(2 * n)
		g := map[string][]string{}
		for i := range n {
			g[fmt.Sprintf("k%02d", i)] = nil
		}
		for range edges {
			from, to := fmt.Sprintf("k%02d", r.IntN(n)), fmt.Sprintf("k%02d", r.IntN(n+2))
			if round%2 == 0 && from <= to {
				continue // acyclic, references backwards in key order only
			}
			g[from] = append(g[from], to)
		}
		keys := slices.Sorted(maps.Keys(g))
		wo, ws, wc := passOrder(keys, g)
		o, s, c := depOrderKeys(g)
		if !slices.Equal(o, wo) || !slices.Equal(s, ws) || !slices.Equal(c, wc) {
			t.Fatalf("%v: got %v %v %v, want %v %v %v", g, o, s, c, wo, ws, wc)
		}
	}
}

// TestDepOrderReadsEachKeyOnce: a chain of references backwards in key
// order, or hanging off a cycle, is ordered reading each key's
// dependencies once, not once per pass or once per key left over.
func TestDepOrderReadsEachKeyOnce(t *testing.T) {
	const n = 2000
	chain := func(last string) map[string][]string {
		g := map[string][]string{}
		for i := range n {
			g[fmt.Sprintf("l%05d", i)] = []string{fmt.Sprintf("l%05d", i+1)}
		}
		g[fmt.Sprintf("l%05d", n)] = []string{last}
		return g
	}
	for name, g := range map[string]map[string][]string{
		"backward chain":  chain(""),
		"cycle with tail": chain(fmt.Sprintf("l%05d", n-1)),
	} {
		reads := 0
		keys := slices.Sorted(maps.Keys(g))
		depOrder(keys, func(k string) []string { reads++; return g[k] })
		if reads > len(keys) {
			t.Errorf("%s: %d reads of the dependencies of %d keys", name, reads, len(keys))
		}
	}
}

// TestEvaluationOrder: resources are evaluated, and so emitted, in the
// order of passes over their keys, and a cycle is named without what
// hangs off it.
func TestEvaluationOrder(t *testing.T) {
	root, tf := write(t, map[string]string{"main.tf": `
locals {
  a = local.b
  b = local.a
  c = local.a
  d = azurerm_subnet.z.id
}
resource "azurerm_subnet" "a" { name = azurerm_subnet.b.name }
resource "azurerm_subnet" "b" { name = azurerm_subnet.c.name }
resource "azurerm_subnet" "c" { name = "c" }
resource "azurerm_subnet" "d" { name = azurerm_subnet.a.name }
resource "azurerm_subnet" "e" { name = local.c }
resource "azurerm_subnet" "z" { name = azurerm_subnet.y.name }
resource "azurerm_subnet" "y" { name = local.d }
`})
	rs, ds := Parse(root, tf, Options{})
	var got []string
	for _, r := range rs {
		got = append(got, r.Address)
	}
	want := "azurerm_subnet.c azurerm_subnet.b azurerm_subnet.a azurerm_subnet.d azurerm_subnet.e azurerm_subnet.y azurerm_subnet.z"
	if strings.Join(got, " ") != want {
		t.Errorf("evaluated %v, want %s", got, want)
	}
	if len(ds) != 1 || ds[0].Detail != "these refer to each other in a cycle, so their values are unknown: azurerm_subnet.y, azurerm_subnet.z, local.a, local.b, local.d" {
		t.Errorf("want the cycle named, got %v", ds)
	}
}
