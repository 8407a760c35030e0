package armexpr

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// Context is what an expression is evaluated against. Every field is
// optional: a missing lookup makes the functions that need it fail (or, for
// Reference, return an unknown value).
type Context struct {
	// Parameters and Variables look up template parameters and variables
	// by name (Lookup builds one from a map). Variables may be evaluated
	// lazily by the caller.
	Parameters func(name string) (graph.Value, bool)
	Variables  func(name string) (graph.Value, bool)
	// CopyIndex returns the current iteration of the named copy loop, or
	// of the loop of the resource or property being evaluated when loop is
	// "".
	CopyIndex func(loop string) (int, bool)
	// UnknownCopyIndex is set while the stand-in instance of a copy loop
	// whose count is unknown is evaluated: copyIndex() is then unknown.
	UnknownCopyIndex bool
	// Deployment describes where the template is deployed.
	Deployment DeploymentInfo
	// Reference resolves reference() and the list*() functions on
	// target, a resource ID or the name of a resource of the template (full
	// for reference(..., 'Full') and list*). The caller returns
	// graph.Unknown naming the resource, or a known value; ok false means
	// the resource is not known, and the result is then unknown without
	// references.
	Reference func(target graph.Value, full bool) (graph.Value, bool)
	// Functions holds user-defined functions by "namespace.name"; names
	// are matched case-insensitively.
	Functions map[string]UserFunc
	// ParameterDefault is set while a parameter's default value is
	// evaluated: only there may newGuid() and utcNow() be used, as in ARM.
	// Their value is unknown.
	ParameterDefault bool
	// MaxStringLength bounds the strings functions build, in characters
	// (0 means 1 MiB): a call whose result would be longer fails with an
	// *EvalError whose Limit is set.
	MaxStringLength int

	depth int // nesting of user-defined function calls
}

// UserFunc is a user-defined function. It is called with the caller's
// context (which carries the nesting depth) and the evaluated arguments.
// TemplateFunc builds one from the definition in an ARM template.
type UserFunc func(c *Context, args []graph.Value) (graph.Value, error)

// Lambda is a function value: the argument of filter, map, reduce, sort,
// toObject, groupBy and mapValues. lambda() builds one; a Bicep evaluator
// may build its own and pass it to CallFunction.
type Lambda struct {
	Params []string
	Body   func(args []graph.Value) (graph.Value, error)
}

// EvalError is an expression that parsed but cannot be evaluated: a
// function given a value of the wrong type, a missing parameter or
// property, an index out of range. Offset is the byte offset of the failing
// part in the source string, when known.
type EvalError struct {
	Offset int
	Func   string // the function that failed, if any
	Msg    string
	// Limit is set to Context.MaxStringLength when the call failed only
	// because its result would be longer.
	Limit int
}

func (e *EvalError) Error() string {
	if e.Func != "" {
		return fmt.Sprintf("%s (at offset %d): %s", e.Func, e.Offset, e.Msg)
	}
	return fmt.Sprintf("at offset %d: %s", e.Offset, e.Msg)
}

// maxEvalDepth bounds recursion through user-defined functions and lambdas.
const maxEvalDepth = 1000

// maxWork bounds the elements and characters an evaluation may produce, so
// that a hostile template cannot exhaust memory.
const maxWork = 2_000_000

// Eval evaluates a parsed expression.
func Eval(e Expr, c *Context) (graph.Value, error) {
	if c == nil {
		c = &Context{}
	}
	ev := &evaluator{ctx: c, depth: c.depth, work: new(int)}
	v, err := ev.eval(e)
	if err != nil {
		return nil, err
	}
	if _, ok := v.(*Lambda); ok {
		return nil, &EvalError{Offset: e.Offset(), Msg: "a lambda can only be passed to a function that takes one"}
	}
	return v, nil
}

// EvalString evaluates a JSON string of a template: an expression when it
// is one, else the literal with the "[[" escape removed.
func EvalString(s string, c *Context) (graph.Value, error) {
	return Cache(nil).EvalString(s, c)
}

// Cache holds expressions parsed already, by source, for a caller that
// evaluates the same strings many times (a copy loop, once per
// iteration). The nil Cache keeps nothing. It is not safe for concurrent
// use.
type Cache map[string]Expr

// EvalString is the package's EvalString, parsing each expression once.
func (cache Cache) EvalString(s string, c *Context) (graph.Value, error) {
	if !IsExpression(s) {
		return Unescape(s), nil
	}
	e, ok := cache[s]
	if !ok {
		var err error
		if e, err = Parse(s); err != nil {
			return nil, err
		}
		if cache != nil {
			cache[s] = e
		}
	}
	return Eval(e, c)
}

// EvalValue evaluates every string of a JSON value of a template (objects
// and arrays included); property names are kept as written. An error names
// the JSON path of the string that failed.
func EvalValue(v graph.Value, c *Context) (graph.Value, error) {
	return evalValue(v, c, "")
}

func evalValue(v graph.Value, c *Context, path string) (graph.Value, error) {
	switch x := v.(type) {
	case string:
		out, err := EvalString(x, c)
		if err != nil && path != "" {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return out, err
	case []graph.Value:
		out := make([]graph.Value, len(x))
		for i, e := range x {
			r, err := evalValue(e, c, graph.IndexPath(path, i))
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]graph.Value:
		out := make(map[string]graph.Value, len(x))
		for _, k := range sortedKeys(x) {
			r, err := evalValue(x[k], c, graph.AttrPath(path, k))
			if err != nil {
				return nil, err
			}
			out[k] = r
		}
		return out, nil
	}
	return v, nil
}

// CallFunction calls a built-in or user-defined function with evaluated
// arguments, for evaluators of other syntaxes (Bicep) that share the
// functions of ARM. Lambdas are passed as *Lambda.
func CallFunction(name string, args []graph.Value, c *Context) (graph.Value, error) {
	if c == nil {
		c = &Context{}
	}
	call := &Call{Name: name, Args: make([]Expr, len(args))}
	for i, a := range args {
		call.Args[i] = &constant{value: a}
	}
	if err := checkCall(call); err != nil {
		if se, ok := errors.AsType[*SyntaxError](err); ok {
			return nil, &EvalError{Func: name, Msg: se.Msg}
		}
		return nil, err
	}
	ev := &evaluator{ctx: c, depth: c.depth, work: new(int)}
	return ev.eval(call)
}

// TemplateFunc builds a user-defined function from its definition in a
// template: the names of its parameters and its output value, in which
// parameters() reads the arguments. As in ARM, the function cannot read
// the template's variables.
func TemplateFunc(params []string, output graph.Value) UserFunc {
	return func(c *Context, args []graph.Value) (graph.Value, error) {
		if len(args) != len(params) {
			return nil, fmt.Errorf("the function takes %d arguments, got %d", len(params), len(args))
		}
		bound := make(map[string]graph.Value, len(params))
		for i, p := range params {
			bound[p] = args[i]
		}
		inner := &Context{
			Parameters:      Lookup(bound),
			Deployment:      c.Deployment,
			Functions:       c.Functions,
			MaxStringLength: c.MaxStringLength,
			depth:           c.depth,
		}
		return EvalValue(output, inner)
	}
}

// lambdaScope holds the variables of the lambdas being evaluated.
type lambdaScope struct {
	names  []string
	values []graph.Value
	parent *lambdaScope
}

type evaluator struct {
	ctx   *Context
	scope *lambdaScope
	depth int
	work  *int
}

func (ev *evaluator) errorf(at Expr, fn string, format string, args ...any) error {
	off := 0
	if at != nil {
		off = at.Offset()
	}
	return &EvalError{Offset: off, Func: fn, Msg: fmt.Sprintf(format, args...)}
}

// defaultMaxStringLength is Context.MaxStringLength when it is 0.
const defaultMaxStringLength = 1 << 20

// maxString is the length of the longest string a function may build.
func (ev *evaluator) maxString() int {
	if ev.ctx.MaxStringLength > 0 {
		return ev.ctx.MaxStringLength
	}
	return defaultMaxStringLength
}

// spend accounts for n elements or characters produced.
func (ev *evaluator) spend(at Expr, n int) error {
	*ev.work += n
	if *ev.work > maxWork || n < 0 {
		return ev.errorf(at, "", "the expression produces more than %d elements or characters", maxWork)
	}
	return nil
}

func (ev *evaluator) eval(e Expr) (graph.Value, error) {
	ev.depth++
	defer func() { ev.depth-- }()
	if ev.depth > maxEvalDepth {
		return nil, ev.errorf(e, "", "evaluation nests deeper than %d levels", maxEvalDepth)
	}
	if err := ev.spend(e, 1); err != nil {
		return nil, err
	}
	switch x := e.(type) {
	case *StringLit:
		return x.Value, nil
	case *IntLit:
		return x.Value, nil
	case *constant:
		return x.value, nil
	case *Member:
		v, err := ev.eval(x.X)
		if err != nil {
			return nil, err
		}
		return ev.property(x, v, x.Name)
	case *Index:
		v, err := ev.eval(x.X)
		if err != nil {
			return nil, err
		}
		idx, err := ev.eval(x.Index)
		if err != nil {
			return nil, err
		}
		return ev.index(x, v, idx)
	case *Call:
		return ev.call(x)
	}
	return nil, ev.errorf(e, "", "unsupported expression")
}

// property reads a property of an object.
func (ev *evaluator) property(at Expr, v graph.Value, name string) (graph.Value, error) {
	v, refs := unwrap(v)
	switch x := v.(type) {
	case graph.Unknown:
		return graph.Unknown{Refs: mergeRefs(x.Refs, refs)}, nil
	case map[string]graph.Value:
		k, ok := lookupKey(x, name)
		if !ok {
			return nil, ev.errorf(at, "", "the object has no property %q", name)
		}
		return withRefs(x[k], refs), nil
	case nil:
		return nil, ev.errorf(at, "", "cannot read property %q of null", name)
	}
	return nil, ev.errorf(at, "", "cannot read property %q of a value of type %s", name, typeName(v))
}

// index reads an element of an array or a property of an object.
func (ev *evaluator) index(at Expr, v, idx graph.Value) (graph.Value, error) {
	idx, _ = unwrap(idx)
	if u, ok := idx.(graph.Unknown); ok {
		return unknownOf(u, v), nil
	}
	cv, refs := unwrap(v)
	switch x := cv.(type) {
	case graph.Unknown:
		return graph.Unknown{Refs: mergeRefs(x.Refs, refs)}, nil
	case []graph.Value:
		i, ok := toInt(idx)
		if !ok {
			return nil, ev.errorf(at, "", "an array index must be an integer, not %s", typeName(idx))
		}
		if i < 0 || i >= int64(len(x)) {
			return nil, ev.errorf(at, "", "index %d is out of range for an array of length %d", i, len(x))
		}
		return withRefs(x[i], refs), nil
	case map[string]graph.Value:
		name, ok := idx.(string)
		if !ok {
			return nil, ev.errorf(at, "", "an object index must be a string, not %s", typeName(idx))
		}
		return ev.property(at, v, name)
	case nil:
		return nil, ev.errorf(at, "", "cannot index null")
	}
	return nil, ev.errorf(at, "", "cannot index a value of type %s", typeName(cv))
}

func (ev *evaluator) call(c *Call) (graph.Value, error) {
	if strings.Contains(c.Name, ".") {
		return ev.callUser(c)
	}
	b, ok := lookupBuiltin(c.Name)
	if !ok {
		return nil, ev.errorf(c, c.Name, "unknown function")
	}
	if msg := b.arityError(len(c.Args)); msg != "" {
		return nil, ev.errorf(c, c.Name, "%s", msg)
	}
	fc := &funcCall{ev: ev, call: c, name: b.name}
	if b == listFunc {
		fc.name = c.Name
	}
	if b.lazy != nil {
		return b.lazy(fc)
	}
	args := make([]graph.Value, len(c.Args))
	for i, a := range c.Args {
		v, err := ev.eval(a)
		if err != nil {
			return nil, err
		}
		if _, isLambda := v.(*Lambda); isLambda && !b.lambdas {
			return nil, ev.errorf(a, b.name, "argument %d is a lambda, which this function does not take", i+1)
		}
		args[i] = v
	}
	fc.args = args
	if !b.raw {
		if slices.ContainsFunc(args, graph.IsUnknown) {
			return unknownOf(args...), nil
		}
		for i, a := range args {
			args[i] = strip(a)
		}
	}
	v, err := b.fn(fc)
	if s, ok := v.(string); ok && err == nil {
		// The functions that can build a long string from short ones
		// check before building it; this bounds the others.
		if err := fc.checkLength(int64(len(s))); err != nil {
			return nil, err
		}
	}
	return v, err
}

// userFunc finds a user-defined function, its name compared
// case-insensitively. The templates' parsers key their functions in lower
// case, so that lookup answers nearly every call (a Bicep template calls
// __bicep.myFunc); only a name found neither as written nor in lower case
// is compared with every function.
func (ev *evaluator) userFunc(name string) UserFunc {
	fs := ev.ctx.Functions
	if f, ok := fs[name]; ok {
		return f
	}
	if f, ok := fs[strings.ToLower(name)]; ok {
		return f
	}
	for k, f := range fs {
		if strings.EqualFold(k, name) {
			return f
		}
	}
	return nil
}

func (ev *evaluator) callUser(c *Call) (graph.Value, error) {
	f := ev.userFunc(c.Name)
	if f == nil {
		return nil, ev.errorf(c, c.Name, "unknown function: no user-defined function %q", c.Name)
	}
	args := make([]graph.Value, len(c.Args))
	for i, a := range c.Args {
		v, err := ev.eval(a)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	inner := *ev.ctx
	inner.depth = ev.depth + 1
	if inner.depth > maxEvalDepth {
		return nil, ev.errorf(c, c.Name, "user-defined functions nest deeper than %d levels", maxEvalDepth)
	}
	v, err := f(&inner, args)
	if err != nil {
		var ue *UserFuncError
		var ee *EvalError
		var se *SyntaxError
		switch {
		case errors.As(err, &ue):
			return nil, err
		case errors.As(err, &ee) || errors.As(err, &se):
			return nil, &UserFuncError{Name: c.Name, Offset: c.Pos, Err: err}
		}
		return nil, ev.errorf(c, c.Name, "%v", err)
	}
	return v, nil
}

// UserFuncError is an error raised inside a user-defined function: Err is
// the error, with offsets into the function's own expressions; Offset is
// that of the outermost call.
type UserFuncError struct {
	Name   string
	Offset int
	Err    error
}

func (e *UserFuncError) Error() string { return "in " + e.Name + ": " + e.Err.Error() }

func (e *UserFuncError) Unwrap() error { return e.Err }

// funcCall is one call of a built-in function.
type funcCall struct {
	ev   *evaluator
	call *Call
	name string
	args []graph.Value // evaluated arguments (not for lazy functions)
}

func (f *funcCall) errorf(format string, args ...any) error {
	return f.ev.errorf(f.call, f.name, format, args...)
}

// checkLength fails when a string of n characters is longer than the
// call may build (Context.MaxStringLength).
func (f *funcCall) checkLength(n int64) error {
	if limit := f.ev.maxString(); n > int64(limit) {
		return &EvalError{Offset: f.call.Offset(), Func: f.name, Limit: limit,
			Msg: fmt.Sprintf("the result would be %d characters long, more than the limit of %d", n, limit)}
	}
	return nil
}

// argErrorf reports a problem with argument i (0-based).
func (f *funcCall) argErrorf(i int, format string, args ...any) error {
	var at Expr = f.call
	if i < len(f.call.Args) {
		if _, isConst := f.call.Args[i].(*constant); !isConst {
			at = f.call.Args[i]
		}
	}
	return f.ev.errorf(at, f.name, "argument %d: %s", i+1, fmt.Sprintf(format, args...))
}

func (f *funcCall) str(i int) (string, error) {
	v, _ := unwrap(f.args[i])
	s, ok := v.(string)
	if !ok {
		return "", f.argErrorf(i, "expected a string, got %s", typeName(v))
	}
	return s, nil
}

func (f *funcCall) integer(i int) (int64, error) {
	v, _ := unwrap(f.args[i])
	n, ok := toInt(v)
	if !ok {
		return 0, f.argErrorf(i, "expected an integer, got %s", typeName(v))
	}
	return n, nil
}

func (f *funcCall) boolean(i int) (bool, error) {
	v, _ := unwrap(f.args[i])
	b, ok := v.(bool)
	if !ok {
		return false, f.argErrorf(i, "expected a bool, got %s", typeName(v))
	}
	return b, nil
}

// inputArray reads the first argument, the input of the array functions,
// as an array.
func (f *funcCall) inputArray() ([]graph.Value, error) {
	v, _ := unwrap(f.args[0])
	a, ok := v.([]graph.Value)
	if !ok {
		return nil, f.argErrorf(0, "expected an array, got %s", typeName(v))
	}
	return a, nil
}

func (f *funcCall) object(i int) (map[string]graph.Value, error) {
	v, _ := unwrap(f.args[i])
	m, ok := v.(map[string]graph.Value)
	if !ok {
		return nil, f.argErrorf(i, "expected an object, got %s", typeName(v))
	}
	return m, nil
}

func (f *funcCall) lambda(i int, arities ...int) (*Lambda, error) {
	l, ok := f.args[i].(*Lambda)
	if !ok {
		return nil, f.argErrorf(i, "expected a lambda, got %s", typeName(f.args[i]))
	}
	if slices.Contains(arities, len(l.Params)) {
		return l, nil
	}
	want := make([]string, len(arities))
	for j, n := range arities {
		want[j] = strconv.Itoa(n)
	}
	return nil, f.argErrorf(i, "the lambda must take %s parameters, not %d", strings.Join(want, " or "), len(l.Params))
}

// strings reads every argument as a string.
func (f *funcCall) strings() ([]string, error) {
	out := make([]string, len(f.args))
	for i := range f.args {
		s, err := f.str(i)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// evalArg evaluates argument i of a lazy function.
func (f *funcCall) evalArg(i int) (graph.Value, error) {
	v, err := f.ev.eval(f.call.Args[i])
	if err != nil {
		return nil, err
	}
	if _, isLambda := v.(*Lambda); isLambda {
		return nil, f.argErrorf(i, "a lambda is not allowed here")
	}
	return v, nil
}
