package armexpr

import (
	"github.com/acrlint/acrlint/internal/graph"
)

// Object functions:
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object
func registerObject() {
	register(
		&builtin{name: "createObject", min: 0, max: -1, raw: true, fn: fnCreateObject},
		&builtin{name: "items", min: 1, max: 1, raw: true, fn: fnItems},
		&builtin{name: "json", min: 1, max: 1, fn: func(f *funcCall) (graph.Value, error) {
			s, err := f.str(0)
			if err != nil {
				return nil, err
			}
			v, err := parseJSON(s)
			if err != nil {
				return nil, f.argErrorf(0, "not valid JSON: %v", err)
			}
			return v, nil
		}},
		&builtin{name: "objectKeys", min: 1, max: 1, raw: true, fn: func(f *funcCall) (graph.Value, error) {
			if u, ok := f.args[0].(graph.Unknown); ok {
				return u, nil
			}
			m, err := f.object(0)
			if err != nil {
				return nil, err
			}
			keys := sortedKeys(m)
			out := make([]graph.Value, len(keys))
			for i, k := range keys {
				out[i] = k
			}
			return out, nil
		}},
		&builtin{name: "shallowMerge", min: 1, max: 1, raw: true, fn: fnShallowMerge},
		&builtin{name: "tryGet", min: 2, max: -1, raw: true, fn: fnTryGet},
	)
}

func fnCreateObject(f *funcCall) (graph.Value, error) {
	if len(f.args)%2 != 0 {
		return nil, f.errorf("takes pairs of keys and values, got %d arguments", len(f.args))
	}
	out := make(map[string]graph.Value, len(f.args)/2)
	for i := 0; i < len(f.args); i += 2 {
		k, _ := unwrap(f.args[i])
		if _, ok := k.(graph.Unknown); ok {
			return unknownOf(f.args...), nil
		}
		key, ok := k.(string)
		if !ok {
			return nil, f.argErrorf(i, "a key must be a string, got %s", typeName(k))
		}
		out[key] = f.args[i+1]
	}
	return out, nil
}

// fnItems turns an object into [{key, value}], sorted by key.
func fnItems(f *funcCall) (graph.Value, error) {
	if u, ok := f.args[0].(graph.Unknown); ok {
		return u, nil
	}
	m, err := f.object(0)
	if err != nil {
		return nil, err
	}
	keys := sortedKeys(m)
	out := make([]graph.Value, len(keys))
	for i, k := range keys {
		out[i] = map[string]graph.Value{"key": k, "value": m[k]}
	}
	return out, nil
}

// fnShallowMerge merges an array of objects, later properties replacing
// earlier ones without merging nested objects.
func fnShallowMerge(f *funcCall) (graph.Value, error) {
	if u, ok := f.args[0].(graph.Unknown); ok {
		return u, nil
	}
	arr, err := f.inputArray()
	if err != nil {
		return nil, err
	}
	out := map[string]graph.Value{}
	// A key replaces the one it folds with, so out never holds two keys
	// that fold together.
	keys := keyFinder{m: out}
	for i, e := range arr {
		v, _ := unwrap(e)
		switch x := v.(type) {
		case graph.Unknown:
			return unknownOf(f.args...), nil
		case nil:
		case map[string]graph.Value:
			for k, pv := range x {
				if old, ok := keys.find(k); ok {
					delete(out, old)
				}
				out[k] = pv
				keys.replaced(k)
			}
		default:
			return nil, f.errorf("element %d is %s, not an object", i, typeName(x))
		}
	}
	return out, nil
}

// fnTryGet reads a property or an element, following several keys in
// turn, and returns null where the path does not exist.
func fnTryGet(f *funcCall) (graph.Value, error) {
	cur := f.args[0]
	for i := 1; i < len(f.args); i++ {
		key, _ := unwrap(f.args[i])
		c, refs := unwrap(cur)
		if _, ok := key.(graph.Unknown); ok {
			return unknownOf(cur, key), nil
		}
		switch x := c.(type) {
		case graph.Unknown:
			return graph.Unknown{Refs: mergeRefs(x.Refs, refs)}, nil
		case nil:
			return nil, nil
		case map[string]graph.Value:
			name, ok := key.(string)
			if !ok {
				return nil, f.argErrorf(i, "an object key must be a string, got %s", typeName(key))
			}
			k, found := lookupKey(x, name)
			if !found {
				return nil, nil
			}
			cur = withRefs(x[k], refs)
		case []graph.Value:
			n, ok := toInt(key)
			if !ok {
				return nil, f.argErrorf(i, "an array index must be an integer, got %s", typeName(key))
			}
			if n < 0 || n >= int64(len(x)) {
				return nil, nil
			}
			cur = withRefs(x[n], refs)
		default:
			return nil, nil
		}
	}
	return cur, nil
}
