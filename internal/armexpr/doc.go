// Package armexpr implements the ARM template expression language, shared by
// the ARM and Bicep parsers: the grammar of the strings written between
// square brackets in a template ("[concat(parameters('a'), 'b')]"), and the
// template functions with the semantics Azure Resource Manager gives them.
//
// Parse turns an expression into an Expr; Eval evaluates one against a
// Context that supplies parameters, variables, copy indexes, the deployment
// scope and the resources of the template. EvalString and EvalValue handle
// the JSON strings and values of a template, with the "[[" escape.
//
// Values are JSON-shaped: nil, bool, int64 (ARM integers are 64-bit),
// float64 (only from json() or float()), string, []graph.Value and
// map[string]graph.Value, plus graph.Unknown for a value not known before
// deployment and graph.Known for a known value read from a resource.
//
// Unknown is contagious: a function whose result depends on an unknown
// argument returns graph.Unknown carrying the union of the references of its
// inputs, while results that do not depend on it stay known (if() with a
// known condition, the length of an array holding unknown elements,
// coalesce() past known nulls). Reading a property or an element of a Known
// value keeps its references; a value computed from it does not.
//
// Function and property names are case-insensitive, as in ARM.
package armexpr
