package acrlint.rules.acr001_test

import data.acrlint.rules.acr001

registry_id := "registry/main.tf/azurerm_container_registry.acr"

pe_id := "private_endpoint/main.tf/azurerm_private_endpoint.acr"

zone_id := "private_dns_zone/main.tf/azurerm_private_dns_zone.acr"

# A Premium registry in West Europe replicated to North Europe.
registry := {
	"id": registry_id,
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 1, "column": 1, "end_line": 12, "address": "azurerm_container_registry.acr"},
	"attrs": {
		"name": "myacr",
		"sku": "Premium",
		"login_server": "myacr.azurecr.io",
		"public_network_access": false,
		"default_action": "Allow",
		"replica_locations": ["northeurope"],
		"data_endpoint_enabled": false,
		"data_endpoints": ["myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io"],
		"restricted": true,
	},
	"attr_lines": {"name": 2, "sku": 5, "replica_locations": 8},
	"unknown": [],
}

endpoint(zones) := {
	"id": pe_id,
	"kind": "private_endpoint",
	"name": "pe-acr",
	"location": "westeurope",
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 20, "column": 1, "end_line": 35, "address": "azurerm_private_endpoint.acr"},
	"attrs": {
		"name": "pe-acr",
		"subnet": "subnet/main.tf/azurerm_subnet.endpoints",
		"connections": [{"name": "acr", "resource": registry_id, "group_ids": ["registry"]}],
		"dns_zones": zones,
		"custom_dns": [],
	},
	"attr_lines": {"connections": 24},
	"unknown": [],
}

zone(name, records) := {
	"id": zone_id,
	"kind": "private_dns_zone",
	"name": name,
	"external": false,
	"source": {"format": "terraform", "file": "dns.tf", "line": 1, "column": 1, "end_line": 4, "address": "azurerm_private_dns_zone.acr"},
	"attrs": {"name": name, "records": records, "linked_vnets": []},
	"attr_lines": {"name": 2, "records": 10},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

# unknown marks attributes as set in source but unresolvable.
unknown(node, attrs) := json.patch(node, array.concat(
	[{"op": "remove", "path": sprintf("/attrs/%s", [a])} | some a in attrs; a in object.keys(node.attrs)],
	[{"op": "replace", "path": "/unknown", "value": attrs}],
))

test_missing_data_endpoints_are_named if {
	findings := acr001.report with input as graph([registry, endpoint([]), zone("privatelink.azurecr.io", {"myacr": ["10.0.0.4"]})])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR001"
	f.rule_name == "private-endpoint-dns-records"
	f.severity == "error"
	f.resource == pe_id
	f.attr == "dns_zones"
	f.message == concat("", [
		`registry "myacr" is reached through private endpoint "pe-acr" but `,
		"myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io have no private DNS record: ",
		"add a private DNS zone group for privatelink.azurecr.io to the endpoint, or A records for every name",
	])
	f.related == [
		{"resource": registry_id, "attr": "name", "message": "the registry"},
		{"resource": zone_id, "attr": "records", "message": "holds records for myacr.azurecr.io only"},
	]
}

test_no_zone_at_all_lists_every_name if {
	findings := acr001.report with input as graph([registry, endpoint([])])
	count(findings) == 1
	some f in findings
	contains(f.message, "but myacr.azurecr.io, myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io have no private DNS record")
	f.related == [{"resource": registry_id, "attr": "name", "message": "the registry"}]
}

test_one_missing_name_is_singular if {
	records := {"myacr": [], "myacr.westeurope.data": []}
	findings := acr001.report with input as graph([registry, endpoint([]), zone("privatelink.azurecr.io", records)])
	count(findings) == 1
	some f in findings
	contains(f.message, "but myacr.northeurope.data.azurecr.io has no private DNS record")
}

test_every_endpoint_without_dns_is_reported if {
	second := object.union(endpoint([]), {"id": "private_endpoint/main.tf/azurerm_private_endpoint.dr", "name": "pe-acr-dr"})
	findings := acr001.report with input as graph([registry, endpoint([]), second])
	count(findings) == 2
	{f.resource | some f in findings} == {pe_id, "private_endpoint/main.tf/azurerm_private_endpoint.dr"}
}

test_records_in_a_wrongly_named_zone_do_not_count if {
	records := {"myacr": [], "myacr.westeurope.data": [], "myacr.northeurope.data": []}
	findings := acr001.report with input as graph([registry, endpoint([]), zone("azurecr.io", records)])
	count(findings) == 1
}

test_sovereign_cloud_zone_is_suggested if {
	reg := json.patch(registry, [
		{"op": "replace", "path": "/attrs/login_server", "value": "myacr.azurecr.cn"},
		{"op": "replace", "path": "/attrs/replica_locations", "value": []},
		{"op": "replace", "path": "/attrs/data_endpoints", "value": ["myacr.chinanorth3.data.azurecr.cn"]},
	])
	findings := acr001.report with input as graph([reg, endpoint([])])
	count(findings) == 1
	some f in findings
	contains(f.message, "myacr.azurecr.cn, myacr.chinanorth3.data.azurecr.cn have no private DNS record")
	contains(f.message, "zone group for privatelink.azurecr.cn")
}

test_zone_group_satisfies if {
	count(acr001.report) == 0 with input as graph([registry, endpoint([zone_id]), zone("privatelink.azurecr.io", {})])
}

test_zone_group_on_a_wrongly_named_zone_is_left_to_acr002 if {
	count(acr001.report) == 0 with input as graph([registry, endpoint([zone_id]), zone("azurecr.io", {})])
}

test_explicit_records_for_every_name_satisfy if {
	records := {"MyAcr": ["10.0.0.4"], "myacr.westeurope.data": ["10.0.0.5"], "myacr.northeurope.data": []}
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), zone("privatelink.azurecr.io.", records)])
}

test_registry_without_private_endpoint_is_not_checked if {
	count(acr001.report) == 0 with input as graph([registry, zone("privatelink.azurecr.io", {})])
}

test_unknown_registry_name_is_silent if {
	reg := unknown(registry, ["name", "login_server", "data_endpoints"])
	count(acr001.report) == 0 with input as graph([reg, endpoint([])])
}

test_unknown_replicas_are_silent if {
	reg := unknown(registry, ["replica_locations", "data_endpoints"])
	count(acr001.report) == 0 with input as graph([reg, endpoint([])])
}

test_unknown_records_are_silent if {
	z := unknown(zone("privatelink.azurecr.io", {}), ["records"])
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), z])
}

test_unknown_zone_name_is_silent if {
	z := object.remove(unknown(zone("x", {"myacr": []}), ["name"]), ["name"])
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), z])
}

test_unknown_zone_group_is_silent if {
	pe := unknown(endpoint([]), ["dns_zones"])
	count(acr001.report) == 0 with input as graph([registry, pe])
}

test_unresolved_endpoint_with_zone_group_is_silent if {
	other := {
		"id": "private_endpoint/main.tf/azurerm_private_endpoint.other",
		"kind": "private_endpoint",
		"name": "pe-other",
		"external": false,
		"attrs": {"name": "pe-other", "connections": [{"name": "c", "group_ids": ["registry"]}], "dns_zones": [zone_id], "custom_dns": []},
		"attr_lines": {},
		"unknown": [],
	}
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), other, zone("privatelink.azurecr.io", {})])
}

test_external_privatelink_zone_is_silent if {
	ext := {
		"id": "external/private_dns_zone/x",
		"kind": "private_dns_zone",
		"name": "privatelink.azurecr.io",
		"external": true,
		"source": {"format": "", "file": "", "line": 0, "column": 0, "end_line": 0, "address": "x"},
		"attrs": {},
		"attr_lines": {},
		"unknown": [],
	}
	count(acr001.report) == 0 with input as graph([registry, endpoint([]), ext])
}

test_external_registry_is_silent if {
	ext := {
		"id": registry_id,
		"kind": "registry",
		"name": "myacr",
		"external": true,
		"attrs": {},
		"attr_lines": {},
		"unknown": [],
	}
	count(acr001.report) == 0 with input as graph([ext, endpoint([])])
}
