package terraform

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
)

// metaArgs are resource arguments that are Terraform's, not the provider's.
var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// metaBlocks are nested blocks that are Terraform's, not the provider's.
var metaBlocks = map[string]bool{"lifecycle": true, "provisioner": true, "connection": true, "timeouts": true}

// evalResource evaluates a resource or data block: one graph resource per
// instance, and the value other expressions read from it.
func (m *module) evalResource(it *item) cty.Value {
	b := it.block
	typ, name := b.Labels[0], b.Labels[1]
	existing := strings.HasPrefix(it.key, "data.")
	base := m.addr(typ + "." + name)
	if existing {
		base = m.addr("data." + typ + "." + name)
	}
	insts, mode, ok := m.expand(b.Body, b.DefRange)
	if !ok {
		m.p.diags = append(m.p.diags, diag.Notef(m.p.rng(b.DefRange), "Resource instances unknown",
			"the %s of %s is not known before apply, so its instances are not checked", mode, base).Incomplete())
		// One instance stands for all of them, with count.index and each
		// unknown, so that what they would add to other resources (a
		// record to its zone) is unknown rather than absent.
		unknownKey := map[string]cty.Value{
			"count": cty.ObjectVal(map[string]cty.Value{"index": cty.UnknownVal(cty.Number)}),
			"each":  cty.ObjectVal(map[string]cty.Value{"key": cty.UnknownVal(cty.String), "value": cty.DynamicVal}),
		}
		m.emit(it, typ, base+"[*]", existing, unknownKey, true)
		return cty.DynamicVal.Mark(refMark{Address: base})
	}
	if !m.read[it.key] {
		// No expression reads the resource: its instances are only
		// emitted.
		for _, in := range insts {
			m.emit(it, typ, instAddr(base, in.key), existing, in.extra, false)
		}
		return cty.DynamicVal
	}
	vals := make([]cty.Value, len(insts))
	read := m.readsByName(it.key)
	for i, in := range insts {
		addr := instAddr(base, in.key)
		vals[i] = m.refValue(m.emit(it, typ, addr, existing, in.extra, false), addr, it.key, read)
	}
	return collect(mode, insts, vals)
}

// emit evaluates one instance of a resource block into a graph resource
// and returns its evaluated body.
func (m *module) emit(it *item, typ, addr string, existing bool, extra map[string]cty.Value, unexpanded bool) cty.Value {
	b := it.block
	lines := map[string]diag.Pos{}
	obj := m.evalBody(b.Body, m.bodyScope(b.Body, it.refs, extra), "", lines)
	r := graph.Resource{
		Format:     "terraform",
		Scope:      m.p.rel(m.rootDir),
		Type:       typ,
		Address:    addr,
		Range:      m.p.rng(b.DefRange),
		Existing:   existing,
		Unexpanded: unexpanded,
		Lines:      lines,
	}
	r.Range.End = diag.Pos{Line: endLine(b), Column: 1}
	if body, isMap := toValue(obj).(map[string]graph.Value); isMap {
		r.Body = body
	} else {
		r.Body = map[string]graph.Value{}
	}
	m.p.out = append(m.p.out, r)
	return obj
}

func endLine(b *hcl.Block) int {
	if sb, ok := b.Body.(*hclsyntax.Body); ok {
		return sb.SrcRange.End.Line
	}
	return b.DefRange.End.Line
}

// refValue is what other expressions read from an instance: its
// configuration, each attribute marked as read from it, plus every
// attribute that expressions read but the configuration does not set (an
// attribute computed at apply time), as an unknown marked the same way.
// Only the attributes in read, those expressions read by name
// (readsByName), are marked, all of them when read is nil: a mark costs an
// allocation, and most attributes are never read.
func (m *module) refValue(obj cty.Value, addr, key string, read map[string]bool) cty.Value {
	var attrs map[string]cty.Value
	if ty := obj.Type(); ty.IsObjectType() && !obj.IsNull() && obj.IsKnown() {
		attrs = make(map[string]cty.Value, len(ty.AttributeTypes())+1)
		for k := range ty.AttributeTypes() {
			v := obj.GetAttr(k)
			if read == nil || read[k] {
				v = v.Mark(refMark{Address: addr, Attr: k})
			}
			attrs[k] = v
		}
	} else {
		attrs = map[string]cty.Value{}
	}
	if _, ok := attrs["id"]; !ok {
		attrs["id"] = cty.DynamicVal.Mark(refMark{Address: addr, Attr: "id"})
	}
	v, _ := augmentPaths(cty.ObjectVal(attrs), slices.Concat(m.wanted[key], m.readAfter), addr, "")
	return v
}

// covered reports whether augment would return v as it is: the path t
// exists through objects and tuples (augment rebuilds maps as objects and
// lists as tuples), or augment stops before it.
func covered(v cty.Value, t hcl.Traversal) bool {
	if len(t) == 0 {
		return true
	}
	uv, _ := v.Unmark()
	if !uv.IsKnown() || uv.IsNull() {
		return true
	}
	ty := uv.Type()
	attr, i, ok := traverseStep(uv, t[0])
	switch {
	case !ok:
		return true
	case i >= 0 && ty.IsListType():
		return false
	case i >= 0:
		return covered(uv.Index(cty.NumberIntVal(int64(i))), t[1:])
	}
	switch {
	case ty.IsMapType():
		return false
	case !ty.IsObjectType():
		return true
	case !ty.HasAttribute(attr):
		return false
	}
	return covered(uv.GetAttr(attr), t[1:])
}

// traverseStep reads the first step of a traversal of a known, non-null
// value: an attribute or a string key (attr, with index -1), or an index
// within a list or tuple (index). ok is false for any other step, which
// neither covered nor augment follows.
func traverseStep(uv cty.Value, s hcl.Traverser) (attr string, index int, ok bool) {
	switch s := s.(type) {
	case hcl.TraverseAttr:
		return s.Name, -1, true
	case hcl.TraverseIndex:
		k := s.Key
		if k.Type() == cty.String {
			return k.AsString(), -1, true
		}
		if k.Type() != cty.Number || (!uv.Type().IsTupleType() && !uv.Type().IsListType()) {
			return "", 0, false
		}
		i, _ := k.AsBigFloat().Int64()
		if i < 0 || int(i) >= uv.LengthInt() {
			return "", 0, false
		}
		return "", int(i), true
	}
	return "", 0, false
}

// augment makes sure the path t exists in v, adding unknowns where the
// configuration does not set it.
func augment(v cty.Value, t hcl.Traversal, addr, path string) cty.Value {
	v, _ = augmentPaths(v, []hcl.Traversal{t}, addr, path)
	return v
}

// augmentPaths is augment for several paths at once, with the result of
// augmenting one path after the other, in any order. The paths are
// grouped by their first step so that an object or tuple on their way is
// rebuilt once, however many of them go through it: a resource may be
// read for thousands of attributes. changed reports whether v was
// rebuilt; when it is not, v is returned as it is (a map stays a map).
func augmentPaths(v cty.Value, ts []hcl.Traversal, addr, path string) (_ cty.Value, changed bool) {
	uv, marks := v.Unmark()
	if !uv.IsKnown() || uv.IsNull() {
		return v, false
	}
	var names []string
	var indexes []int
	byName := map[string][]hcl.Traversal{}
	byIndex := map[int][]hcl.Traversal{}
	for _, t := range ts {
		if len(t) == 0 {
			continue
		}
		attr, i, ok := traverseStep(uv, t[0])
		switch {
		case !ok:
		case i >= 0:
			if _, seen := byIndex[i]; !seen {
				indexes = append(indexes, i)
			}
			byIndex[i] = append(byIndex[i], t[1:])
		default:
			if _, seen := byName[attr]; !seen {
				names = append(names, attr)
			}
			byName[attr] = append(byName[attr], t[1:])
		}
	}
	ty := uv.Type()
	switch {
	case len(indexes) > 0: // a list or a tuple
		changed = ty.IsListType()
		elems := uv.AsValueSlice()
		for _, i := range indexes {
			e, c := augmentPaths(elems[i], byIndex[i], addr, fmt.Sprintf("%s[%d]", path, i))
			elems[i], changed = e, changed || c
		}
		if changed {
			return cty.TupleVal(elems).WithMarks(marks), true
		}
	case len(names) > 0 && (ty.IsObjectType() || ty.IsMapType()):
		changed = ty.IsMapType()
		m := uv.AsValueMap()
		if m == nil {
			m = map[string]cty.Value{}
		}
		for _, name := range names {
			p := graph.AttrPath(path, name)
			e, ok := m[name]
			if !ok {
				m[name], changed = cty.DynamicVal.Mark(refMark{Address: addr, Attr: p}), true
				continue
			}
			e, c := augmentPaths(e, byName[name], addr, p)
			m[name], changed = e, changed || c
		}
		if changed {
			return cty.ObjectVal(m).WithMarks(marks), true
		}
	}
	return v, false
}

// scope is what the expressions of a body are evaluated in: the variables
// of the instance (count, each, a dynamic block's iterator) and, when the
// body is native syntax, one evaluation context for all its expressions.
type scope struct {
	extra map[string]cty.Value
	ctx   *hcl.EvalContext
}

// bodyScope builds one evaluation context for every expression of a native
// syntax body and its nested blocks, from refs, the references made in
// the body (bodyTraversals), so that a resource's context is built once
// rather than once per attribute. (The references of dynamic blocks are
// among them: each element of a dynamic block is evaluated in a scope of
// its own, with its iterator, and what else they add here is what any
// reference to a resource the module does not declare reads, an unknown.)
func (m *module) bodyScope(body hcl.Body, refs []hcl.Traversal, extra map[string]cty.Value) scope {
	if _, ok := body.(*hclsyntax.Body); !ok {
		return scope{extra: extra}
	}
	return scope{extra: extra, ctx: m.ctx(refs, extra)}
}

// in evaluates an expression of the scope's body.
func (m *module) in(sc scope, expr hcl.Expression) cty.Value {
	if sc.ctx == nil {
		return m.eval(expr, sc.extra)
	}
	return m.evalIn(expr, sc.ctx)
}

// evalBody evaluates a resource body without a schema: attributes become
// object attributes and nested blocks lists of objects, dynamic blocks
// expanded. lines receives the position of each value by path.
func (m *module) evalBody(body hcl.Body, sc scope, path string, lines map[string]diag.Pos) cty.Value {
	extra := sc.extra
	var out map[string]cty.Value
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		out = map[string]cty.Value{}
		// JSON: everything is an attribute; nested blocks are objects.
		attrs, _ := body.JustAttributes()
		for name, a := range attrs {
			if metaArgs[name] || metaBlocks[name] || name == "//" {
				continue
			}
			p := graph.AttrPath(path, name)
			lines[p] = pos(a.Expr.Range())
			out[name] = m.eval(a.Expr, extra)
		}
		return cty.ObjectVal(out)
	}
	out = make(map[string]cty.Value, len(sb.Attributes)+len(sb.Blocks))
	for name, a := range sb.Attributes {
		if path == "" && metaArgs[name] {
			continue
		}
		p := graph.AttrPath(path, name)
		lines[p] = pos(a.SrcRange)
		out[name] = m.in(sc, a.Expr)
	}
	var blocks map[string][]cty.Value
	if len(sb.Blocks) > 0 {
		blocks = map[string][]cty.Value{}
	}
	var order []string
	addBlock := func(typ string, v cty.Value, at hcl.Range, build func(p string)) {
		if _, seen := blocks[typ]; !seen {
			order = append(order, typ)
		}
		p := graph.IndexPath(graph.AttrPath(path, typ), len(blocks[typ]))
		lines[p] = pos(at)
		if _, ok := lines[graph.AttrPath(path, typ)]; !ok {
			lines[graph.AttrPath(path, typ)] = pos(at)
		}
		if build != nil {
			build(p)
			return
		}
		blocks[typ] = append(blocks[typ], v)
	}
	for _, b := range sb.Blocks {
		switch {
		case path == "" && metaBlocks[b.Type]:
			continue
		case b.Type == "dynamic" && len(b.Labels) == 1:
			m.evalDynamic(b, extra, path, lines, blocks, &order)
		default:
			addBlock(b.Type, cty.NilVal, b.TypeRange, func(p string) {
				blocks[b.Type] = append(blocks[b.Type], m.evalBody(b.Body, sc, p, lines))
			})
		}
	}
	for _, typ := range order {
		if _, clash := out[typ]; clash {
			continue
		}
		out[typ] = cty.TupleVal(blocks[typ])
	}
	return cty.ObjectVal(out)
}

// evalDynamic expands a dynamic block into one block per element.
func (m *module) evalDynamic(b *hclsyntax.Block, extra map[string]cty.Value, path string, lines map[string]diag.Pos, blocks map[string][]cty.Value, order *[]string) {
	typ := b.Labels[0]
	iter := typ
	var forEach hcl.Expression
	for name, a := range b.Body.Attributes {
		switch name {
		case "for_each":
			forEach = a.Expr
		case "iterator":
			if t := hcl.ExprAsKeyword(a.Expr); t != "" {
				iter = t
			}
		}
	}
	var content *hclsyntax.Body
	for _, cb := range b.Body.Blocks {
		if cb.Type == "content" {
			content = cb.Body
		}
	}
	if forEach == nil || content == nil {
		return
	}
	coll, _ := m.eval(forEach, extra).Unmark()
	if _, seen := blocks[typ]; !seen {
		*order = append(*order, typ)
		blocks[typ] = nil
	}
	if coll.IsWhollyKnown() && !coll.IsNull() && !coll.CanIterateElements() {
		m.p.diags = append(m.p.diags, diag.Warnf(m.p.rng(forEach.Range()), "Invalid dynamic for_each value",
			"a dynamic block iterates over a collection, not a %s; its blocks are unknown", coll.Type().FriendlyName()))
	}
	if !coll.IsWhollyKnown() || coll.IsNull() || !coll.CanIterateElements() {
		// The number of blocks is unknown: the whole attribute is.
		blocks[typ] = append(blocks[typ], cty.DynamicVal)
		return
	}
	for it := coll.ElementIterator(); it.Next(); {
		k, v := it.Element()
		inner := maps.Clone(extra)
		if inner == nil {
			inner = map[string]cty.Value{}
		}
		inner[iter] = cty.ObjectVal(map[string]cty.Value{"key": k, "value": v})
		p := graph.IndexPath(graph.AttrPath(path, typ), len(blocks[typ]))
		lines[p] = pos(b.TypeRange)
		if _, ok := lines[graph.AttrPath(path, typ)]; !ok {
			lines[graph.AttrPath(path, typ)] = pos(b.TypeRange)
		}
		blocks[typ] = append(blocks[typ], m.evalBody(content, m.bodyScope(content, m.bodyRefs(content), inner), p, lines))
	}
}

func pos(r hcl.Range) diag.Pos { return diag.Pos{Line: r.Start.Line, Column: r.Start.Column} }
