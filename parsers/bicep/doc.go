// Package bicep reads Bicep files (.bicep, .bicepparam) natively, without
// the Bicep CLI, and yields the resources the compiled ARM template would
// deploy.
//
// The syntax package parses a file into a tree (the grammar it follows is
// named in its documentation). This package compiles the tree into the
// ARM template (languageVersion 2.0) that the Bicep compiler would emit,
// held in memory as a jsonpos tree whose positions are those of the Bicep
// source, and hands it to the ARM evaluator (parsers/arm): parameters,
// variables, loops, conditions, nested deployments, references and every
// template function have one implementation for both formats, and the
// graph mapping of ARM types (internal/graph) serves Bicep unchanged.
//
// What only Bicep has is lowered the way the Bicep compiler lowers it:
// string interpolation to format(), ?: to if(), ?? to coalesce(), .? and
// [?] to tryGet(), ^ indexes from the end, spreads to shallowMerge() and
// concat(), for expressions to map() and filter() over range(), lambdas to
// lambda() and lambdaVariables(), resource and module loops and if
// conditions to copy and condition, nested and parent: children to their
// full type and name, symbolic references to resourceId() (acr.id),
// reference() (acr.properties.loginServer, which stays an unknown value
// naming the registry) or the declared value (acr.name, acr.location),
// user-defined functions to the template's function namespace, and
// compile-time imports and loadTextContent()/loadJsonContent() in place.
//
// A deployment is a .bicepparam file with the template its using names, or
// a .bicep file that no other file uses as a module or names in a using
// (with its defaults, a <stem>.parameters.json beside it, or --parameters).
// A local module becomes a nested deployment linked to its file, compiled
// in turn, with its resources on their own lines. A registry module (br:,
// br/<alias>:, with the aliases of bicepconfig.json) is read from the
// local Bicep module cache that `bicep restore` fills, through its compiled
// ARM template, and what it deploys is placed on the module statement;
// nothing is downloaded. A module missing from the cache, or a template
// spec (ts:), is a note and leaves what it would deploy unchecked.
//
// Values Bicep cannot know before deployment (a Key Vault secret, an
// environment variable, another resource's runtime property) are unknown,
// so no rule acts on them. Files are read only within the scan root.
package bicep
