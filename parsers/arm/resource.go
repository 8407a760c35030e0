package arm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/armexpr"
	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/internal/jsonpos"
)

// skipMembers are resource members that are not part of what is deployed.
var skipMembers = map[string]bool{
	"resources": true, "copy": true, "condition": true, "dependson": true, "comments": true, "metadata": true,
	"resourcegroup": true, "subscriptionid": true,
}

// resource evaluates one resource declaration (with its copy loop and
// condition) and its nested child resources.
func (d *deployment) resource(dc decl, parentType, parentName, parentAddr string) {
	r := dc.v
	if d.p.full {
		return
	}
	if r.Kind != jsonpos.Object {
		d.p.errorAt(d.file, r.Pos, "Invalid resource", "a resource must be an object, not %s", r.Kind)
		return
	}
	loops := []map[string]int{nil}
	unexpanded := false
	if c, ok := r.Get("copy"); ok && c.Kind == jsonpos.Object {
		name, _ := c.Get("name")
		count, _ := c.Get("count")
		if name == nil || count == nil {
			d.p.errorAt(d.file, c.Pos, "Invalid copy", "a resource copy needs a name and a count")
			return
		}
		n, ok := d.count(count, d.ctx(nil))
		if ok {
			loops = loops[:0]
			for i := range n {
				loops = append(loops, map[string]int{strings.ToLower(name.Str): i, "": i})
			}
		} else {
			d.p.noteAt(d.file, count.Pos, "Resource instances unknown",
				"the copy count of this resource is not known before deployment, so its instances are not checked")
			d.p.incomplete()
			unexpanded = true
		}
	}
	for _, copies := range loops {
		d.instance(dc, copies, unexpanded, parentType, parentName, parentAddr)
	}
}

func (d *deployment) instance(dc decl, copies map[string]int, unexpanded bool, parentType, parentName, parentAddr string) {
	r := dc.v
	if d.p.full {
		return
	}
	if len(d.p.out)+d.p.deployments >= d.p.opts.MaxTotalResources {
		d.p.full = true
		d.p.errorAt(d.file, r.Pos, "Too many resources",
			"the templates deploy more than %d resources with their loops and nested deployments; the rest is not evaluated (raise --max-instances)", d.p.opts.MaxTotalResources)
		d.p.incomplete()
		return
	}
	ctx := d.ctx(copies)
	if unexpanded {
		ctx.CopyIndex = nil
		ctx.UnknownCopyIndex = true
	}
	if cond, ok := r.Get("condition"); ok {
		switch x := graph.Strip(d.eval(cond, ctx, nil, "")).(type) {
		case bool:
			if !x {
				return
			}
		default:
			unexpanded = true // may or may not be deployed
			d.p.noteAt(d.file, cond.Pos, "Resource condition unknown",
				"whether this resource is deployed is known only at deployment, so it is not checked")
			d.p.incomplete()
		}
	}
	tv, ok := r.Get("type")
	if !ok || tv.Kind != jsonpos.String {
		d.p.errorAt(d.file, r.Pos, "Invalid resource", "a resource needs a type")
		return
	}
	typ := tv.Str
	if parentType != "" && !strings.Contains(typ, "/") {
		typ = parentType + "/" + typ // a child's type is relative to its parent's
	}
	lines := map[string]diag.Pos{}
	body := map[string]graph.Value{}
	for _, m := range r.Members {
		if skipMembers[strings.ToLower(m.Key)] {
			continue
		}
		if strings.EqualFold(m.Key, "properties") && strings.EqualFold(typ, deploymentsType) {
			continue // the nested template is evaluated as a deployment below
		}
		body[m.Key] = d.eval(m.Value, ctx, lines, m.Key)
	}
	name, nameKnown := graph.Strip(member(body, "name")).(string)
	if parentName != "" && nameKnown && !strings.Contains(name, "/") {
		name = parentName + "/" + name
		body["name"] = name
	}
	if !nameKnown {
		name = unknownName(body)
		if nv, ok := r.Get("name"); ok && !unexpanded && !nameIrrelevant[strings.ToLower(typ)] && !d.p.reportedAt(d.file, nv.Pos.Line) {
			d.p.noteAt(d.file, nv.Pos, "Resource name unknown",
				"the name of this %s is known only at deployment (it depends on a parameter without a value, the resource group or subscription ID, or another resource), so what rests on it is not checked", typ)
		}
	}
	addr := d.prefix + addressOf(typ, name)
	if dc.symbol != "" && parentType == "" {
		d.symbols[strings.ToLower(dc.symbol)] = r
	}
	if nameKnown {
		d.names[strings.ToLower(name)] = addr
		d.names[strings.ToLower(name[strings.LastIndex(name, "/")+1:])] = addr
	}
	if strings.EqualFold(typ, deploymentsType) {
		if !unexpanded {
			d.p.deployments++
			d.nestedDeployment(r, ctx, name)
		}
		return
	}
	existing := false
	if e, ok := r.Get("existing"); ok && e.Kind == jsonpos.Bool {
		existing = e.Bool
	}
	end := r.End
	if end.Line == 0 {
		end = r.Pos
	}
	// A languageVersion 2.0 existing resource may say where it is.
	rg, sub := d.info.ResourceGroup, d.info.SubscriptionID
	if v, ok := r.Get("resourceGroup"); ok {
		if s, ok := graph.Strip(d.eval(v, ctx, nil, "")).(string); ok {
			rg = s
		}
	}
	if v, ok := r.Get("subscriptionId"); ok {
		if s, ok := graph.Strip(d.eval(v, ctx, nil, "")).(string); ok {
			sub = s
		}
	}
	d.p.out = append(d.p.out, graph.Resource{
		Format:        format(d.file),
		Scope:         d.scope,
		Type:          typ,
		Address:       addr,
		Range:         diag.Range{File: d.p.rel(d.file), Start: r.Pos, End: end},
		Existing:      existing,
		Unexpanded:    unexpanded,
		Parent:        parentAddr,
		ResourceGroup: rg,
		Subscription:  sub,
		Body:          armexpr.GraphValue(body).(map[string]graph.Value),
		Lines:         lines,
	})
	if children, ok := r.Get("resources"); ok && children.Kind == jsonpos.Array && nameKnown {
		for _, c := range children.Array {
			d.resource(decl{v: c}, typ, name, addr)
		}
	}
}

// nestedDeployment evaluates a Microsoft.Resources/deployments resource:
// its inline template or the template its templateLink.relativePath names.
func (d *deployment) nestedDeployment(r *jsonpos.Value, ctx *armexpr.Context, name string) {
	props, _ := r.Get("properties")
	if props == nil {
		return
	}
	if d.depth >= d.p.opts.MaxDeploymentDepth {
		d.p.errorAt(d.file, r.Pos, "Deployments nested too deeply",
			"nested deployments, inline and linked templates together, go deeper than the limit of %d levels; this one is not evaluated and what it deploys is not checked", d.p.opts.MaxDeploymentDepth)
		d.p.incomplete()
		return
	}
	child := &deployment{p: d.p, file: d.file, scope: d.scope, info: d.info, stack: d.stack, depth: d.depth + 1}
	child.prefix = d.prefix + "Microsoft.Resources/deployments/" + name + "/"
	child.info.DeploymentName = name // deployment().name inside it
	if rg, ok := r.Get("resourceGroup"); ok {
		if s, ok := graph.Strip(d.eval(rg, ctx, nil, "")).(string); ok {
			child.info.ResourceGroup = s
		}
	}
	if sub, ok := r.Get("subscriptionId"); ok {
		if s, ok := graph.Strip(d.eval(sub, ctx, nil, "")).(string); ok {
			child.info.SubscriptionID = s
		}
	}
	inner := true
	if t, ok := props.Get("template"); ok {
		child.doc = t
		inner = false // inline templates default to the outer scope
		if o, ok := props.Get("expressionEvaluationOptions"); ok {
			if s, ok := o.Get("scope"); ok && strings.EqualFold(s.Str, "inner") {
				inner = true
			}
		}
	} else if tl, ok := props.Get("templateLink"); ok {
		rp, ok := tl.Get("relativePath")
		if !ok {
			d.p.noteAt(d.file, tl.Pos, "Linked template not read", "only templateLink.relativePath is followed; a template at a URI is never downloaded")
			d.p.incomplete()
			return
		}
		relPath, isString := graph.Strip(d.eval(rp, ctx, nil, "")).(string)
		if !isString {
			d.p.noteAt(d.file, rp.Pos, "Linked template not read", "the path of the linked template is known only at deployment, so its resources are not checked")
			d.p.incomplete()
			return
		}
		path := filepath.Clean(filepath.Join(filepath.Dir(d.file), filepath.FromSlash(relPath)))
		if !Within(d.p.root, path) {
			d.p.errorAt(d.file, rp.Pos, "Linked template outside the scanned directory", "%s is outside the scanned directory; acrlint reads nothing outside it", relPath)
			d.p.incomplete()
			return
		}
		if i := slices.Index(d.stack, path); i >= 0 {
			if d.p.reportedAt(d.file, rp.Pos.Line) {
				return // the same link, reached again
			}
			var names []string
			for _, f := range append(slices.Clone(d.stack[i:]), path) {
				names = append(names, d.p.rel(f))
			}
			d.p.errorAt(d.file, rp.Pos, "Linked template cycle",
				"templates link to each other in a cycle: %s; remove one of these links", strings.Join(names, " -> "))
			d.p.incomplete()
			return
		}
		if err := d.p.confine(path); err != nil {
			switch {
			case errors.Is(err, ErrOutsideRoot):
				d.p.errorAt(d.file, rp.Pos, "Linked template outside the scanned directory",
					"%s is a symbolic link, or in a linked directory, that leads outside the scanned directory; acrlint reads nothing outside it", relPath)
			case errors.Is(err, fs.ErrNotExist):
				d.p.errorAt(d.file, rp.Pos, "Linked template not found",
					"%s does not exist (it would be %s in the scanned directory): relativePath is relative to the directory of the template that links it", relPath, d.p.rel(path))
			default:
				d.p.errorAt(d.file, rp.Pos, "Cannot read linked template", "%s: %v", relPath, err)
			}
			d.p.incomplete()
			return
		}
		doc := d.p.load(path, true)
		if doc == nil {
			return
		}
		child.file, child.doc = path, doc
		child.stack = append(slices.Clone(d.stack), path)
	} else {
		return
	}
	values := map[string]graph.Value{}
	if ps, ok := props.Get("parameters"); ok && ps.Kind == jsonpos.Object {
		for _, m := range ps.Members {
			if v, ok := m.Value.Get("value"); ok {
				values[m.Key] = d.eval(v, ctx, nil, "")
			} else {
				values[m.Key] = graph.Unknown{}
			}
		}
	}
	if !inner {
		child.outer = d
		if d.outer != nil {
			child.outer = d.outer
		}
	}
	d.nested[strings.ToLower(name)] = child.run(values, r)
}

// member reads a property case-insensitively, as ARM does.
func member(m map[string]graph.Value, key string) graph.Value {
	if v, ok := m[key]; ok {
		return v
	}
	for k, v := range m {
		if strings.EqualFold(k, key) {
			return v
		}
	}
	return nil
}

// nameIrrelevant are the types whose name nothing rests on: a role
// assignment is a GUID, usually guid() over IDs known only at deployment.
var nameIrrelevant = map[string]bool{"microsoft.authorization/roleassignments": true}

// unknownName stands for a name known only at deployment in a resource's
// address: "?" and a digest of the rest of its body, so that two such
// resources of one type (two role assignments named by guid() over the
// resource group's ID) stay two nodes, and the address does not change
// when the template is reformatted or reordered.
func unknownName(body map[string]graph.Value) string {
	rest := make(map[string]graph.Value, len(body))
	for k, v := range body {
		if !strings.EqualFold(k, "name") {
			rest[k] = v
		}
	}
	data, err := json.Marshal(rest)
	if err != nil {
		return "?"
	}
	sum := sha256.Sum256(data)
	return "?" + hex.EncodeToString(sum[:4])
}
