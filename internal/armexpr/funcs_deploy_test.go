package armexpr

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/acrlint/acrlint/internal/graph"
)

const testSub = "aaaaaaaa-0000-0000-0000-000000000001"

// The resourceId example of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#resourceid
// deployed to resource group "examplegroup" ({current-sub-id} is the
// deployment's subscription).
func TestResourceIDDocs(t *testing.T) {
	c := &Context{Deployment: DeploymentInfo{SubscriptionID: testSub, ResourceGroup: "examplegroup"}}
	runEval(t, c, []evalCase{
		{"sameRGOutput", "resourceId('Microsoft.Storage/storageAccounts','examplestorage')",
			"/subscriptions/" + testSub + "/resourceGroups/examplegroup/providers/Microsoft.Storage/storageAccounts/examplestorage"},
		{"differentRGOutput", "resourceId('otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')",
			"/subscriptions/" + testSub + "/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage"},
		{"differentSubOutput", "resourceId('11111111-1111-1111-1111-111111111111', 'otherResourceGroup', 'Microsoft.Storage/storageAccounts','examplestorage')",
			"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherResourceGroup/providers/Microsoft.Storage/storageAccounts/examplestorage"},
		{"nestedResourceOutput", "resourceId('Microsoft.SQL/servers/databases', 'serverName', 'databaseName')",
			"/subscriptions/" + testSub + "/resourceGroups/examplegroup/providers/Microsoft.SQL/servers/serverName/databases/databaseName"},
		// The subnet example of the same page (resourceid-external.json).
		{"subnet in another group", "resourceId('vnet-rg', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'subnet1')",
			"/subscriptions/" + testSub + "/resourceGroups/vnet-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/subnet1"},
		// subscriptionResourceId, extensionResourceId and tenantResourceId
		// as the same page describes their formats.
		{"subscriptionResourceId", "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635')",
			"/subscriptions/" + testSub + "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"},
		{"subscriptionResourceId other subscription", "subscriptionResourceId('11111111-1111-1111-1111-111111111111', 'Microsoft.Authorization/roleDefinitions', 'r')",
			"/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/r"},
		{"extensionResourceId", "extensionResourceId(resourceGroup().Id , 'Microsoft.Authorization/locks', 'lock')",
			"/subscriptions/" + testSub + "/resourceGroups/examplegroup/providers/Microsoft.Authorization/locks/lock"},
		{"tenantResourceId", "tenantResourceId('Microsoft.Authorization/policyDefinitions', '0a914e76-4921-4c19-b460-a2d36003525a')",
			"/providers/Microsoft.Authorization/policyDefinitions/0a914e76-4921-4c19-b460-a2d36003525a"},
		{"managementGroupResourceId", "managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')",
			"/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p"},
	})
}

func TestResourceIDScopes(t *testing.T) {
	sub := &Context{Deployment: DeploymentInfo{Scope: ScopeSubscription, SubscriptionID: testSub}}
	runEval(t, sub, []evalCase{
		{"subscription scope", "resourceId('Microsoft.Resources/resourceGroups', 'rg')", "/subscriptions/" + testSub + "/providers/Microsoft.Resources/resourceGroups/rg"},
		{"subscription scope with a subscription id", "resourceId('11111111-1111-1111-1111-111111111111', 'Microsoft.Resources/resourceGroups', 'rg')",
			"/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Resources/resourceGroups/rg"},
		{"subscription scope with a group", "resourceId('rg', 'Microsoft.Network/virtualNetworks', 'v')", "/subscriptions/" + testSub + "/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"},
	})
	tenant := &Context{Deployment: DeploymentInfo{Scope: ScopeTenant}}
	runEval(t, tenant, []evalCase{
		{"tenant scope", "resourceId('Microsoft.Management/managementGroups', 'mg')", "/providers/Microsoft.Management/managementGroups/mg"},
	})
	runEval(t, nil, []evalCase{
		{"placeholders", "resourceId('Microsoft.ContainerRegistry/registries', 'acr')",
			"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.ContainerRegistry/registries/acr"},
		{"names in one argument", "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet/snet')",
			"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet"},
		{"private DNS zone group", "resourceId('Microsoft.Network/privateEndpoints/privateDnsZoneGroups', 'pe', 'default')",
			"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Network/privateEndpoints/pe/privateDnsZoneGroups/default"},
	})
	for _, tt := range []struct{ name, expr, msg string }{
		{"missing name", "resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')", "takes 2 names, got 1"},
		{"no type", "resourceId('a', 'b')", "expected a resource type"},
		{"type too late", "resourceId('a', 'b', 'c', 'Microsoft.Storage/storageAccounts', 'x')", "expected a resource type"},
		{"empty name", "resourceId('Microsoft.Storage/storageAccounts', '')", "cannot be empty"},
	} {
		t.Run(tt.name, func(t *testing.T) { wantEvalError(t, nil, tt.expr, tt.msg) })
	}
}

// The scope and deployment functions, with the formats
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-scope
// and
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment
// document.
func TestScopeFunctions(t *testing.T) {
	c := &Context{Deployment: DeploymentInfo{
		SubscriptionID: testSub, TenantID: "tttttttt-0000-0000-0000-000000000000",
		ResourceGroup: "examplegroup", Location: "westeurope", DeploymentName: "main",
		TemplateLink: "https://example.com/templates/main.json",
	}}
	runEval(t, c, []evalCase{
		{"resourceGroup", "resourceGroup()", obj{
			"id":         "/subscriptions/" + testSub + "/resourceGroups/examplegroup",
			"name":       "examplegroup",
			"type":       "Microsoft.Resources/resourceGroups",
			"location":   "westeurope",
			"tags":       graph.Unknown{},
			"properties": obj{"provisioningState": "Succeeded"},
		}},
		{"resourceGroup location", "resourceGroup().location", "westeurope"},
		{"subscription", "subscription()", obj{
			"id":             "/subscriptions/" + testSub,
			"subscriptionId": testSub,
			"tenantId":       "tttttttt-0000-0000-0000-000000000000",
			"displayName":    graph.Unknown{},
		}},
		{"tenant id", "tenant().tenantId", "tttttttt-0000-0000-0000-000000000000"},
		{"tenant resource id", "tenant().id", "/tenants/tttttttt-0000-0000-0000-000000000000"},
		{"deployment name", "deployment().name", "main"},
		{"template link", "uri(deployment().properties.templateLink.uri, 'nested/azuredeploy.json')", "https://example.com/templates/nested/azuredeploy.json"},
		{"managementGroup", "managementGroup('mg').id", "/providers/Microsoft.Management/managementGroups/mg"},
		{"guid per deployment", "guid(resourceGroup().id, deployment().name)", GUID("/subscriptions/"+testSub+"/resourceGroups/examplegroup", "main")},
	})

	// Without configuration: what the deployment would say is unknown, and
	// resourceId() uses stable placeholders so that references resolve.
	runEval(t, nil, []evalCase{
		{"unknown resource group id", "resourceGroup().id", graph.Unknown{}},
		{"unknown resource group name", "resourceGroup().name", graph.Unknown{}},
		{"unknown location", "resourceGroup().location", graph.Unknown{}},
		{"unknown subscription", "subscription().subscriptionId", graph.Unknown{}},
		{"placeholder resourceId", "resourceId('Microsoft.Network/virtualNetworks', 'v')",
			"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resource-group/providers/Microsoft.Network/virtualNetworks/v"},
		{"placeholder deployment", "deployment().name", DefaultDeploymentName},
		{"unknown template link", "deployment().properties.templateLink.uri", graph.Unknown{}},
		{"uniqueString of the group", "uniqueString(resourceGroup().id)", graph.Unknown{}},
	})
	wantEvalError(t, &Context{Deployment: DeploymentInfo{Scope: ScopeSubscription}}, "resourceGroup()", "has no resource group")
}

// The AzureCloud object of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-deployment#environment
func TestEnvironmentDocs(t *testing.T) {
	want := obj{
		"name":                    "AzureCloud",
		"gallery":                 "https://gallery.azure.com/",
		"graph":                   "https://graph.windows.net/",
		"portal":                  "https://portal.azure.com",
		"graphAudience":           "https://graph.windows.net/",
		"activeDirectoryDataLake": "https://datalake.azure.net/",
		"batch":                   "https://batch.core.windows.net/",
		"media":                   "https://rest.media.azure.net",
		"sqlManagement":           "https://management.core.windows.net:8443/",
		"vmImageAliasDoc":         "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
		"resourceManager":         "https://management.azure.com/",
		"authentication": obj{
			"loginEndpoint":    "https://login.microsoftonline.com/",
			"audiences":        arr{"https://management.core.windows.net/", "https://management.azure.com/"},
			"tenant":           "common",
			"identityProvider": "AAD",
		},
		"suffixes": obj{
			"acrLoginServer":                      ".azurecr.io",
			"azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
			"azureDatalakeStoreFileSystem":        "azuredatalakestore.net",
			"azureFrontDoorEndpointSuffix":        "azurefd.net",
			"keyvaultDns":                         ".vault.azure.net",
			"sqlServerHostname":                   ".database.windows.net",
			"storage":                             "core.windows.net",
		},
	}
	got, err := EvalString("[environment()]", nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(graph.Value(want), got); diff != "" {
		t.Errorf("environment() (-want +got):\n%s", diff)
	}
	runEval(t, &Context{Deployment: DeploymentInfo{Cloud: "AzureChinaCloud"}}, []evalCase{
		{"china acr suffix", "environment().suffixes.acrLoginServer", ".azurecr.cn"},
	})
	runEval(t, &Context{Deployment: DeploymentInfo{Cloud: "AzureUSGovernment"}}, []evalCase{
		{"us gov acr suffix", "environment().suffixes.acrLoginServer", ".azurecr.us"},
	})
	runEval(t, nil, []evalCase{
		{"login server", "concat('myregistry', environment().suffixes.acrLoginServer)", "myregistry.azurecr.io"},
	})
}

func TestParametersVariablesCopyIndex(t *testing.T) {
	// The parameters and variables examples of the deployment functions page.
	c := &Context{
		Parameters: Lookup(obj{"stringParameter": "option 1", "intParameter": int64(1), "objectParameter": obj{"one": "a", "two": "b"}, "arrayParameter": arr{int64(1), int64(2), int64(3)}}),
		Variables:  Lookup(obj{"var1": "myVariable", "var2": arr{int64(1), int64(2), int64(3), int64(4)}, "var4": obj{"property1": "value1", "property2": "value2"}}),
		CopyIndex: func(loop string) (int, bool) {
			switch loop {
			case "":
				return 2, true
			case "storagecopy":
				return 5, true
			}
			return 0, false
		},
	}
	runEval(t, c, []evalCase{
		{"string parameter", "parameters('stringParameter')", "option 1"},
		{"int parameter", "parameters('intParameter')", int64(1)},
		{"object parameter", "parameters('objectParameter')", obj{"one": "a", "two": "b"}},
		{"array parameter", "parameters('arrayParameter')", arr{int64(1), int64(2), int64(3)}},
		{"parameter name case-insensitive", "parameters('STRINGPARAMETER')", "option 1"},
		{"variable", "variables('var1')", "myVariable"},
		{"array variable", "variables('var2')", arr{int64(1), int64(2), int64(3), int64(4)}},
		{"object variable", "variables('var4')", obj{"property1": "value1", "property2": "value2"}},
		{"copyIndex", "copyIndex()", int64(2)},
		{"copyIndex offset", "copyIndex(1)", int64(3)},
		{"copyIndex loop", "copyIndex('storagecopy')", int64(5)},
		{"copyIndex loop offset", "copyIndex('storagecopy', 10)", int64(15)},
		// The copyIndex example of the numeric functions page.
		{"name in a loop", "format('{0}storage{1}', range(0, 3)[copyIndex()], 'x')", "2storagex"},
	})
	wantEvalError(t, c, "copyIndex('other')", `no copy loop named "other"`)
	wantEvalError(t, nil, "copyIndex()", "used outside a copy loop")
	wantEvalError(t, c, "variables('nope')", `the variable "nope" is not defined`)
}

func TestReference(t *testing.T) {
	acr := []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/acr"}}
	c := &Context{
		Parameters: Lookup(obj{"name": "acr"}),
		Reference: func(target graph.Value, full bool) (graph.Value, bool) {
			switch graph.Strip(target) {
			case "acr", "/subscriptions/" + DefaultSubscriptionID + "/resourceGroups/" + DefaultResourceGroup + "/providers/Microsoft.ContainerRegistry/registries/acr":
				if full {
					return graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/acr", Attr: "full"}}}, true
				}
				return graph.Unknown{Refs: acr}, true
			case "known":
				return graph.Known{Value: obj{"properties": obj{"loginServer": "known.azurecr.io"}}, Refs: acr}, true
			}
			return nil, false
		},
	}
	runEval(t, c, []evalCase{
		{"by name", "reference(parameters('name'))", graph.Unknown{Refs: acr}},
		{"by id", "reference(resourceId('Microsoft.ContainerRegistry/registries', 'acr'), '2023-07-01')", graph.Unknown{Refs: acr}},
		{"full", "reference('acr', '2023-07-01', 'Full')", graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/acr", Attr: "full"}}}},
		{"property of a reference", "reference('acr').properties.loginServer", graph.Unknown{Refs: acr}},
		{"known reference keeps its refs", "reference('known').properties.loginServer", graph.Known{Value: "known.azurecr.io", Refs: acr}},
		{"not found", "reference('other')", graph.Unknown{}},
		{"listKeys", "listKeys('acr', '2023-07-01').keys[0].value", graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/acr", Attr: "full"}}}},
		{"listCredentials", "listCredentials(resourceId('Microsoft.ContainerRegistry/registries', 'acr'), '2023-07-01')", graph.Unknown{Refs: []graph.Ref{{Address: "Microsoft.ContainerRegistry/registries/acr", Attr: "full"}}}},
		{"list of a known reference is unknown", "listKeys('known', '2023-07-01')", graph.Unknown{Refs: acr}},
		{"pickZones", "pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')", graph.Unknown{}},
	})
	runEval(t, nil, []evalCase{
		{"no reference function", "reference('x')", graph.Unknown{}},
	})
}

func TestUnknownCopyIndex(t *testing.T) {
	c := &Context{UnknownCopyIndex: true}
	got, err := EvalString("[format('vm-{0}', copyIndex(1))]", c)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(graph.Unknown); !ok {
		t.Errorf("got %#v, want unknown", got)
	}
}
