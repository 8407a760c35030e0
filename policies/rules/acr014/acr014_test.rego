package acrlint.rules.acr014_test

import data.acrlint.rules.acr014

registry_id := "registry/main.tf/azurerm_container_registry.acr"

pe_id := "private_endpoint/main.tf/azurerm_private_endpoint.acr"

registry(attrs) := {
	"id": registry_id,
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 1, "column": 1, "end_line": 20, "address": "azurerm_container_registry.acr"},
	"attrs": object.union(
		{
			"name": "myacr",
			"sku": "Standard",
			"login_server": "myacr.azurecr.io",
			"public_network_access": true,
			"default_action": "Allow",
			"ip_rules": [],
			"vnet_rules": [],
			"bypass_azure_services": true,
			"data_endpoint_enabled": false,
			"replica_locations": [],
			"data_endpoints": ["myacr.westeurope.data.azurecr.io"],
		},
		attrs,
	),
	"attr_lines": {"sku": 4, "ip_rules": 9},
	"unknown": [],
}

endpoint := {
	"id": pe_id,
	"kind": "private_endpoint",
	"name": "pe-acr",
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 30, "column": 1, "end_line": 40, "address": "azurerm_private_endpoint.acr"},
	"attrs": {
		"name": "pe-acr",
		"connections": [{"name": "acr", "resource": registry_id, "group_ids": ["registry"]}],
		"dns_zones": [],
		"custom_dns": [],
	},
	"attr_lines": {"connections": 33},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_every_feature_is_listed if {
	reg := registry({
		"default_action": "Deny",
		"ip_rules": ["203.0.113.0/24"],
		"vnet_rules": ["subnet/main.tf/azurerm_subnet.aks"],
		"data_endpoint_enabled": true,
		"replica_locations": ["northeurope", "eastus"],
	})
	findings := acr014.report with input as graph([reg, endpoint])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR014"
	f.severity == "error"
	f.attr == "sku"
	f.resource == registry_id
	f.message == concat("", [
		`registry "myacr" has SKU Standard but uses a private endpoint, a network rule set with default action Deny, `,
		"IP rules, virtual network rules, dedicated data endpoints and geo-replication (northeurope, eastus), ",
		"which need the Premium SKU: set the SKU to Premium",
	])
	[[r.resource, r.attr] | some r in f.related] == [
		[registry_id, "default_action"],
		[registry_id, "ip_rules"],
		[registry_id, "vnet_rules"],
		[registry_id, "data_endpoint_enabled"],
		[registry_id, "replica_locations"],
		[pe_id, "connections"],
	]
}

test_private_endpoint_on_basic if {
	findings := acr014.report with input as graph([registry({"sku": "Basic"}), endpoint])
	count(findings) == 1
	some f in findings
	contains(f.message, "SKU Basic but uses a private endpoint, which needs the Premium SKU")
}

test_geo_replication_alone if {
	findings := acr014.report with input as graph([registry({"replica_locations": ["northeurope"]})])
	count(findings) == 1
	some f in findings
	contains(f.message, "uses geo-replication (northeurope), which needs the Premium SKU")
	f.related == [{"resource": registry_id, "attr": "replica_locations", "message": "uses geo-replication (northeurope)"}]
}

test_premium_is_fine if {
	reg := registry({"sku": "Premium", "default_action": "Deny", "replica_locations": ["northeurope"], "data_endpoint_enabled": true})
	count(acr014.report) == 0 with input as graph([reg, endpoint])
}

test_premium_in_other_case_is_fine if {
	count(acr014.report) == 0 with input as graph([registry({"sku": "premium", "ip_rules": ["203.0.113.0/24"]})])
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

test_external_registry_is_silent if {
	ext := object.union(registry({"sku": "Basic"}), {"external": true})
	count(acr014.report) == 0 with input as graph([ext, endpoint])
}
