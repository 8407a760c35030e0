package armexpr

import (
	"slices"
	"strings"

	"github.com/acrlint/acrlint/internal/graph"
)

// Lambda functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda
func registerLambda() {
	register(
		&builtin{name: "lambda", min: 1, max: -1, lazy: fnLambda},
		&builtin{name: "lambdaVariables", min: 1, max: 1, fn: fnLambdaVariables},
		&builtin{name: "filter", min: 2, max: 2, raw: true, lambdas: true, fn: fnFilter},
		&builtin{name: "map", min: 2, max: 2, raw: true, lambdas: true, fn: fnMap},
		&builtin{name: "reduce", min: 3, max: 3, raw: true, lambdas: true, fn: fnReduce},
		&builtin{name: "sort", min: 2, max: 2, raw: true, lambdas: true, fn: fnSort},
		&builtin{name: "toObject", min: 2, max: 3, raw: true, lambdas: true, fn: fnToObject},
		&builtin{name: "groupBy", min: 2, max: 2, raw: true, lambdas: true, fn: fnGroupBy},
		&builtin{name: "mapValues", min: 2, max: 2, raw: true, lambdas: true, fn: fnMapValues},
	)
}

// fnLambda builds a Lambda from lambda('x', 'y', body): the names are
// strings, the body is evaluated when the lambda is called, with the
// variables of the enclosing lambdas in scope.
func fnLambda(f *funcCall) (graph.Value, error) {
	n := len(f.call.Args) - 1
	params := make([]string, n)
	for i := range n {
		v, err := f.evalArg(i)
		if err != nil {
			return nil, err
		}
		s, ok := v.(string)
		if !ok || s == "" {
			return nil, f.argErrorf(i, "a lambda variable name must be a non-empty string, got %s", typeName(v))
		}
		params[i] = s
	}
	ev, body, outer := f.ev, f.call.Args[n], f.ev.scope
	return &Lambda{Params: params, Body: func(args []graph.Value) (graph.Value, error) {
		saved := ev.scope
		ev.scope = &lambdaScope{names: params, values: args, parent: outer}
		defer func() { ev.scope = saved }()
		v, err := ev.eval(body)
		if err != nil {
			return nil, err
		}
		if _, ok := v.(*Lambda); ok {
			return nil, ev.errorf(body, "lambda", "a lambda cannot return a lambda")
		}
		return v, nil
	}}, nil
}

func fnLambdaVariables(f *funcCall) (graph.Value, error) {
	name, err := f.str(0)
	if err != nil {
		return nil, err
	}
	for s := f.ev.scope; s != nil; s = s.parent {
		for i, n := range s.names {
			if n == name && i < len(s.values) {
				return s.values[i], nil
			}
		}
	}
	for s := f.ev.scope; s != nil; s = s.parent {
		for i, n := range s.names {
			if strings.EqualFold(n, name) && i < len(s.values) {
				return s.values[i], nil
			}
		}
	}
	return nil, f.argErrorf(0, "no lambda variable %q is in scope", name)
}

// apply calls a lambda with the arguments it takes: the element, then the
// index when it declares two parameters.
func apply(l *Lambda, args ...graph.Value) (graph.Value, error) {
	return l.Body(args[:min(len(args), len(l.Params))])
}

// lambdaInput reads the array a lambda function works on.
func lambdaInput(f *funcCall) ([]graph.Value, *graph.Unknown, error) {
	v, _ := unwrap(f.args[0])
	if u, ok := v.(graph.Unknown); ok {
		return nil, &u, nil
	}
	arr, err := f.inputArray()
	return arr, nil, err
}

func fnFilter(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOrNil(unknown), err
	}
	l, err := f.lambda(1, 1, 2)
	if err != nil {
		return nil, err
	}
	out := []graph.Value{}
	var unknowns []graph.Value
	for i, e := range arr {
		r, err := apply(l, e, int64(i))
		if err != nil {
			return nil, err
		}
		switch x, _ := unwrap(r); b := x.(type) {
		case bool:
			if b {
				out = append(out, e)
			}
		case graph.Unknown:
			unknowns = append(unknowns, b)
		default:
			return nil, f.argErrorf(1, "the lambda must return a bool, got %s", typeName(x))
		}
	}
	if len(unknowns) > 0 {
		return unknownOf(append(unknowns, f.args[0])...), nil
	}
	return out, nil
}

func unknownOrNil(u *graph.Unknown) graph.Value {
	if u == nil {
		return nil
	}
	return *u
}

func fnMap(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOrNil(unknown), err
	}
	l, err := f.lambda(1, 1, 2)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Value, len(arr))
	for i, e := range arr {
		if out[i], err = apply(l, e, int64(i)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func fnReduce(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOf(unknownOrNil(unknown), f.args[1]), err
	}
	l, err := f.lambda(2, 2, 3)
	if err != nil {
		return nil, err
	}
	acc := f.args[1]
	for i, e := range arr {
		if acc, err = apply(l, acc, e, int64(i)); err != nil {
			return nil, err
		}
	}
	return acc, nil
}

// fnSort sorts stably with a "comes before" lambda.
func fnSort(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOrNil(unknown), err
	}
	l, err := f.lambda(1, 2)
	if err != nil {
		return nil, err
	}
	var firstErr error
	var unknowns []graph.Value
	before := func(a, b graph.Value) bool {
		if firstErr != nil {
			return false
		}
		r, err := apply(l, a, b)
		if err != nil {
			firstErr = err
			return false
		}
		switch x, _ := unwrap(r); v := x.(type) {
		case bool:
			return v
		case graph.Unknown:
			unknowns = append(unknowns, v)
		default:
			firstErr = f.argErrorf(1, "the lambda must return a bool, got %s", typeName(x))
		}
		return false
	}
	out := slices.Clone(arr)
	slices.SortStableFunc(out, func(a, b graph.Value) int {
		switch {
		case before(a, b):
			return -1
		case before(b, a):
			return 1
		}
		return 0
	})
	if firstErr != nil {
		return nil, firstErr
	}
	if len(unknowns) > 0 {
		return unknownOf(append(unknowns, f.args[0])...), nil
	}
	return out, nil
}

func fnToObject(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOrNil(unknown), err
	}
	keyFn, err := f.lambda(1, 1)
	if err != nil {
		return nil, err
	}
	var valueFn *Lambda
	if len(f.args) == 3 {
		if valueFn, err = f.lambda(2, 1); err != nil {
			return nil, err
		}
	}
	out := make(map[string]graph.Value, len(arr))
	for _, e := range arr {
		k, err := apply(keyFn, e)
		if err != nil {
			return nil, err
		}
		key, _ := unwrap(k)
		if u, ok := key.(graph.Unknown); ok {
			return unknownOf(u, f.args[0]), nil
		}
		name, ok := key.(string)
		if !ok {
			return nil, f.argErrorf(1, "the key lambda must return a string, got %s", typeName(key))
		}
		v := e
		if valueFn != nil {
			if v, err = apply(valueFn, e); err != nil {
				return nil, err
			}
		}
		out[name] = v
	}
	return out, nil
}

func fnGroupBy(f *funcCall) (graph.Value, error) {
	arr, unknown, err := lambdaInput(f)
	if unknown != nil || err != nil {
		return unknownOrNil(unknown), err
	}
	keyFn, err := f.lambda(1, 1)
	if err != nil {
		return nil, err
	}
	out := map[string]graph.Value{}
	for _, e := range arr {
		k, err := apply(keyFn, e)
		if err != nil {
			return nil, err
		}
		key, _ := unwrap(k)
		if u, ok := key.(graph.Unknown); ok {
			return unknownOf(u, f.args[0]), nil
		}
		name, ok := key.(string)
		if !ok {
			return nil, f.argErrorf(1, "the key lambda must return a string, got %s", typeName(key))
		}
		group, _ := out[name].([]graph.Value)
		out[name] = append(group, e)
	}
	return out, nil
}

func fnMapValues(f *funcCall) (graph.Value, error) {
	v, _ := unwrap(f.args[0])
	if u, ok := v.(graph.Unknown); ok {
		return u, nil
	}
	m, err := f.object(0)
	if err != nil {
		return nil, err
	}
	l, err := f.lambda(1, 1)
	if err != nil {
		return nil, err
	}
	out := make(map[string]graph.Value, len(m))
	for _, k := range sortedKeys(m) {
		if out[k], err = apply(l, m[k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}
