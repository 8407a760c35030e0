package acrlint.rules.acr003_test

import data.acrlint.rules.acr003

registry := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": {"name": "myacr", "login_server": "myacr.azurecr.io", "data_endpoints": ["myacr.westeurope.data.azurecr.io"]},
	"unknown": [],
}

endpoint(zones) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {
		"name": "pe-acr", "subnet": "subnet/main.tf/s",
		"connections": [{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}],
		"dns_zones": zones, "custom_dns": [],
	},
	"unknown": [],
}

subnet := {"id": "subnet/main.tf/s", "kind": "subnet", "external": false, "attrs": {"name": "s", "vnet": "vnet/main.tf/spoke"}, "unknown": []}

vnet(dns) := {"id": "vnet/main.tf/spoke", "kind": "vnet", "external": false, "attrs": {"name": "spoke", "dns_servers": dns}, "unknown": []}

zone(links, records) := {
	"id": "private_dns_zone/main.tf/z", "kind": "private_dns_zone", "external": false,
	"attrs": {"name": "privatelink.azurecr.io", "records": records, "linked_vnets": links},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_zone_group_zone_not_linked if {
	findings := acr003.report with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, vnet([]), zone(["vnet/main.tf/hub"], {})])
	count(findings) == 1
	some f in findings
	f.resource == "private_dns_zone/main.tf/z"
	f.attr == "linked_vnets"
	f.severity == "error"
	contains(f.message, `not linked to VNet "spoke"`)
	contains(f.message, `registry "myacr"`)
	{r.resource | some r in f.related} == {"vnet/main.tf/spoke", "private_endpoint/main.tf/pe"}
}

test_record_zone_not_linked if {
	findings := acr003.report with input as graph([registry, endpoint([]), subnet, vnet([]), zone([], {"myacr": ["10.0.0.4"]})])
	count(findings) == 1
}

test_linked if {
	count(acr003.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, vnet([]), zone(["vnet/main.tf/spoke"], {})])
}

test_custom_dns_is_a_note if {
	findings := acr003.report with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, vnet(["10.0.0.4"]), zone([], {})])
	count(findings) == 1
	some f in findings
	f.severity == "note"
	f.resource == "vnet/main.tf/spoke"
	f.attr == "dns_servers"
	contains(f.message, "168.63.129.16")
}

test_unknown_links_are_silent if {
	z := json.patch(zone([], {}), [
		{"op": "remove", "path": "/attrs/linked_vnets"},
		{"op": "replace", "path": "/unknown", "value": ["linked_vnets"]},
	])
	count(acr003.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, vnet([]), z])
}

test_unknown_dns_servers_are_silent if {
	v := json.patch(vnet([]), [
		{"op": "remove", "path": "/attrs/dns_servers"},
		{"op": "replace", "path": "/unknown", "value": ["dns_servers"]},
	])
	count(acr003.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, v, zone([], {})])
}

test_external_vnet_is_silent if {
	v := {"id": "vnet/main.tf/spoke", "kind": "vnet", "external": true, "attrs": {"name": "spoke"}, "unknown": []}
	count(acr003.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, v, zone([], {})])
}

test_external_zone_is_silent if {
	z := {"id": "private_dns_zone/main.tf/z", "kind": "private_dns_zone", "external": true, "attrs": {"name": "privatelink.azurecr.io"}, "unknown": []}
	count(acr003.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), subnet, vnet([]), z])
}

test_unknown_subnet_is_silent if {
	pe := json.patch(endpoint(["private_dns_zone/main.tf/z"]), [
		{"op": "remove", "path": "/attrs/subnet"},
		{"op": "replace", "path": "/unknown", "value": ["subnet"]},
	])
	count(acr003.report) == 0 with input as graph([registry, pe, subnet, vnet([]), zone([], {})])
}
