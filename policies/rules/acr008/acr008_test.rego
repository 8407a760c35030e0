package acrlint.rules.acr008_test

import data.acrlint.rules.acr008

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union(
		{
			"name": "myacr", "public_network_access": true, "default_action": "Deny", "ip_rules": [],
			"vnet_rules": [], "bypass_azure_services": true, "restricted": true,
		},
		attrs,
	),
	"unknown": [],
}

subnet(id, endpoints) := {
	"id": id, "kind": "subnet", "external": false,
	"attrs": {"name": substring(id, count("subnet/main.tf/"), -1), "vnet": "vnet/main.tf/v", "service_endpoints": endpoints},
	"unknown": [],
}

aks(attrs) := {
	"id": "aks_cluster/main.tf/aks", "kind": "aks_cluster", "external": false,
	"attrs": object.union(
		{"name": "aks-app", "subnets": ["subnet/main.tf/nodes"], "pulls_from": ["registry/main.tf/acr"]},
		attrs,
	),
	"unknown": [],
}

app(attrs) := {
	"id": "web_app/main.tf/app", "kind": "web_app", "external": false,
	"attrs": object.union(
		{"name": "app-web", "registry": "registry/main.tf/acr", "subnet": "subnet/main.tf/web", "vnet_image_pull": true},
		attrs,
	),
	"unknown": [],
}

endpoint(conns) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {"name": "pe-acr", "subnet": "subnet/main.tf/pe", "connections": conns, "dns_zones": [], "custom_dns": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

acr_endpoint := ["Microsoft.ContainerRegistry"]

# Virtual network rules.

test_rule_subnet_without_endpoint if {
	reg := registry({"vnet_rules": ["subnet/main.tf/nodes"]})
	findings := acr008.report with input as graph([reg, subnet("subnet/main.tf/nodes", ["Microsoft.Storage"])])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "vnet_rules"
	f.severity == "error"
	contains(f.message, `registry "myacr" has a virtual network rule for subnet "nodes", which has no Microsoft.ContainerRegistry service endpoint`)
	[r.resource | some r in f.related] == ["subnet/main.tf/nodes"]
}

test_rule_subnet_with_endpoint if {
	reg := registry({"vnet_rules": ["subnet/main.tf/nodes"]})
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", ["microsoft.containerregistry"])])
}

test_rule_subnet_unknown_endpoints_are_silent if {
	reg := registry({"vnet_rules": ["subnet/main.tf/nodes"]})
	s := json.patch(subnet("subnet/main.tf/nodes", []), [
		{"op": "remove", "path": "/attrs/service_endpoints"},
		{"op": "replace", "path": "/unknown", "value": ["service_endpoints"]},
	])
	count(acr008.report) == 0 with input as graph([reg, s])
}

test_rule_external_subnet_is_silent if {
	reg := registry({"vnet_rules": ["external/subnet/x"]})
	s := {"id": "external/subnet/x", "kind": "subnet", "external": true, "name": "x", "attrs": {}, "unknown": []}
	count(acr008.report) == 0 with input as graph([reg, s])
}

test_rule_unknown_vnet_rules_are_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/vnet_rules"},
		{"op": "replace", "path": "/unknown", "value": ["vnet_rules"]},
	])
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", [])])
}

# Client subnets with the service endpoint.

test_aks_subnet_without_rule if {
	findings := acr008.report with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
	count(findings) == 1
	some f in findings
	f.resource == "subnet/main.tf/nodes"
	f.attr == "service_endpoints"
	contains(f.message, `subnet "nodes" has the Microsoft.ContainerRegistry service endpoint, so the pulls of AKS cluster "aks-app" reach registry "myacr" from private addresses`)
	[r.resource | some r in f.related] == ["registry/main.tf/acr", "aks_cluster/main.tf/aks"]
}

test_web_app_subnet_without_rule if {
	findings := acr008.report with input as graph([registry({}), subnet("subnet/main.tf/web", acr_endpoint), app({})])
	some f in findings
	f.resource == "subnet/main.tf/web"
	contains(f.message, `App Service app "app-web"`)
}

test_clients_sharing_a_subnet_are_one_finding if {
	a := app({"subnet": "subnet/main.tf/nodes"})
	findings := acr008.report with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({}), a])
	count(findings) == 1
	some f in findings
	contains(f.message, `the pulls of AKS cluster "aks-app", App Service app "app-web" reach`)
}

test_web_app_pulling_over_public_network_is_not_checked if {
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/web", acr_endpoint), app({"vnet_image_pull": false})])
}

test_subnet_with_rule if {
	reg := registry({"vnet_rules": ["subnet/main.tf/nodes"]})
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_subnet_without_endpoint if {
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", []), aks({})])
}

test_registry_allows_by_default if {
	reg := registry({"default_action": "Allow", "restricted": false})
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_public_access_disabled_is_another_rule if {
	reg := registry({"public_network_access": false})
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_private_endpoint_may_carry_the_pulls if {
	pe := endpoint([{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}])
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({}), pe])
}

test_private_endpoint_to_something_else if {
	pe := endpoint([{"resource": "external/storage/x", "group_ids": ["blob"]}])
	count(acr008.report) == 1 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({}), pe])
}

test_unknown_connections_are_silent if {
	pe := json.patch(endpoint([]), [
		{"op": "remove", "path": "/attrs/connections"},
		{"op": "replace", "path": "/unknown", "value": ["connections"]},
	])
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({}), pe])
}

test_unknown_connection_target_is_silent if {
	pe := endpoint([{"group_ids": ["registry"]}])
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({}), pe])
}

test_hidden_resources_are_silent if {
	g := object.union(graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), aks({})]), {"diagnostics": [{
		"file": "main.tf", "line": 3, "severity": "note",
		"code": "incomplete",
		"message": "Resource instances unknown: the count of azurerm_private_endpoint.acr is not known before apply, so its instances are not checked",
	}]})
	count(acr008.report) == 0 with input as g
}

test_unknown_default_action_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/default_action"},
		{"op": "replace", "path": "/unknown", "value": ["default_action"]},
	])
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_unknown_public_access_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_unknown_client_vnet_rules_are_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/vnet_rules"},
		{"op": "replace", "path": "/unknown", "value": ["vnet_rules"]},
	])
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_unknown_client_subnets_are_silent if {
	a := json.patch(aks({}), [
		{"op": "remove", "path": "/attrs/subnets"},
		{"op": "replace", "path": "/unknown", "value": ["subnets"]},
	])
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), a])
}

test_external_client_subnet_is_silent if {
	s := {"id": "subnet/main.tf/nodes", "kind": "subnet", "external": true, "name": "nodes", "attrs": {}, "unknown": []}
	count(acr008.report) == 0 with input as graph([registry({}), s, aks({})])
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr008.report) == 0 with input as graph([reg, subnet("subnet/main.tf/nodes", acr_endpoint), aks({})])
}

test_external_cluster_is_silent if {
	a := object.union(aks({}), {"external": true})
	count(acr008.report) == 0 with input as graph([registry({}), subnet("subnet/main.tf/nodes", acr_endpoint), a])
}
