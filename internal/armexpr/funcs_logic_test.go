package armexpr

import (
	"testing"
)

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-logical
func TestLogicalFunctionsDocs(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"and", "and(bool('true'), bool('false'))", false},
		{"or", "or(bool('true'), bool('false'))", true},
		{"not", "not(bool('true'))", false},
		{"bool trueString", "bool('true')", true},
		{"bool falseString", "bool('false')", false},
		{"bool trueInt", "bool(1)", true},
		{"bool falseInt", "bool(0)", false},
		{"false", "false()", false},
		{"true", "true()", true},
		{"if yes", "if(equals('a', 'a'), 'yes', 'no')", "yes"},
		{"if no", "if(equals('a', 'b'), 'yes', 'no')", "no"},
		{"if object", "if(equals('a', 'a'), json('{\"test\": \"value1\"}'), json('null'))", obj{"test": "value1"}},
		{"not equals", "not(equals(1, 2))", true},
	})
}

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison
func TestComparisonFunctionsDocs(t *testing.T) {
	c := params(obj{
		"objectToTest": obj{"null1": nil, "null2": nil, "string": "default", "int": int64(1), "object": obj{"first": "default"}, "array": arr{int64(1)}},
		"firstInt":     int64(1), "secondInt": int64(2), "sameInt": int64(1),
		"firstString": "A", "secondString": "a",
		"firstArray": arr{"a", "b"}, "secondArray": arr{"a", "b"},
		"firstObject": obj{"a": "b"}, "secondObject": obj{"a": "b"},
	}, nil)
	runEval(t, c, []evalCase{
		{"coalesce string", "coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').string)", "default"},
		{"coalesce int", "coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').int)", int64(1)},
		{"coalesce object", "coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').object)", obj{"first": "default"}},
		{"coalesce array", "coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').array)", arr{int64(1)}},
		{"coalesce empty", "empty(coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2))", true},
		{"equals ints", "equals(parameters('firstInt'), parameters('sameInt') )", true},
		{"equals strings", "equals('a', 'a')", true},
		{"equals arrays", "equals(parameters('firstArray'), parameters('secondArray'))", true},
		{"equals objects", "equals(parameters('firstObject'), parameters('secondObject'))", true},
		{"greater ints", "greater(parameters('firstInt'), parameters('secondInt') )", false},
		{"greater strings", "greater(parameters('firstString'), parameters('secondString'))", true},
		{"greaterOrEquals ints", "greaterOrEquals(parameters('firstInt'), parameters('secondInt') )", false},
		{"greaterOrEquals strings", "greaterOrEquals(parameters('firstString'), parameters('secondString'))", true},
		{"less ints", "less(parameters('firstInt'), parameters('secondInt') )", true},
		{"less strings", "less(parameters('firstString'), parameters('secondString'))", false},
		{"lessOrEquals ints", "lessOrEquals(parameters('firstInt'), parameters('secondInt') )", true},
		{"lessOrEquals strings", "lessOrEquals(parameters('firstString'), parameters('secondString'))", false},
	})
}

func TestLogicalFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"equals is case-sensitive", "equals('demo', 'Demo')", false},
		{"equals int and string", "equals(1, '1')", false},
		{"equals object keys case-insensitively", "equals(json('{\"A\": 1}'), json('{\"a\": 1}'))", true},
		{"equals nested", "equals(createArray(createObject('a', createArray(1))), createArray(createObject('a', createArray(1))))", true},
		{"if evaluates only the taken branch", "if(true(), 'ok', substring('a', 5))", "ok"},
		{"and stops at false", "and(false(), substring('a', 5))", false},
		{"or stops at true", "or(true(), substring('a', 5))", true},
		{"and of three", "and(true(), true(), true())", true},
		{"coalesce stops at the first value", "coalesce('a', substring('a', 5))", "a"},
		{"coalesce all null", "coalesce(null(), null())", nil},
		{"coalesce keeps empty string", "coalesce('', 'x')", ""},
		{"bool case-insensitive", "bool('True')", true},
		{"less strings ordinal differences", "less('abc', 'abd')", true},
		{"less by length", "less('ab', 'abc')", true},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"if non-bool", "if('yes', 1, 2)", "expected a bool, got string"},
		{"and non-bool", "and(true(), 1)", "argument 2: expected a bool, got int"},
		{"bool invalid string", "bool('maybe')", "neither 'true' nor 'false'"},
		{"compare mixed", "less(1, 'a')", "can only compare two integers or two strings"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric
func TestNumericFunctionsDocs(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"add", "add(5, 3)", int64(8)},
		{"div", "div(8, 3)", int64(2)},
		{"int", "int('4')", int64(4)},
		{"max", "max(0,3,2,5,4)", int64(5)},
		{"min", "min(0,3,2,5,4)", int64(0)},
		{"mod", "mod(7, 3)", int64(1)},
		{"mul", "mul(mul(5, 3), 3)", int64(45)},
		{"sub", "sub(7, 3)", int64(4)},
		{"float string", "float('3.0')", 3.0},
		{"float int", "float(3)", 3.0},
	})
}

func TestNumericFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"negative div truncates", "div(-7, 2)", int64(-3)},
		{"negative mod", "mod(-7, 3)", int64(-1)},
		{"int of a string with spaces", "int(' 12 ')", int64(12)},
		{"large numbers", "add(4611686018427387904, 4611686018427387903)", int64(9223372036854775807)},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"div by zero", "div(1, 0)", "division by zero"},
		{"mod by zero", "mod(1, 0)", "division by zero"},
		{"overflow", "add(9223372036854775807, 1)", "integer overflow"},
		{"mul overflow", "mul(4611686018427387904, 2)", "integer overflow"},
		{"add string", "add('1', 2)", "expected an integer, got string"},
		{"int invalid", "int('x')", "is not an integer"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}

// The examples of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda
func TestLambdaFunctionsDocs(t *testing.T) {
	dogs := arr{
		obj{"name": "Evie", "age": int64(5), "interests": arr{"Ball", "Frisbee"}},
		obj{"name": "Casper", "age": int64(3), "interests": arr{"Other dogs"}},
		obj{"name": "Indy", "age": int64(2), "interests": arr{"Butter"}},
		obj{"name": "Kira", "age": int64(8), "interests": arr{"Rubs"}},
	}
	dogsWithProps := arr{
		obj{"name": "Evie", "properties": obj{"age": int64(5), "interests": arr{"Ball", "Frisbee"}}},
		obj{"name": "Casper", "properties": obj{"age": int64(3), "interests": arr{"Other dogs"}}},
		obj{"name": "Indy", "properties": obj{"age": int64(2), "interests": arr{"Butter"}}},
		obj{"name": "Kira", "properties": obj{"age": int64(8), "interests": arr{"Rubs"}}},
	}
	itemForLoop := arr{}
	for i := range 10 {
		itemForLoop = append(itemForLoop, int64(i))
	}
	c := params(nil, obj{
		"dogs":          dogs,
		"dogsWithProps": dogsWithProps,
		"itemForLoop":   itemForLoop,
		"ages":          arr{int64(5), int64(3), int64(2), int64(8)},
	})
	runEval(t, c, []evalCase{
		{"oldDogs", "filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))", arr{dogs[0], dogs[3]}},
		{"filteredLoop", "filter(variables('itemForLoop'), lambda('i', greater(lambdaVariables('i'), 5)))", arr{int64(6), int64(7), int64(8), int64(9)}},
		{"isEven", "filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))", arr{int64(0), int64(2), int64(4), int64(6), int64(8)}},
		{"dogNames", "map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))", arr{"Evie", "Casper", "Indy", "Kira"}},
		{"sayHi", "map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))", arr{"Hello Evie!", "Hello Casper!", "Hello Indy!", "Hello Kira!"}},
		{"mapObject", "map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', variables('dogs')[lambdaVariables('i')].name))))", arr{
			obj{"i": int64(0), "dog": "Evie", "greeting": "Ahoy, Evie!"},
			obj{"i": int64(1), "dog": "Casper", "greeting": "Ahoy, Casper!"},
			obj{"i": int64(2), "dog": "Indy", "greeting": "Ahoy, Indy!"},
			obj{"i": int64(3), "dog": "Kira", "greeting": "Ahoy, Kira!"},
		}},
		{"ages", "map(variables('dogs'), lambda('dog', lambdaVariables('dog').age))", arr{int64(5), int64(3), int64(2), int64(8)}},
		{"totalAge", "reduce(variables('ages'), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", int64(18)},
		{"totalAgeAdd1", "reduce(variables('ages'), 1, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))", int64(19)},
		{"reduceObjectUnion", "reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))",
			obj{"foo": int64(123), "bar": int64(456), "baz": int64(789)}},
		{"dogsByAge", "sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))", arr{dogs[2], dogs[1], dogs[0], dogs[3]}},
		{"toObject", "toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name))",
			obj{"Evie": dogs[0], "Casper": dogs[1], "Indy": dogs[2], "Kira": dogs[3]}},
		{"toObject identity value", "toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry')))",
			obj{"Evie": dogs[0], "Casper": dogs[1], "Indy": dogs[2], "Kira": dogs[3]}},
		{"toObject with values", "toObject(variables('dogsWithProps'), lambda('entry', lambdaVariables('entry').name), lambda('entry', lambdaVariables('entry').properties))", obj{
			"Evie":   obj{"age": int64(5), "interests": arr{"Ball", "Frisbee"}},
			"Casper": obj{"age": int64(3), "interests": arr{"Other dogs"}},
			"Indy":   obj{"age": int64(2), "interests": arr{"Butter"}},
			"Kira":   obj{"age": int64(8), "interests": arr{"Rubs"}},
		}},
	})
}

func TestLambdaFunctions(t *testing.T) {
	runEval(t, nil, []evalCase{
		{"map with index", "map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))", arr{"a0", "b1"}},
		{"nested lambdas see outer variables", "map(createArray(1, 2), lambda('x', map(createArray(10), lambda('y', add(lambdaVariables('x'), lambdaVariables('y'))))))", arr{arr{int64(11)}, arr{int64(12)}}},
		{"inner variable shadows outer", "map(createArray(1), lambda('x', map(createArray(2), lambda('x', lambdaVariables('x')))))", arr{arr{int64(2)}}},
		{"sort strings", "sort(createArray('b', 'c', 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))", arr{"a", "b", "c"}},
		{"groupBy", "groupBy(createArray('ab', 'ac', 'b'), lambda('s', first(lambdaVariables('s'))))", obj{"a": arr{"ab", "ac"}, "b": arr{"b"}}},
		{"mapValues", "mapValues(createObject('a', 1, 'b', 2), lambda('v', mul(lambdaVariables('v'), 10)))", obj{"a": int64(10), "b": int64(20)}},
		{"filter empty", "filter(createArray(), lambda('x', true()))", arr{}},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"filter non-bool", "filter(createArray(1), lambda('x', 1))", "must return a bool"},
		{"wrong arity", "reduce(createArray(1), 0, lambda('x', 1))", "must take 2 or 3 parameters"},
		{"not a lambda", "map(createArray(1), 'x')", "expected a lambda"},
		{"lambda name not a string", "map(createArray(1), lambda(1, 2))", "variable name must be a non-empty string"},
		{"toObject non-string key", "toObject(createArray(1), lambda('x', lambdaVariables('x')))", "must return a string"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}
