package policies_test

import (
	"context"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/acrlint/acrlint/policies"
	"github.com/acrlint/acrlint/rego"
)

// modules parses every .rego file of the embedded policies.
func modules(t *testing.T) map[string]*ast.Module {
	t.Helper()
	mods := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true})
		if err != nil {
			return err
		}
		mods[p] = m
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return mods
}

// TestRego runs every _test.rego of the shipped policies with the
// capabilities scans run with.
func TestRego(t *testing.T) {
	mods := modules(t)
	ctx := context.Background()
	store := inmem.New()
	txn, err := store.NewTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Abort(ctx, txn)
	compiler := ast.NewCompiler().WithCapabilities(rego.Capabilities()).WithEnablePrintStatements(true)
	ch, err := tester.NewRunner().
		SetCompiler(compiler).
		SetStore(store).
		SetModules(mods).
		CapturePrintOutput(true).
		RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	ran := 0
	for r := range ch {
		ran++
		if r.Fail || r.Error != nil {
			t.Errorf("%s.%s (%s): failed %v\n%s", r.Package, r.Name, r.Location, r.Error, r.Output)
		}
	}
	if ran == 0 {
		t.Fatal("no Rego test ran")
	}
}

var idPattern = regexp.MustCompile(`^ACR\d{3}$`)

// TestMetadata checks every rule's METADATA and that every rule has tests
// for both sides.
func TestMetadata(t *testing.T) {
	mods := modules(t)
	rules := 0
	for p, m := range mods {
		if !strings.HasPrefix(p, "rules/") || strings.HasSuffix(p, "_test.rego") {
			continue
		}
		rules++
		dir := path.Base(path.Dir(p))
		var a *ast.Annotations
		for _, x := range m.Annotations {
			if x.Scope == "package" {
				a = x
			}
		}
		if a == nil {
			t.Errorf("%s: no package METADATA", p)
			continue
		}
		c := a.Custom
		id, _ := c["id"].(string)
		if !idPattern.MatchString(id) || strings.ToLower(id) != dir {
			t.Errorf("%s: custom.id %q does not match its directory %s", p, id, dir)
		}
		if sev, _ := c["severity"].(string); sev != "error" && sev != "warning" && sev != "note" {
			t.Errorf("%s: custom.severity %q", p, sev)
		}
		for _, k := range []string{"name", "remediation"} {
			if s, _ := c[k].(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s: custom.%s missing", p, k)
			}
		}
		if s, _ := c["symptoms"].([]any); len(s) == 0 {
			t.Errorf("%s: custom.symptoms missing", p)
		}
		if a.Title == "" || a.Description == "" || len(a.RelatedResources) == 0 {
			t.Errorf("%s: title, description and related_resources are required", p)
		}
		test, ok := mods[strings.TrimSuffix(p, ".rego")+"_test.rego"]
		if !ok {
			t.Errorf("%s has no _test.rego", p)
			continue
		}
		var fires, silent bool
		for _, r := range test.Rules {
			if !strings.HasPrefix(r.Head.Name.String(), "test_") {
				continue
			}
			f, s := expectations(r)
			fires = fires || f
			silent = silent || s
		}
		if !fires || !silent {
			t.Errorf("%s: tests must cover a finding (count(...) == N, N > 0) and the absence of one (count(...) == 0)", p)
		}
	}
	if rules < 5 {
		t.Errorf("only %d rules found", rules)
	}
}

// expectations tells whether a test asserts that findings exist, with
// count(...) == N for N > 0 or by iterating a report (some f in x.report),
// and whether it asserts that there are none, with count(...) == 0.
func expectations(r *ast.Rule) (fires, silent bool) {
	ast.WalkExprs(r.Body, func(e *ast.Expr) bool {
		if decl, ok := e.Terms.(*ast.SomeDecl); ok {
			for _, sym := range decl.Symbols {
				if call, ok := sym.Value.(ast.Call); ok && len(call) > 0 && isReport(call[len(call)-1]) {
					fires = true
				}
			}
			return false
		}
		if !e.IsCall() || !e.Operator().Equal(ast.Equal.Ref()) || len(e.Operands()) != 2 {
			return false
		}
		a, b := e.Operand(0), e.Operand(1)
		if _, ok := a.Value.(ast.Number); ok {
			a, b = b, a
		}
		call, ok := a.Value.(ast.Call)
		n, isNum := b.Value.(ast.Number)
		if !ok || !isNum || !call[0].Equal(ast.NewTerm(ast.Count.Ref())) {
			return false
		}
		if i, ok := n.Int(); ok {
			fires = fires || i > 0
			silent = silent || i == 0
		}
		return false
	})
	return fires, silent
}

// isReport holds for a reference to a rule's report set.
func isReport(t *ast.Term) bool {
	ref, ok := t.Value.(ast.Ref)
	return ok && len(ref) > 1 && ref[len(ref)-1].Equal(ast.StringTerm("report"))
}
