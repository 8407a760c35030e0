package bicep

import (
	"strings"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/parsers/bicep/syntax"
)

// duplicateProperties reports the properties declared twice in an object,
// on the second declaration: Bicep refuses the file (BCP025). Names that
// differ only in case are two properties to Bicep, but Azure reads
// property names case-insensitively, so which one applies is uncertain: a
// warning.
func duplicateProperties(f *syntax.File, file string) diag.Diagnostics {
	var ds diag.Diagnostics
	syntax.Inspect(f, func(n syntax.Node) bool {
		o, ok := n.(*syntax.ObjectExpr)
		if !ok {
			return true
		}
		exact := map[string]bool{}
		folded := map[string]string{}
		for _, it := range o.Items {
			p, ok := it.(*syntax.ObjectProperty)
			if !ok {
				continue
			}
			name, ok := p.KeyName()
			if !ok {
				continue
			}
			at := p.Key.Range().Diag(file)
			switch first, seen := folded[strings.ToLower(name)]; {
			case exact[name]:
				ds = append(ds, diag.Errorf(at, "Duplicate property",
					"the property %q is declared multiple times in this object (BCP025); remove or rename one of them", name))
			case seen:
				ds = append(ds, diag.Warnf(at, "Duplicate property",
					"the property %q differs from %q, declared before it in this object, only in case; Azure reads property names case-insensitively, so which value applies is uncertain: remove or rename one of them", name, first))
			default:
				folded[strings.ToLower(name)] = name
			}
			exact[name] = true
		}
		return true
	})
	return ds
}

// literalType is the Bicep type of a literal expression ("string", "int",
// "bool", "object", "array"), "" when it is not a literal.
func literalType(e syntax.Expr) string {
	switch x := e.(type) {
	case *syntax.StringLit, *syntax.InterpString:
		return "string"
	case *syntax.IntLit:
		return "int"
	case *syntax.UnaryExpr:
		if _, ok := x.X.(*syntax.IntLit); ok && x.Op == syntax.Minus {
			return "int"
		}
	case *syntax.BoolLit:
		return "bool"
	case *syntax.ObjectExpr:
		return "object"
	case *syntax.ArrayExpr:
		return "array"
	case *syntax.ParenExpr:
		return literalType(x.X)
	}
	return ""
}

// checkDefault reports a parameter default that is a literal of another
// type than the parameter's (Bicep refuses it, BCP027); false then.
func (c *compiler) checkDefault(d *syntax.ParamDecl) bool {
	t := d.Type
	if n, ok := t.(*syntax.NullableType); ok {
		t = n.X
	}
	ref, ok := t.(*syntax.TypeRef)
	if !ok {
		return true
	}
	switch ref.Name {
	case "string", "int", "bool", "object", "array":
	default:
		return true // any, or a user-defined type
	}
	got := literalType(d.Value)
	if got == "" || got == ref.Name {
		return true
	}
	what := map[string]string{"string": "a string", "int": "an integer", "bool": "a boolean", "object": "an object", "array": "an array"}[got]
	c.errorf(d.Value, "Default value of the wrong type",
		"parameter %s is of type %s but its default value is %s (BCP027); change the default value or the type", d.Name.Name, ref.Name, what)
	return false
}
