// Package policies embeds the shipped Rego rules: a router
// (data.acrlint.main.findings) that the engine queries once per scan, a
// library of helpers that user policies may import, and one package per
// rule under rules/, each with its METADATA and its _test.rego.
package policies

import "embed"

// FS holds main.rego, lib/ and rules/, test files included; the engine
// leaves out the _test.rego files when it scans.
//
//go:embed main.rego lib rules
var FS embed.FS
