package syntax

import (
	"fmt"

	"github.com/acrlint/acrlint/internal/diag"
)

// Pos is a position in a source file. Line and Column start at 1; Column
// counts characters (runes, an invalid byte counting as one), Offset counts
// bytes from the start of the file.
type Pos struct {
	Line   int
	Column int
	Offset int
}

func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Column) }

// Range is the span of source between Start (inclusive) and End
// (exclusive).
type Range struct {
	Start Pos
	End   Pos
}

func (r Range) String() string { return r.Start.String() + "-" + r.End.String() }

// Diag returns the range as a diagnostic subject in file.
func (r Range) Diag(file string) diag.Range {
	return diag.Range{
		File:  file,
		Start: diag.Pos{Line: r.Start.Line, Column: r.Start.Column},
		End:   diag.Pos{Line: r.End.Line, Column: r.End.Column},
	}
}

// Kind is the kind of a token.
type Kind uint8

// The token kinds.
const (
	EOF        Kind = iota
	Illegal         // a character that starts no token
	NewLine         // "\n", "\r\n" or "\r": Bicep separates statements and items with newlines
	Identifier      // a name that is not a keyword
	Keyword         // a contextual keyword: see Keywords
	Int             // a decimal integer

	String       // 'text' without interpolation
	StringHead   // 'text${
	StringMiddle // }text${
	StringTail   // }text'

	MultilineString // '''text''' or $'''text''' without interpolation
	MultilineHead   // $'''text${
	MultilineMiddle // }text${ inside $'''
	MultilineTail   // }text'''

	LBrace           // {
	RBrace           // }
	LParen           // (
	RParen           // )
	LBrack           // [
	RBrack           // ]
	Comma            // ,
	Dot              // .
	Question         // ?
	Colon            // :
	Semicolon        // ;
	Assign           // =
	At               // @
	Plus             // +
	Minus            // -
	Star             // *
	Slash            // /
	Percent          // %
	Bang             // !
	Lt               // <
	Gt               // >
	Le               // <=
	Ge               // >=
	Eq               // ==
	Ne               // !=
	EqI              // =~
	NeI              // !~
	AndAnd           // &&
	OrOr             // ||
	QuestionQuestion // ??
	ColonColon       // ::
	Arrow            // =>
	Pipe             // |
	Ellipsis         // ...
	Hat              // ^
)

var kindNames = [...]string{
	EOF: "end of file", Illegal: "illegal character", NewLine: "newline",
	Identifier: "identifier", Keyword: "keyword", Int: "integer",
	String: "string", StringHead: "string", StringMiddle: "string", StringTail: "string",
	MultilineString: "multi-line string", MultilineHead: "multi-line string",
	MultilineMiddle: "multi-line string", MultilineTail: "multi-line string",
	LBrace: "'{'", RBrace: "'}'", LParen: "'('", RParen: "')'", LBrack: "'['", RBrack: "']'",
	Comma: "','", Dot: "'.'", Question: "'?'", Colon: "':'", Semicolon: "';'", Assign: "'='",
	At: "'@'", Plus: "'+'", Minus: "'-'", Star: "'*'", Slash: "'/'", Percent: "'%'", Bang: "'!'",
	Lt: "'<'", Gt: "'>'", Le: "'<='", Ge: "'>='", Eq: "'=='", Ne: "'!='", EqI: "'=~'", NeI: "'!~'",
	AndAnd: "'&&'", OrOr: "'||'", QuestionQuestion: "'??'", ColonColon: "'::'", Arrow: "'=>'",
	Pipe: "'|'", Ellipsis: "'...'", Hat: "'^'",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Keywords are the words the lexer marks as Keyword. All of them are
// contextual: a keyword can still name a property, and true, false and
// null are the only ones that are never a reference.
var Keywords = map[string]bool{
	"targetScope": true, "metadata": true, "param": true, "var": true, "output": true,
	"resource": true, "module": true, "existing": true, "if": true, "for": true, "in": true,
	"import": true, "from": true, "using": true, "extends": true, "type": true, "func": true,
	"extension": true, "extensionConfig": true, "provider": true, "with": true, "as": true, "assert": true, "test": true,
	"true": true, "false": true, "null": true,
}

// Token is one lexical token.
type Token struct {
	Kind Kind
	// Text is the token's source text (for a string piece, including its
	// quotes and interpolation delimiters).
	Text string
	// Value is the decoded content of a string piece: escapes applied,
	// quotes and delimiters removed. Empty for other tokens.
	Value string
	Range Range
}

func (t Token) String() string {
	switch t.Kind {
	case Identifier, Keyword, Int:
		return fmt.Sprintf("%s %q", t.Kind, t.Text)
	case String, StringHead, StringMiddle, StringTail,
		MultilineString, MultilineHead, MultilineMiddle, MultilineTail:
		return fmt.Sprintf("%s %q", t.Kind, t.Value)
	}
	return t.Kind.String()
}

// describe names the token for an error message: "identifier \"x\"",
// "newline", "'='".
func (t Token) describe() string {
	switch t.Kind {
	case Identifier, Keyword, Int:
		return fmt.Sprintf("%s %q", t.Kind, t.Text)
	case Illegal:
		return fmt.Sprintf("%q", t.Text)
	}
	return t.Kind.String()
}

// Comment is a // or /* */ comment, or a #directive line such as
// #disable-next-line. The parser does not interpret them; they are kept
// so that later stages can read suppression comments.
type Comment struct {
	Text      string // the whole comment, delimiters included
	Directive bool   // a # line
	Range     Range
}
