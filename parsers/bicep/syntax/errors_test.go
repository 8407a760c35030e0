package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
)

func diagLines(ds diag.Diagnostics) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Message()))
	}
	return out
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		diags []string
		// stmts is what was kept, printed: the statements after the
		// error must be there.
		stmts string
	}{
		{
			name:  "missing equals after parameter type",
			src:   "param a string 'x'\nparam b int = 1",
			diags: []string{`1:16 Missing '=': Expected '=' after the parameter type, found string.`},
			stmts: "param a string\nparam b int = 1",
		},
		{
			name:  "missing parameter type",
			src:   "param a\nvar b = 1",
			diags: []string{`1:8 Missing a parameter type: Expected a parameter type after the parameter name, found newline.`},
			stmts: "param a <bad>\nvar b = 1",
		},
		{
			name:  "missing variable value",
			src:   "var a =\nvar b = 2",
			diags: []string{`1:8 Missing expression: Expected an expression, found newline.`},
			stmts: "var a = <bad>\nvar b = 2",
		},
		{
			name:  "missing equals after variable name",
			src:   "var a 1\nvar b = 2",
			diags: []string{`1:8 Missing '=': Expected '=' after the variable type, found newline.`},
			stmts: "var a 1 = <bad>\nvar b = 2",
		},
		{
			name:  "unknown statement",
			src:   "foo = 1\nvar b = 2",
			diags: []string{`1:1 Invalid statement: Expected a declaration (param, var, resource, module, output, type, func, import, …), found identifier "foo".`},
			stmts: "var b = 2",
		},
		{
			name:  "trailing tokens",
			src:   "var a = 1 2\nvar b = 2",
			diags: []string{`1:11 Missing newline: Expected a new line after the variable declaration, found integer "2".`},
			stmts: "var a = 1\nvar b = 2",
		},
		{
			name:  "missing resource type",
			src:   "resource r = {\n  name: 'x'\n}\nvar b = 2",
			diags: []string{`1:12 Missing a resource type string: Expected a resource type string after the resource name, found '='.`},
			stmts: "resource r <bad> = <bad>\nvar b = 2",
		},
		{
			name:  "resource body that is not an object",
			src:   "resource r 'A/b@1' = 'x'\nvar b = 2",
			diags: []string{`1:22 Missing resource body: Expected an object, if (…) {…} or [for …] after '=', found string.`},
			stmts: "resource r 'A/b@1' = <bad>\nvar b = 2",
		},
		{
			name:  "bad property inside a resource keeps the resource",
			src:   "resource r 'A/b@1' = {\n  name: 'x'\n  properties: {\n    a: 1 +\n    b: 2\n  }\n  location: 'y'\n}\nvar b = 2",
			diags: []string{`4:11 Missing expression: Expected an expression, found newline.`},
			stmts: "resource r 'A/b@1' = {name: 'x', properties: {a: (1 + <bad>), b: 2}, location: 'y'}\nvar b = 2",
		},
		{
			name:  "missing colon in an object",
			src:   "var o = {\n  a 1\n  b: 2\n}",
			diags: []string{`2:5 Missing ':': Expected ':' after the property name, found integer "1".`},
			stmts: "var o = {a: <bad>, b: 2}",
		},
		{
			name:  "missing separator in an object",
			src:   "var o = { a: 1 b: 2 }\nvar c = 3",
			diags: []string{`1:16 Missing separator: Expected ',' or a new line between the items of the object, found identifier "b".`},
			stmts: "var o = {a: 1}\nvar c = 3",
		},
		{
			name:  "double comma in an array",
			src:   "var a = [1,, 2]",
			diags: []string{`1:12 Unexpected ',': Expected an item between two commas in the array.`},
			stmts: "var a = [1, 2]",
		},
		{
			name:  "trailing comma in arguments",
			src:   "var a = f(1, 2,)",
			diags: []string{`1:16 Unexpected ',': Expected another argument after ',', found ')'.`},
			stmts: "var a = f(1, 2)",
		},
		{
			// A resource declaration is a valid item of a resource body.
			name:  "unclosed object",
			src:   "resource r 'A/b@1' = {\n  name: 'x'\n\nresource s 'A/b@1' = {\n  name: 'y'\n}",
			diags: []string{`6:2 Missing '}': Expected '}' to close the object opened at 1:22, found end of file.`},
			stmts: "resource r 'A/b@1' = {name: 'x', resource s 'A/b@1' = {name: 'y'}}",
		},
		{
			name:  "unclosed object before another kind of declaration",
			src:   "var o = {\n  a: 1\nparam p string",
			diags: []string{`3:1 Missing '}': Expected '}' to close the object opened at 1:9, found keyword "param".`},
			stmts: "var o = {a: 1}\nparam p string",
		},
		{
			name:  "unclosed parenthesis",
			src:   "var a = (1 +\nvar b = 2",
			diags: []string{`1:13 Missing expression: Expected an expression, found newline.`},
			stmts: "var a = (1 + <bad>)\nvar b = 2",
		},
		{
			name:  "unclosed call",
			src:   "var a = concat('x',\n  'y'\noutput o string = a",
			diags: []string{`2:6 Missing ',' or ')': Expected ',' or ')' after the argument, found newline.`},
			stmts: "var a = concat('x', 'y')\noutput o string = a",
		},
		{
			name:  "unclosed array",
			src:   "var a = [\n  1\n  2\nvar b = 2",
			diags: []string{`4:1 Missing ']': Expected ']' to close the array opened at 1:9, found keyword "var".`},
			stmts: "var a = [1, 2]\nvar b = 2",
		},
		{
			name:  "stray closing brace",
			src:   "var a = 1\n}\nvar b = 2",
			diags: []string{`2:1 Invalid statement: Expected a declaration (param, var, resource, module, output, type, func, import, …), found '}'.`},
			stmts: "var a = 1\nvar b = 2",
		},
		{
			name:  "for without in",
			src:   "var a = [for x xs: x]\nvar b = 2",
			diags: []string{`1:16 Missing 'in': Expected 'in' after the loop variable, found identifier "xs".`},
			stmts: "var a = [for x in <bad>: <bad>]\nvar b = 2",
		},
		{
			name:  "for without colon",
			src:   "var a = [for x in xs x]\nvar b = 2",
			diags: []string{`1:22 Missing ':': Expected ':' after the loop's collection, found identifier "x".`},
			stmts: "var a = [for x in xs: <bad>]\nvar b = 2",
		},
		{
			name:  "if without parentheses",
			src:   "resource r 'A/b@1' = if cond {\n  name: 'x'\n}\nvar b = 2",
			diags: []string{`1:25 Missing '(': Expected '(' after 'if', found identifier "cond".`},
			stmts: "resource r 'A/b@1' = if (<bad>) <bad>\nvar b = 2",
		},
		{
			name:  "missing ternary colon",
			src:   "var a = c ? 1 2\nvar b = 2",
			diags: []string{`1:15 Missing ':': Expected ':' in the conditional expression, found integer "2".`},
			stmts: "var a = (c ? 1 : <bad>)\nvar b = 2",
		},
		{
			name:  "bad decorator",
			src:   "@description\nparam a string\nvar b = 2",
			diags: []string{`1:13 Missing a function call: Expected a function call after '@', found newline.`},
			stmts: "@description param a string\nvar b = 2",
		},
		{
			name:  "decorator without a declaration",
			src:   "var a = 1\n@description('x')",
			diags: []string{`2:18 Missing a declaration: Expected a declaration after the decorators, found end of file.`},
			stmts: "var a = 1",
		},
		{
			name:  "unterminated string",
			src:   "var a = 'abc\nvar b = 2",
			diags: []string{`1:9 Unterminated string: The string that starts here has no closing quote (') on the same line.`},
			stmts: "var a = 'abc'\nvar b = 2",
		},
		{
			name:  "unclosed interpolation",
			src:   "var a = '${b'\nvar c = 2",
			diags: []string{`1:13 Unterminated string: The string that starts here has no closing quote (') on the same line.`},
			stmts: "var a = '${b}'\nvar c = 2",
		},
		{
			name:  "bad expression inside an interpolation",
			src:   "var a = 'x${)}y'\nvar c = 2",
			diags: []string{`1:13 Missing expression: Expected an expression, found ')'.`},
			stmts: "var a = 'x${<bad>}y'\nvar c = 2",
		},
		{
			name:  "spread outside an array",
			src:   "var a = ...b\nvar c = 2",
			diags: []string{`1:9 Misplaced spread: '...' can only spread an item into an array or an object.`},
			stmts: "var a = <bad>\nvar c = 2",
		},
		{
			name:  "bad type",
			src:   "param a = 1\nparam b string",
			diags: []string{`1:9 Missing a parameter type: Expected a parameter type after the parameter name, found '='.`},
			stmts: "param a <bad>\nparam b string",
		},
		{
			name:  "bad object type",
			src:   "type t = {\n  a string\n  b: int\n}\nvar c = 2",
			diags: []string{`2:5 Missing ':': Expected ':' after the property name, found identifier "string".`},
			stmts: "type t = {a: <bad>, b: int}\nvar c = 2",
		},
		{
			name:  "bad import",
			src:   "import a from 'x.bicep'\nvar c = 2",
			diags: []string{`1:8 Missing '{' or '*': Expected '{' or '*' after 'import', found identifier "a".`},
			stmts: "import {} from <bad>\nvar c = 2",
		},
		{
			name:  "function without arrow",
			src:   "func f() string 'x'\nvar c = 2",
			diags: []string{`1:17 Missing '=>': Expected '=>' after the function's return type, found string.`},
			stmts: "func f() string => <bad>\nvar c = 2",
		},
		{
			name:  "integer too large",
			src:   "var a = 99999999999999999999\nvar c = 2",
			diags: []string{`1:9 Invalid integer: The integer 99999999999999999999 does not fit in 64 bits.`},
			stmts: "var a = 99999999999999999999\nvar c = 2",
		},
		{
			name: "several errors in one file",
			src:  "param a string 'x'\nvar b = \nresource r 'A/b@1' = {\n  name: 'r'\n  sku: {\n    name 'Premium'\n  }\n}\noutput o string = r.id",
			diags: []string{
				`1:16 Missing '=': Expected '=' after the parameter type, found string.`,
				`2:9 Missing expression: Expected an expression, found newline.`,
				`6:10 Missing ':': Expected ':' after the property name, found string.`,
			},
			stmts: "param a string\nvar b = <bad>\nresource r 'A/b@1' = {name: 'r', sku: {name: <bad>}}\noutput o string = r.id",
		},
		{
			name:  "invalid UTF-8",
			src:   "var a = 'ok'\nvar \xff = 1\nvar c = 2",
			diags: []string{`2:5 Invalid UTF-8: The file is not valid UTF-8 text: byte 0xff does not start a character.`},
			stmts: "var a = 'ok'\nvar c = 2",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, diags := Parse("bad.bicep", []byte(tt.src))
			if diff := cmp.Diff(tt.diags, diagLines(diags)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			for _, d := range diags {
				if d.Severity != diag.Error || d.Subject.File != "bad.bicep" {
					t.Errorf("diagnostic %s: severity %s, file %q", d.Error(), d.Severity, d.Subject.File)
				}
			}
			if diff := cmp.Diff(tt.stmts+"\n", f.String()); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseNestingLimit(t *testing.T) {
	for _, open := range []string{"[", "(", "{a:", "!", "'${", "x ? y : "} {
		src := "var a = " + strings.Repeat(open, 10000) + "\nvar b = 2"
		f, diags := Parse("deep.bicep", []byte(src))
		found := false
		for _, d := range diags {
			found = found || d.Summary == "Nesting too deep"
		}
		if !found {
			t.Errorf("%q: no nesting diagnostic in %v", open, diagLines(diags))
		}
		if last := f.Statements[len(f.Statements)-1]; Format(last) != "var b = 2" {
			t.Errorf("%q: last statement %s", open, Format(last))
		}
	}
	typ := "type t = " + strings.Repeat("{a:", 10000)
	if _, diags := Parse("deep.bicep", []byte(typ)); !diags.HasErrors() {
		t.Error("deep type: no diagnostic")
	}
}
