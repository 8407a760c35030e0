package terraform

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/typeexpr"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/acrlint/acrlint/internal/diag"
)

var topSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "resource", LabelNames: []string{"type", "name"}},
		{Type: "data", LabelNames: []string{"type", "name"}},
		{Type: "module", LabelNames: []string{"name"}},
		{Type: "output", LabelNames: []string{"name"}},
		{Type: "terraform"}, {Type: "provider", LabelNames: []string{"name"}},
		{Type: "moved"}, {Type: "import"}, {Type: "removed"},
		{Type: "check", LabelNames: []string{"name"}},
		{Type: "ephemeral", LabelNames: []string{"type", "name"}},
	},
}

// item is something a module declares that others can refer to.
type item struct {
	key   string // local.x, T.N, data.T.N, module.N, output.N
	block *hcl.Block
	attr  *hcl.Attribute // for locals
	deps  []string
	file  string
	// refs are the references the item makes anywhere in it (dynamic
	// blocks included), read once for its dependencies and its
	// evaluation context.
	refs []hcl.Traversal
}

// module is one instance of a module being evaluated.
type module struct {
	p       *Parser
	dir     string
	rootDir string // the root module's directory, for modules.json
	path    string // "" for a root module, else module.a or module.a.module.b["k"]
	key     string // modules.json key: a or a.b
	stack   []string
	inputs  map[string]cty.Value
	rawVars map[string]string
	vars    map[string]cty.Value
	values  map[string]cty.Value // item key -> value
	items   map[string]*item
	// wanted lists, per resource key, the attribute paths that expressions
	// read from it, so that attributes known only after apply exist as
	// unknowns rather than as errors.
	wanted map[string][]hcl.Traversal
	// whole holds the resource keys that an expression reads an instance
	// of as a whole (as a value, not by attribute name).
	whole map[string]bool
	// readAfter are the paths of exprScan.readAfter.
	readAfter []hcl.Traversal
	funcs     map[string]function.Function
	// fixed is the parent of every evaluation context: the functions and
	// the values that do not change once the variables are declared
	// (var, path, terraform), built on first use.
	fixed *hcl.EvalContext
	// read holds the keys of the items that other items read (their
	// deps): what a resource no expression reads would give is not built.
	read map[string]bool
}

func (p *Parser) newModule(dir, rootDir, path string, stack []string, inputs map[string]cty.Value) *module {
	if inputs == nil {
		inputs = map[string]cty.Value{}
	}
	return &module{
		p: p, dir: dir, rootDir: rootDir, path: path, stack: append(slices.Clone(stack), dir),
		inputs: inputs, rawVars: map[string]string{},
		vars: map[string]cty.Value{}, values: map[string]cty.Value{}, items: map[string]*item{},
		wanted: map[string][]hcl.Traversal{}, whole: map[string]bool{},
	}
}

// addr prefixes a resource address with the module path.
func (m *module) addr(a string) string {
	if m.path == "" {
		return a
	}
	return m.path + "." + a
}

// evaluate evaluates the module and returns its outputs as an object.
func (m *module) evaluate() cty.Value {
	mf := m.p.load(m.dir)
	var vars []*hcl.Block
	var outputs []*item
	for _, fc := range mf.contents() {
		m.p.addHCL(fc.diags, true)
		for _, tb := range fc.blocks {
			b := tb.block
			switch b.Type {
			case "variable":
				vars = append(vars, b)
			case "locals":
				m.p.addHCL(tb.diags, true)
				for name, a := range tb.attrs {
					m.add(&item{key: "local." + name, attr: a, file: fc.file})
				}
			case "resource":
				m.add(&item{key: b.Labels[0] + "." + b.Labels[1], block: b})
			case "data":
				m.add(&item{key: "data." + b.Labels[0] + "." + b.Labels[1], block: b})
			case "module":
				m.add(&item{key: "module." + b.Labels[0], block: b})
			case "output":
				it := &item{key: "output." + b.Labels[0], block: b}
				outputs = append(outputs, it)
				m.add(it)
			}
		}
	}
	m.scanExpressions()
	m.declareVars(vars)
	m.read = map[string]bool{}
	for _, it := range m.items {
		it.refs = m.traversals(it)
		for _, t := range it.refs {
			// A local that reads itself is a cycle; a resource may name
			// itself (self, or its own attributes after apply).
			if dep := m.depKey(t); dep != "" && (dep != it.key || strings.HasPrefix(dep, "local.")) {
				it.deps = append(it.deps, dep)
				m.read[dep] = true
			}
			m.want(t)
		}
	}
	for _, it := range m.order() {
		m.evalItem(it)
	}
	out := map[string]cty.Value{}
	for _, it := range outputs {
		out[strings.TrimPrefix(it.key, "output.")] = m.values[it.key]
	}
	return cty.ObjectVal(out)
}

func (m *module) add(it *item) {
	if prev, ok := m.items[it.key]; ok {
		r := it.rangeOf()
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(r), "Duplicate declaration", "%s is declared twice; the first declaration is at %s:%d", it.key, m.p.rel(prev.rangeOf().Filename), prev.rangeOf().Start.Line))
		return
	}
	m.items[it.key] = it
}

func (it *item) rangeOf() hcl.Range {
	if it.block != nil {
		return it.block.DefRange
	}
	return it.attr.Range
}

// declareVars sets each variable from its input, its -var value or its
// default, converted to its type.
func (m *module) declareVars(blocks []*hcl.Block) {
	declared := map[string]hcl.Range{}
	for _, b := range blocks {
		name := b.Labels[0]
		if prev, dup := declared[name]; dup {
			m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(b.DefRange), "Duplicate declaration",
				"var.%s is declared twice; the first declaration is at %s:%d", name, m.p.rel(prev.Filename), prev.Start.Line))
			continue
		}
		declared[name] = b.DefRange
		attrs, ds := b.Body.JustAttributes()
		_ = ds // validation and other nested blocks are not needed
		ty := cty.DynamicPseudoType
		var defaults *typeexpr.Defaults
		if a, ok := attrs["type"]; ok {
			t, d, ds := typeexpr.TypeConstraintWithDefaults(a.Expr)
			m.p.addHCL(ds, true)
			if !ds.HasErrors() {
				ty, defaults = t, d
			}
		}
		v, given := m.inputs[name]
		if raw, ok := m.rawVars[name]; ok {
			cv, err := cliVar(raw, ty)
			if err != nil {
				m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(b.DefRange), "Invalid value for variable", "-var %s: %v", name, err))
			} else {
				v, given = cv, true
			}
		}
		if given && v.IsNull() && !nullable(attrs) {
			given = false // a null input to a non-nullable variable takes the default
		}
		if !given {
			if a, ok := attrs["default"]; ok {
				dv, ds := a.Expr.Value(nil)
				m.p.addHCL(ds, false)
				v, given = dv, true
			}
		}
		if !given {
			if m.path == "" {
				m.p.diags = append(m.p.diags, diag.Notef(m.p.rng(b.DefRange), "Variable has no value",
					"variable %q has no default and no value was given, so what depends on it is unknown; pass it with --var %s=... or --var-file", name, name))
			}
			m.vars[name] = cty.UnknownVal(ty)
			continue
		}
		if defaults != nil {
			v = defaults.Apply(v)
		}
		if cv, err := convert.Convert(v, ty); err == nil {
			v = cv
		} else {
			m.p.diags = append(m.p.diags, diag.Warnf(m.p.rng(b.DefRange), "Invalid value for variable", "variable %q: %v", name, err))
		}
		m.vars[name] = v
	}
	for name, v := range m.inputs {
		if _, ok := m.vars[name]; !ok && m.path != "" {
			m.vars[name] = v
		}
	}
}

// fileContent is the top-level content of one file of a module, read
// once for all its instances.
type fileContent struct {
	file   string
	blocks []topBlock
	diags  hcl.Diagnostics
}

// topBlock is a top-level block; a locals block comes with its
// attributes.
type topBlock struct {
	block *hcl.Block
	attrs hcl.Attributes
	diags hcl.Diagnostics
}

// contents reads the top-level blocks of the module's files, once.
func (mf *moduleFiles) contents() []fileContent {
	mf.contentOnce.Do(func() {
		for _, f := range mf.files {
			content, _, ds := f.Body.PartialContent(topSchema)
			fc := fileContent{file: f.Body.MissingItemRange().Filename, diags: ds}
			for _, b := range content.Blocks {
				tb := topBlock{block: b}
				if b.Type == "locals" {
					tb.attrs, tb.diags = b.Body.JustAttributes()
				}
				fc.blocks = append(fc.blocks, tb)
			}
			mf.content = append(mf.content, fc)
		}
	})
	return mf.content
}

// scanExpressions takes the module's functions and the attribute paths
// read from expression results: both are read from the module's files
// once, whatever the number of its instances.
func (m *module) scanExpressions() {
	sc := m.p.load(m.dir).scan(m.p)
	m.funcs = sc.funcs
	m.readAfter = sc.readAfter
}

// exprScan is what scanExpressions reads from a module's files.
type exprScan struct {
	// funcs are the functions its expressions may call: Terraform's, and
	// the provider-defined functions (provider::ns::name) they call, as
	// functions that return unknown. Evaluation only reads them.
	funcs map[string]function.Function
	// readAfter lists the attribute paths read from the result of an
	// expression rather than from a named resource (one(data.x.y).id,
	// azurerm_subnet.s[*].id, x.y[each.key].a[0].b), in the order of
	// their keys: every resource instance offers them.
	readAfter []hcl.Traversal
}

// note reads what scan lists from one node of the module's files.
func (mf *moduleFiles) note(n hclsyntax.Node) {
	switch x := n.(type) {
	case *hclsyntax.FunctionCallExpr:
		if strings.Contains(x.Name, "::") {
			if mf.funcs == nil {
				mf.funcs = map[string]bool{}
			}
			mf.funcs[x.Name] = true
		}
	case *hclsyntax.RelativeTraversalExpr:
		if len(x.Traversal) > 0 {
			if _, ok := x.Traversal[0].(hcl.TraverseAttr); ok {
				if mf.paths == nil {
					mf.paths = map[string]hcl.Traversal{}
				}
				mf.paths[traversalKey(x.Traversal)] = x.Traversal
			}
		}
	}
}

// scan lists what the module's expressions use, noted while its files
// were read, once.
func (mf *moduleFiles) scan(p *Parser) *exprScan {
	mf.scanOnce.Do(func() {
		sc := &exprScan{funcs: boundFunctions(functions(p.root, mf.dir), p.opts.MaxStringLength)}
		for name := range mf.funcs {
			sc.funcs[name] = unknownFunc
		}
		for _, k := range slices.Sorted(maps.Keys(mf.paths)) {
			sc.readAfter = append(sc.readAfter, mf.paths[k])
		}
		mf.scanned = sc
	})
	return mf.scanned
}

// traversals returns the references made by an item, found once for
// every instance of the module.
func (m *module) traversals(it *item) []hcl.Traversal {
	if it.attr != nil {
		return m.p.load(m.dir).refs(it.attr.Expr, func() []hcl.Traversal { return variables(it.attr.Expr) })
	}
	return m.bodyRefs(it.block.Body)
}

// bodyRefs returns bodyTraversals(body) for a body of the module's files,
// found once for every instance of the module.
func (m *module) bodyRefs(body hcl.Body) []hcl.Traversal {
	return m.p.load(m.dir).refs(body, func() []hcl.Traversal { return bodyTraversals(body) })
}

// refs returns the references found in a node of the module's files (an
// expression or a body), finding them with find the first time.
func (mf *moduleFiles) refs(node any, find func() []hcl.Traversal) []hcl.Traversal {
	mf.refsMu.Lock()
	ts, ok := mf.refsOf[node]
	mf.refsMu.Unlock()
	if ok {
		return ts
	}
	ts = find()
	mf.refsMu.Lock()
	if mf.refsOf == nil {
		mf.refsOf = map[any][]hcl.Traversal{}
	}
	mf.refsOf[node] = ts
	mf.refsMu.Unlock()
	return ts
}

// bodyTraversals lists the references made anywhere in a body.
func bodyTraversals(body hcl.Body) []hcl.Traversal {
	if sb, ok := body.(*hclsyntax.Body); ok {
		var out []hcl.Traversal
		for _, a := range sb.Attributes {
			out = append(out, variables(a.Expr)...)
		}
		for _, b := range sb.Blocks {
			out = append(out, bodyTraversals(b.Body)...)
		}
		return out
	}
	attrs, _ := body.JustAttributes()
	var out []hcl.Traversal
	for _, a := range attrs {
		out = append(out, variables(a.Expr)...)
	}
	return out
}

// depKey names the item a traversal refers to, or "".
func (m *module) depKey(t hcl.Traversal) string {
	return itemKey(m.depParts(t))
}

// itemKey is the key of the item depParts names: local.x, module.x,
// data.t.x or t.x; "" when kind is.
func itemKey(kind, typ, name string) string {
	switch kind {
	case "":
		return ""
	case "data":
		return "data." + typ + "." + name
	}
	return kind + "." + name
}

// depParts splits what depKey names: kind is "local", "module", "data" or
// a resource type, typ the data source type (for data alone) and name the
// item's name; kind is "" when the traversal names no item.
func (m *module) depParts(t hcl.Traversal) (kind, typ, name string) {
	root := t.RootName()
	switch root {
	case "var", "count", "each", "path", "terraform", "self":
		return "", "", ""
	case "data":
		if len(t) > 2 {
			a, ok1 := t[1].(hcl.TraverseAttr)
			b, ok2 := t[2].(hcl.TraverseAttr)
			if ok1 && ok2 {
				return root, a.Name, b.Name
			}
		}
		return "", "", ""
	}
	if len(t) > 1 {
		if a, ok := t[1].(hcl.TraverseAttr); ok {
			return root, "", a.Name
		}
	}
	return "", "", ""
}

// put sets m[k] = v, making m when it is nil.
func put(m map[string]cty.Value, k string, v cty.Value) map[string]cty.Value {
	if m == nil {
		m = map[string]cty.Value{}
	}
	m[k] = v
	return m
}

// putIn sets m[ns][k] = v, making the maps that are nil.
func putIn(m map[string]map[string]cty.Value, ns, k string, v cty.Value) map[string]map[string]cty.Value {
	if m == nil {
		m = map[string]map[string]cty.Value{}
	}
	m[ns] = put(m[ns], k, v)
	return m
}

// want records the attribute path a traversal reads from a resource.
func (m *module) want(t hcl.Traversal) {
	key := m.depKey(t)
	if key == "" || strings.HasPrefix(key, "local.") || strings.HasPrefix(key, "module.") {
		return
	}
	n := 2
	if strings.HasPrefix(key, "data.") {
		n = 3
	}
	rest := t[n:]
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:] // the instance key of count or for_each
		}
	}
	if len(rest) > 0 {
		m.wanted[key] = append(m.wanted[key], rest)
	} else {
		m.whole[key] = true
	}
}

// readsByName returns the attributes of key's instances that expressions
// read by name, or nil when some expression may read any of them: it
// reads an instance whole, or by something other than an attribute name.
func (m *module) readsByName(key string) map[string]bool {
	if m.whole[key] {
		return nil
	}
	names := map[string]bool{}
	for _, t := range m.wanted[key] {
		a, ok := t[0].(hcl.TraverseAttr)
		if !ok {
			return nil
		}
		names[a.Name] = true
	}
	return names
}

// order sorts items so that each comes after what it depends on; items in
// a cycle are reported and evaluated last, where their references are
// unknown.
func (m *module) order() []*item {
	keys := slices.Sorted(maps.Keys(m.items))
	ordered, stuck, cycle := depOrder(keys, func(k string) []string { return m.items[k].deps })
	out := make([]*item, 0, len(keys))
	for _, i := range slices.Concat(ordered, stuck) {
		out = append(out, m.items[keys[i]])
	}
	if len(cycle) > 0 {
		names := make([]string, len(cycle))
		for j, i := range cycle {
			names[j] = keys[i]
		}
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(m.items[keys[cycle[0]]].rangeOf()), "Cycle in references",
			"these refer to each other in a cycle, so their values are unknown: %s", strings.Join(names, ", ")))
	}
	return out
}

// depOrder orders the sorted keys, by index, so that each comes after its
// dependencies (deps names them; names that are not keys are ignored).
//
// The order is that of passes over the keys in order, each taking the
// keys whose dependencies were taken in an earlier pass or earlier in the
// same one: evaluation, and so the order of diagnostics, has always
// followed it. A key's pass is found from its dependencies' instead, in
// one walk: it is that of its latest dependency, one more when that
// dependency sorts after it.
//
// The keys no pass takes, because they are on a cycle or depend on one,
// are stuck, in key order; cycle lists those on a cycle, in key order.
func depOrder(keys []string, deps func(string) []string) (ordered, stuck, cycle []int) {
	index := make(map[string]int, len(keys))
	for i, k := range keys {
		index[k] = i
	}
	g := &depGraph{
		deps: make([][]int, len(keys)),
		num:  make([]int, len(keys)),
		low:  make([]int, len(keys)),
		pass: make([]int, len(keys)),
		on:   make([]bool, len(keys)),
		loop: make([]bool, len(keys)),
	}
	for i, k := range keys {
		for _, d := range deps(k) {
			if j, ok := index[d]; ok {
				g.deps[i] = append(g.deps[i], j)
			}
		}
	}
	for i := range keys {
		if g.num[i] == 0 {
			g.visit(i)
		}
	}
	// Bucket the keys by pass; within a pass they stay in key order.
	var byPass [][]int
	for i, p := range g.pass {
		switch {
		case p > 0:
			for len(byPass) < p {
				byPass = append(byPass, nil)
			}
			byPass[p-1] = append(byPass[p-1], i)
		case g.loop[i]:
			stuck = append(stuck, i)
			cycle = append(cycle, i)
		default:
			stuck = append(stuck, i)
		}
	}
	return slices.Concat(byPass...), stuck, cycle
}

// depGraph is the state of depOrder's walk, Tarjan's strongly connected
// components: a component is complete only after every component it
// depends on, so the passes of a key's dependencies are known when its
// own is set.
type depGraph struct {
	deps     [][]int
	num, low []int  // visit number (0: not visited) and lowest reachable
	pass     []int  // 0 while not known, and for the keys no pass takes
	on       []bool // on the stack
	loop     []bool // on a cycle
	stack    []int
	n        int
}

func (g *depGraph) visit(i int) {
	g.n++
	g.num[i], g.low[i] = g.n, g.n
	g.stack = append(g.stack, i)
	g.on[i] = true
	for _, j := range g.deps[i] {
		if g.num[j] == 0 {
			g.visit(j)
			g.low[i] = min(g.low[i], g.low[j])
		} else if g.on[j] {
			g.low[i] = min(g.low[i], g.num[j])
		}
	}
	if g.low[i] != g.num[i] {
		return
	}
	top := len(g.stack) - 1
	for g.stack[top] != i {
		top--
	}
	comp := g.stack[top:]
	g.stack = g.stack[:top]
	for _, j := range comp {
		g.on[j] = false
	}
	if len(comp) > 1 || slices.Contains(g.deps[i], i) {
		for _, j := range comp {
			g.loop[j] = true
		}
		return
	}
	p := 1
	for _, j := range g.deps[i] {
		if g.pass[j] == 0 {
			return // behind a cycle
		}
		q := g.pass[j]
		if j > i {
			q++
		}
		p = max(p, q)
	}
	g.pass[i] = p
}

// ctx builds an evaluation context holding what the given traversals need.
// An expression without references gets the functions alone.
func (m *module) ctx(ts []hcl.Traversal, extra map[string]cty.Value) *hcl.EvalContext {
	if len(ts) == 0 && len(extra) == 0 {
		return &hcl.EvalContext{Functions: m.funcs, Variables: map[string]cty.Value{budgetVar: cty.CapsuleVal(budgetType, newBudget(m.p.opts))}}
	}
	if m.fixed == nil {
		m.fixed = &hcl.EvalContext{Functions: m.funcs, Variables: map[string]cty.Value{
			"var":       cty.ObjectVal(m.vars),
			"path":      cty.ObjectVal(map[string]cty.Value{"module": cty.StringVal(m.dir), "root": cty.StringVal(m.rootDir), "cwd": cty.StringVal(m.rootDir)}),
			"terraform": cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")}),
		}}
	}
	vars := make(map[string]cty.Value, 4+len(extra))
	var locals, mods map[string]cty.Value
	var data, res map[string]map[string]cty.Value
	for _, t := range ts {
		kind, typ, name := m.depParts(t)
		if kind == "" {
			continue
		}
		v, ok := m.values[itemKey(kind, typ, name)]
		if !ok {
			v = cty.DynamicVal
		}
		switch kind {
		case "local":
			locals = put(locals, name, v)
		case "module":
			mods = put(mods, name, v)
		case "data":
			data = putIn(data, typ, name, v)
		default:
			res = putIn(res, kind, name, v)
		}
	}
	vars["local"] = objectVal(locals)
	vars["module"] = objectVal(mods)
	dataObj := make(map[string]cty.Value, len(data))
	for t, ns := range data {
		dataObj[t] = cty.ObjectVal(ns)
	}
	vars["data"] = objectVal(dataObj)
	for t, ns := range res {
		vars[t] = cty.ObjectVal(ns)
	}
	maps.Copy(vars, extra)
	vars[budgetVar] = cty.CapsuleVal(budgetType, newBudget(m.p.opts))
	ctx := m.fixed.NewChild()
	ctx.Variables = vars
	return ctx
}

// objectVal is cty.ObjectVal without allocating for an empty object, the
// usual case of the context's local, module and data.
func objectVal(attrs map[string]cty.Value) cty.Value {
	if len(attrs) == 0 {
		return cty.EmptyObjectVal
	}
	return cty.ObjectVal(attrs)
}

// eval evaluates an expression; a failure is a warning and an unknown value.
func (m *module) eval(expr hcl.Expression, extra map[string]cty.Value) cty.Value {
	return m.evalIn(expr, m.ctx(variables(expr), extra))
}

// evalIn evaluates an expression in a context built by ctx, with a fresh
// budget: a context may serve several expressions, one after the other.
func (m *module) evalIn(expr hcl.Expression, ctx *hcl.EvalContext) cty.Value {
	budgetOf(ctx).reset(m.p.opts)
	var v cty.Value
	var ds hcl.Diagnostics
	if t, ok := jsonTemplate(expr); ok {
		v, ds = t.Value(ctx)
	} else {
		v, ds = expr.Value(ctx)
	}
	m.p.addHCL(ds, false)
	if ds.HasErrors() {
		return cty.DynamicVal
	}
	if b := budgetOf(ctx); b != nil && b.hit != "" {
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(expr.Range()), "Expression too large",
			"this expression is not evaluated: %s; its value is unknown", b.hit).Incomplete())
		return cty.DynamicVal
	}
	if n, limit := valueSize(v, int64(m.p.opts.MaxStringLength)), int64(m.p.opts.MaxStringLength); n > limit {
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(expr.Range()), "Value too large",
			"this expression evaluates to more than %d characters or elements; its value is unknown (raise the limit with --max-string-length)", limit).Incomplete())
		return cty.DynamicVal
	}
	return v
}

func (m *module) evalItem(it *item) {
	switch {
	case it.attr != nil:
		m.values[it.key] = m.evalIn(it.attr.Expr, m.ctx(it.refs, nil))
	case strings.HasPrefix(it.key, "output."):
		if a, ok := attribute(it.block.Body, "value"); ok {
			// it.refs are those of the whole block, its value's among them.
			m.values[it.key] = m.evalIn(a.Expr, m.ctx(it.refs, nil))
		}
	case strings.HasPrefix(it.key, "module."):
		m.values[it.key] = m.evalModuleCall(it)
	default:
		m.values[it.key] = m.evalResource(it)
	}
}

// attribute returns the attribute name of a body as JustAttributes would
// find it, without converting every other attribute of a native syntax
// body as JustAttributes does.
func attribute(body hcl.Body, name string) (*hcl.Attribute, bool) {
	if sb, ok := body.(*hclsyntax.Body); ok {
		a, ok := sb.Attributes[name]
		if !ok {
			return nil, false
		}
		return a.AsHCLAttribute(), true
	}
	attrs, _ := body.JustAttributes()
	a, ok := attrs[name]
	return a, ok
}

// instances evaluates count and for_each: it returns the instance keys and
// the per-instance variables, or ok=false when they are unknown.
type instance struct {
	key   cty.Value // cty.NilVal for a single instance
	extra map[string]cty.Value
}

func (m *module) expand(body hcl.Body, where hcl.Range) (insts []instance, mode string, ok bool) {
	if a, has := attribute(body, "count"); has {
		v, _ := m.eval(a.Expr, nil).UnmarkDeep()
		if !v.IsKnown() || v.IsNull() {
			return nil, "count", false
		}
		n, err := convert.Convert(v, cty.Number)
		if err != nil {
			m.p.diags = append(m.p.diags, diag.Warnf(m.p.rng(a.Range), "Invalid count", "%v", err))
			return nil, "count", false
		}
		c, _ := n.AsBigFloat().Int64()
		if !m.allow(c, a.Range) {
			return nil, "count", false
		}
		for i := range c {
			k := cty.NumberIntVal(i)
			insts = append(insts, instance{key: k, extra: map[string]cty.Value{"count": cty.ObjectVal(map[string]cty.Value{"index": k})}})
		}
		return insts, "count", true
	}
	if a, has := attribute(body, "for_each"); has {
		// Marks stay on the values (each.value may be a reference) but not
		// on the keys.
		v, _ := m.eval(a.Expr, nil).Unmark()
		// The keys must be known; a map's values need not be.
		mapLike := v.Type().IsMapType() || v.Type().IsObjectType()
		if !v.IsKnown() || v.IsNull() || (!mapLike && !v.IsWhollyKnown()) {
			return nil, "for_each", false
		}
		if !v.CanIterateElements() {
			m.p.diags = append(m.p.diags, diag.Warnf(m.p.rng(a.Range), "Invalid for_each", "for_each needs a map or a set of strings, not %s", v.Type().FriendlyName()))
			return nil, "for_each", false
		}
		isSet := v.Type().IsSetType() || v.Type().IsTupleType() || v.Type().IsListType()
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			if isSet {
				k = e
			}
			k, _ = k.UnmarkDeep()
			if k.Type() != cty.String {
				ks, err := convert.Convert(k, cty.String)
				if err != nil {
					continue
				}
				k = ks
			}
			insts = append(insts, instance{key: k, extra: map[string]cty.Value{"each": cty.ObjectVal(map[string]cty.Value{"key": k, "value": e})}})
		}
		slices.SortFunc(insts, func(a, b instance) int { return strings.Compare(a.key.AsString(), b.key.AsString()) })
		if !m.allow(int64(len(insts)), a.Range) {
			return nil, "for_each", false
		}
		return insts, "for_each", true
	}
	_ = where
	if !m.allow(1, where) {
		return nil, "", false
	}
	return []instance{{key: cty.NilVal}}, "", true
}

// allow counts n more instances against the limits: per resource and in
// total. Past a limit the instances are not expanded (their values are
// unknown) and a diagnostic says which limit to raise.
func (m *module) allow(n int64, at hcl.Range) bool {
	if n < 0 {
		n = 0
	}
	if n > int64(m.p.opts.MaxInstances) {
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(at), "Too many instances",
			"this expands to %d instances, more than the limit of %d per resource; they are not checked (raise it with --max-instances)", n, m.p.opts.MaxInstances).Incomplete())
		return false
	}
	if m.p.instances.Add(n) > int64(m.p.opts.MaxTotalInstances) {
		m.p.instances.Add(-n)
		if !m.p.totalHit.Swap(true) {
			m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(at), "Too many instances",
				"the configuration expands to more than %d resource and module instances in total; the rest are not checked (raise it with --max-instances)", m.p.opts.MaxTotalInstances).Incomplete())
		}
		return false
	}
	return true
}

// instAddr is the address of one instance: x.y, x.y[0] or x.y["k"].
func instAddr(base string, key cty.Value) string {
	switch {
	case key == cty.NilVal:
		return base
	case key.Type() == cty.Number:
		i, _ := key.AsBigFloat().Int64()
		return fmt.Sprintf("%s[%d]", base, i)
	default:
		return fmt.Sprintf("%s[%q]", base, key.AsString())
	}
}

// collect assembles the value of a multi-instance item: a tuple for count,
// an object for for_each, the value itself otherwise.
func collect(mode string, insts []instance, vals []cty.Value) cty.Value {
	switch mode {
	case "count":
		if len(vals) == 0 {
			return cty.EmptyTupleVal
		}
		return cty.TupleVal(vals)
	case "for_each":
		m := map[string]cty.Value{}
		for i, in := range insts {
			m[in.key.AsString()] = vals[i]
		}
		return cty.ObjectVal(m)
	}
	return vals[0]
}

func (m *module) evalModuleCall(it *item) cty.Value {
	b := it.block
	name := b.Labels[0]
	address := m.addr("module." + name)
	key := name
	if m.key != "" {
		key = m.key + "." + name
	}
	insts, mode, ok := m.expand(b.Body, b.DefRange)
	if !ok {
		m.p.diags = append(m.p.diags, diag.Notef(m.p.rng(b.DefRange), "Module instances unknown",
			"the count or for_each of module %q is not known before apply, so its resources are not evaluated", name).Incomplete())
		return cty.DynamicVal.Mark(refMark{Address: address})
	}
	attrs, ds := b.Body.JustAttributes()
	m.p.addHCL(ds, true)
	var dir, source string
	if a, ok := attrs["source"]; ok {
		if v, _ := a.Expr.Value(nil); v.IsKnown() && v.Type() == cty.String {
			source = v.AsString()
		}
	}
	switch {
	case isLocalSource(source):
		dir = filepath.Clean(filepath.Join(m.dir, source))
		if !within(m.p.root, dir) {
			m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(b.DefRange), "Module outside the scanned directory",
				"module %q has source %q, outside the scanned directory; acrlint reads nothing outside it", name, source).Incomplete())
			dir = ""
		}
	default:
		if d, found := m.p.installedModule(m.rootDir, key); found {
			dir = d
		} else {
			m.p.diags = append(m.p.diags, diag.Notef(m.p.rng(b.DefRange), "Module not available",
				"module %q (source %q) is not on disk, so its resources are not checked and its outputs are unknown; run `terraform init` in %s so that acrlint can read it from .terraform/modules", name, source, m.p.rel(m.rootDir)).Incomplete())
		}
	}
	if dir != "" && slices.Contains(m.stack, dir) {
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(b.DefRange), "Module cycle",
			"module %q calls %s, which is already being evaluated: %s", name, m.p.rel(dir), strings.Join(m.relStack(dir), " -> ")).Incomplete())
		dir = ""
	}
	if dir != "" && len(m.stack) >= m.p.opts.MaxModuleDepth {
		m.p.diags = append(m.p.diags, diag.Errorf(m.p.rng(b.DefRange), "Modules nested too deeply",
			"module %q is nested more than %d levels deep; it is not evaluated", name, m.p.opts.MaxModuleDepth).Incomplete())
		dir = ""
	}
	vals := make([]cty.Value, len(insts))
	for i, in := range insts {
		ia := instAddr(address, in.key)
		if dir == "" {
			vals[i] = cty.DynamicVal.Mark(refMark{Address: ia})
			continue
		}
		inputs := map[string]cty.Value{}
		for n, a := range attrs {
			switch n {
			case "source", "version", "count", "for_each", "providers", "depends_on":
				continue
			}
			inputs[n] = m.eval(a.Expr, in.extra)
		}
		child := m.p.newModule(dir, m.rootDir, ia, m.stack, inputs)
		child.key = key
		vals[i] = child.evaluate()
	}
	if len(vals) == 0 && mode == "" {
		return cty.DynamicVal
	}
	return collect(mode, insts, vals)
}

func (m *module) relStack(dir string) []string {
	out := make([]string, 0, len(m.stack)+1)
	for _, d := range m.stack {
		out = append(out, m.p.rel(d))
	}
	return append(out, m.p.rel(dir))
}

// nullable reads a variable's nullable argument (true unless set false).
func nullable(attrs hcl.Attributes) bool {
	a, ok := attrs["nullable"]
	if !ok {
		return true
	}
	v, ds := a.Expr.Value(nil)
	return ds.HasErrors() || !v.IsKnown() || v.Type() != cty.Bool || v.IsNull() || v.True()
}

// traversalKey renders a relative traversal as text, to tell them apart.
func traversalKey(t hcl.Traversal) string {
	var b strings.Builder
	for _, s := range t {
		switch x := s.(type) {
		case hcl.TraverseAttr:
			b.WriteString("." + x.Name)
		case hcl.TraverseIndex:
			b.WriteString("[" + x.Key.GoString() + "]")
		}
	}
	return b.String()
}
