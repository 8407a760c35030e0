package bicep

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// The compiler turns a parsed Bicep file into the ARM template
// (languageVersion 2.0, symbolic resources) that the Bicep compiler would
// emit for it, as a jsonpos tree whose positions are those of the Bicep
// source. The ARM evaluator (parsers/arm) then evaluates it: one
// implementation of the template language, of copy loops, conditions,
// nested deployments and references serves both formats.
//
// Expressions become ARM expression strings. What only Bicep has is
// lowered the way the Bicep compiler lowers it: string interpolation to
// format(), the ternary operator to if(), ?? to coalesce(), .? to tryGet(),
// spreads to shallowMerge() and concat(), for expressions to map() and
// filter() over range(), resource loops and conditions to copy and
// condition, nested and parent: children to full names and types, symbolic
// references to resourceId() and reference(), module outputs to
// reference().outputs, modules to nested deployments.

// unknownFunc is the function a compiled template calls for a value that
// is not known before deployment (a Key Vault secret, an environment
// variable) or that Bicep computes in a way acrlint does not follow.
const unknownFunc = "acrlint.unknown"

// userNamespace holds the file's user-defined and imported functions.
const userNamespace = "__bicep"

// deploymentsAPI is the API version of the nested deployments modules
// compile to.
const deploymentsAPI = "2022-09-01"

type symKind int

const (
	symParam symKind = iota
	symVar
	symResource
	symModule
	symFunc
	symImport    // an imported variable or function
	symNamespace // import * as ns
	symType
)

type symbol struct {
	kind   symKind
	name   string
	node   syntax.Node
	value  syntax.Expr // a variable's value
	res    *resource
	mod    *module
	fn     *syntax.FuncDecl
	source *compiler // the file an imported symbol or namespace is from
	remote string    // the name of an imported symbol in its file
}

// resource is a resource declaration with what its body says about its
// loop, condition and parent.
type resource struct {
	decl     *syntax.ResourceDecl
	symbol   string // its key among the template's resources
	typ, api string // the full type and the API version
	body     *syntax.ObjectExpr
	loop     *syntax.ForExpr
	cond     syntax.Expr
	// parent is the enclosing resource of a nested child, or the resource
	// its parent: property names (parentIndex when that is an element of
	// a resource loop).
	parent      *resource
	parentIndex syntax.Expr
	nested      bool
	children    map[string]*resource
	existing    bool
}

type module struct {
	decl *syntax.ModuleDecl
	body *syntax.ObjectExpr
	loop *syntax.ForExpr
	cond syntax.Expr
}

// env binds the local names of an expression (loop variables, lambda
// parameters, function parameters) to the ARM expressions that stand for
// them.
type env struct {
	name, text string
	parent     *env
}

func (e *env) lookup(name string) (string, bool) {
	for ; e != nil; e = e.parent {
		if e.name == name {
			return e.text, true
		}
	}
	return "", false
}

func (e *env) with(name, text string) *env {
	if name == "" {
		return e
	}
	return &env{name: name, text: text, parent: e}
}

// compiler compiles one Bicep file.
type compiler struct {
	b     *Parser
	path  string // absolute
	file  *syntax.File
	diags diag.Diagnostics
	syms  map[string]*symbol
	scope string // targetScope
	fresh int
	// inlining guards the variables inlined into another file's template
	// (imports) against cycles.
	inlining map[string]bool
	// funcs are the members of the template's function namespace: the
	// file's own functions and those its imports bring in.
	funcs []jsonpos.Member
	// taken holds the lower-cased names given to the functions of the
	// template (see claim): ARM compares function names case-insensitively,
	// so no two may differ in case only. A name is checked against them in
	// one lookup, not against every function named before it.
	taken map[string]bool
	// nameChecks counts those lookups, so that tests can hold the
	// checks of a file's functions to one each.
	nameChecks int
	// funcNames maps a function of this file to its name in the template
	// being compiled (see funcName).
	funcNames map[*syntax.FuncDecl]string
	// into is the compiler whose template an imported symbol is compiled
	// into; nil for the file's own template.
	into *compiler
	// current is the resource whose declaration is being compiled: the
	// nested resources of it and of its parents are in scope by their
	// bare symbolic names.
	current *resource
	// depth is the nesting of expressions being compiled, and busy the
	// declarations whose name or ID is being compiled: a name that refers
	// to itself, or parents in a cycle, are errors and not endless.
	depth int
	busy  map[syntax.Node]bool
}

// maxDepth bounds the nesting of compiled expressions.
const maxDepth = 256

func newCompiler(b *Parser, path string, file *syntax.File) *compiler {
	c := &compiler{b: b, path: path, file: file, syms: map[string]*symbol{}, scope: "resourceGroup",
		inlining: map[string]bool{}, funcNames: map[*syntax.FuncDecl]string{}, taken: map[string]bool{}, busy: map[syntax.Node]bool{}}
	c.declare()
	return c
}

func (c *compiler) rel() string { return c.b.rel(c.path) }

func (c *compiler) errorf(n syntax.Node, summary, format string, args ...any) {
	c.diags = append(c.diags, diag.Errorf(n.Range().Diag(c.rel()), summary, format, args...))
}

func (c *compiler) warnf(n syntax.Node, summary, format string, args ...any) {
	c.diags = append(c.diags, diag.Warnf(n.Range().Diag(c.rel()), summary, format, args...))
}

func (c *compiler) notef(n syntax.Node, summary, format string, args ...any) {
	c.diags = append(c.diags, diag.Notef(n.Range().Diag(c.rel()), summary, format, args...))
}

// incomplete marks the last diagnostic as one about resources left out.
func (c *compiler) incomplete() { c.diags[len(c.diags)-1].Code = diag.CodeIncomplete }

func pos(n syntax.Node) diag.Pos {
	r := n.Range()
	return diag.Pos{Line: r.Start.Line, Column: r.Start.Column}
}

func end(n syntax.Node) diag.Pos {
	r := n.Range()
	return diag.Pos{Line: r.End.Line, Column: r.End.Column}
}

// declare builds the symbol table of the file.
func (c *compiler) declare() {
	add := func(name *syntax.Ident, s *symbol) {
		if name == nil || name.Name == "" {
			return
		}
		s.name = name.Name
		if _, dup := c.syms[name.Name]; dup {
			c.errorf(name, "Duplicate symbol", "%q is declared more than once in this file", name.Name)
			return
		}
		c.syms[name.Name] = s
	}
	for _, st := range c.file.Statements {
		switch d := st.(type) {
		case *syntax.TargetScopeDecl:
			if s, ok := d.Value.(*syntax.StringLit); ok {
				c.scope = s.Value
			}
		case *syntax.ParamDecl:
			add(d.Name, &symbol{kind: symParam, node: d, value: d.Value})
		case *syntax.VarDecl:
			add(d.Name, &symbol{kind: symVar, node: d, value: d.Value})
		case *syntax.ResourceDecl:
			r := c.resourceOf(d, nil)
			add(d.Name, &symbol{kind: symResource, node: d, res: r})
		case *syntax.ModuleDecl:
			m := &module{decl: d}
			m.body, m.loop, m.cond = unwrapBody(d.Body)
			add(d.Name, &symbol{kind: symModule, node: d, mod: m})
		case *syntax.FuncDecl:
			add(d.Name, &symbol{kind: symFunc, node: d, fn: d})
		case *syntax.TypeDecl:
			add(d.Name, &symbol{kind: symType, node: d})
		case *syntax.ImportDecl:
			c.declareImport(d, add)
		}
	}
	// parent: properties, once every resource is declared.
	for _, s := range c.sortedSyms(symResource) {
		c.linkParents(s.res)
	}
}

// sortedSyms lists the symbols of a kind in declaration order.
func (c *compiler) sortedSyms(kind symKind) []*symbol {
	var out []*symbol
	for _, s := range c.syms {
		if s.kind == kind {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *symbol) int { return a.node.Range().Start.Offset - b.node.Range().Start.Offset })
	return out
}

// unwrapBody splits a resource or module body into the object, the loop
// and the condition around it.
func unwrapBody(e syntax.Expr) (body *syntax.ObjectExpr, loop *syntax.ForExpr, cond syntax.Expr) {
	if f, ok := e.(*syntax.ForExpr); ok {
		loop, e = f, f.Body
	}
	if i, ok := e.(*syntax.IfExpr); ok {
		cond, e = i.Cond, i.Body
	}
	body, _ = e.(*syntax.ObjectExpr)
	return body, loop, cond
}

// resourceOf reads a resource declaration; parent is the resource whose
// body it is nested in.
func (c *compiler) resourceOf(d *syntax.ResourceDecl, parent *resource) *resource {
	r := &resource{decl: d, existing: d.Existing, parent: parent, nested: parent != nil, children: map[string]*resource{}}
	r.body, r.loop, r.cond = unwrapBody(d.Body)
	if parent != nil {
		r.symbol = parent.symbol + "::" + d.Name.Name
	} else {
		r.symbol = d.Name.Name
	}
	typ := ""
	if s, ok := d.Type.(*syntax.StringLit); ok {
		typ = s.Value
	} else {
		c.errorf(d.Type, "Invalid resource type", "the resource type must be a string literal 'Namespace/type@version'")
	}
	r.typ, r.api, _ = strings.Cut(typ, "@")
	if parent != nil && !strings.Contains(r.typ, "/") {
		r.typ = parent.typ + "/" + r.typ
		if r.api == "" {
			r.api = parent.api
		}
	}
	if r.body != nil {
		for _, it := range r.body.Items {
			if child, ok := it.(*syntax.ResourceDecl); ok && child.Name != nil {
				r.children[child.Name.Name] = c.resourceOf(child, r)
			}
		}
	}
	return r
}

// linkParents resolves the parent: property of r and its children.
func (c *compiler) linkParents(r *resource) {
	if p := property(r.body, "parent"); p != nil && !r.nested {
		x := p
		if ix, ok := x.(*syntax.IndexExpr); ok {
			x, r.parentIndex = ix.X, ix.Index
		}
		pr := c.resourceRef(x)
		for a := pr; a != nil; a = a.parent {
			if a == r {
				c.errorf(p, "Cycle", "resource %s is its own parent", r.symbol)
				return
			}
		}
		if pr != nil {
			r.parent = pr
			if !strings.HasPrefix(strings.ToLower(r.typ), strings.ToLower(pr.typ)+"/") {
				c.warnf(p, "Parent type mismatch", "the type %s is not a child type of the parent's %s", r.typ, pr.typ)
			}
		} else {
			c.errorf(p, "Invalid parent", "parent: must name a resource declared in this file")
		}
	}
	for _, name := range sortedKeys(r.children) {
		c.linkParents(r.children[name])
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// resourceRef resolves an expression naming a resource (acr, vnet::subnet).
func (c *compiler) resourceRef(e syntax.Expr) *resource {
	switch x := e.(type) {
	case *syntax.Ref:
		if s, ok := c.syms[x.Name]; ok && s.kind == symResource {
			return s.res
		}
		return c.nestedSymbol(x.Name)
	case *syntax.ResourceAccessExpr:
		if p := c.resourceRef(x.X); p != nil && x.Name != nil {
			return p.children[x.Name.Name]
		}
	case *syntax.ParenExpr:
		return c.resourceRef(x.X)
	case *syntax.NonNullExpr:
		return c.resourceRef(x.X)
	}
	return nil
}

// property returns the value of a literal-keyed property of an object.
func property(o *syntax.ObjectExpr, name string) syntax.Expr {
	if o == nil {
		return nil
	}
	for _, it := range o.Items {
		if p, ok := it.(*syntax.ObjectProperty); ok {
			if k, ok := p.KeyName(); ok && strings.EqualFold(k, name) {
				return p.Value
			}
		}
	}
	return nil
}

// ---- the template

// template compiles the file into an ARM template.
func (c *compiler) template() *jsonpos.Value {
	at := c.file
	doc := obj(at)
	schema := "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
	switch c.scope {
	case "subscription":
		schema = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
	case "managementGroup":
		schema = "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#"
	case "tenant":
		schema = "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#"
	}
	set(doc, "$schema", str(at, schema))
	set(doc, "languageVersion", str(at, "2.0"))
	set(doc, "contentVersion", str(at, "1.0.0.0"))

	// The file's functions are named first, in the order they are
	// declared, so that each keeps its name unless one before it has it
	// in another case; an imported function, named when first called,
	// then takes a name none of them has.
	own := c.sortedSyms(symFunc)
	for _, s := range own {
		c.funcName(s)
	}

	params := obj(at)
	for _, s := range c.sortedSyms(symParam) {
		d := s.node.(*syntax.ParamDecl)
		p := obj(d)
		set(p, "type", str(d, paramType(d)))
		if _, ok := d.Type.(*syntax.NullableType); ok {
			set(p, "nullable", &jsonpos.Value{Kind: jsonpos.Bool, Bool: true, Pos: pos(d)})
		}
		if d.Value != nil {
			if c.checkDefault(d) {
				set(p, "defaultValue", c.value(d.Value, nil))
			} else {
				set(p, "defaultValue", exprValue(d.Value, c.unknown()))
			}
		}
		setAt(params, d.Name, p)
	}
	set(doc, "parameters", params)

	vars := obj(at)
	for _, s := range c.sortedSyms(symVar) {
		d := s.node.(*syntax.VarDecl)
		setAt(vars, d.Name, c.value(d.Value, nil))
	}
	set(doc, "variables", vars)

	resources := obj(at)
	for _, s := range c.orderedDeclarations() {
		switch s.kind {
		case symResource:
			c.emitResource(resources, s.res)
		case symModule:
			c.emitModule(resources, s)
		}
	}

	set(doc, "resources", resources)

	outs := obj(at)
	for _, st := range c.file.Statements {
		if d, ok := st.(*syntax.OutputDecl); ok && d.Name != nil {
			o := obj(d)
			set(o, "type", str(d, "object"))
			set(o, "value", c.value(d.Value, nil))
			setAt(outs, d.Name, o)
		}
	}
	set(doc, "outputs", outs)
	// Functions last: imports compile into c.funcs while the rest is
	// compiled.
	for _, s := range own {
		c.emitFunc(s.fn, c.funcName(s))
	}
	if len(c.funcs) > 0 {
		ns := obj(at)
		set(ns, "namespace", str(at, userNamespace))
		members := obj(at)
		members.Members = c.funcs
		set(ns, "members", members)
		set(doc, "functions", &jsonpos.Value{Kind: jsonpos.Array, Pos: pos(at), Array: []*jsonpos.Value{ns}})
	}
	return doc
}

// paramType is the ARM type of a parameter.
func paramType(d *syntax.ParamDecl) string {
	for _, dec := range d.Decorators {
		if strings.EqualFold(dec.Name(), "secure") {
			if t, ok := d.Type.(*syntax.TypeRef); ok && t.Name == "object" {
				return "secureObject"
			}
			return "secureString"
		}
	}
	if t, ok := d.Type.(*syntax.TypeRef); ok {
		switch t.Name {
		case "string", "int", "bool", "object", "array":
			return t.Name
		}
	}
	return "object"
}

// orderedDeclarations lists resources and modules with every module after
// the modules whose outputs it reads, so that the outputs are known when
// its parameters are evaluated; otherwise in declaration order.
func (c *compiler) orderedDeclarations() []*symbol {
	decls := append(c.sortedSyms(symResource), c.sortedSyms(symModule)...)
	slices.SortFunc(decls, func(a, b *symbol) int { return a.node.Range().Start.Offset - b.node.Range().Start.Offset })
	var out []*symbol
	state := map[*symbol]int{} // 1 visiting, 2 done
	var visit func(s *symbol)
	visit = func(s *symbol) {
		if state[s] != 0 {
			return
		}
		state[s] = 1
		if s.kind == symModule {
			for _, dep := range c.moduleDeps(s.node, map[string]bool{}) {
				visit(dep)
			}
		}
		state[s] = 2
		out = append(out, s)
	}
	for _, s := range decls {
		visit(s)
	}
	return out
}

// moduleDeps lists the modules n reads (through variables too).
func (c *compiler) moduleDeps(n syntax.Node, seen map[string]bool) []*symbol {
	var out []*symbol
	syntax.Inspect(n, func(n syntax.Node) bool {
		ref, ok := n.(*syntax.Ref)
		if !ok || seen[ref.Name] {
			return true
		}
		seen[ref.Name] = true
		switch s := c.syms[ref.Name]; {
		case s == nil:
		case s.kind == symModule && s.node != n:
			out = append(out, s)
		case s.kind == symVar:
			out = append(out, c.moduleDeps(s.value, seen)...)
		}
		return true
	})
	return out
}

// ---- resources and modules

// loopEnv binds the loop variables of r (or of the parent whose loop a
// nested child shares) for the instance whose index is the ARM expression
// idx.
func (c *compiler) loopEnv(r *resource, idx string) *env {
	if loop, _ := r.loopOf(); loop != nil {
		return c.bindLoop(loop, idx, nil)
	}
	return nil
}

// bindLoop binds a for loop's item and index variables for the element at
// index idx.
func (c *compiler) bindLoop(f *syntax.ForExpr, idx string, outer *env) *env {
	e := outer
	if f.Item != nil {
		e = e.with(f.Item.Name, index(c.expr(f.Iterable, outer), idx))
	}
	if f.Index != nil {
		e = e.with(f.Index.Name, idx)
	}
	return e
}

func index(x, i string) string { return x + "[" + i + "]" }

// loopOf is the loop that expands r: its own, or its nested parent's.
func (r *resource) loopOf() (*syntax.ForExpr, *resource) {
	for l := r; l != nil; l = l.parent {
		if l.loop != nil {
			return l.loop, l
		}
		if !l.nested {
			break
		}
	}
	return nil, nil
}

// nameExpr is the ARM expression of r's name as declared (the last
// segment for a child), for the instance at idx.
func (c *compiler) nameExpr(r *resource, idx string) string {
	n := property(r.body, "name")
	if n == nil {
		return c.unknown()
	}
	if !c.enter(r.decl, "the name of resource "+r.symbol) {
		return c.unknown()
	}
	defer c.leave(r.decl)
	return c.inScope(r, func() string { return c.expr(n, c.loopEnv(r, idx)) })
}

// inScope compiles with r's declaration as the current scope.
func (c *compiler) inScope(r *resource, compile func() string) string {
	saved := c.current
	c.current = r
	defer func() { c.current = saved }()
	return compile()
}

// nestedSymbol finds a nested resource in scope by its bare symbolic name:
// a child of the resource being compiled or of one of its parents.
func (c *compiler) nestedSymbol(name string) *resource {
	for l := c.current; l != nil; l = l.parent {
		if ch, ok := l.children[name]; ok {
			return ch
		}
		if !l.nested {
			break
		}
	}
	return nil
}

// existingScope says where an existing resource is when its scope: (or
// its parent's) names another resource group or subscription.
func (c *compiler) existingScope(v *jsonpos.Value, r *resource, e *env) {
	root := r
	for root.nested && root.parent != nil {
		root = root.parent
	}
	if call, ok := scopeOf(root.body).(*syntax.CallExpr); ok {
		c.scopeCall(v, call, e)
	}
}

// scopeCall sets the subscriptionId and resourceGroup a scope of
// resourceGroup([sub,] name) or subscription(id) names.
func (c *compiler) scopeCall(v *jsonpos.Value, call *syntax.CallExpr, e *env) {
	if call.Name == nil {
		return
	}
	args := c.args(call.Args, e)
	switch strings.ToLower(call.Name.Name) {
	case "resourcegroup":
		switch len(args) {
		case 1:
			set(v, "resourceGroup", exprValue(call, args[0]))
		case 2:
			set(v, "subscriptionId", exprValue(call, args[0]))
			set(v, "resourceGroup", exprValue(call, args[1]))
		}
	case "subscription":
		if len(args) == 1 {
			set(v, "subscriptionId", exprValue(call, args[0]))
		}
	}
}

// enter marks a declaration as being compiled; false (with an error) when
// it already is: what is compiled refers to itself.
func (c *compiler) enter(n syntax.Node, what string) bool {
	if c.busy[n] {
		c.errorf(n, "Cycle", "%s refers to itself", what)
		return false
	}
	c.busy[n] = true
	return true
}

func (c *compiler) leave(n syntax.Node) { delete(c.busy, n) }

// fullName is the ARM name of r: its parents' names and its own joined
// with '/'.
func (c *compiler) fullName(r *resource, idx string) string {
	own := c.nameExpr(r, idx)
	if r.parent == nil {
		return own
	}
	if !c.enter(r.body, "the parent chain of resource "+r.symbol) {
		return c.unknown()
	}
	defer c.leave(r.body)
	pidx := idx
	if !r.nested {
		pidx = ""
		if r.parentIndex != nil {
			pidx = c.expr(r.parentIndex, c.loopEnv(r, idx))
		}
	}
	return joinNames(c.fullName(r.parent, pidx), own)
}

// joinNames joins two name expressions with '/', as a literal when both
// are literals.
func joinNames(a, b string) string {
	if la, ok := literal(a); ok {
		if lb, ok := literal(b); ok {
			return quote(la + "/" + lb)
		}
	}
	return "format('{0}/{1}', " + a + ", " + b + ")"
}

// scopeOf returns the scope: property of a resource or module.
func scopeOf(body *syntax.ObjectExpr) syntax.Expr { return property(body, "scope") }

// resourceID is the ARM expression of r's resource ID.
func (c *compiler) resourceID(r *resource, idx string) string {
	name := c.fullName(r, idx)
	root := r
	for root.parent != nil {
		root = root.parent
	}
	typ := quote(r.typ)
	if sc := scopeOf(root.body); sc != nil {
		if !c.enter(sc, "the scope of resource "+root.symbol) {
			return c.unknown()
		}
		defer c.leave(sc)
		e := c.loopEnv(root, idx)
		if target := c.resourceRef(sc); target != nil {
			return "extensionResourceId(" + c.resourceID(target, "") + ", " + typ + ", " + name + ")"
		}
		if ix, ok := sc.(*syntax.IndexExpr); ok {
			if target := c.resourceRef(ix.X); target != nil {
				return "extensionResourceId(" + c.resourceID(target, c.expr(ix.Index, e)) + ", " + typ + ", " + name + ")"
			}
		}
		if call, ok := sc.(*syntax.CallExpr); ok && call.Name != nil {
			args := c.args(call.Args, e)
			switch strings.ToLower(call.Name.Name) {
			case "resourcegroup":
				return "resourceId(" + strings.Join(append(args, typ, name), ", ") + ")"
			case "subscription":
				return "subscriptionResourceId(" + strings.Join(append(args, typ, name), ", ") + ")"
			case "tenant":
				return "tenantResourceId(" + typ + ", " + name + ")"
			}
		}
	}
	switch c.scope {
	case "subscription":
		return "subscriptionResourceId(" + typ + ", " + name + ")"
	case "tenant":
		return "tenantResourceId(" + typ + ", " + name + ")"
	}
	return "resourceId(" + typ + ", " + name + ")"
}

// skipResourceProps are Bicep resource body properties that are not part
// of the deployed resource, or that the compiled template holds elsewhere.
var skipResourceProps = map[string]bool{"name": true, "parent": true, "scope": true, "dependson": true}

// emitResource adds r and its nested children to the template's resources.
func (c *compiler) emitResource(resources *jsonpos.Value, r *resource) {
	saved := c.current
	c.current = r
	defer func() { c.current = saved }()
	d := r.decl
	v := obj(d)
	v.End = end(d)
	set(v, "type", str(d.Type, r.typ))
	if r.api != "" {
		set(v, "apiVersion", str(d.Type, r.api))
	}
	idx := ""
	loop, owner := r.loopOf()
	if loop != nil {
		idx = "copyIndex(" + quote(owner.symbol) + ")"
		if owner != r {
			// A nested child of a looped parent shares its loop.
			idx = "copyIndex(" + quote(r.symbol) + ")"
		}
		cp := obj(loop)
		set(cp, "name", str(loop, r.symbol))
		set(cp, "count", exprValue(loop.Iterable, "length("+c.expr(loop.Iterable, nil)+")"))
		set(v, "copy", cp)
	}
	e := c.loopEnv(r, idx)
	if r.existing {
		set(v, "existing", &jsonpos.Value{Kind: jsonpos.Bool, Bool: true, Pos: pos(d)})
	}
	// A nested child is deployed only when its parents are.
	var conds []string
	var condAt syntax.Node
	for l := r; l != nil; l = l.parent {
		if l.cond != nil {
			conds = append(conds, c.inScope(l, func() string { return c.expr(l.cond, c.loopEnv(l, idx)) }))
			condAt = l.cond
		}
		if !l.nested {
			break
		}
	}
	if len(conds) == 1 {
		set(v, "condition", exprValue(condAt, conds[0]))
	} else if len(conds) > 1 {
		slices.Reverse(conds)
		set(v, "condition", exprValue(d, "and("+strings.Join(conds, ", ")+")"))
	}
	if r.existing {
		c.existingScope(v, r, e)
	}
	if n := property(r.body, "name"); n != nil {
		set(v, "name", exprValue(n, c.fullName(r, idx)))
	} else if r.body != nil {
		c.errorf(d.Name, "Resource without a name", "resource %s has no name property", d.Name.Name)
	}
	if sc := scopeOf(r.body); sc != nil && !r.existing {
		if target := c.resourceRef(sc); target != nil {
			set(v, "scope", exprValue(sc, c.resourceID(target, "")))
		} else if ix, ok := sc.(*syntax.IndexExpr); ok && c.resourceRef(ix.X) != nil {
			set(v, "scope", exprValue(sc, c.resourceID(c.resourceRef(ix.X), c.expr(ix.Index, e))))
		}
	}
	if r.body != nil {
		for _, it := range r.body.Items {
			switch p := it.(type) {
			case *syntax.ObjectProperty:
				k, ok := p.KeyName()
				if !ok || skipResourceProps[strings.ToLower(k)] {
					continue
				}
				setKey(v, p.Key, k, c.value(p.Value, e))
			case *syntax.SpreadExpr:
				c.warnf(p, "Spread in a resource body", "a spread in a resource body is not evaluated; its properties are unknown")
			}
		}
	}
	resources.Members = append(resources.Members, jsonpos.Member{Key: r.symbol, KeyPos: pos(d.Name), Value: v})
	for _, name := range childOrder(r) {
		c.emitResource(resources, r.children[name])
	}
}

// childOrder lists r's nested children in declaration order.
func childOrder(r *resource) []string {
	names := sortedKeys(r.children)
	slices.SortFunc(names, func(a, b string) int {
		return r.children[a].decl.Range().Start.Offset - r.children[b].decl.Range().Start.Offset
	})
	return names
}

// deploymentName is the ARM expression of a module's deployment name.
func (c *compiler) deploymentName(s *symbol, idx string) string {
	m := s.mod
	var e *env
	if m.loop != nil {
		e = c.bindLoop(m.loop, idx, nil)
	}
	if n := property(m.body, "name"); n != nil {
		if !c.enter(n, "the name of module "+s.name) {
			return c.unknown()
		}
		defer c.leave(n)
		return c.expr(n, e)
	}
	if m.loop != nil {
		return "format('{0}-{1}', " + quote(s.name) + ", " + idx + ")"
	}
	return quote(s.name)
}

// emitModule adds a module as a nested deployment with the inner
// expression scope: a local module links to its file (compiled in turn), a
// registry module inlines the compiled template from the Bicep cache.
func (c *compiler) emitModule(resources *jsonpos.Value, s *symbol) {
	m := s.mod
	d := m.decl
	v := obj(d)
	v.End = end(d)
	set(v, "type", str(d, "Microsoft.Resources/deployments"))
	set(v, "apiVersion", str(d, deploymentsAPI))
	idx := ""
	var e *env
	if m.loop != nil {
		idx = "copyIndex(" + quote(s.name) + ")"
		cp := obj(m.loop)
		set(cp, "name", str(m.loop, s.name))
		set(cp, "count", exprValue(m.loop.Iterable, "length("+c.expr(m.loop.Iterable, nil)+")"))
		set(v, "copy", cp)
		e = c.bindLoop(m.loop, idx, nil)
	}
	if m.cond != nil {
		set(v, "condition", exprValue(m.cond, c.expr(m.cond, e)))
	}
	set(v, "name", exprValue(d.Name, c.deploymentName(s, idx)))
	if sc := scopeOf(m.body); sc != nil {
		c.moduleScope(v, sc, e)
	}
	props := obj(d)
	opts := obj(d)
	set(opts, "scope", str(d, "inner"))
	set(props, "expressionEvaluationOptions", opts)
	set(props, "mode", str(d, "Incremental"))
	if !c.moduleTemplate(props, d) {
		return
	}
	params := obj(d)
	if ps := property(m.body, "params"); ps != nil {
		if o, ok := ps.(*syntax.ObjectExpr); ok {
			for _, it := range o.Items {
				p, ok := it.(*syntax.ObjectProperty)
				if !ok {
					c.warnf(it, "Spread in module parameters", "a spread in a module's params is not evaluated; those parameters are unknown")
					continue
				}
				k, ok := p.KeyName()
				if !ok {
					continue
				}
				pv := obj(p)
				set(pv, "value", c.value(p.Value, e))
				setKey(params, p.Key, k, pv)
			}
		} else {
			c.warnf(ps, "Module parameters not evaluated", "params is not an object literal, so the module's parameters are unknown")
		}
	}
	set(props, "parameters", params)
	set(v, "properties", props)
	resources.Members = append(resources.Members, jsonpos.Member{Key: s.name, KeyPos: pos(d.Name), Value: v})
}

// moduleScope sets a nested deployment's subscription and resource group
// from a module's scope: property.
func (c *compiler) moduleScope(v *jsonpos.Value, sc syntax.Expr, e *env) {
	if r := c.resourceRef(sc); r != nil && strings.EqualFold(r.typ, "Microsoft.Resources/resourceGroups") {
		set(v, "resourceGroup", exprValue(sc, c.nameExpr(r, "")))
		return
	}
	if call, ok := sc.(*syntax.CallExpr); ok {
		c.scopeCall(v, call, e)
	}
}

// moduleTemplate sets the template of a module's deployment; false when
// the module cannot be read (a diagnostic says why).
func (c *compiler) moduleTemplate(props *jsonpos.Value, d *syntax.ModuleDecl) bool {
	lit, ok := d.Path.(*syntax.StringLit)
	if !ok {
		c.errorf(d.Path, "Invalid module path", "a module path must be a string literal")
		return false
	}
	path := lit.Value
	switch {
	case strings.HasPrefix(path, "br:") || strings.HasPrefix(path, "br/"):
		tmpl, ok := c.b.registryModule(c, d, path)
		if !ok {
			return false
		}
		set(props, "template", tmpl)
		return true
	case strings.HasPrefix(path, "ts:") || strings.HasPrefix(path, "ts/"):
		c.notef(d.Path, "Template spec not read",
			"module %s is a template spec, which acrlint does not download; its resources are not checked", path)
		c.incomplete()
		return false
	}
	if strings.Contains(path, "\\") || filepath.IsAbs(path) {
		c.errorf(d.Path, "Invalid module path", "a module path uses '/' and is relative to this file")
		return false
	}
	abs := filepath.Clean(filepath.Join(filepath.Dir(c.path), filepath.FromSlash(path)))
	if !c.b.inRoot(abs) {
		c.errorf(d.Path, "Module outside the scanned directory", "%s is outside the scanned directory; acrlint reads nothing outside it", path)
		c.diags[len(c.diags)-1].Code = diag.CodeIncomplete
		return false
	}
	if c.b.cycles[[2]string{c.path, abs}] {
		return false // reported with the cycle
	}
	if err := c.b.confine(abs); err != nil {
		c.confinedError(lit, "Module", err)
		c.incomplete()
		return false
	}
	link := obj(d.Path)
	set(link, "relativePath", str(d.Path, path))
	set(props, "templateLink", link)
	return true
}

// ---- functions

// claim gives a function of the template name, or when another function
// has that name in any case (or name is empty), a fresh name prefix<n>
// that none has, and returns the name given.
func (c *compiler) claim(name, prefix string) string {
	for {
		if name != "" {
			c.nameChecks++
			if lower := strings.ToLower(name); !c.taken[lower] {
				c.taken[lower] = true
				return name
			}
		}
		name = c.freshName(prefix)
	}
}

// emitFunc compiles a user-defined function into the template's function
// namespace under name, the name funcName gave it.
func (c *compiler) emitFunc(fn *syntax.FuncDecl, name string) {
	target := c
	if c.into != nil {
		target = c.into
	}
	var e *env
	params := &jsonpos.Value{Kind: jsonpos.Array, Pos: pos(fn)}
	for _, p := range fn.Params {
		if p.Name == nil {
			continue
		}
		e = e.with(p.Name.Name, "parameters("+quote(p.Name.Name)+")")
		po := obj(p)
		set(po, "name", str(p, p.Name.Name))
		set(po, "type", str(p, "object"))
		params.Array = append(params.Array, po)
	}
	f := obj(fn)
	set(f, "parameters", params)
	out := obj(fn)
	set(out, "type", str(fn, "object"))
	// Added before its body is compiled: the imported functions it calls
	// follow it.
	target.funcs = append(target.funcs, jsonpos.Member{Key: name, KeyPos: pos(fn), Value: f})
	set(out, "value", exprValue(fn.Body, c.expr(fn.Body, e)))
	set(f, "output", out)
}

// ---- JSON tree helpers

func obj(n syntax.Node) *jsonpos.Value {
	return &jsonpos.Value{Kind: jsonpos.Object, Pos: pos(n), End: end(n)}
}

func str(n syntax.Node, s string) *jsonpos.Value {
	return &jsonpos.Value{Kind: jsonpos.String, Pos: pos(n), Str: escapeLiteral(s)}
}

func set(o *jsonpos.Value, key string, v *jsonpos.Value) {
	o.Members = append(o.Members, jsonpos.Member{Key: key, KeyPos: v.Pos, Value: v})
}

func setAt(o *jsonpos.Value, name *syntax.Ident, v *jsonpos.Value) {
	if name == nil {
		return
	}
	o.Members = append(o.Members, jsonpos.Member{Key: name.Name, KeyPos: pos(name), Value: v})
}

func setKey(o *jsonpos.Value, key syntax.Node, name string, v *jsonpos.Value) {
	o.Members = append(o.Members, jsonpos.Member{Key: name, KeyPos: pos(key), Value: v})
}

// escapeLiteral keeps a literal string that looks like an expression
// literal, as ARM's "[[" escape does.
func escapeLiteral(s string) string {
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		return "[" + s
	}
	return s
}

// exprValue is the JSON value of an ARM expression: a literal when it is
// one, else the "[...]" string.
func exprValue(n syntax.Node, text string) *jsonpos.Value {
	if s, ok := literal(text); ok {
		return str(n, s)
	}
	switch text {
	case "true()", "false()":
		return &jsonpos.Value{Kind: jsonpos.Bool, Bool: text == "true()", Pos: pos(n)}
	case "null()":
		return &jsonpos.Value{Kind: jsonpos.Null, Pos: pos(n)}
	}
	if _, err := strconv.ParseInt(text, 10, 64); err == nil {
		return &jsonpos.Value{Kind: jsonpos.Number, Num: text, Pos: pos(n)}
	}
	return &jsonpos.Value{Kind: jsonpos.String, Pos: pos(n), Str: "[" + text + "]"}
}

// quote renders a string literal of the ARM expression language.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// literal reads back a string literal that quote rendered.
func literal(text string) (string, bool) {
	if len(text) < 2 || text[0] != '\'' || text[len(text)-1] != '\'' {
		return "", false
	}
	inner := text[1 : len(text)-1]
	for i := 0; i < len(inner); i++ {
		if inner[i] == '\'' {
			if i+1 >= len(inner) || inner[i+1] != '\'' {
				return "", false
			}
			i++
		}
	}
	return strings.ReplaceAll(inner, "''", "'"), true
}

func (c *compiler) unknown() string { return unknownFunc + "()" }

func (c *compiler) freshName(prefix string) string {
	c.fresh++
	return fmt.Sprintf("%s%d", prefix, c.fresh)
}
