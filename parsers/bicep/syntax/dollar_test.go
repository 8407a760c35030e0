package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLexDollarRunOnce checks that a run of '$' opening no multi-line
// string is counted once, not again from each of its '$': the '$' looked at
// grow with the run.
func TestLexDollarRunOnce(t *testing.T) {
	for _, n := range []int{1000, 16000} {
		src := strings.Repeat("$", n) + "\nvar a = 1"
		l := &lexer{file: "d.bicep", src: []byte(src), text: src, pos: Pos{Line: 1, Column: 1}, lastBad: -1}
		l.run()
		if l.dollarsScanned > n {
			t.Errorf("%d '$': looked at %d", n, l.dollarsScanned)
		}
		if len(l.diags) != n {
			t.Errorf("%d '$': %d diagnostics", n, len(l.diags))
		}
	}
}

// TestLexDollars checks the tokens and diagnostics of '$' outside and
// inside strings: each stray '$' is one illegal token and one
// diagnostic, and a run of them opens a multi-line string only when
// three quotes follow it.
func TestLexDollars(t *testing.T) {
	tests := []struct {
		src   string
		toks  []string
		diags []string // "start-end summary"
	}{
		{
			src:   "$",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character"},
		},
		{
			src:   "$$",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 illegal character \"$\"", "1:3 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "1:2-1:3 Invalid character"},
		},
		{
			src:   "var a = $",
			toks:  []string{"1:1 keyword \"var\" \"var\"", "1:5 identifier \"a\" \"a\"", "1:7 '=' \"=\"", "1:9 illegal character \"$\"", "1:10 end of file \"\""},
			diags: []string{"1:9-1:10 Invalid character"},
		},
		{
			src:   "$\n$$",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 newline \"\\n\"", "2:1 illegal character \"$\"", "2:2 illegal character \"$\"", "2:3 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "2:1-2:2 Invalid character", "2:2-2:3 Invalid character"},
		},
		{
			src:   "$ $",
			toks:  []string{"1:1 illegal character \"$\"", "1:3 illegal character \"$\"", "1:4 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "1:3-1:4 Invalid character"},
		},
		{
			src:   "${x}",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 '{' \"{\"", "1:3 identifier \"x\" \"x\"", "1:4 '}' \"}\"", "1:5 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character"},
		},
		{
			src:   "$$''",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 illegal character \"$\"", "1:3 string \"\" \"''\"", "1:5 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "1:2-1:3 Invalid character"},
		},
		{
			src:   "$$'x'",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 illegal character \"$\"", "1:3 string \"x\" \"'x'\"", "1:6 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "1:2-1:3 Invalid character"},
		},
		{
			src:   "'$'",
			toks:  []string{"1:1 string \"$\" \"'$'\"", "1:4 end of file \"\""},
			diags: nil,
		},
		{
			src:   "'${x}$'",
			toks:  []string{"1:1 string \"\" \"'${\"", "1:4 identifier \"x\" \"x\"", "1:5 string \"$\" \"}$'\"", "1:8 end of file \"\""},
			diags: nil,
		},
		{
			src:   "'a$${x}'",
			toks:  []string{"1:1 string \"a$\" \"'a$${\"", "1:6 identifier \"x\" \"x\"", "1:7 string \"\" \"}'\"", "1:9 end of file \"\""},
			diags: nil,
		},
		{
			src:   "$'''${x}'''",
			toks:  []string{"1:1 multi-line string \"\" \"$'''${\"", "1:7 identifier \"x\" \"x\"", "1:8 multi-line string \"\" \"}'''\"", "1:12 end of file \"\""},
			diags: nil,
		},
		{
			src:   "$$'''${x}$${y}'''",
			toks:  []string{"1:1 multi-line string \"${x}\" \"$$'''${x}$${\"", "1:13 identifier \"y\" \"y\"", "1:14 multi-line string \"\" \"}'''\"", "1:18 end of file \"\""},
			diags: nil,
		},
		{
			src:   "$$$é",
			toks:  []string{"1:1 illegal character \"$\"", "1:2 illegal character \"$\"", "1:3 illegal character \"$\"", "1:4 identifier \"é\" \"é\"", "1:5 end of file \"\""},
			diags: []string{"1:1-1:2 Invalid character", "1:2-1:3 Invalid character", "1:3-1:4 Invalid character"},
		},
	}
	for _, tt := range tests {
		toks, _, diags := Lex("d.bicep", []byte(tt.src))
		var gotToks []string
		for _, t := range toks {
			gotToks = append(gotToks, fmt.Sprintf("%d:%d %s %q", t.Range.Start.Line, t.Range.Start.Column, t.String(), t.Text))
		}
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%d:%d-%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Subject.End.Line, d.Subject.End.Column, d.Summary))
		}
		if diff := cmp.Diff(tt.toks, gotToks); diff != "" {
			t.Errorf("%q: tokens (-want +got):\n%s", tt.src, diff)
		}
		if diff := cmp.Diff(tt.diags, got); diff != "" {
			t.Errorf("%q: diagnostics (-want +got):\n%s", tt.src, diff)
		}
	}
}
