package rego

import (
	"context"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"

	"github.com/acrlint/acrlint/internal/corpus"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/arm"
	"github.com/acrlint/acrlint/parsers/terraform"
)

// corpusInput is the policy input of a generated corpus (Terraform and
// ARM), whose stacks carry mistakes for several rules.
func corpusInput(t *testing.T, opts corpus.Options) map[string]any {
	t.Helper()
	m, err := corpus.Generate(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	tf, js := corpusFiles(t, m.Root)
	rs, _ := terraform.Parse(m.Root, tf, terraform.Options{})
	ra, _ := arm.Parse(m.Root, js, arm.Options{})
	return graph.Build(append(rs, ra...)).Input()
}

// corpusFiles lists the Terraform and ARM candidate files of a corpus.
func corpusFiles(t *testing.T, root string) (tf, js []string) {
	t.Helper()
	err := filepath.WalkDir(root, func(f string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || d.IsDir():
		case terraform.IsFile(f):
			tf = append(tf, f)
		case arm.IsCandidate(f):
			js = append(js, f)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tf, js
}

// TestConcurrentMatchesRouter: the rule packages evaluated on several
// CPUs, sharing the values of library rules, report exactly the findings
// of the router, in the same order whatever the number of CPUs, user
// policies included.
func TestConcurrentMatchesRouter(t *testing.T) {
	ctx := context.Background()
	input := corpusInput(t, corpus.Options{Stacks: 10, Seed: 5})
	opts := Options{PolicyDirs: []string{writePolicy(t, "org.rego", customRule)}}

	mods, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	user, _ := loadDir(opts.PolicyDirs[0])
	keep, _, _ := catalog(append(mods, user...))
	compiler, ds := compile(keep, false)
	if ds != nil {
		t.Fatal(ds)
	}
	router, err := rego.New(rego.Query(Query), rego.Compiler(compiler)).PrepareForEval(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := router.Eval(ctx, rego.EvalInput(input))
	if err != nil {
		t.Fatal(err)
	}
	var want []Finding
	for _, x := range rs[0].Expressions[0].Value.([]any) {
		f, err := decode(x)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, f)
	}
	slices.SortFunc(want, compareFindings)
	ids := map[string]bool{}
	for _, f := range want {
		ids[f.RuleID] = true
	}
	if len(ids) < 6 || !ids["ORG001"] {
		t.Fatalf("the corpus should trigger the five injected rules and the user rule: %v", ids)
	}

	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		e, _, err := New(ctx, opts)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(rulePackages(keep)); len(e.queries) != n {
			t.Errorf("GOMAXPROCS %d: %d queries for %d rule packages", procs, len(e.queries), n)
		}
		got, err := e.Eval(ctx, input)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("GOMAXPROCS %d: findings differ from the router's (-want +got):\n%s", procs, diff)
		}
	}
}

func TestCostliestFirst(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e"}
	// Without weights, every package costs the same: the order is kept.
	if got := costliestFirst(names, nil); !cmp.Equal(got, names) {
		t.Errorf("unweighted: %v", got)
	}
	// An unknown package ("e") costs the median of the known ones (4), and
	// ties keep their order.
	w := map[string]int{"a": 2, "b": 10, "c": 3, "d": 4}
	if got := costliestFirst(names, w); !cmp.Equal(got, []string{"b", "d", "e", "c", "a"}) {
		t.Errorf("weighted: %v", got)
	}
	if got := costliestFirst(nil, w); len(got) != 0 {
		t.Errorf("no rules: %v", got)
	}
}

// TestToValue: the input converted on several CPUs is the value OPA's own
// conversion gives, without the nodes' unreadKeys for the shipped policies.
func TestToValue(t *testing.T) {
	prev := runtime.GOMAXPROCS(4)
	defer runtime.GOMAXPROCS(prev)
	nodes := map[string]any{}
	for i := range 1500 {
		id := fmt.Sprintf("subnet/main.tf/azurerm_subnet.s[%d]", i)
		nodes[id] = map[string]any{
			"id": id, "kind": "subnet", "external": i%7 == 0,
			"attrs":      map[string]any{"name": fmt.Sprint("s", i), "address_prefixes": []any{"10.0.0.0/24"}, "n": i},
			"attr_lines": map[string]any{"name": i + 1},
			"source":     map[string]any{"file": "main.tf", "line": i + 1},
			"unknown":    []any{},
		}
	}
	input := map[string]any{"nodes": nodes, "diagnostics": []any{map[string]any{"file": "main.tf", "line": 3}}}
	want, err := ast.InterfaceToValue(input)
	if err != nil {
		t.Fatal(err)
	}
	got, err := convert(input, true)
	if err != nil {
		t.Fatal(err)
	}
	if want.Compare(got) != 0 {
		t.Fatal("the converted input differs from OPA's conversion")
	}
	// Without full, each node's source and attr_lines are left out, and
	// nothing else.
	trimmed := map[string]any{}
	for id, n := range nodes {
		node := maps.Clone(n.(map[string]any))
		delete(node, "source")
		delete(node, "attr_lines")
		trimmed[id] = node
	}
	want, err = ast.InterfaceToValue(map[string]any{"nodes": trimmed, "diagnostics": input["diagnostics"]})
	if err != nil {
		t.Fatal(err)
	}
	if got, err = convert(input, false); err != nil {
		t.Fatal(err)
	}
	if want.Compare(got) != 0 {
		t.Fatal("the input converted for the shipped policies is not OPA's conversion of the nodes without source and attr_lines")
	}
	if _, err := toValue(map[string]any{"nodes": map[string]any{"x": func() {}}}, false); err == nil {
		t.Error("an input that cannot be converted is accepted")
	}
}

// TestKindsIndex: the index of node ids by kind the engine adds to the input
// is the one the library computes from the nodes when it is absent.
func TestKindsIndex(t *testing.T) {
	ctx := context.Background()
	mods, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	keep, _, _ := catalog(mods)
	compiler, ds := compile(keep, false)
	if ds != nil {
		t.Fatal(ds)
	}
	nodes := map[string]any{}
	for i, kind := range []string{"registry", "subnet", "subnet", "vnet", "private_endpoint", "registry"} {
		id := fmt.Sprintf("%s/main.tf/x.n%d", kind, i)
		nodes[id] = map[string]any{"id": id, "kind": kind, "attrs": map[string]any{}}
	}
	input := map[string]any{"nodes": nodes}
	eval := func(v ast.Value) ast.Value {
		t.Helper()
		rs, err := rego.New(rego.Query("x := data.acrlint.lib.acr.nodes_by_kind"), rego.Compiler(compiler), rego.ParsedInput(v)).Eval(ctx)
		if err != nil || len(rs) != 1 {
			t.Fatalf("eval: %v %v", rs, err)
		}
		out, err := ast.InterfaceToValue(rs[0].Bindings["x"])
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	plain, err := ast.InterfaceToValue(input)
	if err != nil {
		t.Fatal(err)
	}
	indexed, err := toValue(input, false)
	if err != nil {
		t.Fatal(err)
	}
	if indexed.(ast.Object).Get(ast.StringTerm(kindsIndex)) == nil {
		t.Fatalf("toValue added no %q index", kindsIndex)
	}
	computed, given := eval(plain), eval(indexed)
	if computed.Compare(given) != 0 {
		t.Errorf("nodes_by_kind from the engine's index = %v, computed by the library = %v", given, computed)
	}
	if got := given.(ast.Object).Get(ast.StringTerm("subnet")); got == nil || got.Value.(*ast.Array).Len() != 2 {
		t.Errorf("subnets by kind = %v, want 2", got)
	}
}

// TestReportQuery: the query of a rule package names its report, quoting a
// package name that is not an identifier.
func TestReportQuery(t *testing.T) {
	for name, want := range map[string]string{
		"acr001":  "data.acrlint.rules.acr001.report",
		"no-push": `data.acrlint.rules["no-push"].report`,
	} {
		if got := reportQuery(name); got != want {
			t.Errorf("reportQuery(%q) = %s, want %s", name, got, want)
		}
	}
}
