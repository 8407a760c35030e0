// Package policies embeds the shipped Rego rules: a router
// (data.acrlint.main.findings) that the engine queries once per scan, a
// library of helpers that user policies may import, and one package per
// rule under rules/, each with its METADATA and its _test.rego.
package policies

import (
	"embed"
	"encoding/json"
)

// FS holds main.rego, lib/ and rules/, test files included; the engine
// leaves out the _test.rego files when it scans.
//
//go:embed main.rego lib rules
var FS embed.FS

// weightsJSON is the CPU time each rule package takes to evaluate alone on
// a generated repository of 5,000 resources, in microseconds: what it
// costs relative to the others, so that the costliest start first when the
// rules are shared out among CPUs.
// `go test ./rego -run TestRuleWeights -update-weights` measures it again.
//
//go:embed weights.json
var weightsJSON []byte

// Weights returns the relative cost of each shipped rule package, by
// package name (acr001, ...).
func Weights() map[string]int {
	var w map[string]int
	if err := json.Unmarshal(weightsJSON, &w); err != nil {
		panic("policies/weights.json: " + err.Error())
	}
	return w
}
