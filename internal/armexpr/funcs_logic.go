package armexpr

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/acrlint/acrlint/internal/graph"
)

// Logical and comparison functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-logical
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison
func registerLogical() {
	register(
		&builtin{name: "true", fn: func(*funcCall) (graph.Value, error) { return true, nil }},
		&builtin{name: "false", fn: func(*funcCall) (graph.Value, error) { return false, nil }},
		&builtin{name: "null", fn: func(*funcCall) (graph.Value, error) { return nil, nil }},
		&builtin{name: "if", min: 3, max: 3, lazy: fnIf},
		&builtin{name: "and", min: 2, max: -1, lazy: func(f *funcCall) (graph.Value, error) { return andOr(f, false) }},
		&builtin{name: "or", min: 2, max: -1, lazy: func(f *funcCall) (graph.Value, error) { return andOr(f, true) }},
		&builtin{name: "not", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			b, err := f.boolean(0)
			return !b, err
		}},
		&builtin{name: "bool", min: 1, max: 1, fn: fnBool},
		&builtin{name: "coalesce", min: 1, max: -1, lazy: fnCoalesce},
		&builtin{name: "equals", min: 2, max: 2, raw: true, fn: func(f *funcCall) (graph.Value, error) {
			eq, known := equal(f.args[0], f.args[1])
			if !known {
				return unknownOf(f.args...), nil
			}
			return eq, nil
		}},
		&builtin{name: "less", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) { return compareFn(f, func(c int) bool { return c < 0 }) }},
		&builtin{name: "lessOrEquals", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) { return compareFn(f, func(c int) bool { return c <= 0 }) }},
		&builtin{name: "greater", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) { return compareFn(f, func(c int) bool { return c > 0 }) }},
		&builtin{name: "greaterOrEquals", min: 2, max: 2, fn: func(f *funcCall) (graph.Value, error) { return compareFn(f, func(c int) bool { return c >= 0 }) }},
	)
}

// fnIf evaluates only the branch the condition selects. With an unknown
// condition the result is known only when both branches agree.
func fnIf(f *funcCall) (graph.Value, error) {
	cond, err := f.evalArg(0)
	if err != nil {
		return nil, err
	}
	c, _ := unwrap(cond)
	switch x := c.(type) {
	case bool:
		if x {
			return f.evalArg(1)
		}
		return f.evalArg(2)
	case graph.Unknown:
		a, errA := f.evalArg(1)
		b, errB := f.evalArg(2)
		if errA == nil && errB == nil {
			if eq, known := equal(a, b); known && eq && !graph.IsUnknown(a) {
				return strip(a), nil
			}
			return unknownOf(cond, a, b), nil
		}
		// A branch that fails may be one the deployment never takes.
		return unknownOf(cond), nil
	}
	return nil, f.argErrorf(0, "expected a bool, got %s", typeName(c))
}

// andOr evaluates from left to right and stops at the first argument that
// decides the result (false for and, true for or), even after unknowns.
func andOr(f *funcCall, isOr bool) (graph.Value, error) {
	var unknowns []graph.Value
	for i := range f.call.Args {
		v, err := f.evalArg(i)
		if err != nil {
			return nil, err
		}
		c, _ := unwrap(v)
		switch x := c.(type) {
		case bool:
			if x == isOr {
				return isOr, nil
			}
		case graph.Unknown:
			unknowns = append(unknowns, x)
		default:
			return nil, f.argErrorf(i, "expected a bool, got %s", typeName(c))
		}
	}
	if len(unknowns) > 0 {
		return unknownOf(unknowns...), nil
	}
	return !isOr, nil
}

func fnBool(f *funcCall) (graph.Value, error) {
	switch x := f.args[0].(type) {
	case bool:
		return x, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, f.argErrorf(0, "%q is neither 'true' nor 'false'", x)
	}
	if n, ok := toInt(f.args[0]); ok {
		return n != 0, nil
	}
	return nil, f.argErrorf(0, "expected a bool, a string or an integer, got %s", typeName(f.args[0]))
}

// fnCoalesce returns the first argument that is not null. An unknown
// argument before it makes the result unknown, since it may be null or not.
func fnCoalesce(f *funcCall) (graph.Value, error) {
	var unknowns []graph.Value
	for i := range f.call.Args {
		v, err := f.evalArg(i)
		if err != nil {
			return nil, err
		}
		c, _ := unwrap(v)
		switch c.(type) {
		case nil:
			continue
		case graph.Unknown:
			unknowns = append(unknowns, v)
			continue
		}
		if len(unknowns) > 0 {
			return unknownOf(append(unknowns, v)...), nil
		}
		return v, nil
	}
	if len(unknowns) > 0 {
		return unknownOf(unknowns...), nil
	}
	return nil, nil
}

func compareFn(f *funcCall, ok func(int) bool) (graph.Value, error) {
	a, b := f.args[0], f.args[1]
	if isNumber(a) && isNumber(b) {
		x, _ := toFloat(a)
		y, _ := toFloat(b)
		ix, xInt := toInt(a)
		iy, yInt := toInt(b)
		switch {
		case xInt && yInt:
			return ok(cmpInt(ix, iy)), nil
		case x < y:
			return ok(-1), nil
		case x > y:
			return ok(1), nil
		}
		return ok(0), nil
	}
	sa, aStr := a.(string)
	sb, bStr := b.(string)
	if aStr && bStr {
		return ok(compareStrings(sa, sb)), nil
	}
	return nil, f.errorf("can only compare two integers or two strings, not %s and %s", typeName(a), typeName(b))
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareStrings orders strings the way ARM's comparison functions do,
// which follow .NET's culture-aware comparison: letters compare without
// regard to case first, and only then does a lowercase letter sort before
// its uppercase form (so less('A', 'a') is false and greater('A', 'a') is
// true). This is an approximation of the invariant culture's collation.
func compareStrings(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	ra, rb := []rune(a), []rune(b)
	for i := range min(len(ra), len(rb)) {
		if ra[i] == rb[i] {
			continue
		}
		if unicode.IsLower(ra[i]) && unicode.IsUpper(rb[i]) {
			return -1
		}
		if unicode.IsUpper(ra[i]) && unicode.IsLower(rb[i]) {
			return 1
		}
		return strings.Compare(string(ra[i]), string(rb[i]))
	}
	return cmpInt(int64(len(ra)), int64(len(rb)))
}

// Numeric functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric
func registerNumeric() {
	register(
		&builtin{name: "add", min: 2, max: 2, fn: arith(func(a, b int64) (int64, string) {
			s := a + b
			if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
				return 0, "integer overflow"
			}
			return s, ""
		})},
		&builtin{name: "sub", min: 2, max: 2, fn: arith(func(a, b int64) (int64, string) {
			s := a - b
			if (a >= 0 && b < 0 && s < 0) || (a < 0 && b > 0 && s >= 0) {
				return 0, "integer overflow"
			}
			return s, ""
		})},
		&builtin{name: "mul", min: 2, max: 2, fn: arith(func(a, b int64) (int64, string) {
			if a == 0 || b == 0 {
				return 0, ""
			}
			p := a * b
			if p/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
				return 0, "integer overflow"
			}
			return p, ""
		})},
		&builtin{name: "div", min: 2, max: 2, fn: arith(func(a, b int64) (int64, string) {
			if b == 0 {
				return 0, "division by zero"
			}
			if a == math.MinInt64 && b == -1 {
				return 0, "integer overflow"
			}
			return a / b, ""
		})},
		&builtin{name: "mod", min: 2, max: 2, fn: arith(func(a, b int64) (int64, string) {
			if b == 0 {
				return 0, "division by zero"
			}
			if b == -1 {
				return 0, ""
			}
			return a % b, ""
		})},
		&builtin{name: "min", min: 1, max: -1, fn: func(f *funcCall) (graph.Value, error) { return minMax(f, -1) }},
		&builtin{name: "max", min: 1, max: -1, fn: func(f *funcCall) (graph.Value, error) { return minMax(f, 1) }},
		&builtin{name: "int", min: 1, max: 1, fn: fnInt},
		&builtin{name: "float", min: 1, max: 1, fn: fnFloat},
	)
}

func arith(op func(a, b int64) (int64, string)) func(f *funcCall) (graph.Value, error) {
	return func(f *funcCall) (graph.Value, error) {
		a, err := f.integer(0)
		if err != nil {
			return nil, err
		}
		b, err := f.integer(1)
		if err != nil {
			return nil, err
		}
		r, msg := op(a, b)
		if msg != "" {
			return nil, f.errorf("%s", msg)
		}
		return r, nil
	}
}

// minMax takes an array of integers or integers as arguments.
func minMax(f *funcCall, sign int) (graph.Value, error) {
	vals := f.args
	if len(f.args) == 1 {
		if a, ok := f.args[0].([]graph.Value); ok {
			vals = a
		}
	}
	if len(vals) == 0 {
		return nil, f.errorf("needs at least one value")
	}
	var best int64
	for i, v := range vals {
		n, ok := toInt(v)
		if !ok {
			return nil, f.errorf("expects integers, got %s", typeName(v))
		}
		if i == 0 || cmpInt(n, best) == sign {
			best = n
		}
	}
	return best, nil
}

func fnInt(f *funcCall) (graph.Value, error) {
	switch x := f.args[0].(type) {
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil {
			return nil, f.argErrorf(0, "%q is not an integer", x)
		}
		return n, nil
	case bool:
		if x {
			return int64(1), nil
		}
		return int64(0), nil
	}
	if n, ok := toInt(f.args[0]); ok {
		return n, nil
	}
	if x, ok := toFloat(f.args[0]); ok && !math.IsNaN(x) && math.Abs(x) < math.MaxInt64 {
		return int64(x), nil
	}
	return nil, f.argErrorf(0, "cannot convert %s to an integer", typeName(f.args[0]))
}

// fnFloat converts to a floating-point number; ARM only uses these for Logic
// Apps parameters.
func fnFloat(f *funcCall) (graph.Value, error) {
	if s, ok := f.args[0].(string); ok {
		x, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return nil, f.argErrorf(0, "%q is not a number", s)
		}
		return x, nil
	}
	if x, ok := toFloat(f.args[0]); ok {
		return x, nil
	}
	return nil, f.argErrorf(0, "cannot convert %s to a number", typeName(f.args[0]))
}
