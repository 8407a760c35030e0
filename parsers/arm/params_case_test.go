package arm

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParameterNamesCaseInsensitive checks that parameters are found
// whatever the case they are written in: given a value, left to their
// default, defaults reading other parameters, and values from a parameters
// file written in another case.
func TestParameterNamesCaseInsensitive(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.json": `{` + schema + `,
"parameters": {
  "Prefix": {"type": "string"},
  "Suffix": {"type": "string", "defaultValue": "[concat(PARAMETERS('prefix'), '-s')]"},
  "Count": {"type": "int", "defaultValue": 2}
},
"resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
  "name": "[concat(parameters('PREFIX'), '-', parameters('suffix'), '-', string(parameters('cOuNt')))]"}]}`,
		"main.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"prefix": {"value": "acr"}}}`,
	}, Options{})
	if diff := cmp.Diff([]string{"Microsoft.ContainerRegistry/registries/acr-acr-s-2"}, addrs(rs)); diff != "" || len(ds) != 0 {
		t.Errorf("addresses (-want +got):\n%s\ndiagnostics: %v", diff, ds)
	}
}

// TestParameterFoldingTogetherIsStable checks that two parameters whose
// names fold together (σ and ς are different lower-case letters, the same
// to strings.EqualFold) give the same one answer to every reference in a
// third case.
func TestParameterFoldingTogetherIsStable(t *testing.T) {
	rs, ds := parse(t, map[string]string{
		"main.json": `{` + schema + `,
"parameters": {"σ": {"type": "string"}, "ς": {"type": "string"}},
"resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01",
  "name": "[concat(parameters('Σ'), copyIndex())]", "copy": {"name": "c", "count": 64}}]}`,
		"main.parameters.json": `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {"σ": {"value": "a"}, "ς": {"value": "b"}}}`,
	}, Options{})
	got := addrs(rs)
	if !cmp.Equal(got, named("a")) && !cmp.Equal(got, named("b")) {
		t.Errorf("Σ reads σ for some resources and ς for others: %v; diagnostics: %v", got, ds)
	}
}

// named returns the sorted addresses of the 64 registries named prefix
// followed by their index.
func named(prefix string) []string {
	var out []string
	for i := range 64 {
		out = append(out, fmt.Sprintf("Microsoft.ContainerRegistry/registries/%s%d", prefix, i))
	}
	slices.Sort(out)
	return out
}
