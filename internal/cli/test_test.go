package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const premiumRule = `# METADATA
# title: Registries must be Premium
# custom:
#   id: ORG001
#   severity: warning
package acrlint.rules.org001

import data.acrlint.lib.acr
import data.acrlint.lib.result

report contains finding if {
	some id, reg in acr.registries
	reg.attrs.sku != "Premium"
	finding := result.fail(rego.metadata.chain(), {"resource": id, "attr": "sku", "message": "not premium"})
}

premium_only(reg) if reg.attrs.sku == "Premium"
`

const premiumTests = `package acrlint.rules.org001_test

import data.acrlint.rules.org001

graph(sku) := {"nodes": {"r": {
	"id": "r", "kind": "registry", "external": false,
	"attrs": {"sku": sku}, "attr_lines": {}, "unknown": [],
}}, "diagnostics": []}

test_basic_fires if {
	count(org001.report) == 1 with input as graph("Basic")
}

test_premium_is_silent if {
	count(org001.report) == 0 with input as graph("Premium")
}
`

// policyDir writes files into a new directory.
func policyDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTestPass(t *testing.T) {
	dir := policyDir(t, map[string]string{"org.rego": premiumRule, "org_test.rego": premiumTests})
	code, out, errs := run(t, "test", dir)
	if code != ExitOK || errs != "" {
		t.Fatalf("exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(out, "PASS: 2/2") || strings.Contains(out, "test_basic_fires") {
		t.Errorf("want only the summary without --verbose:\n%s", out)
	}
	code, out, _ = run(t, "test", "--verbose", dir)
	if code != ExitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		filepath.Join(dir, "org_test.rego") + ":10:\ndata.acrlint.rules.org001_test.test_basic_fires: PASS",
		filepath.Join(dir, "org_test.rego") + ":14:\ndata.acrlint.rules.org001_test.test_premium_is_silent: PASS",
		"PASS: 2/2",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("verbose output lacks %q:\n%s", want, out)
		}
	}
	// --run selects tests by name.
	code, out, errs = run(t, "test", "--run", "premium", dir)
	if code != ExitOK || !strings.Contains(out, "PASS: 1/1") {
		t.Errorf("--run: exit %d\n%s%s", code, out, errs)
	}
}

func TestTestFail(t *testing.T) {
	failing := premiumTests + `
test_wrong_count if {
	count(org001.report) == 2 with input as graph("Standard")
}
`
	dir := policyDir(t, map[string]string{"org.rego": premiumRule, "org_test.rego": failing})
	code, out, _ := run(t, "test", dir)
	if code != ExitFindings {
		t.Errorf("a failing test must exit %d, got %d", ExitFindings, code)
	}
	for _, want := range []string{"test_wrong_count: FAIL", "PASS: 2/3", "FAIL: 1/3"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, _ = run(t, "test", "-v", dir)
	if code != ExitFindings || !strings.Contains(out, "FAILURES") || !regexp.MustCompile(`org_test\.rego:19 +\| \| Fail`).MatchString(out) {
		t.Errorf("verbose failure must show the failing expression's line, exit %d:\n%s", code, out)
	}
	code, out, _ = run(t, "test", "--format", "json", dir)
	var results []struct {
		Name string `json:"name"`
		Fail bool   `json:"fail"`
	}
	if err := json.Unmarshal([]byte(out), &results); err != nil || code != ExitFindings || len(results) != 3 {
		t.Fatalf("json: exit %d, %v\n%s", code, err, out)
	}
	for _, r := range results {
		if r.Fail != (r.Name == "test_wrong_count") {
			t.Errorf("json result %+v", r)
		}
	}
}

// A test that cannot be evaluated (a conflict, a builtin error) is an error
// result and fails the run.
func TestTestError(t *testing.T) {
	dir := policyDir(t, map[string]string{"org.rego": premiumRule, "org_test.rego": premiumTests + `
test_conflict if {
	x := {"a": 1}
	x.a == to_number("not a number")
}
`})
	code, out, _ := run(t, "test", dir)
	if code != ExitFindings || !strings.Contains(out, "ERROR: 1/3") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

// A policy that does not load is an error at its file and line, and no
// test runs.
func TestTestLoadErrors(t *testing.T) {
	cases := map[string]struct {
		files map[string]string
		file  string
		line  int
		want  string
	}{
		"compile": {
			files: map[string]string{"org.rego": strings.Replace(premiumRule, `!= "Premium"`, `!= premium_sku`, 1), "org_test.rego": premiumTests},
			file:  "org.rego", line: 13, want: "Policy does not compile: var premium_sku is unsafe",
		},
		"test compile": {
			files: map[string]string{"org.rego": premiumRule, "org_test.rego": strings.Replace(premiumTests, "org001.report) == 0", "org001.report) == n", 1)},
			file:  "org_test.rego", line: 15, want: "var n is unsafe",
		},
		"parse": {
			files: map[string]string{"org.rego": premiumRule, "org_test.rego": premiumTests + "\ntest_x if {\n"},
			file:  "org_test.rego", line: 19, want: "Policy does not parse",
		},
		"no severity": {
			files: map[string]string{"org.rego": strings.Replace(premiumRule, "#   severity: warning\n", "", 1), "org_test.rego": premiumTests},
			file:  "org.rego", line: 5, want: "custom.severity",
		},
		"shipped id": {
			files: map[string]string{"org.rego": strings.Replace(premiumRule, "ORG001", "ACR014", 1), "org_test.rego": premiumTests},
			file:  "org.rego", line: 6, want: "rule id ACR014 is already used",
		},
		"network": {
			files: map[string]string{"org.rego": strings.Replace(premiumRule, `reg.attrs.sku != "Premium"`, `http.send({"method": "get", "url": "https://example.com"}).status_code == 200`, 1), "org_test.rego": premiumTests},
			file:  "org.rego", line: 13, want: "policies may not reach the network",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := policyDir(t, c.files)
			code, out, errs := run(t, "test", dir)
			if code != ExitError {
				t.Errorf("exit %d, want %d", code, ExitError)
			}
			prefix := filepath.Join(dir, c.file) + ":" + strconv.Itoa(c.line) + ":"
			if !strings.HasPrefix(errs, prefix) || !strings.Contains(errs, c.want) {
				t.Errorf("want an error at %s mentioning %q, got:\n%s", prefix, c.want, errs)
			}
			if strings.Contains(out, "PASS") {
				t.Errorf("no test may run:\n%s", out)
			}
		})
	}
}

func TestTestUsage(t *testing.T) {
	empty := policyDir(t, map[string]string{"org.rego": premiumRule})
	for name, args := range map[string][]string{
		"no tests":       {"test", empty},
		"missing dir":    {"test", filepath.Join(empty, "nope")},
		"bad format":     {"test", "--format", "sarif", empty},
		"bad run":        {"test", "--run", "(", empty},
		"unknown flag":   {"test", "--frobnicate", empty},
		"not a policy":   {"test", filepath.Join(empty, "org.rego.txt")},
		"filter matches": {"test", "--run", "no_such_test", policyDir(t, map[string]string{"org.rego": premiumRule, "org_test.rego": premiumTests})},
	} {
		code, _, errs := run(t, args...)
		if code != ExitError || errs == "" {
			t.Errorf("%s: exit %d, stderr %q; want exit %d with a message", name, code, errs, ExitError)
		}
	}
}

func TestTestCoverage(t *testing.T) {
	dir := policyDir(t, map[string]string{"org.rego": premiumRule, "org_test.rego": premiumTests})
	code, out, errs := run(t, "test", "--coverage", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// premium_only (line 17) is never called by a test.
	policy := regexp.MustCompile(regexp.QuoteMeta(filepath.Join(dir, "org.rego")) + `\s+(\d+\.\d)%\s+(\d+)/(\d+)\s+not covered: 17\n`)
	m := policy.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no coverage line for org.rego with line 28 not covered:\n%s", out)
	}
	if m[2] == m[3] || m[1] == "100.0" {
		t.Errorf("org.rego cannot be fully covered: %v", m)
	}
	if !regexp.MustCompile(regexp.QuoteMeta(filepath.Join(dir, "org_test.rego")) + `\s+100\.0%`).MatchString(out) {
		t.Errorf("every line of the tests runs:\n%s", out)
	}
	if strings.Contains(out, "policies/lib") || !strings.Contains(out, "COVERAGE: ") {
		t.Errorf("coverage is of the user's files only, with a total:\n%s", out)
	}

	code, out, _ = run(t, "test", "--coverage", "--format", "json", dir)
	var rep struct {
		Files map[string]struct {
			NotCovered []struct {
				Start struct{ Row int } `json:"start"`
			} `json:"not_covered"`
		} `json:"files"`
		Coverage float64 `json:"coverage"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != ExitOK {
		t.Fatalf("json coverage: exit %d, %v\n%s", code, err, out)
	}
	f, ok := rep.Files[filepath.Join(dir, "org.rego")]
	if !ok || len(rep.Files) != 2 || len(f.NotCovered) == 0 || f.NotCovered[0].Start.Row != 17 || rep.Coverage <= 0 || rep.Coverage >= 100 {
		t.Errorf("json coverage report: %+v", rep)
	}
}

// A scan with a broken user policy names the policy's file and line, still
// reports what the shipped rules and the user's other policies find, and
// exits 2.
func TestScanWithBrokenPolicy(t *testing.T) {
	broken := strings.NewReplacer("ORG001", "ORG009", "org001", "org009", `!= "Premium"`, `!= premium_sku`).Replace(premiumRule)
	dir := policyDir(t, map[string]string{"org.rego": premiumRule, "broken.rego": broken, "org_test.rego": premiumTests})
	code, out, _ := run(t, "scan", "--format", "json", "--policy", dir, "../../examples/terraform/broken")
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	rep := decode(t, out)
	rules := map[string]bool{}
	for _, f := range rep.Findings {
		rules[f.RuleID] = true
	}
	if !rules["ACR001"] || rules["ORG009"] {
		t.Errorf("the shipped rules must still report, the broken policy not: %v", rules)
	}
	var located bool
	for _, d := range rep.Diagnostics {
		located = located || d.Severity == "error" && strings.HasSuffix(d.File, "broken.rego") && d.Line == 13 && strings.Contains(d.Message, "var premium_sku is unsafe")
	}
	if !located {
		t.Errorf("no error at broken.rego:13: %+v", rep.Diagnostics)
	}
}
