package cli

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/rego"
)

// referenceDir holds the reference design, one directory per format, and
// mistakes.yaml.
const referenceDir = "../../testdata/reference"

var referenceFormats = []string{"terraform", "bicep", "arm"}

// mistake is one error injected into the reference design: per format, the
// text replacements that turn the clean files into the mistaken ones.
type mistake struct {
	ID          string            `yaml:"id"`
	Rule        string            `yaml:"rule"`
	Description string            `yaml:"description"`
	Edits       map[string][]edit `yaml:"edits"`
}

type edit struct {
	File string `yaml:"file"`
	Old  string `yaml:"old"`
	New  string `yaml:"new"`
}

func loadMistakes(t *testing.T) []mistake {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(referenceDir, "mistakes.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Mistakes []mistake `yaml:"mistakes"`
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("mistakes.yaml: %v", err)
	}
	if len(doc.Mistakes) == 0 {
		t.Fatal("mistakes.yaml lists no mistake")
	}
	return doc.Mistakes
}

// copyReference copies one format's design to a new directory.
func copyReference(t *testing.T, format string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(referenceDir, format))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// applyEdits makes each replacement in the copy; the text replaced must
// occur exactly once in its file, so that an edit cannot silently miss or
// hit the wrong place.
func applyEdits(t *testing.T, dir string, edits []edit) {
	t.Helper()
	if len(edits) == 0 {
		t.Fatal("no edit")
	}
	for _, e := range edits {
		if e.Old == "" || e.Old == e.New {
			t.Fatalf("%s: an edit must replace some text with other text", e.File)
		}
		path := filepath.Join(dir, filepath.FromSlash(e.File))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), e.Old); n != 1 {
			t.Fatalf("%s: the text to replace occurs %d times, want once:\n%s", e.File, n, e.Old)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(data), e.Old, e.New, 1)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// ruleSeverities returns the severity of every shipped rule.
func ruleSeverities(t *testing.T) map[string]diag.Severity {
	t.Helper()
	eng, _, err := engine(context.Background(), rego.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sev := map[string]diag.Severity{}
	for _, r := range eng.Rules() {
		sev[r.ID] = r.Severity
	}
	return sev
}

// TestReferenceDesign scans the hub-and-spoke reference design in each
// format: the clean design reads without problems and reports nothing, and
// each mistake of mistakes.yaml, injected alone, is reported by its rule
// and by no other.
func TestReferenceDesign(t *testing.T) {
	mistakes := loadMistakes(t)
	severities := ruleSeverities(t)
	for _, format := range referenceFormats {
		t.Run(format, func(t *testing.T) {
			t.Run("clean", func(t *testing.T) {
				code, stdout, stderr := run(t, "scan", "--format", "json", copyReference(t, format))
				r := decode(t, stdout)
				for _, f := range r.Findings {
					t.Errorf("clean design reports %s at %s:%d: %s", f.RuleID, f.File, f.Line, f.Message)
				}
				for _, d := range r.Diagnostics {
					if d.Severity != "note" {
						t.Errorf("clean design does not read cleanly: %s %s:%d: %s", d.Severity, d.File, d.Line, d.Message)
					}
				}
				if code != ExitOK {
					t.Errorf("exit %d, want %d\n%s", code, ExitOK, stderr)
				}
			})
			for _, m := range mistakes {
				t.Run(m.ID, func(t *testing.T) {
					sev, ok := severities[m.Rule]
					if !ok {
						t.Fatalf("mistake %s expects rule %q, which is not shipped", m.ID, m.Rule)
					}
					edits, ok := m.Edits[format]
					if !ok {
						t.Fatalf("mistake %s has no edits for %s", m.ID, format)
					}
					dir := copyReference(t, format)
					applyEdits(t, dir, edits)
					code, stdout, stderr := run(t, "scan", "--format", "json", dir)
					r := decode(t, stdout)
					if len(r.Findings) == 0 {
						t.Errorf("%s: no finding, want %s", m.ID, m.Rule)
					}
					for _, f := range r.Findings {
						if f.RuleID != m.Rule {
							t.Errorf("%s: want only %s, got %s at %s:%d: %s", m.ID, m.Rule, f.RuleID, f.File, f.Line, f.Message)
						}
						if f.File == "" || f.Line <= 0 {
							t.Errorf("%s: finding without a line: %+v", m.ID, f)
						}
					}
					for _, d := range r.Diagnostics {
						if d.Severity != "note" {
							t.Errorf("%s: %s %s:%d: %s", m.ID, d.Severity, d.File, d.Line, d.Message)
						}
					}
					want := ExitFindings
					if sev > diag.Error {
						want = ExitOK
					}
					if code != want {
						t.Errorf("%s: exit %d, want %d\n%s", m.ID, code, want, stderr)
					}
				})
			}
		})
	}
	// Every mistake names only the formats of the design.
	for _, m := range mistakes {
		for format := range m.Edits {
			if !slices.Contains(referenceFormats, format) {
				t.Errorf("mistake %s has edits for unknown format %q", m.ID, format)
			}
		}
	}
}
