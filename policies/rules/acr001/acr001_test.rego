package acrlint.rules.acr001_test

import data.acrlint.rules.acr001

registry := {
	"id": "registry/main.tf/acr",
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"attrs": {
		"name": "myacr",
		"sku": "Premium",
		"login_server": "myacr.azurecr.io",
		"replica_locations": ["northeurope"],
		"data_endpoints": ["myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io"],
	},
	"unknown": [],
}

endpoint(zones) := {
	"id": "private_endpoint/main.tf/pe",
	"kind": "private_endpoint",
	"external": false,
	"attrs": {
		"name": "pe-acr",
		"subnet": "subnet/main.tf/s",
		"connections": [{"name": "c", "resource": "registry/main.tf/acr", "group_ids": ["registry"]}],
		"dns_zones": zones,
		"custom_dns": [],
	},
	"unknown": [],
}

zone(records) := {
	"id": "private_dns_zone/main.tf/z",
	"kind": "private_dns_zone",
	"name": "privatelink.azurecr.io",
	"external": false,
	"attrs": {"name": "privatelink.azurecr.io", "records": records, "linked_vnets": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_missing_data_endpoints_are_named if {
	findings := acr001.report with input as graph([registry, endpoint([]), zone({"myacr": ["10.0.0.4"]})])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR001"
	f.severity == "error"
	f.resource == "private_endpoint/main.tf/pe"
	f.attr == "dns_zones"
	contains(f.message, "myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io have no private DNS record")
	not contains(f.message, "myacr.azurecr.io,")
	{r.resource | some r in f.related} == {"registry/main.tf/acr", "private_dns_zone/main.tf/z"}
}

test_no_zone_at_all_lists_every_name if {
	findings := acr001.report with input as graph([registry, endpoint([])])
	some f in findings
	contains(f.message, "myacr.azurecr.io, myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io have")
}

test_zone_group_satisfies if {
	count(acr001.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), zone({})])
}

test_explicit_records_for_every_name_satisfy if {
	records := {"myacr": ["10.0.0.4"], "myacr.westeurope.data": ["10.0.0.5"], "myacr.northeurope.data": []}
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), zone(records)])
}

test_registry_without_private_endpoint_is_not_checked if {
	count(acr001.report) == 0 with input as graph([registry, zone({})])
}

test_unknown_registry_name_is_silent if {
	reg := json.patch(registry, [
		{"op": "remove", "path": "/attrs/login_server"},
		{"op": "remove", "path": "/attrs/data_endpoints"},
		{"op": "replace", "path": "/unknown", "value": ["name", "login_server", "data_endpoints"]},
	])
	count(acr001.report) == 0 with input as graph([reg, endpoint([]), zone({})])
}

test_unknown_records_are_silent if {
	z := json.patch(zone({}), [
		{"op": "remove", "path": "/attrs/records"},
		{"op": "replace", "path": "/unknown", "value": ["records"]},
	])
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), z])
}

test_unknown_zone_group_is_silent if {
	pe := json.patch(endpoint([]), [
		{"op": "remove", "path": "/attrs/dns_zones"},
		{"op": "replace", "path": "/unknown", "value": ["dns_zones"]},
	])
	count(acr001.report) == 0 with input as graph([registry, pe, zone({})])
}

test_external_privatelink_zone_is_silent if {
	ext := {
		"id": "external/private_dns_zone/x", "kind": "private_dns_zone", "name": "privatelink.azurecr.io",
		"external": true, "attrs": {"name": "privatelink.azurecr.io"}, "unknown": [],
	}
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), ext])
}
