package armexpr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MaxDepth is how deeply calls, property reads and indexes may nest in one
// expression; Parse rejects anything deeper.
const MaxDepth = 256

// SyntaxError is an expression that does not parse, or that calls a
// built-in function that does not exist or with the wrong number of
// arguments. Offset is a byte offset into the string given to Parse.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid expression at offset %d: %s", e.Offset, e.Msg)
}

// IsExpression reports whether a JSON string of a template is an expression:
// it starts with "[" and ends with "]", and does not start with "[[" (the
// escape for a literal string that starts with a bracket).
func IsExpression(s string) bool {
	return len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' && s[1] != '['
}

// Unescape returns the literal value of a JSON string of a template that is
// not an expression: "[[x]" stands for "[x]".
func Unescape(s string) string {
	if len(s) >= 2 && strings.HasPrefix(s, "[[") && s[len(s)-1] == ']' {
		return s[1:]
	}
	return s
}

// Parse parses an expression: either the text between the brackets or the
// whole "[...]" string. Errors are *SyntaxError with offsets into src.
func Parse(src string) (Expr, error) {
	p := &parser{src: src}
	end := len(src)
	if IsExpression(src) {
		p.pos = 1
		end = len(src) - 1
	}
	p.end = end
	p.skipSpace()
	if p.pos >= p.end {
		return nil, p.errorf(p.pos, "empty expression")
	}
	e, err := p.expression(0)
	if err != nil {
		return nil, err
	}
	p.skipSpace()
	if p.pos < p.end {
		return nil, p.errorf(p.pos, "unexpected %s after the expression", p.describe())
	}
	return e, nil
}

type parser struct {
	src      string
	pos, end int
}

func (p *parser) errorf(at int, format string, args ...any) error {
	return &SyntaxError{Offset: at, Msg: fmt.Sprintf(format, args...)}
}

// describe names what is at the current position, for error messages.
func (p *parser) describe() string {
	if p.pos >= p.end {
		return "end of expression"
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:p.end])
	if r < 0x20 || r == 0x7f || r == utf8.RuneError {
		return fmt.Sprintf("character %q", r)
	}
	return fmt.Sprintf("'%c'", r)
}

func (p *parser) skipSpace() {
	for p.pos < p.end {
		switch p.src[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) peek() byte {
	if p.pos < p.end {
		return p.src[p.pos]
	}
	return 0
}

// expression parses a primary expression followed by property reads and
// indexes.
func (p *parser) expression(depth int) (Expr, error) {
	if depth >= MaxDepth {
		return nil, p.errorf(p.pos, "expression nests deeper than %d levels", MaxDepth)
	}
	e, err := p.primary(depth)
	if err != nil {
		return nil, err
	}
	for {
		p.skipSpace()
		if c := p.peek(); c == '.' || c == '[' {
			switch e.(type) {
			case *StringLit, *IntLit:
				return nil, p.errorf(p.pos, "a property or an index can only follow a function call, not a literal")
			}
		}
		switch p.peek() {
		case '.':
			dot := p.pos
			p.pos++
			p.skipSpace()
			start := p.pos
			for p.pos < p.end && isNameChar(p.src[p.pos]) {
				p.pos++
			}
			if p.pos == start {
				return nil, p.errorf(p.pos, "expected a property name after '.', found %s", p.describe())
			}
			e = &Member{Pos: dot, X: e, Name: p.src[start:p.pos]}
		case '[':
			open := p.pos
			p.pos++
			p.skipSpace()
			if p.peek() == ']' {
				return nil, p.errorf(p.pos, "expected an index expression between '[' and ']'")
			}
			idx, err := p.expression(depth + 1)
			if err != nil {
				return nil, err
			}
			p.skipSpace()
			if p.peek() != ']' {
				return nil, p.errorf(p.pos, "expected ']' to close the index opened at offset %d, found %s", open, p.describe())
			}
			p.pos++
			e = &Index{Pos: open, X: e, Index: idx}
		default:
			return e, nil
		}
		depth++
		if depth >= MaxDepth {
			return nil, p.errorf(p.pos, "expression nests deeper than %d levels", MaxDepth)
		}
	}
}

func (p *parser) primary(depth int) (Expr, error) {
	p.skipSpace()
	start := p.pos
	c := p.peek()
	switch {
	case p.pos >= p.end:
		return nil, p.errorf(p.pos, "expected a function call, a string or an integer, found end of expression")
	case c == '\'':
		return p.stringLit()
	case c == '-' || isDigit(c):
		return p.intLit()
	case isNameStart(c):
		name := p.qualifiedName()
		p.skipSpace()
		if p.peek() != '(' {
			switch strings.ToLower(name) {
			case "true", "false", "null":
				// Accepted without parentheses, as Bicep and newer ARM do.
				return &Call{Pos: start, Name: name}, nil
			}
			return nil, p.errorf(p.pos, "expected '(' after the function name %q, found %s", name, p.describe())
		}
		open := p.pos
		p.pos++
		call := &Call{Pos: start, Name: name}
		p.skipSpace()
		if p.peek() == ')' {
			p.pos++
		} else {
			for {
				arg, err := p.expression(depth + 1)
				if err != nil {
					return nil, err
				}
				call.Args = append(call.Args, arg)
				p.skipSpace()
				if p.peek() == ',' {
					p.pos++
					continue
				}
				if p.peek() == ')' {
					p.pos++
					break
				}
				return nil, p.errorf(p.pos, "expected ',' or ')' after an argument of %s (opened at offset %d), found %s", name, open, p.describe())
			}
		}
		if err := checkCall(call); err != nil {
			return nil, err
		}
		return call, nil
	default:
		return nil, p.errorf(p.pos, "expected a function call, a string or an integer, found %s", p.describe())
	}
}

// qualifiedName reads a function name, with its namespace if any:
// "concat" or "contoso.uniqueName".
func (p *parser) qualifiedName() string {
	start := p.pos
	for {
		for p.pos < p.end && isIdentChar(p.src[p.pos]) {
			p.pos++
		}
		if p.peek() == '.' && p.pos+1 < p.end && isNameStart(p.src[p.pos+1]) {
			p.pos++
			continue
		}
		return p.src[start:p.pos]
	}
}

func (p *parser) stringLit() (Expr, error) {
	start := p.pos
	p.pos++ // opening quote
	var b strings.Builder
	for {
		i := strings.IndexByte(p.src[p.pos:p.end], '\'')
		if i < 0 {
			return nil, p.errorf(start, "unterminated string literal: expected a closing quote (')")
		}
		b.WriteString(p.src[p.pos : p.pos+i])
		p.pos += i + 1
		if p.peek() == '\'' { // '' is one quote
			b.WriteByte('\'')
			p.pos++
			continue
		}
		return &StringLit{Pos: start, Value: b.String()}, nil
	}
}

func (p *parser) intLit() (Expr, error) {
	start := p.pos
	if p.peek() == '-' {
		p.pos++
	}
	digits := p.pos
	for p.pos < p.end && isDigit(p.src[p.pos]) {
		p.pos++
	}
	if p.pos == digits {
		return nil, p.errorf(start, "expected digits after '-'")
	}
	if p.peek() == '.' && p.pos+1 < p.end && isDigit(p.src[p.pos+1]) {
		return nil, p.errorf(start, "floating-point literals are not supported; use json('%s...') instead", p.src[start:p.pos])
	}
	if p.pos < p.end && isIdentChar(p.src[p.pos]) {
		return nil, p.errorf(p.pos, "unexpected %s in a number", p.describe())
	}
	v, err := strconv.ParseInt(p.src[start:p.pos], 10, 64)
	if err != nil {
		return nil, p.errorf(start, "integer %s does not fit in 64 bits", p.src[start:p.pos])
	}
	return &IntLit{Pos: start, Value: v}, nil
}

// checkCall rejects calls of built-in functions that do not exist or that
// have the wrong number of arguments. Namespaced (user-defined) functions
// are checked when evaluated.
func checkCall(c *Call) error {
	if strings.Contains(c.Name, ".") {
		return nil
	}
	b, ok := lookupBuiltin(c.Name)
	if !ok {
		return &SyntaxError{Offset: c.Pos, Msg: fmt.Sprintf("unknown function %q", c.Name)}
	}
	if msg := b.arityError(len(c.Args)); msg != "" {
		return &SyntaxError{Offset: c.Pos, Msg: msg}
	}
	return nil
}

func isDigit(c byte) bool     { return c >= '0' && c <= '9' }
func isNameStart(c byte) bool { return c == '_' || c == '$' || (c|0x20) >= 'a' && (c|0x20) <= 'z' }
func isIdentChar(c byte) bool { return isNameStart(c) || isDigit(c) }

// isNameChar accepts the characters of a property name after a dot.
func isNameChar(c byte) bool { return isIdentChar(c) || c == '-' }
