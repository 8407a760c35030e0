package terraform

import (
	"math/big"
	"slices"

	"github.com/zclconf/go-cty/cty"

	"github.com/acrlint/acrlint/internal/graph"
)

// refMark marks a value read from a resource, data source or module so that
// the reference survives evaluation.
type refMark graph.Ref

// refsOf returns the references among marks, one per resource (the most
// specific attribute path read from it), in a stable order.
func refsOf(marks cty.ValueMarks) []graph.Ref {
	best := map[string]string{}
	for m := range marks {
		if r, ok := m.(refMark); ok {
			if cur, seen := best[r.Address]; !seen || len(r.Attr) > len(cur) {
				best[r.Address] = r.Attr
			}
		}
	}
	refs := make([]graph.Ref, 0, len(best))
	for a, attr := range best {
		refs = append(refs, graph.Ref{Address: a, Attr: attr})
	}
	slices.SortFunc(refs, func(a, b graph.Ref) int {
		if a.Address != b.Address {
			if a.Address < b.Address {
				return -1
			}
			return 1
		}
		switch {
		case a.Attr < b.Attr:
			return -1
		case a.Attr > b.Attr:
			return 1
		}
		return 0
	})
	return slices.Compact(refs)
}

// toValue converts an evaluated cty value into a graph value: unknowns and
// references keep the resources they came from.
func toValue(v cty.Value) graph.Value {
	v, marks := v.Unmark()
	refs := refsOf(marks)
	if !v.IsKnown() {
		return graph.Unknown{Refs: refs}
	}
	if v.IsNull() {
		return nil
	}
	ty := v.Type()
	var out graph.Value
	switch {
	case ty == cty.String:
		out = v.AsString()
	case ty == cty.Bool:
		out = v.True()
	case ty == cty.Number:
		out = number(v.AsBigFloat())
	case ty.IsListType() || ty.IsTupleType() || ty.IsSetType():
		l := make([]graph.Value, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			l = append(l, withRefs(toValue(e), refs))
		}
		return l
	case ty.IsObjectType():
		// By attribute name, without cty's element iterator, which sorts
		// the names and makes a value of each: a map has no order.
		m := make(map[string]graph.Value, len(ty.AttributeTypes()))
		for name := range ty.AttributeTypes() {
			m[name] = withRefs(toValue(v.GetAttr(name)), refs)
		}
		return m
	case ty.IsMapType():
		m := make(map[string]graph.Value, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			m[k.AsString()] = withRefs(toValue(e), refs)
		}
		return m
	default:
		return graph.Unknown{Refs: refs}
	}
	if len(refs) > 0 {
		return graph.Known{Value: out, Refs: refs}
	}
	return out
}

// withRefs adds the references of a container to an element read from it.
func withRefs(v graph.Value, refs []graph.Ref) graph.Value {
	if len(refs) == 0 {
		return v
	}
	switch x := v.(type) {
	case graph.Unknown:
		if len(x.Refs) == 0 {
			return graph.Unknown{Refs: refs}
		}
	case string, bool, float64:
		return graph.Known{Value: x, Refs: refs}
	}
	return v
}

func number(f *big.Float) any {
	if f.IsInt() {
		if i, acc := f.Int64(); acc == big.Exact {
			return float64(i)
		}
	}
	x, _ := f.Float64()
	return x
}
