package bicep

import (
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/armexpr"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// paramFile evaluates a .bicepparam file: the template its using names
// and the values of its parameters (those of the file it extends first).
func (p *Parser) paramFile(path string) (string, map[string]graph.Value, bool) {
	return p.paramFileFrom(path, nil)
}

func (p *Parser) paramFileFrom(path string, stack []string) (string, map[string]graph.Value, bool) {
	f := p.parse(path)
	if f == nil {
		return "", nil, false
	}
	c := newCompiler(p, path, f)
	values := map[string]graph.Value{}
	template := ""
	found := false
	for _, st := range f.Statements {
		switch d := st.(type) {
		case *syntax.UsingDecl:
			found = true
			if d.Path == nil {
				continue // using none: the values are for a template given elsewhere
			}
			lit, ok := d.Path.(*syntax.StringLit)
			if !ok {
				c.errorf(d, "Invalid using", "the template of a using must be a string literal")
				continue
			}
			if strings.Contains(lit.Value, ":") {
				c.notef(lit, "Template not read", "%s is a registry reference; only a local template named by using is evaluated", lit.Value)
				c.incomplete()
				continue
			}
			abs := filepath.Clean(filepath.Join(filepath.Dir(path), filepath.FromSlash(lit.Value)))
			if !p.inRoot(abs) {
				c.errorf(lit, "Template outside the scanned directory", "%s is outside the scanned directory; acrlint reads nothing outside it", lit.Value)
				continue
			}
			if err := p.confine(abs); err != nil {
				c.confinedError(lit, "Template", err)
				continue
			}
			template = abs
		case *syntax.ExtendsDecl:
			lit, ok := d.Path.(*syntax.StringLit)
			if !ok {
				continue
			}
			abs := filepath.Clean(filepath.Join(filepath.Dir(path), filepath.FromSlash(lit.Value)))
			if !p.inRoot(abs) || slices.Contains(stack, abs) || abs == path {
				c.errorf(lit, "Invalid extends", "%s is outside the scanned directory or extends itself", lit.Value)
				continue
			}
			if err := p.confine(abs); err != nil {
				c.confinedError(lit, "Parameters file", err)
				continue
			}
			if _, base, ok := p.paramFileFrom(abs, append(stack, path)); ok {
				maps.Copy(values, base)
			}
		}
	}
	if !found && len(stack) == 0 {
		c.errorf(f, "Missing using", "a .bicepparam file must name its template with using")
	}
	ctx := c.paramContext(values)
	for _, s := range c.sortedSyms(symParam) {
		v, _ := ctx.Parameters(s.name)
		values[s.name] = v
	}
	p.diags = append(p.diags, c.diags...)
	if template == "" && len(stack) == 0 {
		return "", nil, false
	}
	return template, values, true
}

// paramContext evaluates the parameters and variables of a .bicepparam
// file on demand, over the values of the file it extends.
func (c *compiler) paramContext(base map[string]graph.Value) *armexpr.Context {
	done := map[string]graph.Value{}
	busy := map[string]bool{}
	ctx := &armexpr.Context{Functions: map[string]armexpr.UserFunc{}, MaxStringLength: c.b.opts.MaxStringLength}
	for k, v := range functions {
		ctx.Functions[strings.ToLower(k)] = v
	}
	eval := func(s *symbol) graph.Value {
		key := s.name
		if s.kind == symVar {
			key = "var " + key
		}
		if v, ok := done[key]; ok {
			return v
		}
		if busy[key] {
			c.errorf(s.node, "Cycle", "%q refers to itself", s.name)
			return graph.Unknown{}
		}
		busy[key] = true
		defer delete(busy, key)
		text := c.expr(s.value, nil)
		for _, m := range c.funcs {
			if fn, ok := m.Value.Get("output"); ok {
				if val, ok := fn.Get("value"); ok {
					var params []string
					if ps, ok := m.Value.Get("parameters"); ok {
						for _, p := range ps.Array {
							if n, ok := p.Get("name"); ok {
								params = append(params, n.Str)
							}
						}
					}
					ctx.Functions[strings.ToLower(userNamespace+"."+m.Key)] = armexpr.TemplateFunc(params, val.Interface())
				}
			}
		}
		v, err := armexpr.EvalString("["+text+"]", ctx)
		if ee, ok := errors.AsType[*armexpr.EvalError](err); ok && ee.Limit > 0 {
			c.errorf(s.value, "Value too large", "%v; the value is unknown (raise the limit with --max-string-length)", err)
			c.incomplete()
			v = graph.Unknown{}
		} else if err != nil {
			c.warnf(s.value, "Expression cannot be evaluated", "%v; the value is unknown", err)
			v = graph.Unknown{}
		}
		done[key] = v
		return v
	}
	ctx.Parameters = func(name string) (graph.Value, bool) {
		if s := c.syms[name]; s != nil && s.kind == symParam && s.value != nil {
			return eval(s), true
		}
		v, ok := base[name]
		return v, ok
	}
	ctx.Variables = func(name string) (graph.Value, bool) {
		if s := c.syms[name]; s != nil && s.kind == symVar {
			return eval(s), true
		}
		return nil, false
	}
	return ctx
}
