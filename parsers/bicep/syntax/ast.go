package syntax

// Node is any node of the syntax tree.
type Node interface {
	// Range is the source the node was parsed from.
	Range() Range
}

// Stmt is a top-level statement (and, for *ResourceDecl, an item of a
// resource body).
type Stmt interface {
	Node
	stmt()
}

// Expr is an expression.
type Expr interface {
	Node
	expr()
}

// TypeExpr is a type expression: after param, output, type, or in a
// function signature.
type TypeExpr interface {
	Node
	typeExpr()
}

// File is a parsed .bicep or .bicepparam file. Every statement in it has
// its name, and every part the grammar requires is set; a part a syntax
// error left out is a *BadExpr or a *BadType.
type File struct {
	Name string
	// Params is set for a .bicepparam file, where a parameter has a value
	// and no type.
	Params     bool
	Statements []Stmt
	Comments   []Comment
	SrcRange   Range
}

// Range implements Node.
func (f *File) Range() Range { return f.SrcRange }

// Ident is a name: a declared symbol, a reference, a property name.
type Ident struct {
	Name     string
	SrcRange Range
}

// Decorator is @expr before a statement, an object (type) property or a
// tuple item. Expr is a *CallExpr, possibly namespaced (@sys.description).
type Decorator struct {
	Expr     Expr
	SrcRange Range
}

// Name returns the decorator's function name (description for
// @sys.description(...)), or "" when the decorator is malformed.
func (d *Decorator) Name() string {
	if c, ok := d.Expr.(*CallExpr); ok && c.Name != nil {
		return c.Name.Name
	}
	return ""
}

// ---- statements

// TargetScopeDecl is targetScope = expr.
type TargetScopeDecl struct {
	Decorators []*Decorator
	Value      Expr
	SrcRange   Range
}

// MetadataDecl is metadata name = expr.
type MetadataDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Value      Expr
	SrcRange   Range
}

// ParamDecl is param name type [= default] in a .bicep file, and param
// name = value in a .bicepparam file (Type nil).
type ParamDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Type       TypeExpr // nil in a .bicepparam file
	Value      Expr     // the default, nil when there is none; the value in a .bicepparam file
	SrcRange   Range
}

// VarDecl is var name [type] = expr.
type VarDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Type       TypeExpr // nil when untyped
	Value      Expr
	SrcRange   Range
}

// OutputDecl is output name type = expr.
type OutputDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Type       TypeExpr
	Value      Expr
	SrcRange   Range
}

// ResourceDecl is resource name 'Type@version' [existing] = body. Body is
// an *ObjectExpr, an *IfExpr or a *ForExpr. A nested (child) resource is
// an item of its parent's body object, and its Type may be relative
// ('subnets' or 'subnets@2023-05-01').
type ResourceDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Type       Expr // a *StringLit, or an *InterpString
	Existing   bool
	Body       Expr
	SrcRange   Range
}

// ModuleDecl is module name 'path' = body, the body as for a resource.
type ModuleDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Path       Expr // a *StringLit (local path, br:, br/alias:, ts:)
	Body       Expr
	SrcRange   Range
}

// ImportDecl is a compile-time import: import {a, b as c} from 'path'
// (Items) or import * as ns from 'path' (Wildcard).
type ImportDecl struct {
	Decorators []*Decorator
	Items      []*ImportItem
	Wildcard   *Ident // the namespace alias of import * as alias
	From       Expr   // a *StringLit
	SrcRange   Range
}

// ImportItem is one name in an import list: Name is an *Ident or a
// *StringLit (a name that is not a Bicep identifier).
type ImportItem struct {
	Name     Expr
	Alias    *Ident // nil without "as"
	SrcRange Range
}

// ExtensionDecl is extension spec [with {...}] [as alias]. Keyword is
// "extension", or "provider" and "import" for the forms that preceded it.
// Spec is an *Ident (a built-in extension: az, microsoftGraphV1) or a
// *StringLit (a registry reference).
type ExtensionDecl struct {
	Decorators []*Decorator
	Keyword    string
	Spec       Expr
	Config     *ObjectExpr // nil without "with"
	Alias      *Ident      // nil without "as"
	SrcRange   Range
}

// UsingDecl is using 'main.bicep' [with {...}] or using none, in a
// .bicepparam file.
type UsingDecl struct {
	Path     Expr // a *StringLit; nil for "using none"
	Config   *ObjectExpr
	SrcRange Range
}

// ExtendsDecl is extends 'base.bicepparam', in a .bicepparam file.
type ExtendsDecl struct {
	Path     Expr
	SrcRange Range
}

// ExtensionConfigDecl is extensionConfig alias with {...}, in a
// .bicepparam file: the configuration of an extension the template
// declares.
type ExtensionConfigDecl struct {
	Name     *Ident
	Config   *ObjectExpr
	SrcRange Range
}

// TypeDecl is type name = typeExpr.
type TypeDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Type       TypeExpr
	SrcRange   Range
}

// FuncDecl is func name(a type, ...) resultType => body.
type FuncDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Params     []*FuncParam
	Result     TypeExpr
	Body       Expr
	SrcRange   Range
}

// FuncParam is one typed parameter of a user-defined function.
type FuncParam struct {
	Name     *Ident
	Type     TypeExpr
	SrcRange Range
}

// AssertDecl is assert name = expr.
type AssertDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Value      Expr
	SrcRange   Range
}

// TestDecl is test name 'path' = {...} (the Bicep test framework).
type TestDecl struct {
	Decorators []*Decorator
	Name       *Ident
	Path       Expr
	Body       Expr
	SrcRange   Range
}

// ---- expressions

// IntLit is a decimal integer literal. Value is 0 when Text does not fit
// in an int64 (a diagnostic says so).
type IntLit struct {
	Text     string
	Value    int64
	SrcRange Range
}

// BoolLit is true or false.
type BoolLit struct {
	Value    bool
	SrcRange Range
}

// NullLit is null.
type NullLit struct{ SrcRange Range }

// StringLit is a string without interpolation; Value has escapes applied.
type StringLit struct {
	Value     string
	Multiline bool
	SrcRange  Range
}

// InterpString is a string with interpolations: Literals[0] Exprs[0]
// Literals[1] ... Exprs[n-1] Literals[n]; len(Literals) == len(Exprs)+1.
type InterpString struct {
	Literals  []string
	Exprs     []Expr
	Multiline bool
	SrcRange  Range
}

// ArrayExpr is [a, b] or one item a line. An item is an Expr or a
// *SpreadExpr.
type ArrayExpr struct {
	Items    []Expr
	SrcRange Range
}

// ObjectExpr is {k: v, ...} or one property a line.
type ObjectExpr struct {
	Items    []ObjectItem
	SrcRange Range
}

// ObjectItem is an item of an object: an *ObjectProperty, a *SpreadExpr,
// or (in a resource body) a nested *ResourceDecl.
type ObjectItem interface {
	Node
	objectItem()
}

// ObjectProperty is key: value. Key is an *Ident, a *StringLit or an
// *InterpString.
type ObjectProperty struct {
	Decorators []*Decorator
	Key        Expr
	Value      Expr
	SrcRange   Range
}

// KeyName returns the property name when it is known without evaluation.
func (p *ObjectProperty) KeyName() (string, bool) {
	switch k := p.Key.(type) {
	case *Ident:
		return k.Name, true
	case *StringLit:
		return k.Value, true
	}
	return "", false
}

// SpreadExpr is ...expr in an array or an object.
type SpreadExpr struct {
	X        Expr
	SrcRange Range
}

// Ref is a reference to a symbol: a parameter, variable, resource,
// module, loop variable, lambda parameter or namespace (az, sys).
type Ref struct {
	Name     string
	SrcRange Range
}

// ParenExpr is (x).
type ParenExpr struct {
	X        Expr
	SrcRange Range
}

// UnaryExpr is !x or -x (or +x).
type UnaryExpr struct {
	Op       Kind // Bang, Minus, Plus
	X        Expr
	SrcRange Range
}

// BinaryExpr is x op y.
type BinaryExpr struct {
	Op       Kind
	X, Y     Expr
	SrcRange Range
}

// TernaryExpr is cond ? then : else.
type TernaryExpr struct {
	Cond, Then, Else Expr
	SrcRange         Range
}

// MemberExpr is x.name, or x.?name when Safe.
type MemberExpr struct {
	X        Expr
	Name     *Ident
	Safe     bool
	SrcRange Range
}

// IndexExpr is x[i]; x[?i] when Safe; x[^i] (from the end) when FromEnd.
type IndexExpr struct {
	X, Index Expr
	Safe     bool
	FromEnd  bool
	SrcRange Range
}

// ResourceAccessExpr is parent::child.
type ResourceAccessExpr struct {
	X        Expr
	Name     *Ident
	SrcRange Range
}

// NonNullExpr is x! (asserting that x is not null).
type NonNullExpr struct {
	X        Expr
	SrcRange Range
}

// CallExpr is name(args), ns.name(args) (sys.concat, az.resourceGroup) or
// x.name(args) (a resource function such as kv.getSecret); Target is nil
// for a plain call.
type CallExpr struct {
	Target   Expr
	Name     *Ident
	Args     []Expr
	SrcRange Range
}

// LambdaExpr is x => body or (a, b) => body.
type LambdaExpr struct {
	Params   []*Ident
	Body     Expr
	SrcRange Range
}

// ForExpr is [for item in iterable: body] or [for (item, index) in
// iterable: body]; Body is an Expr or an *IfExpr. Item is nil only after
// a syntax error in the loop.
type ForExpr struct {
	Item     *Ident
	Index    *Ident // nil without an index variable
	Iterable Expr
	Body     Expr
	SrcRange Range
}

// IfExpr is if (cond) body, as the body of a resource or module, or of a
// for expression.
type IfExpr struct {
	Cond     Expr
	Body     Expr
	SrcRange Range
}

// BadExpr stands where an expression could not be parsed.
type BadExpr struct{ SrcRange Range }

// ---- types

// TypeRef is a type named by one identifier: string, int, bool, object,
// array, any, or a user-defined or imported type.
type TypeRef struct {
	Name     string
	SrcRange Range
}

// TypeMember is x.name: a namespaced type (sys.string, mod.myType) or a
// property of an object type (myType.prop); x.* when Name is "*" (the
// additional properties type).
type TypeMember struct {
	X        TypeExpr
	Name     string
	SrcRange Range
}

// TypeIndex is x[n], a tuple element, or x[*], an array's element type
// (Index -1).
type TypeIndex struct {
	X        TypeExpr
	Index    int64
	SrcRange Range
}

// ArrayType is elem[].
type ArrayType struct {
	Elem     TypeExpr
	SrcRange Range
}

// NullableType is x?.
type NullableType struct {
	X        TypeExpr
	SrcRange Range
}

// NonNullType is x!.
type NonNullType struct {
	X        TypeExpr
	SrcRange Range
}

// UnionType is a | b | c.
type UnionType struct {
	Members  []TypeExpr
	SrcRange Range
}

// LiteralType is a literal used as a type: a string, an integer (possibly
// negated), true, false, null or !true. Value is a *StringLit, *IntLit,
// *BoolLit, *NullLit or *UnaryExpr.
type LiteralType struct {
	Value    Expr
	SrcRange Range
}

// ObjectType is { name: type, ... } with an optional *: type.
type ObjectType struct {
	Props      []*ObjectTypeProp
	Additional *ObjectTypeProp // *: type; nil when absent
	SrcRange   Range
}

// ObjectTypeProp is one property of an object type. Key is an *Ident or a
// *StringLit; it is nil for the additional-properties entry.
type ObjectTypeProp struct {
	Decorators []*Decorator
	Key        Expr
	Optional   bool // name?: type, the same as name: type?
	Type       TypeExpr
	SrcRange   Range
}

// TupleType is [type, type, ...].
type TupleType struct {
	Items    []*TupleItem
	SrcRange Range
}

// TupleItem is one element type of a tuple.
type TupleItem struct {
	Decorators []*Decorator
	Type       TypeExpr
	SrcRange   Range
}

// ResourceType is a type derived from a resource type: resourceInput<'T@v'>,
// resourceOutput<'T@v'>, resource<'T@v'>, or the resource 'T@v' of a
// resource-typed parameter or output (Keyword "resource", Bare set).
type ResourceType struct {
	Keyword  string
	Type     Expr // a *StringLit
	Bare     bool
	SrcRange Range
}

// ParenType is (type).
type ParenType struct {
	X        TypeExpr
	SrcRange Range
}

// BadType stands where a type could not be parsed.
type BadType struct{ SrcRange Range }

// Range implements Node.
func (n *Ident) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *Decorator) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TargetScopeDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *MetadataDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ParamDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *VarDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *OutputDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ResourceDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ModuleDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ImportDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ImportItem) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ExtensionDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *UsingDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ExtendsDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TypeDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ExtensionConfigDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *FuncDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *FuncParam) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *AssertDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TestDecl) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *IntLit) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *BoolLit) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *NullLit) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *StringLit) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *InterpString) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ArrayExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ObjectExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ObjectProperty) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *SpreadExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *Ref) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ParenExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *UnaryExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *BinaryExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TernaryExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *MemberExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *IndexExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ResourceAccessExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *NonNullExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *CallExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *LambdaExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ForExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *IfExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *BadExpr) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TypeRef) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TypeMember) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TypeIndex) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ArrayType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *NullableType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *NonNullType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *UnionType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *LiteralType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ObjectType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ObjectTypeProp) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TupleType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *TupleItem) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ResourceType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *ParenType) Range() Range { return n.SrcRange }

// Range implements Node.
func (n *BadType) Range() Range { return n.SrcRange }

func (*TargetScopeDecl) stmt()     {}
func (*MetadataDecl) stmt()        {}
func (*ParamDecl) stmt()           {}
func (*VarDecl) stmt()             {}
func (*OutputDecl) stmt()          {}
func (*ResourceDecl) stmt()        {}
func (*ModuleDecl) stmt()          {}
func (*ImportDecl) stmt()          {}
func (*ExtensionDecl) stmt()       {}
func (*UsingDecl) stmt()           {}
func (*ExtendsDecl) stmt()         {}
func (*TypeDecl) stmt()            {}
func (*ExtensionConfigDecl) stmt() {}
func (*FuncDecl) stmt()            {}
func (*AssertDecl) stmt()          {}
func (*TestDecl) stmt()            {}

func (*IntLit) expr()             {}
func (*BoolLit) expr()            {}
func (*NullLit) expr()            {}
func (*StringLit) expr()          {}
func (*InterpString) expr()       {}
func (*ArrayExpr) expr()          {}
func (*ObjectExpr) expr()         {}
func (*SpreadExpr) expr()         {}
func (*Ref) expr()                {}
func (*Ident) expr()              {}
func (*ParenExpr) expr()          {}
func (*UnaryExpr) expr()          {}
func (*BinaryExpr) expr()         {}
func (*TernaryExpr) expr()        {}
func (*MemberExpr) expr()         {}
func (*IndexExpr) expr()          {}
func (*ResourceAccessExpr) expr() {}
func (*NonNullExpr) expr()        {}
func (*CallExpr) expr()           {}
func (*LambdaExpr) expr()         {}
func (*ForExpr) expr()            {}
func (*IfExpr) expr()             {}
func (*BadExpr) expr()            {}

func (*ObjectProperty) objectItem() {}
func (*SpreadExpr) objectItem()     {}
func (*ResourceDecl) objectItem()   {}

func (*TypeRef) typeExpr()      {}
func (*TypeMember) typeExpr()   {}
func (*TypeIndex) typeExpr()    {}
func (*ArrayType) typeExpr()    {}
func (*NullableType) typeExpr() {}
func (*NonNullType) typeExpr()  {}
func (*UnionType) typeExpr()    {}
func (*LiteralType) typeExpr()  {}
func (*ObjectType) typeExpr()   {}
func (*TupleType) typeExpr()    {}
func (*ResourceType) typeExpr() {}
func (*ParenType) typeExpr()    {}
func (*BadType) typeExpr()      {}
