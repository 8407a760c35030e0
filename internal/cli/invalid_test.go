package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/scan"
	"github.com/acrlint/acrlint/parsers/terraform"
	"github.com/acrlint/acrlint/rego"
)

// knownGaps are broken inputs that a parser still accepts without a word,
// or reports on the wrong file. The scan must still not panic; the rest of
// the test is skipped until the parser is fixed (then remove the entry and
// run with -update).
var knownGaps = map[string]string{}

// TestInvalidInputs scans each broken input of testdata/invalid: truncated
// files, wrong types, invalid UTF-8, duplicate keys, unterminated strings and
// interpolations, unknown functions, cycles, inputs that explode without a
// limit and paths that leave the scan root. Each must be scanned without a
// panic or an internal error, end with the exit code its golden file
// records, and yield the diagnostics recorded there (severity, file, line,
// summary), each located in a file of the case. Run with -update to
// regenerate the golden files.
func TestInvalidInputs(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/invalid/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 40 {
		t.Fatalf("want at least 40 broken inputs, got %d", len(dirs))
	}
	formats := map[string]int{}
	for _, dir := range dirs {
		name := filepath.Base(dir)
		formats[strings.SplitN(name, "-", 2)[0]]++
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := run(t, "scan", "--format", "json", dir)
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			r := decode(t, stdout)
			for _, d := range r.Diagnostics {
				if strings.HasPrefix(d.Message, "Internal error") {
					t.Errorf("internal error: %s", d.Message)
				}
			}
			if reason, ok := knownGaps[name]; ok {
				t.Skip(reason)
			}
			got := fmt.Sprintf("exit %d\n%s", code, diagnosticLines(t, dir))
			golden(t, filepath.Join(dir, "want.golden"), got)
			if len(r.Diagnostics) == 0 {
				t.Errorf("a broken input must yield a diagnostic:\n%s", stdout)
			}
			if code == ExitError && !hasError(r) {
				t.Errorf("exit %d without an error diagnostic", code)
			}
		})
	}
	for _, f := range []string{"tf", "arm", "bicep"} {
		if formats[f] < 10 {
			t.Errorf("want at least 10 broken %s inputs, got %d", f, formats[f])
		}
	}
}

func hasError(r jsonReport) bool {
	for _, d := range r.Diagnostics {
		if d.Severity == "error" {
			return true
		}
	}
	return false
}

// diagnosticLines renders the diagnostics of a scan of dir, one a line:
// severity, file:line and summary. Every one must name a file of dir.
func diagnosticLines(t *testing.T, dir string) string {
	t.Helper()
	eng, _, err := engine(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := scan.Run(context.Background(), eng, scan.Options{
		Paths:     []string{dir},
		Terraform: terraform.Options{MaxInstances: 10000, MaxStringLength: 1 << 20},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range res.Report.Diagnostics {
		if d.Subject.File == "" {
			t.Errorf("diagnostic without a file: %s", d.Message())
		} else if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(d.Subject.File))); err != nil {
			t.Errorf("diagnostic on a file outside the case: %s", d.Error())
		}
		fmt.Fprintf(&b, "%s %s:%d %s\n", d.Severity, d.Subject.File, d.Subject.Start.Line, d.Summary)
	}
	return b.String()
}

// TestIncludesThroughSymlinks: a linked ARM template, a Bicep module and
// a file loadTextContent reads, each within the scan root by name but a
// symbolic link leading out of it, are refused with an error on the line
// that names them, and nothing outside the root is read; the rest of the
// scan goes on.
func TestIncludesThroughSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	acr := func(name string) string {
		return `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "` + name + `", "location": "westeurope", "sku": {"name": "Basic"}}]}`
	}
	writeTree(t, outside, map[string]string{
		"linked.json": acr("acroutside"),
		"mod.bicep":   "resource z 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: 'outside.example'\n  location: 'global'\n}\n",
		"name.txt":    "acroutside",
	})
	dir := t.TempDir()
	files := map[string]string{
		"arm/azuredeploy.json": `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "linked",
     "properties": {"mode": "Incremental", "templateLink": {"relativePath": "linked.json"}}}
  ]
}`,
		"bicep/main.bicep": `module m 'mod.bicep' = {
  name: 'm'
}
resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: loadTextContent('name.txt')
  location: 'westeurope'
  sku: {
    name: 'Premium'
  }
}
`,
	}
	writeTree(t, dir, files)
	for link, target := range map[string]string{"arm/linked.json": "linked.json", "bicep/mod.bicep": "mod.bicep", "bicep/name.txt": "name.txt"} {
		if err := os.Symlink(filepath.Join(outside, target), filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "scan", "--format", "json", dir)
	if code != ExitError {
		t.Fatalf("exit %d, want %d:\n%s%s", code, ExitError, stdout, stderr)
	}
	if strings.Contains(stdout, "acroutside") || strings.Contains(stdout, "outside.example") {
		t.Errorf("something outside the root was read:\n%s", stdout)
	}
	got := map[string]bool{}
	for _, d := range decode(t, stdout).Diagnostics {
		if d.Severity == "error" && strings.Contains(d.Message, "symbolic link") {
			got[fmt.Sprintf("%s:%d", d.File, d.Line)] = true
		}
	}
	for _, want := range []string{"arm/azuredeploy.json:6", "bicep/main.bicep:1", "bicep/main.bicep:5"} {
		if !got[want] {
			t.Errorf("want an error at %s, got %v:\n%s", want, got, stdout)
		}
	}
}
