package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
)

// FuzzLoad reads arbitrary configuration files: Load either returns a
// configuration or a diagnostic on the file, never panics, and what it
// returns can be used. The seed corpus is in testdata/fuzz/FuzzLoad.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("fail_on: warning\nrules:\n  ACR013:\n    enabled: false\n  ACR009:\n    severity: error\nexclude: [legacy, \"*.generated.tf\"]\nvar_files: [prod.tfvars]\nvars:\n  location: westeurope\n"))
	f.Add([]byte("rules:\n  ACR001: [\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		p := filepath.Join(t.TempDir(), ".acrlint.yaml")
		if err := os.WriteFile(p, src, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(p)
		if err != nil {
			var d diag.Diagnostic
			if !errors.As(err, &d) {
				t.Fatalf("want a diagnostic, got %T: %v", err, err)
			}
			if d.Subject.File != p || d.Subject.Start.Line < 0 || d.Severity != diag.Error {
				t.Fatalf("diagnostic not on the file: %s", d.Error())
			}
			return
		}
		if c == nil || c.File != p {
			t.Fatalf("no configuration and no error")
		}
		// A loaded configuration is usable as it is.
		if _, err := diag.ParseSeverity(c.FailOn); c.FailOn != "" && err != nil {
			t.Fatalf("fail_on %q accepted", c.FailOn)
		}
		for id, r := range c.Rules {
			if _, err := diag.ParseSeverity(r.Severity); r.Severity != "" && err != nil {
				t.Fatalf("rules.%s.severity %q accepted", id, r.Severity)
			}
		}
		_ = c.Abs(c.VarFiles)
		_ = Excluded(c.Exclude, "a/b/main.tf")
	})
}
