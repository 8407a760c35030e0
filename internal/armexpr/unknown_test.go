package armexpr

import (
	"testing"

	"github.com/acrlint/acrlint/internal/graph"
)

// unknownContext resolves reference('x') to a value unknown before
// deployment that names resource x, and offers parameters holding unknown
// and Known values.
func unknownContext() *Context {
	refs := func(names ...string) []graph.Ref {
		out := make([]graph.Ref, len(names))
		for i, n := range names {
			out[i] = graph.Ref{Address: n}
		}
		return out
	}
	vnet := graph.Known{Value: obj{"name": "vnet1", "properties": obj{"subnets": arr{obj{"name": "snet"}}}}, Refs: refs("vnet")}
	return &Context{
		Parameters: Lookup(obj{
			"u":      graph.Unknown{Refs: refs("p")},
			"name":   graph.Known{Value: "acr1", Refs: refs("acr")},
			"vnet":   vnet,
			"ids":    graph.Known{Value: arr{"a", "b"}, Refs: refs("list")},
			"partly": obj{"known": "k", "later": graph.Unknown{Refs: refs("later")}},
		}),
		Reference: func(target graph.Value, _ bool) (graph.Value, bool) {
			name, ok := graph.Strip(target).(string)
			if !ok {
				return nil, false
			}
			return graph.Unknown{Refs: refs(name)}, true
		},
	}
}

func TestUnknownPropagation(t *testing.T) {
	x := []graph.Ref{{Address: "x"}}
	xy := []graph.Ref{{Address: "x"}, {Address: "y"}}
	runEval(t, unknownContext(), []evalCase{
		// Unknown is contagious and carries its references.
		{"concat", "concat(reference('x').foo, 'y')", graph.Unknown{Refs: x}},
		{"format", "format('{0}.azurecr.io', reference('x').properties.name)", graph.Unknown{Refs: x}},
		{"union of references, sorted", "concat(reference('y').a, reference('x').b)", graph.Unknown{Refs: xy}},
		{"property access", "reference('x').properties.loginServer", graph.Unknown{Refs: x}},
		{"index", "reference('x').properties.ipConfigurations[0].id", graph.Unknown{Refs: x}},
		{"unknown index", "createArray(1, 2)[length(reference('x').list)]", graph.Unknown{Refs: x}},
		{"nested calls", "toLower(replace(uniqueString(reference('x').id), 'a', 'b'))", graph.Unknown{Refs: x}},
		{"resourceId", "resourceId('Microsoft.Network/virtualNetworks/subnets', reference('x').vnet, 'snet')", graph.Unknown{Refs: x}},
		{"string of an object holding an unknown", "string(parameters('partly'))", graph.Unknown{Refs: []graph.Ref{{Address: "later"}}}},
		{"json of an unknown", "json(reference('x').text)", graph.Unknown{Refs: x}},
		{"equals unknown", "equals(reference('x').sku, 'Premium')", graph.Unknown{Refs: x}},

		// Results that do not depend on the unknown stay known.
		{"if with a known condition", "if(true(), 'a', reference('x').b)", "a"},
		{"if with a false condition", "if(equals(1, 2), reference('x').b, 'c')", "c"},
		{"if with an unknown condition", "if(reference('x').enabled, 'a', 'b')", graph.Unknown{Refs: x}},
		{"if with equal branches", "if(reference('x').enabled, 'same', 'same')", "same"},
		{"length of an array holding unknowns", "length(createArray(reference('x').a, 'b'))", int64(2)},
		{"empty of an array holding unknowns", "empty(createArray(reference('x').a))", false},
		{"coalesce past known nulls", "coalesce(null(), 'first', reference('x').a)", "first"},
		{"coalesce after an unknown", "coalesce(null(), reference('x').a, 'later')", graph.Unknown{Refs: x}},
		{"and with a false", "and(reference('x').a, false())", false},
		{"and unknown", "and(reference('x').a, true())", graph.Unknown{Refs: x}},
		{"or with a true", "or(reference('x').a, true())", true},
		{"contains a known element", "contains(createArray(reference('x').a, 'b'), 'b')", true},
		{"contains unknown", "contains(createArray(reference('x').a, 'b'), 'c')", graph.Unknown{Refs: x}},
		{"equals arrays of different lengths", "equals(createArray(reference('x').a), createArray(1, 2))", false},
		{"equals with a known difference", "equals(createArray(reference('x').a, 1), createArray(0, 2))", false},
		{"createArray keeps unknowns", "createArray('a', reference('x').b)", arr{"a", graph.Unknown{Refs: x}}},
		{"createObject keeps unknowns", "createObject('k', reference('x').v)", obj{"k": graph.Unknown{Refs: x}}},
		{"concat arrays keeps unknowns", "concat(createArray(reference('x').a), createArray('b'))", arr{graph.Unknown{Refs: x}, "b"}},
		{"first element", "first(createArray(reference('x').a, 'b'))", graph.Unknown{Refs: x}},
		{"take", "take(createArray(reference('x').a, 'b'), 1)", arr{graph.Unknown{Refs: x}}},
		{"union of objects", "union(createObject('a', reference('x').v), createObject('b', 1))", obj{"a": graph.Unknown{Refs: x}, "b": int64(1)}},
		{"union replacing an unknown", "union(createObject('a', reference('x').v), createObject('a', 1))", obj{"a": int64(1)}},
		{"map over unknown elements", "map(createArray(reference('x').a, 'b'), lambda('e', toUpper(lambdaVariables('e'))))", arr{graph.Unknown{Refs: x}, "B"}},
		{"filter with an unknown predicate", "filter(createArray(reference('x').a, 'b'), lambda('e', equals(lambdaVariables('e'), 'b')))", graph.Unknown{Refs: x}},
		{"unknown parameter", "concat(parameters('u'), '-x')", graph.Unknown{Refs: []graph.Ref{{Address: "p"}}}},
		{"known part of an object", "parameters('partly').known", "k"},
		{"unknown part of an object", "parameters('partly').later", graph.Unknown{Refs: []graph.Ref{{Address: "later"}}}},
	})
}

func TestKnownReferences(t *testing.T) {
	acr := []graph.Ref{{Address: "acr"}}
	vnet := []graph.Ref{{Address: "vnet"}}
	list := []graph.Ref{{Address: "list"}}
	runEval(t, unknownContext(), []evalCase{
		// Identity and access keep the references.
		{"identity", "parameters('name')", graph.Known{Value: "acr1", Refs: acr}},
		{"property", "parameters('vnet').name", graph.Known{Value: "vnet1", Refs: vnet}},
		{"deep access", "parameters('vnet').properties.subnets[0].name", graph.Known{Value: "snet", Refs: vnet}},
		{"index by string", "parameters('vnet')['name']", graph.Known{Value: "vnet1", Refs: vnet}},
		{"element", "parameters('ids')[1]", graph.Known{Value: "b", Refs: list}},
		{"first element", "first(parameters('ids'))", graph.Known{Value: "a", Refs: list}},
		{"tryGet", "tryGet(parameters('vnet'), 'name')", graph.Known{Value: "vnet1", Refs: vnet}},
		{"coalesce passes the value through", "coalesce(null(), parameters('name'))", graph.Known{Value: "acr1", Refs: acr}},
		{"if passes the branch through", "if(true(), parameters('name'), 'x')", graph.Known{Value: "acr1", Refs: acr}},
		// A computed value is plain: it is not the referenced attribute.
		{"concat", "concat(parameters('name'), '.azurecr.io')", "acr1.azurecr.io"},
		{"toUpper", "toUpper(parameters('name'))", "ACR1"},
		{"length", "length(parameters('ids'))", int64(2)},
		{"equals", "equals(parameters('name'), 'acr1')", true},
		{"resourceId", "resourceId('Microsoft.ContainerRegistry/registries', parameters('name'))",
			"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ContainerRegistry/registries/acr1"},
	})
}
