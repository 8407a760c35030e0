package acrlint.rules.acr003_test

import data.acrlint.rules.acr003

registry_id := "registry/azuredeploy.json/Microsoft.ContainerRegistry/registries/myacr"

pe_id := "private_endpoint/azuredeploy.json/Microsoft.Network/privateEndpoints/pe-acr"

subnet_id := "subnet/azuredeploy.json/Microsoft.Network/virtualNetworks/subnets/spoke/endpoints"

vnet_id := "vnet/azuredeploy.json/Microsoft.Network/virtualNetworks/spoke"

zone_id := "private_dns_zone/azuredeploy.json/Microsoft.Network/privateDnsZones/privatelink.azurecr.io"

source(line) := {"format": "arm", "file": "azuredeploy.json", "line": line, "column": 5, "end_line": line + 10, "address": ""}

registry := {
	"id": registry_id,
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"source": source(10),
	"attrs": {
		"name": "myacr",
		"sku": "Premium",
		"login_server": "myacr.azurecr.io",
		"replica_locations": [],
		"data_endpoints": ["myacr.westeurope.data.azurecr.io"],
	},
	"attr_lines": {},
	"unknown": [],
}

endpoint(zones) := {
	"id": pe_id,
	"kind": "private_endpoint",
	"name": "pe-acr",
	"external": false,
	"source": source(30),
	"attrs": {
		"name": "pe-acr",
		"subnet": subnet_id,
		"connections": [{"name": "acr", "resource": registry_id, "group_ids": ["registry"]}],
		"dns_zones": zones,
		"custom_dns": [],
	},
	"attr_lines": {"subnet": 34},
	"unknown": [],
}

subnet := {
	"id": subnet_id,
	"kind": "subnet",
	"name": "endpoints",
	"external": false,
	"source": source(60),
	"attrs": {"name": "endpoints", "vnet": vnet_id, "address_prefixes": ["10.1.1.0/24"]},
	"attr_lines": {},
	"unknown": [],
}

vnet(dns) := {
	"id": vnet_id,
	"kind": "vnet",
	"name": "spoke",
	"external": false,
	"source": source(50),
	"attrs": {"name": "spoke", "address_space": ["10.1.0.0/16"], "dns_servers": dns},
	"attr_lines": {"dns_servers": 55},
	"unknown": [],
}

zone(links, records) := {
	"id": zone_id,
	"kind": "private_dns_zone",
	"name": "privatelink.azurecr.io",
	"external": false,
	"source": source(80),
	"attrs": {"name": "privatelink.azurecr.io", "records": records, "linked_vnets": links},
	"attr_lines": {"linked_vnets": 90},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

unknown(node, attr) := json.patch(node, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

external(node) := {"id": node.id, "kind": node.kind, "name": node.name, "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}

test_zone_group_zone_not_linked if {
	findings := acr003.report with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), zone(["vnet/x/hub"], {})])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR003"
	f.resource == zone_id
	f.attr == "linked_vnets"
	f.severity == "error"
	f.message == concat("", [
		`private DNS zone "privatelink.azurecr.io" is not linked to VNet "spoke", which resolves registry "myacr" `,
		`through Azure DNS for private endpoint "pe-acr": add a virtual network link from the zone to the VNet`,
	])
	f.related == [
		{"resource": vnet_id, "attr": "", "message": "the VNet that must be linked"},
		{"resource": pe_id, "attr": "subnet", "message": `private endpoint "pe-acr" resolves the registry from this VNet`},
	]
}

test_record_zone_not_linked if {
	findings := acr003.report with input as graph([registry, endpoint([]), subnet, vnet([]), zone([], {"myacr": ["10.1.1.4"]})])
	count(findings) == 1
}

test_explicit_azure_dns_address_counts_as_azure_dns if {
	findings := acr003.report with input as graph([registry, endpoint([zone_id]), subnet, vnet(["168.63.129.16"]), zone([], {})])
	count(findings) == 1
	some f in findings
	f.severity == "error"
}

test_linked if {
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {})])
}

test_linked_to_another_zone_of_the_same_name if {
	hub := json.patch(zone([vnet_id], {}), [{"op": "replace", "path": "/id", "value": "private_dns_zone/hub.json/privatelink.azurecr.io"}])
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), zone([], {}), hub])
}

test_no_dns_at_all_is_left_to_acr001 if {
	count(acr003.report) == 0 with input as graph([registry, endpoint([]), subnet, vnet([])])
}

test_wrongly_named_zone_is_left_to_acr002 if {
	z := json.patch(zone([], {}), [
		{"op": "replace", "path": "/name", "value": "azurecr.io"},
		{"op": "replace", "path": "/attrs/name", "value": "azurecr.io"},
	])
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), z])
}

test_custom_dns_is_a_note if {
	findings := acr003.report with input as graph([registry, endpoint([zone_id]), subnet, vnet(["10.0.0.4", "10.0.0.5"]), zone([], {})])
	count(findings) == 1
	some f in findings
	f.severity == "note"
	f.resource == vnet_id
	f.attr == "dns_servers"
	f.message == concat("", [
		`VNet "spoke" resolves through custom DNS servers 10.0.0.4, 10.0.0.5: for registry "myacr" to resolve to its private endpoint there, `,
		"they must forward privatelink.azurecr.io to Azure DNS (168.63.129.16) from a VNet linked to the zone, which cannot be checked statically",
	])
	f.related == [{"resource": pe_id, "attr": "subnet", "message": `private endpoint "pe-acr" resolves the registry from this VNet`}]
}

test_unknown_links_are_silent if {
	z := unknown(zone([], {}), "linked_vnets")
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), z])
}

test_unknown_links_of_another_privatelink_zone_are_silent if {
	hub := json.patch(unknown(zone([], {}), "linked_vnets"), [{"op": "replace", "path": "/id", "value": "private_dns_zone/hub.json/z"}])
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), zone([], {}), hub])
}

test_unknown_dns_servers_are_silent if {
	v := unknown(vnet([]), "dns_servers")
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, v, zone([], {})])
}

test_unknown_zone_group_is_silent if {
	pe := unknown(endpoint([zone_id]), "dns_zones")
	count(acr003.report) == 0 with input as graph([registry, pe, subnet, vnet([]), zone([], {"myacr": []})])
}

test_unknown_subnet_is_silent if {
	pe := unknown(endpoint([zone_id]), "subnet")
	count(acr003.report) == 0 with input as graph([registry, pe, subnet, vnet([]), zone([], {})])
}

test_external_vnet_is_silent if {
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, external(vnet([])), zone([], {})])
}

test_external_subnet_is_silent if {
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), external(subnet), vnet([]), zone([], {})])
}

test_external_zone_is_silent if {
	count(acr003.report) == 0 with input as graph([registry, endpoint([zone_id]), subnet, vnet([]), external(zone([], {}))])
}

# Clients that pull from the registry.

aks_id := "aks_cluster/azuredeploy.json/Microsoft.ContainerService/managedClusters/aks-app"

aks_subnet_id := "subnet/azuredeploy.json/Microsoft.Network/virtualNetworks/subnets/aks/nodes"

aks_vnet_id := "vnet/azuredeploy.json/Microsoft.Network/virtualNetworks/aks"

hub_id := "vnet/azuredeploy.json/Microsoft.Network/virtualNetworks/hub"

fw_id := "firewall/azuredeploy.json/Microsoft.Network/azureFirewalls/fw-hub"

restricted := json.patch(registry, [
	{"op": "add", "path": "/attrs/public_network_access", "value": false},
	{"op": "add", "path": "/attrs/restricted", "value": true},
])

aks := {
	"id": aks_id, "kind": "aks_cluster", "name": "aks-app", "external": false, "source": source(120),
	"attrs": {"name": "aks-app", "outbound_type": "userDefinedRouting", "subnets": [aks_subnet_id], "pulls_from": [registry_id]},
	"attr_lines": {}, "unknown": [],
}

aks_subnet := {
	"id": aks_subnet_id, "kind": "subnet", "name": "nodes", "external": false, "source": source(140),
	"attrs": {"name": "nodes", "vnet": aks_vnet_id, "address_prefixes": ["10.2.0.0/22"]},
	"attr_lines": {}, "unknown": [],
}

aks_vnet(dns) := {
	"id": aks_vnet_id, "kind": "vnet", "name": "aks", "external": false, "source": source(150),
	"attrs": {"name": "aks", "address_space": ["10.2.0.0/16"], "dns_servers": dns},
	"attr_lines": {"dns_servers": 155}, "unknown": [],
}

hub := {
	"id": hub_id, "kind": "vnet", "name": "hub", "external": false, "source": source(160),
	"attrs": {"name": "hub", "address_space": ["10.0.0.0/16"], "dns_servers": []},
	"attr_lines": {}, "unknown": [],
}

fw_subnet := {
	"id": "subnet/azuredeploy.json/fw", "kind": "subnet", "name": "AzureFirewallSubnet", "external": false, "source": source(170),
	"attrs": {"name": "AzureFirewallSubnet", "vnet": hub_id, "address_prefixes": ["10.0.1.0/26"]},
	"attr_lines": {}, "unknown": [],
}

firewall(proxy) := {
	"id": fw_id, "kind": "firewall", "name": "fw-hub", "external": false, "source": source(180),
	"attrs": {"name": "fw-hub", "subnet": "subnet/azuredeploy.json/fw", "private_ip": "10.0.1.4", "dns_proxy": proxy, "application_rules": [], "network_rules": []},
	"attr_lines": {}, "unknown": [],
}

# The endpoint's VNet is linked; the cluster's is not.
pulling(reg, dns, links) := graph([reg, endpoint([zone_id]), subnet, vnet([]), zone(links, {}), aks, aks_subnet, aks_vnet(dns)])

test_cluster_vnet_not_linked if {
	findings := acr003.report with input as pulling(restricted, [], [vnet_id])
	count(findings) == 1
	some f in findings
	f.resource == zone_id
	f.message == concat("", [
		`private DNS zone "privatelink.azurecr.io" is not linked to VNet "aks", which resolves registry "myacr" `,
		`through Azure DNS for AKS cluster "aks-app": add a virtual network link from the zone to the VNet`,
	])
	f.related == [
		{"resource": aks_vnet_id, "attr": "", "message": "the VNet that must be linked"},
		{"resource": aks_id, "attr": "subnets", "message": `AKS cluster "aks-app" resolves the registry from this VNet`},
	]
}

test_cluster_and_endpoint_in_one_vnet if {
	s := json.patch(aks_subnet, [{"op": "replace", "path": "/attrs/vnet", "value": vnet_id}])
	findings := acr003.report with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([], {}), aks, s])
	count(findings) == 1
	some f in findings
	contains(f.message, `for AKS cluster "aks-app", private endpoint "pe-acr": add`)
	count(f.related) == 3
}

test_web_app_and_container_group if {
	app := {"id": "web_app/x/app", "kind": "web_app", "name": "app-web", "external": false, "attrs": {"name": "app-web", "registry": registry_id, "subnet": aks_subnet_id, "vnet_image_pull": true}, "unknown": []}
	group := {"id": "container_group/x/ci", "kind": "container_group", "name": "ci-job", "external": false, "attrs": {"name": "ci-job", "registries": [registry_id], "subnet": aks_subnet_id}, "unknown": []}
	findings := acr003.report with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}), app, group, aks_subnet, aks_vnet([])])
	count(findings) == 1
	some f in findings
	contains(f.message, `for App Service app "app-web", container group "ci-job": add`)
}

test_cluster_vnet_resolves_through_firewall_dns_proxy if {
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, firewall(true),
	])
	count(findings) == 1
	some f in findings
	f.severity == "error"
	f.message == concat("", [
		`private DNS zone "privatelink.azurecr.io" is not linked to VNet "hub", which resolves registry "myacr" `,
		`through Azure DNS for AKS cluster "aks-app" (through the DNS proxy of firewall "fw-hub"): add a virtual network link from the zone to the VNet`,
	])
	f.related == [
		{"resource": hub_id, "attr": "", "message": "the VNet that must be linked"},
		{"resource": fw_id, "attr": "dns_proxy", "message": "forwards the DNS queries of the clients' VNets to Azure DNS in its own VNet"},
		{"resource": aks_id, "attr": "subnets", "message": `AKS cluster "aks-app" resolves the registry from VNet "aks", whose DNS server is the firewall`},
	]
}

test_endpoint_in_the_unlinked_firewall_vnet if {
	pe_subnet := json.patch(subnet, [{"op": "replace", "path": "/attrs/vnet", "value": hub_id}])
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), pe_subnet, zone([], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, firewall(true),
	])
	count(findings) == 1
	some f in findings
	contains(f.message, `to VNet "hub", which resolves registry "myacr" through Azure DNS for AKS cluster "aks-app" (through the DNS proxy of firewall "fw-hub"), private endpoint "pe-acr": add`)
	[r.resource | some r in f.related] == [hub_id, fw_id, aks_id, pe_id]
}

test_firewall_vnet_linked if {
	count(acr003.report) == 0 with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id, hub_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, firewall(true),
	])
}

test_firewall_without_dns_proxy_is_a_note if {
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, firewall(false),
	])
	count(findings) == 1
	some f in findings
	f.severity == "note"
	f.resource == aks_vnet_id
}

test_cluster_vnet_linked if {
	count(acr003.report) == 0 with input as pulling(restricted, [], [vnet_id, aks_vnet_id])
}

test_open_registry_leaves_clients_a_public_path if {
	count(acr003.report) == 0 with input as pulling(registry, [], [vnet_id])
}

test_web_app_pulling_over_the_platform if {
	app := {"id": "web_app/x/app", "kind": "web_app", "name": "app-web", "external": false, "attrs": {"name": "app-web", "registry": registry_id, "subnet": aks_subnet_id, "vnet_image_pull": false}, "unknown": []}
	count(acr003.report) == 0 with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}), app, aks_subnet, aks_vnet([])])
}

test_unknown_restriction_is_silent_for_clients if {
	reg := json.patch(registry, [{"op": "replace", "path": "/unknown", "value": ["restricted"]}])
	count(acr003.report) == 0 with input as pulling(reg, [], [vnet_id])
}

test_unknown_cluster_subnets_are_silent if {
	a := unknown(aks, "subnets")
	count(acr003.report) == 0 with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}), a, aks_subnet, aks_vnet([])])
}

test_unknown_dns_proxy_is_no_error if {
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, unknown(firewall(true), "dns_proxy"),
	])
	count({f | some f in findings; f.severity == "error"}) == 0
}

test_unknown_firewall_address_is_no_error if {
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, unknown(firewall(true), "private_ip"),
	])
	count({f | some f in findings; f.severity == "error"}) == 0
}

test_external_firewall_is_no_error if {
	findings := acr003.report with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), hub, fw_subnet, external(firewall(true)),
	])
	count({f | some f in findings; f.severity == "error"}) == 0
}

test_external_firewall_vnet_is_silent if {
	count(acr003.report) == 0 with input as graph([
		restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}),
		aks, aks_subnet, aks_vnet(["10.0.1.4"]), external(hub), fw_subnet, firewall(true),
	])
}

test_external_cluster_vnet_is_silent if {
	count(acr003.report) == 0 with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}), aks, aks_subnet, external(aks_vnet([]))])
}

test_external_cluster_is_silent if {
	count(acr003.report) == 0 with input as graph([restricted, endpoint([zone_id]), subnet, vnet([]), zone([vnet_id], {}), external(aks), aks_subnet, aks_vnet([])])
}
