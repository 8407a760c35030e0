package rego

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
)

// TestSharedValues: a value one query computes at its outer level is seen
// by the others; one computed inside a `with` scope is not, and is gone
// when the scope ends.
func TestSharedValues(t *testing.T) {
	s := newSharedValues()
	a, b := s.cache(), s.cache()
	ref := ast.MustParseRef("data.acrlint.lib.acr.registries")
	other := ast.MustParseRef("data.acrlint.lib.acr.zones")
	val := ast.StringTerm("outer")

	a.Put(ref, val)
	if got, undefined := b.Get(ref); undefined || got == nil || !got.Equal(val) {
		t.Errorf("the other query gets %v (undefined %v), want %v", got, undefined, val)
	}
	b.Put(other, nil)
	if got, undefined := a.Get(other); got != nil || !undefined {
		t.Errorf("an undefined result is shared too: got %v, undefined %v", got, undefined)
	}

	a.Push()
	if got, _ := a.Get(ref); got != nil {
		t.Errorf("inside a with scope, the outer value %v is seen", got)
	}
	mocked := ast.StringTerm("mocked")
	a.Put(ref, mocked)
	if got, _ := a.Get(ref); got == nil || !got.Equal(mocked) {
		t.Errorf("inside the scope, got %v, want %v", got, mocked)
	}
	if got, _ := b.Get(ref); got == nil || !got.Equal(val) {
		t.Errorf("a value computed in another query's with scope leaked: %v", got)
	}
	a.Pop()
	if got, _ := a.Get(ref); got == nil || !got.Equal(val) {
		t.Errorf("after the scope, got %v, want %v", got, val)
	}
	// Keys lists the defined values.
	if keys := b.Keys(); len(keys) != 1 || !keys[0].Equal(ref) {
		t.Errorf("shared keys %v, want %v", keys, ref)
	}
}

// mockingRule reads a library rule under `with`, and plainRule reads it
// plainly: with the values shared between them, each still sees its own.
const mockingRule = `# METADATA
# title: Mocks the registries
# custom:
#   id: ORG002
#   severity: note
package acrlint.rules.org002

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	regs := acr.registries with input as {"nodes": {"registry/x": {"id": "registry/x", "kind": "registry", "attrs": {}}}}
	some id, _ in regs
	finding := result.fail(rego.metadata.chain(), {"resource": id, "message": "mocked"})
}
`

const plainRule = `# METADATA
# title: Counts the registries
# custom:
#   id: ORG003
#   severity: note
package acrlint.rules.org003

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some id, _ in acr.registries
	finding := result.fail(rego.metadata.chain(), {"resource": id, "message": "plain"})
}
`

// TestWithScopeNotShared: whichever of the two rules runs first, and on
// however many CPUs, the mocked value stays in its scope.
func TestWithScopeNotShared(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for name, src := range map[string]string{"mock.rego": mockingRule, "plain.rego": plainRule} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 2} {
		runtime.GOMAXPROCS(procs)
		e, ds, err := New(ctx, Options{PolicyDirs: []string{dir}})
		if err != nil || len(ds) != 0 {
			t.Fatal(err, ds)
		}
		for range 20 {
			fs, err := e.Eval(ctx, input)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, f := range fs {
				if f.RuleID == "ORG002" || f.RuleID == "ORG003" {
					got[f.RuleID] += f.Resource + ";"
				}
			}
			if got["ORG002"] != "registry/x;" || got["ORG003"] != "registry/main.tf/r;" {
				t.Fatalf("GOMAXPROCS %d: findings %v", procs, got)
			}
		}
	}
}
