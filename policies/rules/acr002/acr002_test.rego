package acrlint.rules.acr002_test

import data.acrlint.rules.acr002

registry_id := "registry/main.bicep/acr"

pe_id := "private_endpoint/main.bicep/pe"

zone_id := "private_dns_zone/main.bicep/zone"

registry := {
	"id": registry_id,
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"source": {"format": "bicep", "file": "main.bicep", "line": 1, "column": 1, "end_line": 15, "address": "acr"},
	"attrs": {
		"name": "myacr",
		"sku": "Premium",
		"login_server": "myacr.azurecr.io",
		"replica_locations": [],
		"data_endpoints": ["myacr.westeurope.data.azurecr.io"],
	},
	"attr_lines": {"name": 3},
	"unknown": [],
}

endpoint(zones) := {
	"id": pe_id,
	"kind": "private_endpoint",
	"name": "pe-acr",
	"external": false,
	"source": {"format": "bicep", "file": "main.bicep", "line": 20, "column": 1, "end_line": 40, "address": "pe"},
	"attrs": {
		"name": "pe-acr",
		"connections": [{"name": "acr", "resource": registry_id, "group_ids": ["registry"]}],
		"dns_zones": zones,
		"custom_dns": [],
	},
	"attr_lines": {"dns_zones": 35},
	"unknown": [],
}

zone(id, name, records) := {
	"id": id,
	"kind": "private_dns_zone",
	"name": name,
	"external": false,
	"source": {"format": "bicep", "file": "main.bicep", "line": 50, "column": 1, "end_line": 53, "address": "zone"},
	"attrs": {"name": name, "records": records, "linked_vnets": []},
	"attr_lines": {"name": 51},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_zone_group_on_azurecr_io if {
	findings := acr002.report with input as graph([registry, endpoint([zone_id]), zone(zone_id, "azurecr.io", {})])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR002"
	f.severity == "error"
	f.resource == zone_id
	f.attr == "name"
	f.message == concat("", [
		`private DNS zone "azurecr.io" serves registry "myacr" through private endpoint "pe-acr", `,
		"but a registry's names resolve only through a zone named privatelink.azurecr.io: ",
		"rename the zone to privatelink.azurecr.io",
	])
	f.related == [{"resource": pe_id, "attr": "dns_zones", "message": "its DNS zone group names the zone"}]
}

test_records_in_a_wrongly_named_zone if {
	findings := acr002.report with input as graph([registry, endpoint([]), zone(zone_id, "azurecr.io", {"myacr": ["10.0.0.4"]})])
	count(findings) == 1
	some f in findings
	contains(f.message, `private DNS zone "azurecr.io" serves registry "myacr"`)
	f.related == [{"resource": pe_id, "attr": "", "message": "the registry's private endpoint"}]
}

test_zone_group_and_records_in_one_zone_is_one_finding if {
	findings := acr002.report with input as graph([registry, endpoint([zone_id]), zone(zone_id, "azurecr.io", {"myacr": []})])
	count(findings) == 1
}

test_typo_is_reported_with_the_cloud_of_the_registry if {
	reg := json.patch(registry, [{"op": "replace", "path": "/attrs/login_server", "value": "myacr.azurecr.us"}])
	findings := acr002.report with input as graph([reg, endpoint([zone_id]), zone(zone_id, "privatelink.azurecr.co.us", {})])
	count(findings) == 1
	some f in findings
	endswith(f.message, "rename the zone to privatelink.azurecr.us")
}

test_unrelated_only_zone_in_a_group_is_reported if {
	findings := acr002.report with input as graph([registry, endpoint([zone_id]), zone(zone_id, "privatelink.blob.core.windows.net", {})])
	count(findings) == 1
}

test_extra_zone_beside_the_privatelink_zone_is_not_reported if {
	other := "private_dns_zone/main.bicep/blob"
	nodes := [
		registry,
		endpoint([zone_id, other]),
		zone(zone_id, "privatelink.azurecr.io", {}),
		zone(other, "privatelink.blob.core.windows.net", {}),
	]
	count(acr002.report) == 0 with input as graph(nodes)
}

test_correct_zone if {
	count(acr002.report) == 0 with input as graph([registry, endpoint([zone_id]), zone(zone_id, "privatelink.azurecr.io", {"myacr": []})])
}

test_sovereign_zones_are_accepted if {
	count(acr002.report) == 0 with input as graph([registry, endpoint([zone_id]), zone(zone_id, "privatelink.azurecr.cn", {})])
	count(acr002.report) == 0 with input as graph([registry, endpoint([zone_id]), zone(zone_id, "privatelink.azurecr.us", {})])
}

test_unrelated_zone_is_not_checked if {
	count(acr002.report) == 0 with input as graph([registry, endpoint([]), zone(zone_id, "contoso.internal", {"web": ["10.0.0.9"]})])
}

test_zone_without_private_endpoint_is_not_checked if {
	count(acr002.report) == 0 with input as graph([registry, zone(zone_id, "azurecr.io", {"myacr": ["10.0.0.9"]})])
}

test_unknown_zone_name_is_silent if {
	z := json.patch(zone(zone_id, "x", {}), [
		{"op": "remove", "path": "/attrs/name"},
		{"op": "remove", "path": "/name"},
		{"op": "replace", "path": "/unknown", "value": ["name"]},
	])
	count(acr002.report) == 0 with input as graph([registry, endpoint([zone_id]), z])
}

test_unknown_zone_beside_an_unrelated_one_is_silent if {
	other := "private_dns_zone/main.bicep/blob"
	z := json.patch(zone(zone_id, "x", {}), [
		{"op": "remove", "path": "/attrs/name"},
		{"op": "remove", "path": "/name"},
		{"op": "replace", "path": "/unknown", "value": ["name"]},
	])
	nodes := [registry, endpoint([zone_id, other]), z, zone(other, "privatelink.blob.core.windows.net", {})]
	count(acr002.report) == 0 with input as graph(nodes)
}

test_external_zone_is_silent if {
	ext := {
		"id": "external/private_dns_zone/azurecr.io",
		"kind": "private_dns_zone",
		"name": "azurecr.io",
		"external": true,
		"attrs": {},
		"attr_lines": {},
		"unknown": [],
	}
	count(acr002.report) == 0 with input as graph([registry, endpoint([ext.id]), ext])
}
