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
