package syntax

import (
	"fmt"
	"strconv"

	"github.com/acrlint/acrlint/internal/diag"
)

func isCloser(k Kind) bool {
	switch k {
	case RBrace, RBrack, RParen, StringMiddle, StringTail, MultilineMiddle, MultilineTail:
		return true
	}
	return false
}

// list parses the items of a bracketed list up to closer, the items
// separated by commas, newlines or both (newlines must matter here). item
// parses one item from a token that is not a newline, and may leave the
// parser recovering from an error, in which case the rest of the item is
// skipped. nested allows resource declarations among the items.
func (p *parser) list(closer Kind, open Token, what string, nested bool, item func()) {
	sep := true
	for {
		before := p.i
		if p.skipNL() {
			sep = true
		}
		t := p.tok()
		if t.Kind == closer {
			p.advance()
			return
		}
		if t.Kind == EOF || isCloser(t.Kind) || p.declAt(p.i) && (!nested || t.Text != "resource") {
			p.errorAt(t.Range, "Missing "+closer.String(),
				fmt.Sprintf("Expected %s to close the %s opened at %s, found %s.", closer, what, open.Range.Start, t.describe()))
			return
		}
		if sep {
			item()
		} else {
			p.errorAt(t.Range, "Missing separator", "Expected ',' or a new line between the items of the "+what+", found "+t.describe()+".")
		}
		sep = false
		if p.panicking {
			p.skip(true, true)
			p.panicking = false
			if p.lineStartDecl(p.i) {
				n := p.pastNL()
				p.errorAt(n.Range, "Missing "+closer.String(),
					fmt.Sprintf("Expected %s to close the %s opened at %s, found %s.", closer, what, open.Range.Start, n.describe()))
				return
			}
		}
		if p.got(Comma) {
			sep = true
			for p.at(Comma) {
				t := p.advance()
				p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, Summary: "Unexpected ','",
					Detail: "Expected an item between two commas in the " + what + ".", Subject: t.Range.Diag(p.file)})
			}
		}
		if p.i == before && !p.at(EOF) {
			p.i++ // never stall
		}
	}
}

// parseExpr parses an expression, including a ternary and a lambda.
func (p *parser) parseExpr() Expr {
	start := p.startPos()
	if !p.enter() {
		p.leave()
		return &BadExpr{SrcRange: Range{start, start}}
	}
	defer p.leave()
	if t := p.tok(); isName(t) && p.peek().Kind == Arrow && t.Text != "true" && t.Text != "false" && t.Text != "null" {
		p.advance()
		return p.parseLambda(start, []*Ident{{Name: t.Text, SrcRange: t.Range}})
	}
	if p.at(LParen) && p.isLambdaParams() {
		p.advance()
		old := p.setNL(true)
		var params []*Ident
		for isName(p.tok()) {
			t := p.advance()
			params = append(params, &Ident{Name: t.Text, SrcRange: t.Range})
			if !p.got(Comma) {
				break
			}
		}
		p.expect(RParen, "after the lambda's parameters")
		p.setNL(old)
		return p.parseLambda(start, params)
	}
	cond := p.parseBinary(1)
	if p.panicking {
		return cond
	}
	if !p.atPastNL(Question) {
		return cond
	}
	p.continueLine()
	p.advance()
	p.continueLine()
	then := p.parseExpr()
	if p.panicking {
		return &TernaryExpr{Cond: cond, Then: then, Else: &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}, SrcRange: p.rangeFrom(start)}
	}
	if p.tok().Kind == NewLine && p.pastNL().Kind == Colon {
		p.continueLine()
	}
	var els Expr
	if p.expect(Colon, "in the conditional expression") {
		p.continueLine()
		els = p.parseExpr()
	} else {
		els = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
	}
	return &TernaryExpr{Cond: cond, Then: then, Else: els, SrcRange: p.rangeFrom(start)}
}

func (p *parser) parseLambda(start Pos, params []*Ident) Expr {
	l := &LambdaExpr{Params: params}
	if p.expect(Arrow, "after the lambda's parameters") {
		p.continueLine()
		l.Body = p.parseExpr()
	} else {
		l.Body = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
	}
	l.SrcRange = p.rangeFrom(start)
	return l
}

// isLambdaParams reports whether the '(' at the current token opens a
// lambda's parameter list: names and commas up to ')' and then '=>'.
func (p *parser) isLambdaParams() bool {
	j := p.cur() + 1
	for {
		for p.toks[j].Kind == NewLine {
			j++
		}
		switch t := p.toks[j]; {
		case t.Kind == RParen:
			return p.toks[j+1].Kind == Arrow
		case isName(t), t.Kind == Comma:
			j++
		default:
			return false
		}
	}
}

// precedence of the binary operators; 0 is not one.
func precedence(k Kind) int {
	switch k {
	case QuestionQuestion:
		return 1
	case OrOr:
		return 2
	case AndAnd:
		return 3
	case Eq, Ne, EqI, NeI:
		return 4
	case Lt, Le, Gt, Ge:
		return 5
	case Plus, Minus:
		return 6
	case Star, Slash, Percent:
		return 7
	}
	return 0
}

// parseBinary parses operators of precedence minPrec and above, all left
// associative. A newline may follow an operator.
func (p *parser) parseBinary(minPrec int) Expr {
	start := p.startPos()
	x := p.parseUnary()
	for !p.panicking {
		op := p.tok().Kind
		prec := precedence(op)
		if prec == 0 || prec < minPrec {
			return x
		}
		p.advance()
		y := p.parseBinary(prec + 1)
		x = &BinaryExpr{Op: op, X: x, Y: y, SrcRange: p.rangeFrom(start)}
	}
	return x
}

func (p *parser) parseUnary() Expr {
	switch t := p.tok(); t.Kind {
	case Bang, Minus, Plus:
		if !p.enter() {
			p.leave()
			return &BadExpr{SrcRange: Range{t.Range.Start, t.Range.Start}}
		}
		defer p.leave()
		p.advance()
		x := p.parseUnary()
		return &UnaryExpr{Op: t.Kind, X: x, SrcRange: p.rangeFrom(t.Range.Start)}
	}
	return p.parsePostfix(p.parsePrimary())
}

// parsePostfix applies member access, indexing, calls on members, ::
// and the non-null assertion to x.
func (p *parser) parsePostfix(x Expr) Expr {
	start := x.Range().Start
	for !p.panicking {
		switch p.tok().Kind {
		case Dot:
			p.advance()
			safe := p.got(Question)
			t := p.tok()
			if !isName(t) {
				p.expected("a property name", "after '.'")
				return x
			}
			p.advance()
			name := &Ident{Name: t.Text, SrcRange: t.Range}
			if !safe && p.at(LParen) {
				args := p.parseArgs()
				x = &CallExpr{Target: x, Name: name, Args: args, SrcRange: p.rangeFrom(start)}
				continue
			}
			x = &MemberExpr{X: x, Name: name, Safe: safe, SrcRange: p.rangeFrom(start)}
		case LBrack:
			p.advance()
			old := p.setNL(true)
			ix := &IndexExpr{X: x}
			ix.Safe = p.got(Question)
			ix.FromEnd = p.got(Hat)
			ix.Index = p.parseExpr()
			if !p.panicking {
				p.expect(RBrack, "after the index")
			}
			p.setNL(old)
			ix.SrcRange = p.rangeFrom(start)
			x = ix
		case ColonColon:
			p.advance()
			t := p.tok()
			if !isName(t) {
				p.expected("a resource name", "after '::'")
				return x
			}
			p.advance()
			x = &ResourceAccessExpr{X: x, Name: &Ident{Name: t.Text, SrcRange: t.Range}, SrcRange: p.rangeFrom(start)}
		case Bang:
			p.advance()
			x = &NonNullExpr{X: x, SrcRange: p.rangeFrom(start)}
		default:
			return x
		}
	}
	return x
}

// parseArgs parses a parenthesized argument list, in which newlines do
// not matter.
func (p *parser) parseArgs() []Expr {
	open := p.advance()
	old := p.setNL(true)
	defer p.setNL(old)
	args := []Expr{}
	for !p.at(RParen) {
		if p.at(EOF) {
			p.expected("')'", fmt.Sprintf("to close the argument list opened at %s", open.Range.Start))
			return args
		}
		args = append(args, p.parseExpr())
		if p.panicking {
			p.skip(false, true)
			if p.lineStartDecl(p.i) {
				return args
			}
			p.panicking = false
			if !p.at(Comma) {
				p.got(RParen)
				return args
			}
		}
		if p.at(RParen) {
			break
		}
		if !p.got(Comma) {
			p.expected("',' or ')'", "after the argument")
			p.skip(false, false)
			p.got(RParen)
			return args
		}
		if p.at(RParen) {
			p.errorAt(p.tok().Range, "Unexpected ','", "Expected another argument after ',', found ')'.")
			p.panicking = false
		}
	}
	p.advance()
	return args
}

func (p *parser) parsePrimary() Expr {
	t := p.tok()
	start := t.Range.Start
	switch t.Kind {
	case Int:
		p.advance()
		v, err := strconv.ParseInt(t.Text, 10, 64)
		if err != nil {
			p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, Summary: "Invalid integer",
				Detail: "The integer " + t.Text + " does not fit in 64 bits.", Subject: t.Range.Diag(p.file)})
		}
		return &IntLit{Text: t.Text, Value: v, SrcRange: t.Range}
	case String, MultilineString:
		p.advance()
		return &StringLit{Value: t.Value, Multiline: t.Kind == MultilineString, SrcRange: t.Range}
	case StringHead, MultilineHead:
		return p.parseInterp()
	case LBrace:
		return p.parseObject()
	case LBrack:
		return p.parseArray()
	case LParen:
		p.advance()
		old := p.setNL(true)
		x := p.parseExpr()
		if !p.panicking {
			p.expect(RParen, "to close the parenthesized expression")
		}
		p.setNL(old)
		return &ParenExpr{X: x, SrcRange: p.rangeFrom(start)}
	case Identifier, Keyword:
		switch t.Text {
		case "true", "false":
			p.advance()
			return &BoolLit{Value: t.Text == "true", SrcRange: t.Range}
		case "null":
			p.advance()
			return &NullLit{SrcRange: t.Range}
		case "if", "for":
			if t.Kind == Keyword && (t.Text == "if" && p.peek().Kind == LParen || t.Text == "for" && isName(p.peek())) {
				where := "the body of a resource or module, or of a for expression"
				if t.Text == "for" {
					where = "inside '[' ']'"
				}
				p.errorAt(t.Range, "Misplaced '"+t.Text+"'", "'"+t.Text+"' can only appear as "+where+".")
				return &BadExpr{SrcRange: Range{start, start}}
			}
		}
		p.advance()
		ref := &Ref{Name: t.Text, SrcRange: t.Range}
		if p.at(LParen) {
			args := p.parseArgs()
			return &CallExpr{Name: &Ident{Name: t.Text, SrcRange: t.Range}, Args: args, SrcRange: p.rangeFrom(start)}
		}
		return ref
	case Ellipsis:
		p.errorAt(t.Range, "Misplaced spread", "'...' can only spread an item into an array or an object.")
		return &BadExpr{SrcRange: Range{start, start}}
	}
	p.errorAt(t.Range, "Missing expression", "Expected an expression, found "+t.describe()+".")
	return &BadExpr{SrcRange: Range{start, start}}
}

// parseInterp parses a string with interpolations, from its first piece.
func (p *parser) parseInterp() Expr {
	head := p.advance()
	s := &InterpString{Literals: []string{head.Value}, Multiline: head.Kind == MultilineHead}
	old := p.setNL(true)
	defer p.setNL(old)
	for {
		s.Exprs = append(s.Exprs, p.parseExpr())
		if !p.panicking {
			switch t := p.tok(); t.Kind {
			case StringMiddle, MultilineMiddle, StringTail, MultilineTail:
			default:
				p.expected("'}'", "to close the interpolation")
			}
		}
		if p.panicking {
			p.skipToPiece()
			p.panicking = false
		}
		t := p.tok()
		switch t.Kind {
		case StringMiddle, MultilineMiddle:
			p.advance()
			s.Literals = append(s.Literals, t.Value)
			continue
		case StringTail, MultilineTail:
			p.advance()
			s.Literals = append(s.Literals, t.Value)
		default:
			s.Literals = append(s.Literals, "")
		}
		s.SrcRange = p.rangeFrom(head.Range.Start)
		return s
	}
}

// skipToPiece skips to the string piece that ends the current
// interpolation; the lexer balances string pieces, so there is one ahead.
func (p *parser) skipToPiece() {
	level := 0
	for {
		t := p.toks[p.i]
		switch t.Kind {
		case EOF:
			return
		case StringHead, MultilineHead:
			level++
		case StringMiddle, MultilineMiddle:
			if level == 0 {
				return
			}
		case StringTail, MultilineTail:
			if level == 0 {
				return
			}
			level--
		}
		p.i++
		p.lastEnd = t.Range.End
	}
}

func (p *parser) parseObject() Expr {
	open := p.advance()
	o := &ObjectExpr{}
	old := p.setNL(false)
	defer p.setNL(old)
	p.list(RBrace, open, "object", true, func() {
		if it := p.parseObjectItem(); it != nil {
			o.Items = append(o.Items, it)
		}
	})
	o.SrcRange = p.rangeFrom(open.Range.Start)
	return o
}

func (p *parser) parseObjectItem() ObjectItem {
	start := p.startPos()
	decos := p.parseDecorators()
	t := p.tok()
	switch {
	case t.Kind == Keyword && t.Text == "resource" && isName(p.peek()):
		r := p.parseResource(decos, t.Range.Start)
		complete(r, false)
		return r
	case t.Kind == Ellipsis:
		p.advance()
		x := p.parseExpr()
		return &SpreadExpr{X: x, SrcRange: p.rangeFrom(start)}
	}
	prop := &ObjectProperty{Decorators: decos}
	switch t.Kind {
	case Identifier, Keyword:
		p.advance()
		prop.Key = &Ident{Name: t.Text, SrcRange: t.Range}
	case String, StringHead, MultilineString:
		prop.Key = p.parsePrimary()
	default:
		p.errorAt(t.Range, "Missing property name", "Expected a property name, a string or '...' in the object, found "+t.describe()+".")
		return nil
	}
	if p.expect(Colon, "after the property name") {
		prop.Value = p.parseExpr()
	} else {
		prop.Value = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
	}
	prop.SrcRange = p.rangeFrom(start)
	return prop
}

func (p *parser) parseArray() Expr {
	open := p.advance()
	old := p.setNL(false)
	defer p.setNL(old)
	if n := p.pastNL(); n.Kind == Keyword && n.Text == "for" {
		p.skipNL()
		return p.parseFor(open)
	}
	a := &ArrayExpr{Items: []Expr{}}
	p.list(RBrack, open, "array", false, func() {
		start := p.startPos()
		if p.got(Ellipsis) {
			x := p.parseExpr()
			a.Items = append(a.Items, &SpreadExpr{X: x, SrcRange: p.rangeFrom(start)})
			return
		}
		a.Items = append(a.Items, p.parseExpr())
	})
	a.SrcRange = p.rangeFrom(open.Range.Start)
	return a
}

// parseFor parses a for expression from 'for', after its '['.
func (p *parser) parseFor(open Token) Expr {
	p.advance()
	f := &ForExpr{}
	bad := func() Expr {
		if f.Iterable == nil {
			f.Iterable = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
		}
		if f.Body == nil {
			f.Body = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
		}
		p.skip(false, false)
		if p.panicking && p.at(RBrack) {
			p.advance()
			p.panicking = false
		}
		f.SrcRange = p.rangeFrom(open.Range.Start)
		return f
	}
	old := p.setNL(true)
	if p.got(LParen) {
		f.Item = p.parseName("a loop variable", "after '('")
		if f.Item != nil && p.got(Comma) {
			f.Index = p.parseName("an index variable", "after ','")
		}
		if !p.panicking {
			p.expect(RParen, "after the loop variables")
		}
	} else {
		f.Item = p.parseName("a loop variable", "after 'for'")
	}
	if p.panicking || !p.expectWord("in", "after the loop variable") {
		p.setNL(old)
		return bad()
	}
	f.Iterable = p.parseExpr()
	if p.panicking || !p.expect(Colon, "after the loop's collection") {
		p.setNL(old)
		return bad()
	}
	p.setNL(old)
	p.continueLine()
	if p.atWord("if") {
		f.Body = p.parseIf()
	} else {
		f.Body = p.parseExpr()
	}
	if p.panicking {
		return bad()
	}
	p.continueLine()
	if !p.at(RBrack) {
		p.expected("']'", fmt.Sprintf("to close the for expression opened at %s", open.Range.Start))
		return bad()
	}
	p.advance()
	f.SrcRange = p.rangeFrom(open.Range.Start)
	return f
}

// parseIf parses if (cond) {body}.
func (p *parser) parseIf() Expr {
	start := p.advance().Range.Start
	e := &IfExpr{}
	if !p.expect(LParen, "after 'if'") {
		e.Cond = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
		e.Body = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
		e.SrcRange = p.rangeFrom(start)
		return e
	}
	old := p.setNL(true)
	e.Cond = p.parseExpr()
	if !p.panicking {
		p.expect(RParen, "after the condition")
	}
	p.setNL(old)
	if !p.panicking {
		p.continueLine()
		if p.at(LBrace) {
			e.Body = p.parseObject()
		} else {
			p.expected("'{'", "after the condition")
		}
	}
	if e.Body == nil {
		e.Body = &BadExpr{SrcRange: Range{p.lastEnd, p.lastEnd}}
	}
	e.SrcRange = p.rangeFrom(start)
	return e
}
