package terraform

import (
	"slices"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
)

// Remote module sources are never fetched: each is a note on its module
// block, and what reads its outputs is unknown.
func TestRemoteModulesNotFetched(t *testing.T) {
	rs, ds := parse(t, map[string]string{"main.tf": `module "registry" {
  source  = "Azure/avm-res-containerregistry-registry/azurerm"
  version = "0.4.0"
}
module "git" {
  source = "git::https://example.com/modules.git//acr?ref=v1"
}
module "http" {
  source = "https://example.com/acr-module.zip"
}
resource "azurerm_container_registry" "acr" {
  name = module.git.name
}
`}, Options{})
	var lines []int
	for _, d := range ds {
		if d.Summary == "Module not available" && d.Severity == diag.Note {
			lines = append(lines, d.Subject.Start.Line)
		}
	}
	slices.Sort(lines)
	if !slices.Equal(lines, []int{1, 5, 8}) {
		t.Errorf("want a note on each module block (lines 1, 5, 8), got %v", ds)
	}
	if _, known := body(t, rs, "azurerm_container_registry.acr")["name"].(graph.Unknown); !known {
		t.Errorf("an output of a module not read must be unknown: %v", body(t, rs, "azurerm_container_registry.acr")["name"])
	}
}
