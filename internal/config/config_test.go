package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
)

func write(t *testing.T, dir, src string) string {
	t.Helper()
	p := filepath.Join(dir, ".acrlint.yaml")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFindWalksUp(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(sub, 0o750); err != nil {
		t.Fatal(err)
	}
	want := write(t, root, "fail_on: warning\n")
	if got, ok := Find(sub); !ok || got != want {
		t.Errorf("Find = %q, %v; want %q", got, ok, want)
	}
}

func TestLoad(t *testing.T) {
	p := write(t, t.TempDir(), `fail_on: warning
rules:
  ACR013:
    enabled: false
  ACR009:
    severity: error
exclude: [legacy, "*.generated.tf"]
var_files: [prod.tfvars]
vars:
  location: westeurope
`)
	c, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if c.FailOn != "warning" || *c.Rules["ACR013"].Enabled || c.Rules["ACR009"].Severity != "error" || c.Vars["location"] != "westeurope" {
		t.Errorf("config: %+v", c)
	}
	if got := c.Abs(c.VarFiles)[0]; got != filepath.Join(filepath.Dir(p), "prod.tfvars") {
		t.Errorf("paths are relative to the file: %s", got)
	}
	if empty, err := Load(write(t, t.TempDir(), "")); err != nil || empty == nil {
		t.Errorf("an empty file is an empty configuration: %v", err)
	}
}

func TestMalformedIsLocated(t *testing.T) {
	cases := map[string]struct {
		src  string
		line int
		want string
	}{
		"unknown key": {"fail_on: error\nrulez: {}\n", 2, "rulez"},
		"bad yaml":    {"rules:\n  ACR001: [\n", 2, ""},
		"bad type":    {"exclude: 3\nvars: []\n", 1, ""},
		"severity":    {"rules:\n  ACR001:\n    severity: fatal\n", 2, "fatal"},
		"fail_on":     {"\nfail_on: sometimes\n", 2, "sometimes"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(write(t, t.TempDir(), c.src))
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a diagnostic, got %v", err)
			}
			if d.Subject.Start.Line != c.line || !strings.Contains(d.Detail, c.want) || !strings.HasSuffix(d.Subject.File, ".acrlint.yaml") {
				t.Errorf("got %s (line %d), want line %d mentioning %q", d.Error(), d.Subject.Start.Line, c.line, c.want)
			}
		})
	}
}

func TestExcluded(t *testing.T) {
	pats := []string{"legacy", "stacks/*/old", "*.generated.tf"}
	for rel, want := range map[string]bool{
		"legacy/main.tf": true, "stacks/a/old/x.json": true, "net.generated.tf": true,
		"main.tf": false, "stacks/a/new/main.tf": false, "legacyx/main.tf": false,
	} {
		if got := Excluded(pats, rel); got != want {
			t.Errorf("Excluded(%q) = %v, want %v", rel, got, want)
		}
	}
}
