package graph_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/acrlint/acrlint/internal/diag"
	"github.com/acrlint/acrlint/internal/graph"
	"github.com/acrlint/acrlint/parsers/arm"
)

const armSchema = `"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0"`

// buildARM builds the graph of one ARM template whose resources array is
// resources, one JSON value a line from line 4 on.
func buildARM(t *testing.T, params, resources string) *graph.Graph {
	t.Helper()
	root := t.TempDir()
	p := filepath.Join(root, "main.json")
	src := "{" + armSchema + ",\n" +
		`"parameters": {` + params + "},\n" +
		`"resources": [` + "\n" + resources + "\n]}\n"
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	rs, ds := arm.Parse(root, []string{p}, arm.Options{})
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	return graph.Build(rs)
}

type wantWarning struct {
	line int
	text []string // substrings of the message
}

func TestARMPropertyWarnings(t *testing.T) {
	const registry = `{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2023-07-01", "name": "acr", "location": "westeurope", "sku": {"name": "Premium"},`
	tests := []struct {
		name      string
		params    string
		resources string
		want      []wantWarning
	}{
		{
			name: "misspelt property",
			resources: registry + "\n" +
				`"properties": {` + "\n" +
				`"publicNetworkAcces": "Disabled"` + "\n" +
				`}}`,
			want: []wantWarning{{6, []string{
				`Microsoft.ContainerRegistry/registries has no property "publicNetworkAcces" under properties; Azure ignores it and deploys the default.`,
				`Did you mean "publicNetworkAccess"?`,
			}}},
		},
		{
			name: "misspelt nested property in a list",
			resources: registry + "\n" +
				`"properties": {"networkRuleSet": {"defaultAction": "Deny", "ipRules": [` + "\n" +
				`{"value": "1.2.3.4", "action": "Allow"},` + "\n" +
				`{"valeu": "5.6.7.8"}` + "\n" +
				`]}}}`,
			want: []wantWarning{{7, []string{`no property "valeu" under properties.networkRuleSet.ipRules[1]`, `Did you mean "value"?`}}},
		},
		{
			name: "enum value out of range",
			resources: registry + "\n" +
				`"properties": {` + "\n" +
				`"publicNetworkAccess": "Disable",` + "\n" +
				`"networkRuleSet": {"defaultAction": "Block"}` + "\n" +
				`}}`,
			want: []wantWarning{
				{6, []string{`properties.publicNetworkAccess is "Disable", not one of "Enabled", "Disabled". Did you mean "Disabled"?`}},
				{7, []string{`properties.networkRuleSet.defaultAction is "Block", not one of "Allow", "Deny".`}},
			},
		},
		{
			name: "enum given a boolean",
			resources: registry + "\n" +
				`"properties": {` + "\n" +
				`"publicNetworkAccess": false` + "\n" +
				`}}`,
			want: []wantWarning{{6, []string{`properties.publicNetworkAccess is false, not one of "Enabled", "Disabled".`}}},
		},
		{
			name: "read-only property",
			resources: registry + "\n" +
				`"properties": {` + "\n" +
				`"loginServer": "acr.azurecr.io",` + "\n" +
				`"provisioningState": "Succeeded"` + "\n" +
				`}}`,
			want: []wantWarning{
				{6, []string{`property "loginServer" under properties is read-only; Azure ignores it`}},
				{7, []string{`property "provisioningState" under properties is read-only`}},
			},
		},
		{
			name: "property at the wrong level",
			resources: registry + "\n" +
				`"publicNetworkAccess": "Disabled",` + "\n" +
				`"properties": {}}`,
			want: []wantWarning{{5, []string{`no property "publicNetworkAccess" at the top level; Azure does not deploy it. It belongs under properties.`}}},
		},
		{
			name: "top-level member under properties",
			resources: registry + "\n" +
				`"properties": {` + "\n" +
				`"tags": {}` + "\n" +
				`}}`,
			want: []wantWarning{{6, []string{`no property "tags" under properties;`, `It belongs at the top level of the resource.`}}},
		},
		{
			name: "correct bodies",
			resources: registry + `
"identity": {"type": "SystemAssigned"}, "tags": {"any": "thing"}, "dependsOn": [], "comments": "c",
"properties": {"publicNetworkAccess": "Disabled", "networkRuleBypassOptions": "AzureServices", "dataEndpointEnabled": true,
  "zoneRedundancy": "Enabled", "adminUserEnabled": false, "anonymousPullEnabled": false,
  "networkRuleSet": {"defaultAction": "Deny", "ipRules": [{"value": "1.2.3.4", "action": "Allow"}]},
  "policies": {"retentionPolicy": {"days": 7, "status": "enabled"}, "exportPolicy": {"status": "disabled"}},
  "encryption": {"status": "disabled"}}},
{"type": "Microsoft.ContainerRegistry/registries/replications", "apiVersion": "2023-07-01", "name": "acr/northeurope", "location": "northeurope",
  "properties": {"regionEndpointEnabled": true, "zoneRedundancy": "Disabled"}},
{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "hub", "location": "westeurope",
  "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "dhcpOptions": {"dnsServers": []},
    "subnets": [{"name": "pe", "properties": {"addressPrefix": "10.0.1.0/24", "privateEndpointNetworkPolicies": "Disabled",
      "serviceEndpoints": [{"service": "Microsoft.ContainerRegistry"}], "networkSecurityGroup": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/n"}}}]}},
{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "hub/apps",
  "properties": {"addressPrefixes": ["10.0.2.0/24"], "delegations": [{"name": "d", "properties": {"serviceName": "Microsoft.Web/serverFarms"}}]}},
{"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": "pe", "location": "westeurope",
  "properties": {"subnet": {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'pe')]"},
    "customNetworkInterfaceName": "pe-nic",
    "privateLinkServiceConnections": [{"name": "c", "properties": {"privateLinkServiceId": "[resourceId('Microsoft.ContainerRegistry/registries', 'acr')]", "groupIds": ["registry"], "requestMessage": "please"}}],
    "ipConfigurations": [{"name": "ip", "properties": {"groupId": "registry", "memberName": "registry", "privateIPAddress": "10.0.1.5"}}],
    "customDnsConfigs": [{"fqdn": "acr.azurecr.io", "ipAddresses": ["10.0.1.5"]}]}},
{"type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "apiVersion": "2024-05-01", "name": "pe/default",
  "properties": {"privateDnsZoneConfigs": [{"name": "z", "properties": {"privateDnsZoneId": "[resourceId('Microsoft.Network/privateDnsZones', 'privatelink.azurecr.io')]"}}]}},
{"type": "Microsoft.Network/privateDnsZones", "apiVersion": "2020-06-01", "name": "privatelink.azurecr.io", "location": "global", "properties": {}},
{"type": "Microsoft.Network/privateDnsZones/A", "apiVersion": "2020-06-01", "name": "privatelink.azurecr.io/acr",
  "properties": {"ttl": 3600, "aRecords": [{"ipv4Address": "10.0.1.5"}]}},
{"type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "apiVersion": "2020-06-01", "name": "privatelink.azurecr.io/hub", "location": "global",
  "properties": {"registrationEnabled": false, "virtualNetwork": {"id": "[resourceId('Microsoft.Network/virtualNetworks', 'hub')]"}}}`,
		},
		{
			name:   "unknown values are skipped",
			params: `"pna": {"type": "string"}, "rules": {"type": "object"}`,
			resources: registry + "\n" +
				`"properties": {"publicNetworkAccess": "[parameters('pna')]", "networkRuleSet": "[parameters('rules')]"}}`,
		},
		{
			name: "names and values are case-insensitive",
			resources: `{"type": "microsoft.containerregistry/Registries", "apiVersion": "2023-07-01", "Name": "acr", "Location": "westeurope", "SKU": {"Name": "premium"},
"Properties": {"PublicNetworkAccess": "disabled", "NETWORKRULESET": {"defaultaction": "deny"}, "networkRuleBypassOptions": "azureservices"}}`,
		},
		{
			name: "preview API versions report only near misses",
			resources: `{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2025-05-01-preview", "name": "acr", "location": "westeurope", "sku": {"name": "Premium"},
"properties": {"someNewPreviewSetting": "On", "networkRuleBypassAllowedForTasks": true,
"publicNetworkAces": "Disabled"}}`,
			want: []wantWarning{{6, []string{`no property "publicNetworkAces"`, `Did you mean "publicNetworkAccess"?`}}},
		},
		{
			name: "API versions newer than the published types report only near misses",
			resources: `{"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2099-01-01", "name": "pe", "location": "westeurope",
"properties": {"ipVersionType": "IPv4", "customNetworkInterfaceNme": "nic"}}`,
			want: []wantWarning{{5, []string{`no property "customNetworkInterfaceNme"`, `Did you mean "customNetworkInterfaceName"?`}}},
		},
		{
			name: "copies warn once",
			resources: `{"type": "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "apiVersion": "2020-06-01", "name": "[concat('z/l', copyIndex())]", "location": "global",
"copy": {"name": "links", "count": 3},
"properties": {"registrationEnabeld": false}}`,
			want: []wantWarning{{6, []string{`Microsoft.Network/privateDnsZones/virtualNetworkLinks has no property "registrationEnabeld" under properties`, `Did you mean "registrationEnabled"?`}}},
		},
		{
			name: "child resource without location",
			resources: `{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2024-05-01", "name": "hub/pe",
"location": "westeurope", "properties": {"addressPrefix": "10.0.1.0/24"}}`,
			want: []wantWarning{{5, []string{`Microsoft.Network/virtualNetworks/subnets has no property "location" at the top level`}}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := buildARM(t, tc.params, tc.resources)
			var got diag.Diagnostics
			for _, d := range g.Diagnostics {
				if d.Severity == diag.Warning {
					got = append(got, d)
				}
			}
			got.Sort()
			if len(got) != len(tc.want) {
				t.Fatalf("want %d warnings, got %d:\n%s", len(tc.want), len(got), dump(got))
			}
			for i, w := range tc.want {
				d := got[i]
				if d.Subject.File != "main.json" || d.Subject.Start.Line != w.line {
					t.Errorf("warning %d at %s:%d, want main.json:%d: %s", i, d.Subject.File, d.Subject.Start.Line, w.line, d.Message())
				}
				for _, s := range w.text {
					if !strings.Contains(d.Message(), s) {
						t.Errorf("warning %d: want %q in %q", i, s, d.Message())
					}
				}
			}
		})
	}
}

func dump(ds diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Error() + "\n")
	}
	return b.String()
}

// TestARMPropertyValues checks resources as a Bicep evaluation yields them:
// values read from other resources, unknown values inside objects, and
// formats that are not ARM.
func TestARMPropertyValues(t *testing.T) {
	pos := func(line int) diag.Pos { return diag.Pos{Line: line, Column: 3} }
	r := graph.Resource{
		Format:  "bicep",
		Type:    "Microsoft.Network/privateEndpoints",
		Address: "pe",
		Range:   diag.Range{File: "main.bicep", Start: pos(1), End: pos(20)},
		Body: map[string]graph.Value{
			"name":     "pe",
			"location": graph.Known{Value: "westeurope", Refs: []graph.Ref{{Address: "vnet", Attr: "location"}}},
			"properties": map[string]graph.Value{
				"subnet": map[string]graph.Value{"id": graph.Unknown{}},
				"privateLinkServiceConnections": []graph.Value{
					map[string]graph.Value{
						"name":       "c",
						"properties": graph.Unknown{},
					},
					graph.Unknown{},
				},
				"manualPrivateLinkServiceConnections": graph.Unknown{},
				"customDnsConfig":                     []graph.Value{},
			},
		},
		Lines: map[string]diag.Pos{
			"properties":                 pos(3),
			"properties.customDnsConfig": pos(9),
		},
	}
	g := graph.Build([]graph.Resource{r})
	if len(g.Diagnostics) != 1 {
		t.Fatalf("want one warning, got:\n%s", dump(g.Diagnostics))
	}
	d := g.Diagnostics[0]
	if d.Severity != diag.Warning || d.Subject.File != "main.bicep" || d.Subject.Start != pos(9) ||
		!strings.Contains(d.Message(), `has no property "customDnsConfig" under properties`) ||
		!strings.Contains(d.Message(), `Did you mean "customDnsConfigs"?`) {
		t.Errorf("got %s", d.Error())
	}

	// Terraform resources, existing resources and types acrlint does not
	// model are not checked.
	tf := r
	tf.Format = "terraform"
	existing := r
	existing.Existing = true
	other := r
	other.Type = "Microsoft.Storage/storageAccounts"
	if ds := graph.Build([]graph.Resource{tf, existing, other}).Diagnostics; len(ds) != 0 {
		t.Errorf("want no warnings, got:\n%s", dump(ds))
	}
}
