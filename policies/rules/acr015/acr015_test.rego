package acrlint.rules.acr015_test

import data.acrlint.rules.acr015

registry := {"id": "registry/main.tf/acr", "kind": "registry", "external": false, "attrs": {"name": "myacr"}, "unknown": []}

endpoint(conn) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {"name": "pe-acr", "connections": [object.union({"resource": "registry/main.tf/acr"}, conn)], "dns_zones": [], "custom_dns": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_data_subresource if {
	findings := acr015.report with input as graph([registry, endpoint({"group_ids": ["registry_data_westeurope"]})])
	count(findings) == 1
	some f in findings
	f.resource == "private_endpoint/main.tf/pe"
	f.attr == "connections"
	contains(f.message, `targets sub-resource ["registry_data_westeurope"] of registry "myacr"`)
}

test_empty_subresources if {
	some f in acr015.report with input as graph([registry, endpoint({"group_ids": []})])
	contains(f.message, "sub-resource []")
}

test_registry_subresource if {
	count(acr015.report) == 0 with input as graph([registry, endpoint({"group_ids": ["registry"]})])
}

test_unknown_group_ids_are_silent if {
	count(acr015.report) == 0 with input as graph([registry, endpoint({})])
}

test_endpoint_to_something_else_is_not_checked if {
	pe := endpoint({"resource": "storage/main.tf/sa", "group_ids": ["blob"]})
	count(acr015.report) == 0 with input as graph([registry, pe])
}
