package armexpr

import "testing"

// Values computed by Azure's own template engine. `bicep build-params`
// evaluates the expressions of a .bicepparam file with the engine ARM
// deploys with (the Azure.Deployments.Expression package), and the Bicep
// repository keeps the result as a baseline:
// https://github.com/Azure/bicep/tree/main/src/Bicep.Core.Samples/Files/baselines_bicepparam/Expressions
// (parameters.bicepparam and the parameters.json it compiles to). The
// expressions below are the ARM forms of that file's myObject and myArray
// entries; the results are the baseline's.
func TestAzureEngineOutputs(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"guid", "guid('asdf')", "228d27cc-6fdb-5934-b7ac-1efccebade04"},
		{"uniqueString", "uniqueString('asd', 'asdf', 'asdf')", "iizpqit7ih3cc"},
		{"array", "array(createArray())", arr{}},
		{"base64ToString", "base64ToString(base64('abc'))", "abc"},
		{"base64ToJson", "base64ToJson(base64('{\"hi\": \"there\"}')).hi", "there"},
		{"bool", "bool(true())", true},
		{"concat", "concat(createArray('abc'), createArray('def'))", arr{"abc", "def"}},
		{"contains", "contains('foo/bar', '/')", true},
		{"dataUriToString", "dataUriToString(dataUri('abc'))", "abc"},
		{"dateTimeAdd", "dateTimeAdd(dateTimeFromEpoch(1680224438), 'P1D')", "2023-04-01T01:00:38Z"},
		{"dateTimeToEpoch", "dateTimeToEpoch(dateTimeFromEpoch(1680224438))", int64(1680224438)},
		{"empty", "empty(createArray())", true},
		{"endsWith", "endsWith('foo', 'o')", true},
		{"filter", "filter(createArray(1, 2), lambda('i', less(lambdaVariables('i'), 2)))", arr{int64(1)}},
		{"first", "first(createArray(124, 25))", int64(124)},
		{"flatten", "flatten(createArray(createArray('abc'), createArray('def')))", arr{"abc", "def"}},
		{"format", "format('->{0}<-', 123)", "->123<-"},
		{"indexOf", "indexOf('abc', 'b')", int64(1)},
		{"int", "int(123)", int64(123)},
		{"intersection", "intersection(createArray(1, 2, 3), createArray(2, 3, 4))", arr{int64(2), int64(3)}},
		{"items", "items(createObject('foo', 'abc', 'bar', 123))", arr{
			obj{"key": "bar", "value": int64(123)},
			obj{"key": "foo", "value": "abc"},
		}},
		{"join", "join(createArray('abc', 'def', 'ghi'), '/')", "abc/def/ghi"},
		{"last", "last(createArray(1, 2))", int64(2)},
		{"lastIndexOf", "lastIndexOf('abcba', 'b')", int64(3)},
		{"length", "length(createArray(0, 1, 2))", int64(3)},
		{"map", "map(range(0, 3), lambda('i', format('Hi {0}!', lambdaVariables('i'))))", arr{"Hi 0!", "Hi 1!", "Hi 2!"}},
		{"max", "max(1, 2, 3)", int64(3)},
		{"min", "min(1, 2, 3)", int64(1)},
		{"padLeft", "padLeft(13, 5)", "   13"},
		{"range", "range(0, 3)", arr{int64(0), int64(1), int64(2)}},
		{"reduce", "reduce(createArray('a', 'b', 'c'), '', lambda('a', 'b', format('{0}-{1}', lambdaVariables('a'), lambdaVariables('b'))))", "-a-b-c"},
		{"replace", "replace('abc', 'b', '/')", "a/c"},
		{"skip", "skip(createArray(1, 2, 3), 1)", arr{int64(2), int64(3)}},
		{"sort", "sort(createArray('c', 'd', 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))", arr{"a", "c", "d"}},
		{"split", "split('a/b/c', '/')", arr{"a", "b", "c"}},
		{"startsWith", "startsWith('abc', 'a')", true},
		{"string", "string('asdf')", "asdf"},
		{"substring", "substring('asdfasf', 3)", "fasf"},
		{"take", "take(createArray(1, 2, 3), 2)", arr{int64(1), int64(2)}},
		{"toLower", "toLower('AiKInIniIN')", "aikininiin"},
		{"toObject", "toObject(createArray('a', 'b', 'c'), lambda('x', lambdaVariables('x')), lambda('x', format('Hi {0}!', lambdaVariables('x'))))", obj{"a": "Hi a!", "b": "Hi b!", "c": "Hi c!"}},
		{"toUpper", "toUpper('AiKInIniIN')", "AIKININIIN"},
		{"trim", "trim('  adf asdf  ')", "adf asdf"},
		{"union", "union(createObject('abc', 'def'), createObject('def', 'ghi'))", obj{"abc": "def", "def": "ghi"}},
		{"uri", "uri('https://github.com', 'Azure/bicep')", "https://github.com/Azure/bicep"},
		{"uriComponent", "uriComponent('UB*8h 0+=_)9h9n')", "UB%2A8h%200%2B%3D_%299h9n"},
		{"uriComponentToString", "uriComponentToString('%20%25%20')", " % "},
		{"if", "if(true(), 'a', 'b')", "a"},
		{"not", "not(true())", false},
		{"add", "add(123, 456)", int64(579)},
		{"sub", "sub(456, 123)", int64(333)},
		{"mul", "mul(2, 3)", int64(6)},
		{"div", "div(10, 2)", int64(5)},
		{"less", "less(1, 2)", true},
		{"greater", "greater(1, 2)", false},
		{"greaterOrEquals", "greaterOrEquals(1, 2)", false},
		{"lessOrEquals", "lessOrEquals(1, 2)", true},
	})
}
