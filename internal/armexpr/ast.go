package armexpr

import (
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// Expr is a parsed expression: a string or integer literal, a function call,
// a property access or an index.
type Expr interface {
	// Offset is the byte offset of the expression in the parsed source.
	Offset() int
	// String renders the expression in canonical form; parsing the
	// rendering yields an equal expression.
	String() string
	expr()
}

// StringLit is a string literal: 'text', with ” standing for one quote.
type StringLit struct {
	Pos   int
	Value string
}

// IntLit is an integer literal, optionally negative.
type IntLit struct {
	Pos   int
	Value int64
}

// Call is a function call. Name is written as in the source; function names
// are case-insensitive, and user-defined functions are "namespace.name".
// true, false and null written without parentheses are calls without
// arguments.
type Call struct {
	Pos  int
	Name string
	Args []Expr
}

// Member reads a property: X.Name.
type Member struct {
	Pos  int // the offset of the dot
	X    Expr
	Name string
}

// Index reads an element or a property: X[Index].
type Index struct {
	Pos   int // the offset of the opening bracket
	X     Expr
	Index Expr
}

// constant is an already evaluated value standing for an argument, so that
// functions called with values (CallFunction) share the code of those called
// from an expression.
type constant struct {
	value graph.Value
}

// Offset implements Expr.
func (e *StringLit) Offset() int { return e.Pos }

// Offset implements Expr.
func (e *IntLit) Offset() int { return e.Pos }

// Offset implements Expr.
func (e *Call) Offset() int { return e.Pos }

// Offset implements Expr.
func (e *Member) Offset() int { return e.Pos }

// Offset implements Expr.
func (e *Index) Offset() int { return e.Pos }

func (e *constant) Offset() int { return 0 }

func (*StringLit) expr() {}
func (*IntLit) expr()    {}
func (*Call) expr()      {}
func (*Member) expr()    {}
func (*Index) expr()     {}
func (*constant) expr()  {}

func (e *StringLit) String() string { return quote(e.Value) }

func (e *IntLit) String() string { return strconv.FormatInt(e.Value, 10) }

func (e *Call) String() string {
	var b strings.Builder
	b.WriteString(e.Name)
	b.WriteByte('(')
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.String())
	}
	b.WriteByte(')')
	return b.String()
}

func (e *Member) String() string { return e.X.String() + "." + e.Name }

func (e *Index) String() string { return e.X.String() + "[" + e.Index.String() + "]" }

func (e *constant) String() string { return "<value>" }

// quote renders s as a string literal.
func quote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
