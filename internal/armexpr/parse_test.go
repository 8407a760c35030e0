package armexpr

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIsExpressionAndUnescape(t *testing.T) {
	tests := []struct {
		in       string
		isExpr   bool
		unescape string
	}{
		{in: "[parameters('a')]", isExpr: true, unescape: "[parameters('a')]"},
		{in: "[[parameters('a')]", isExpr: false, unescape: "[parameters('a')]"},
		{in: "[[x]", isExpr: false, unescape: "[x]"},
		{in: "plain", isExpr: false, unescape: "plain"},
		{in: "[not closed", isExpr: false, unescape: "[not closed"},
		{in: "not opened]", isExpr: false, unescape: "not opened]"},
		{in: "[", isExpr: false, unescape: "["},
		{in: "[]", isExpr: true, unescape: "[]"},
		{in: "", isExpr: false, unescape: ""},
		// The escape only applies to strings that would be expressions.
		{in: "[[no closing", isExpr: false, unescape: "[[no closing"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := IsExpression(tt.in); got != tt.isExpr {
				t.Errorf("IsExpression(%q) = %v, want %v", tt.in, got, tt.isExpr)
			}
			if got := Unescape(tt.in); got != tt.unescape {
				t.Errorf("Unescape(%q) = %q, want %q", tt.in, got, tt.unescape)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Expr
	}{
		{
			name: "string with escaped quotes",
			src:  "'it''s'",
			want: &StringLit{Pos: 0, Value: "it's"},
		},
		{
			name: "empty string",
			src:  "''",
			want: &StringLit{Pos: 0, Value: ""},
		},
		{
			name: "only an escaped quote",
			src:  "''''",
			want: &StringLit{Pos: 0, Value: "'"},
		},
		{
			name: "negative integer",
			src:  "-42",
			want: &IntLit{Pos: 0, Value: -42},
		},
		{
			name: "brackets stripped, offsets kept",
			src:  "[concat('a', 'b')]",
			want: &Call{Pos: 1, Name: "concat", Args: []Expr{
				&StringLit{Pos: 8, Value: "a"},
				&StringLit{Pos: 13, Value: "b"},
			}},
		},
		{
			name: "nested calls with whitespace",
			src:  "  concat ( toLower( 'A' ) ,\n\t'b' )  ",
			want: &Call{Pos: 2, Name: "concat", Args: []Expr{
				&Call{Pos: 11, Name: "toLower", Args: []Expr{&StringLit{Pos: 20, Value: "A"}}},
				&StringLit{Pos: 29, Value: "b"},
			}},
		},
		{
			name: "member and index chain",
			src:  "reference('x').properties['ipConfigurations'][0].id",
			want: &Member{Pos: 48, Name: "id", X: &Index{Pos: 45, Index: &IntLit{Pos: 46, Value: 0},
				X: &Index{Pos: 25, Index: &StringLit{Pos: 26, Value: "ipConfigurations"},
					X: &Member{Pos: 14, Name: "properties",
						X: &Call{Pos: 0, Name: "reference", Args: []Expr{&StringLit{Pos: 10, Value: "x"}}}}}}},
		},
		{
			name: "case-insensitive function names",
			src:  "CONCAT('a')",
			want: &Call{Pos: 0, Name: "CONCAT", Args: []Expr{&StringLit{Pos: 7, Value: "a"}}},
		},
		{
			name: "call without arguments",
			src:  "resourceGroup().location",
			want: &Member{Pos: 15, Name: "location", X: &Call{Pos: 0, Name: "resourceGroup"}},
		},
		{
			name: "bare true",
			src:  "if(true, 1, 2)",
			want: &Call{Pos: 0, Name: "if", Args: []Expr{
				&Call{Pos: 3, Name: "true"}, &IntLit{Pos: 9, Value: 1}, &IntLit{Pos: 12, Value: 2},
			}},
		},
		{
			name: "user-defined function",
			src:  "contoso.uniqueName('x')",
			want: &Call{Pos: 0, Name: "contoso.uniqueName", Args: []Expr{&StringLit{Pos: 19, Value: "x"}}},
		},
		{
			name: "brackets inside a string",
			src:  "['[x]']",
			want: &StringLit{Pos: 1, Value: "[x]"},
		},
		{
			name: "property name with a hyphen",
			src:  "parameters('o').my-prop",
			want: &Member{Pos: 15, Name: "my-prop", X: &Call{Pos: 0, Name: "parameters", Args: []Expr{&StringLit{Pos: 11, Value: "o"}}}},
		},
		{
			name: "lambda",
			src:  "filter(createArray(1), lambda('x', greater(lambdaVariables('x'), 0)))",
			want: &Call{Pos: 0, Name: "filter", Args: []Expr{
				&Call{Pos: 7, Name: "createArray", Args: []Expr{&IntLit{Pos: 19, Value: 1}}},
				&Call{Pos: 23, Name: "lambda", Args: []Expr{
					&StringLit{Pos: 30, Value: "x"},
					&Call{Pos: 35, Name: "greater", Args: []Expr{
						&Call{Pos: 43, Name: "lambdaVariables", Args: []Expr{&StringLit{Pos: 59, Value: "x"}}},
						&IntLit{Pos: 65, Value: 0},
					}},
				}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.src, diff)
			}
			// The canonical rendering parses back to the same rendering.
			again, err := Parse(got.String())
			if err != nil {
				t.Fatalf("Parse(%q) (the rendering): %v", got.String(), err)
			}
			if again.String() != got.String() {
				t.Errorf("rendering changed: %q then %q", got.String(), again.String())
			}
		})
	}
}

func TestString(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[concat( 'a' ,'it''s' )]", "concat('a', 'it''s')"},
		{"parameters('p').a['b'][0]", "parameters('p').a['b'][0]"},
		{"[true]", "true()"},
		{"add(-1,2)", "add(-1, 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, e.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	deep := strings.Repeat("concat(", 300) + "'x'" + strings.Repeat(")", 300)
	tests := []struct {
		name   string
		src    string
		offset int
		msg    string // a part of the message
	}{
		{name: "unterminated string", src: "[concat('abc)]", offset: 8, msg: "unterminated string literal"},
		{name: "unterminated after escaped quote", src: "'it''s", offset: 0, msg: "unterminated string literal"},
		{name: "missing closing parenthesis", src: "[concat('a', 'b']", offset: 16, msg: "expected ',' or ')' after an argument of concat"},
		{name: "missing parenthesis at the end", src: "concat('a'", offset: 10, msg: "found end of expression"},
		{name: "unknown function", src: "[concat(nosuch('a'))]", offset: 8, msg: `unknown function "nosuch"`},
		{name: "too few arguments", src: "substring()", offset: 0, msg: "substring takes at least 1 argument, got 0"},
		{name: "too many arguments", src: "[toLower('a', 'b')]", offset: 1, msg: "toLower takes 1 argument, got 2"},
		{name: "wrong count for exact arity", src: "if(true(), 1)", offset: 0, msg: "if takes 3 arguments, got 2"},
		{name: "empty", src: "[]", offset: 1, msg: "empty expression"},
		{name: "only spaces", src: "[   ]", offset: 4, msg: "empty expression"},
		{name: "trailing text", src: "[concat('a') x]", offset: 13, msg: "unexpected 'x' after the expression"},
		{name: "bare identifier", src: "foo", offset: 3, msg: `expected '(' after the function name "foo"`},
		{name: "missing property name", src: "resourceGroup().", offset: 16, msg: "expected a property name"},
		{name: "unclosed index", src: "parameters('a')[0", offset: 17, msg: "expected ']' to close the index opened at offset 15"},
		{name: "empty index", src: "parameters('a')[]", offset: 16, msg: "expected an index expression"},
		{name: "float literal", src: "add(1.5, 1)", offset: 4, msg: "floating-point literals are not supported"},
		{name: "integer overflow", src: "add(99999999999999999999, 1)", offset: 4, msg: "does not fit in 64 bits"},
		{name: "lone minus", src: "add(-, 1)", offset: 4, msg: "expected digits after '-'"},
		{name: "trailing comma", src: "concat('a',)", offset: 11, msg: "expected a function call, a string or an integer, found ')'"},
		{name: "too deep", src: deep, offset: 1792, msg: "nests deeper than 256 levels"},
		{name: "property of a literal", src: "0. 0", offset: 1, msg: "can only follow a function call"},
		{name: "index of a literal", src: "'abc'[0]", offset: 5, msg: "can only follow a function call"},
		{name: "non-ASCII", src: "concat(é)", offset: 7, msg: "found 'é'"},
		{name: "control character", src: "concat(\x01)", offset: 7, msg: `found character '\x01'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.src)
			se, ok := errors.AsType[*SyntaxError](err)
			if !ok {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.src, err)
			}
			if se.Offset != tt.offset || !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("Parse(%q) = offset %d %q, want offset %d and a message containing %q", tt.src, se.Offset, se.Msg, tt.offset, tt.msg)
			}
		})
	}
}
