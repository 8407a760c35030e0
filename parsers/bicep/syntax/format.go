package syntax

import (
	"strconv"
	"strings"
)

// String prints the file one statement a line, in the form of Format.
func (f *File) String() string {
	var b strings.Builder
	for _, s := range f.Statements {
		b.WriteString(Format(s))
		b.WriteByte('\n')
	}
	return b.String()
}

// Format prints a node as compact Bicep on one line, with every binary
// and conditional expression and every union in parentheses, so that the
// structure the parser found can be read (and compared in tests); the
// output parses back to the same structure. Unparsed parts print as
// <bad>.
func Format(n Node) string {
	var b strings.Builder
	(&printer{b: &b}).node(n)
	return b.String()
}

type printer struct{ b *strings.Builder }

func (p *printer) s(parts ...string) {
	for _, s := range parts {
		p.b.WriteString(s)
	}
}

func (p *printer) decorators(ds []*Decorator) {
	for _, d := range ds {
		p.s("@")
		p.node(d.Expr)
		p.s(" ")
	}
}

func (p *printer) name(id *Ident) {
	if id == nil {
		p.s("<bad>")
		return
	}
	p.s(id.Name)
}

// opt prints prefix and n when n is set.
func (p *printer) opt(prefix string, n Node) {
	if isNil(n) {
		return
	}
	p.s(prefix)
	p.node(n)
}

func isNil(n Node) bool {
	switch v := n.(type) {
	case nil:
		return true
	case *ObjectExpr:
		return v == nil
	case *Ident:
		return v == nil
	}
	return false
}

func (p *printer) list(open, close string, n int, item func(int)) {
	p.s(open)
	for i := range n {
		if i > 0 {
			p.s(", ")
		}
		item(i)
	}
	p.s(close)
}

var opText = map[Kind]string{
	Plus: "+", Minus: "-", Star: "*", Slash: "/", Percent: "%", Bang: "!",
	Lt: "<", Gt: ">", Le: "<=", Ge: ">=", Eq: "==", Ne: "!=", EqI: "=~", NeI: "!~",
	AndAnd: "&&", OrOr: "||", QuestionQuestion: "??",
}

// multilineLead returns the newline to print after the opening quotes of
// a multi-line string whose value starts with a newline: the first one
// is not part of the value.
func multilineLead(v string) string {
	if strings.HasPrefix(v, "\n") || strings.HasPrefix(v, "\r") {
		return "\n"
	}
	return ""
}

func quote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case '$':
			if strings.HasPrefix(s[i+1:], "{") {
				b.WriteString(`\$`)
			} else {
				b.WriteByte('$')
			}
		default:
			if r < ' ' {
				b.WriteString(`\u{` + strconv.FormatInt(int64(r), 16) + `}`)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('\'')
	return b.String()
}

//nolint:gocyclo // one case per node type
func (p *printer) node(n Node) {
	switch n := n.(type) {
	case nil:
		p.s("<nil>")
	case *File:
		p.s(n.String())
	case *Decorator:
		p.s("@")
		p.node(n.Expr)

	case *TargetScopeDecl:
		p.decorators(n.Decorators)
		p.s("targetScope = ")
		p.node(n.Value)
	case *MetadataDecl:
		p.decorators(n.Decorators)
		p.s("metadata ")
		p.name(n.Name)
		p.opt(" = ", n.Value)
	case *ParamDecl:
		p.decorators(n.Decorators)
		p.s("param ")
		p.name(n.Name)
		p.opt(" ", n.Type)
		p.opt(" = ", n.Value)
	case *VarDecl:
		p.decorators(n.Decorators)
		p.s("var ")
		p.name(n.Name)
		p.opt(" ", n.Type)
		p.opt(" = ", n.Value)
	case *OutputDecl:
		p.decorators(n.Decorators)
		p.s("output ")
		p.name(n.Name)
		p.opt(" ", n.Type)
		p.opt(" = ", n.Value)
	case *ResourceDecl:
		p.decorators(n.Decorators)
		p.s("resource ")
		p.name(n.Name)
		p.opt(" ", n.Type)
		if n.Existing {
			p.s(" existing")
		}
		p.opt(" = ", n.Body)
	case *ModuleDecl:
		p.decorators(n.Decorators)
		p.s("module ")
		p.name(n.Name)
		p.opt(" ", n.Path)
		p.opt(" = ", n.Body)
	case *TestDecl:
		p.decorators(n.Decorators)
		p.s("test ")
		p.name(n.Name)
		p.opt(" ", n.Path)
		p.opt(" = ", n.Body)
	case *AssertDecl:
		p.decorators(n.Decorators)
		p.s("assert ")
		p.name(n.Name)
		p.opt(" = ", n.Value)
	case *ImportDecl:
		p.decorators(n.Decorators)
		p.s("import ")
		if n.Wildcard != nil {
			p.s("* as ", n.Wildcard.Name)
		} else {
			p.list("{", "}", len(n.Items), func(i int) { p.node(n.Items[i]) })
		}
		p.opt(" from ", n.From)
	case *ImportItem:
		p.node(n.Name)
		if n.Alias != nil {
			p.s(" as ", n.Alias.Name)
		}
	case *ExtensionDecl:
		p.decorators(n.Decorators)
		p.s(n.Keyword, " ")
		p.node(n.Spec)
		if n.Config != nil {
			p.s(" with ")
			p.node(n.Config)
		}
		if n.Alias != nil {
			p.s(" as ", n.Alias.Name)
		}
	case *UsingDecl:
		p.s("using ")
		if n.Path == nil {
			p.s("none")
		} else {
			p.node(n.Path)
		}
		if n.Config != nil {
			p.s(" with ")
			p.node(n.Config)
		}
	case *ExtensionConfigDecl:
		p.s("extensionConfig ")
		p.name(n.Name)
		if n.Config != nil {
			p.s(" with ")
			p.node(n.Config)
		}
	case *ExtendsDecl:
		p.s("extends ")
		p.node(n.Path)
	case *TypeDecl:
		p.decorators(n.Decorators)
		p.s("type ")
		p.name(n.Name)
		p.opt(" = ", n.Type)
	case *FuncDecl:
		p.decorators(n.Decorators)
		p.s("func ")
		p.name(n.Name)
		p.list("(", ")", len(n.Params), func(i int) { p.node(n.Params[i]) })
		p.opt(" ", n.Result)
		p.opt(" => ", n.Body)
	case *FuncParam:
		p.name(n.Name)
		p.opt(" ", n.Type)

	case *Ident:
		p.s(n.Name)
	case *Ref:
		p.s(n.Name)
	case *IntLit:
		p.s(n.Text)
	case *BoolLit:
		p.s(strconv.FormatBool(n.Value))
	case *NullLit:
		p.s("null")
	case *StringLit:
		if n.Multiline {
			p.s("'''", multilineLead(n.Value), n.Value, "'''")
		} else {
			p.s(quote(n.Value))
		}
	case *InterpString:
		if n.Multiline {
			p.s("$'''", multilineLead(n.Literals[0]))
		} else {
			p.s("'")
		}
		for i, lit := range n.Literals {
			if n.Multiline {
				p.s(lit)
			} else {
				q := quote(lit)
				p.s(q[1 : len(q)-1])
			}
			if i < len(n.Exprs) {
				p.s("${")
				p.node(n.Exprs[i])
				p.s("}")
			}
		}
		if n.Multiline {
			p.s("'''")
		} else {
			p.s("'")
		}
	case *ArrayExpr:
		p.list("[", "]", len(n.Items), func(i int) { p.node(n.Items[i]) })
	case *ObjectExpr:
		p.list("{", "}", len(n.Items), func(i int) { p.node(n.Items[i]) })
	case *ObjectProperty:
		p.decorators(n.Decorators)
		p.node(n.Key)
		p.s(": ")
		p.node(n.Value)
	case *SpreadExpr:
		p.s("...")
		p.node(n.X)
	case *ParenExpr:
		switch n.X.(type) {
		case *BinaryExpr, *TernaryExpr:
			p.node(n.X) // parenthesized already
		default:
			p.s("(")
			p.node(n.X)
			p.s(")")
		}
	case *UnaryExpr:
		p.s(opText[n.Op])
		p.node(n.X)
	case *BinaryExpr:
		p.s("(")
		p.node(n.X)
		p.s(" ", opText[n.Op], " ")
		p.node(n.Y)
		p.s(")")
	case *TernaryExpr:
		p.s("(")
		p.node(n.Cond)
		p.s(" ? ")
		p.node(n.Then)
		p.s(" : ")
		p.node(n.Else)
		p.s(")")
	case *MemberExpr:
		p.node(n.X)
		if n.Safe {
			p.s(".?")
		} else {
			p.s(".")
		}
		p.name(n.Name)
	case *IndexExpr:
		p.node(n.X)
		p.s("[")
		if n.Safe {
			p.s("?")
		}
		if n.FromEnd {
			p.s("^")
		}
		p.node(n.Index)
		p.s("]")
	case *ResourceAccessExpr:
		p.node(n.X)
		p.s("::")
		p.name(n.Name)
	case *NonNullExpr:
		p.node(n.X)
		p.s("!")
	case *CallExpr:
		if n.Target != nil {
			p.node(n.Target)
			p.s(".")
		}
		p.name(n.Name)
		p.list("(", ")", len(n.Args), func(i int) { p.node(n.Args[i]) })
	case *LambdaExpr:
		if len(n.Params) == 1 {
			p.s(n.Params[0].Name)
		} else {
			p.list("(", ")", len(n.Params), func(i int) { p.s(n.Params[i].Name) })
		}
		p.s(" => ")
		p.node(n.Body)
	case *ForExpr:
		p.s("[for ")
		if n.Index != nil {
			p.s("(")
			p.name(n.Item)
			p.s(", ", n.Index.Name, ")")
		} else {
			p.name(n.Item)
		}
		p.s(" in ")
		p.node(n.Iterable)
		p.s(": ")
		p.node(n.Body)
		p.s("]")
	case *IfExpr:
		p.s("if (")
		p.node(n.Cond)
		p.s(") ")
		p.node(n.Body)
	case *BadExpr, *BadType:
		p.s("<bad>")

	case *TypeRef:
		p.s(n.Name)
	case *TypeMember:
		p.node(n.X)
		p.s(".", n.Name)
	case *TypeIndex:
		p.node(n.X)
		if n.Index < 0 {
			p.s("[*]")
		} else {
			p.s("[", strconv.FormatInt(n.Index, 10), "]")
		}
	case *ArrayType:
		p.node(n.Elem)
		p.s("[]")
	case *NullableType:
		p.node(n.X)
		p.s("?")
	case *NonNullType:
		p.node(n.X)
		p.s("!")
	case *UnionType:
		p.s("(")
		for i, m := range n.Members {
			if i > 0 {
				p.s(" | ")
			}
			p.node(m)
		}
		p.s(")")
	case *LiteralType:
		p.node(n.Value)
	case *ObjectType:
		items := make([]*ObjectTypeProp, 0, len(n.Props)+1)
		items = append(items, n.Props...)
		if n.Additional != nil {
			items = append(items, n.Additional)
		}
		p.list("{", "}", len(items), func(i int) { p.node(items[i]) })
	case *ObjectTypeProp:
		p.decorators(n.Decorators)
		if n.Key == nil {
			p.s("*")
		} else {
			p.node(n.Key)
		}
		if n.Optional {
			p.s("?")
		}
		p.s(": ")
		p.node(n.Type)
	case *TupleType:
		p.list("[", "]", len(n.Items), func(i int) { p.node(n.Items[i]) })
	case *TupleItem:
		p.decorators(n.Decorators)
		p.node(n.Type)
	case *ResourceType:
		if n.Bare {
			p.s("resource ")
			p.node(n.Type)
		} else {
			p.s(n.Keyword, "<")
			p.node(n.Type)
			p.s(">")
		}
	case *ParenType:
		if _, ok := n.X.(*UnionType); ok {
			p.node(n.X) // parenthesized already
			break
		}
		p.s("(")
		p.node(n.X)
		p.s(")")
	default:
		p.s("<?>")
	}
}
