package terraform

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// walk calls visit on node and then on every body, block, attribute and
// expression below it, in the order of hclsyntax.VisitAll. It allocates
// nothing of its own, where VisitAll allocates for every node it visits
// (a parse of a large repository walks millions of nodes). VisitAll also
// visits the Attributes and Blocks of a body and the ChildScope of each
// part of a for expression, which walk leaves out; a node of a type walk
// does not know, it hands to VisitAll, so nothing below it is missed.
//
// visit may replace the children of the node it is given (bound does):
// they are read after it returns.
func walk(node hclsyntax.Node, visit func(hclsyntax.Node)) {
	visit(node)
	switch n := node.(type) {
	case *hclsyntax.Body:
		for _, a := range n.Attributes {
			walk(a, visit)
		}
		for _, b := range n.Blocks {
			walk(b, visit)
		}
	case *hclsyntax.Block:
		walk(n.Body, visit)
	case *hclsyntax.Attribute:
		walk(n.Expr, visit)
	case *hclsyntax.LiteralValueExpr, *hclsyntax.ScopeTraversalExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
	default:
		if !walkChildren(node, func(c hclsyntax.Node) { walk(c, visit) }) {
			first := true // VisitAll visits node itself first
			_ = hclsyntax.VisitAll(node, func(c hclsyntax.Node) hcl.Diagnostics {
				if !first {
					visit(c)
				}
				first = false
				return nil
			})
		}
	}
}

// walkChildren calls f on each child of an expression, in the order of
// hclsyntax's walks, and reports whether it knows the expression's type.
// The children of a for expression come in the order of its walk:
// collection, key, value, condition.
func walkChildren(node hclsyntax.Node, f func(hclsyntax.Node)) bool {
	switch n := node.(type) {
	case *bounded:
		f(n.Expression)
	case *hclsyntax.ParenthesesExpr:
		f(n.Expression)
	case *hclsyntax.RelativeTraversalExpr:
		f(n.Source)
	case *hclsyntax.FunctionCallExpr:
		for _, a := range n.Args {
			f(a)
		}
	case *hclsyntax.ConditionalExpr:
		f(n.Condition)
		f(n.TrueResult)
		f(n.FalseResult)
	case *hclsyntax.IndexExpr:
		f(n.Collection)
		f(n.Key)
	case *hclsyntax.TupleConsExpr:
		for _, e := range n.Exprs {
			f(e)
		}
	case *hclsyntax.ObjectConsExpr:
		for _, item := range n.Items {
			f(item.KeyExpr)
			f(item.ValueExpr)
		}
	case *hclsyntax.ObjectConsKeyExpr:
		// A bare name is the literal key, not an expression.
		if hcl.ExprAsKeyword(n.Wrapped) == "" {
			f(n.Wrapped)
		}
	case *hclsyntax.ForExpr:
		f(n.CollExpr)
		if n.KeyExpr != nil {
			f(n.KeyExpr)
		}
		f(n.ValExpr)
		if n.CondExpr != nil {
			f(n.CondExpr)
		}
	case *hclsyntax.SplatExpr:
		f(n.Source)
		f(n.Each)
	case *hclsyntax.BinaryOpExpr:
		f(n.LHS)
		f(n.RHS)
	case *hclsyntax.UnaryOpExpr:
		f(n.Val)
	case *hclsyntax.TemplateExpr:
		for _, p := range n.Parts {
			f(p)
		}
	case *hclsyntax.TemplateJoinExpr:
		f(n.Tuple)
	case *hclsyntax.TemplateWrapExpr:
		f(n.Wrapped)
	default:
		return false
	}
	return true
}

// variables returns the references an expression makes to the module's
// scope, as its Variables method does; for native syntax it finds them
// without hclsyntax.Variables' allocation for every node.
func variables(expr hcl.Expression) []hcl.Traversal {
	e, ok := expr.(hclsyntax.Expression)
	if !ok {
		return expr.Variables()
	}
	v := varWalker{}
	v.walk(e)
	return v.out
}

// varWalker gathers the traversals from the root scope below an
// expression: those whose root name no enclosing for expression declares.
type varWalker struct {
	out []hcl.Traversal
	// local are the for expressions whose key, value or condition the
	// walk is in.
	local []*hclsyntax.ForExpr
}

func (v *varWalker) walk(node hclsyntax.Node) {
	switch n := node.(type) {
	case *hclsyntax.ScopeTraversalExpr:
		if !v.isLocal(n.Traversal.RootName()) {
			v.out = append(v.out, n.Traversal)
		}
	case *hclsyntax.LiteralValueExpr, *hclsyntax.AnonSymbolExpr, *hclsyntax.ExprSyntaxError:
	case *hclsyntax.ForExpr:
		v.walk(n.CollExpr)
		v.local = append(v.local, n)
		if n.KeyExpr != nil {
			v.walk(n.KeyExpr)
		}
		v.walk(n.ValExpr)
		if n.CondExpr != nil {
			v.walk(n.CondExpr)
		}
		v.local = v.local[:len(v.local)-1]
	default:
		if walkChildren(node, v.walk) {
			return
		}
		// A node of a type walkChildren does not know: HCL finds its
		// references, and those of enclosing for expressions are left out.
		e, ok := node.(hclsyntax.Expression)
		if !ok {
			return
		}
		for _, t := range hclsyntax.Variables(e) {
			if !v.isLocal(t.RootName()) {
				v.out = append(v.out, t)
			}
		}
	}
}

// isLocal reports whether an enclosing for expression declares name.
func (v *varWalker) isLocal(name string) bool {
	for _, f := range v.local {
		if (f.KeyVar != "" && f.KeyVar == name) || (f.ValVar != "" && f.ValVar == name) {
			return true
		}
	}
	return false
}
