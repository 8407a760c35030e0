package graph_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/arm"
)

// TestFoldedAttributePosition: an attribute that child resources set (a
// zone's VNet links and records, an endpoint's zone group, a registry's
// replicas) points at the first such child, line and column, as nested
// children in a template are indented.
func TestFoldedAttributePosition(t *testing.T) {
	at := func(line, col int) diag.Range {
		return diag.Range{File: "main.json", Start: diag.Pos{Line: line, Column: col}, End: diag.Pos{Line: line + 5, Column: col}}
	}
	zoneID := "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"
	g := graph.Build([]graph.Resource{
		{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries", Address: "Microsoft.ContainerRegistry/registries/acr",
			Range: at(2, 5), Body: map[string]graph.Value{"name": "acr", "location": "westeurope", "sku": map[string]graph.Value{"name": "Premium"}}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries/replications", Address: "Microsoft.ContainerRegistry/registries/acr/replications/northeurope",
			Parent: "Microsoft.ContainerRegistry/registries/acr", Range: at(10, 9), Body: map[string]graph.Value{"name": "acr/northeurope", "location": "northeurope"}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/virtualNetworks", Address: "Microsoft.Network/virtualNetworks/vnet",
			Range: at(20, 5), Body: map[string]graph.Value{"name": "vnet", "location": "westeurope"}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateDnsZones", Address: "Microsoft.Network/privateDnsZones/privatelink.azurecr.io",
			Range: at(30, 5), Body: map[string]graph.Value{"name": "privatelink.azurecr.io", "location": "global"}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", Address: "Microsoft.Network/privateDnsZones/privatelink.azurecr.io/virtualNetworkLinks/vnet",
			Parent: "Microsoft.Network/privateDnsZones/privatelink.azurecr.io", Range: at(35, 9), Body: map[string]graph.Value{"name": "privatelink.azurecr.io/vnet",
				"properties": map[string]graph.Value{"virtualNetwork": map[string]graph.Value{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet"}}}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateDnsZones/A", Address: "Microsoft.Network/privateDnsZones/privatelink.azurecr.io/A/acr",
			Parent: "Microsoft.Network/privateDnsZones/privatelink.azurecr.io", Range: at(45, 9), Body: map[string]graph.Value{"name": "privatelink.azurecr.io/acr",
				"properties": map[string]graph.Value{"aRecords": []graph.Value{map[string]graph.Value{"ipv4Address": "10.0.0.4"}}}}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateEndpoints", Address: "Microsoft.Network/privateEndpoints/pe",
			Range: at(60, 5), Body: map[string]graph.Value{"name": "pe", "location": "westeurope"}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", Address: "Microsoft.Network/privateEndpoints/pe/privateDnsZoneGroups/default",
			Parent: "Microsoft.Network/privateEndpoints/pe", Range: at(70, 9), Body: map[string]graph.Value{"name": "pe/default",
				"properties": map[string]graph.Value{"privateDnsZoneConfigs": []graph.Value{map[string]graph.Value{"properties": map[string]graph.Value{"privateDnsZoneId": zoneID}}}}}},
	})
	for _, c := range []struct {
		id, attr  string
		line, col int
	}{
		{"registry/main.json/Microsoft.ContainerRegistry/registries/acr", "replica_locations", 10, 9},
		{"private_dns_zone/main.json/Microsoft.Network/privateDnsZones/privatelink.azurecr.io", "linked_vnets", 35, 9},
		{"private_dns_zone/main.json/Microsoft.Network/privateDnsZones/privatelink.azurecr.io", "records", 45, 9},
		{"private_endpoint/main.json/Microsoft.Network/privateEndpoints/pe", "dns_zones", 70, 9},
	} {
		line, col := node(t, g, c.id).Pos(c.attr)
		if line != c.line || col != c.col {
			t.Errorf("%s %s at %d:%d, want %d:%d", c.id, c.attr, line, col, c.line, c.col)
		}
	}
}

// TestConnectionsPosition: a private endpoint's connections point at the
// connection list that holds them, not at the empty manual list that
// templates exported from Azure carry beside it.
func TestConnectionsPosition(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, "main.json")
	src := `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/privateEndpoints",
      "apiVersion": "2024-05-01",
      "name": "pe",
      "location": "westeurope",
      "properties": {
        "privateLinkServiceConnections": [
          {
            "name": "registry",
            "properties": {
              "privateLinkServiceId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acr",
              "groupIds": ["registry_data_westeurope"]
            }
          }
        ],
        "manualPrivateLinkServiceConnections": []
      }
    }
  ]
}`
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, ds := arm.Parse(root, []string{p}, arm.Options{})
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	g := graph.Build(rs)
	line, col := node(t, g, "private_endpoint/main.json/Microsoft.Network/privateEndpoints/pe").Pos("connections")
	if line != 11 || col != 42 {
		t.Errorf("connections at %d:%d, want 11:42 (privateLinkServiceConnections)", line, col)
	}
}
