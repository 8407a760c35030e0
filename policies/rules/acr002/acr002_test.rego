package acrlint.rules.acr002_test

import data.acrlint.rules.acr002

registry := {
	"id": "registry/main.tf/acr", "kind": "registry", "name": "myacr", "external": false,
	"attrs": {"name": "myacr", "login_server": "myacr.azurecr.io", "data_endpoints": ["myacr.westeurope.data.azurecr.io"]},
	"unknown": [],
}

endpoint(zones) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {
		"name": "pe-acr",
		"connections": [{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}],
		"dns_zones": zones, "custom_dns": [],
	},
	"unknown": [],
}

zone(name, records) := {
	"id": "private_dns_zone/main.tf/z", "kind": "private_dns_zone", "name": name, "external": false,
	"attrs": {"name": name, "records": records, "linked_vnets": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_zone_group_on_azurecr_io if {
	findings := acr002.report with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), zone("azurecr.io", {})])
	count(findings) == 1
	some f in findings
	f.resource == "private_dns_zone/main.tf/z"
	f.attr == "name"
	contains(f.message, `private DNS zone "azurecr.io" in the DNS zone group of private endpoint "pe-acr"`)
	contains(f.message, "privatelink.azurecr.io")
	[r.resource | some r in f.related] == ["private_endpoint/main.tf/pe"]
}

test_records_in_a_typo_zone if {
	findings := acr002.report with input as graph([registry, endpoint([]), zone("azurecr.io", {"myacr": ["10.0.0.4"]})])
	count(findings) == 1
	some f in findings
	contains(f.message, "holds records for the registry")
}

test_sovereign_cloud_expectation if {
	some f in acr002.report with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), zone("privatelink.azurecr.co.us", {})])
	contains(f.message, "privatelink.azurecr.us")
}

test_correct_zone if {
	count(acr002.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), zone("privatelink.azurecr.io", {})])
}

test_china_zone_is_accepted if {
	count(acr002.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), zone("privatelink.azurecr.cn", {})])
}

test_unrelated_zone_is_not_checked if {
	count(acr002.report) == 0 with input as graph([registry, endpoint([]), zone("contoso.internal", {"web": ["10.0.0.9"]})])
}

test_unknown_zone_name_is_silent if {
	z := json.patch(zone("x", {}), [
		{"op": "remove", "path": "/attrs/name"},
		{"op": "remove", "path": "/name"},
		{"op": "replace", "path": "/unknown", "value": ["name"]},
	])
	count(acr002.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), z])
}

test_external_zone_is_silent if {
	ext := {"id": "private_dns_zone/main.tf/z", "kind": "private_dns_zone", "name": "azurecr.io", "external": true, "attrs": {"name": "azurecr.io"}, "unknown": []}
	count(acr002.report) == 0 with input as graph([registry, endpoint(["private_dns_zone/main.tf/z"]), ext])
}
