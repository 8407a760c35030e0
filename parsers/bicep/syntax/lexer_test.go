package syntax

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// kinds renders tokens compactly: the kind, and the text or value that
// matters for it.
func kinds(toks []Token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		out = append(out, t.String())
	}
	return out
}

func TestLexTokens(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "declaration",
			src:  "param location string = 'westeurope'",
			want: []string{`keyword "param"`, `identifier "location"`, `identifier "string"`, `'='`, `string "westeurope"`, "end of file"},
		},
		{
			name: "contextual keywords",
			src:  "resource existing if for in true null",
			want: []string{`keyword "resource"`, `keyword "existing"`, `keyword "if"`, `keyword "for"`, `keyword "in"`, `keyword "true"`, `keyword "null"`, "end of file"},
		},
		{
			name: "integers and identifiers",
			src:  "_a1 42 007 x9",
			want: []string{`identifier "_a1"`, `integer "42"`, `integer "007"`, `identifier "x9"`, "end of file"},
		},
		{
			name: "escapes",
			src:  `'a\\b\'c\nd\re\tf\$g\u{41}\u{1F600}'`,
			want: []string{`string "a\\b'c\nd\re\tf$gA😀"`, "end of file"},
		},
		{
			name: "dollar without brace is literal",
			src:  `'cost: $5 ${x}$'`,
			want: []string{`string "cost: $5 "`, `identifier "x"`, `string "$"`, "end of file"},
		},
		{
			name: "escaped interpolation",
			src:  `'\${x}'`,
			want: []string{`string "${x}"`, "end of file"},
		},
		{
			name: "interpolation",
			src:  `'${a}-${b.c}!'`,
			want: []string{`string ""`, `identifier "a"`, `string "-"`, `identifier "b"`, `'.'`, `identifier "c"`, `string "!"`, "end of file"},
		},
		{
			name: "nested interpolation",
			src:  `'x${'y${'z${n}'}'}w'`,
			want: []string{
				`string "x"`, `string "y"`, `string "z"`, `identifier "n"`, `string ""`, `string ""`, `string "w"`, "end of file",
			},
		},
		{
			name: "braces inside an interpolation",
			src:  `'${{a: {b: 1}}.a}'`,
			want: []string{
				`string ""`, `'{'`, `identifier "a"`, `':'`, `'{'`, `identifier "b"`, `':'`, `integer "1"`, `'}'`, `'}'`, `'.'`, `identifier "a"`, `string ""`, "end of file",
			},
		},
		{
			name: "multi-line string",
			src:  "'''\nline 1\n  'quoted' \\n ${x}\n'''",
			want: []string{`multi-line string "line 1\n  'quoted' \\n ${x}\n"`, "end of file"},
		},
		{
			name: "multi-line string with CRLF line ends",
			src:  "'''\r\na\r\nb\r\n'''",
			want: []string{`multi-line string "a\r\nb\r\n"`, "end of file"},
		},
		{
			name: "multi-line string with extra quotes",
			src:  "''''abc''''",
			want: []string{`multi-line string "'abc'"`, "end of file"},
		},
		{
			name: "empty multi-line string",
			src:  "''''''",
			want: []string{`multi-line string ""`, "end of file"},
		},
		{
			name: "interpolated multi-line string",
			src:  "$'''\na${b}c\n'''",
			want: []string{`multi-line string "a"`, `identifier "b"`, `multi-line string "c\n"`, "end of file"},
		},
		{
			name: "multi-line string with two dollars",
			src:  "$$'''${a}$${b}$$${c}'''",
			want: []string{`multi-line string "${a}"`, `identifier "b"`, `multi-line string "$"`, `identifier "c"`, `multi-line string ""`, "end of file"},
		},
		{
			name: "comments and directives",
			src:  "a // line\n/* block\nstill */ b #disable-next-line BCP081\nc",
			want: []string{`identifier "a"`, "newline", `identifier "b"`, "newline", `identifier "c"`, "end of file"},
		},
		{
			name: "newline forms",
			src:  "a\nb\r\nc\rd\n\n",
			want: []string{`identifier "a"`, "newline", `identifier "b"`, "newline", `identifier "c"`, "newline", `identifier "d"`, "newline", "newline", "end of file"},
		},
		{
			name: "operators",
			src:  "? : ?? ! && || == != < <= > >= =~ !~ + - * / % . [ ] ( ) { } , = => :: ... @ | ^ ;",
			want: []string{
				"'?'", "':'", "'??'", "'!'", "'&&'", "'||'", "'=='", "'!='", "'<'", "'<='", "'>'", "'>='", "'=~'", "'!~'",
				"'+'", "'-'", "'*'", "'/'", "'%'", "'.'", "'['", "']'", "'('", "')'", "'{'", "'}'", "','", "'='", "'=>'",
				"'::'", "'...'", "'@'", "'|'", "'^'", "';'", "end of file",
			},
		},
		{
			name: "safe access and index from the end",
			src:  "a.?b[?0][^1]!",
			want: []string{`identifier "a"`, "'.'", "'?'", `identifier "b"`, "'['", "'?'", `integer "0"`, "']'", "'['", "'^'", `integer "1"`, "']'", "'!'", "end of file"},
		},
		{
			name: "byte order mark",
			src:  "\uFEFFvar",
			want: []string{`keyword "var"`, "end of file"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks, _, diags := Lex("t.bicep", []byte(tt.src))
			if len(diags) > 0 {
				t.Errorf("unexpected diagnostics: %v", diags)
			}
			if diff := cmp.Diff(tt.want, kinds(toks)); diff != "" {
				t.Errorf("tokens (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLexPositions(t *testing.T) {
	src := "var é = 'x${y}'\r\n  // c\n\tz"
	toks, comments, diags := Lex("t.bicep", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags)
	}
	type tok struct {
		Text       string
		Start, End Pos
	}
	var got []tok
	for _, tk := range toks {
		got = append(got, tok{tk.Text, tk.Range.Start, tk.Range.End})
	}
	want := []tok{
		{"var", Pos{1, 1, 0}, Pos{1, 4, 3}},
		{"é", Pos{1, 5, 4}, Pos{1, 6, 6}}, // two bytes, one column
		{"=", Pos{1, 7, 7}, Pos{1, 8, 8}},
		{"'x${", Pos{1, 9, 9}, Pos{1, 13, 13}},
		{"y", Pos{1, 13, 13}, Pos{1, 14, 14}},
		{"}'", Pos{1, 14, 14}, Pos{1, 16, 16}},
		{"\r\n", Pos{1, 16, 16}, Pos{2, 1, 18}},
		{"\n", Pos{2, 7, 24}, Pos{3, 1, 25}},
		{"z", Pos{3, 2, 26}, Pos{3, 3, 27}},
		{"", Pos{3, 3, 27}, Pos{3, 3, 27}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	wantComments := []Comment{{Text: "// c", Range: Range{Pos{2, 3, 20}, Pos{2, 7, 24}}}}
	if diff := cmp.Diff(wantComments, comments); diff != "" {
		t.Errorf("comments (-want +got):\n%s", diff)
	}
}

func TestLexDiagnostics(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // "line:column summary"
	}{
		{"unterminated string", "var a = 'abc\nvar b = 1", []string{"1:9 Unterminated string"}},
		{"unknown escape", `var a = 'a\qb'`, []string{"1:11 Invalid escape sequence"}},
		{"bad unicode escape", `var a = '\u{110000}'`, []string{"1:10 Invalid escape sequence"}},
		{"unicode escape without braces", `var a = '\u0041'`, []string{"1:10 Invalid escape sequence"}},
		{"unterminated comment", "var a = 1 /* no end", []string{"1:11 Unterminated comment"}},
		{"unterminated multi-line string", "var a = '''\nabc", []string{"1:9 Unterminated multi-line string"}},
		{"open interpolation at the end of the line", "var a = '${b\nvar c = 1", []string{"1:13 Unterminated string"}},
		{"open interpolation at the end of the file", "var a = $'''${b", []string{"1:16 Unterminated string"}},
		{"illegal character", "var a = 1 ~ 2", []string{"1:11 Invalid character"}},
		{"invalid UTF-8", "var a = 'x\xffy'\nvar \xfe\xfe = 1", []string{"1:11 Invalid UTF-8", "2:5 Invalid UTF-8"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, diags := Lex("t.bicep", []byte(tt.src))
			var got []string
			for _, d := range diags {
				got = append(got, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
				if d.Subject.File != "t.bicep" {
					t.Errorf("diagnostic file %q", d.Subject.File)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLexInterpolationIsBalanced(t *testing.T) {
	// Whatever the input, string pieces come balanced, so that the parser
	// can always find the end of an interpolation.
	for _, src := range []string{"'${", "'${'${", "$'''${ '${ \n x", "'${}'}'", "'${'", "'${{{'"} {
		toks, _, _ := Lex("t.bicep", []byte(src))
		depth := 0
		for _, tk := range toks {
			switch tk.Kind {
			case StringHead, MultilineHead:
				depth++
			case StringTail, MultilineTail:
				depth--
			}
			if depth < 0 {
				t.Errorf("%q: a string piece closes nothing", src)
			}
		}
		if depth != 0 {
			t.Errorf("%q: %d interpolations left open: %s", src, depth, strings.Join(kinds(toks), ", "))
		}
	}
}
