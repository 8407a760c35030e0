package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyExample puts the broken example and a config file in a new directory.
func copyExample(t *testing.T, cfg string) string {
	t.Helper()
	dir := t.TempDir()
	src, err := os.ReadFile("../../examples/terraform/broken/main.tf")
	if err != nil {
		t.Fatal(err)
	}
	writeTree(t, dir, map[string]string{"infra/main.tf": string(src), ".acrlint.yaml": cfg})
	return dir
}

// writeTree writes files, by slash-separated path, under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConfigFile(t *testing.T) {
	dir := copyExample(t, "rules:\n  ACR001:\n    enabled: false\n  ACR003:\n    severity: note\n")
	// The file is found by walking up from the scan root.
	code, stdout, stderr := run(t, "scan", "--format", "json", filepath.Join(dir, "infra"))
	r := decode(t, stdout)
	for _, f := range r.Findings {
		if f.RuleID == "ACR001" {
			t.Errorf("ACR001 is disabled by the config: %+v", f)
		}
		if f.RuleID == "ACR003" && f.Severity != "note" {
			t.Errorf("ACR003's severity is note by the config: %+v", f)
		}
	}
	if code != ExitOK {
		t.Errorf("with ACR001 off and ACR003 a note, nothing fails: exit %d %s", code, stderr)
	}
	if code, _, _ := run(t, "scan", "--fail-on", "note", filepath.Join(dir, "infra")); code != ExitFindings {
		t.Errorf("--fail-on on the command line wins: exit %d", code)
	}

	excluded := copyExample(t, "exclude: [infra]\nfail_on: note\n")
	code, stdout, _ = run(t, "scan", "--format", "json", excluded)
	if code != ExitOK || len(decode(t, stdout).Findings) != 0 {
		t.Errorf("an excluded directory is not scanned: exit %d\n%s", code, stdout)
	}
}

func TestMalformedConfig(t *testing.T) {
	dir := copyExample(t, "fail_on: error\nruless: {}\n")
	code, _, stderr := run(t, "scan", dir)
	if code != ExitError || !strings.Contains(stderr, ".acrlint.yaml:2") || !strings.Contains(stderr, "ruless") {
		t.Errorf("want exit 2 and an error on .acrlint.yaml:2, got %d: %s", code, stderr)
	}
}

func TestBaseline(t *testing.T) {
	dir := copyExample(t, "")
	bl := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, stderr := run(t, "scan", "--baseline-write", bl, dir); code != ExitFindings {
		t.Fatalf("exit %d %s", code, stderr)
	}
	// Lines move: the findings are still the known ones.
	main := filepath.Join(dir, "infra", "main.tf")
	src, _ := os.ReadFile(main)
	if err := os.WriteFile(main, append([]byte("# moved\n\n\n"), src...), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ := run(t, "scan", "--format", "json", "--baseline", bl, dir)
	if code != ExitOK || len(decode(t, stdout).Findings) != 0 {
		t.Errorf("baselined findings must not be reported after lines move: exit %d\n%s", code, stdout)
	}
	// A new mistake is reported.
	broken := strings.Replace(string(src), `subresource_names              = ["registry"]`, `subresource_names              = ["registry_data_westeurope"]`, 1)
	if err := os.WriteFile(main, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, _ = run(t, "scan", "--format", "json", "--baseline", bl, dir)
	r := decode(t, stdout)
	if code != ExitFindings || len(r.Findings) != 1 || r.Findings[0].RuleID != "ACR015" {
		t.Errorf("only the new finding is reported: exit %d\n%s", code, stdout)
	}
}
