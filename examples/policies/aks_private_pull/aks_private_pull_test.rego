package acrlint.rules.aks_private_pull_test

import data.acrlint.rules.aks_private_pull

node(kind, name, attrs) := {
	"id": sprintf("%s/main.tf/%s", [kind, name]),
	"kind": kind,
	"name": name,
	"location": "westeurope",
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 1, "column": 1, "end_line": 1, "address": name},
	"attrs": object.union({"name": name}, attrs),
	"attr_lines": {},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

vnet := node("vnet", "vnet-spoke", {"address_space": ["10.1.0.0/16"], "dns_servers": []})

aks_subnet := node("subnet", "snet-aks", {"vnet": vnet.id, "address_prefixes": ["10.1.0.0/22"]})

pe_subnet := node("subnet", "snet-endpoints", {"vnet": vnet.id, "address_prefixes": ["10.1.8.0/24"]})

registry(attrs) := node("registry", "acrapps", object.union(
	{
		"sku": "Premium", "login_server": "acrapps.azurecr.io",
		"data_endpoints": ["acrapps.westeurope.data.azurecr.io"], "replica_locations": [],
		"data_endpoint_enabled": false, "public_network_access": true, "default_action": "Allow",
		"bypass_azure_services": true, "ip_rules": [], "vnet_rules": [], "restricted": false,
	},
	attrs,
))

aks := node("aks_cluster", "aks-apps", {
	"outbound_type": "loadBalancer",
	"subnets": [aks_subnet.id],
	"private_cluster": false,
	"pulls_from": [registry({}).id],
})

zone(linked) := node("private_dns_zone", "privatelink.azurecr.io", {"records": {}, "linked_vnets": linked})

endpoint := node("private_endpoint", "pe-acrapps", {
	"subnet": pe_subnet.id,
	"connections": [{"name": "acr", "resource": registry({}).id, "group_ids": ["registry"]}],
	"dns_zones": [zone([]).id],
	"custom_dns": [],
})

test_registry_without_private_endpoint if {
	findings := aks_private_pull.report with input as graph([vnet, aks_subnet, registry({}), aks])
	count(findings) == 1
	some f in findings
	f.rule_id == "ORG102"
	f.resource == aks.id
	f.attr == "subnets"
	f.message == `AKS cluster "aks-apps" pulls from registry "acrapps" over its public endpoint: the registry has no private endpoint`
	f.related == [
		{"resource": registry({}).id, "attr": "", "message": "the registry"},
		{"resource": aks_subnet.id, "attr": "", "message": "the node pool's subnet"},
	]
}

test_vnet_not_linked_to_the_zone if {
	findings := aks_private_pull.report with input as graph([vnet, aks_subnet, pe_subnet, registry({}), aks, endpoint, zone([])])
	count(findings) == 1
	some f in findings
	f.message == `AKS cluster "aks-apps" pulls from registry "acrapps" over its public endpoint: VNet "vnet-spoke" does not resolve the registry's names to its private endpoint`
}

test_pulls_through_private_endpoint if {
	count(aks_private_pull.report) == 0 with input as graph([vnet, aks_subnet, pe_subnet, registry({}), aks, endpoint, zone([vnet.id])])
}

# A registry without public access is not pulled from over its public
# endpoint (the shipped ACR018 reports one that nothing can reach).
test_public_access_disabled if {
	reg := registry({"public_network_access": false, "restricted": true})
	count(aks_private_pull.report) == 0 with input as graph([vnet, aks_subnet, reg, aks])
}

# Precision: no finding when public access is unknown, when a private
# endpoint's target is unknown (it may be this registry's), or when some
# resources could not be read.
test_unknown_public_access if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(aks_private_pull.report) == 0 with input as graph([vnet, aks_subnet, reg, aks])
}

test_unknown_endpoint_target if {
	pe := json.patch(endpoint, [{"op": "remove", "path": "/attrs/connections/0/resource"}])
	count(aks_private_pull.report) == 0 with input as graph([vnet, aks_subnet, pe_subnet, registry({}), aks, pe])
}

test_resources_hidden if {
	doc := json.patch(graph([vnet, aks_subnet, registry({}), aks]), [{"op": "add", "path": "/diagnostics/-", "value": {
		"file": "main.tf", "line": 3, "severity": "warning", "code": "incomplete",
		"message": "module \"endpoints\" is not installed: its resources are not checked",
	}}])
	count(aks_private_pull.report) == 0 with input as doc
}
