package rego

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/util"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/bicep"
	"github.com/acrlint/acrlint/parsers/terraform"
)

// TestShippedPoliciesIgnoreSourceAndLines: the shipped policies report the
// same findings whether the nodes' source and attr_lines are in their
// input or not, on every rule fixture (in all three formats) and on a
// generated repository: the engine may leave them out (unreadKeys).
func TestShippedPoliciesIgnoreSourceAndLines(t *testing.T) {
	ctx := context.Background()
	e, _, err := New(ctx, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e.fullInput {
		t.Fatal("the shipped policies alone get the full input")
	}
	inputs := map[string]map[string]any{"generated": corpusInput(t, corpus.Options{Resources: 1500, Seed: 3})}
	for _, dir := range fixtureDirs(t, filepath.Join("..", "testdata")) {
		inputs[dir] = dirInput(t, dir)
	}
	var found int
	for name, in := range inputs {
		e.fullInput = false
		trimmed, err := e.Eval(ctx, in)
		if err != nil {
			t.Fatal(name, err)
		}
		e.fullInput = true
		full, err := e.Eval(ctx, in)
		if err != nil {
			t.Fatal(name, err)
		}
		if diff := cmp.Diff(full, trimmed); diff != "" {
			t.Errorf("%s: the findings differ without source and attr_lines (-full +trimmed):\n%s", name, diff)
		}
		found += len(full)
	}
	if len(inputs) < 100 || found < 100 {
		t.Errorf("compared %d findings on %d inputs; the fixtures were not found", found, len(inputs))
	}
}

// TestUserPoliciesReadSource: with a user policy loaded, the input holds
// every key of every node, source included.
func TestUserPoliciesReadSource(t *testing.T) {
	src := strings.NewReplacer(`node.attrs.sku != "Premium"`, `endswith(node.source.file, ".tf")`, "ORG001", "ORG009", "org001", "org009").Replace(customRule)
	e, ds, err := New(context.Background(), Options{PolicyDirs: []string{writePolicy(t, "source.rego", src)}})
	if err != nil || len(ds) > 0 {
		t.Fatal(err, ds)
	}
	in := map[string]any{"nodes": map[string]any{"registry/main.tf/r": map[string]any{
		"id": "registry/main.tf/r", "kind": "registry", "external": false, "attrs": map[string]any{"name": "r", "sku": "Premium"},
		"attr_lines": map[string]any{}, "unknown": []any{}, "source": map[string]any{"file": "main.tf", "line": 1},
	}}}
	fs, err := e.Eval(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.RuleID == "ORG009" {
			return
		}
	}
	t.Errorf("the user policy reading source found nothing: %v", fs)
}

// fixtureDirs lists the directories of the fixtures under root that hold
// source files of their own.
func fixtureDirs(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	var dirs []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if dir := filepath.Dir(p); !seen[dir] && (terraform.IsFile(p) || arm.IsCandidate(p) || bicep.IsFile(p)) && !strings.Contains(p, string(filepath.Separator)+"invalid"+string(filepath.Separator)) {
			seen[dir] = true
			dirs = append(dirs, dir)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// dirInput parses the source files of one directory into the policy input.
func dirInput(t *testing.T, dir string) map[string]any {
	t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		t.Fatal(err)
	}
	var tf, js, bc []string
	for _, e := range entries {
		p := filepath.Join(abs, e.Name())
		switch {
		case e.IsDir():
		case terraform.IsFile(p):
			tf = append(tf, p)
		case arm.IsCandidate(p):
			js = append(js, p)
		case bicep.IsFile(p):
			bc = append(bc, p)
		}
	}
	var rs []graph.Resource
	if len(tf) > 0 {
		r, _ := terraform.Parse(abs, tf, terraform.Options{})
		rs = append(rs, r...)
	}
	if len(js) > 0 {
		r, _ := arm.Parse(abs, js, arm.Options{})
		rs = append(rs, r...)
	}
	if len(bc) > 0 {
		r, _ := bicep.Parse(abs, bc, bicep.Options{})
		rs = append(rs, r...)
	}
	return graph.Build(rs).Input()
}

// TestInputAsJSON: the graph's input, whose attr_lines and unknown keep
// the graph's own types, converts to the value its JSON would, in full and
// without the unreadKeys.
func TestInputAsJSON(t *testing.T) {
	in := corpusInput(t, corpus.Options{Resources: 300, Seed: 5})
	raw, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var decoded map[string]any
	if err := util.UnmarshalJSON(raw, &decoded); err != nil {
		t.Fatal(err)
	}
	var lines int
	for _, n := range decoded["nodes"].(map[string]any) {
		lines += len(n.(map[string]any)["attr_lines"].(map[string]any))
	}
	if lines == 0 {
		t.Fatal("no node of the corpus has attr_lines")
	}
	for _, full := range []bool{true, false} {
		got, err := toValue(in, full)
		if err != nil {
			t.Fatal(err)
		}
		want, err := toValue(decoded, full)
		if err != nil {
			t.Fatal(err)
		}
		if got.Compare(want) != 0 {
			t.Errorf("full=%v: the input converts to another value than its JSON", full)
		}
		// And to the value OPA's own conversion gives the JSON, with the
		// index by kind.
		nodes := map[string]any{}
		for id, n := range decoded["nodes"].(map[string]any) {
			node := maps.Clone(n.(map[string]any))
			if !full {
				for k := range unreadKeys {
					delete(node, k)
				}
			}
			nodes[id] = node
		}
		lib, err := ast.InterfaceToValue(map[string]any{"nodes": nodes, "diagnostics": decoded["diagnostics"]})
		if err != nil {
			t.Fatal(err)
		}
		lib.(ast.Object).Insert(ast.StringTerm(kindsIndex), ast.NewTerm(kinds(nodes)))
		if got.Compare(lib) != 0 {
			t.Errorf("full=%v: the input converts to another value than ast.InterfaceToValue gives its JSON", full)
		}
	}
}
