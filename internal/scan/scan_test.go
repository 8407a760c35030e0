package scan_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

func engine(t *testing.T) *rego.Engine {
	t.Helper()
	e, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func dir(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(root, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const registry = `resource "azurerm_container_registry" "acr" {
  name     = "acr1"
  location = "westeurope"
  sku      = "Basic"
  georeplications {
    location = "northeurope"
  }
}
`

// A parser that panics yields an internal error naming its file, and the
// other formats are still scanned.
func TestPanicIsContained(t *testing.T) {
	root := dir(t, map[string]string{"main.tf": registry, "boom.bad": "x"})
	sources := []scan.Source{
		{Name: "Terraform", Match: terraform.IsFile, Parse: func(root string, files []string) ([]graph.Resource, diag.Diagnostics) {
			return terraform.Parse(root, files, terraform.Options{})
		}},
		{Name: "Broken", Match: func(p string) bool { return strings.HasSuffix(p, ".bad") }, Parse: func(string, []string) ([]graph.Resource, diag.Diagnostics) {
			panic("injected")
		}},
	}
	res, err := scan.Run(context.Background(), engine(t), scan.Options{Paths: []string{root}, Sources: sources})
	if err != nil {
		t.Fatal(err)
	}
	var internal bool
	for _, d := range res.Report.Diagnostics {
		if d.Summary == "Internal error" && d.Subject.File == "boom.bad" && d.Severity == diag.Error && strings.Contains(d.Detail, "injected") {
			internal = true
		}
	}
	if !internal {
		t.Errorf("want an internal error naming boom.bad, got %v", res.Report.Diagnostics)
	}
	if len(res.Report.Findings) != 1 || res.Report.Findings[0].RuleID != "ACR014" {
		t.Errorf("the Terraform files must still be checked: %+v", res.Report.Findings)
	}
}

func TestFileSizeLimit(t *testing.T) {
	root := dir(t, map[string]string{"main.tf": registry, "big.tf": strings.Repeat("# padding\n", 100)})
	// A link within the root is as large as the file it leads to.
	if err := os.Symlink("big.tf", filepath.Join(root, "link.tf")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, err := scan.Run(context.Background(), engine(t), scan.Options{Paths: []string{root}, MaxFileSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	ds := res.Report.Diagnostics
	if len(ds) != 2 || ds[0].Subject.File != "big.tf" || ds[1].Subject.File != "link.tf" || !strings.Contains(ds[0].Detail, "--max-file-size") {
		t.Errorf("want one diagnostic for big.tf and one for link.tf, got %v", ds)
	}
	if len(res.Report.Findings) != 1 {
		t.Errorf("main.tf must still be scanned: %v", res.Report.Findings)
	}
}

func TestTimeout(t *testing.T) {
	root := dir(t, map[string]string{"main.tf": registry})
	release := make(chan struct{})
	defer close(release)
	stuck := []scan.Source{{Name: "Stuck", Match: terraform.IsFile, Parse: func(string, []string) ([]graph.Resource, diag.Diagnostics) {
		<-release // a parser that never finishes on its own
		return nil, nil
	}}}
	ctx, cancel := context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	_, err := scan.Run(ctx, engine(t), scan.Options{Paths: []string{root}, Sources: stuck})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("want a deadline error, got %v", err)
	}
}
