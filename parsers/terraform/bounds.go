package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	hcljson "github.com/hashicorp/hcl/v2/json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
)

// Hostile configurations can make a small file evaluate to an enormous
// value: locals that each double the previous one, for expressions nested
// over range(0, 1024), format("%999999999d", 1). Three bounds keep the work
// proportional to MaxStringLength and MaxInstances:
//
//   - every value an expression evaluates to holds at most MaxStringLength
//     characters of strings and that many elements (measured in m.eval);
//   - within one expression, for expressions iterate at most 10 times
//     MaxInstances and string templates build at most MaxStringLength
//     characters in total (a budget carried by the evaluation context);
//   - the functions whose result can grow faster than their arguments
//     check its size before they build it.
//
// Past a bound the value is unknown and an error diagnostic names the
// limit, like the instance limits.

// budgetVar names the evaluation context variable that carries the budget
// of one expression; it is not an identifier, so no expression can read it.
const budgetVar = "\x00budget"

// budget is the work one top-level expression may do.
type budget struct {
	iterations, bytes int64 // left
	maxIter, maxBytes int64
	// hit is why the budget ran out, empty while it has not.
	hit string
}

var budgetType = cty.CapsuleWithOps("budget", reflect.TypeFor[budget](), &cty.CapsuleOps{
	GoString: func(any) string { return "budget" },
})

func newBudget(o Options) *budget {
	b := &budget{}
	b.reset(o)
	return b
}

// reset gives b the whole budget of one expression again.
func (b *budget) reset(o Options) {
	if b != nil {
		*b = budget{
			iterations: 10 * int64(o.MaxInstances), bytes: int64(o.MaxStringLength),
			maxIter: 10 * int64(o.MaxInstances), maxBytes: int64(o.MaxStringLength),
		}
	}
}

// budgetOf finds the budget in the context of an expression, nil when it
// is evaluated without one.
func budgetOf(ctx *hcl.EvalContext) *budget {
	for c := ctx; c != nil; c = c.Parent() {
		if v, ok := c.Variables[budgetVar]; ok {
			b, _ := v.EncapsulatedValue().(*budget)
			return b
		}
	}
	return nil
}

// spend charges n iterations or n bytes; once either runs out every
// bounded expression of the evaluation is unknown.
func (b *budget) spend(iterations, bytes int64) bool {
	if b.hit != "" {
		return false
	}
	b.iterations -= iterations
	b.bytes -= bytes
	switch {
	case b.iterations < 0:
		b.hit = fmt.Sprintf("its for expressions iterate more than %d times (raise the limit with --max-instances)", b.maxIter)
	case b.bytes < 0:
		b.hit = fmt.Sprintf("its string templates build more than %d characters (raise the limit with --max-string-length)", b.maxBytes)
	}
	return b.hit == ""
}

// bounded is an expression whose value is charged to the budget before it
// is used: the collection of a for expression (its length counts as
// iterations) or an interpolated part of a string template (its length
// counts as characters).
type bounded struct {
	// The expression is held the way parentheses hold one, so that
	// walks over the syntax tree (Variables) still see it.
	*hclsyntax.ParenthesesExpr
	part bool // a template part; else a for expression's collection
}

func newBounded(e hclsyntax.Expression, part bool) *bounded {
	return &bounded{&hclsyntax.ParenthesesExpr{Expression: e, SrcRange: e.Range()}, part}
}

func (e *bounded) Value(ctx *hcl.EvalContext) (cty.Value, hcl.Diagnostics) {
	b := budgetOf(ctx)
	if b != nil && b.hit != "" {
		return cty.DynamicVal, nil
	}
	v, ds := e.ParenthesesExpr.Value(ctx)
	if b == nil || ds.HasErrors() {
		return v, ds
	}
	u, _ := v.Unmark()
	known := u.IsKnown() && !u.IsNull()
	var iterations, chars int64
	switch {
	case !e.part && known && u.CanIterateElements():
		iterations = int64(u.LengthInt())
	case e.part && known && u.Type() == cty.String:
		chars = int64(len(u.AsString()))
	case e.part:
		chars = 1
	}
	if !b.spend(iterations, chars) {
		return cty.DynamicVal, nil
	}
	return v, ds
}

// bound wraps the for expressions and template parts of a parsed file so
// that they charge the budget of the expression they are evaluated in.
// also, when not nil, sees every node of the file in the same walk.
func bound(f *hcl.File, also func(hclsyntax.Node)) {
	if body, ok := f.Body.(*hclsyntax.Body); ok {
		boundNode(body, also)
	}
}

// jsonTemplate returns, for an expression of a JSON file that is a string
// with interpolations or directives, the template HCL would parse it into
// when it evaluates it (hcl/json does the same), bounded like native
// syntax. For any other expression it returns false, and HCL evaluates it.
func jsonTemplate(expr hcl.Expression) (hclsyntax.Expression, bool) {
	if !hcljson.IsJSONExpression(expr) {
		return nil, false
	}
	v, ds := expr.Value(nil) // without a context, a string comes back verbatim
	if ds.HasErrors() || !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return nil, false
	}
	src := v.AsString()
	if !strings.Contains(src, "${") && !strings.Contains(src, "%{") {
		return nil, false
	}
	r := expr.Range()
	t, ds := hclsyntax.ParseTemplate([]byte(src), r.Filename, hcl.Pos{Line: r.Start.Line, Byte: r.Start.Byte + 1, Column: r.Start.Column + 1})
	if ds.HasErrors() {
		return nil, false
	}
	boundNode(t, nil)
	return t, true
}

func boundNode(node hclsyntax.Node, also func(hclsyntax.Node)) {
	walk(node, func(n hclsyntax.Node) {
		if also != nil {
			also(n)
		}
		switch e := n.(type) {
		case *hclsyntax.ForExpr:
			if _, done := e.CollExpr.(*bounded); !done {
				e.CollExpr = newBounded(e.CollExpr, false)
			}
		case *hclsyntax.TemplateExpr:
			for i, p := range e.Parts {
				switch p.(type) {
				case *hclsyntax.LiteralValueExpr, *bounded:
				default:
					e.Parts[i] = newBounded(p, true)
				}
			}
		}
	})
}

// valueSize measures a value: the characters of its strings plus one per
// element, stopping as soon as it passes limit.
func valueSize(v cty.Value, limit int64) int64 {
	var n int64
	var walk func(v cty.Value)
	walk = func(v cty.Value) {
		if n > limit {
			return
		}
		v, _ = v.Unmark()
		if !v.IsKnown() || v.IsNull() {
			return
		}
		t := v.Type()
		switch {
		case t == cty.String:
			n += int64(len(v.AsString()))
		case t.IsPrimitiveType():
			n++
		case t.IsCapsuleType():
		case t.IsObjectType():
			// By attribute, in map order: the sum does not depend on it,
			// and cty's element iterator sorts the names of every object.
			for name := range t.AttributeTypes() {
				if n > limit {
					return
				}
				n++
				walk(v.GetAttr(name))
			}
		case v.CanIterateElements():
			for it := v.ElementIterator(); it.Next() && n <= limit; {
				_, e := it.Element()
				n++
				walk(e)
			}
		}
	}
	walk(v)
	return n
}

// boundFunctions replaces the functions whose result can be much larger
// than their arguments by versions that first check it fits in limit.
func boundFunctions(fs map[string]function.Function, limit int) map[string]function.Function {
	l := int64(limit)
	check := func(name string, estimate func(args []cty.Value) int64) {
		f, ok := fs[name]
		if !ok {
			return
		}
		fs[name] = guarded(f, func(args []cty.Value) error {
			if n := estimate(args); n > l {
				return limitError{n: n, limit: l}
			}
			return nil
		})
	}
	check("format", formatEstimate(l))
	check("formatlist", formatEstimate(l))
	check("indent", func(args []cty.Value) int64 {
		spaces, s := num(args[0]), str(args[1])
		return int64(len(s)) + spaces*int64(strings.Count(s, "\n")+1)
	})
	check("replace", func(args []cty.Value) int64 {
		s, sub, rep := str(args[0]), str(args[1]), str(args[2])
		matches := int64(len(s) + 1) // a regular expression can match anywhere
		if regular := len(sub) > 1 && sub[0] == '/' && sub[len(sub)-1] == '/'; !regular && sub != "" {
			matches = int64(strings.Count(s, sub))
		}
		return int64(len(s)) + matches*int64(len(rep))
	})
	check("join", func(args []cty.Value) int64 {
		var n int64
		for _, a := range args[1:] {
			n += valueSize(a, l)
		}
		return n + n*int64(len(str(args[0])))
	})
	check("setproduct", func(args []cty.Value) int64 {
		n := int64(1)
		for _, a := range args {
			if u, _ := a.Unmark(); u.IsKnown() && !u.IsNull() && u.CanIterateElements() {
				n *= max(int64(u.LengthInt()), 1)
			}
			if n > l {
				return n
			}
		}
		return n
	})
	return fs
}

// limitError is a function call stopped by the size limit: an error, like
// the other limits, rather than the warning of a failed call.
type limitError struct{ n, limit int64 }

func (e limitError) Error() string {
	return fmt.Sprintf("the result would hold about %d characters or elements, more than the limit of %d (raise it with --max-string-length)", e.n, e.limit)
}

// limitHit reports whether d is a function call that limitError stopped.
func limitHit(d *hcl.Diagnostic) bool {
	extra, ok := hcl.DiagnosticExtra[hclsyntax.FunctionCallDiagExtra](d)
	if !ok {
		return false
	}
	var le limitError
	return errors.As(extra.FunctionCallError(), &le)
}

// guarded calls pre before f, with the arguments f would get once they are
// known; an error from pre is the call's error.
func guarded(f function.Function, pre func(args []cty.Value) error) function.Function {
	spec := &function.Spec{
		Params:   f.Params(),
		VarParam: f.VarParam(),
		Type:     f.ReturnTypeForValues,
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if err := pre(args); err != nil {
				return cty.DynamicVal, err
			}
			return f.Call(args)
		},
	}
	if v := spec.VarParam; v != nil {
		cp := *v
		spec.VarParam = &cp
	}
	return function.New(spec)
}

var formatWidth = regexp.MustCompile(`%[-+# 0]*(\d*)(?:\.(\d+))?`)

// formatEstimate bounds the length format and formatlist produce: the
// widths and precisions of the verbs, plus what the arguments hold.
func formatEstimate(limit int64) func(args []cty.Value) int64 {
	return func(args []cty.Value) int64 {
		f := str(args[0])
		n := int64(len(f))
		for _, m := range formatWidth.FindAllStringSubmatch(f, -1) {
			for _, d := range m[1:] {
				if w, err := strconv.ParseInt(d, 10, 64); err == nil {
					n += w
				}
			}
		}
		for _, a := range args[1:] {
			n += valueSize(a, limit)
		}
		return n
	}
}

func str(v cty.Value) string {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.String {
		return ""
	}
	return v.AsString()
}

func num(v cty.Value) int64 {
	v, _ = v.Unmark()
	if !v.IsKnown() || v.IsNull() || v.Type() != cty.Number {
		return 0
	}
	f := v.AsBigFloat()
	if !f.IsInt() {
		return 0
	}
	i, acc := f.Int64()
	if acc != big.Exact {
		return 1 << 62
	}
	return max(i, 0)
}

// maxOperators bounds the operators chained in one expression: the HCL
// parser and evaluator recurse once per operator (1 + 1 + ..., !!!x, a ? b :
// c ? ...), and a stack overflow ends the process, past any recover.
const maxOperators = 10000

// tooComplex reports whether an expression of src chains more than limit
// operators, and the line where it does. Operators are counted from the
// last comma, or the last newline outside parentheses, brackets and
// interpolations; template is for the text of a string template (the
// strings of a JSON file). Only a file that a cheaper count of operator
// characters flags is tokenized.
func tooComplex(src []byte, filename string, template bool, limit int) (int, bool) {
	if !operatorRun(src, limit) {
		return 0, false
	}
	var toks hclsyntax.Tokens
	if template {
		toks, _ = hclsyntax.LexTemplate(src, filename, hcl.InitialPos)
	} else {
		toks, _ = hclsyntax.LexConfig(src, filename, hcl.InitialPos)
	}
	var open []hclsyntax.TokenType
	n := 0
	for _, t := range toks {
		switch t.Type {
		case hclsyntax.TokenOBrace, hclsyntax.TokenOBrack, hclsyntax.TokenOParen, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			open = append(open, t.Type)
		case hclsyntax.TokenCBrace, hclsyntax.TokenCBrack, hclsyntax.TokenCParen, hclsyntax.TokenTemplateSeqEnd:
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case hclsyntax.TokenComma:
			n = 0
		case hclsyntax.TokenNewline:
			if len(open) == 0 || open[len(open)-1] == hclsyntax.TokenOBrace {
				n = 0
			}
		case hclsyntax.TokenBang, hclsyntax.TokenMinus, hclsyntax.TokenPlus, hclsyntax.TokenStar, hclsyntax.TokenSlash,
			hclsyntax.TokenPercent, hclsyntax.TokenAnd, hclsyntax.TokenOr, hclsyntax.TokenEqualOp, hclsyntax.TokenNotEqual,
			hclsyntax.TokenLessThan, hclsyntax.TokenLessThanEq, hclsyntax.TokenGreaterThan, hclsyntax.TokenGreaterThanEq,
			hclsyntax.TokenQuestion, hclsyntax.TokenDot:
			n++
			if n > limit {
				return t.Range.Start.Line, true
			}
		}
	}
	return 0, false
}

// operatorRun reports whether src has more than limit operator characters
// between two newlines that end an expression (outside parentheses and
// brackets), counting brackets and operators in strings too: it is an upper
// bound of what tooComplex counts.
func operatorRun(src []byte, limit int) bool {
	if len(src) <= limit {
		return false
	}
	var open []byte
	n := 0
	for _, c := range src {
		switch c {
		case '(', '[', '{':
			open = append(open, c)
		case ')', ']', '}':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		case '\n':
			if len(open) == 0 || open[len(open)-1] == '{' {
				n = 0
			}
		case '!', '-', '+', '*', '/', '%', '&', '|', '=', '<', '>', '?', '.':
			n++
			if n > limit {
				return true
			}
		}
	}
	return false
}

// countAny counts the bytes of src that are among the ASCII chars, one
// bytes.Count per character.
func countAny(src []byte, chars string) int {
	n := 0
	for i := range len(chars) {
		n += bytes.Count(src, []byte{chars[i]})
	}
	return n
}

// jsonTooComplex applies tooComplex to the strings of a JSON file, which
// HCL parses as templates only when it evaluates them.
func jsonTooComplex(src []byte, filename string, limit int) (int, bool) {
	if len(src) <= limit || countAny(src, "!-+*/%&|=<>?.") <= limit {
		return 0, false
	}
	var v any
	if json.Unmarshal(src, &v) != nil {
		return 0, false // the HCL JSON parser reports it
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case string:
			if _, deep := tooComplex([]byte(x), filename, true, limit); deep {
				return true
			}
		case []any:
			return slices.ContainsFunc(x, walk)
		case map[string]any:
			for k, e := range x {
				if walk(k) || walk(e) {
					return true
				}
			}
		}
		return false
	}
	if walk(v) {
		return 1, true
	}
	return 0, false
}

// chainsTooLong applies tooComplex to a configuration or variables file in
// either syntax.
func chainsTooLong(src []byte, path string) (int, bool) {
	if strings.HasSuffix(path, ".json") {
		return jsonTooComplex(src, path, maxOperators)
	}
	return tooComplex(src, path, false, maxOperators)
}
