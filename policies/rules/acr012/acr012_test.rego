package acrlint.rules.acr012_test

import data.acrlint.rules.acr012

reg_id := "external/registry/acr"

registry := {
	"id": reg_id, "kind": "registry", "name": "acrshared", "subscription": "11111111-aaaa", "external": true,
	"attrs": {"name": "acrshared"}, "unknown": [],
}

scanned_registry(rules) := {
	"id": "registry/main.tf/acr", "kind": "registry", "subscription": "11111111-aaaa", "external": false,
	"attrs": {"name": "myacr", "vnet_rules": rules}, "unknown": [],
}

endpoint(subnet) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": {
		"name": "pe-acr", "subnet": subnet,
		"connections": [{"resource": reg_id, "group_ids": ["registry"]}],
		"dns_zones": [], "custom_dns": [],
	},
	"unknown": [],
}

subnet(sub) := {
	"id": "external/subnet/spoke", "kind": "subnet", "name": "snet-pe", "subscription": sub, "external": true,
	"attrs": {"subscription": sub}, "unknown": [],
}

registration(attrs) := {
	"id": "provider_registration/main.tf/acr", "kind": "provider_registration", "external": false,
	"attrs": attrs, "unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_endpoint_in_other_subscription if {
	findings := acr012.report with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-BBBB")])
	count(findings) == 1
	some f in findings
	f.resource == "private_endpoint/main.tf/pe"
	f.attr == "subnet"
	f.severity == "warning"
	contains(f.message, `private endpoint "pe-acr" to registry "acrshared" (subscription 11111111-aaaa) is in subnet "snet-pe" of subscription 22222222-bbbb`)
	{r.resource | some r in f.related} == {reg_id, "external/subnet/spoke"}
}

test_vnet_rule_in_other_subscription if {
	findings := acr012.report with input as graph([scanned_registry(["external/subnet/spoke"]), subnet("22222222-bbbb")])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "vnet_rules"
	contains(f.message, `registry "myacr" (subscription 11111111-aaaa) has a virtual network rule for subnet "snet-pe" of subscription 22222222-bbbb`)
}

test_registration_in_another_subscription_does_not_help if {
	r := registration({"namespace": "Microsoft.ContainerRegistry", "subscription": "33333333-cccc"})
	count(acr012.report) == 1 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-bbbb"), r])
}

test_registration_of_another_namespace_does_not_help if {
	r := registration({"namespace": "Microsoft.Storage"})
	count(acr012.report) == 1 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-bbbb"), r])
}

test_registered_in_the_subnet_subscription if {
	r := registration({"namespace": "microsoft.containerregistry", "subscription": "22222222-BBBB"})
	count(acr012.report) == 0 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-bbbb"), r])
}

test_same_subscription if {
	count(acr012.report) == 0 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("11111111-AAAA")])
}

test_registration_in_unknown_subscription_is_silent if {
	r := registration({"namespace": "Microsoft.ContainerRegistry"})
	count(acr012.report) == 0 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-bbbb"), r])
}

test_registration_of_unknown_namespace_is_silent if {
	r := object.union(registration({}), {"unknown": ["namespace"]})
	count(acr012.report) == 0 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("22222222-bbbb"), r])
}

test_unknown_subnet_subscription_is_silent if {
	s := {"id": "subnet/main.tf/pe", "kind": "subnet", "external": false, "attrs": {"name": "snet-pe"}, "unknown": []}
	count(acr012.report) == 0 with input as graph([registry, endpoint("subnet/main.tf/pe"), s])
}

test_unknown_registry_subscription_is_silent if {
	reg := json.remove(registry, ["/subscription"])
	count(acr012.report) == 0 with input as graph([reg, endpoint("external/subnet/spoke"), subnet("22222222-bbbb")])
}

test_placeholder_subscription_is_silent if {
	count(acr012.report) == 0 with input as graph([registry, endpoint("external/subnet/spoke"), subnet("unknown")])
}

test_unknown_endpoint_subnet_is_silent if {
	pe := json.patch(endpoint("x"), [
		{"op": "remove", "path": "/attrs/subnet"},
		{"op": "replace", "path": "/unknown", "value": ["subnet"]},
	])
	count(acr012.report) == 0 with input as graph([registry, pe, subnet("22222222-bbbb")])
}

test_unknown_vnet_rules_are_silent if {
	reg := json.patch(scanned_registry([]), [
		{"op": "remove", "path": "/attrs/vnet_rules"},
		{"op": "replace", "path": "/unknown", "value": ["vnet_rules"]},
	])
	count(acr012.report) == 0 with input as graph([reg, subnet("22222222-bbbb")])
}
