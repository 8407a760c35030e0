package armexpr

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/graph"
)

// wantEvalError evaluates expr and checks that it fails with an *EvalError
// whose message contains msg.
func wantEvalError(t *testing.T, c *Context, expr, msg string) {
	t.Helper()
	_ = evalError(t, c, expr, msg) // the checks are in evalError
}

// evalError is wantEvalError returning the error, for checks of its fields.
func evalError(t *testing.T, c *Context, expr, msg string) *EvalError {
	t.Helper()
	v, err := EvalString("["+expr+"]", c)
	ee, ok := errors.AsType[*EvalError](err)
	if !ok {
		t.Fatalf("%s = %v, %v; want an *EvalError", expr, v, err)
	}
	if !strings.Contains(err.Error(), msg) {
		t.Errorf("%s: error %q does not contain %q", expr, err, msg)
	}
	return ee
}

func TestEvalString(t *testing.T) {
	c := params(obj{"name": "acr"}, nil)
	tests := []struct {
		in   string
		want graph.Value
	}{
		{"[parameters('name')]", "acr"},
		{"[[parameters('name')]", "[parameters('name')]"},
		{"plain", "plain"},
		{"[not an expression", "[not an expression"},
		{"[concat('[', parameters('name'), ']')]", "[acr]"},
		// The jsonArray parameter of the json() example: the escape makes
		// it the literal "[1,2,3 ]".
		{"[[1,2,3 ]", "[1,2,3 ]"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := EvalString(tt.in, c)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEvalValue(t *testing.T) {
	c := params(obj{"name": "acr", "sku": "Premium"}, nil)
	in := obj{
		"name":     "[parameters('name')]",
		"sku":      obj{"name": "[parameters('sku')]"},
		"literal":  "[[escaped]",
		"list":     arr{"[toUpper('a')]", int64(1), true, nil},
		"location": "westeurope",
	}
	got, err := EvalValue(in, c)
	if err != nil {
		t.Fatal(err)
	}
	want := obj{
		"name":     "acr",
		"sku":      obj{"name": "Premium"},
		"literal":  "[escaped]",
		"list":     arr{"A", int64(1), true, nil},
		"location": "westeurope",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}

	_, err = EvalValue(obj{"properties": obj{"subnets": arr{"[parameters('missing')]"}}}, c)
	if err == nil || !strings.HasPrefix(err.Error(), "properties.subnets[0]: ") {
		t.Errorf("error = %v, want one naming properties.subnets[0]", err)
	}
	if _, ok := errors.AsType[*EvalError](err); !ok {
		t.Errorf("error %v does not wrap an *EvalError", err)
	}
}

func TestPropertyAccess(t *testing.T) {
	c := params(obj{
		"o": obj{"Name": "n", "nested": obj{"Value": int64(1)}, "list": arr{"a", "b"}, "both": "lower", "BOTH": "upper"},
	}, nil)
	runEval(t, c, []evalCase{
		{"exact name", "parameters('o').Name", "n"},
		{"case-insensitive name", "parameters('o').name", "n"},
		{"nested, case-insensitive", "parameters('O').NESTED.value", int64(1)},
		{"index by string", "parameters('o')['nested']['Value']", int64(1)},
		{"array index", "parameters('o').list[1]", "b"},
		{"exact match preferred", "parameters('o').BOTH", "upper"},
		{"exact match preferred, lower", "parameters('o').both", "lower"},
		{"case-insensitive function", "ToUpper(PARAMETERS('o').name)", "N"},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"missing property", "parameters('o').nope", `no property "nope"`},
		{"property of a string", "parameters('o').Name.x", "cannot read property \"x\" of a value of type string"},
		{"index out of range", "parameters('o').list[2]", "index 2 is out of range for an array of length 2"},
		{"string index of an array", "parameters('o').list['a']", "array index must be an integer"},
		{"missing parameter", "parameters('nope')", `the parameter "nope" is not defined`},
		{"property of null", "null().x", "cannot read property \"x\" of null"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, c, tt.expr, tt.msg) })
	}
}

func TestEvalErrorOffset(t *testing.T) {
	c := params(obj{"o": obj{}}, nil)
	ee := evalError(t, c, "concat('a', parameters('o').missing)", "missing")
	// The brackets add one to the offset of ".missing" in the expression.
	if ee.Offset != 28 {
		t.Errorf("offset = %d, want 28", ee.Offset)
	}
	ee = evalError(t, c, "concat('a', toLower(1))", "argument 1: expected a string")
	if ee.Offset != 21 || ee.Func != "toLower" {
		t.Errorf("offset, func = %d, %q; want 21, toLower", ee.Offset, ee.Func)
	}
}

func TestUserFunctions(t *testing.T) {
	c := &Context{
		Variables:  Lookup(obj{"v": "x"}),
		Deployment: DeploymentInfo{SubscriptionID: DefaultSubscriptionID, ResourceGroup: DefaultResourceGroup},
		Functions: map[string]UserFunc{
			// The example of
			// https://learn.microsoft.com/azure/azure-resource-manager/templates/user-defined-functions
			"contoso.uniqueName": TemplateFunc([]string{"namePrefix"},
				"[concat(toLower(parameters('namePrefix')), uniqueString(resourceGroup().id))]"),
			"contoso.readsVariables": TemplateFunc(nil, "[variables('v')]"),
			"contoso.object":         TemplateFunc([]string{"a"}, obj{"value": "[parameters('a')]", "list": arr{"[parameters('A')]"}}),
			"contoso.loop":           TemplateFunc(nil, "[contoso.loop()]"),
		},
	}
	runEval(t, c, []evalCase{
		{"uniqueName", "contoso.uniqueName('Storage')", "storage" + UniqueString("/subscriptions/"+DefaultSubscriptionID+"/resourceGroups/"+DefaultResourceGroup)},
		{"case-insensitive name", "CONTOSO.UNIQUENAME('X')", "x" + UniqueString("/subscriptions/"+DefaultSubscriptionID+"/resourceGroups/"+DefaultResourceGroup)},
		{"object output", "contoso.object(1)", obj{"value": int64(1), "list": arr{int64(1)}}},
	})
	wantEvalError(t, c, "contoso.readsVariables()", "no variables are available here")
	wantEvalError(t, c, "contoso.nope()", `no user-defined function "contoso.nope"`)
	wantEvalError(t, c, "contoso.uniqueName()", "takes 1 arguments, got 0")
	wantEvalError(t, c, "contoso.loop()", "in contoso.loop: at offset 1: evaluation nests deeper than")
}

func TestCallFunction(t *testing.T) {
	got, err := CallFunction("concat", []graph.Value{"a", "b"}, nil)
	if err != nil || got != "ab" {
		t.Errorf("concat = %v, %v", got, err)
	}
	double := &Lambda{Params: []string{"x"}, Body: func(args []graph.Value) (graph.Value, error) {
		n, _ := toInt(args[0])
		return n * 2, nil
	}}
	got, err = CallFunction("map", []graph.Value{arr{int64(1), int64(2)}, double}, nil)
	if diff := cmp.Diff(arr{int64(2), int64(4)}, got); err != nil || diff != "" {
		t.Errorf("map: %v (-want +got):\n%s", err, diff)
	}
	got, err = CallFunction("if", []graph.Value{true, "a", "b"}, nil)
	if err != nil || got != "a" {
		t.Errorf("if = %v, %v", got, err)
	}
	got, err = CallFunction("listKeys", []graph.Value{"id", "2023-01-01"}, nil)
	if diff := cmp.Diff(graph.Value(graph.Unknown{}), got); err != nil || diff != "" {
		t.Errorf("listKeys: %v (-want +got):\n%s", err, diff)
	}
	_, err = CallFunction("nosuch", nil, nil)
	if ee, ok := errors.AsType[*EvalError](err); !ok || !strings.Contains(ee.Msg, `unknown function "nosuch"`) {
		t.Errorf("nosuch: error = %v", err)
	}
	_, err = CallFunction("toLower", []graph.Value{"a", "b"}, nil)
	if err == nil || !strings.Contains(err.Error(), "takes 1 argument") {
		t.Errorf("toLower with 2 arguments: error = %v", err)
	}
}

func TestLambdaOutsideFunction(t *testing.T) {
	wantEvalError(t, nil, "lambda('x', lambdaVariables('x'))", "a lambda can only be passed")
	wantEvalError(t, nil, "concat(lambda('x', 1))", "is a lambda")
	wantEvalError(t, nil, "lambdaVariables('x')", `no lambda variable "x"`)
}

func TestFunctions(t *testing.T) {
	names := Functions()
	for _, want := range []string{"resourceId", "uniqueString", "list*", "lambda", "parseCidr"} {
		found := false
		for _, n := range names {
			found = found || n == want
		}
		if !found {
			t.Errorf("Functions() lacks %s", want)
		}
	}
}

func TestWorkLimit(t *testing.T) {
	expr := "length(map(range(0, 10000), lambda('i', range(0, 10000))))"
	wantEvalError(t, nil, expr, fmt.Sprintf("more than %d elements", maxWork))
}

func TestGraphValue(t *testing.T) {
	in := obj{"n": int64(3), "k": graph.Known{Value: int64(1), Refs: []graph.Ref{{Address: "a"}}}, "l": arr{int64(2), "s"}}
	want := obj{"n": 3.0, "k": graph.Known{Value: 1.0, Refs: []graph.Ref{{Address: "a"}}}, "l": arr{2.0, "s"}}
	if diff := cmp.Diff(want, GraphValue(in)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// TestCache: a Cache keeps each expression it parses, by source, and gives
// the results EvalString gives; literals and expressions that do not parse
// are not kept, and the nil Cache keeps nothing.
func TestCache(t *testing.T) {
	c := &Context{Parameters: Lookup(map[string]graph.Value{"p": "x"})}
	cache := Cache{}
	for _, src := range []string{"[concat(parameters('p'), '-1')]", "[concat(parameters('p'), '-1')]", "[[literal", "plain", "[concat(]"} {
		want, wantErr := EvalString(src, c)
		got, err := cache.EvalString(src, c)
		if !cmp.Equal(got, want) || (err == nil) != (wantErr == nil) {
			t.Errorf("Cache.EvalString(%q) = %v, %v; EvalString gives %v, %v", src, got, err, want, wantErr)
		}
	}
	if len(cache) != 1 || cache["[concat(parameters('p'), '-1')]"] == nil {
		t.Errorf("the cache holds %v, want the one expression that parsed", cache)
	}
	if v, err := Cache(nil).EvalString("[concat('a', 'b')]", c); err != nil || v != "ab" {
		t.Errorf("the nil Cache: %v, %v", v, err)
	}
}
