package armexpr

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/graph"
)

// evalCase is an expression (without brackets) and the value it must give.
type evalCase struct {
	name string
	expr string
	want graph.Value
}

type (
	arr = []graph.Value
	obj = map[string]graph.Value
)

func runEval(t *testing.T, c *Context, cases []evalCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			got, err := EvalString("["+tt.expr+"]", c)
			if err != nil {
				t.Fatalf("%s: %v", tt.expr, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.expr, diff)
			}
		})
	}
}

// params builds a context with parameters (and optionally variables).
func params(p, v obj) *Context {
	c := &Context{Parameters: Lookup(p)}
	if v != nil {
		c.Variables = Lookup(v)
	}
	return c
}
