package syntax

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/acrlint/acrlint/internal/diag"
)

// Lex splits src into tokens, ending with an EOF token, and returns the
// comments and #directive lines it skipped. Problems (an unterminated
// string or comment, an unknown escape sequence, an illegal character,
// invalid UTF-8) are reported as diagnostics and lexing goes on.
func Lex(filename string, src []byte) ([]Token, []Comment, diag.Diagnostics) {
	// One string of the source: every token's Text is a slice of it. A
	// token is about four bytes of source on average.
	l := &lexer{file: filename, src: src, text: string(src), pos: Pos{Line: 1, Column: 1}, lastBad: -1,
		toks: make([]Token, 0, len(src)/3+16)}
	l.run()
	return l.toks, l.comments, l.diags
}

// interpFrame is an open ${ … } inside a string: the lexer returns to the
// string when it meets the '}' that closes it.
type interpFrame struct {
	depth     int // '{' opened inside the interpolation and not yet closed
	multiline bool
	dollars   int // for $'''…''': how many '$' open an interpolation
}

type lexer struct {
	file     string
	src      []byte
	text     string // src as a string
	pos      Pos
	toks     []Token
	comments []Comment
	diags    diag.Diagnostics
	interp   []interpFrame
	lastBad  int // offset just past the last invalid byte reported
	badLine  int // the line of the last unterminated string

	// dollarsScanned counts the '$' looked at for the opener of a $'''
	// string, so that tests can hold that lookahead to linear.
	dollarsScanned int
}

func (l *lexer) errorf(r Range, summary, detail string) {
	l.diags = append(l.diags, diag.Diagnostic{Severity: diag.Error, Summary: summary, Detail: detail, Subject: r.Diag(l.file)})
}

func (l *lexer) eof() bool { return l.pos.Offset >= len(l.src) }

// peek returns the byte i bytes ahead, or 0 past the end.
func (l *lexer) peek(i int) byte {
	if o := l.pos.Offset + i; o < len(l.src) {
		return l.src[o]
	}
	return 0
}

// next consumes one character and returns it; an invalid UTF-8 byte is
// consumed alone, reported, and returned as utf8.RuneError.
func (l *lexer) next() rune {
	if l.eof() {
		return 0
	}
	c := l.src[l.pos.Offset]
	r, size := rune(c), 1
	if c >= utf8.RuneSelf {
		r, size = utf8.DecodeRune(l.src[l.pos.Offset:])
		if r == utf8.RuneError && size == 1 {
			if l.pos.Offset != l.lastBad {
				end := l.pos
				end.Column++
				end.Offset++
				l.errorf(Range{l.pos, end}, "Invalid UTF-8",
					"The file is not valid UTF-8 text: byte 0x"+strconv.FormatUint(uint64(c), 16)+" does not start a character.")
			}
			l.lastBad = l.pos.Offset + 1
		}
	}
	l.pos.Offset += size
	switch {
	case r == '\n', r == '\r' && l.peek(0) != '\n':
		l.pos.Line++
		l.pos.Column = 1
	default:
		l.pos.Column++
	}
	return r
}

func (l *lexer) emit(k Kind, start Pos, value string) {
	l.toks = append(l.toks, Token{Kind: k, Text: l.text[start.Offset:l.pos.Offset], Value: value, Range: Range{start, l.pos}})
}

func isIdentStart(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || '0' <= r && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r)
}

func (l *lexer) peekRune() rune {
	if l.eof() {
		return 0
	}
	c := l.src[l.pos.Offset]
	if c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRune(l.src[l.pos.Offset:])
	return r
}

var ops2 = map[string]Kind{
	"<=": Le, ">=": Ge, "==": Eq, "!=": Ne, "=~": EqI, "!~": NeI, "&&": AndAnd, "||": OrOr,
	"??": QuestionQuestion, "::": ColonColon, "=>": Arrow,
}

var ops1 = map[byte]Kind{
	'{': LBrace, '}': RBrace, '(': LParen, ')': RParen, '[': LBrack, ']': RBrack, ',': Comma,
	'.': Dot, '?': Question, ':': Colon, ';': Semicolon, '=': Assign, '@': At, '+': Plus,
	'-': Minus, '*': Star, '/': Slash, '%': Percent, '!': Bang, '<': Lt, '>': Gt, '|': Pipe, '^': Hat,
}

func (l *lexer) run() {
	if len(l.src) >= 3 && l.src[0] == 0xEF && l.src[1] == 0xBB && l.src[2] == 0xBF {
		l.pos.Offset = 3 // a byte order mark is not part of the text
	}
	for {
		for !l.eof() {
			c := l.src[l.pos.Offset]
			if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
				break
			}
			l.next()
		}
		if l.eof() {
			break
		}
		start := l.pos
		c := l.src[l.pos.Offset]
		switch {
		case c == '\n' || c == '\r':
			l.closeInterp(true)
			l.next()
			if c == '\r' && l.peek(0) == '\n' {
				l.next()
			}
			l.emit(NewLine, start, "")
		case c == '/' && l.peek(1) == '/', c == '#':
			for !l.eof() && l.src[l.pos.Offset] != '\n' && l.src[l.pos.Offset] != '\r' {
				l.next()
			}
			l.comments = append(l.comments, Comment{Text: l.text[start.Offset:l.pos.Offset], Directive: c == '#', Range: Range{start, l.pos}})
		case c == '/' && l.peek(1) == '*':
			l.blockComment(start)
		case isIdentStart(l.peekRune()):
			for !l.eof() && isIdentPart(l.peekRune()) {
				l.next()
			}
			k := Identifier
			if Keywords[string(l.src[start.Offset:l.pos.Offset])] {
				k = Keyword
			}
			l.emit(k, start, "")
		case '0' <= c && c <= '9':
			for !l.eof() && '0' <= l.src[l.pos.Offset] && l.src[l.pos.Offset] <= '9' {
				l.next()
			}
			l.emit(Int, start, "")
		case c == '\'':
			l.next()
			if l.peek(0) == '\'' && l.peek(1) == '\'' {
				l.next()
				l.next()
				l.multiline(start, 0, false)
			} else {
				l.str(start, false)
			}
		case c == '$':
			n := 0
			for l.peek(n) == '$' {
				n++
			}
			l.dollarsScanned += n
			if l.peek(n) == '\'' && l.peek(n+1) == '\'' && l.peek(n+2) == '\'' {
				for range n + 3 {
					l.next()
				}
				l.multiline(start, n, false)
				break
			}
			// No '$' of the run opens a string, as all are followed by
			// the same character: each is illegal, reported here rather
			// than after counting the rest of the run again.
			for range n {
				start := l.pos
				l.next()
				l.illegal(start)
			}
		case c == '{':
			if len(l.interp) > 0 {
				l.interp[len(l.interp)-1].depth++
			}
			l.next()
			l.emit(LBrace, start, "")
		case c == '}':
			l.next()
			if n := len(l.interp); n > 0 {
				f := &l.interp[n-1]
				if f.depth == 0 {
					if f.multiline {
						l.multiline(start, f.dollars, true)
					} else {
						l.str(start, true)
					}
					break
				}
				f.depth--
			}
			l.emit(RBrace, start, "")
		default:
			if k, ok := ops2[string(l.src[l.pos.Offset:min(l.pos.Offset+2, len(l.src))])]; ok {
				l.next()
				l.next()
				l.emit(k, start, "")
				break
			}
			if c == '.' && l.peek(1) == '.' && l.peek(2) == '.' {
				l.next()
				l.next()
				l.next()
				l.emit(Ellipsis, start, "")
				break
			}
			if k, ok := ops1[c]; ok {
				l.next()
				l.emit(k, start, "")
				break
			}
			l.next()
			l.illegal(start)
		}
	}
	l.closeInterp(false)
	l.emit(EOF, l.pos, "")
}

// closeInterp ends interpolations left open: at a newline the ones in
// single-line strings (which cannot span lines), at the end of the file
// all of them. Each gets an empty closing piece, so that the parser sees
// balanced strings.
func (l *lexer) closeInterp(atNewline bool) {
	reported := false
	for n := len(l.interp); n > 0; n = len(l.interp) {
		f := l.interp[n-1]
		if atNewline && f.multiline {
			return
		}
		if !reported && l.badLine != l.pos.Line {
			reported = true
			l.errorf(Range{l.pos, l.pos}, "Unterminated string", "An interpolation (${) is not closed with '}' before the end of the "+map[bool]string{true: "line", false: "file"}[atNewline]+".")
		}
		l.interp = l.interp[:n-1]
		k := StringTail
		if f.multiline {
			k = MultilineTail
		}
		l.toks = append(l.toks, Token{Kind: k, Range: Range{l.pos, l.pos}})
	}
}

func (l *lexer) illegal(start Pos) {
	l.emit(Illegal, start, "")
	text := l.toks[len(l.toks)-1].Text
	if r, _ := utf8.DecodeRuneInString(text); r == utf8.RuneError {
		return // already reported as invalid UTF-8
	}
	l.errorf(Range{start, l.pos}, "Invalid character", "The character "+strconv.Quote(text)+" cannot appear here.")
}

func (l *lexer) blockComment(start Pos) {
	l.next()
	l.next()
	for {
		if l.eof() {
			l.errorf(Range{start, l.pos}, "Unterminated comment", "The comment that starts here has no closing \"*/\".")
			break
		}
		if l.src[l.pos.Offset] == '*' && l.peek(1) == '/' {
			l.next()
			l.next()
			break
		}
		l.next()
	}
	l.comments = append(l.comments, Comment{Text: l.text[start.Offset:l.pos.Offset], Range: Range{start, l.pos}})
}

// str scans the rest of a single-line string piece: after the opening
// quote, or after the '}' that closes an interpolation when cont is set.
func (l *lexer) str(start Pos, cont bool) {
	var b strings.Builder
	end := func(k Kind) {
		if cont {
			l.interp = l.interp[:len(l.interp)-1]
		}
		l.emit(k, start, b.String())
	}
	closed, open := String, StringHead
	if cont {
		closed, open = StringTail, StringMiddle
	}
	for {
		if l.eof() || l.src[l.pos.Offset] == '\n' || l.src[l.pos.Offset] == '\r' {
			l.errorf(Range{start, l.pos}, "Unterminated string", "The string that starts here has no closing quote (') on the same line.")
			l.badLine = l.pos.Line
			end(closed)
			return
		}
		switch c := l.src[l.pos.Offset]; c {
		case '\'':
			l.next()
			end(closed)
			return
		case '\\':
			l.escape(&b)
		case '$':
			l.next()
			if l.peek(0) == '{' {
				l.next()
				if !cont {
					l.interp = append(l.interp, interpFrame{})
				}
				l.emit(open, start, b.String())
				return
			}
			b.WriteByte('$')
		default:
			b.WriteRune(l.next())
		}
	}
}

// escape reads one escape sequence, at a backslash, into b.
func (l *lexer) escape(b *strings.Builder) {
	start := l.pos
	l.next()
	bad := func(what string) {
		l.errorf(Range{start, l.pos}, "Invalid escape sequence", what+` The escape sequences are \\, \', \n, \r, \t, \$ and \u{…}.`)
	}
	if l.eof() || l.src[l.pos.Offset] == '\n' || l.src[l.pos.Offset] == '\r' {
		bad("A backslash ends the line.")
		return
	}
	switch c := l.next(); c {
	case '\\', '\'', '$':
		b.WriteRune(c)
	case 'n':
		b.WriteByte('\n')
	case 'r':
		b.WriteByte('\r')
	case 't':
		b.WriteByte('\t')
	case 'u':
		if l.peek(0) != '{' {
			bad(`\u must be followed by {, hexadecimal digits and }.`)
			return
		}
		l.next()
		digits := l.pos.Offset
		for isHex(l.peek(0)) {
			l.next()
		}
		hex := string(l.src[digits:l.pos.Offset])
		if l.peek(0) != '}' {
			bad(`\u{ must be followed by hexadecimal digits and }.`)
			return
		}
		l.next()
		v, err := strconv.ParseUint(hex, 16, 32)
		if hex == "" || err != nil || v > unicode.MaxRune {
			bad(`\u{` + hex + `} is not a Unicode code point.`)
			return
		}
		b.WriteRune(rune(v))
	default:
		bad(`\` + string(c) + " is not an escape sequence.")
		b.WriteRune(c)
	}
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// multiline scans the rest of a multi-line string piece: after the
// opening ”' (with dollars '$' before it for an interpolated one), or
// after the '}' that closes an interpolation when cont is set. No escape
// sequences are recognised; a newline right after the opening quotes is
// not part of the value.
func (l *lexer) multiline(start Pos, dollars int, cont bool) {
	if !cont {
		if l.peek(0) == '\r' {
			l.next()
		}
		if l.peek(0) == '\n' {
			l.next()
		}
	}
	var b strings.Builder
	closed, open := MultilineString, MultilineHead
	if cont {
		closed, open = MultilineTail, MultilineMiddle
	}
	end := func(k Kind) {
		if cont {
			l.interp = l.interp[:len(l.interp)-1]
		}
		l.emit(k, start, b.String())
	}
	for {
		if l.eof() {
			l.errorf(Range{start, l.pos}, "Unterminated multi-line string", "The multi-line string that starts here has no closing '''.")
			end(closed)
			return
		}
		c := l.src[l.pos.Offset]
		if c == '\'' && l.peek(1) == '\'' && l.peek(2) == '\'' {
			n := 3
			for l.peek(n) == '\'' {
				n++
			}
			b.WriteString(strings.Repeat("'", n-3)) // the last three quotes close the string
			for range n {
				l.next()
			}
			end(closed)
			return
		}
		if c == '$' && dollars > 0 {
			n := 1
			for l.peek(n) == '$' {
				n++
			}
			if l.peek(n) == '{' && n >= dollars {
				b.WriteString(strings.Repeat("$", n-dollars))
				for range n + 1 {
					l.next()
				}
				if !cont {
					l.interp = append(l.interp, interpFrame{multiline: true, dollars: dollars})
				}
				l.emit(open, start, b.String())
				return
			}
			b.WriteString(strings.Repeat("$", n))
			for range n {
				l.next()
			}
			continue
		}
		b.WriteRune(l.next())
	}
}
