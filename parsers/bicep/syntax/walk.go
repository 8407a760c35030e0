package syntax

// Inspect walks the tree rooted at n depth first, in source order,
// calling f for each node; when f returns false the node's children are
// skipped. Nil children are not visited.
func Inspect(n Node, f func(Node) bool) {
	if n == nil || isNilNode(n) || !f(n) {
		return
	}
	for _, c := range Children(n) {
		Inspect(c, f)
	}
}

func isNilNode(n Node) bool {
	switch v := n.(type) {
	case *ObjectExpr:
		return v == nil
	case *Ident:
		return v == nil
	case *Decorator:
		return v == nil
	}
	return false
}

// Children returns the direct children of n in source order.
//
//nolint:gocyclo // one case per node type
func Children(n Node) []Node {
	var out []Node
	add := func(ns ...Node) {
		for _, c := range ns {
			if c != nil && !isNilNode(c) {
				out = append(out, c)
			}
		}
	}
	decos := func(ds []*Decorator) {
		for _, d := range ds {
			add(d)
		}
	}
	switch n := n.(type) {
	case *File:
		for _, s := range n.Statements {
			add(s)
		}
	case *Decorator:
		add(n.Expr)
	case *TargetScopeDecl:
		decos(n.Decorators)
		add(n.Value)
	case *MetadataDecl:
		decos(n.Decorators)
		add(n.Name, n.Value)
	case *ParamDecl:
		decos(n.Decorators)
		add(n.Name, n.Type, n.Value)
	case *VarDecl:
		decos(n.Decorators)
		add(n.Name, n.Type, n.Value)
	case *OutputDecl:
		decos(n.Decorators)
		add(n.Name, n.Type, n.Value)
	case *ResourceDecl:
		decos(n.Decorators)
		add(n.Name, n.Type, n.Body)
	case *ModuleDecl:
		decos(n.Decorators)
		add(n.Name, n.Path, n.Body)
	case *TestDecl:
		decos(n.Decorators)
		add(n.Name, n.Path, n.Body)
	case *AssertDecl:
		decos(n.Decorators)
		add(n.Name, n.Value)
	case *ImportDecl:
		decos(n.Decorators)
		for _, it := range n.Items {
			add(it)
		}
		add(n.Wildcard, n.From)
	case *ImportItem:
		add(n.Name, n.Alias)
	case *ExtensionDecl:
		decos(n.Decorators)
		add(n.Spec, n.Config, n.Alias)
	case *UsingDecl:
		add(n.Path, n.Config)
	case *ExtendsDecl:
		add(n.Path)
	case *ExtensionConfigDecl:
		add(n.Name, n.Config)
	case *TypeDecl:
		decos(n.Decorators)
		add(n.Name, n.Type)
	case *FuncDecl:
		decos(n.Decorators)
		add(n.Name)
		for _, fp := range n.Params {
			add(fp)
		}
		add(n.Result, n.Body)
	case *FuncParam:
		add(n.Name, n.Type)
	case *InterpString:
		for _, e := range n.Exprs {
			add(e)
		}
	case *ArrayExpr:
		for _, e := range n.Items {
			add(e)
		}
	case *ObjectExpr:
		for _, it := range n.Items {
			add(it)
		}
	case *ObjectProperty:
		decos(n.Decorators)
		add(n.Key, n.Value)
	case *SpreadExpr:
		add(n.X)
	case *ParenExpr:
		add(n.X)
	case *UnaryExpr:
		add(n.X)
	case *BinaryExpr:
		add(n.X, n.Y)
	case *TernaryExpr:
		add(n.Cond, n.Then, n.Else)
	case *MemberExpr:
		add(n.X, n.Name)
	case *IndexExpr:
		add(n.X, n.Index)
	case *ResourceAccessExpr:
		add(n.X, n.Name)
	case *NonNullExpr:
		add(n.X)
	case *CallExpr:
		add(n.Target, n.Name)
		for _, e := range n.Args {
			add(e)
		}
	case *LambdaExpr:
		for _, id := range n.Params {
			add(id)
		}
		add(n.Body)
	case *ForExpr:
		add(n.Item, n.Index, n.Iterable, n.Body)
	case *IfExpr:
		add(n.Cond, n.Body)
	case *TypeMember:
		add(n.X)
	case *TypeIndex:
		add(n.X)
	case *ArrayType:
		add(n.Elem)
	case *NullableType:
		add(n.X)
	case *NonNullType:
		add(n.X)
	case *UnionType:
		for _, m := range n.Members {
			add(m)
		}
	case *LiteralType:
		add(n.Value)
	case *ObjectType:
		for _, pr := range n.Props {
			add(pr)
		}
		if n.Additional != nil {
			add(n.Additional)
		}
	case *ObjectTypeProp:
		decos(n.Decorators)
		add(n.Key, n.Type)
	case *TupleType:
		for _, it := range n.Items {
			add(it)
		}
	case *TupleItem:
		decos(n.Decorators)
		add(n.Type)
	case *ResourceType:
		add(n.Type)
	case *ParenType:
		add(n.X)
	}
	return out
}
