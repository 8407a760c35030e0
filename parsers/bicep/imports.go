package bicep

import (
	"path/filepath"
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// Imports (import {a, b as c} from 'shared.bicep', import * as ns from
// ...) bring another file's exported variables and functions. They are
// compile-time constructs: an imported variable is compiled in place, with
// the variables it reads from its own file inlined too, and an imported
// function is added to the importing template's function namespace.

// declareImport adds the symbols of an import statement.
func (c *compiler) declareImport(d *syntax.ImportDecl, add func(*syntax.Ident, *symbol)) {
	lit, ok := d.From.(*syntax.StringLit)
	if !ok {
		c.errorf(d.From, "Invalid import", "the path of an import must be a string literal")
		return
	}
	src := c.importSource(lit)
	if d.Wildcard != nil {
		add(d.Wildcard, &symbol{kind: symNamespace, node: d, source: src})
		return
	}
	for _, it := range d.Items {
		remote := ""
		switch n := it.Name.(type) {
		case *syntax.Ident:
			remote = n.Name
		case *syntax.StringLit:
			remote = n.Value
		}
		local := it.Alias
		if local == nil {
			if id, ok := it.Name.(*syntax.Ident); ok {
				local = id
			}
		}
		if local == nil {
			c.errorf(it, "Invalid import", "an imported name that is not an identifier needs an alias (as name)")
			continue
		}
		if src != nil {
			if s := src.syms[remote]; s == nil {
				c.errorf(it, "Unknown import", "%s does not declare %q", lit.Value, remote)
			} else if !exported(s) {
				c.warnf(it, "Import of a symbol not exported", "%q in %s has no @export() decorator", remote, lit.Value)
			}
		}
		add(local, &symbol{kind: symImport, node: it, source: src, remote: remote})
	}
}

func exported(s *symbol) bool {
	var decos []*syntax.Decorator
	switch d := s.node.(type) {
	case *syntax.VarDecl:
		decos = d.Decorators
	case *syntax.FuncDecl:
		decos = d.Decorators
	case *syntax.TypeDecl:
		decos = d.Decorators
	}
	for _, dec := range decos {
		if strings.EqualFold(dec.Name(), "export") {
			return true
		}
	}
	return false
}

// importSource reads the file an import names, as a compiler whose symbols
// compile into c's template; nil when it cannot be read (a diagnostic says
// why) or is a registry reference.
func (c *compiler) importSource(lit *syntax.StringLit) *compiler {
	path := lit.Value
	if strings.HasPrefix(path, "br:") || strings.HasPrefix(path, "br/") || strings.HasPrefix(path, "ts:") {
		c.notef(lit, "Import not read", "imports from registries are not read; what %s provides is unknown", path)
		c.incomplete()
		return nil
	}
	abs := filepath.Clean(filepath.Join(filepath.Dir(c.path), filepath.FromSlash(path)))
	if !c.b.inRoot(abs) {
		c.errorf(lit, "Import outside the scanned directory", "%s is outside the scanned directory; acrlint reads nothing outside it", path)
		return nil
	}
	if !strings.EqualFold(filepath.Ext(abs), ".bicep") {
		c.notef(lit, "Import not read", "only imports from .bicep files are evaluated; what %s provides is unknown", path)
		return nil
	}
	for o := c; o != nil; o = o.into {
		if o.path == abs {
			c.errorf(lit, "Import cycle", "%s imports itself through other files", c.rel())
			return nil
		}
	}
	if err := c.b.confine(abs); err != nil {
		c.confinedError(lit, "Import", err)
		return nil
	}
	f := c.b.parse(abs)
	if f == nil {
		c.errorf(lit, "Cannot read import", "%s cannot be read", path)
		return nil
	}
	src := newCompiler(c.b, abs, f)
	src.into = c
	if c.into != nil {
		src.into = c.into
	}
	return src
}

// importedValue compiles the value of an imported variable.
func (c *compiler) importedValue(importer *compiler, s *symbol, at syntax.Node) string {
	if c == nil {
		return importer.unknown()
	}
	v := c.syms[s.remote]
	if v == nil || v.kind != symVar {
		importer.errorf(at, "Invalid reference", "%q imported from %s is not a variable", s.name, c.rel())
		return importer.unknown()
	}
	out := c.inlineVar(v)
	importer.diags = append(importer.diags, c.takeDiags()...)
	return out
}

// importedMember compiles ns.name for import * as ns.
func (c *compiler) importedMember(importer *compiler, ns *syntax.Ref, name *syntax.Ident) string {
	if c == nil {
		return importer.unknown()
	}
	return c.importedValue(importer, &symbol{name: ns.Name + "." + name.Name, remote: name.Name}, name)
}

// importedCall compiles ns.f(args) for import * as ns.
func (c *compiler) importedCall(importer *compiler, ns *syntax.Ref, call *syntax.CallExpr, en *env) string {
	if c == nil {
		return importer.unknown()
	}
	return c.importedFuncCall(importer, &symbol{name: ns.Name + "." + call.Name.Name, remote: call.Name.Name}, call, en)
}

// importedFuncCall compiles a call of an imported function.
func (c *compiler) importedFuncCall(importer *compiler, s *symbol, call *syntax.CallExpr, en *env) string {
	if c == nil {
		return importer.unknown()
	}
	f := c.syms[s.remote]
	if f == nil || f.kind != symFunc {
		importer.errorf(call, "Invalid call", "%q imported from %s is not a function", s.name, c.rel())
		return importer.unknown()
	}
	name := c.funcName(f)
	importer.diags = append(importer.diags, c.takeDiags()...)
	return userNamespace + "." + name + "(" + strings.Join(importer.args(call.Args, en), ", ") + ")"
}

// takeDiags hands over the diagnostics gathered so far.
func (c *compiler) takeDiags() diag.Diagnostics {
	ds := c.diags
	c.diags = nil
	return ds
}
