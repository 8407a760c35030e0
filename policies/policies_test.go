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
			name := r.Head.Name.String()
			body := string(r.Location.Text)
			if !strings.HasPrefix(name, "test_") {
				continue
			}
			if strings.Contains(body, "count(") && strings.Contains(body, "== 0") {
				silent = true
			} else {
				fires = true
			}
		}
		if !fires || !silent {
			t.Errorf("%s: tests must cover a finding and the absence of one", p)
		}
	}
	if rules < 5 {
		t.Errorf("only %d rules found", rules)
	}
}
