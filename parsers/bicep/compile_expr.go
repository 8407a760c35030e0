package bicep

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/jsonpos"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// value compiles an expression into a JSON value of the template: object
// and array literals stay JSON (so every property keeps its own line), the
// rest becomes an ARM expression string.
func (c *compiler) value(e syntax.Expr, en *env) *jsonpos.Value {
	switch x := e.(type) {
	case *syntax.StringLit:
		return str(x, x.Value)
	case *syntax.IntLit:
		return &jsonpos.Value{Kind: jsonpos.Number, Num: strconv.FormatInt(x.Value, 10), Pos: pos(x)}
	case *syntax.BoolLit:
		return &jsonpos.Value{Kind: jsonpos.Bool, Bool: x.Value, Pos: pos(x)}
	case *syntax.NullLit:
		return &jsonpos.Value{Kind: jsonpos.Null, Pos: pos(x)}
	case *syntax.ParenExpr:
		return c.value(x.X, en)
	case *syntax.ObjectExpr:
		if plainObject(x) {
			o := obj(x)
			for _, it := range x.Items {
				p := it.(*syntax.ObjectProperty)
				k, _ := p.KeyName()
				setKey(o, p.Key, k, c.value(p.Value, en))
			}
			return o
		}
	case *syntax.ArrayExpr:
		if plainArray(x) {
			a := &jsonpos.Value{Kind: jsonpos.Array, Pos: pos(x), End: end(x)}
			for _, it := range x.Items {
				a.Array = append(a.Array, c.value(it, en))
			}
			return a
		}
	}
	return exprValue(e, c.expr(e, en))
}

func plainObject(o *syntax.ObjectExpr) bool {
	for _, it := range o.Items {
		p, ok := it.(*syntax.ObjectProperty)
		if !ok {
			return false
		}
		if _, ok := p.KeyName(); !ok {
			return false
		}
	}
	return true
}

func plainArray(a *syntax.ArrayExpr) bool {
	for _, it := range a.Items {
		if _, ok := it.(*syntax.SpreadExpr); ok {
			return false
		}
	}
	return true
}

// binaryFuncs are the ARM functions of Bicep's binary operators.
var binaryFuncs = map[syntax.Kind]string{
	syntax.Eq: "equals", syntax.Lt: "less", syntax.Le: "lessOrEquals", syntax.Gt: "greater",
	syntax.Ge: "greaterOrEquals", syntax.AndAnd: "and", syntax.OrOr: "or", syntax.Plus: "add",
	syntax.Minus: "sub", syntax.Star: "mul", syntax.Slash: "div", syntax.Percent: "mod",
	syntax.QuestionQuestion: "coalesce",
}

// expr compiles an expression into the text of an ARM expression.
//
//nolint:gocyclo // one case per expression kind
func (c *compiler) expr(e syntax.Expr, en *env) string {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > maxDepth {
		if c.depth == maxDepth+1 {
			c.errorf(e, "Expression too deep", "expressions nest (or refer to each other) more than %d levels deep; the value is unknown", maxDepth)
		}
		return c.unknown()
	}
	switch x := e.(type) {
	case nil, *syntax.BadExpr:
		return c.unknown()
	case *syntax.StringLit:
		return quote(x.Value)
	case *syntax.IntLit:
		return strconv.FormatInt(x.Value, 10)
	case *syntax.BoolLit:
		if x.Value {
			return "true()"
		}
		return "false()"
	case *syntax.NullLit:
		return "null()"
	case *syntax.InterpString:
		return c.interp(x, en)
	case *syntax.ParenExpr:
		return c.expr(x.X, en)
	case *syntax.NonNullExpr:
		return c.expr(x.X, en)
	case *syntax.ArrayExpr:
		return c.array(x, en)
	case *syntax.ObjectExpr:
		return c.object(x, en)
	case *syntax.UnaryExpr:
		switch x.Op {
		case syntax.Bang:
			return "not(" + c.expr(x.X, en) + ")"
		case syntax.Minus:
			if i, ok := x.X.(*syntax.IntLit); ok {
				return "-" + strconv.FormatInt(i.Value, 10)
			}
			return "sub(0, " + c.expr(x.X, en) + ")"
		}
		return c.expr(x.X, en)
	case *syntax.BinaryExpr:
		a, b := c.expr(x.X, en), c.expr(x.Y, en)
		switch x.Op {
		case syntax.Ne:
			return "not(equals(" + a + ", " + b + "))"
		case syntax.EqI:
			return "equals(toLower(" + a + "), toLower(" + b + "))"
		case syntax.NeI:
			return "not(equals(toLower(" + a + "), toLower(" + b + ")))"
		}
		if f, ok := binaryFuncs[x.Op]; ok {
			return f + "(" + a + ", " + b + ")"
		}
		c.errorf(x, "Unsupported operator", "the operator %s is not part of Bicep", x.Op)
		return c.unknown()
	case *syntax.TernaryExpr:
		return "if(" + c.expr(x.Cond, en) + ", " + c.expr(x.Then, en) + ", " + c.expr(x.Else, en) + ")"
	case *syntax.Ref:
		return c.ref(x, en)
	case *syntax.MemberExpr:
		return c.member(x, en)
	case *syntax.IndexExpr:
		return c.index(x, en)
	case *syntax.ResourceAccessExpr:
		if r := c.resourceRef(x); r != nil {
			return c.resourceID(r, "")
		}
		c.errorf(x, "Unknown resource", "%s is not a nested resource of that resource", x.Name.Name)
		return c.unknown()
	case *syntax.CallExpr:
		return c.call(x, en)
	case *syntax.LambdaExpr:
		return c.lambda(x, en)
	case *syntax.ForExpr:
		return c.forExpr(x, en)
	case *syntax.IfExpr:
		c.errorf(x, "Misplaced condition", "an if condition may only be the body of a resource, a module or a for expression")
		return c.unknown()
	case *syntax.SpreadExpr:
		c.errorf(x, "Misplaced spread", "a spread may only be an item of an array or an object")
		return c.unknown()
	}
	c.errorf(e, "Unsupported expression", "this expression is not evaluated; its value is unknown")
	return c.unknown()
}

// interp compiles string interpolation into format(), with the literal
// parts' braces escaped.
func (c *compiler) interp(x *syntax.InterpString, en *env) string {
	var f strings.Builder
	args := make([]string, 0, len(x.Exprs)+1)
	for i, lit := range x.Literals {
		f.WriteString(strings.NewReplacer("{", "{{", "}", "}}").Replace(lit))
		if i < len(x.Exprs) {
			f.WriteString("{" + strconv.Itoa(i) + "}")
			args = append(args, c.expr(x.Exprs[i], en))
		}
	}
	return "format(" + strings.Join(append([]string{quote(f.String())}, args...), ", ") + ")"
}

func (c *compiler) array(x *syntax.ArrayExpr, en *env) string {
	var parts, run []string
	flush := func() {
		if len(run) > 0 || len(parts) == 0 {
			parts = append(parts, "createArray("+strings.Join(run, ", ")+")")
		}
		run = nil
	}
	for _, it := range x.Items {
		if s, ok := it.(*syntax.SpreadExpr); ok {
			if len(run) > 0 {
				flush()
			}
			parts = append(parts, c.expr(s.X, en))
			continue
		}
		run = append(run, c.expr(it, en))
	}
	if len(run) > 0 || len(parts) == 0 {
		flush()
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return "concat(" + strings.Join(parts, ", ") + ")"
}

func (c *compiler) object(x *syntax.ObjectExpr, en *env) string {
	var parts, run []string
	spread := false
	flush := func() {
		parts = append(parts, "createObject("+strings.Join(run, ", ")+")")
		run = nil
	}
	for _, it := range x.Items {
		switch p := it.(type) {
		case *syntax.SpreadExpr:
			if len(run) > 0 {
				flush()
			}
			parts = append(parts, c.expr(p.X, en))
			spread = true
		case *syntax.ObjectProperty:
			key := ""
			if k, ok := p.KeyName(); ok {
				key = quote(k)
			} else {
				key = c.expr(p.Key, en)
			}
			run = append(run, key, c.expr(p.Value, en))
		}
	}
	if len(run) > 0 || len(parts) == 0 {
		flush()
	}
	if !spread {
		return parts[0]
	}
	return "shallowMerge(createArray(" + strings.Join(parts, ", ") + "))"
}

// ref compiles a reference to a symbol.
func (c *compiler) ref(x *syntax.Ref, en *env) string {
	if t, ok := en.lookup(x.Name); ok {
		return t
	}
	s, ok := c.syms[x.Name]
	if !ok {
		if r := c.nestedSymbol(x.Name); r != nil {
			return c.resourceID(r, "")
		}
		c.errorf(x, "Unknown symbol", "%q is not declared in this file", x.Name)
		return c.unknown()
	}
	switch s.kind {
	case symParam:
		if c.into != nil {
			return c.unknown()
		}
		return "parameters(" + quote(x.Name) + ")"
	case symVar:
		if c.into != nil {
			return c.inlineVar(s)
		}
		return "variables(" + quote(x.Name) + ")"
	case symImport:
		return s.source.importedValue(c, s, x)
	case symResource:
		return c.resourceID(s.res, "")
	case symModule:
		c.errorf(x, "Module used as a value", "a module can only be read through its outputs (%s.outputs.name)", x.Name)
		return c.unknown()
	}
	c.errorf(x, "Invalid reference", "%q cannot be used as a value", x.Name)
	return c.unknown()
}

// inlineVar compiles a variable of an imported file in place.
func (c *compiler) inlineVar(s *symbol) string {
	if c.inlining[s.name] {
		c.errorf(s.node, "Cycle in variables", "variable %q refers to itself through other variables", s.name)
		return c.unknown()
	}
	c.inlining[s.name] = true
	defer delete(c.inlining, s.name)
	return c.expr(s.value, nil)
}

// target resolves what a member access is made on: a resource (with the
// index of a looped one) or a module.
func (c *compiler) target(e syntax.Expr, en *env) (r *resource, mod *symbol, idx string, ok bool) {
	switch x := e.(type) {
	case *syntax.Ref:
		if _, local := en.lookup(x.Name); local {
			return nil, nil, "", false
		}
		s := c.syms[x.Name]
		switch {
		case s == nil:
			if r := c.nestedSymbol(x.Name); r != nil {
				return r, nil, "", true
			}
		case s.kind == symResource:
			return s.res, nil, "", true
		case s.kind == symModule:
			return nil, s, "", true
		}
	case *syntax.ResourceAccessExpr:
		if p, _, idx, ok := c.target(x.X, en); ok && p != nil && x.Name != nil {
			if ch := p.children[x.Name.Name]; ch != nil {
				return ch, nil, idx, true
			}
		}
	case *syntax.IndexExpr:
		if r, m, _, ok := c.target(x.X, en); ok && !x.Safe && !x.FromEnd {
			return r, m, c.expr(x.Index, en), true
		}
	case *syntax.ParenExpr:
		return c.target(x.X, en)
	case *syntax.NonNullExpr:
		return c.target(x.X, en)
	}
	return nil, nil, "", false
}

// topLevel are the properties of a resource read from its declaration when
// it is declared in the file (not existing); others come from reference().
var declared = map[string]bool{"location": true, "sku": true, "kind": true, "tags": true, "identity": true, "zones": true, "plan": true, "extendedlocation": true}

func (c *compiler) member(x *syntax.MemberExpr, en *env) string {
	name := x.Name.Name
	if id, ok := c.inlineChildID(x, en); ok {
		return id
	}
	if r, mod, idx, ok := c.target(x.X, en); ok {
		if r != nil {
			return c.resourceMember(r, idx, name)
		}
		switch strings.ToLower(name) {
		case "name":
			return c.deploymentName(mod, idx)
		case "outputs":
			return "reference(" + c.deploymentName(mod, idx) + ").outputs"
		}
		c.errorf(x.Name, "Unknown module property", "a module has name and outputs, not %s", name)
		return c.unknown()
	}
	// mod.outputs.x reads the output's value.
	if inner, ok := x.X.(*syntax.MemberExpr); ok && strings.EqualFold(inner.Name.Name, "outputs") {
		if _, mod, _, ok := c.target(inner.X, en); ok && mod != nil {
			out := c.expr(inner, en) + "." + name + ".value"
			if x.Safe {
				return "tryGet(" + c.expr(inner, en) + ", " + quote(name) + ").value"
			}
			return out
		}
	}
	if ref, ok := x.X.(*syntax.Ref); ok {
		if _, local := en.lookup(ref.Name); !local {
			if s := c.syms[ref.Name]; s != nil && s.kind == symNamespace {
				return s.source.importedMember(c, ref, x.Name)
			}
		}
	}
	base := c.expr(x.X, en)
	if x.Safe {
		return "tryGet(" + base + ", " + quote(name) + ")"
	}
	return base + "." + name
}

// inlineChildren are the properties whose elements are child resources
// declared inline, by parent type: their ID is the child's resource ID.
var inlineChildren = map[string]map[string]string{
	"microsoft.network/virtualnetworks":       {"subnets": "subnets"},
	"microsoft.network/networksecuritygroups": {"securityrules": "securityRules"},
	"microsoft.network/routetables":           {"routes": "routes"},
}

// inlineChildID compiles r.properties.subnets[i].id, for a resource
// declared in the file with its subnets inline, into the subnet's resource
// ID: reference() would name the VNet, not the subnet.
func (c *compiler) inlineChildID(x *syntax.MemberExpr, en *env) (string, bool) {
	if !strings.EqualFold(x.Name.Name, "id") || x.Safe {
		return "", false
	}
	ix, ok := x.X.(*syntax.IndexExpr)
	if !ok || ix.Safe || ix.FromEnd {
		return "", false
	}
	list, ok := ix.X.(*syntax.MemberExpr)
	if !ok || list.Safe {
		return "", false
	}
	props, ok := list.X.(*syntax.MemberExpr)
	if !ok || props.Safe || !strings.EqualFold(props.Name.Name, "properties") {
		return "", false
	}
	r, _, idx, ok := c.target(props.X, en)
	if !ok || r == nil || r.existing {
		return "", false
	}
	childType, ok := inlineChildren[strings.ToLower(r.typ)][strings.ToLower(list.Name.Name)]
	if !ok {
		return "", false
	}
	declared := property(asObject(property(r.body, "properties")), list.Name.Name)
	if declared == nil {
		return "", false
	}
	elem := index(c.expr(declared, c.loopEnv(r, idx)), c.expr(ix.Index, en))
	return "resourceId(" + quote(r.typ+"/"+childType) + ", " + c.fullName(r, idx) + ", " + elem + ".name)", true
}

func asObject(e syntax.Expr) *syntax.ObjectExpr {
	o, _ := e.(*syntax.ObjectExpr)
	return o
}

// resourceMember compiles r.name for the instance at idx.
func (c *compiler) resourceMember(r *resource, idx, name string) string {
	switch strings.ToLower(name) {
	case "id":
		return c.resourceID(r, idx)
	case "name":
		return c.nameExpr(r, idx)
	case "type":
		return quote(r.typ)
	case "apiversion":
		return quote(r.api)
	case "properties":
		return "reference(" + c.resourceID(r, idx) + ")"
	}
	if declared[strings.ToLower(name)] && !r.existing {
		if v := property(r.body, name); v != nil {
			return c.inScope(r, func() string { return c.expr(v, c.loopEnv(r, idx)) })
		}
	}
	return "reference(" + c.resourceID(r, idx) + ", " + quote(r.api) + ", 'Full')." + name
}

func (c *compiler) index(x *syntax.IndexExpr, en *env) string {
	if r, _, idx, ok := c.target(x, en); ok && r != nil {
		return c.resourceID(r, idx)
	}
	base, i := c.expr(x.X, en), c.expr(x.Index, en)
	switch {
	case x.Safe:
		return "tryGet(" + base + ", " + i + ")"
	case x.FromEnd:
		return base + "[sub(length(" + base + "), " + i + ")]"
	}
	return base + "[" + i + "]"
}

// lambda compiles x => body into lambda('x', body).
func (c *compiler) lambda(x *syntax.LambdaExpr, en *env) string {
	args := make([]string, 0, len(x.Params)+1)
	for _, p := range x.Params {
		en = en.with(p.Name, "lambdaVariables("+quote(p.Name)+")")
		args = append(args, quote(p.Name))
	}
	return "lambda(" + strings.Join(append(args, c.expr(x.Body, en)), ", ") + ")"
}

// forExpr compiles [for (item, i) in xs: if (cond) body] into map() over
// the indexes that pass filter(): each lambda binds the index, and item
// stands for xs[index].
func (c *compiler) forExpr(x *syntax.ForExpr, en *env) string {
	xs := c.expr(x.Iterable, en)
	body, cond := x.Body, syntax.Expr(nil)
	if i, ok := body.(*syntax.IfExpr); ok {
		body, cond = i.Body, i.Cond
	}
	if cond == nil && x.Index == nil && x.Item != nil {
		v := c.freshName("item")
		inner := en.with(x.Item.Name, "lambdaVariables("+quote(v)+")")
		return "map(" + xs + ", lambda(" + quote(v) + ", " + c.expr(body, inner) + "))"
	}
	v := c.freshName("i")
	i := "lambdaVariables(" + quote(v) + ")"
	inner := c.bindLoop(x, i, en)
	indexes := "range(0, length(" + xs + "))"
	if cond != nil {
		indexes = "filter(" + indexes + ", lambda(" + quote(v) + ", " + c.expr(cond, inner) + "))"
	}
	return "map(" + indexes + ", lambda(" + quote(v) + ", " + c.expr(body, inner) + "))"
}

func (c *compiler) args(args []syntax.Expr, en *env) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = c.expr(a, en)
	}
	return out
}

// unknownFuncs are the functions whose value is not known before
// deployment, or is read from outside the repository.
var unknownFuncs = map[string]bool{
	"getsecret": true, "readenvironmentvariable": true, "externalinput": true,
	"loadyamlcontent": true, "loaddirectoryfileinfo": true, "deployer": true,
}

// call compiles a function call.
func (c *compiler) call(x *syntax.CallExpr, en *env) string {
	name := x.Name.Name
	if x.Target != nil {
		if r, _, idx, ok := c.target(x.Target, en); ok && r != nil {
			// A resource function: listKeys(), listCredentials(), getSecret().
			if strings.HasPrefix(strings.ToLower(name), "list") {
				return name + "(" + c.resourceID(r, idx) + ", " + quote(r.api) + ")"
			}
			return c.unknown()
		}
		ref, ok := x.Target.(*syntax.Ref)
		if !ok {
			c.errorf(x, "Unsupported call", "only functions of the sys and az namespaces, of an import, and of resources can be called this way")
			return c.unknown()
		}
		if _, local := en.lookup(ref.Name); !local {
			if s := c.syms[ref.Name]; s != nil && s.kind == symNamespace {
				return s.source.importedCall(c, ref, x, en)
			}
		}
		if ref.Name != "sys" && ref.Name != "az" {
			c.errorf(ref, "Unknown namespace", "%q is not a namespace (sys, az, or an import * as)", ref.Name)
			return c.unknown()
		}
	} else if s := c.syms[name]; s != nil {
		switch s.kind {
		case symFunc:
			fname := c.funcName(s)
			return userNamespace + "." + fname + "(" + strings.Join(c.args(x.Args, en), ", ") + ")"
		case symImport:
			return s.source.importedFuncCall(c, s, x, en)
		}
	}
	lower := strings.ToLower(name)
	switch {
	case unknownFuncs[lower]:
		return c.unknown()
	case lower == "any":
		if len(x.Args) == 1 {
			return c.expr(x.Args[0], en)
		}
	case lower == "loadtextcontent" || lower == "loadjsoncontent" || lower == "loadfileasbase64":
		return c.load(x, lower)
	}
	return name + "(" + strings.Join(c.args(x.Args, en), ", ") + ")"
}

// funcName is the name of a user-defined function of this file in the
// template being compiled, given the first time it is asked for: its own
// name, or a fresh one when a function of the template has that name in
// any case. A function of an imported file always takes a fresh name, and
// is compiled into the importer's template then.
func (c *compiler) funcName(s *symbol) string {
	if n, ok := c.funcNames[s.fn]; ok {
		return n
	}
	if c.into == nil {
		n := c.claim(s.name, s.name+"_")
		c.funcNames[s.fn] = n
		return n
	}
	n := c.into.claim("", "imported_"+s.name+"_")
	c.funcNames[s.fn] = n // before its body: it may call itself
	c.emitFunc(s.fn, n)
	return n
}

// load reads a file into the template at compile time, as Bicep does; the
// path is relative to this file and must stay within the scan root.
func (c *compiler) load(x *syntax.CallExpr, fn string) string {
	if len(x.Args) == 0 {
		c.errorf(x, "Invalid call", "%s takes a file path", x.Name.Name)
		return c.unknown()
	}
	lit, ok := x.Args[0].(*syntax.StringLit)
	if !ok {
		c.errorf(x.Args[0], "Invalid call", "the path of %s must be a string literal", x.Name.Name)
		return c.unknown()
	}
	data, ok := c.b.readConfined(c, lit)
	if !ok {
		return c.unknown()
	}
	switch fn {
	case "loadfileasbase64":
		return quote(base64.StdEncoding.EncodeToString(data))
	case "loadjsoncontent":
		if _, _, err := jsonpos.Parse(data, jsonpos.Options{}); err != nil {
			c.errorf(lit, "Invalid JSON", "%s: %v", lit.Value, err)
			return c.unknown()
		}
		out := "json(" + quote(string(data)) + ")"
		if len(x.Args) > 1 {
			// A JSONPath argument selects part of the file.
			c.notef(x.Args[1], "JSON path not evaluated", "the JSON path argument of loadJsonContent is not followed; the value is unknown")
			return c.unknown()
		}
		return out
	}
	return quote(string(data))
}
