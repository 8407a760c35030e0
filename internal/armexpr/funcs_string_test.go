package armexpr

import (
	"errors"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/graph"
)

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string
// (templates from https://github.com/Azure/azure-docs-json-samples,
// azure-resource-manager/functions/string), with the outputs the page
// documents.
func TestStringFunctionsDocs(t *testing.T) {
	c := params(obj{
		"stringData":          "one, two, three",
		"jsonFormattedData":   "{'one': 'a', 'two': 'b'}",
		"stringToTest":        "Hello",
		"dataFormattedString": "data:;base64,SGVsbG8sIFdvcmxkIQ==",
		"greeting":            "Hello",
		"name":                "User",
		"numberToFormat":      int64(8175133),
		"testString":          "123",
		"replaceString":       "123-123-1234",
		"firstString":         "one,two,three",
		"secondString":        "one;two,three",
		"testObject":          obj{"valueA": int64(10), "valueB": "Example Text"},
		"testArray":           arr{"a", "b", "c"},
		"testInt":             int64(5),
		"substringString":     "one two three",
		"caseString":          "One Two Three",
		"trimString":          "    one two three   ",
		"skipString":          "one two three",
	}, obj{
		"arrayString": arr{"one", "two", "three"},
		"delimiters":  arr{",", ";"},
	})
	runEval(t, c, []evalCase{
		// base64, base64ToString, base64ToJson
		{"base64", "base64(parameters('stringData'))", "b25lLCB0d28sIHRocmVl"},
		{"base64ToString", "base64ToString(base64(parameters('stringData')))", "one, two, three"},
		{"base64ToJson", "base64ToJson(base64(parameters('jsonFormattedData')))", obj{"one": "a", "two": "b"}},
		// dataUri, dataUriToString
		{"dataUri", "dataUri(parameters('stringToTest'))", "data:text/plain;charset=utf8;base64,SGVsbG8="},
		{"dataUriToString", "dataUriToString(parameters('dataFormattedString'))", "Hello, World!"},
		// format
		{"format", "format('{0}, {1}. Formatted number: {2:N0}', parameters('greeting'), parameters('name'), parameters('numberToFormat'))", "Hello, User. Formatted number: 8,175,133"},
		// indexOf, lastIndexOf (case-insensitive)
		{"firstT", "indexOf('test', 't')", int64(0)},
		{"lastT", "lastIndexOf('test', 't')", int64(3)},
		{"firstString", "indexOf('abcdef', 'CD')", int64(2)},
		{"lastString", "lastIndexOf('abcdef', 'AB')", int64(0)},
		{"notFound", "indexOf('abcdef', 'z')", int64(-1)},
		// join
		{"join comma", "join(variables('arrayString'), ',')", "one,two,three"},
		{"join semicolon", "join(variables('arrayString'), ';')", "one;two;three"},
		// padLeft
		{"padLeft", "padLeft(parameters('testString'),10,'0')", "0000000123"},
		// replace
		{"replace dashes", "replace(parameters('replaceString'),'-', '')", "1231231234"},
		{"replace part", "replace(parameters('replaceString'),'1234', 'xxxx')", "123-123-xxxx"},
		// split
		{"split comma", "split(parameters('firstString'),',')", arr{"one", "two", "three"}},
		{"split delimiters", "split(parameters('secondString'),variables('delimiters'))", arr{"one", "two", "three"}},
		// startsWith, endsWith (case-insensitive)
		{"startsTrue", "startsWith('abcdef', 'ab')", true},
		{"startsCapTrue", "startsWith('abcdef', 'A')", true},
		{"startsFalse", "startsWith('abcdef', 'e')", false},
		{"endsTrue", "endsWith('abcdef', 'ef')", true},
		{"endsCapTrue", "endsWith('abcdef', 'F')", true},
		{"endsFalse", "endsWith('abcdef', 'e')", false},
		// string
		{"string object", "string(parameters('testObject'))", `{"valueA":10,"valueB":"Example Text"}`},
		{"string array", "string(parameters('testArray'))", `["a","b","c"]`},
		{"string int", "string(parameters('testInt'))", "5"},
		// substring
		{"substring", "substring(parameters('substringString'), 4, 3)", "two"},
		// toLower, toUpper
		{"toLower", "toLower(parameters('caseString'))", "one two three"},
		{"toUpper", "toUpper(parameters('caseString'))", "ONE TWO THREE"},
		// trim
		{"trim", "trim(parameters('trimString'))", "one two three"},
		// skip, take on strings
		{"skip string", "skip(parameters('skipString'), 4)", "two three"},
		{"take string", "take(parameters('skipString'), 2)", "on"},
		// first, last on strings
		{"first string", "first('One Two Three')", "O"},
		{"last string", "last('One Two Three')", "e"},
		// length of a string
		{"length string", "length('One Two Three')", int64(13)},
		// uri, uriComponent, uriComponentToString
		{"uri", "uri('http://contoso.com/resources/', 'nested/azuredeploy.json')", "http://contoso.com/resources/nested/azuredeploy.json"},
		{"uriComponent", "uriComponent(uri('http://contoso.com/resources/', 'nested/azuredeploy.json'))", "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json"},
		{"uriComponentToString", "uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')", "http://contoso.com/resources/nested/azuredeploy.json"},
		// The uri examples of the remarks.
		{"uri replaces the last segment", "uri('http://contoso.org/firstpath', 'myscript.sh')", "http://contoso.org/myscript.sh"},
		{"uri after a slash", "uri('http://contoso.org/firstpath/', 'myscript.sh')", "http://contoso.org/firstpath/myscript.sh"},
		{"uri after a file", "uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')", "http://contoso.org/firstpath/myscript.sh"},
		{"uri after a file and a slash", "uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')", "http://contoso.org/firstpath/azuredeploy.json/myscript.sh"},
		// contains on strings is case-sensitive
		{"contains string true", "contains('OneTwoThree', 'e')", true},
		{"contains string false", "contains('OneTwoThree', 'z')", false},
		// empty string
		{"empty string", "empty('')", true},
		// concat strings
		{"concat strings", "concat('prefix', '-', 'x')", "prefix-x"},
	})
}

// Behaviour the documentation states without an example output, and edge
// cases.
func TestStringFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"format with literal braces", "format('{{{0}}}', 'x')", "{x}"},
		{"format D3", "format('{0:D3}', 7)", "007"},
		{"format negative D3", "format('{0:D3}', -7)", "-007"},
		{"format X", "format('{0:X}', 255)", "FF"},
		{"format x4", "format('{0:x4}', 255)", "00ff"},
		{"format N2", "format('{0:N2}', 1234567)", "1,234,567.00"},
		{"format F1", "format('{0:F1}', 3)", "3.0"},
		{"format custom zeros", "format('{0:000}', 5)", "005"},
		{"format alignment right", "format('[{0,5}]', 'ab')", "[   ab]"},
		{"format alignment left", "format('[{0,-5}]', 'ab')", "[ab   ]"},
		{"format bool", "format('{0}', true())", "True"},
		{"format reuses an argument", "format('{0}-{0}-{1}', 'a', 'b')", "a-a-b"},
		{"string of true", "string(true())", "True"},
		{"string of a string", "string('x')", "x"},
		{"substring to the end", "substring('hello', 2)", "llo"},
		{"substring zero length", "substring('hello', 5, 0)", ""},
		{"padLeft with an integer", "padLeft(7, 3, '0')", "007"},
		{"padLeft default space", "padLeft('a', 3)", "  a"},
		{"padLeft shorter than the value", "padLeft('abcd', 2, '0')", "abcd"},
		{"split keeps empty parts", "split('a,,b', ',')", arr{"a", "", "b"}},
		{"split without a match", "split('abc', ',')", arr{"abc"}},
		{"replace is case-sensitive", "replace('aAa', 'a', 'b')", "bAb"},
		{"toLower non-ASCII", "toLower('ÄÖ')", "äö"},
		{"base64 round trip UTF-8", "base64ToString(base64('ünïcode'))", "ünïcode"},
		{"uriComponent keeps unreserved", "uriComponent('a-b_c.d~e f/é')", "a-b_c.d~e%20f%2F%C3%A9"},
		{"uriComponentToString leaves bad escapes", "uriComponentToString('100%')", "100%"},
		{"dataUriToString percent-encoded", "dataUriToString('data:,a%20b')", "a b"},
		{"length counts UTF-16 units", "length('a😀')", int64(3)},
		{"uniqueString", "uniqueString('fu', 'bar')", "q5wxoscxs5j6k"},
		{"guid", "guid('a', 'b', 'c')", GUID("a-b-c")},
		{"concat of an integer", "concat('a', 1)", "a1"},
	})
}

// newGuid() and utcNow() are unknown in parameter defaults, the only place
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#newguid
// allows them.
func TestNondeterministicFunctions(t *testing.T) {
	runEval(t, &Context{ParameterDefault: true}, []evalCase{
		{"newGuid", "newGuid()", graph.Unknown{}},
		{"utcNow", "utcNow('u')", graph.Unknown{}},
		{"uniqueString of newGuid", "concat('storage', uniqueString(newGuid()))", graph.Unknown{}},
	})
}

func TestStringFunctionErrors(t *testing.T) {
	tests := []struct {
		name, expr, msg string
	}{
		{"substring out of range", "substring('1234567890', 0, 11)", "must refer to a location within the string"},
		{"substring negative start", "substring('abc', -1)", "must refer to a location within the string"},
		{"format index out of range", "format('{1}', 'a')", "index 1 is out of range"},
		{"format unclosed", "format('{0', 'a')", "unclosed '{'"},
		{"replace empty", "replace('abc', '', 'x')", "cannot be empty"},
		{"padLeft multi-char padding", "padLeft('a', 3, 'xy')", "single character"},
		{"padLeft too long", "padLeft('a', 2000000000, 'x')", "more than the limit of 1048576"},
		{"base64 invalid", "base64ToString('***')", "not valid base64"},
		{"uniqueString needs strings", "uniqueString(1)", "expected a string, got int"},
		{"toLower of an array", "toLower(createArray())", "expected a string, got array"},
		{"uri relative base", "uri('relative', 'x')", "not an absolute URI"},
		{"concat arrays and strings", "concat(createArray(1), 'a')", "cannot concatenate arrays with strings"},
		{"newGuid outside a parameter default", "newGuid()", "can only be used in the default value of a parameter"},
		{"utcNow outside a parameter default", "utcNow()", "can only be used in the default value of a parameter"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantEvalError(t, nil, tt.expr, tt.msg)
		})
	}
}

func TestHashOfPlaceholderIDIsUnknown(t *testing.T) {
	for _, expr := range []string{
		"[guid(resourceId('Microsoft.Network/virtualNetworks', 'vnet'))]",
		"[uniqueString(resourceId('Microsoft.Network/virtualNetworks', 'vnet'), 'x')]",
	} {
		got, err := EvalString(expr, &Context{})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.(graph.Unknown); !ok {
			t.Errorf("%s = %#v, want unknown when the deployment's group is not given", expr, got)
		}
		got, err = EvalString(expr, &Context{Deployment: DeploymentInfo{SubscriptionID: "11111111-1111-1111-1111-111111111111", ResourceGroup: "rg"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got.(string); !ok {
			t.Errorf("%s = %#v, want a known value when the deployment is given", expr, got)
		}
	}
}

// TestMaxStringLength: a function whose result would be longer than
// Context.MaxStringLength fails with an EvalError whose Limit is set,
// whichever function builds it; a result of the limit's length is
// built.
func TestMaxStringLength(t *testing.T) {
	double := TemplateFunc([]string{"s"}, "[concat(parameters('s'), parameters('s'))]")
	c := &Context{MaxStringLength: 10, Functions: map[string]UserFunc{"f.double": double}}
	for _, expr := range []string{
		"concat('abcdef', 'ghijk')",
		"format('{0}{1}', 'abcdef', 'ghijk')",
		"format('{0,11}', 'a')",
		"format('{0,-11}', 'a')",
		"format('{0,-2000000000}', 'a')",
		"join(createArray('abcde', 'fghij'), '-')",
		"padLeft('a', 11)",
		"replace('aaaa', 'a', 'xyz')",
		"string(createArray('abcdefghij'))",
		"base64('abcdefgh')",
		"f.double('abcdef')",
		"first(map(createArray('abcdef'), lambda('s', concat(lambdaVariables('s'), lambdaVariables('s')))))",
	} {
		t.Run(expr, func(t *testing.T) {
			_, err := EvalString("["+expr+"]", c)
			ee, ok := errors.AsType[*EvalError](err)
			if !ok || ee.Limit != 10 || !strings.Contains(ee.Msg, "more than the limit of 10") {
				t.Errorf("%s: got %v, want an error at the limit of 10", expr, err)
			}
		})
	}
	runEval(t, c, []evalCase{
		{"at the limit", "concat('abcde', 'fghij')", "abcdefghij"},
		{"padded to the limit", "padLeft('a', 10, '0')", "000000000a"},
	})
	// 0 means 1 MiB.
	_, err := EvalString("[concat(padLeft('', 600000, 'x'), padLeft('', 600000, 'x'))]", &Context{})
	if ee, ok := errors.AsType[*EvalError](err); !ok || ee.Limit != 1<<20 {
		t.Errorf("default limit: got %v", err)
	}
}
