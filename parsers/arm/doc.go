// Package arm reads Azure Resource Manager templates: a .json file is a
// template when its $schema is a deployment template schema (resource
// group, subscription, management group or tenant scope), and a
// *.parameters.json file beside it gives its parameter values. It evaluates
// the template language through internal/armexpr (parameters, variables,
// user-defined functions, copy loops on resources, properties and
// variables, conditions, nested and linked deployments, languageVersion 2.0
// symbolic resources and existing resources), keeps the line and column of
// every value, and yields the resources the deployment would create.
package arm
