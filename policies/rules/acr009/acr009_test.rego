package acrlint.rules.acr009_test

import data.acrlint.rules.acr009

registry(attrs) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": object.union({"name": "myacr", "public_network_access": false, "default_action": "Deny", "vnet_rules": ["subnet/main.tf/aks"]}, attrs),
	"unknown": [],
}

subnet(id, name) := {"id": id, "kind": "subnet", "external": false, "attrs": {"name": name, "service_endpoints": ["Microsoft.ContainerRegistry"]}, "unknown": []}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_vnet_rule_with_public_access_disabled if {
	findings := acr009.report with input as graph([registry({}), subnet("subnet/main.tf/aks", "snet-aks")])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "public_network_access"
	f.severity == "warning"
	contains(f.message, `registry "myacr" has public network access disabled, which also disables access through service endpoints: its virtual network rule for subnet "snet-aks" admits nothing`)
	[r.resource | some r in f.related] == ["subnet/main.tf/aks"]
}

test_several_rules if {
	reg := registry({"vnet_rules": ["subnet/main.tf/aks", "subnet/main.tf/vm"]})
	some f in acr009.report with input as graph([reg, subnet("subnet/main.tf/aks", "snet-aks"), subnet("subnet/main.tf/vm", "snet-vm")])
	contains(f.message, `virtual network rules for subnets "snet-aks", "snet-vm" admit nothing`)
}

test_rule_on_external_subnet_still_counts if {
	some f in acr009.report with input as graph([registry({"vnet_rules": ["external/subnet/x"]})])
	contains(f.message, `subnet "external/subnet/x"`)
}

test_public_access_enabled if {
	count(acr009.report) == 0 with input as graph([registry({"public_network_access": true}), subnet("subnet/main.tf/aks", "snet-aks")])
}

test_no_vnet_rules if {
	count(acr009.report) == 0 with input as graph([registry({"vnet_rules": []})])
}

test_unknown_public_access_is_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(acr009.report) == 0 with input as graph([reg, subnet("subnet/main.tf/aks", "snet-aks")])
}

test_unknown_vnet_rules_are_silent if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/vnet_rules"},
		{"op": "replace", "path": "/unknown", "value": ["vnet_rules"]},
	])
	count(acr009.report) == 0 with input as graph([reg])
}

test_external_registry_is_silent if {
	reg := object.union(registry({}), {"external": true})
	count(acr009.report) == 0 with input as graph([reg, subnet("subnet/main.tf/aks", "snet-aks")])
}
