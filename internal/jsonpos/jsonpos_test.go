package jsonpos

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/diag"
)

func TestPositions(t *testing.T) {
	src := `{
  // a comment
  "a": [1, -2.5e3, true, null],
  /* another */ "b": {"c": "x\"y\u00e9\ud83d\ude00"}
}`
	v, dups, err := Parse([]byte(src), Options{})
	if err != nil || len(dups) != 0 {
		t.Fatalf("parse: %v %v", err, dups)
	}
	a, _ := v.Get("a")
	if a.Pos != (diag.Pos{Line: 3, Column: 8}) || a.Array[1].Num != "-2.5e3" || a.Array[2].Pos != (diag.Pos{Line: 3, Column: 20}) {
		t.Errorf("a: %+v", a)
	}
	b, _ := v.Get("B")
	c, _ := b.Get("c")
	if c.Str != "x\"yé😀" || c.Pos != (diag.Pos{Line: 4, Column: 28}) {
		t.Errorf("c: %q at %v", c.Str, c.Pos)
	}
	want := map[string]any{"a": []any{int64(1), -2500.0, true, nil}, "b": map[string]any{"c": "x\"yé😀"}}
	if diff := cmp.Diff(want, v.Interface()); diff != "" {
		t.Errorf("Interface (-want +got):\n%s", diff)
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		src       string
		line, col int
		msg       string
	}{
		{`{"a": 1`, 1, 8, "expected ',' or '}'"},
		{`{"a": "x`, 1, 7, "unterminated string"},
		{"{\n  \"a\": tru\n}", 2, 8, "expected a value"},
		{`[1 2]`, 1, 4, "expected ',' or ']'"},
		{`{"a": 01x}`, 1, 9, "expected ',' or '}'"},
		{`{} {}`, 1, 4, "after the end"},
		{"{\"a\": \"\xff\"}", 1, 8, "invalid UTF-8"},
		{`{"a": "\q"}`, 1, 8, `invalid escape \q`},
		{`/* open`, 1, 1, "unterminated /* comment"},
		{``, 1, 1, "end of file"},
		{`[[[[1]]]]`, 1, 4, "nesting deeper than 2"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			_, _, err := Parse([]byte(c.src), Options{MaxDepth: 2})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("want a syntax error, got %v", err)
			}
			if se.Pos.Line != c.line || se.Pos.Column != c.col || !strings.Contains(se.Msg, c.msg) {
				t.Errorf("got %v, want %d:%d %q", se, c.line, c.col, c.msg)
			}
		})
	}
}

func TestDuplicateKeys(t *testing.T) {
	v, dups, err := Parse([]byte("{\"sku\": \"Basic\",\n \"SKU\": \"Premium\"}"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(dups) != 1 || dups[0].Pos.Line != 2 || !strings.Contains(dups[0].Msg, "first at line 1") {
		t.Errorf("dups: %v", dups)
	}
	if s, _ := v.Get("sku"); s.Str != "Premium" {
		t.Errorf("the last duplicate wins: %v", s.Str)
	}
}

// TestDuplicateKeysLargeObject: an object past smallObject members,
// looked up through an index, finds the same duplicates as a small one,
// with keys compared in lower case whatever their script.
func TestDuplicateKeysLargeObject(t *testing.T) {
	for _, n := range []int{2, smallObject - 1, smallObject, smallObject + 1, 3 * smallObject} {
		var b strings.Builder
		b.WriteString("{")
		for i := range n {
			fmt.Fprintf(&b, "%q: %d,\n", fmt.Sprintf("Key%d", i), i)
		}
		// Duplicates of an early key, of a non-ASCII key whose lower case
		// differs in length, and a pair equal only under case folding
		// (final sigma), which lower case keeps apart.
		b.WriteString(`"KEY0": "last", "\u0130x": 1, "\u0130X": 2, "\u03c2": 1, "\u03c3": 2}`)
		v, dups, err := Parse([]byte(b.String()), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(dups) != 2 {
			t.Errorf("%d members: dups %v", n, dups)
		}
		if len(v.Members) != n+3 {
			t.Errorf("%d members: got %d members", n, len(v.Members))
		}
		if k, _ := v.Get("key0"); k.Str != "last" {
			t.Errorf("%d members: the last duplicate wins: %q", n, k.Str)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"apiVersion", "APIVERSION", true}, {"a", "ab", false}, {"a1", "a2", false},
		{"\u0130", "i", true}, {"\u00c9t\u00e9", "\u00e9T\u00c9", true}, {"\u03c2", "\u03c3", false},
	} {
		a, b := c.a, c.b
		la, lb := strings.ToLower(a), strings.ToLower(b)
		if got, want := equalLower(a, b), la == lb; got != want || got != c.want {
			t.Errorf("equalLower(%q, %q) = %v, strings.ToLower says %v", a, b, got, want)
		}
	}
}

// TestLiteralsReadInPlace checks that a word literal (true, false, null)
// is matched against the source in place: the bytes allocated to parse an
// array of them grow with the array, not with the array times the rest of
// the file.
func TestLiteralsReadInPlace(t *testing.T) {
	perLiteral := func(n int) float64 {
		src := []byte("[" + strings.Repeat("true, false, null, ", n) + "true]")
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		v, _, err := Parse(src, Options{})
		runtime.ReadMemStats(&after)
		if err != nil || len(v.Array) != 3*n+1 {
			t.Fatalf("%d literals: %v", 3*n+1, err)
		}
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(3*n+1)
	}
	small, large := perLiteral(1000), perLiteral(16000)
	// Each literal is one Value and a slot in the array; copying what
	// follows it would cost tens of kilobytes per literal in the large one.
	if large > 2*small+64 || large > 512 {
		t.Errorf("bytes allocated per literal: %.0f for 3,001 literals, %.0f for 48,001", small, large)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":[1,2,{"b":null}]}`, "// c\n[\"\\u00e9\"]", `{"a":`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, _, err := Parse(data, Options{})
		if err == nil && v == nil {
			t.Fatal("no value and no error")
		}
	})
}
