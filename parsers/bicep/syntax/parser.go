package syntax

import (
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
)

// MaxDepth bounds how deeply expressions and types may nest. Deeper input
// is reported and skipped, never recursed into.
const MaxDepth = 256

// Parse parses a .bicep or .bicepparam file (told apart by the name's
// extension). It always returns a File holding every statement that could
// be parsed, with the diagnostics for those that could not, sorted by
// position.
func Parse(filename string, src []byte) (*File, diag.Diagnostics) {
	toks, comments, diags := Lex(filename, src)
	p := &parser{file: filename, toks: toks}
	f := &File{
		Name:     filename,
		Params:   strings.HasSuffix(strings.ToLower(filename), ".bicepparam"),
		Comments: comments,
	}
	p.params = f.Params
	f.Statements = p.parseFile()
	f.SrcRange = Range{Start: Pos{Line: 1, Column: 1}, End: toks[len(toks)-1].Range.End}
	// A parser error where the lexer already reported one is the same
	// problem seen again.
	lexed := map[diag.Pos]bool{}
	for _, d := range diags {
		lexed[d.Subject.Start] = true
	}
	for _, d := range p.diags {
		if !lexed[d.Subject.Start] {
			diags = append(diags, d)
		}
	}
	diags.Sort()
	return f, diags
}

type parser struct {
	file   string
	toks   []Token
	i      int  // the next token to read
	params bool // a .bicepparam file
	diags  diag.Diagnostics

	// ignoreNL is set inside parentheses, where newlines do not separate.
	ignoreNL bool
	// panicking is set by a syntax error and cleared when the parser has
	// skipped to a point it can resume from; errors in between are not
	// reported, as they are consequences of the first.
	panicking bool
	depth     int
	deep      bool // the nesting limit was reported
	lastEnd   Pos  // end of the last token consumed

	// nlScanned counts the newlines lineStartDecl has looked past, so
	// that tests can hold the lookahead of error recovery to linear.
	nlScanned int
}

// ---- token access

// cur returns the index of the current token: the next one, past
// newlines when they are being ignored.
//
// A newline followed by a declaration at the start of a line is never
// skipped: no expression continues that way, and stopping there keeps an
// unclosed parenthesis from swallowing the statements after it.
func (p *parser) cur() int {
	j := p.i
	if p.ignoreNL && p.toks[j].Kind == NewLine && !p.lineStartDecl(j) {
		for p.toks[j].Kind == NewLine {
			j++
		}
	}
	return j
}

func (p *parser) tok() Token { return p.toks[p.cur()] }

// peek returns the token after the current one, counting newlines as
// tokens unless they are ignored.
func (p *parser) peek() Token {
	j := p.cur()
	if p.toks[j].Kind == EOF {
		return p.toks[j]
	}
	j++
	if p.ignoreNL {
		for p.toks[j].Kind == NewLine {
			j++
		}
	}
	return p.toks[j]
}

// atPastNL reports whether the current token, or the first one after
// the newlines at the current token, is of kind k.
func (p *parser) atPastNL(k Kind) bool {
	return p.at(k) || p.tok().Kind == NewLine && p.pastNL().Kind == k
}

func (p *parser) at(k Kind) bool { return p.tok().Kind == k }

// atWord reports whether the current token is the keyword or identifier w.
func (p *parser) atWord(w string) bool {
	t := p.tok()
	return (t.Kind == Keyword || t.Kind == Identifier) && t.Text == w
}

func (p *parser) advance() Token {
	j := p.cur()
	t := p.toks[j]
	if t.Kind != EOF {
		p.i = j + 1
		p.lastEnd = t.Range.End
	}
	return t
}

func (p *parser) got(k Kind) bool {
	if p.at(k) {
		p.advance()
		return true
	}
	return false
}

// continueLine consumes the newlines within an expression that goes on
// on the next line, but not before a declaration that starts a line (see
// cur).
func (p *parser) continueLine() {
	if !p.lineStartDecl(p.i) {
		p.skipNL()
	}
}

// skipNL consumes newlines and reports whether there were any.
func (p *parser) skipNL() bool {
	n := false
	for p.toks[p.i].Kind == NewLine {
		p.i++
		n = true
	}
	return n
}

// pastNL returns the first token that is not a newline.
func (p *parser) pastNL() Token {
	j := p.i
	for p.toks[j].Kind == NewLine {
		j++
	}
	return p.toks[j]
}

// setNL sets whether newlines are ignored and returns the previous
// setting, for `defer p.setNL(p.setNL(true))`.
func (p *parser) setNL(ignore bool) bool {
	old := p.ignoreNL
	p.ignoreNL = ignore
	return old
}

func (p *parser) startPos() Pos { return p.tok().Range.Start }

func (p *parser) rangeFrom(start Pos) Range {
	if p.lastEnd.Offset < start.Offset {
		return Range{start, start}
	}
	return Range{start, p.lastEnd}
}

func isName(t Token) bool { return t.Kind == Identifier || t.Kind == Keyword }

// ---- errors

// errorAt reports a syntax error unless one is already being recovered
// from, and enters recovery.
func (p *parser) errorAt(r Range, summary, detail string) {
	if !p.panicking {
		p.diags = append(p.diags, diag.Diagnostic{Severity: diag.Error, Summary: summary, Detail: detail, Subject: r.Diag(p.file)})
	}
	p.panicking = true
}

// expected reports that what was expected (with its context, "after the
// parameter name") at the current token.
func (p *parser) expected(what, context string) {
	t := p.tok()
	detail := "Expected " + what
	if context != "" {
		detail += " " + context
	}
	p.errorAt(t.Range, "Missing "+what, detail+", found "+t.describe()+".")
}

// expect consumes a token of kind k or reports it missing.
func (p *parser) expect(k Kind, context string) bool {
	if p.got(k) {
		return true
	}
	p.expected(k.String(), context)
	return false
}

func (p *parser) expectWord(w, context string) bool {
	if p.atWord(w) {
		p.advance()
		return true
	}
	p.expected("'"+w+"'", context)
	return false
}

func (p *parser) enter() bool {
	p.depth++
	if p.depth > MaxDepth {
		if !p.deep {
			p.deep = true
			p.errorAt(p.tok().Range, "Nesting too deep", "Expressions and types may nest at most 256 levels deep; the rest of this one is skipped.")
		}
		p.panicking = true
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// ---- recovery

// declKeywords are the words that start a top-level declaration.
var declKeywords = map[string]bool{
	"targetScope": true, "metadata": true, "param": true, "var": true, "output": true,
	"resource": true, "module": true, "import": true, "using": true, "extends": true,
	"type": true, "func": true, "extension": true, "extensionConfig": true, "provider": true, "assert": true, "test": true,
}

// declAt reports whether token j starts a declaration: a declaration
// keyword followed by a name (or, for targetScope, '=').
func (p *parser) declAt(j int) bool {
	t := p.toks[j]
	if t.Kind != Keyword || !declKeywords[t.Text] || t.Kind == EOF {
		return false
	}
	n := p.toks[j+1]
	switch t.Text {
	case "targetScope":
		return n.Kind == Assign
	case "import":
		return n.Kind == LBrace || n.Kind == Star || n.Kind == String
	case "using", "extends", "extension", "provider":
		return n.Kind == String || isName(n)
	}
	return isName(n)
}

// lineStartDecl reports whether token j is a newline followed by a
// declaration at the start of a line: a strong sign that whatever was
// open before it was left unclosed.
func (p *parser) lineStartDecl(j int) bool {
	if p.toks[j].Kind != NewLine {
		return false
	}
	for p.toks[j].Kind == NewLine {
		j++
		p.nlScanned++
	}
	return p.toks[j].Range.Start.Column == 1 && p.declAt(j)
}

// skip consumes tokens up to (not including) a stop at nesting level 0: a
// newline (when nl is set and newlines matter), a comma (when comma is
// set), any closing bracket or string piece that closes something opened
// before, or the end of the file. Brackets opened while skipping are
// skipped whole, unless a declaration starts a line inside them.
func (p *parser) skip(nl, comma bool) {
	level := 0
	for {
		t := p.toks[p.i]
		switch t.Kind {
		case EOF:
			return
		case NewLine:
			if level == 0 && nl && !p.ignoreNL || p.lineStartDecl(p.i) {
				return
			}
			// Every newline of a run stops or goes on alike, as each
			// looks past the same run to the same token: the run is
			// consumed whole, not rescanned from each of its newlines.
			for p.toks[p.i+1].Kind == NewLine {
				p.i++
			}
			t = p.toks[p.i]
		case Comma:
			if level == 0 && comma {
				return
			}
		case LBrace, LBrack, LParen, StringHead, MultilineHead:
			level++
		case StringMiddle, MultilineMiddle:
			if level == 0 {
				return
			}
		case RBrace, RBrack, RParen, StringTail, MultilineTail:
			if level == 0 {
				return
			}
			level--
		}
		p.i++
		p.lastEnd = t.Range.End
	}
}

// syncStmt skips the rest of a statement that failed to parse. A
// declaration that starts a line ends it (an unclosed bracket before it
// has been reported already).
func (p *parser) syncStmt() {
	for !p.lineStartsWithDecl() {
		p.skip(true, false)
		switch p.toks[p.i].Kind {
		case RBrace, RBrack, RParen, StringTail, MultilineTail, StringMiddle, MultilineMiddle:
			p.i++ // a stray closing bracket: nothing at the top level is open
			continue
		}
		break
	}
	p.panicking = false
}

// lineStartsWithDecl reports whether the current token is a declaration
// at the start of a line.
func (p *parser) lineStartsWithDecl() bool {
	return p.i > 0 && p.toks[p.i-1].Kind == NewLine && p.declAt(p.i)
}

// ---- statements

func (p *parser) parseFile() []Stmt {
	var stmts []Stmt
	for {
		p.skipNL()
		if p.at(EOF) {
			return stmts
		}
		start := p.i
		s := p.parseStmt(p.parseDecorators())
		if s != nil && complete(s, p.params) {
			stmts = append(stmts, s)
		}
		if !p.panicking && !p.at(NewLine) && !p.at(EOF) {
			what := "declaration"
			if s != nil {
				what = stmtName(s)
			}
			t := p.tok()
			p.errorAt(t.Range, "Missing newline", "Expected a new line after the "+what+", found "+t.describe()+".")
		}
		if p.panicking {
			p.syncStmt()
		}
		if p.i == start && !p.at(NewLine) && !p.at(EOF) {
			p.i++ // never stall
		}
	}
}

func stmtName(s Stmt) string {
	switch s.(type) {
	case *TargetScopeDecl:
		return "targetScope declaration"
	case *MetadataDecl:
		return "metadata declaration"
	case *ParamDecl:
		return "parameter declaration"
	case *VarDecl:
		return "variable declaration"
	case *OutputDecl:
		return "output declaration"
	case *ResourceDecl:
		return "resource declaration"
	case *ModuleDecl:
		return "module declaration"
	case *ImportDecl:
		return "import declaration"
	case *ExtensionDecl:
		return "extension declaration"
	case *UsingDecl:
		return "using declaration"
	case *ExtendsDecl:
		return "extends declaration"
	case *ExtensionConfigDecl:
		return "extensionConfig declaration"
	case *TypeDecl:
		return "type declaration"
	case *FuncDecl:
		return "function declaration"
	case *AssertDecl:
		return "assert declaration"
	case *TestDecl:
		return "test declaration"
	}
	return "declaration"
}

// parseDecorators reads @expr lines.
func (p *parser) parseDecorators() []*Decorator {
	var ds []*Decorator
	for p.at(At) {
		start := p.startPos()
		p.advance()
		var e Expr
		if isName(p.tok()) {
			e = p.parsePostfix(p.parsePrimary())
		}
		if _, ok := e.(*CallExpr); !ok {
			if e == nil || !p.panicking {
				p.expected("a function call", "after '@'")
			}
			if e == nil {
				e = &BadExpr{SrcRange: p.rangeFrom(start)}
			}
		}
		ds = append(ds, &Decorator{Expr: e, SrcRange: p.rangeFrom(start)})
		if p.panicking {
			p.skip(true, false)
			p.panicking = false
		}
		p.skipNL()
	}
	return ds
}

func (p *parser) parseStmt(decos []*Decorator) Stmt {
	t := p.tok()
	if t.Kind != Keyword {
		if len(decos) > 0 {
			p.expected("a declaration", "after the decorators")
		} else {
			p.errorAt(t.Range, "Invalid statement", "Expected a declaration (param, var, resource, module, output, type, func, import, …), found "+t.describe()+".")
		}
		return nil
	}
	start := t.Range.Start
	switch t.Text {
	case "targetScope":
		p.advance()
		s := &TargetScopeDecl{Decorators: decos}
		if p.expect(Assign, "after targetScope") {
			s.Value = p.parseExpr()
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "metadata":
		p.advance()
		s := &MetadataDecl{Decorators: decos, Name: p.parseName("a metadata name", "after 'metadata'")}
		if s.Name != nil && p.expect(Assign, "after the metadata name") {
			s.Value = p.parseExpr()
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "param":
		return p.parseParam(decos, start)
	case "var":
		p.advance()
		s := &VarDecl{Decorators: decos, Name: p.parseName("a variable name", "after 'var'")}
		if s.Name != nil {
			if !p.at(Assign) && !p.at(NewLine) && !p.at(EOF) {
				s.Type = p.parseType()
			}
			if !p.panicking {
				ctx := "after the variable name"
				if s.Type != nil {
					ctx = "after the variable type"
				}
				if p.expect(Assign, ctx) {
					s.Value = p.parseExpr()
				}
			}
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "output":
		p.advance()
		s := &OutputDecl{Decorators: decos, Name: p.parseName("an output name", "after 'output'")}
		if s.Name != nil {
			if p.at(Assign) || p.at(NewLine) && p.pastNL().Kind != Pipe || p.at(EOF) {
				p.expected("an output type", "after the output name")
			} else {
				s.Type = p.parseResourceOrType()
			}
			if !p.panicking && p.expect(Assign, "after the output type") {
				s.Value = p.parseExpr()
			}
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "resource":
		return p.parseResource(decos, start)
	case "module":
		p.advance()
		s := &ModuleDecl{Decorators: decos, Name: p.parseName("a module name", "after 'module'")}
		if s.Name != nil {
			s.Path = p.parseStringOperand("a module path", "after the module name")
			if !p.panicking && p.expect(Assign, "after the module path") {
				s.Body = p.parseBody("module")
			}
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "test":
		p.advance()
		s := &TestDecl{Decorators: decos, Name: p.parseName("a test name", "after 'test'")}
		if s.Name != nil {
			s.Path = p.parseStringOperand("a template path", "after the test name")
			if !p.panicking && p.expect(Assign, "after the template path") {
				s.Body = p.parseBody("test")
			}
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "assert":
		p.advance()
		s := &AssertDecl{Decorators: decos, Name: p.parseName("an assertion name", "after 'assert'")}
		if s.Name != nil && p.expect(Assign, "after the assertion name") {
			s.Value = p.parseExpr()
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "type":
		p.advance()
		s := &TypeDecl{Decorators: decos, Name: p.parseName("a type name", "after 'type'")}
		if s.Name != nil && p.expect(Assign, "after the type name") {
			s.Type = p.parseType()
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "func":
		return p.parseFunc(decos, start)
	case "import":
		return p.parseImport(decos, start)
	case "extension", "provider":
		p.advance()
		return p.parseExtension(decos, start, t.Text)
	case "using":
		p.advance()
		s := &UsingDecl{}
		if p.atWord("none") {
			p.advance()
		} else {
			s.Path = p.parseStringOperand("a template path", "after 'using'")
		}
		if !p.panicking && p.atWord("with") {
			p.advance()
			s.Config = p.parseConfig("after 'with'")
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "extensionConfig":
		p.advance()
		s := &ExtensionConfigDecl{Name: p.parseName("an extension alias", "after 'extensionConfig'")}
		if s.Name != nil && p.expectWord("with", "after the extension alias") {
			s.Config = p.parseConfig("after 'with'")
		}
		s.SrcRange = p.rangeFrom(start)
		return s
	case "extends":
		p.advance()
		s := &ExtendsDecl{Path: p.parseStringOperand("a parameters file path", "after 'extends'")}
		s.SrcRange = p.rangeFrom(start)
		return s
	}
	p.errorAt(t.Range, "Invalid statement", "Expected a declaration (param, var, resource, module, output, type, func, import, …), found "+t.describe()+".")
	return nil
}

// parseName reads a declared name; keywords are allowed.
func (p *parser) parseName(what, context string) *Ident {
	t := p.tok()
	if !isName(t) {
		p.expected(what, context)
		return nil
	}
	p.advance()
	return &Ident{Name: t.Text, SrcRange: t.Range}
}

func (p *parser) parseParam(decos []*Decorator, start Pos) Stmt {
	p.advance()
	s := &ParamDecl{Decorators: decos, Name: p.parseName("a parameter name", "after 'param'")}
	defer func() { s.SrcRange = p.rangeFrom(start) }()
	if s.Name == nil {
		return s
	}
	if p.params {
		if p.expect(Assign, "after the parameter name") {
			s.Value = p.parseExpr()
		}
		return s
	}
	if p.at(Assign) || p.at(NewLine) && p.pastNL().Kind != Pipe || p.at(EOF) {
		p.expected("a parameter type", "after the parameter name")
		return s
	}
	s.Type = p.parseResourceOrType()
	if p.panicking || p.at(NewLine) || p.at(EOF) {
		return s
	}
	if p.expect(Assign, "after the parameter type") {
		s.Value = p.parseExpr()
	}
	return s
}

// parseResourceOrType reads the type of a parameter or output, which may
// be resource 'Type@version'.
func (p *parser) parseResourceOrType() TypeExpr {
	if p.atWord("resource") && (p.peek().Kind == String || p.peek().Kind == StringHead) {
		start := p.startPos()
		p.advance()
		s := p.parseStringOperand("a resource type", "after 'resource'")
		return &ResourceType{Keyword: "resource", Type: s, Bare: true, SrcRange: p.rangeFrom(start)}
	}
	return p.parseType()
}

func (p *parser) parseResource(decos []*Decorator, start Pos) *ResourceDecl {
	p.advance()
	s := &ResourceDecl{Decorators: decos, Name: p.parseName("a resource name", "after 'resource'")}
	if s.Name != nil {
		s.Type = p.parseStringOperand("a resource type string", "after the resource name")
		if !p.panicking && p.atWord("existing") {
			p.advance()
			s.Existing = true
		}
		if !p.panicking && p.expect(Assign, "after the resource type") {
			s.Body = p.parseBody("resource")
		}
	}
	s.SrcRange = p.rangeFrom(start)
	return s
}

// parseStringOperand reads the string of a resource type, module path or
// import source.
func (p *parser) parseStringOperand(what, context string) Expr {
	switch p.tok().Kind {
	case String, StringHead, MultilineString, MultilineHead:
		return p.parsePrimary()
	}
	p.expected(what, context)
	return &BadExpr{SrcRange: Range{p.startPos(), p.startPos()}}
}

// parseBody reads the body of a resource, module or test: an object,
// if (cond) {...} or [for ...].
func (p *parser) parseBody(what string) Expr {
	if n := p.pastNL(); p.at(NewLine) && (n.Kind == LBrace || n.Kind == LBrack || n.Kind == Keyword && n.Text == "if") {
		p.skipNL() // the body may start on the next line
	}
	start := p.startPos()
	switch {
	case p.atWord("if"):
		return p.parseIf()
	case p.at(LBrace):
		return p.parseExpr()
	case p.at(LBrack) && p.pastNLAfter(1).Text == "for":
		return p.parseExpr()
	}
	t := p.tok()
	p.errorAt(t.Range, "Missing "+what+" body", "Expected an object, if (…) {…} or [for …] after '=', found "+t.describe()+".")
	return &BadExpr{SrcRange: Range{start, start}}
}

// pastNLAfter returns the first token that is not a newline, n tokens
// after the current one.
func (p *parser) pastNLAfter(n int) Token {
	j := min(p.cur()+n, len(p.toks)-1)
	for p.toks[j].Kind == NewLine {
		j++
	}
	return p.toks[j]
}

func (p *parser) parseFunc(decos []*Decorator, start Pos) Stmt {
	p.advance()
	s := &FuncDecl{Decorators: decos, Name: p.parseName("a function name", "after 'func'")}
	defer func() { s.SrcRange = p.rangeFrom(start) }()
	if s.Name == nil || !p.expect(LParen, "after the function name") {
		return s
	}
	old := p.setNL(true)
	for !p.at(RParen) && !p.at(EOF) {
		pstart := p.startPos()
		fp := &FuncParam{Name: p.parseName("a parameter name", "in the function's parameter list")}
		if fp.Name != nil {
			fp.Type = p.parseType()
		}
		fp.SrcRange = p.rangeFrom(pstart)
		s.Params = append(s.Params, fp)
		if p.panicking || !p.got(Comma) {
			break
		}
	}
	if !p.panicking {
		p.expect(RParen, "after the function's parameters")
	}
	p.setNL(old)
	if p.panicking {
		return s
	}
	s.Result = p.parseType()
	if !p.panicking && p.expect(Arrow, "after the function's return type") {
		p.continueLine()
		s.Body = p.parseExpr()
	}
	return s
}

func (p *parser) parseImport(decos []*Decorator, start Pos) Stmt {
	p.advance()
	switch p.tok().Kind {
	case String, StringHead:
		// import 'kubernetes@1.0.0' with {...} as k8s: the form that
		// preceded extension.
		return p.parseExtension(decos, start, "import")
	}
	s := &ImportDecl{Decorators: decos}
	defer func() { s.SrcRange = p.rangeFrom(start) }()
	switch {
	case p.at(Star):
		p.advance()
		if !p.expectWord("as", "after 'import *'") {
			return s
		}
		if s.Wildcard = p.parseName("a namespace name", "after 'as'"); s.Wildcard == nil {
			return s
		}
	case p.at(LBrace):
		p.parseImportList(s)
		if p.panicking {
			return s
		}
	default:
		p.expected("'{' or '*'", "after 'import'")
		return s
	}
	if p.expectWord("from", "after the imported names") {
		s.From = p.parseStringOperand("a path", "after 'from'")
	}
	return s
}

func (p *parser) parseImportList(s *ImportDecl) {
	lb := p.advance()
	old := p.setNL(false)
	defer p.setNL(old)
	p.list(RBrace, lb, "imported names", false, func() {
		istart := p.startPos()
		it := &ImportItem{}
		switch t := p.tok(); {
		case isName(t):
			p.advance()
			it.Name = &Ident{Name: t.Text, SrcRange: t.Range}
		case t.Kind == String:
			it.Name = p.parsePrimary()
		default:
			p.expected("a name", "in the import list")
			return
		}
		if p.atWord("as") {
			p.advance()
			it.Alias = p.parseName("an alias", "after 'as'")
		}
		it.SrcRange = p.rangeFrom(istart)
		s.Items = append(s.Items, it)
	})
}

func (p *parser) parseExtension(decos []*Decorator, start Pos, keyword string) Stmt {
	s := &ExtensionDecl{Decorators: decos, Keyword: keyword}
	defer func() { s.SrcRange = p.rangeFrom(start) }()
	switch t := p.tok(); {
	case t.Kind == String || t.Kind == StringHead:
		s.Spec = p.parsePrimary()
	case isName(t):
		p.advance()
		s.Spec = &Ident{Name: t.Text, SrcRange: t.Range}
	default:
		p.expected("an extension name or reference", "after '"+keyword+"'")
		return s
	}
	if p.atWord("with") {
		p.advance()
		if s.Config = p.parseConfig("after 'with'"); p.panicking {
			return s
		}
	}
	if p.atWord("as") {
		p.advance()
		s.Alias = p.parseName("an alias", "after 'as'")
	}
	return s
}

func (p *parser) parseConfig(context string) *ObjectExpr {
	if !p.at(LBrace) {
		p.expected("an object", context)
		return nil
	}
	o, _ := p.parseExpr().(*ObjectExpr)
	return o
}

// complete fills what a syntax error left out of a statement with
// placeholders, so that every field the grammar requires is set, and
// reports whether the statement is worth keeping: one without a name is
// not.
func complete(s Stmt, params bool) bool {
	end := s.Range().End
	bad := func(e *Expr) {
		if *e == nil {
			*e = &BadExpr{SrcRange: Range{end, end}}
		}
	}
	badType := func(t *TypeExpr) {
		if *t == nil {
			*t = &BadType{SrcRange: Range{end, end}}
		}
	}
	switch s := s.(type) {
	case *TargetScopeDecl:
		bad(&s.Value)
	case *MetadataDecl:
		bad(&s.Value)
		return s.Name != nil
	case *ParamDecl:
		if params {
			bad(&s.Value)
		} else {
			badType(&s.Type)
		}
		return s.Name != nil
	case *VarDecl:
		bad(&s.Value)
		return s.Name != nil
	case *OutputDecl:
		badType(&s.Type)
		bad(&s.Value)
		return s.Name != nil
	case *ResourceDecl:
		bad(&s.Type)
		bad(&s.Body)
		return s.Name != nil
	case *ModuleDecl:
		bad(&s.Path)
		bad(&s.Body)
		return s.Name != nil
	case *TestDecl:
		bad(&s.Path)
		bad(&s.Body)
		return s.Name != nil
	case *AssertDecl:
		bad(&s.Value)
		return s.Name != nil
	case *TypeDecl:
		badType(&s.Type)
		return s.Name != nil
	case *FuncDecl:
		params := s.Params[:0]
		for _, fp := range s.Params {
			if fp.Name != nil {
				badType(&fp.Type)
				params = append(params, fp)
			}
		}
		s.Params = params
		badType(&s.Result)
		bad(&s.Body)
		return s.Name != nil
	case *ImportDecl:
		bad(&s.From)
	case *ExtensionDecl:
		bad(&s.Spec)
	case *ExtensionConfigDecl:
		return s.Name != nil
	}
	return true
}
