package terraform

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/acrlint/acrlint/internal/graph"
)

// augmentOne is what refValue does for each path, one after the other:
// make sure the path exists, rebuilding what it goes through.
func augmentOne(v cty.Value, t hcl.Traversal, addr, path string) cty.Value {
	if covered(v, t) {
		return v
	}
	uv, marks := v.Unmark()
	if !uv.IsKnown() || uv.IsNull() {
		return v
	}
	attr, i, ok := traverseStep(uv, t[0])
	switch {
	case !ok:
		return v
	case i >= 0:
		elems := uv.AsValueSlice()
		elems[i] = augmentOne(elems[i], t[1:], addr, fmt.Sprintf("%s[%d]", path, i))
		return cty.TupleVal(elems).WithMarks(marks)
	}
	if !uv.Type().IsObjectType() && !uv.Type().IsMapType() {
		return v
	}
	m := uv.AsValueMap()
	if m == nil {
		m = map[string]cty.Value{}
	}
	path = graph.AttrPath(path, attr)
	if e, ok := m[attr]; ok {
		m[attr] = augmentOne(e, t[1:], addr, path)
	} else {
		m[attr] = cty.DynamicVal.Mark(refMark{Address: addr, Attr: path})
	}
	return cty.ObjectVal(m).WithMarks(marks)
}

func relTraversal(t *testing.T, src string) hcl.Traversal {
	t.Helper()
	tr, ds := hclsyntax.ParseTraversalAbs([]byte(src), "t", hcl.InitialPos)
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return tr[1:]
}

// TestRefValueAsOnePathAfterAnother: refValue adds the paths expressions
// read as adding them one after the other would, through objects, maps,
// tuples, lists, unknowns and nulls, whatever their order.
func TestRefValueAsOnePathAfterAnother(t *testing.T) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"name":    cty.StringVal("a"),
		"sub":     cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("s")}), cty.StringVal("x")}),
		"tags":    cty.MapVal(map[string]cty.Value{"env": cty.StringVal("dev")}),
		"ips":     cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"ip": cty.StringVal("10.0.0.4")})}),
		"nets":    cty.ListVal([]cty.Value{cty.StringVal("n")}),
		"later":   cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.String})),
		"none":    cty.NullVal(cty.Object(map[string]cty.Type{"a": cty.String})),
		"marked":  cty.ObjectVal(map[string]cty.Value{"in": cty.ObjectVal(map[string]cty.Value{"b": cty.True})}).Mark("m"),
		"empty":   cty.EmptyObjectVal,
		"numbers": cty.MapVal(map[string]cty.Value{"one": cty.NumberIntVal(1)}),
	})
	paths := []string{
		"x.name", "x.name.length", "x.missing", "x.missing.deeper", "x.missing",
		"x.sub[0].id", "x.sub[0].other", "x.sub[0].other.more", "x.sub[1].nope", "x.sub[5].id", "x.sub.attr",
		"x.tags.env", "x.tags[\"owner\"]", "x.tags.env.x",
		"x.ips[0].ip", "x.ips[0].mask", "x.ips[1].ip",
		"x.nets[0]",
		"x.later.a", "x.none.a",
		"x.marked.in.b", "x.marked.in.c", "x.marked.out",
		"x.empty.a.b", "x.empty[\"b\"]", "x.empty[0]",
		"x.numbers", "x.numbers.one",
		"x[\"quoted\"].a", "x[0]",
	}
	var ts []hcl.Traversal
	for _, p := range paths {
		ts = append(ts, relTraversal(t, p))
	}
	for n := range len(ts) {
		// The paths rotated by n, split between wanted and readAfter.
		order := slices.Concat(ts[n:], ts[:n])
		// (Every attribute marked: read is nil.)
		m := &module{wanted: map[string][]hcl.Traversal{"r.x": order[:n]}, readAfter: order[n:]}
		got := m.refValue(obj, "r.x", "r.x", nil)
		want := (&module{}).refValue(obj, "r.x", "r.x", nil)
		for _, tr := range order {
			want = augmentOne(want, tr, "r.x", "")
		}
		if !got.RawEquals(want) {
			t.Fatalf("rotated by %d:\n got %#v\nwant %#v", n, got, want)
		}
	}
}

// TestRefValueMarksWhatIsRead: refValue marks the attributes that
// expressions read by name, and every attribute of an instance that one
// reads whole or by index.
func TestRefValueMarksWhatIsRead(t *testing.T) {
	obj := cty.ObjectVal(map[string]cty.Value{
		"id":   cty.StringVal("i"),
		"name": cty.StringVal("n"),
		"sub":  cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("s")})}),
		"tags": cty.MapVal(map[string]cty.Value{"env": cty.StringVal("dev")}),
	})
	for _, c := range []struct {
		refs   []string // what the module's expressions read
		marked []string
	}{
		{[]string{"r.x.name"}, []string{"name"}},
		{[]string{"r.x.name", "r.x.sub[0].id", "r.x.name"}, []string{"name", "sub"}},
		{[]string{"r.x[0].id"}, []string{"id"}}, // an instance, then its id
		{[]string{"r.x.name", "r.x"}, []string{"id", "name", "sub", "tags"}},
		{[]string{"r.x[0]"}, []string{"id", "name", "sub", "tags"}},
		{[]string{"r.x[0][\"name\"]"}, []string{"id", "name", "sub", "tags"}},
	} {
		m := &module{wanted: map[string][]hcl.Traversal{}, whole: map[string]bool{}}
		for _, r := range c.refs {
			tr, ds := hclsyntax.ParseTraversalAbs([]byte(r), "t", hcl.InitialPos)
			if ds.HasErrors() {
				t.Fatal(ds)
			}
			m.want(tr)
		}
		v := m.refValue(obj, "r.x", "r.x", m.readsByName("r.x"))
		var marked []string
		for name := range v.Type().AttributeTypes() {
			if v.GetAttr(name).IsMarked() {
				marked = append(marked, name)
			}
		}
		slices.Sort(marked)
		if !slices.Equal(marked, c.marked) {
			t.Errorf("reading %v: marked %v, want %v", c.refs, marked, c.marked)
		}
	}
}

// TestRefValueAddsPathsInOnePass: the bytes allocated per attribute path
// read from a resource grow with the number of paths no faster than the
// object's sorted keys do, not with the object rebuilt for each path.
func TestRefValueAddsPathsInOnePass(t *testing.T) {
	perPath := func(n int) float64 {
		var ts []hcl.Traversal
		for i := range n {
			ts = append(ts, hcl.Traversal{hcl.TraverseAttr{Name: fmt.Sprintf("attr%d", i)}})
		}
		m := &module{wanted: map[string][]hcl.Traversal{"r.x": ts}}
		obj := cty.ObjectVal(map[string]cty.Value{"name": cty.StringVal("x")})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		v := m.refValue(obj, "r.x", "r.x", nil)
		runtime.ReadMemStats(&after)
		if v.LengthInt() != n+2 {
			t.Fatalf("%d paths: %d attributes", n, v.LengthInt())
		}
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perPath(500), perPath(4000)
	// Rebuilding the object for each path would cost the whole object,
	// tens of kilobytes, per path in the large one.
	if large > 2*small+256 || large > 2048 {
		t.Errorf("bytes allocated per path: %.0f for 500 paths, %.0f for 4,000", small, large)
	}
}
