package arm

import (
	"errors"
	"maps"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/armexpr"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
)

const deploymentsType = "Microsoft.Resources/deployments"

// deployment evaluates one template: a root template, or a nested or
// linked deployment inside one.
type deployment struct {
	p     *Parser
	file  string // the file the template is in
	doc   *jsonpos.Value
	scope string // graph.Resource.Scope: the root template's path
	// prefix makes the addresses of nested deployments' resources unique.
	prefix string
	info   armexpr.DeploymentInfo
	// stack holds the files of the linked templates being evaluated, the
	// root's first; depth counts the deployments this one is nested in,
	// inline templates and linked ones alike.
	stack []string
	depth int
	// outer is the deployment whose parameters and variables an inline
	// template with the outer expression scope reads.
	outer *deployment

	params map[string]graph.Value
	// paramKeys maps graph.FoldKey of each name in params to the name, so
	// that a parameter written in another case is found without a scan.
	paramKeys map[string]string
	// paramDefs are the defaults not evaluated yet, by lowercased name.
	paramDefs map[string]paramDef
	varDefs   map[string]*jsonpos.Value
	vars      map[string]graph.Value
	busy      map[string]bool
	funcs     map[string]armexpr.UserFunc
	// symbols maps a languageVersion 2.0 symbolic name to its resource.
	symbols map[string]*jsonpos.Value
	// nested holds the outputs of nested deployments by lowercased name.
	nested map[string]map[string]graph.Value
	// names maps lowercased resource names to addresses, for reference().
	names map[string]string
}

// run evaluates the template with the given parameter values and returns
// its outputs.
func (d *deployment) run(values map[string]graph.Value, at *jsonpos.Value) map[string]graph.Value {
	d.p.read[d.file] = true
	d.varDefs = map[string]*jsonpos.Value{}
	d.vars = map[string]graph.Value{}
	d.busy = map[string]bool{}
	d.funcs = map[string]armexpr.UserFunc{}
	d.symbols = map[string]*jsonpos.Value{}
	d.nested = map[string]map[string]graph.Value{}
	d.names = map[string]string{}
	if sc, ok := schemaScope(d.doc); ok {
		d.info.Scope = sc
	}
	d.functions()
	d.parameters(values, at)
	if vs, ok := d.doc.Get("variables"); ok && vs.Kind == jsonpos.Object {
		for _, m := range vs.Members {
			d.varDefs[strings.ToLower(m.Key)] = m.Value
		}
	}
	res, _ := d.doc.Get("resources")
	var decls []decl
	if res != nil {
		switch res.Kind {
		case jsonpos.Array: // languageVersion 1.0
			for _, r := range res.Array {
				decls = append(decls, decl{v: r})
			}
		case jsonpos.Object: // languageVersion 2.0: keyed by symbolic name
			if !symbolic(d.doc) {
				d.p.errorAt(d.file, res.Pos, "Invalid resources",
					`resources is an object of resources keyed by symbolic name, which needs "languageVersion": "2.0" in the template; add it, or make resources an array`)
			}
			for _, m := range res.Members {
				decls = append(decls, decl{v: m.Value, symbol: m.Key})
				d.symbols[strings.ToLower(m.Key)] = m.Value
			}
		default:
			d.p.errorAt(d.file, res.Pos, "Invalid resources",
				`resources must be an array of resources (or, with "languageVersion": "2.0", an object of resources keyed by symbolic name), not %s; nothing in it is deployed`, article(res.Kind))
			d.p.incomplete()
		}
	}
	// Nested deployments first, so that reference() reads their outputs.
	for _, dc := range decls {
		if isType(dc.v, deploymentsType) {
			d.resource(dc, "", "", "")
		}
	}
	for _, dc := range decls {
		if !isType(dc.v, deploymentsType) {
			d.resource(dc, "", "", "")
		}
	}
	outs := map[string]graph.Value{}
	if os, ok := d.doc.Get("outputs"); ok && os.Kind == jsonpos.Object {
		for _, m := range os.Members {
			switch v, ok := m.Value.Get("value"); {
			case ok:
				outs[m.Key] = d.eval(v, d.ctx(nil), nil, "")
			case isCopy(m.Value):
				// An output copy loop: {"copy": {"count": n, "input": ...}}.
				c, _ := m.Value.Get("copy")
				outs[m.Key] = d.outputCopy(c)
			default:
				outs[m.Key] = graph.Unknown{}
			}
		}
	}
	return outs
}

// schemaScope reads the scope a template deploys at from its $schema.
func schemaScope(doc *jsonpos.Value) (armexpr.Scope, bool) {
	s, ok := doc.Get("$schema")
	if !ok || s.Kind != jsonpos.String {
		return "", false
	}
	switch schema := strings.ToLower(s.Str); {
	case strings.Contains(schema, "/subscriptiondeploymenttemplate.json"):
		return armexpr.ScopeSubscription, true
	case strings.Contains(schema, "/managementgroupdeploymenttemplate.json"):
		return armexpr.ScopeManagementGroup, true
	case strings.Contains(schema, "/tenantdeploymenttemplate.json"):
		return armexpr.ScopeTenant, true
	case strings.Contains(schema, "/deploymenttemplate.json"):
		return armexpr.ScopeResourceGroup, true
	}
	return "", false
}

// article names a kind of JSON value with its article: "a string".
func article(k jsonpos.Kind) string {
	switch k {
	case jsonpos.Null:
		return "null"
	case jsonpos.Array, jsonpos.Object:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// symbolic reports whether a template's languageVersion is 2.0 or later,
// in which resources may be an object keyed by symbolic name.
func symbolic(doc *jsonpos.Value) bool {
	lv, ok := doc.Get("languageVersion")
	if !ok || lv.Kind != jsonpos.String {
		return false
	}
	major, _, _ := strings.Cut(lv.Str, ".")
	n, err := strconv.Atoi(major)
	return err == nil && n >= 2
}

type decl struct {
	v      *jsonpos.Value
	symbol string
}

func isType(v *jsonpos.Value, typ string) bool {
	t, ok := v.Get("type")
	return ok && t.Kind == jsonpos.String && strings.EqualFold(t.Str, typ)
}

// parameters sets each parameter from its value, its default, or unknown.
func (d *deployment) parameters(values map[string]graph.Value, at *jsonpos.Value) {
	d.params = map[string]graph.Value{}
	d.paramKeys = map[string]string{}
	lower := map[string]graph.Value{}
	for k, v := range values {
		lower[strings.ToLower(k)] = v
	}
	ps, _ := d.doc.Get("parameters")
	if ps == nil || ps.Kind != jsonpos.Object {
		return
	}
	// Defaults may read parameters declared after them: they are
	// evaluated on first use, in dependency order.
	d.paramDefs = map[string]paramDef{}
	for _, m := range ps.Members {
		def, hasDefault := m.Value.Get("defaultValue")
		// A null value stands for none: the default applies (a Bicep
		// module given an optional value that is absent).
		if v, ok := lower[strings.ToLower(m.Key)]; ok && (v != nil || !hasDefault) {
			d.setParam(m.Key, v)
			continue
		}
		if hasDefault {
			pd := paramDef{name: m.Key, value: def}
			if t, ok := m.Value.Get("type"); ok && t.Kind == jsonpos.String {
				pd.typ = t.Str
			}
			d.paramDefs[strings.ToLower(m.Key)] = pd
			continue
		}
		if n, ok := m.Value.Get("nullable"); ok && n.Kind == jsonpos.Bool && n.Bool {
			d.setParam(m.Key, nil) // an optional parameter left out is null
			continue
		}
		d.setParam(m.Key, graph.Unknown{})
		if d.outer == nil && at == nil {
			where := "a parameters file (" + filepath.Base(stem(d.file)) + ".parameters.json)"
			if isBicep(d.file) {
				where = "a .bicepparam file whose using names " + filepath.Base(d.file)
			}
			d.p.noteAt(d.file, m.KeyPos, "Parameter has no value",
				"parameter %q has no default and no value was given, so what depends on it is unknown; give it in %s or with --parameters",
				m.Key, where)
		}
	}
	for _, m := range ps.Members {
		d.param(m.Key)
	}
}

// paramDef is a parameter's default value, not yet evaluated, and its
// declared type.
type paramDef struct {
	name, typ string
	value     *jsonpos.Value
	busy      bool
}

// ofType reports whether a parameter value fits the parameter's declared
// type, and names the kind of value it is; a type acrlint does not know,
// a null or an unknown value fits.
func ofType(typ string, v graph.Value) (bool, string) {
	var fits bool
	what := ""
	switch x := graph.Strip(v).(type) {
	case nil, graph.Unknown:
		return true, ""
	case string:
		what, fits = "a string", strings.EqualFold(typ, "string") || strings.EqualFold(typ, "securestring")
	case int64:
		what, fits = "an integer", strings.EqualFold(typ, "int")
	case float64:
		what, fits = "a number", strings.EqualFold(typ, "int") && x == float64(int64(x))
	case bool:
		what, fits = "a boolean", strings.EqualFold(typ, "bool")
	case map[string]graph.Value:
		what, fits = "an object", strings.EqualFold(typ, "object") || strings.EqualFold(typ, "secureobject")
	case []graph.Value:
		what, fits = "an array", strings.EqualFold(typ, "array")
	default:
		return true, ""
	}
	switch strings.ToLower(typ) {
	case "string", "securestring", "int", "bool", "object", "secureobject", "array":
		return fits, what
	}
	return true, what
}

// functions registers the template's user-defined functions.
func (d *deployment) functions() {
	maps.Copy(d.funcs, d.p.opts.Functions)
	fs, ok := d.doc.Get("functions")
	if !ok || fs.Kind != jsonpos.Array {
		return
	}
	for _, ns := range fs.Array {
		name, _ := ns.Get("namespace")
		members, _ := ns.Get("members")
		if name == nil || members == nil || members.Kind != jsonpos.Object {
			continue
		}
		for _, m := range members.Members {
			var params []string
			if ps, ok := m.Value.Get("parameters"); ok && ps.Kind == jsonpos.Array {
				for _, p := range ps.Array {
					if n, ok := p.Get("name"); ok {
						params = append(params, n.Str)
					}
				}
			}
			out, _ := m.Value.Get("output")
			if out == nil {
				continue
			}
			val, _ := out.Get("value")
			if val == nil {
				continue
			}
			d.funcs[strings.ToLower(name.Str+"."+m.Key)] = armexpr.TemplateFunc(params, plain(val))
		}
	}
}

// ctx is the expression context, with the copy indexes in scope.
func (d *deployment) ctx(copies map[string]int) *armexpr.Context {
	src := d
	if d.outer != nil {
		src = d.outer
	}
	c := &armexpr.Context{
		Parameters:      src.param,
		Variables:       src.variable,
		Deployment:      d.info,
		Functions:       d.funcs,
		Reference:       d.reference,
		MaxStringLength: d.p.opts.MaxStringLength,
	}
	if copies != nil {
		c.CopyIndex = func(loop string) (int, bool) {
			i, ok := copies[strings.ToLower(loop)]
			return i, ok
		}
	}
	return c
}

func (d *deployment) param(name string) (graph.Value, bool) {
	if v, ok := d.params[name]; ok {
		return v, true
	}
	if k, ok := d.paramKeys[graph.FoldKey(name)]; ok {
		return d.params[k], true
	}
	key := strings.ToLower(name)
	def, ok := d.paramDefs[key]
	if !ok {
		return nil, false
	}
	if def.busy {
		d.p.errorAt(d.file, def.value.Pos, "Cycle in parameters", "the default of parameter %q refers to itself through other parameters", def.name)
		return graph.Unknown{}, true
	}
	def.busy = true
	d.paramDefs[key] = def
	c := d.ctx(nil)
	c.ParameterDefault = true
	v := d.eval(def.value, c, nil, "")
	// ARM refuses a default that is not of the parameter's type. (A
	// template compiled from Bicep declares its user-defined types as
	// object: the Bicep compiler checks its defaults.)
	if fits, what := ofType(def.typ, v); !fits && !isBicep(d.file) {
		d.p.errorAt(d.file, def.value.Pos, "Default value of the wrong type",
			"parameter %q is of type %s but its default value is %s; change the default value or the type", def.name, def.typ, what)
		v = graph.Unknown{}
	}
	delete(d.paramDefs, key)
	d.setParam(def.name, v)
	return v, true
}

// setParam sets a parameter's value. Names differing only in case are the
// same parameter to ARM, and the template's parser keeps one of them; should
// two names still fold together (as σ and ς do), param finds the first set.
func (d *deployment) setParam(name string, v graph.Value) {
	d.params[name] = v
	if k := graph.FoldKey(name); d.paramKeys[k] == "" {
		d.paramKeys[k] = name
	}
}

// variable evaluates a variable on first use.
func (d *deployment) variable(name string) (graph.Value, bool) {
	key := strings.ToLower(name)
	if v, ok := d.vars[key]; ok {
		return v, true
	}
	def, ok := d.varDefs[key]
	if !ok {
		if copies, ok := d.varDefs["copy"]; ok && copies.Kind == jsonpos.Array {
			for _, c := range copies.Array {
				if n, ok := c.Get("name"); ok && strings.EqualFold(n.Str, name) {
					v := d.copyArray(c, d.ctx(nil))
					d.vars[key] = v
					return v, true
				}
			}
		}
		return nil, false
	}
	if d.busy[key] {
		d.p.errorAt(d.file, def.Pos, "Cycle in variables", "variable %q refers to itself through other variables", name)
		return graph.Unknown{}, true
	}
	d.busy[key] = true
	v := d.evalLoops(def, d.ctx(nil), nil, "", true)
	d.busy[key] = false
	d.vars[key] = v
	return v, true
}

// copyArray evaluates a {name, count, input} copy element into an array.
func (d *deployment) copyArray(c *jsonpos.Value, ctx *armexpr.Context) graph.Value {
	name, _ := c.Get("name")
	count, _ := c.Get("count")
	input, _ := c.Get("input")
	if name == nil || count == nil || input == nil {
		d.p.errorAt(d.file, c.Pos, "Invalid copy", "a copy needs name, count and input")
		return graph.Unknown{}
	}
	n, ok := d.count(count, ctx)
	if !ok {
		return graph.Unknown{}
	}
	out := make([]graph.Value, 0, n)
	for i := range n {
		copies := map[string]int{strings.ToLower(name.Str): i, "": i}
		inner := *ctx
		outer := ctx.CopyIndex
		inner.CopyIndex = func(loop string) (int, bool) {
			if i, ok := copies[strings.ToLower(loop)]; ok {
				return i, true
			}
			if outer != nil {
				return outer(loop)
			}
			return 0, false
		}
		out = append(out, d.eval(input, &inner, nil, ""))
	}
	return out
}

// count evaluates a copy count; ok is false when it is unknown or invalid.
func (d *deployment) count(v *jsonpos.Value, ctx *armexpr.Context) (int, bool) {
	cv := graph.Strip(d.eval(v, ctx, nil, ""))
	var n int64
	switch x := cv.(type) {
	case int64:
		n = x
	case float64:
		n = int64(x)
	case graph.Unknown:
		return 0, false
	default:
		d.p.warnAt(d.file, v.Pos, "Invalid copy count", "the count must be an integer, not %v", x)
		return 0, false
	}
	if n < 0 || n > int64(d.p.opts.MaxCopy) {
		d.p.errorAt(d.file, v.Pos, "Copy count out of range", "a copy count must be between 0 and %d, not %d", d.p.opts.MaxCopy, n)
		return 0, false
	}
	return int(n), true
}

// eval evaluates a JSON value of the template: expressions in strings,
// property copy loops, and the position of every value into lines.
func (d *deployment) eval(v *jsonpos.Value, ctx *armexpr.Context, lines map[string]diag.Pos, path string) graph.Value {
	return d.evalLoops(v, ctx, lines, path, strings.EqualFold(path, "properties"))
}

// evalLoops is eval; loops says whether objects in v may hold copy loops
// that build one of their properties, as any object within a resource's
// properties may (storageProfile.dataDisks, networkRuleSet.ipRules as Bicep
// compiles a for expression), and any object within a variable's value:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-properties
// and copy-variables.
func (d *deployment) evalLoops(v *jsonpos.Value, ctx *armexpr.Context, lines map[string]diag.Pos, path string, loops bool) graph.Value {
	if lines != nil && path != "" {
		lines[path] = v.Pos
	}
	switch v.Kind {
	case jsonpos.String:
		out, err := d.p.exprs.EvalString(v.Str, ctx)
		if err != nil {
			d.exprError(v, err)
			return graph.Unknown{}
		}
		return out
	case jsonpos.Array:
		out := make([]graph.Value, len(v.Array))
		for i, e := range v.Array {
			out[i] = d.evalLoops(e, ctx, lines, graph.IndexPath(path, i), loops)
		}
		return out
	case jsonpos.Object:
		out := make(map[string]graph.Value, len(v.Members))
		for _, m := range v.Members {
			if strings.EqualFold(m.Key, "copy") && m.Value.Kind == jsonpos.Array && loops {
				for _, c := range m.Value.Array {
					if n, ok := c.Get("name"); ok {
						out[n.Str] = d.copyArray(c, ctx)
						if lines != nil {
							lines[graph.AttrPath(path, n.Str)] = c.Pos
						}
					}
				}
				continue
			}
			out[m.Key] = d.evalLoops(m.Value, ctx, lines, graph.AttrPath(path, m.Key), loops)
		}
		return out
	}
	return v.Interface()
}

// exprError reports an expression that does not parse (an error) or cannot
// be evaluated (a warning: the value is then unknown).
func (d *deployment) exprError(v *jsonpos.Value, err error) {
	pos := v.Pos
	// An offset into the expression is a column in a template's JSON
	// string; a compiled Bicep expression is reported where it starts.
	json := !isBicep(d.file)
	if se, ok := errors.AsType[*armexpr.SyntaxError](err); ok {
		if json {
			pos.Column += 1 + se.Offset
		}
		d.p.errorAt(d.file, pos, "Invalid expression", "%s", se.Msg)
		return
	}
	msg := err.Error()
	ee, isEval := errors.AsType[*armexpr.EvalError](err)
	if isEval {
		if json {
			pos.Column += 1 + ee.Offset
		} else {
			// The function a Bicep expression compiled to, without the
			// offset into the compiled text.
			msg = ee.Msg
			if ee.Func != "" {
				msg = ee.Func + ": " + ee.Msg
			}
		}
	}
	if isEval && ee.Limit > 0 {
		// A limit, like the others, is an error rather than the warning
		// of a failed call.
		d.p.errorAt(d.file, pos, "Value too large", "%s; the value is unknown (raise the limit with --max-string-length)", msg)
		d.p.incomplete()
		return
	}
	d.p.warnAt(d.file, pos, "Expression cannot be evaluated", "%s; the value is unknown", msg)
}

// reference resolves reference() and list*() on a resource: a nested
// deployment's outputs, or an unknown value naming the resource.
func (d *deployment) reference(target graph.Value, _ bool) (graph.Value, bool) {
	s, ok := graph.Strip(target).(string)
	if !ok {
		return graph.Unknown{}, false
	}
	name := strings.ToLower(s)
	if strings.HasPrefix(s, "/") {
		_, typ, n, ok := graph.ParseResourceID(s)
		if !ok {
			return graph.Unknown{}, false
		}
		if strings.EqualFold(typ, deploymentsType) {
			name = strings.ToLower(n)
		} else {
			return graph.Unknown{Refs: []graph.Ref{{Address: d.prefix + addressOf(typ, n)}}}, true
		}
	}
	if outs, ok := d.nested[name]; ok {
		wrapped := map[string]graph.Value{}
		for k, v := range outs {
			wrapped[k] = map[string]graph.Value{"value": v}
		}
		return map[string]graph.Value{"outputs": wrapped}, true
	}
	if r, ok := d.symbols[name]; ok {
		if addr, ok := d.addressOfDecl(r); ok {
			return graph.Unknown{Refs: []graph.Ref{{Address: addr}}}, true
		}
	}
	if addr, ok := d.names[name]; ok {
		return graph.Unknown{Refs: []graph.Ref{{Address: addr}}}, true
	}
	return graph.Unknown{}, false
}

// addressOf is a resource's address within its deployment: its resource ID
// after "providers/", as in Microsoft.Network/virtualNetworks/v/subnets/s.
func addressOf(typ, name string) string {
	ts := strings.Split(typ, "/")
	ns := strings.Split(name, "/")
	if len(ts) < 2 || len(ns) != len(ts)-1 {
		return typ + "/" + name
	}
	parts := []string{ts[0]}
	for i := 1; i < len(ts); i++ {
		parts = append(parts, ts[i], ns[i-1])
	}
	return strings.Join(parts, "/")
}

// addressOfDecl evaluates a top-level resource's type and name (outside
// any copy loop) into its address.
func (d *deployment) addressOfDecl(r *jsonpos.Value) (string, bool) {
	t, ok := r.Get("type")
	if !ok || t.Kind != jsonpos.String {
		return "", false
	}
	nv, ok := r.Get("name")
	if !ok {
		return "", false
	}
	n, ok := graph.Strip(d.eval(nv, d.ctx(nil), nil, "")).(string)
	if !ok {
		return "", false
	}
	return d.prefix + addressOf(t.Str, n), true
}

func isCopy(v *jsonpos.Value) bool {
	c, ok := v.Get("copy")
	return ok && c.Kind == jsonpos.Object
}

// outputCopy evaluates an output's copy loop into an array.
func (d *deployment) outputCopy(c *jsonpos.Value) graph.Value {
	count, _ := c.Get("count")
	input, _ := c.Get("input")
	if count == nil || input == nil {
		d.p.errorAt(d.file, c.Pos, "Invalid copy", "an output copy needs a count and an input")
		return graph.Unknown{}
	}
	n, ok := d.count(count, d.ctx(nil))
	if !ok {
		return graph.Unknown{}
	}
	out := make([]graph.Value, 0, n)
	for i := range n {
		out = append(out, d.eval(input, d.ctx(map[string]int{"": i}), nil, ""))
	}
	return out
}
