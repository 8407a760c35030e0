package scan

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/report"
	"github.com/acrlint/acrlint/internal/report/sariftest"
	"github.com/acrlint/acrlint/rego"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestParseDirective(t *testing.T) {
	tests := []struct {
		text      string
		rules     []string
		reason    string
		ok, wrong bool
	}{
		{text: " acrlint:ignore ACR001 the zone is managed elsewhere", rules: []string{"ACR001"}, reason: "the zone is managed elsewhere", ok: true},
		{text: "acrlint:ignore acr001", rules: []string{"ACR001"}, ok: true},
		{text: " acrlint:ignore ACR001,ACR003 two rules", rules: []string{"ACR001", "ACR003"}, reason: "two rules", ok: true},
		{text: " acrlint:ignore ACR001 , ACR003,ACR004\treason, with a comma", rules: []string{"ACR001", "ACR003", "ACR004"}, reason: "reason, with a comma", ok: true},
		{text: " acrlint:ignore my-org.rule_1 custom", rules: []string{"MY-ORG.RULE_1"}, reason: "custom", ok: true},
		{text: " a note about acrlint:ignore comments"},
		{text: " nothing to see"},
		{text: " acrlint:ignore", wrong: true},
		{text: " acrlint:ignore   ", wrong: true},
		{text: " acrlint:ignore:ACR001", wrong: true},
		{text: " acrlint:ignore=ACR001 reason", wrong: true},
		{text: " acrlint:ignore ACR001:reason", wrong: true},
		{text: " acrlint:ignore ACR001;ACR002", wrong: true},
		{text: " acrlint:ignore ACR001,", wrong: true},
		{text: " acrlint:ignore *", wrong: true},
	}
	for _, tt := range tests {
		rules, reason, ok, wrong := parseDirective(tt.text)
		if !slices.Equal(rules, tt.rules) || reason != tt.reason || ok != tt.ok || wrong != tt.wrong {
			t.Errorf("parseDirective(%q) = %q, %q, %v, %v; want %q, %q, %v, %v",
				tt.text, rules, reason, ok, wrong, tt.rules, tt.reason, tt.ok, tt.wrong)
		}
	}
}

// ruleLines lists, for each line of a finding, the rules the file's
// suppressions cover there.
func ruleLines(fi *fileIgnores, lines []int, starts map[int][]int) map[int][]string {
	out := map[int][]string{}
	for _, l := range lines {
		for _, s := range fi.match(l, starts[l]) {
			out[l] = append(out[l], s.rules...)
		}
	}
	return out
}

// A Bicep file's // comments suppress on their line and above a resource or
// module declaration, across decorators and other comments, but not across
// a blank line or code; a marker in a string is not a comment.
func TestBicepCommentMatching(t *testing.T) {
	src := `// acrlint:ignore ACR014 far above, with a blank line between

resource a 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'privatelink.azurecr.io'
}

// acrlint:ignore ACR002 above the decorators
// an ordinary comment
@description('zone')
@batchSize(1)
resource b 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'x' // acrlint:ignore ACR003 on the line
  tags: {
    note: '// acrlint:ignore ACR013 a string'
  }
}

// acrlint:ignore ACR005,ACR006 a module
module m 'mod.bicep' = {
  name: 'm'
}
var v = 1 // acrlint:ignore ACR001 after code
/* acrlint:ignore ACR018 a block comment */
resource c 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: 'y'
}
`
	fi, ds := bicepIgnores("main.bicep", []byte(src))
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	lines := []int{3, 4, 11, 12, 14, 19, 20, 22, 24}
	got := ruleLines(fi, lines, map[int][]int{4: {3}, 12: {11}, 14: {11}, 20: {19}})
	want := map[int][]string{
		11: {"ACR002"},
		12: {"ACR002", "ACR003"},
		14: {"ACR002"},
		19: {"ACR005", "ACR006"},
		20: {"ACR005", "ACR006"},
		22: {"ACR001"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressions by line (-want +got):\n%s", diff)
	}
}

// HCL's lexer tells comments from strings and heredocs; # and // both
// start a suppression comment.
func TestHCLCommentMatching(t *testing.T) {
	src := `# acrlint:ignore ACR001 above
// acrlint:ignore ACR002 above too
resource "azurerm_private_endpoint" "pe" {
  name = "pe" # acrlint:ignore ACR003 on the line
  description = <<EOT
# acrlint:ignore ACR004 in a heredoc
EOT
  tags = { note = "# acrlint:ignore ACR005 in a string" }
}
`
	fi, ds := hclIgnores("main.tf", []byte(src))
	if len(ds) != 0 {
		t.Fatalf("unexpected diagnostics: %v", ds)
	}
	got := ruleLines(fi, []int{3, 4, 6, 8}, map[int][]int{4: {3}, 6: {3}, 8: {3}})
	want := map[int][]string{
		3: {"ACR001", "ACR002"},
		4: {"ACR001", "ACR002", "ACR003"},
		6: {"ACR001", "ACR002"},
		8: {"ACR001", "ACR002"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressions by line (-want +got):\n%s", diff)
	}
	if len(fi.all) != 3 {
		t.Errorf("want 3 suppressions, got %d", len(fi.all))
	}
}

// An ARM resource's metadata suppresses findings inside that resource
// only, not in a nested child that has none.
func TestARMMetadataMatching(t *testing.T) {
	src := `{
  "resources": [
    {
      "type": "Microsoft.ContainerRegistry/registries",
      "metadata": {"acrlint": {"ignore": [{"rule": "ACR013, ACR004", "reason": "r"}]}},
      "resources": [
        {
          "type": "replications",
          "name": "x"
        }
      ]
    },
    {
      "type": "Microsoft.Network/privateEndpoints",
      "metadata": {"acrlint": {"ignore": [{"rule": "ACR001"}, {"reason": "no rule"}, "ACR002"]}}
    }
  ]
}
`
	fi, ds := armIgnores("main.json", []byte(src))
	got := ruleLines(fi, []int{4, 9, 11, 14}, nil)
	want := map[int][]string{4: {"ACR013", "ACR004"}, 11: {"ACR013", "ACR004"}, 14: {"ACR001"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("suppressions by line (-want +got):\n%s", diff)
	}
	if len(ds) != 2 || ds[0].Summary != "Malformed suppression" || ds[0].Subject.Start.Line != 15 {
		t.Errorf("want two malformed entries reported on line 15, got %v", ds)
	}
}

// TestSuppressionFixtures scans testdata/suppress/{terraform,arm,bicep}:
// each holds the broken hub design with ACR001 and ACR003 suppressed (one
// without a reason), a suppression that is not used, one that is
// malformed and one inside a string. The JSON, SARIF and text reports are
// compared with golden files, and the SARIF one with the 2.1.0 schema.
func TestSuppressionFixtures(t *testing.T) {
	eng, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"terraform", "arm", "bicep"} {
		t.Run(format, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "suppress", format)
			res, err := Run(context.Background(), eng, Options{Paths: []string{dir}})
			if err != nil {
				t.Fatal(err)
			}
			rep := res.Report
			var suppressed, active []string
			for _, f := range rep.Findings {
				if f.Suppressed() {
					suppressed = append(suppressed, f.RuleID)
				} else {
					active = append(active, f.RuleID)
				}
			}
			slices.Sort(suppressed)
			if !slices.Equal(suppressed, []string{"ACR001", "ACR003"}) || !slices.Equal(active, []string{"ACR013"}) {
				t.Errorf("want ACR001 and ACR003 suppressed and ACR013 reported, got suppressed %v, reported %v", suppressed, active)
			}
			if rep.Summary.Suppressed != 2 || rep.Summary.Findings != 1 || rep.Summary.Errors != 0 {
				t.Errorf("summary: %+v", rep.Summary)
			}
			var kinds []string
			for _, d := range rep.Diagnostics {
				kinds = append(kinds, d.Severity.String()+" "+d.Summary)
				if d.Subject.File == "" || d.Subject.Start.Line == 0 {
					t.Errorf("diagnostic without a line: %v", d)
				}
			}
			slices.Sort(kinds)
			want := []string{"note Unused suppression", "note Unused suppression", "warning Malformed suppression", "warning Suppression without a reason"}
			if !slices.Equal(kinds, want) {
				t.Errorf("diagnostics: got %q, want %q", kinds, want)
			}
			if rep.Diagnostics.HasErrors() {
				t.Errorf("suppression problems are never errors")
			}

			rep.Root = "/src/" + format
			for _, out := range []struct{ format, ext string }{{"json", "json"}, {"sarif", "sarif"}, {"text", "txt"}} {
				w, err := report.New(out.format, report.Options{ToolVersion: "0.1.0"})
				if err != nil {
					t.Fatal(err)
				}
				var b bytes.Buffer
				if err := w.Write(&b, rep); err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("..", "..", "testdata", "suppress", format+".golden."+out.ext), b.String())
				if out.format == "sarif" {
					sariftest.Validate(t, b.Bytes())
					if n := strings.Count(b.String(), `"kind": "inSource"`); n != 2 {
						t.Errorf("want 2 inSource suppressions in SARIF, got %d", n)
					}
				}
			}
		})
	}
}

// A suppressed error does not fail the scan: exit codes read Active.
func TestSuppressedNotActive(t *testing.T) {
	eng, _, err := rego.New(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), eng, Options{Paths: []string{filepath.Join("..", "..", "testdata", "suppress", "terraform")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Report.Active() {
		if f.Severity == diag.Error {
			t.Errorf("a suppressed error is still active: %+v", f)
		}
	}
	// Disabling the rule a suppression names leaves it unused but silent.
	res, err = Run(context.Background(), eng, Options{Paths: []string{filepath.Join("..", "..", "testdata", "suppress", "terraform")}, Disable: []string{"ACR014", "ACR002"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Report.Diagnostics {
		if d.Summary == "Unused suppression" {
			t.Errorf("a suppression of a disabled rule is reported unused: %v", d)
		}
	}
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/scan -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestSuppressionsFromScannedContents: the suppressions of a scanned file
// are read from the contents the scan read, not from the disk again; a file
// the scan did not read is read from the disk.
func TestSuppressionsFromScannedContents(t *testing.T) {
	root := t.TempDir()
	scanned := filepath.Join(root, "main.tf")
	other := filepath.Join(root, "other.tf")
	for _, f := range []string{scanned, other} {
		if err := os.WriteFile(f, []byte("resource \"x\" \"y\" {\n  # acrlint:ignore ACR001 on the disk\n  a = 1\n}\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	read := contents{scanned: []byte("resource \"x\" \"y\" {\n  # acrlint:ignore ACR002 as read\n  a = 1\n}\n")}
	ig := readSuppressions(root, []string{scanned, other}, read, nil)
	rules := func(rel string) []string {
		var out []string
		if fi := ig.byFile[rel]; fi != nil {
			for _, s := range fi.all {
				out = append(out, s.rules...)
			}
		}
		return out
	}
	if got := rules("main.tf"); !slices.Equal(got, []string{"ACR002"}) {
		t.Errorf("main.tf suppresses %v, want [ACR002] from the contents the scan read", got)
	}
	if got := rules("other.tf"); !slices.Equal(got, []string{"ACR001"}) {
		t.Errorf("other.tf suppresses %v, want [ACR001] from the disk", got)
	}
}
