package arm

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
)

// TestUnknownNameNotedOncePerLine checks the note on resources whose name
// is unknown: one per line of the template, none on a line that already
// has a diagnostic.
func TestUnknownNameNotedOncePerLine(t *testing.T) {
	tmpl := `{` + schema + `,
"parameters": {"p": {"type": "string"}},
"resources": [
{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-05-01", "name": "[concat(parameters('p'), copyIndex())]", "copy": {"name": "c", "count": 3}},
{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-05-01", "name": "[concat(parameters('p'), 'a')]"},
{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-05-01", "name": "[concat(parameters('p'), 'b')]"}
]}`
	_, ds := parse(t, map[string]string{"main.json": tmpl}, Options{})
	var lines []int
	for _, d := range ds {
		if d.Summary == "Resource name unknown" {
			lines = append(lines, d.Subject.Start.Line)
		}
	}
	if fmt.Sprint(lines) != "[4 5 6]" {
		t.Errorf("notes on lines %v, want [4 5 6]; diagnostics:\n%v", lines, ds)
	}
}

// TestReportedAtReadsEachDiagnosticOnce checks that asking about a line per
// resource, as a template of many resources with unknown names does, reads
// each diagnostic once rather than all of them per question.
func TestReportedAtReadsEachDiagnosticOnce(t *testing.T) {
	root := t.TempDir()
	p := &Parser{root: root}
	file := filepath.Join(root, "main.json")
	const n = 1000
	for i := range n {
		if p.reportedAt(file, i) {
			t.Fatalf("line %d reported before any diagnostic on it", i)
		}
		p.noteAt(file, diag.Pos{Line: i}, "Resource name unknown", "")
		if !p.reportedAt(file, i) || p.reportedAt(filepath.Join(root, "other.json"), i) {
			t.Fatalf("line %d: the note is not found, or found on another file", i)
		}
	}
	// Diagnostics added without noteAt (those of reading a file) count too.
	p.diags = append(p.diags, diag.Warnf(diag.Range{File: "main.json", Start: diag.Pos{Line: n}}, "Duplicate property", ""))
	if !p.reportedAt(file, n) {
		t.Errorf("a diagnostic appended directly is not found")
	}
	if p.indexed != len(p.diags) {
		t.Errorf("%d diagnostics read for %d", p.indexed, len(p.diags))
	}
}
