// Package syntax is the Bicep lexer and parser: it turns the text of a
// .bicep or .bicepparam file into tokens and then into an abstract syntax
// tree whose every node knows the range of source it came from.
//
// It follows the published pseudo-grammar of the language (docs/grammar.md
// and docs/params-file-grammar.md in the Azure/bicep repository, as revised
// on 2026-03-11 by "Update active pseudo-grammar of the bicep language",
// #19169) together with the Bicep language reference on Microsoft Learn for
// what the pseudo-grammar leaves implicit: operator precedence (ternary,
// then ??, ||, &&, equality, relational, additive, multiplicative, unary,
// postfix), the places where newlines may continue an expression, commas
// and newlines as array and object separators, and $”'…”' interpolated
// multi-line strings.
//
// Parse never stops at the first error and never panics. A syntax error
// becomes a diag.Error diagnostic that says what was expected and where;
// the parser then skips to the next newline, separator or closing bracket
// at the current nesting level and goes on, so that one bad statement does
// not lose the rest of the file. The part of the statement that did parse
// is kept, with a *BadExpr (or *BadType) where an expression was missing,
// which later stages treat as an unknown value.
//
// Keywords are contextual, as in Bicep: the lexer marks them (Keyword) but
// the parser accepts them wherever a name is expected, so `type`, `name` or
// `resource` remain valid property names.
package syntax
