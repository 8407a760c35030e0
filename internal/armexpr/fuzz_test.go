package armexpr

import (
	"testing"

	"github.com/acrlint/acrlint/internal/graph"
)

// FuzzParse checks that Parse never panics, and that what it accepts
// renders to a string that parses to the same rendering. The seed corpus is
// in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("[concat('a', parameters('b').c[0])]")
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			if _, ok := err.(*SyntaxError); !ok { //nolint:errorlint // Parse returns the type itself.
				t.Fatalf("Parse(%q) returned %T, want *SyntaxError", src, err)
			}
			return
		}
		rendered := e.String()
		again, err := Parse(rendered)
		if err != nil {
			t.Fatalf("Parse(%q) accepted, but its rendering %q fails: %v", src, rendered, err)
		}
		if again.String() != rendered {
			t.Fatalf("rendering of %q is unstable: %q then %q", src, rendered, again.String())
		}
	})
}

// FuzzEval evaluates what parses against a fixed context: evaluation may
// fail but must not panic, loop or exhaust memory. The seed corpus is in
// testdata/fuzz/FuzzEval.
func FuzzEval(f *testing.F) {
	f.Add("[toLower(parameters('name'))]")
	c := &Context{
		Parameters: Lookup(obj{
			"name":   "acr",
			"n":      int64(3),
			"list":   arr{"a", int64(1), obj{"k": "v"}},
			"object": obj{"a": obj{"b": arr{int64(1), int64(2)}}},
			"u":      graph.Unknown{Refs: []graph.Ref{{Address: "u"}}},
			"known":  graph.Known{Value: "k", Refs: []graph.Ref{{Address: "k"}}},
		}),
		Variables: Lookup(obj{"v": "x"}),
		CopyIndex: func(loop string) (int, bool) { return 1, loop == "" },
		Reference: func(graph.Value, bool) (graph.Value, bool) {
			return graph.Unknown{Refs: []graph.Ref{{Address: "r"}}}, true
		},
		Functions: map[string]UserFunc{
			"ns.double": TemplateFunc([]string{"x"}, "[concat(parameters('x'), parameters('x'))]"),
			"ns.self":   TemplateFunc(nil, "[ns.self()]"),
		},
	}
	f.Fuzz(func(_ *testing.T, src string) {
		e, err := Parse(src)
		if err != nil {
			return
		}
		_, _ = Eval(e, c)
	})
}
