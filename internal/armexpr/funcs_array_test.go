package armexpr

import (
	"testing"
)

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array
// (templates from https://github.com/Azure/azure-docs-json-samples,
// azure-resource-manager/functions/array), with the outputs the page
// documents.
func TestArrayFunctionsDocs(t *testing.T) {
	c := params(obj{
		"intToConvert":     int64(1),
		"stringToConvert":  "efgh",
		"objectToConvert":  obj{"a": "b", "c": "d"},
		"firstArray":       arr{"1-1", "1-2", "1-3"},
		"secondArray":      arr{"2-1", "2-2", "2-3"},
		"stringToTest":     "OneTwoThree",
		"objectToTest":     obj{"one": "a", "two": "b", "three": "c"},
		"arrayToTest":      arr{"one", "two", "three"},
		"testArray":        arr{},
		"testObject":       obj{},
		"testString":       "",
		"firstObject":      obj{"one": "a", "two": "b", "three": "c"},
		"secondObject":     obj{"one": "a", "two": "z", "three": "c"},
		"interFirstArray":  arr{"one", "two", "three"},
		"interSecondArray": arr{"two", "three"},
		"lengthString":     "One Two Three",
		"lengthObject":     obj{"propA": "one", "propB": "two", "propC": "three", "propD": obj{"propD-1": "sub", "propD-2": "sub"}},
		"intArray":         arr{int64(0), int64(3), int64(2), int64(5), int64(4)},
		"startingInt":      int64(5),
		"numberOfElements": int64(3),
		"unionFirstObject": obj{"one": "a", "two": "b", "three": "c1"},
		"unionSecond":      obj{"three": "c2", "four": "d", "five": "e"},
		"unionFirstArray":  arr{"one", "two", "three"},
		"unionSecondArray": arr{"three", "four"},
	}, nil)
	runEval(t, c, []evalCase{
		// array
		{"array of int", "array(parameters('intToConvert'))", arr{int64(1)}},
		{"array of string", "array(parameters('stringToConvert'))", arr{"efgh"}},
		{"array of object", "array(parameters('objectToConvert'))", arr{obj{"a": "b", "c": "d"}}},
		// concat
		{"concat arrays", "concat(parameters('firstArray'), parameters('secondArray'))", arr{"1-1", "1-2", "1-3", "2-1", "2-2", "2-3"}},
		// contains
		{"stringTrue", "contains(parameters('stringToTest'), 'e')", true},
		{"stringFalse", "contains(parameters('stringToTest'), 'z')", false},
		{"objectTrue", "contains(parameters('objectToTest'), 'one')", true},
		{"objectFalse", "contains(parameters('objectToTest'), 'a')", false},
		{"arrayTrue", "contains(parameters('arrayToTest'), 'three')", true},
		{"arrayFalse", "contains(parameters('arrayToTest'), 'four')", false},
		// createArray
		{"stringArray", "createArray('a', 'b', 'c')", arr{"a", "b", "c"}},
		{"intArray", "createArray(1, 2, 3)", arr{int64(1), int64(2), int64(3)}},
		{"objectArray", "createArray(parameters('objectToTest'))", arr{obj{"one": "a", "two": "b", "three": "c"}}},
		{"arrayArray", "createArray(parameters('arrayToTest'))", arr{arr{"one", "two", "three"}}},
		{"emptyArray", "createArray()", arr{}},
		// empty
		{"arrayEmpty", "empty(parameters('testArray'))", true},
		{"objectEmpty", "empty(parameters('testObject'))", true},
		{"stringEmpty", "empty(parameters('testString'))", true},
		// first, last
		{"first array", "first(parameters('arrayToTest'))", "one"},
		{"first string", "first('One Two Three')", "O"},
		{"last array", "last(parameters('arrayToTest'))", "three"},
		{"last string", "last('One Two Three')", "e"},
		// intersection
		{"intersection objects", "intersection(parameters('firstObject'), parameters('secondObject'))", obj{"one": "a", "three": "c"}},
		{"intersection arrays", "intersection(parameters('interFirstArray'), parameters('interSecondArray'))", arr{"two", "three"}},
		// length
		{"arrayLength", "length(parameters('arrayToTest'))", int64(3)},
		{"stringLength", "length(parameters('lengthString'))", int64(13)},
		{"objectLength", "length(parameters('lengthObject'))", int64(4)},
		// max, min
		{"max array", "max(parameters('intArray'))", int64(5)},
		{"max list", "max(0,3,2,5,4)", int64(5)},
		{"min array", "min(parameters('intArray'))", int64(0)},
		{"min list", "min(0,3,2,5,4)", int64(0)},
		// range
		{"range", "range(parameters('startingInt'),parameters('numberOfElements'))", arr{int64(5), int64(6), int64(7)}},
		// skip, take
		{"skip array", "skip(parameters('arrayToTest'), 2)", arr{"three"}},
		{"skip string", "skip('one two three', 4)", "two three"},
		{"take array", "take(parameters('arrayToTest'), 2)", arr{"one", "two"}},
		{"take string", "take('one two three', 2)", "on"},
		// union
		{"union objects", "union(parameters('unionFirstObject'), parameters('unionSecond'))", obj{"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}},
		{"union arrays", "union(parameters('unionFirstArray'), parameters('unionSecondArray'))", arr{"one", "two", "three", "four"}},
	})
}

// The deep-merge example of union in
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object#union
// nested objects are merged, nested arrays replaced.
func TestUnionDeepMergeDocs(t *testing.T) {
	c := params(nil, obj{
		"firstObject":  obj{"property": obj{"one": "a", "two": "b", "three": "c1"}, "nestedArray": arr{int64(1), int64(2)}},
		"secondObject": obj{"property": obj{"three": "c2", "four": "d", "five": "e"}, "nestedArray": arr{int64(3), int64(4)}},
		"firstArray":   arr{arr{"one", "two"}, arr{"three"}},
		"secondArray":  arr{arr{"three"}, arr{"four", "two"}},
	})
	runEval(t, c, []evalCase{
		{"objects", "union(variables('firstObject'), variables('secondObject'))",
			obj{"property": obj{"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": arr{int64(3), int64(4)}}},
		{"arrays", "union(variables('firstArray'), variables('secondArray'))",
			arr{arr{"one", "two"}, arr{"three"}, arr{"four", "two"}}},
	})
}

func TestArrayFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"indexOf array", "indexOf(createArray('one', 'two', 'three'), 'two')", int64(1)},
		{"indexOf array is case-sensitive", "indexOf(createArray('one', 'two', 'three'), 'Two')", int64(-1)},
		{"lastIndexOf duplicates", "lastIndexOf(createArray(1, 2, 3, 1), 1)", int64(3)},
		{"indexOf nested array", "indexOf(createArray(createArray(1), createArray(4, 5)), createArray(4, 5))", int64(1)},
		{"indexOf int vs string", "indexOf(createArray(4, 5, 6), '5')", int64(-1)},
		{"flatten", "flatten(createArray(createArray('a', 'b'), createArray(), createArray('c')))", arr{"a", "b", "c"}},
		{"concat no args", "concat()", ""},
		{"skip more than length", "skip(createArray(1), 5)", arr{}},
		{"skip negative", "skip(createArray(1, 2), -1)", arr{int64(1), int64(2)}},
		{"take zero", "take('abc', 0)", ""},
		{"first of empty array", "first(createArray())", nil},
		{"union of three arrays", "union(createArray(1), createArray(2, 1), createArray(3))", arr{int64(1), int64(2), int64(3)}},
		{"union object keys case-insensitive", "union(json('{\"A\": 1}'), json('{\"a\": 2}'))", obj{"A": int64(2)}},
		{"intersection dedups", "intersection(createArray(1, 1, 2), createArray(1))", arr{int64(1)}},
		{"contains object key case-insensitive", "contains(json('{\"Key\": 1}'), 'KEY')", true},
		{"contains int in string", "contains('a1b', 1)", true},
		{"empty null", "empty(null())", true},
		{"array of array", "array(createArray(1))", arr{int64(1)}},
		{"range empty", "range(1, 0)", arr{}},
		{"join ints", "join(createArray(1, 2), '-')", "1-2"},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"range too long", "range(0, 10001)", "between 0 and 10000"},
		{"range overflow", "range(2147483647, 2)", "no greater than 2147483647"},
		{"length of an int", "length(1)", "expected an array, an object or a string"},
		{"union mixed", "union(createArray(), json('{}'))", "expected an array, got object"},
		{"min of strings", "min('a')", "expects integers"},
		{"flatten of non-arrays", "flatten(createArray(1))", "element 0 is int, not an array"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object
func TestObjectFunctionsDocs(t *testing.T) {
	entities := obj{
		"item002": obj{"enabled": false, "displayName": "Example item 2", "number": int64(200)},
		"item001": obj{"enabled": true, "displayName": "Example item 1", "number": int64(300)},
	}
	c := params(obj{
		"jsonEmptyObject": "null",
		"jsonObject":      `{"a": "b"}`,
		"jsonString":      `"test"`,
		"jsonBoolean":     "true",
		"jsonInt":         "3",
		"jsonArray":       "[1,2,3 ]",
		"concatValue":     "demo value",
	}, obj{"entities": entities})
	runEval(t, c, []evalCase{
		{"createObject", "createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', 'c'), 'objectProp', createObject('key1', 'value1'))",
			obj{"intProp": int64(1), "stringProp": "abc", "boolProp": true, "arrayProp": arr{"a", "b", "c"}, "objectProp": obj{"key1": "value1"}}},
		{"items", "items(variables('entities'))", arr{
			obj{"key": "item001", "value": obj{"displayName": "Example item 1", "enabled": true, "number": int64(300)}},
			obj{"key": "item002", "value": obj{"displayName": "Example item 2", "enabled": false, "number": int64(200)}},
		}},
		{"items with copy-style access", "items(variables('entities'))[1].value.displayName", "Example item 2"},
		{"emptyObjectOutput", "empty(json(parameters('jsonEmptyObject')))", true},
		{"objectOutput", "json(parameters('jsonObject'))", obj{"a": "b"}},
		{"stringOutput", "json(parameters('jsonString'))", "test"},
		{"booleanOutput", "json(parameters('jsonBoolean'))", true},
		{"intOutput", "json(parameters('jsonInt'))", int64(3)},
		{"arrayOutput", "json(parameters('jsonArray'))", arr{int64(1), int64(2), int64(3)}},
		{"concatObjectOutput", `json(concat('{"a": "', parameters('concatValue'), '"}'))`, obj{"a": "demo value"}},
		{"null", "empty(null())", true},
	})
}

// Object functions documented for Bicep and ARM that have no example in
// the ARM object functions page above, and edge cases.
func TestObjectFunctions(t *testing.T) {
	c := params(obj{"o": obj{"a": obj{"b": arr{int64(1), int64(2)}}}}, nil)
	runEval(t, c, []evalCase{
		{"objectKeys", "objectKeys(json('{\"b\": 1, \"a\": 2}'))", arr{"a", "b"}},
		{"shallowMerge", "shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))", obj{"one": "a", "two": "c"}},
		{"shallowMerge does not merge nested", "shallowMerge(createArray(json('{\"one\": \"a\", \"nested\": {\"a\": 1, \"nested\": {\"c\": 3}}}'), json('{\"two\": \"b\", \"nested\": {\"b\": 2}}')))",
			obj{"one": "a", "two": "b", "nested": obj{"b": int64(2)}}},
		{"tryGet present", "tryGet(parameters('o'), 'a', 'b', 1)", int64(2)},
		{"tryGet missing", "tryGet(parameters('o'), 'x', 'y')", nil},
		{"tryGet out of range", "tryGet(parameters('o'), 'a', 'b', 5)", nil},
		{"json lenient", "json('{one: ''a'', /* c */ \"two\": [1, 2,],}')", obj{"one": "a", "two": arr{int64(1), int64(2)}}},
		{"json number", "json('1.5')", 1.5},
		{"json unicode escape", `json('"\u00e9\ud83d\ude00"')`, "é😀"},
		{"createObject empty", "createObject()", obj{}},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"createObject odd", "createObject('a')", "pairs of keys and values"},
		{"createObject non-string key", "createObject(1, 2)", "a key must be a string"},
		{"json invalid", "json('{')", "not valid JSON"},
		{"json trailing", "json('1 2')", "not valid JSON"},
		{"items of array", "items(createArray())", "expected an object"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, c, tt.expr, tt.msg) })
	}
}
