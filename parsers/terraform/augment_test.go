package terraform

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// TestAugmentCovered: a path the value already has through objects and
// tuples leaves it as it is; a missing attribute is added as an unknown;
// maps and lists on the path become objects and tuples.
func TestAugmentCovered(t *testing.T) {
	trav := func(src string) hcl.Traversal {
		tr, ds := hclsyntax.ParseTraversalAbs([]byte(src), "t", hcl.InitialPos)
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		return tr[1:] // relative to the root name
	}
	obj := cty.ObjectVal(map[string]cty.Value{
		"name": cty.StringVal("a"),
		"sub":  cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("s")})}),
		"tags": cty.MapVal(map[string]cty.Value{"env": cty.StringVal("dev")}),
		"ips":  cty.ListVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"ip": cty.StringVal("10.0.0.4")})}),
	})
	for _, tc := range []struct {
		path    string
		covered bool
		check   func(cty.Value) bool
	}{
		{"x.name", true, nil},
		{"x.sub[0].id", true, nil},
		{"x.sub[5].id", true, nil}, // out of range: left alone
		{"x.name.length", true, nil},
		{"x.missing", false, func(v cty.Value) bool {
			m := v.GetAttr("missing")
			return !m.IsKnown()
		}},
		{"x.sub[0].other", false, func(v cty.Value) bool {
			return !v.GetAttr("sub").Index(cty.NumberIntVal(0)).GetAttr("other").IsKnown()
		}},
		{"x.tags.env", false, func(v cty.Value) bool { return v.GetAttr("tags").Type().IsObjectType() }},
		{"x.ips[0].ip", false, func(v cty.Value) bool { return v.GetAttr("ips").Type().IsTupleType() }},
	} {
		tr := trav(tc.path)
		if got := covered(obj, tr); got != tc.covered {
			t.Errorf("%s: covered %v, want %v", tc.path, got, tc.covered)
		}
		out := augment(obj, tr, "r.x", "")
		if tc.covered {
			if !out.RawEquals(obj) {
				t.Errorf("%s: augment changed a covered value: %#v", tc.path, out)
			}
			continue
		}
		if out.RawEquals(obj) || !tc.check(out) {
			t.Errorf("%s: augment gave %#v", tc.path, out)
		}
	}
}
