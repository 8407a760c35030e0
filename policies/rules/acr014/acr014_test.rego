package acrlint.rules.acr014_test

import data.acrlint.rules.acr014

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union({"name": "myacr", "sku": "Standard", "default_action": "Allow", "ip_rules": [], "vnet_rules": [], "data_endpoint_enabled": false, "replica_locations": []}, attrs),
	"unknown": [],
}

endpoint := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {"name": "pe", "connections": [{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}], "dns_zones": [], "custom_dns": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_every_feature_is_listed if {
	reg := registry({"default_action": "Deny", "ip_rules": ["203.0.113.0/24"], "vnet_rules": ["subnet/x"], "data_endpoint_enabled": true, "replica_locations": ["northeurope"]})
	findings := acr014.report with input as graph([reg, endpoint])
	count(findings) == 1
	some f in findings
	f.attr == "sku"
	f.resource == "registry/main.tf/acr"
	contains(f.message, `registry "myacr" has SKU Standard but uses IP rules, a network rule set with default action Deny, a private endpoint, dedicated data endpoints, geo-replication, virtual network rules`)
	[r.resource | some r in f.related] == ["private_endpoint/main.tf/pe"]
}

test_private_endpoint_on_basic if {
	some f in acr014.report with input as graph([registry({"sku": "Basic"}), endpoint])
	contains(f.message, "SKU Basic but uses a private endpoint, which needs the Premium SKU")
}

test_premium_is_fine if {
	reg := registry({"sku": "Premium", "default_action": "Deny", "replica_locations": ["northeurope"]})
	count(acr014.report) == 0 with input as graph([reg, endpoint])
}

test_standard_without_features_is_fine if {
	count(acr014.report) == 0 with input as graph([registry({})])
}

test_unknown_sku_is_silent if {
	reg := json.patch(registry({"replica_locations": ["northeurope"]}), [
		{"op": "remove", "path": "/attrs/sku"},
		{"op": "replace", "path": "/unknown", "value": ["sku"]},
	])
	count(acr014.report) == 0 with input as graph([reg, endpoint])
}

test_unknown_features_are_not_counted if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/replica_locations"},
		{"op": "remove", "path": "/attrs/default_action"},
		{"op": "replace", "path": "/unknown", "value": ["replica_locations", "default_action"]},
	])
	count(acr014.report) == 0 with input as graph([reg])
}
