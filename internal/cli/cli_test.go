package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/report/sariftest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// run executes the command line in process.
func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

type jsonReport struct {
	Findings []struct {
		RuleID   string `json:"rule_id"`
		Severity string `json:"severity"`
		Message  string `json:"message"`
		Resource string `json:"resource"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Related  []struct {
			Resource string `json:"resource"`
			File     string `json:"file"`
			Line     int    `json:"line"`
		} `json:"related"`
		Fingerprint string `json:"fingerprint"`
	} `json:"findings"`
	Diagnostics []struct {
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Message  string `json:"message"`
	} `json:"diagnostics"`
}

func decode(t *testing.T, s string) jsonReport {
	t.Helper()
	var r jsonReport
	if err := json.Unmarshal([]byte(s), &r); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, s)
	}
	return r
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
		t.Fatalf("%v (run go test ./internal/cli -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestRuleFixtures scans every rule fixture: a failing case must produce a
// finding of its rule on a line of its files, a passing case and a case
// resting on unknown values none; the JSON output is compared with its
// golden file.
func TestRuleFixtures(t *testing.T) {
	dirs, err := filepath.Glob("../../testdata/rules/*/*/*")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	seen := map[string][]string{}
	for _, dir := range dirs {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			continue
		}
		rel, _ := filepath.Rel("../../testdata/rules", dir)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		rule, format, kind := parts[0], parts[1], parts[2]
		seen[rule+"/"+format] = append(seen[rule+"/"+format], kind)
		t.Run(rel, func(t *testing.T) {
			code, stdout, stderr := run(t, "scan", "--format", "json", dir)
			golden(t, dir+".golden.json", stdout)
			r := decode(t, stdout)
			var own int
			for _, f := range r.Findings {
				if f.RuleID == rule {
					own++
				}
				if f.File == "" || f.Line <= 0 {
					t.Errorf("finding without a line: %+v", f)
				}
				if _, err := os.Stat(filepath.Join(dir, f.File)); err != nil {
					t.Errorf("finding names a file that is not in the fixture: %s", f.File)
				}
			}
			for _, d := range r.Diagnostics {
				if d.Severity != "note" {
					t.Errorf("fixture does not read cleanly: %+v", d)
				}
			}
			switch kind {
			case "fail":
				if own == 0 || code != ExitFindings {
					t.Errorf("want a %s finding and exit 1, got %d findings, exit %d\n%s%s", rule, own, code, stdout, stderr)
				}
			case "pass", "unknown":
				if len(r.Findings) != 0 || code != ExitOK {
					t.Errorf("want no finding and exit 0, got exit %d\n%s%s", code, stdout, stderr)
				}
			default:
				t.Fatalf("fixture kind %q is not fail, pass or unknown", kind)
			}
		})
	}
	for key, kinds := range seen {
		for _, k := range []string{"fail", "pass", "unknown"} {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s has no %s fixture", key, k)
			}
		}
	}
}

func TestExamples(t *testing.T) {
	code, stdout, _ := run(t, "scan", "--format", "json", "../../examples/terraform/fixed")
	if code != ExitOK || len(decode(t, stdout).Findings) != 0 {
		t.Errorf("the fixed example must scan clean: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "scan", "--format", "json", "../../examples/terraform/broken")
	r := decode(t, stdout)
	var rules []string
	for _, f := range r.Findings {
		rules = append(rules, f.RuleID)
	}
	if code != ExitFindings || !slices.Contains(rules, "ACR001") || !slices.Contains(rules, "ACR003") {
		t.Errorf("the broken example must report ACR001 and ACR003 with exit 1: exit %d, rules %v", code, rules)
	}
}

func TestSARIFValidates(t *testing.T) {
	for _, dir := range []string{"../../examples/terraform/broken", "../../examples/terraform/fixed", "../../testdata/rules/ACR003/terraform/fail"} {
		t.Run(dir, func(t *testing.T) {
			_, stdout, stderr := run(t, "scan", "--format", "sarif", dir)
			if stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			sariftest.Validate(t, []byte(stdout))
			var doc struct {
				Runs []struct {
					Results []struct {
						Locations []struct {
							PhysicalLocation struct {
								ArtifactLocation struct {
									URI string `json:"uri"`
								} `json:"artifactLocation"`
								Region struct {
									StartLine int `json:"startLine"`
								} `json:"region"`
							} `json:"physicalLocation"`
						} `json:"locations"`
						PartialFingerprints map[string]string `json:"partialFingerprints"`
					} `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatal(err)
			}
			for _, r := range doc.Runs[0].Results {
				loc := r.Locations[0].PhysicalLocation
				if loc.ArtifactLocation.URI == "" || filepath.IsAbs(loc.ArtifactLocation.URI) || loc.Region.StartLine <= 0 || len(r.PartialFingerprints) == 0 {
					t.Errorf("result not located relative to the root with a fingerprint: %+v", r)
				}
			}
		})
	}
}

func TestExitCodes(t *testing.T) {
	broken := "../../examples/terraform/broken"
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "bad.tf"), []byte("resource \"x\" {\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		want int
	}{
		{"clean", []string{"scan", "../../examples/terraform/fixed"}, ExitOK},
		{"findings", []string{"scan", broken}, ExitFindings},
		{"errors below fail-on", []string{"scan", "--only", "ACR014", broken}, ExitOK},
		{"flags after the path", []string{"scan", broken, "--disable", "ACR001", "--disable", "ACR003"}, ExitOK},
		{"unknown flag", []string{"scan", "--nope"}, ExitError},
		{"unknown format", []string{"scan", "--format", "yaml", broken}, ExitError},
		{"bad fail-on", []string{"scan", "--fail-on", "fatal", broken}, ExitError},
		{"missing path", []string{"scan", "does/not/exist"}, ExitError},
		{"parse error", []string{"scan", bad}, ExitError},
		{"unknown command", []string{"lint"}, ExitError},
		{"no command", nil, ExitError},
		{"version", []string{"version"}, ExitOK},
		{"rules", []string{"rules"}, ExitOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if code, stdout, stderr := run(t, c.args...); code != c.want {
				t.Errorf("exit %d, want %d\n%s%s", code, c.want, stdout, stderr)
			}
		})
	}
}

func TestParseErrorIsLocated(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.tf"), []byte("resource \"azurerm_subnet\" \"s\" {\n  name = \n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, stdout, _ := run(t, "scan", "--format", "json", dir)
	r := decode(t, stdout)
	if len(r.Diagnostics) == 0 || r.Diagnostics[0].File != "bad.tf" || r.Diagnostics[0].Line != 2 || r.Diagnostics[0].Severity != "error" {
		t.Errorf("want an error on bad.tf:2, got %+v", r.Diagnostics)
	}
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.sarif")
	code, stdout, _ := run(t, "scan", "--output", "sarif="+out, "../../examples/terraform/broken")
	if code != ExitFindings || !strings.Contains(stdout, "ACR001") {
		t.Errorf("text on stdout and exit 1 expected, got %d\n%s", code, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sariftest.Validate(t, data)
}

func TestRulesCatalog(t *testing.T) {
	_, stdout, _ := run(t, "rules")
	for _, id := range []string{"ACR001", "ACR002", "ACR003", "ACR014", "ACR015"} {
		if !strings.Contains(stdout, id) {
			t.Errorf("rules does not list %s:\n%s", id, stdout)
		}
	}
}

func TestExplain(t *testing.T) {
	code, stdout, _ := run(t, "explain", "ACR001")
	if code != ExitOK || !strings.Contains(stdout, "private-endpoint-dns-records") || !strings.Contains(stdout, "How to fix it") {
		t.Errorf("explain ACR001: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "explain", "--symptom", "dial tcp: lookup myregistry.azurecr.io: no such host")
	if code != ExitOK || !strings.Contains(stdout, "ACR001") {
		t.Errorf("explain --symptom: exit %d\n%s", code, stdout)
	}
	if code, _, _ := run(t, "explain", "ACR999"); code != ExitError {
		t.Errorf("an unknown rule is a usage error, got %d", code)
	}
	if code, _, _ := run(t, "explain"); code != ExitError {
		t.Errorf("explain without an id is a usage error, got %d", code)
	}
}
