package cli

import (
	"strings"
	"testing"
)

// TestMixedRepository scans a repository whose registry is an ARM template
// and whose private endpoint and DNS are Terraform, linked by a literal
// resource ID: one graph, and ACR001 names the data endpoint the Terraform
// zone lacks, pointing back at the registry in the template.
func TestMixedRepository(t *testing.T) {
	const dir = "../../testdata/mixed"
	code, stdout, stderr := run(t, "scan", "--format", "json", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s%s", code, ExitFindings, stdout, stderr)
	}
	golden(t, dir+".golden.json", stdout)
	r := decode(t, stdout)
	for _, d := range r.Diagnostics {
		if d.Severity != "note" {
			t.Errorf("the repository does not read cleanly: %+v", d)
		}
	}
	if len(r.Findings) != 1 {
		t.Fatalf("want exactly one finding, got %d:\n%s", len(r.Findings), stdout)
	}
	f := r.Findings[0]
	if f.RuleID != "ACR001" || f.Severity != "error" {
		t.Errorf("want an ACR001 error, got %s %s", f.RuleID, f.Severity)
	}
	if f.Resource != "private_endpoint/main.tf/azurerm_private_endpoint.acr" || f.File != "main.tf" || f.Line <= 0 {
		t.Errorf("want the finding on the Terraform private endpoint, got %s at %s:%d", f.Resource, f.File, f.Line)
	}
	// The login server has its A record: only the data endpoint is missing.
	if !strings.Contains(f.Message, `registry "acrshared" is reached through private endpoint "pe-acrshared" but acrshared.westeurope.data.azurecr.io has no private DNS record`) {
		t.Errorf("the message must name the missing data endpoint and only it: %s", f.Message)
	}
	var registry bool
	for _, rel := range f.Related {
		if rel.File == "registry.json" && rel.Resource == "registry/registry.json/Microsoft.ContainerRegistry/registries/acrshared" && rel.Line > 0 {
			registry = true
		}
	}
	if !registry {
		t.Errorf("want a related location on the registry in registry.json, got %+v", f.Related)
	}
}
