package acrlint.rules.acr015_test

import data.acrlint.rules.acr015

registry_id := "registry/main.bicep/acr"

pe_id := "private_endpoint/main.bicep/pe"

registry := {
	"id": registry_id,
	"kind": "registry",
	"name": "myacr",
	"location": "westeurope",
	"external": false,
	"source": {"format": "bicep", "file": "main.bicep", "line": 1, "column": 1, "end_line": 10, "address": "acr"},
	"attrs": {"name": "myacr", "sku": "Premium", "login_server": "myacr.azurecr.io"},
	"attr_lines": {},
	"unknown": [],
}

endpoint(conn) := {
	"id": pe_id,
	"kind": "private_endpoint",
	"name": "pe-acr",
	"external": false,
	"source": {"format": "bicep", "file": "main.bicep", "line": 12, "column": 1, "end_line": 30, "address": "pe"},
	"attrs": {
		"name": "pe-acr",
		"connections": [object.union({"name": "acr", "resource": registry_id}, conn)],
		"dns_zones": [],
		"custom_dns": [],
	},
	"attr_lines": {"connections": 18},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_data_subresource if {
	findings := acr015.report with input as graph([registry, endpoint({"group_ids": ["registry_data_westeurope"]})])
	count(findings) == 1
	some f in findings
	f.rule_id == "ACR015"
	f.severity == "error"
	f.resource == pe_id
	f.attr == "connections"
	f.message == `private endpoint "pe-acr" targets sub-resource ["registry_data_westeurope"] of registry "myacr": a private endpoint to a registry must target ["registry"]`
	f.related == [{"resource": registry_id, "attr": "", "message": "the registry"}]
}

test_extra_subresources_are_named if {
	findings := acr015.report with input as graph([registry, endpoint({"group_ids": ["registry", "vault", "blob"]})])
	count(findings) == 1
	some f in findings
	contains(f.message, `targets sub-resource ["registry", "vault", "blob"] of registry`)
}

test_empty_subresources if {
	findings := acr015.report with input as graph([registry, endpoint({"group_ids": []})])
	count(findings) == 1
	some f in findings
	contains(f.message, "targets sub-resource [] of registry")
}

test_external_registry_is_still_a_registry if {
	ext := {"id": "external/registry/x", "kind": "registry", "name": "shared", "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}
	findings := acr015.report with input as graph([ext, endpoint({"resource": ext.id, "group_ids": ["blob"]})])
	count(findings) == 1
	some f in findings
	contains(f.message, `of registry "shared"`)
}

test_registry_subresource if {
	count(acr015.report) == 0 with input as graph([registry, endpoint({"group_ids": ["registry"]})])
}

test_registry_subresource_in_other_case if {
	count(acr015.report) == 0 with input as graph([registry, endpoint({"group_ids": ["Registry"]})])
}

test_unknown_group_ids_are_silent if {
	count(acr015.report) == 0 with input as graph([registry, endpoint({})])
}

test_unknown_target_is_silent if {
	pe := json.patch(endpoint({"group_ids": ["blob"]}), [{"op": "remove", "path": "/attrs/connections/0/resource"}])
	count(acr015.report) == 0 with input as graph([registry, pe])
}

test_endpoint_to_something_else_is_not_checked if {
	pe := endpoint({"resource": "storage/main.bicep/sa", "group_ids": ["blob"]})
	sa := {"id": "storage/main.bicep/sa", "kind": "storage_account", "name": "sa", "external": false, "attrs": {}, "attr_lines": {}, "unknown": []}
	count(acr015.report) == 0 with input as graph([registry, pe, sa])
}
