package syntax

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRecoverySkipsBlankLinesOnce checks that skipping a bracket after a
// syntax error looks past a run of blank lines once, not once from each
// of its newlines: the newlines looked at grow with the file.
func TestRecoverySkipsBlankLinesOnce(t *testing.T) {
	for _, open := range []string{"(", "[", "{"} {
		for _, n := range []int{1000, 16000} {
			src := "var x = 1 1 " + open + strings.Repeat("\n", n) + ")]}\nvar y = 2"
			toks, _, _ := Lex("blank.bicep", []byte(src))
			p := &parser{file: "blank.bicep", toks: toks}
			p.parseFile()
			if p.nlScanned > 2*len(toks) {
				t.Errorf("%q and %d blank lines: looked past %d newlines for %d tokens", open, n, p.nlScanned, len(toks))
			}
		}
	}
}

// TestRecoveryAcrossBlankLines checks where recovery stops around runs
// of blank lines: at a declaration that starts a line after them, with
// comments and CRLF line ends in the run, and at the end of the file.
func TestRecoveryAcrossBlankLines(t *testing.T) {
	const missingNL = `1:11 Missing newline: Expected a new line after the variable declaration, found integer "1".`
	tests := []struct {
		src   string
		diags []string
		stmts string
	}{
		{
			src:   "var x = 1 1 (\n\n\n\n\n)\nvar y = 2",
			diags: []string{missingNL},
			stmts: "var x = 1\nvar y = 2",
		},
		{
			src:   "var x = 1 1 (\n\n\n\n\n",
			diags: []string{missingNL},
			stmts: "var x = 1",
		},
		{
			src:   "var x = 1 1 (\n\n\n\n\n)",
			diags: []string{missingNL},
			stmts: "var x = 1",
		},
		{
			src: "var x = 1 1 (\r\n\r\n // c\r\n\r\n/* d */\n\nvar y = 2\n)",
			diags: []string{missingNL,
				`8:1 Invalid statement: Expected a declaration (param, var, resource, module, output, type, func, import, …), found ')'.`},
			stmts: "var x = 1\nvar y = 2",
		},
		{
			// Indented, the declaration does not end the bracket.
			src:   "var x = 1 1 [\n\n // c\n\n\n  var y = 2\n]\nvar z = 3",
			diags: []string{missingNL},
			stmts: "var x = 1\nvar z = 3",
		},
		{
			src:   "var x = [1 1 (\n\n\n)\n\n2]\nvar z = 3",
			diags: []string{`1:12 Missing separator: Expected ',' or a new line between the items of the array, found integer "1".`},
			stmts: "var x = [1, 2]\nvar z = 3",
		},
		{
			src:   "var x = f(1 1 [\r\n\r\n\r\n]\r\n\r\n, 2)\nvar z = 3",
			diags: []string{`1:13 Missing ',' or ')': Expected ',' or ')' after the argument, found integer "1".`},
			stmts: "var x = f(1)\nvar z = 3",
		},
	}
	for _, tt := range tests {
		f, diags := Parse("blank.bicep", []byte(tt.src))
		if diff := cmp.Diff(tt.diags, diagLines(diags)); diff != "" {
			t.Errorf("%q: diagnostics (-want +got):\n%s", tt.src, diff)
		}
		if diff := cmp.Diff(tt.stmts+"\n", f.String()); diff != "" {
			t.Errorf("%q: statements (-want +got):\n%s", tt.src, diff)
		}
	}
}
