package syntax

import (
	"strconv"
)

// parseType parses a type expression, a union included. A union may
// continue on the next line when that line starts with '|'.
func (p *parser) parseType() TypeExpr {
	start := p.startPos()
	if !p.enter() {
		p.leave()
		return &BadType{SrcRange: Range{start, start}}
	}
	defer p.leave()
	if p.tok().Kind == NewLine && p.pastNL().Kind == Pipe {
		p.skipNL() // a union may start on the next line, each member after '|'
	}
	leading := p.got(Pipe)
	first := p.parseSingularType()
	members := []TypeExpr{first}
	for !p.panicking {
		if !p.atPastNL(Pipe) {
			break
		}
		p.continueLine()
		p.advance()
		p.continueLine()
		members = append(members, p.parseSingularType())
	}
	if len(members) == 1 && !leading {
		return first
	}
	return &UnionType{Members: members, SrcRange: p.rangeFrom(start)}
}

func (p *parser) parseSingularType() TypeExpr {
	start := p.startPos()
	t := p.parsePrimaryType()
	for !p.panicking {
		switch p.tok().Kind {
		case LBrack:
			if p.peek().Kind == RBrack {
				p.advance()
				p.advance()
				t = &ArrayType{Elem: t, SrcRange: p.rangeFrom(start)}
				continue
			}
			p.advance()
			ix := &TypeIndex{X: t}
			switch n := p.tok(); n.Kind {
			case Star:
				p.advance()
				ix.Index = -1
			case Int:
				p.advance()
				v, err := strconv.ParseInt(n.Text, 10, 64)
				if err != nil {
					p.errorAt(n.Range, "Invalid integer", "The index "+n.Text+" does not fit in 64 bits.")
				}
				ix.Index = v
			default:
				p.expected("an index or '*'", "after '['")
				return t
			}
			if !p.expect(RBrack, "after the index") {
				return t
			}
			ix.SrcRange = p.rangeFrom(start)
			t = ix
		case Question:
			p.advance()
			t = &NullableType{X: t, SrcRange: p.rangeFrom(start)}
		case Bang:
			p.advance()
			t = &NonNullType{X: t, SrcRange: p.rangeFrom(start)}
		case Dot:
			p.advance()
			n := p.tok()
			switch {
			case n.Kind == Star:
				p.advance()
				t = &TypeMember{X: t, Name: "*", SrcRange: p.rangeFrom(start)}
			case isName(n) && (n.Text == "resourceInput" || n.Text == "resourceOutput") && p.peek().Kind == Lt:
				p.advance() // sys.resourceInput<...>
				t = p.parseResourceType(start, n.Text)
			case isName(n):
				p.advance()
				t = &TypeMember{X: t, Name: n.Text, SrcRange: p.rangeFrom(start)}
			default:
				p.expected("a property name or '*'", "after '.'")
				return t
			}
		default:
			return t
		}
	}
	return t
}

func (p *parser) parsePrimaryType() TypeExpr {
	t := p.tok()
	start := t.Range.Start
	switch t.Kind {
	case Identifier, Keyword:
		switch t.Text {
		case "true", "false", "null":
			return &LiteralType{Value: p.parsePrimary(), SrcRange: t.Range}
		case "resourceInput", "resourceOutput", "resource":
			if p.peek().Kind == Lt {
				p.advance()
				return p.parseResourceType(start, t.Text)
			}
		}
		p.advance()
		return &TypeRef{Name: t.Text, SrcRange: t.Range}
	case String, MultilineString, Int:
		return &LiteralType{Value: p.parsePrimary(), SrcRange: t.Range}
	case StringHead, MultilineHead:
		p.errorAt(t.Range, "Invalid type", "A string used as a type cannot contain interpolations.")
		x := p.parsePrimary()
		return &BadType{SrcRange: x.Range()}
	case Minus, Bang:
		n := p.peek()
		if t.Kind == Minus && n.Kind == Int || t.Kind == Bang && (n.Text == "true" || n.Text == "false") && n.Kind == Keyword {
			p.advance()
			x := p.parsePrimary()
			return &LiteralType{Value: &UnaryExpr{Op: t.Kind, X: x, SrcRange: p.rangeFrom(start)}, SrcRange: p.rangeFrom(start)}
		}
	case LBrace:
		return p.parseObjectType()
	case LBrack:
		return p.parseTupleType()
	case LParen:
		p.advance()
		old := p.setNL(true)
		x := p.parseType()
		if !p.panicking {
			p.expect(RParen, "to close the parenthesized type")
		}
		p.setNL(old)
		return &ParenType{X: x, SrcRange: p.rangeFrom(start)}
	}
	p.errorAt(t.Range, "Missing type", "Expected a type, found "+t.describe()+".")
	return &BadType{SrcRange: Range{start, start}}
}

func (p *parser) parseObjectType() TypeExpr {
	open := p.advance()
	o := &ObjectType{}
	old := p.setNL(false)
	defer p.setNL(old)
	p.list(RBrace, open, "object type", false, func() {
		start := p.startPos()
		prop := &ObjectTypeProp{Decorators: p.parseDecorators()}
		switch t := p.tok(); {
		case t.Kind == Star:
			p.advance()
			if o.Additional != nil {
				p.errorAt(t.Range, "Duplicate '*'", "An object type can declare the type of additional properties (*:) only once.")
				return
			}
			o.Additional = prop
		case isName(t):
			p.advance()
			prop.Key = &Ident{Name: t.Text, SrcRange: t.Range}
			o.Props = append(o.Props, prop)
		case t.Kind == String || t.Kind == MultilineString:
			prop.Key = p.parsePrimary()
			o.Props = append(o.Props, prop)
		default:
			p.errorAt(t.Range, "Missing property name", "Expected a property name, a string or '*' in the object type, found "+t.describe()+".")
			return
		}
		if prop.Key != nil && p.got(Question) {
			prop.Optional = true
		}
		if p.expect(Colon, "after the property name") {
			prop.Type = p.parseType()
		} else {
			prop.Type = &BadType{SrcRange: Range{p.lastEnd, p.lastEnd}}
		}
		prop.SrcRange = p.rangeFrom(start)
	})
	o.SrcRange = p.rangeFrom(open.Range.Start)
	return o
}

func (p *parser) parseTupleType() TypeExpr {
	open := p.advance()
	tt := &TupleType{}
	old := p.setNL(false)
	defer p.setNL(old)
	p.list(RBrack, open, "tuple type", false, func() {
		start := p.startPos()
		it := &TupleItem{Decorators: p.parseDecorators()}
		it.Type = p.parseType()
		it.SrcRange = p.rangeFrom(start)
		tt.Items = append(tt.Items, it)
	})
	tt.SrcRange = p.rangeFrom(open.Range.Start)
	return tt
}

// parseResourceType parses <'Type@version'> after resourceInput,
// resourceOutput or resource.
func (p *parser) parseResourceType(start Pos, keyword string) TypeExpr {
	p.advance() // <
	old := p.setNL(true)
	defer p.setNL(old)
	rt := &ResourceType{Keyword: keyword}
	rt.Type = p.parseStringOperand("a resource type string", "after '<'")
	if !p.panicking {
		p.expect(Gt, "after the resource type")
	}
	rt.SrcRange = p.rangeFrom(start)
	return rt
}
