package corpus

import (
	"bytes"
	"encoding/json"
	"strings"
)

// obj is a JSON object that keeps its members in the order written, as
// people write templates: $schema first, type and name before properties.
type obj []member

type member struct {
	key   string
	value any
}

// o builds an object from alternating keys and values.
func o(kv ...any) obj {
	out := make(obj, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, member{kv[i].(string), kv[i+1]})
	}
	return out
}

func (x obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range x {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal encodes without escaping <, > and & (ARM expressions use none,
// but templates are read by people).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

func arr(vs ...any) []any {
	if vs == nil {
		return []any{}
	}
	return vs
}

func indentJSON(v any) ([]byte, error) {
	raw, err := marshal(v)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := json.Indent(&b, raw, "", "  "); err != nil {
		return nil, err
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

const (
	schemaTemplate     = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
	schemaSubscription = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
	schemaParameters   = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
	acrPullRole        = "7f951dda-4ed3-4680-a7ca-43fe172d538d"
	networkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7"
)

// rid is an ARM resourceId() expression body for a type and name
// expressions.
func rid(typ string, names ...string) string {
	return "resourceId('" + typ + "', " + strings.Join(names, ", ") + ")"
}

func expr(s string) string { return "[" + s + "]" }

func param(typ string, extra ...any) obj {
	return append(o("type", typ), o(extra...)...)
}

// armMainTemplate is the subscription-level entry point of an ARM stack:
// the two resource groups, Defender for Containers, and the spoke and hub
// deployments into their groups, each a linked template.
func armMainTemplate() obj {
	rgID := func(v string) string {
		return expr("subscriptionResourceId('Microsoft.Resources/resourceGroups', variables('" + v + "'))")
	}
	return o(
		"$schema", schemaSubscription,
		"contentVersion", "1.0.0.0",
		"metadata", o("description", "Hub-and-spoke landing zone with a private, geo-replicated container registry and an AKS cluster whose egress goes through Azure Firewall."),
		"parameters", o(
			"workload", param("string", "maxLength", 12),
			"environment", param("string", "allowedValues", arr("dev", "test", "prod")),
			"instance", param("string"),
			"location", param("string", "defaultValue", "[deployment().location]"),
			"replicaLocations", param("array", "defaultValue", arr()),
			"hubAddressSpace", param("string"),
			"spokeAddressSpace", param("string"),
			"registrySku", param("string", "defaultValue", "Premium", "allowedValues", arr("Basic", "Standard", "Premium")),
			"privateDnsZoneName", param("string", "defaultValue", "privatelink.azurecr.io"),
			"kubernetesVersion", param("string", "defaultValue", "1.30"),
			"userNodePools", param("int", "defaultValue", 1, "minValue", 0, "maxValue", 5),
			"defenderTier", param("string", "defaultValue", "Standard", "allowedValues", arr("Free", "Standard")),
		),
		"variables", o(
			"name", "[format('{0}-{1}-{2}', parameters('workload'), parameters('environment'), parameters('instance'))]",
			"hubResourceGroup", "[format('rg-hub-{0}', variables('name'))]",
			"spokeResourceGroup", "[format('rg-spoke-{0}', variables('name'))]",
			"registryName", "[format('acr{0}{1}{2}', parameters('workload'), parameters('environment'), parameters('instance'))]",
			"hubVnetName", "[format('vnet-hub-{0}', variables('name'))]",
			"spokeVnetName", "[format('vnet-spoke-{0}', variables('name'))]",
			"firewallSubnetPrefix", "[cidrSubnet(parameters('hubAddressSpace'), 26, 0)]",
			"firewallPrivateIp", "[cidrHost(variables('firewallSubnetPrefix'), 3)]",
			"tags", o("workload", "[parameters('workload')]", "environment", "[parameters('environment')]", "managedBy", "arm"),
		),
		"resources", arr(
			o(
				"type", "Microsoft.Resources/resourceGroups",
				"apiVersion", "2024-03-01",
				"name", "[variables('hubResourceGroup')]",
				"location", "[parameters('location')]",
				"tags", "[variables('tags')]",
			),
			o(
				"type", "Microsoft.Resources/resourceGroups",
				"apiVersion", "2024-03-01",
				"name", "[variables('spokeResourceGroup')]",
				"location", "[parameters('location')]",
				"tags", "[variables('tags')]",
			),
			o(
				"type", "Microsoft.Security/pricings",
				"apiVersion", "2024-01-01",
				"name", "Containers",
				"properties", o("pricingTier", "[parameters('defenderTier')]"),
			),
			o(
				"type", "Microsoft.Resources/deployments",
				"apiVersion", "2022-09-01",
				"name", "[format('spoke-{0}', variables('name'))]",
				"resourceGroup", "[variables('spokeResourceGroup')]",
				"dependsOn", arr(rgID("spokeResourceGroup")),
				"properties", o(
					"mode", "Incremental",
					"templateLink", o("relativePath", "modules/spoke.json"),
					"parameters", o(
						"name", o("value", "[variables('name')]"),
						"vnetName", o("value", "[variables('spokeVnetName')]"),
						"addressSpace", o("value", "[parameters('spokeAddressSpace')]"),
						"location", o("value", "[parameters('location')]"),
						"firewallPrivateIp", o("value", "[variables('firewallPrivateIp')]"),
						"hubVnetId", o("value", "[resourceId(variables('hubResourceGroup'), 'Microsoft.Network/virtualNetworks', variables('hubVnetName'))]"),
						"hubAddressSpace", o("value", "[parameters('hubAddressSpace')]"),
						"kubernetesVersion", o("value", "[parameters('kubernetesVersion')]"),
						"userNodePools", o("value", "[parameters('userNodePools')]"),
						"tags", o("value", "[variables('tags')]"),
					),
				),
			),
			o(
				"type", "Microsoft.Resources/deployments",
				"apiVersion", "2022-09-01",
				"name", "[format('hub-{0}', variables('name'))]",
				"resourceGroup", "[variables('hubResourceGroup')]",
				"dependsOn", arr(rgID("hubResourceGroup"), "[format('spoke-{0}', variables('name'))]"),
				"properties", o(
					"mode", "Incremental",
					"templateLink", o("relativePath", "modules/hub.json"),
					"parameters", o(
						"name", o("value", "[variables('name')]"),
						"registryName", o("value", "[variables('registryName')]"),
						"registrySku", o("value", "[parameters('registrySku')]"),
						"replicaLocations", o("value", "[parameters('replicaLocations')]"),
						"vnetName", o("value", "[variables('hubVnetName')]"),
						"addressSpace", o("value", "[parameters('hubAddressSpace')]"),
						"location", o("value", "[parameters('location')]"),
						"spokeVnetId", o("value", "[reference(format('spoke-{0}', variables('name'))).outputs.vnetId.value]"),
						"spokeAddressSpace", o("value", "[parameters('spokeAddressSpace')]"),
						"privateDnsZoneName", o("value", "[parameters('privateDnsZoneName')]"),
						"kubeletObjectId", o("value", "[reference(format('spoke-{0}', variables('name'))).outputs.kubeletObjectId.value]"),
						"tags", o("value", "[variables('tags')]"),
					),
				),
			),
		),
		"outputs", o(
			"registryLoginServer", o("type", "string", "value", "[reference(format('hub-{0}', variables('name'))).outputs.registryLoginServer.value]"),
		),
	)
}

// armSpokeTemplate is the spoke: VNet with subnets from a variable copy
// loop, NSG with a property copy loop, route table to the firewall, the
// peering back to the hub, and AKS with its user node pools.
func armSpokeTemplate() obj {
	aks := rid("Microsoft.ContainerService/managedClusters", "variables('aksName')")
	identity := rid("Microsoft.ManagedIdentity/userAssignedIdentities", "variables('identityName')")
	subnetID := func(name string) string {
		return expr(rid("Microsoft.Network/virtualNetworks/subnets", "parameters('vnetName')", "'"+name+"'"))
	}
	return o(
		"$schema", schemaTemplate,
		"contentVersion", "1.0.0.0",
		"metadata", o("description", "Spoke of a hub-and-spoke landing zone: AKS behind the hub firewall."),
		"parameters", o(
			"name", param("string"),
			"vnetName", param("string"),
			"addressSpace", param("string"),
			"location", param("string", "defaultValue", "[resourceGroup().location]"),
			"firewallPrivateIp", param("string", "metadata", o("description", "Next hop of the default route.")),
			"hubVnetId", param("string"),
			"hubAddressSpace", param("string"),
			"kubernetesVersion", param("string"),
			"userNodePools", param("int", "defaultValue", 1),
			"tags", param("object", "defaultValue", o()),
		),
		"variables", o(
			"nsgName", "[format('nsg-aks-{0}', parameters('name'))]",
			"routeTableName", "[format('rt-spoke-{0}', parameters('name'))]",
			"aksName", "[format('aks-{0}', parameters('name'))]",
			"identityName", "[format('id-aks-{0}', parameters('name'))]",
			"subnetNames", arr("snet-aks-system", "snet-aks-user"),
			"nsgRules", arr(
				o("name", "allow-hub-https-in", "priority", 100, "direction", "Inbound", "access", "Allow", "protocol", "Tcp", "source", "[parameters('hubAddressSpace')]", "destination", "VirtualNetwork", "port", "443"),
				o("name", "allow-lb-in", "priority", 200, "direction", "Inbound", "access", "Allow", "protocol", "*", "source", "AzureLoadBalancer", "destination", "*", "port", "*"),
				o("name", "deny-internet-in", "priority", 4000, "direction", "Inbound", "access", "Deny", "protocol", "*", "source", "Internet", "destination", "*", "port", "*"),
				o("name", "allow-vnet-https-out", "priority", 100, "direction", "Outbound", "access", "Allow", "protocol", "Tcp", "source", "VirtualNetwork", "destination", "VirtualNetwork", "port", "443"),
			),
			"copy", arr(o(
				"name", "subnets",
				"count", "[length(variables('subnetNames'))]",
				"input", o(
					"name", "[variables('subnetNames')[copyIndex('subnets')]]",
					"properties", o(
						"addressPrefix", "[cidrSubnet(parameters('addressSpace'), 23, copyIndex('subnets'))]",
						"networkSecurityGroup", o("id", expr(rid("Microsoft.Network/networkSecurityGroups", "variables('nsgName')"))),
						"routeTable", o("id", expr(rid("Microsoft.Network/routeTables", "variables('routeTableName')"))),
					),
				),
			)),
		),
		"resources", arr(
			o(
				"type", "Microsoft.Network/networkSecurityGroups",
				"apiVersion", "2024-05-01",
				"name", "[variables('nsgName')]",
				"location", "[parameters('location')]",
				"tags", "[parameters('tags')]",
				"properties", o(
					"copy", arr(o(
						"name", "securityRules",
						"count", "[length(variables('nsgRules'))]",
						"input", o(
							"name", "[variables('nsgRules')[copyIndex('securityRules')].name]",
							"properties", o(
								"priority", "[variables('nsgRules')[copyIndex('securityRules')].priority]",
								"direction", "[variables('nsgRules')[copyIndex('securityRules')].direction]",
								"access", "[variables('nsgRules')[copyIndex('securityRules')].access]",
								"protocol", "[variables('nsgRules')[copyIndex('securityRules')].protocol]",
								"sourcePortRange", "*",
								"sourceAddressPrefix", "[variables('nsgRules')[copyIndex('securityRules')].source]",
								"destinationAddressPrefix", "[variables('nsgRules')[copyIndex('securityRules')].destination]",
								"destinationPortRange", "[variables('nsgRules')[copyIndex('securityRules')].port]",
							),
						),
					)),
				),
			),
			o(
				"type", "Microsoft.Network/routeTables",
				"apiVersion", "2024-05-01",
				"name", "[variables('routeTableName')]",
				"location", "[parameters('location')]",
				"tags", "[parameters('tags')]",
				"properties", o(
					"disableBgpRoutePropagation", true,
					"routes", arr(o(
						"name", "default-via-firewall",
						"properties", o(
							"addressPrefix", "0.0.0.0/0",
							"nextHopType", "VirtualAppliance",
							"nextHopIpAddress", "[parameters('firewallPrivateIp')]",
						),
					)),
				),
			),
			o(
				"type", "Microsoft.Network/virtualNetworks",
				"apiVersion", "2024-05-01",
				"name", "[parameters('vnetName')]",
				"location", "[parameters('location')]",
				"tags", "[parameters('tags')]",
				"dependsOn", arr(
					expr(rid("Microsoft.Network/networkSecurityGroups", "variables('nsgName')")),
					expr(rid("Microsoft.Network/routeTables", "variables('routeTableName')")),
				),
				"properties", o(
					"addressSpace", o("addressPrefixes", arr("[parameters('addressSpace')]")),
					"subnets", "[variables('subnets')]",
				),
			),
			o(
				"type", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
				"apiVersion", "2024-05-01",
				"name", "[format('{0}/peer-spoke-to-hub', parameters('vnetName'))]",
				"dependsOn", arr(expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
				"properties", o(
					"remoteVirtualNetwork", o("id", "[parameters('hubVnetId')]"),
					"allowForwardedTraffic", true,
					"allowVirtualNetworkAccess", true,
				),
			),
			o(
				"type", "Microsoft.ManagedIdentity/userAssignedIdentities",
				"apiVersion", "2023-01-31",
				"name", "[variables('identityName')]",
				"location", "[parameters('location')]",
				"tags", "[parameters('tags')]",
			),
			o(
				"type", "Microsoft.Authorization/roleAssignments",
				"apiVersion", "2022-04-01",
				"name", "[guid(variables('identityName'), 'NetworkContributor')]",
				"dependsOn", arr(expr(identity)),
				"properties", o(
					"roleDefinitionId", expr("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '"+networkContributor+"')"),
					"principalId", expr("reference("+identity+", '2023-01-31').principalId"),
					"principalType", "ServicePrincipal",
				),
			),
			o(
				"type", "Microsoft.ContainerService/managedClusters",
				"apiVersion", "2024-05-01",
				"name", "[variables('aksName')]",
				"location", "[parameters('location')]",
				"tags", "[parameters('tags')]",
				"dependsOn", arr(expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')")), expr(identity)),
				"identity", o(
					"type", "UserAssigned",
					"userAssignedIdentities", o(expr(identity), o()),
				),
				"properties", o(
					"kubernetesVersion", "[parameters('kubernetesVersion')]",
					"dnsPrefix", "[parameters('name')]",
					"apiServerAccessProfile", o("enablePrivateCluster", true),
					"agentPoolProfiles", arr(o(
						"name", "system",
						"mode", "System",
						"count", 3,
						"vmSize", "Standard_D4s_v5",
						"availabilityZones", arr("1", "2", "3"),
						"vnetSubnetID", subnetID("snet-aks-system"),
					)),
					"networkProfile", o(
						"networkPlugin", "azure",
						"networkPolicy", "azure",
						"outboundType", "userDefinedRouting",
						"serviceCidr", "172.16.0.0/16",
						"dnsServiceIP", "172.16.0.10",
					),
				),
			),
			o(
				"type", "Microsoft.ContainerService/managedClusters/agentPools",
				"apiVersion", "2024-05-01",
				"name", "[format('{0}/user{1}', variables('aksName'), copyIndex())]",
				"copy", o("name", "userPools", "count", "[parameters('userNodePools')]"),
				"dependsOn", arr(expr(aks)),
				"properties", o(
					"mode", "User",
					"count", 2,
					"vmSize", "Standard_D8s_v5",
					"availabilityZones", arr("1", "2", "3"),
					"vnetSubnetID", subnetID("snet-aks-user"),
				),
			),
		),
		"outputs", o(
			"vnetId", o("type", "string", "value", expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
			"kubeletObjectId", o("type", "string", "value", expr("reference("+aks+", '2024-05-01').identityProfile.kubeletidentity.objectId")),
		),
	)
}

// armHubTemplate is the hub: VNet, firewall and its policy, the registry
// with its replicas, private endpoint, DNS zone and links, logs, and the
// AKS cluster's pull permission on the registry.
func armHubTemplate(p plan) obj {
	fw := rid("Microsoft.Network/azureFirewalls", "variables('firewallName')")
	acr := rid("Microsoft.ContainerRegistry/registries", "parameters('registryName')")
	zone := rid("Microsoft.Network/privateDnsZones", "parameters('privateDnsZoneName')")
	linkVNets := arr(
		o("name", "hub", "id", expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
		o("name", "spoke", "id", "[parameters('spokeVnetId')]"),
	)
	if p.mistake == NoHubLink {
		linkVNets = linkVNets[1:]
	}
	resources := arr(
		o(
			"type", "Microsoft.Network/networkSecurityGroups",
			"apiVersion", "2024-05-01",
			"name", "[variables('peNsgName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"properties", o("securityRules", arr(o(
				"name", "allow-spoke-https-in",
				"properties", o(
					"priority", 100, "direction", "Inbound", "access", "Allow", "protocol", "Tcp",
					"sourcePortRange", "*", "sourceAddressPrefix", "[parameters('spokeAddressSpace')]",
					"destinationAddressPrefix", "VirtualNetwork", "destinationPortRange", "443",
				),
			))),
		),
		o(
			"type", "Microsoft.Network/virtualNetworks",
			"apiVersion", "2024-05-01",
			"name", "[parameters('vnetName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"dependsOn", arr(expr(rid("Microsoft.Network/networkSecurityGroups", "variables('peNsgName')"))),
			"properties", o(
				"addressSpace", o("addressPrefixes", arr("[parameters('addressSpace')]")),
				"subnets", "[variables('subnets')]",
			),
		),
		o(
			"type", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
			"apiVersion", "2024-05-01",
			"name", "[format('{0}/peer-hub-to-spoke', parameters('vnetName'))]",
			"dependsOn", arr(expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
			"properties", o(
				"remoteVirtualNetwork", o("id", "[parameters('spokeVnetId')]"),
				"allowForwardedTraffic", true,
				"allowGatewayTransit", false,
			),
		),
		o(
			"type", "Microsoft.Network/publicIPAddresses",
			"apiVersion", "2024-05-01",
			"name", "[variables('publicIpName')]",
			"location", "[parameters('location')]",
			"sku", o("name", "Standard"),
			"zones", arr("1", "2", "3"),
			"properties", o("publicIPAllocationMethod", "Static"),
		),
		o(
			"type", "Microsoft.Network/firewallPolicies",
			"apiVersion", "2024-05-01",
			"name", "[variables('policyName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"properties", o(
				"sku", o("tier", "Standard"),
				"threatIntelMode", "Deny",
				"dnsSettings", o("enableProxy", true),
			),
		),
		o(
			"type", "Microsoft.Network/firewallPolicies/ruleCollectionGroups",
			"apiVersion", "2024-05-01",
			"name", "[format('{0}/rcg-egress', variables('policyName'))]",
			"dependsOn", arr(expr(rid("Microsoft.Network/firewallPolicies", "variables('policyName')"))),
			"properties", o(
				"priority", 200,
				"ruleCollections", arr(
					o(
						"ruleCollectionType", "FirewallPolicyFilterRuleCollection",
						"name", "arc-platform",
						"priority", 200,
						"action", o("type", "Allow"),
						"rules", arr(
							o(
								"ruleType", "ApplicationRule",
								"name", "container-registry",
								"sourceAddresses", arr("[parameters('spokeAddressSpace')]"),
								"targetFqdns", "[variables('registryFqdns')]",
								"protocols", arr(o("protocolType", "Https", "port", 443)),
							),
							o(
								"ruleType", "ApplicationRule",
								"name", "aks-required",
								"sourceAddresses", arr("[parameters('spokeAddressSpace')]"),
								"fqdnTags", arr("AzureKubernetesService"),
								"protocols", arr(o("protocolType", "Https", "port", 443)),
							),
						),
					),
					o(
						"ruleCollectionType", "FirewallPolicyFilterRuleCollection",
						"name", "nrc-platform",
						"priority", 300,
						"action", o("type", "Allow"),
						"rules", arr(
							o(
								"ruleType", "NetworkRule",
								"name", "ntp",
								"ipProtocols", arr("UDP"),
								"sourceAddresses", arr("[parameters('spokeAddressSpace')]"),
								"destinationAddresses", arr("*"),
								"destinationPorts", arr("123"),
							),
							o(
								"ruleType", "NetworkRule",
								"name", "azure-monitor",
								"ipProtocols", arr("TCP"),
								"sourceAddresses", arr("[parameters('spokeAddressSpace')]"),
								"destinationAddresses", arr("AzureMonitor"),
								"destinationPorts", arr("443"),
							),
						),
					),
				),
			),
		),
		o(
			"type", "Microsoft.Network/azureFirewalls",
			"apiVersion", "2024-05-01",
			"name", "[variables('firewallName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"zones", arr("1", "2", "3"),
			"dependsOn", arr(
				expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')")),
				expr(rid("Microsoft.Network/publicIPAddresses", "variables('publicIpName')")),
				expr(rid("Microsoft.Network/firewallPolicies/ruleCollectionGroups", "variables('policyName')", "'rcg-egress'")),
			),
			"properties", o(
				"sku", o("name", "AZFW_VNet", "tier", "Standard"),
				"firewallPolicy", o("id", expr(rid("Microsoft.Network/firewallPolicies", "variables('policyName')"))),
				"ipConfigurations", arr(o(
					"name", "ipconfig",
					"properties", o(
						"subnet", o("id", expr(rid("Microsoft.Network/virtualNetworks/subnets", "parameters('vnetName')", "'AzureFirewallSubnet'"))),
						"publicIPAddress", o("id", expr(rid("Microsoft.Network/publicIPAddresses", "variables('publicIpName')"))),
					),
				)),
			),
		),
		o(
			"type", "Microsoft.ContainerRegistry/registries",
			"apiVersion", "2023-07-01",
			"name", "[parameters('registryName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"sku", o("name", "[parameters('registrySku')]"),
			"properties", o(
				"adminUserEnabled", false,
				"publicNetworkAccess", "Disabled",
				"networkRuleBypassOptions", "AzureServices",
				"zoneRedundancy", "Enabled",
			),
		),
		o(
			"type", "Microsoft.ContainerRegistry/registries/replications",
			"apiVersion", "2023-07-01",
			"name", "[format('{0}/{1}', parameters('registryName'), parameters('replicaLocations')[copyIndex()])]",
			"location", "[parameters('replicaLocations')[copyIndex()]]",
			"copy", o("name", "replicas", "count", "[length(parameters('replicaLocations'))]"),
			"dependsOn", arr(expr(acr)),
			"properties", o("zoneRedundancy", "Enabled"),
		),
		o(
			"type", "Microsoft.Network/privateDnsZones",
			"apiVersion", "2020-06-01",
			"name", "[parameters('privateDnsZoneName')]",
			"location", "global",
			"tags", "[parameters('tags')]",
		),
		o(
			"type", "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
			"apiVersion", "2020-06-01",
			"name", "[format('{0}/link-{1}', parameters('privateDnsZoneName'), variables('dnsLinks')[copyIndex()].name)]",
			"location", "global",
			"copy", o("name", "zoneLinks", "count", "[length(variables('dnsLinks'))]"),
			"dependsOn", arr(expr(zone), expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
			"properties", o(
				"registrationEnabled", false,
				"virtualNetwork", o("id", "[variables('dnsLinks')[copyIndex()].id]"),
			),
		),
		o(
			"type", "Microsoft.Network/privateEndpoints",
			"apiVersion", "2024-05-01",
			"name", "[variables('endpointName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"dependsOn", arr(expr(acr), "replicas", expr(rid("Microsoft.Network/virtualNetworks", "parameters('vnetName')"))),
			"properties", o(
				"subnet", o("id", expr(rid("Microsoft.Network/virtualNetworks/subnets", "parameters('vnetName')", "'snet-pe'"))),
				"customNetworkInterfaceName", "[format('nic-{0}', variables('endpointName'))]",
				"privateLinkServiceConnections", arr(o(
					"name", "[format('psc-{0}', parameters('registryName'))]",
					"properties", o(
						"privateLinkServiceId", expr(acr),
						"groupIds", arr(p.subresource()),
					),
				)),
			),
		),
	)
	if p.mistake != NoZoneGroup {
		resources = append(resources, o(
			"type", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
			"apiVersion", "2024-05-01",
			"name", "[format('{0}/default', variables('endpointName'))]",
			"dependsOn", arr(expr(rid("Microsoft.Network/privateEndpoints", "variables('endpointName')")), expr(zone)),
			"properties", o("privateDnsZoneConfigs", arr(o(
				"name", "[replace(parameters('privateDnsZoneName'), '.', '-')]",
				"properties", o("privateDnsZoneId", expr(zone)),
			))),
		))
	}
	resources = append(resources,
		o(
			"type", "Microsoft.OperationalInsights/workspaces",
			"apiVersion", "2023-09-01",
			"name", "[variables('workspaceName')]",
			"location", "[parameters('location')]",
			"tags", "[parameters('tags')]",
			"properties", o("sku", o("name", "PerGB2018"), "retentionInDays", 30),
		),
		o(
			"type", "Microsoft.Insights/diagnosticSettings",
			"apiVersion", "2021-05-01-preview",
			"name", "[format('diag-{0}', parameters('registryName'))]",
			"scope", expr(acr),
			"dependsOn", arr(expr(acr), expr(rid("Microsoft.OperationalInsights/workspaces", "variables('workspaceName')"))),
			"properties", o(
				"workspaceId", expr(rid("Microsoft.OperationalInsights/workspaces", "variables('workspaceName')")),
				"logs", arr(
					o("category", "ContainerRegistryLoginEvents", "enabled", true),
					o("category", "ContainerRegistryRepositoryEvents", "enabled", true),
				),
				"metrics", arr(o("category", "AllMetrics", "enabled", true)),
			),
		),
		o(
			"type", "Microsoft.Authorization/roleAssignments",
			"apiVersion", "2022-04-01",
			"name", "[guid(parameters('registryName'), parameters('name'), 'AcrPull')]",
			"scope", expr(acr),
			"dependsOn", arr(expr(acr)),
			"properties", o(
				"roleDefinitionId", expr("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '"+acrPullRole+"')"),
				"principalId", "[parameters('kubeletObjectId')]",
				"principalType", "ServicePrincipal",
			),
		),
	)
	return o(
		"$schema", schemaTemplate,
		"contentVersion", "1.0.0.0",
		"metadata", o("description", "Hub of a hub-and-spoke landing zone: firewall, private registry and its DNS."),
		"parameters", o(
			"name", param("string"),
			"registryName", param("string", "minLength", 5, "maxLength", 50),
			"registrySku", param("string", "defaultValue", "Premium"),
			"replicaLocations", param("array", "defaultValue", arr()),
			"vnetName", param("string"),
			"addressSpace", param("string"),
			"location", param("string", "defaultValue", "[resourceGroup().location]"),
			"spokeVnetId", param("string"),
			"spokeAddressSpace", param("string"),
			"privateDnsZoneName", param("string", "defaultValue", "privatelink.azurecr.io"),
			"kubeletObjectId", param("string"),
			"tags", param("object", "defaultValue", o()),
		),
		"variables", o(
			"peNsgName", "[format('nsg-pe-{0}', parameters('name'))]",
			"publicIpName", "[format('pip-fw-{0}', parameters('name'))]",
			"firewallName", "[format('afw-{0}', parameters('name'))]",
			"policyName", "[format('afwp-{0}', parameters('name'))]",
			"workspaceName", "[format('log-{0}', parameters('name'))]",
			"endpointName", "[format('pe-{0}', parameters('registryName'))]",
			"dnsLinks", linkVNets,
			"registryRegions", "[concat(createArray(parameters('location')), parameters('replicaLocations'))]",
			"registryFqdns", "[concat(createArray(format('{0}.azurecr.io', parameters('registryName'))), variables('dataEndpoints'))]",
			"subnetSpecs", arr(
				o("name", "AzureFirewallSubnet", "prefixLength", 26, "index", 0, "nsg", false),
				o("name", "snet-pe", "prefixLength", 24, "index", 1, "nsg", true),
				o("name", "snet-shared", "prefixLength", 24, "index", 2, "nsg", false),
			),
			"copy", arr(
				o(
					"name", "dataEndpoints",
					"count", "[length(variables('registryRegions'))]",
					"input", "[format('{0}.{1}.data.azurecr.io', parameters('registryName'), variables('registryRegions')[copyIndex('dataEndpoints')])]",
				),
				o(
					"name", "subnets",
					"count", "[length(variables('subnetSpecs'))]",
					"input", o(
						"name", "[variables('subnetSpecs')[copyIndex('subnets')].name]",
						"properties", o(
							"addressPrefix", "[cidrSubnet(parameters('addressSpace'), variables('subnetSpecs')[copyIndex('subnets')].prefixLength, variables('subnetSpecs')[copyIndex('subnets')].index)]",
							"networkSecurityGroup", "[if(variables('subnetSpecs')[copyIndex('subnets')].nsg, createObject('id', "+rid("Microsoft.Network/networkSecurityGroups", "variables('peNsgName')")+"), null())]",
						),
					),
				),
			),
		),
		"resources", resources,
		"outputs", o(
			"registryLoginServer", o("type", "string", "value", expr("reference("+acr+", '2023-07-01').loginServer")),
			"firewallId", o("type", "string", "value", expr(fw)),
		),
	)
}

func armParameters(p plan) obj {
	v := func(x any) obj { return o("value", x) }
	replicas := make([]any, len(p.replicas))
	for i, r := range p.replicas {
		replicas[i] = r
	}
	params := o(
		"workload", v(p.workload),
		"environment", v(p.env),
		"instance", v(p.instance),
		"location", v(p.location),
		"replicaLocations", v(replicas),
		"hubAddressSpace", v(p.hubSpace()),
		"spokeAddressSpace", v(p.spokeSpace()),
		"registrySku", v(p.sku()),
		"userNodePools", v(p.pools),
	)
	if z := p.zoneName(); z != "privatelink.azurecr.io" {
		params = append(params, o("privateDnsZoneName", v(z))...)
	}
	return o("$schema", schemaParameters, "contentVersion", "1.0.0.0", "parameters", params)
}

// armResources is the number of resources an ARM stack deploys, the
// deployments themselves not counted: 23, plus one per replica, user node
// pool and zone link, and the zone group.
func armResources(p plan) int {
	n := 23 + len(p.replicas) + p.pools + 1 // the spoke's zone link
	if p.mistake != NoHubLink {
		n++
	}
	if p.mistake != NoZoneGroup {
		n++
	}
	return n
}

func writeARM(w *writer, p plan) (int, error) {
	files := []struct {
		name string
		doc  obj
	}{
		{"azuredeploy.json", armMainTemplate()},
		{"azuredeploy.parameters.json", armParameters(p)},
		{"modules/hub.json", armHubTemplate(p)},
		{"modules/spoke.json", armSpokeTemplate()},
	}
	for _, f := range files {
		data, err := indentJSON(f.doc)
		if err != nil {
			return 0, err
		}
		if err := w.write(p.dir+"/"+f.name, data); err != nil {
			return 0, err
		}
	}
	return armResources(p), nil
}
