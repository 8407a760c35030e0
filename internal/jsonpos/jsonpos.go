// Package jsonpos parses JSON into a tree that keeps the line and column of
// every value and key, so that a finding on an ARM template property points
// at that property. It accepts the comments ARM templates may carry (// and
// /* */) and reports duplicate keys, invalid UTF-8 and syntax errors with
// their position.
package jsonpos

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/acrlint/acrlint/internal/diag"
)

// Kind is the JSON type of a value.
type Kind int

// The JSON kinds.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

func (k Kind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// Value is a JSON value with its position.
type Value struct {
	Kind Kind
	Pos  diag.Pos
	// End is the position just after the closing brace or bracket of an
	// object or array.
	End  diag.Pos
	Bool bool
	// Num is the number's literal text.
	Num   string
	Str   string
	Array []*Value
	// Members keep the order of the source.
	Members []Member
}

// Member is one key of an object.
type Member struct {
	Key    string
	KeyPos diag.Pos
	Value  *Value
}

// Get returns the member named key, matching case-insensitively when no
// member has the exact name (ARM property names are case-insensitive).
func (v *Value) Get(key string) (*Value, bool) {
	if v == nil || v.Kind != Object {
		return nil, false
	}
	for _, m := range v.Members {
		if m.Key == key {
			return m.Value, true
		}
	}
	for _, m := range v.Members {
		if strings.EqualFold(m.Key, key) {
			return m.Value, true
		}
	}
	return nil, false
}

// Interface converts the value into encoding/json-style Go values (numbers
// as int64 when integral, else float64).
func (v *Value) Interface() any {
	switch v.Kind {
	case Bool:
		return v.Bool
	case Number:
		if i, err := strconv.ParseInt(v.Num, 10, 64); err == nil {
			return i
		}
		f, _ := strconv.ParseFloat(v.Num, 64)
		return f
	case String:
		return v.Str
	case Array:
		out := make([]any, len(v.Array))
		for i, e := range v.Array {
			out[i] = e.Interface()
		}
		return out
	case Object:
		out := make(map[string]any, len(v.Members))
		for _, m := range v.Members {
			out[m.Key] = m.Value.Interface()
		}
		return out
	}
	return nil
}

// SyntaxError is a parse error at a position.
type SyntaxError struct {
	Pos diag.Pos
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
}

// Options bound the parser.
type Options struct {
	// MaxDepth bounds nesting (0 means 512).
	MaxDepth int
}

// Parse parses one JSON document. Duplicate keys are returned as
// warnings (the last one wins, as Azure Resource Manager does).
func Parse(data []byte, opts Options) (*Value, []*SyntaxError, error) {
	if opts.MaxDepth == 0 {
		opts.MaxDepth = 512
	}
	p := &parser{src: data, text: string(data), line: 1, col: 1, max: opts.MaxDepth}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			i += n
		}
		p.advanceTo(i)
		return nil, nil, p.errf("invalid UTF-8 in the file")
	}
	// A byte order mark is allowed.
	if bytes.HasPrefix(data, []byte("\uFEFF")) {
		p.off = 3
	}
	v, err := p.value(0)
	if err != nil {
		return nil, p.dups, err
	}
	if err := p.space(); err != nil {
		return nil, p.dups, err
	}
	if p.off < len(p.src) {
		return nil, p.dups, p.errf("unexpected %s after the end of the document", p.what())
	}
	return v, p.dups, nil
}

type parser struct {
	src []byte
	// text is src as a string: the strings and numbers of the document
	// are slices of it rather than one allocation each (so the text stays
	// in memory while any of them is used).
	text      string
	off       int
	line, col int
	max       int
	dups      []*SyntaxError
}

func (p *parser) pos() diag.Pos { return diag.Pos{Line: p.line, Column: p.col} }

func (p *parser) errf(format string, args ...any) error {
	return &SyntaxError{Pos: p.pos(), Msg: fmt.Sprintf(format, args...)}
}

// advanceTo moves to offset i, counting lines and columns in characters.
func (p *parser) advanceTo(i int) {
	for p.off < i {
		c := p.src[p.off]
		switch {
		case c == '\n':
			p.off++
			p.line++
			p.col = 1
		case c < utf8.RuneSelf:
			p.off++
			p.col++
		default:
			_, n := utf8.DecodeRune(p.src[p.off:])
			p.off += n
			p.col++
		}
	}
}

func (p *parser) what() string {
	if p.off >= len(p.src) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.src[p.off:])
	return strconv.QuoteRune(r)
}

// space skips whitespace and comments.
func (p *parser) space() error {
	for p.off < len(p.src) {
		c := p.src[p.off]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			p.advanceTo(p.off + 1)
		case c == '/' && p.off+1 < len(p.src) && p.src[p.off+1] == '/':
			end := bytes.IndexByte(p.src[p.off:], '\n')
			if end < 0 {
				p.advanceTo(len(p.src))
			} else {
				p.advanceTo(p.off + end)
			}
		case c == '/' && p.off+1 < len(p.src) && p.src[p.off+1] == '*':
			end := bytes.Index(p.src[p.off+2:], []byte("*/"))
			if end < 0 {
				return p.errf("unterminated /* comment")
			}
			p.advanceTo(p.off + 2 + end + 2)
		default:
			return nil
		}
	}
	return nil
}

func (p *parser) value(depth int) (*Value, error) {
	if depth > p.max {
		return nil, p.errf("nesting deeper than %d levels", p.max)
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.off >= len(p.src) {
		return nil, p.errf("unexpected end of file, expected a value")
	}
	start := p.pos()
	switch c := p.src[p.off]; {
	case c == '{':
		return p.object(start, depth)
	case c == '[':
		return p.array(start, depth)
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &Value{Kind: String, Pos: start, Str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number(start)
	default:
		for _, l := range literals {
			if bytes.HasPrefix(p.src[p.off:], l.word) {
				p.advanceTo(p.off + len(l.word))
				return &Value{Kind: l.kind, Pos: start, Bool: l.b}, nil
			}
		}
		return nil, p.errf("unexpected %s, expected a value", p.what())
	}
}

// literals are the JSON values spelled as words.
var literals = []struct {
	word []byte
	kind Kind
	b    bool
}{
	{[]byte("true"), Bool, true},
	{[]byte("false"), Bool, false},
	{[]byte("null"), Null, false},
}

func (p *parser) object(start diag.Pos, depth int) (*Value, error) {
	p.advanceTo(p.off + 1)
	v := &Value{Kind: Object, Pos: start}
	// seen indexes the members by lower-case key once the object is too
	// large to look through; most objects are small, and need no index.
	var seen map[string]int
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.src) && p.src[p.off] == '}' {
			p.advanceTo(p.off + 1)
			v.End = p.pos()
			return v, nil
		}
		if len(v.Members) > 0 {
			if p.off >= len(p.src) || p.src[p.off] != ',' {
				return nil, p.errf("unexpected %s, expected ',' or '}' after an object member", p.what())
			}
			p.advanceTo(p.off + 1)
			if err := p.space(); err != nil {
				return nil, err
			}
		}
		if p.off >= len(p.src) || p.src[p.off] != '"' {
			return nil, p.errf("unexpected %s, expected a string key", p.what())
		}
		keyPos := p.pos()
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off >= len(p.src) || p.src[p.off] != ':' {
			return nil, p.errf("unexpected %s, expected ':' after key %q", p.what(), key)
		}
		p.advanceTo(p.off + 1)
		val, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		if i := v.member(key, seen); i >= 0 {
			first := v.Members[i].KeyPos
			p.dups = append(p.dups, &SyntaxError{Pos: keyPos, Msg: fmt.Sprintf("duplicate key %q (first at line %d); the last one wins", key, first.Line)})
			v.Members[i] = Member{Key: key, KeyPos: keyPos, Value: val}
			continue
		}
		v.Members = append(v.Members, Member{Key: key, KeyPos: keyPos, Value: val})
		switch n := len(v.Members); {
		case seen != nil:
			seen[strings.ToLower(key)] = n - 1
		case n > smallObject:
			seen = make(map[string]int, 2*n)
			for i, m := range v.Members {
				seen[strings.ToLower(m.Key)] = i
			}
		}
	}
}

// smallObject is the number of members up to which an object's keys are
// compared one by one rather than indexed.
const smallObject = 16

// member returns the index of the member whose key equals key in lower
// case, or -1; seen is the index of a large object, nil for a small one.
func (v *Value) member(key string, seen map[string]int) int {
	if seen != nil {
		if i, ok := seen[strings.ToLower(key)]; ok {
			return i
		}
		return -1
	}
	for i, m := range v.Members {
		if equalLower(m.Key, key) {
			return i
		}
	}
	return -1
}

// equalLower reports whether a and b are equal in lower case
// (strings.ToLower), without allocating when both are ASCII.
func equalLower(a, b string) bool {
	if len(a) != len(b) {
		// Lower-casing keeps the length of ASCII text, not of all text.
		if isASCII(a) && isASCII(b) {
			return false
		}
		return sameLower(a, b)
	}
	for i := range len(a) {
		x, y := a[i], b[i]
		if x >= utf8.RuneSelf || y >= utf8.RuneSelf {
			return sameLower(a, b)
		}
		if x != y && lowerASCII(x) != lowerASCII(y) {
			return false
		}
	}
	return true
}

// sameLower compares a and b in lower case, as the index of a large object
// does: strings.ToLower, not Unicode case folding, under which "ς" and "σ"
// would be the same key.
func sameLower(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return la == lb
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func (p *parser) array(start diag.Pos, depth int) (*Value, error) {
	p.advanceTo(p.off + 1)
	v := &Value{Kind: Array, Pos: start, Array: []*Value{}}
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.off < len(p.src) && p.src[p.off] == ']' {
			p.advanceTo(p.off + 1)
			v.End = p.pos()
			return v, nil
		}
		if len(v.Array) > 0 {
			if p.off >= len(p.src) || p.src[p.off] != ',' {
				return nil, p.errf("unexpected %s, expected ',' or ']' after an array element", p.what())
			}
			p.advanceTo(p.off + 1)
		}
		e, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Array = append(v.Array, e)
	}
}

func (p *parser) number(start diag.Pos) (*Value, error) {
	i := p.off
	if p.src[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(p.src) && p.src[i] >= '0' && p.src[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if digits() == 0 {
		p.advanceTo(i)
		return nil, p.errf("invalid number: expected a digit")
	}
	if i < len(p.src) && p.src[i] == '.' {
		i++
		if digits() == 0 {
			p.advanceTo(i)
			return nil, p.errf("invalid number: expected a digit after '.'")
		}
	}
	if i < len(p.src) && (p.src[i] == 'e' || p.src[i] == 'E') {
		i++
		if i < len(p.src) && (p.src[i] == '+' || p.src[i] == '-') {
			i++
		}
		if digits() == 0 {
			p.advanceTo(i)
			return nil, p.errf("invalid number: expected a digit in the exponent")
		}
	}
	text := p.text[p.off:i]
	p.advanceTo(i)
	return &Value{Kind: Number, Pos: start, Num: text}, nil
}

// str reads a string literal at the current offset.
func (p *parser) str() (string, error) {
	start := p.pos()
	i := p.off + 1
	// from is where the text not yet copied to b starts: a string without
	// escapes is sliced from the source in one piece.
	from := i
	var b strings.Builder
	for {
		if i >= len(p.src) {
			p.advanceTo(i)
			return "", &SyntaxError{Pos: start, Msg: "unterminated string"}
		}
		c := p.src[i]
		switch {
		case c == '"':
			p.advanceTo(i + 1)
			if b.Len() == 0 {
				return p.text[from:i], nil
			}
			b.Write(p.src[from:i])
			return b.String(), nil
		case c == '\n':
			p.advanceTo(i)
			return "", &SyntaxError{Pos: start, Msg: "unterminated string: a newline inside a string must be written \\n"}
		case c < 0x20:
			p.advanceTo(i)
			return "", p.errf("control character %U in a string", rune(c))
		case c == '\\':
			if i+1 >= len(p.src) {
				p.advanceTo(i)
				return "", &SyntaxError{Pos: start, Msg: "unterminated string"}
			}
			b.Write(p.src[from:i])
			e := p.src[i+1]
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := hex4(p.src[i+2:])
				if !ok {
					p.advanceTo(i)
					return "", p.errf(`invalid \u escape: expected four hexadecimal digits`)
				}
				n := 6
				if utf16.IsSurrogate(r) && i+8 <= len(p.src) && p.src[i+6] == '\\' && p.src[i+7] == 'u' {
					if r2, ok := hex4(p.src[i+8:]); ok {
						if c := utf16.DecodeRune(r, r2); c != utf8.RuneError {
							r, n = c, 12
						}
					}
				}
				b.WriteRune(r)
				i += n
				from = i
				continue
			default:
				p.advanceTo(i)
				return "", p.errf("invalid escape \\%c in a string", e)
			}
			i += 2
			from = i
		default:
			i++
		}
	}
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(b[:4]), 16, 16)
	if err != nil {
		return 0, false
	}
	return rune(n), true
}
