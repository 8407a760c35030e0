package acrlint.rules.acr018_test

import data.acrlint.rules.acr018

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union({"name": "myacr", "public_network_access": false, "bypass_azure_services": true, "restricted": true}, attrs),
	"unknown": [],
}

endpoint(conns) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {"name": "pe-acr", "subnet": "subnet/main.tf/pe", "connections": conns, "dns_zones": [], "custom_dns": []},
	"unknown": [],
}

to_registry := [{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}]

aks := {
	"id": "aks_cluster/main.tf/aks", "kind": "aks_cluster", "external": false,
	"attrs": {"name": "aks-app", "subnets": [], "pulls_from": ["registry/main.tf/acr"]},
	"unknown": [],
}

app := {
	"id": "web_app/main.tf/app", "kind": "web_app", "external": false,
	"attrs": {"name": "app-web", "registry": "registry/main.tf/acr", "vnet_image_pull": false},
	"unknown": [],
}

group(identity) := {
	"id": "container_group/main.tf/ci", "kind": "container_group", "external": false,
	"attrs": {"name": "ci-job", "registries": ["registry/main.tf/acr"], "managed_identity_pull": identity},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

hidden(g) := object.union(g, {"diagnostics": [{
	"file": "main.tf", "line": 40, "severity": "note",
	"code": "incomplete",
	"message": "Resource instances unknown: the count of azurerm_private_endpoint.acr is not known before apply, so its instances are not checked",
}]})

test_pulled_from_without_path if {
	findings := acr018.report with input as graph([registry({}), aks, app])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "public_network_access"
	f.severity == "error"
	contains(f.message, `registry "myacr" has public network access disabled and no private endpoint, so AKS cluster "aks-app", App Service app "app-web" cannot reach it`)
	[r.resource | some r in f.related] == ["aks_cluster/main.tf/aks", "web_app/main.tf/app"]
}

test_container_group_without_identity if {
	some f in acr018.report with input as graph([registry({}), group(false)])
	f.severity == "error"
	contains(f.message, `container group "ci-job" cannot reach it`)
}

test_trusted_container_group_leaves_a_warning if {
	some f in acr018.report with input as graph([registry({}), group(true)])
	f.severity == "warning"
	[r.resource | some r in f.related] == ["container_group/main.tf/ci"]
}

test_container_group_without_bypass if {
	some f in acr018.report with input as graph([registry({"bypass_azure_services": false}), group(true)])
	f.severity == "error"
}

test_no_client_is_a_warning if {
	findings := acr018.report with input as graph([registry({})])
	count(findings) == 1
	some f in findings
	f.severity == "warning"
	contains(f.message, "only trusted Azure services can reach it")
	f.related == []
}

test_private_endpoint if {
	count(acr018.report) == 0 with input as graph([registry({}), aks, endpoint(to_registry)])
}

test_private_endpoint_to_something_else if {
	pe := endpoint([{"resource": "external/storage/sa", "group_ids": ["blob"]}])
	count(acr018.report) == 1 with input as graph([registry({}), aks, pe])
}

test_public_access_enabled if {
	count(acr018.report) == 0 with input as graph([registry({"public_network_access": true, "restricted": false}), aks])
}

test_unknown_public_access_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(acr018.report) == 0 with input as graph([reg, aks])
}

test_unknown_connections_are_silent if {
	pe := json.patch(endpoint([]), [
		{"op": "remove", "path": "/attrs/connections"},
		{"op": "replace", "path": "/unknown", "value": ["connections"]},
	])
	count(acr018.report) == 0 with input as graph([registry({}), aks, pe])
}

test_unknown_connection_target_is_silent if {
	count(acr018.report) == 0 with input as graph([registry({}), aks, endpoint([{"group_ids": ["registry"]}])])
}

test_external_endpoint_is_silent if {
	pe := {"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": true, "attrs": {"name": "pe-acr"}, "unknown": []}
	count(acr018.report) == 0 with input as graph([registry({}), aks, pe])
}

test_hidden_resources_are_silent if {
	count(acr018.report) == 0 with input as hidden(graph([registry({}), aks]))
}

test_unavailable_module_is_silent if {
	g := object.union(graph([registry({}), aks]), {"diagnostics": [{
		"file": "main.tf", "line": 1, "severity": "warning",
		"code": "incomplete",
		"message": "Module not available: module \"pe\" (source \"Azure/avm-res-network-privateendpoint/azurerm\") is not on disk, so its resources are not checked and its outputs are unknown",
	}]})
	count(acr018.report) == 0 with input as g
}

test_other_diagnostics_do_not_silence if {
	g := object.union(graph([registry({}), aks]), {"diagnostics": [{
		"file": "main.tf", "line": 1, "severity": "note",
		"message": "Value unknown: the name of this registry is known only at deployment, so what rests on it is not checked",
	}]})
	count(acr018.report) == 1 with input as g
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr018.report) == 0 with input as graph([reg, aks])
}

test_container_group_with_unknown_bypass_leaves_a_warning if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/bypass_azure_services"},
		{"op": "replace", "path": "/unknown", "value": ["bypass_azure_services"]},
	])
	some f in acr018.report with input as graph([reg, group(true)])
	f.severity == "warning"
}
