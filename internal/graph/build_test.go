package graph_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/terraform"
)

func build(t *testing.T, src string) *graph.Graph {
	t.Helper()
	root := t.TempDir()
	p := filepath.Join(root, "main.tf")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, ds := terraform.Parse(root, []string{p}, terraform.Options{})
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	g := graph.Build(rs)
	validate(t, g)
	return g
}

// validate checks the policy input against docs/graph.schema.json.
func validate(t *testing.T, g *graph.Graph) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../../docs/graph.schema.json")
	if err != nil {
		t.Fatalf("compile schema: %v", err)
	}
	raw, err := json.Marshal(g.Input())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("graph does not follow docs/graph.schema.json: %v\n%s", err, raw)
	}
}

func node(t *testing.T, g *graph.Graph, id string) *graph.Node {
	t.Helper()
	n, ok := g.Nodes[id]
	if !ok {
		t.Fatalf("no node %s; have %v", id, g.SortedIDs())
	}
	return n
}

const design = `
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = "rg"
  location            = "West Europe"
  address_space       = ["10.0.0.0/16"]
  subnet {
    name           = "inline"
    address_prefix = "10.0.9.0/24"
  }
}
resource "azurerm_subnet" "pe" {
  name                 = "pe"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.ContainerRegistry"]
}
resource "azurerm_container_registry" "acr" {
  name                = "MyAcr"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
  network_rule_bypass_option = "None"
  georeplications {
    location = "North Europe"
  }
  georeplications {
    location = "eastus"
  }
  network_rule_set {
    default_action = "Deny"
    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}
resource "azurerm_private_dns_zone" "z" {
  name                = "privatelink.azurecr.io"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "l" {
  name                  = "l"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.z.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_dns_a_record" "a" {
  name                = "myacr"
  zone_name           = "privatelink.azurecr.io"
  resource_group_name = "rg"
  records             = ["10.0.1.4"]
}
resource "azurerm_private_dns_a_record" "b" {
  name                = "myacr.westeurope.data"
  zone_name           = azurerm_private_dns_zone.z.name
  resource_group_name = "rg"
  records             = [azurerm_private_endpoint.pe.private_service_connection[0].private_ip_address]
}
resource "azurerm_private_endpoint" "pe" {
  name      = "pe"
  location  = "westeurope"
  subnet_id = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "c"
    private_connection_resource_id = azurerm_container_registry.acr.id
    subresource_names              = ["registry"]
  }
  private_dns_zone_group {
    name                 = "g"
    private_dns_zone_ids = [azurerm_private_dns_zone.z.id, "/subscriptions/s/resourceGroups/other/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"]
  }
}
`

func TestRegistryNode(t *testing.T) {
	g := build(t, design)
	n := node(t, g, "registry/main.tf/azurerm_container_registry.acr")
	want := map[string]any{
		"name": "MyAcr", "sku": "Premium", "login_server": "myacr.azurecr.io",
		"public_network_access": true, "default_action": "Deny", "ip_rules": []string{"203.0.113.0/24"},
		"vnet_rules": []string{}, "bypass_azure_services": false, "data_endpoint_enabled": false,
		"replica_locations": []string{"northeurope", "eastus"},
		"data_endpoints":    []string{"myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io", "myacr.eastus.data.azurecr.io"},
		"restricted":        true,
	}
	if diff := cmp.Diff(want, n.Attrs); diff != "" {
		t.Errorf("attrs (-want +got):\n%s", diff)
	}
	for attr, line := range map[string]int{"sku": 23, "default_action": 32, "replica_locations": 25, "ip_rules": 33, "bypass_azure_services": 24} {
		if got, _ := n.Pos(attr); got != line {
			t.Errorf("line of %s = %d, want %d", attr, got, line)
		}
	}
}

func TestDefaultsWhenUnset(t *testing.T) {
	g := build(t, `resource "azurerm_container_registry" "acr" {
  name     = "a"
  location = "westeurope"
  sku      = "Basic"
}`)
	n := node(t, g, "registry/main.tf/azurerm_container_registry.acr")
	for attr, want := range map[string]any{
		"public_network_access": true, "default_action": "Allow", "bypass_azure_services": true,
		"data_endpoint_enabled": false, "restricted": false, "replica_locations": []string{},
	} {
		if diff := cmp.Diff(want, n.Attrs[attr]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", attr, diff)
		}
	}
	if line, _ := n.Pos("public_network_access"); line != 1 {
		t.Errorf("a default points at the resource, got line %d", line)
	}
}

func TestNetworkNodes(t *testing.T) {
	g := build(t, design)
	pe := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint.pe")
	if diff := cmp.Diff("subnet/main.tf/azurerm_subnet.pe", pe.Attrs["subnet"]); diff != "" {
		t.Errorf("subnet (-want +got):\n%s", diff)
	}
	wantConn := []any{map[string]any{"name": "c", "resource": "registry/main.tf/azurerm_container_registry.acr", "group_ids": []string{"registry"}}}
	if diff := cmp.Diff(wantConn, pe.Attrs["connections"]); diff != "" {
		t.Errorf("connections (-want +got):\n%s", diff)
	}
	ext := "external/private_dns_zone//subscriptions/s/resourcegroups/other/providers/microsoft.network/privatednszones/privatelink.azurecr.io"
	if diff := cmp.Diff([]string{"private_dns_zone/main.tf/azurerm_private_dns_zone.z", ext}, pe.Attrs["dns_zones"]); diff != "" {
		t.Errorf("dns_zones (-want +got):\n%s", diff)
	}
	if st := node(t, g, ext); !st.External || st.Name != "privatelink.azurecr.io" || st.ResourceGroup != "other" {
		t.Errorf("stub: %+v", st)
	}
	z := node(t, g, "private_dns_zone/main.tf/azurerm_private_dns_zone.z")
	wantZone := map[string]any{
		"name":         "privatelink.azurecr.io",
		"records":      map[string]any{"myacr": []string{"10.0.1.4"}, "myacr.westeurope.data": []string{}},
		"linked_vnets": []string{"vnet/main.tf/azurerm_virtual_network.hub"},
	}
	if diff := cmp.Diff(wantZone, z.Attrs); diff != "" {
		t.Errorf("zone (-want +got):\n%s", diff)
	}
	sn := node(t, g, "subnet/main.tf/azurerm_subnet.pe")
	if sn.Attrs["vnet"] != "vnet/main.tf/azurerm_virtual_network.hub" {
		t.Errorf("subnet vnet = %v", sn.Attrs["vnet"])
	}
	inline := node(t, g, "vnet/main.tf/azurerm_virtual_network.hub/subnet/inline")
	if diff := cmp.Diff([]string{"10.0.9.0/24"}, inline.Attrs["address_prefixes"]); diff != "" {
		t.Errorf("inline subnet (-want +got):\n%s", diff)
	}
	if node(t, g, "vnet/main.tf/azurerm_virtual_network.hub").Location != "westeurope" {
		t.Error("location not normalized")
	}
}

func TestLiteralIDsAndDataSources(t *testing.T) {
	g := build(t, `
resource "azurerm_container_registry" "acr" {
  name                = "shared"
  resource_group_name = "rg-shared"
  location            = "westeurope"
  sku                 = "Premium"
}
data "azurerm_container_registry" "same" {
  name                = "shared"
  resource_group_name = "rg-shared"
}
data "azurerm_subnet" "elsewhere" {
  name                 = "snet"
  virtual_network_name = "vnet"
  resource_group_name  = "rg-net"
}
resource "azurerm_private_endpoint" "by_id" {
  name      = "pe1"
  subnet_id = data.azurerm_subnet.elsewhere.id
  private_service_connection {
    name                           = "c"
    private_connection_resource_id = "/subscriptions/0000/resourceGroups/RG-SHARED/providers/Microsoft.ContainerRegistry/registries/shared"
    subresource_names              = ["registry"]
  }
}
resource "azurerm_private_endpoint" "by_data" {
  name      = "pe2"
  subnet_id = "/subscriptions/0000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"
  private_service_connection {
    name                           = "c"
    private_connection_resource_id = data.azurerm_container_registry.same.id
    subresource_names              = ["registry"]
  }
}
`)
	acr := "registry/main.tf/azurerm_container_registry.acr"
	for _, pe := range []string{"by_id", "by_data"} {
		n := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint."+pe)
		conns := n.Attrs["connections"].([]any)
		if got := conns[0].(map[string]any)["resource"]; got != acr {
			t.Errorf("%s connects to %v, want %s", pe, got, acr)
		}
	}
	sub := node(t, g, "subnet/main.tf/data.azurerm_subnet.elsewhere")
	if !sub.External || len(sub.Attrs) != 1 {
		t.Errorf("a data source outside the scan is an external node without defaults: %+v", sub)
	}
	if got := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint.by_id").Attrs["subnet"]; got != sub.ID {
		t.Errorf("subnet through a data source = %v", got)
	}
	if got := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint.by_data").Attrs["subnet"]; got != sub.ID {
		t.Errorf("subnet by literal ID = %v, want the data source's node %s", got, sub.ID)
	}
	if _, ok := g.Nodes["registry/main.tf/data.azurerm_container_registry.same"]; ok {
		t.Error("a data source naming a scanned registry must be that registry, not a node of its own")
	}
}

func TestUnknownsAreListedNotGuessed(t *testing.T) {
	g := build(t, `
resource "random_string" "s" { length = 4 }
resource "azurerm_container_registry" "acr" {
  name                          = "acr${random_string.s.result}"
  location                      = "westeurope"
  sku                           = "Premium"
  public_network_access_enabled = random_string.s.special
}
resource "azurerm_private_dns_zone" "z" { name = "privatelink.azurecr.io" }
resource "azurerm_private_dns_a_record" "r" {
  name      = azurerm_container_registry.acr.name
  zone_name = azurerm_private_dns_zone.z.name
  records   = ["10.0.0.4"]
}
variable "subnet_id" { type = string }
resource "azurerm_private_endpoint" "pe" {
  name      = "pe"
  subnet_id = var.subnet_id
}
`)
	acr := node(t, g, "registry/main.tf/azurerm_container_registry.acr")
	for _, attr := range []string{"name", "public_network_access", "login_server", "data_endpoints", "restricted"} {
		if _, known := acr.Attrs[attr]; known || !slices.Contains(acr.Unknown, attr) {
			t.Errorf("%s must be unknown, not %v (unknown %v)", attr, acr.Attrs[attr], acr.Unknown)
		}
	}
	z := node(t, g, "private_dns_zone/main.tf/azurerm_private_dns_zone.z")
	if _, known := z.Attrs["records"]; known || !slices.Contains(z.Unknown, "records") {
		t.Errorf("a record with an unknown name makes records unknown: %+v", z)
	}
	pe := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint.pe")
	if _, known := pe.Attrs["subnet"]; known || !slices.Contains(pe.Unknown, "subnet") {
		t.Errorf("an unresolvable subnet is unknown: %+v", pe)
	}
}

func TestUnknownInstancesMakeFoldedAttributesUnknown(t *testing.T) {
	g := build(t, `
variable "vnets" { type = set(string) }
resource "azurerm_private_dns_zone" "z" { name = "privatelink.azurecr.io" }
resource "azurerm_private_dns_zone_virtual_network_link" "l" {
  for_each              = var.vnets
  name                  = each.key
  private_dns_zone_name = azurerm_private_dns_zone.z.name
  virtual_network_id    = each.value
}
resource "azurerm_private_dns_a_record" "r" {
  count     = length(var.vnets)
  name      = "r${count.index}"
  zone_name = azurerm_private_dns_zone.z.name
  records   = ["10.0.0.4"]
}
`)
	z := node(t, g, "private_dns_zone/main.tf/azurerm_private_dns_zone.z")
	for _, attr := range []string{"linked_vnets", "records"} {
		if _, known := z.Attrs[attr]; known || !slices.Contains(z.Unknown, attr) {
			t.Errorf("%s must be unknown when the instances adding to it are: %+v", attr, z)
		}
	}
	if len(g.Nodes) != 1 {
		t.Errorf("a resource with unknown instances is no node: %v", g.SortedIDs())
	}
}

func TestReferencesToOtherResourceTypes(t *testing.T) {
	g := build(t, `
resource "azurerm_storage_account" "sa" { name = "sa" }
resource "azurerm_container_registry" "acr" {
  name                = "acr1"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Premium"
}
resource "azurerm_monitor_diagnostic_setting" "sa" {
  name               = "sa"
  target_resource_id = azurerm_storage_account.sa.id
}
resource "azurerm_monitor_diagnostic_setting" "lit" {
  name               = "lit"
  target_resource_id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other"
}
resource "azurerm_private_endpoint" "pe" {
  name = "pe"
  private_service_connection {
    name                           = "c"
    private_connection_resource_id = "/subscriptions/s/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/v"
  }
}
`)
	if got := node(t, g, "diagnostic_setting/main.tf/azurerm_monitor_diagnostic_setting.sa").Attrs["target"]; got != "resource/azurerm_storage_account/azurerm_storage_account.sa" {
		t.Errorf("a reference to an unmodelled resource is known not to be a node: %v", got)
	}
	if got := node(t, g, "diagnostic_setting/main.tf/azurerm_monitor_diagnostic_setting.lit").Attrs["target"]; got != "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/other" {
		t.Errorf("a literal ID of an unmodelled type stays the ID: %v", got)
	}
	conns := node(t, g, "private_endpoint/main.tf/azurerm_private_endpoint.pe").Attrs["connections"].([]any)
	stub := conns[0].(map[string]any)["resource"].(string)
	if n := node(t, g, stub); n.Kind != "vnet" || !n.External {
		t.Errorf("a stub takes the kind its ID names, not the kind expected: %+v", n)
	}
}

func TestRelativeScope(t *testing.T) {
	g := graph.Build([]graph.Resource{
		{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries", Address: "Microsoft.ContainerRegistry/registries/acr",
			Range: diagRange(), Body: map[string]graph.Value{"name": "acr", "location": "westeurope", "sku": map[string]graph.Value{"name": "Premium"}}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.Insights/diagnosticSettings", Address: "Microsoft.Insights/diagnosticSettings/logs",
			Range: diagRange(), Body: map[string]graph.Value{"name": "logs", "scope": "Microsoft.ContainerRegistry/registries/acr",
				"properties": map[string]graph.Value{"workspaceId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w",
					"logs": []graph.Value{map[string]graph.Value{"category": "ContainerRegistryLoginEvents", "enabled": true}}}}},
	})
	diagSetting := node(t, g, "diagnostic_setting/main.json/Microsoft.Insights/diagnosticSettings/logs")
	if diagSetting.Attrs["target"] != "registry/main.json/Microsoft.ContainerRegistry/registries/acr" {
		t.Errorf("a relative scope names the registry of the same deployment: %+v", diagSetting.Attrs)
	}
}

func diagRange() diag.Range {
	return diag.Range{File: "main.json", Start: diag.Pos{Line: 1, Column: 1}}
}

func TestUnknownReplicaName(t *testing.T) {
	g := graph.Build([]graph.Resource{
		{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries", Address: "Microsoft.ContainerRegistry/registries/acr",
			Range: diagRange(), Body: map[string]graph.Value{"name": "acr", "location": "westeurope", "sku": map[string]graph.Value{"name": "Premium"}}},
		{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries/replications", Address: "Microsoft.ContainerRegistry/registries/?",
			Range: diagRange(), Body: map[string]graph.Value{"name": graph.Unknown{}, "location": "northeurope"}},
	})
	reg := node(t, g, "registry/main.json/Microsoft.ContainerRegistry/registries/acr")
	for _, attr := range []string{"replica_locations", "data_endpoints"} {
		if _, known := reg.Attrs[attr]; known || !slices.Contains(reg.Unknown, attr) {
			t.Errorf("%s must be unknown when a replica's name is: %+v", attr, reg)
		}
	}
}

// TestExistingSubnetOfInlineSubnets: an existing subnet resource naming a
// subnet declared inline in a VNet of the scan is that subnet; a value read
// from a VNet is not a subnet of it.
func TestExistingSubnetOfInlineSubnets(t *testing.T) {
	vnet := graph.Resource{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/virtualNetworks", Address: "Microsoft.Network/virtualNetworks/vnet-app",
		Range: diagRange(), Body: map[string]graph.Value{"name": "vnet-app", "location": "westeurope", "properties": map[string]graph.Value{
			"subnets": []graph.Value{map[string]graph.Value{"name": "snet-pe", "properties": map[string]graph.Value{"addressPrefix": "10.1.1.0/24"}}}}}}
	existing := graph.Resource{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/virtualNetworks/subnets", Existing: true,
		Address: "Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-pe", Range: diagRange(), Body: map[string]graph.Value{"name": "vnet-app/snet-pe"}}
	pe := func(name string, subnet graph.Value) graph.Resource {
		return graph.Resource{Format: "arm", Scope: "main.json", Type: "Microsoft.Network/privateEndpoints", Address: "Microsoft.Network/privateEndpoints/" + name,
			Range: diagRange(), Body: map[string]graph.Value{"name": name, "location": "westeurope", "properties": map[string]graph.Value{
				"subnet": map[string]graph.Value{"id": subnet}}}}
	}
	g := graph.Build([]graph.Resource{vnet, existing,
		pe("by-id", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-pe"),
		pe("by-ref", graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.Network/virtualNetworks/vnet-app/subnets/snet-pe"}}}),
		pe("from-vnet", graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.Network/virtualNetworks/vnet-app"}}}),
	})
	inline := "vnet/main.json/Microsoft.Network/virtualNetworks/vnet-app/subnet/snet-pe"
	for _, name := range []string{"by-id", "by-ref"} {
		if got := node(t, g, "private_endpoint/main.json/Microsoft.Network/privateEndpoints/"+name).Attrs["subnet"]; got != inline {
			t.Errorf("%s: subnet %v, want the inline subnet", name, got)
		}
	}
	n := node(t, g, "private_endpoint/main.json/Microsoft.Network/privateEndpoints/from-vnet")
	if _, ok := n.Attrs["subnet"]; ok || !slices.Contains(n.Unknown, "subnet") {
		t.Errorf("a value read from the VNet: subnet %v, unknown %v", n.Attrs["subnet"], n.Unknown)
	}
	for id := range g.Nodes {
		if strings.HasPrefix(id, "external/") || strings.HasPrefix(id, "subnet/") {
			t.Errorf("unexpected node %s", id)
		}
	}
}

// TestSameIDsInTwoDeployments: two templates deploying resources of the
// same names (a design and its copy) each resolve their IDs to their own
// resources, not to an external stub.
func TestSameIDsInTwoDeployments(t *testing.T) {
	var rs []graph.Resource
	for _, scope := range []string{"dev/main.json", "prod/main.json"} {
		rng := diag.Range{File: scope, Start: diag.Pos{Line: 1, Column: 1}}
		rs = append(rs,
			graph.Resource{Format: "arm", Scope: scope, Type: "Microsoft.ContainerRegistry/registries", Address: "Microsoft.ContainerRegistry/registries/acr",
				Range: rng, Body: map[string]graph.Value{"name": "acr", "location": "westeurope", "sku": map[string]graph.Value{"name": "Premium"}}},
			graph.Resource{Format: "arm", Scope: scope, Type: "Microsoft.Network/privateEndpoints", Address: "Microsoft.Network/privateEndpoints/pe",
				Range: rng, Body: map[string]graph.Value{"name": "pe", "location": "westeurope", "properties": map[string]graph.Value{
					"privateLinkServiceConnections": []graph.Value{map[string]graph.Value{"name": "c", "properties": map[string]graph.Value{
						"groupIds":             []graph.Value{"registry"},
						"privateLinkServiceId": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ContainerRegistry/registries/acr",
					}}}}}})
	}
	g := graph.Build(rs)
	for _, scope := range []string{"dev/main.json", "prod/main.json"} {
		pe := node(t, g, "private_endpoint/"+scope+"/Microsoft.Network/privateEndpoints/pe")
		conns, _ := pe.Attrs["connections"].([]any)
		if len(conns) != 1 || conns[0].(map[string]any)["resource"] != "registry/"+scope+"/Microsoft.ContainerRegistry/registries/acr" {
			t.Errorf("%s: connections %v, want the registry of the same deployment", scope, conns)
		}
	}
}

// TestSharedExistingResourceWhateverTheOrder: when several deployments
// declare the same resource existing, a literal ID elsewhere resolves to
// the same node whatever order the resources come in.
func TestSharedExistingResourceWhateverTheOrder(t *testing.T) {
	existing := func(scope string) graph.Resource {
		return graph.Resource{Format: "bicep", Scope: scope, Type: "Microsoft.ContainerRegistry/registries", Existing: true,
			Address: "Microsoft.ContainerRegistry/registries/acrshared", ResourceGroup: "rg-shared", Subscription: "11111111-1111-1111-1111-111111111111",
			Range: diag.Range{File: scope}, Body: map[string]graph.Value{"name": "acrshared"}}
	}
	pe := graph.Resource{Format: "arm", Scope: "c/main.json", Type: "Microsoft.Network/privateEndpoints", Address: "Microsoft.Network/privateEndpoints/pe",
		Range: diag.Range{File: "c/main.json"}, Body: map[string]graph.Value{"name": "pe", "location": "westeurope", "properties": map[string]graph.Value{
			"privateLinkServiceConnections": []graph.Value{map[string]graph.Value{"name": "c", "properties": map[string]graph.Value{
				"groupIds":             []graph.Value{"registry"},
				"privateLinkServiceId": "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrshared",
			}}}}}}
	target := func(rs ...graph.Resource) any {
		g := graph.Build(rs)
		conns, _ := node(t, g, "private_endpoint/c/main.json/Microsoft.Network/privateEndpoints/pe").Attrs["connections"].([]any)
		if len(conns) != 1 {
			t.Fatalf("connections %v", conns)
		}
		return conns[0].(map[string]any)["resource"]
	}
	ab := target(existing("a/main.bicep"), existing("b/main.bicep"), pe)
	ba := target(existing("b/main.bicep"), existing("a/main.bicep"), pe)
	if ab != ba {
		t.Errorf("the ID resolves to %v or %v depending on the order", ab, ba)
	}
}

// TestTaskBeforeItsRegistry: an ARM task names its registry by its parent
// name; the registry is found whichever comes first in the template.
func TestTaskBeforeItsRegistry(t *testing.T) {
	reg := graph.Resource{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries", Address: "Microsoft.ContainerRegistry/registries/acr",
		Range: diag.Range{File: "main.json"}, Body: map[string]graph.Value{"name": "acr", "location": "westeurope"}}
	task := graph.Resource{Format: "arm", Scope: "main.json", Type: "Microsoft.ContainerRegistry/registries/tasks", Address: "Microsoft.ContainerRegistry/registries/tasks/acr/build",
		Range: diag.Range{File: "main.json"}, Body: map[string]graph.Value{"name": "acr/build", "location": "westeurope"}}
	for _, rs := range [][]graph.Resource{{reg, task}, {task, reg}} {
		g := graph.Build(rs)
		got := node(t, g, "registry_task/main.json/Microsoft.ContainerRegistry/registries/tasks/acr/build").Attrs["registry"]
		if want := "registry/main.json/Microsoft.ContainerRegistry/registries/acr"; got != want {
			t.Errorf("task first %v: registry %v, want %v", rs[0].Type == task.Type, got, want)
		}
	}
}

// TestBuildWhateverTheCPUs: resources are read into nodes on every CPU and
// what each adds to the builder is applied in the order of the resources,
// so the graph is the one built on a single CPU. A mapper that wrote to the
// builder directly would make this fail (and .ci/race report it).
func TestBuildWhateverTheCPUs(t *testing.T) {
	rs := parsedCorpus(t, 1500, 3)
	input := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		raw, err := json.Marshal(graph.Build(rs).Input())
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	one := input(1)
	for range 3 {
		if many := input(4); !bytes.Equal(one, many) {
			t.Fatalf("the graph built on 4 CPUs differs from the one built on 1 (%d and %d bytes)", len(many), len(one))
		}
	}
}
