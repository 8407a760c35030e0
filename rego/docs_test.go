package rego

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/policies"
)

const guide = "../docs/writing-policies.md"

// Every rule and function of the shipped library that user policies may
// import (the names without a leading underscore) is documented in the
// guide, as `<package>.<name>`.
func TestGuideDocumentsTheLibrary(t *testing.T) {
	doc, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	mods, err := loadFS(policies.FS, "lib", false)
	if err != nil {
		t.Fatal(err)
	}
	documented := 0
	for _, m := range mods {
		p := m.mod.Package.Path
		pkg := strings.Trim(p[len(p)-1].String(), `"`)
		for _, r := range m.mod.Rules {
			name := r.Head.Name.String()
			if name == "" {
				name = r.Head.Ref()[0].String()
			}
			if strings.HasPrefix(name, "_") {
				continue
			}
			if !strings.Contains(string(doc), "`"+pkg+"."+name) {
				t.Errorf("%s: %s.%s is not documented in docs/writing-policies.md", m.name, pkg, name)
				continue
			}
			documented++
		}
	}
	if documented < 50 {
		t.Errorf("only %d library rules found", documented)
	}
}

// The rule and the tests the guide builds step by step load and pass.
func TestGuideWalkThrough(t *testing.T) {
	doc, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "hub_only")
	if err := os.Mkdir(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	var rule, test string
	for _, m := range regexp.MustCompile("(?s)```rego\n(.*?)```").FindAllStringSubmatch(string(doc), -1) {
		switch {
		case strings.HasPrefix(m[1], "# METADATA"):
			rule = m[1]
		case strings.HasPrefix(m[1], "package acrlint.rules.hub_only_test"):
			test = m[1]
		}
	}
	if rule == "" || test == "" {
		t.Fatal("the guide's rule or test is missing")
	}
	for name, src := range map[string]string{"hub_only.rego": rule, "hub_only_test.rego": test} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	rep, ds, err := Test(context.Background(), TestOptions{Paths: []string{dir}})
	if err != nil || len(ds) > 0 {
		t.Fatalf("the guide's policy does not load: %v %v", err, ds)
	}
	if len(rep.Results) < 2 || rep.Failed() {
		for _, r := range rep.Results {
			t.Logf("%s", r)
		}
		t.Errorf("the guide's tests must pass: %d results", len(rep.Results))
	}
	e, ds, err := New(context.Background(), Options{PolicyDirs: []string{dir}})
	if err != nil || len(ds) > 0 {
		t.Fatalf("the guide's policy does not load in a scan: %v %v", err, ds)
	}
	var found bool
	for _, r := range e.Rules() {
		found = found || r.ID == "ORG101" && r.Custom && r.Title != ""
	}
	if !found {
		t.Error("ORG101 is not in the catalog")
	}
}
