package acrlint.rules.acr011_test

import data.acrlint.rules.acr011

registry(rules) := {
	"id": "registry/main.tf/acr", "kind": "registry", "external": false,
	"attrs": {"name": "myacr", "vnet_rules": rules},
	"unknown": [],
}

endpoint(attrs) := {
	"id": "private_endpoint/main.tf/pe", "kind": "private_endpoint", "external": false,
	"attrs": object.union(
		{
			"name": "pe-acr", "subnet": "subnet/main.tf/s",
			"connections": [{"resource": "registry/main.tf/acr", "group_ids": ["registry"]}],
			"dns_zones": [], "custom_dns": [],
		},
		attrs,
	),
	"unknown": [],
}

subnet(name, bastion) := {
	"id": "subnet/main.tf/s", "kind": "subnet", "name": name, "external": false,
	"attrs": {"name": name, "vnet": "vnet/main.tf/hub", "bastion": bastion, "service_endpoints": []},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

test_endpoint_in_bastion_subnet if {
	findings := acr011.report with input as graph([registry([]), endpoint({}), subnet("AzureBastionSubnet", true)])
	count(findings) == 1
	some f in findings
	f.resource == "private_endpoint/main.tf/pe"
	f.attr == "subnet"
	f.severity == "error"
	contains(f.message, `private endpoint "pe-acr" to registry "myacr" is in AzureBastionSubnet`)
	{r.resource | some r in f.related} == {"subnet/main.tf/s", "registry/main.tf/acr"}
}

test_vnet_rule_for_bastion_subnet if {
	findings := acr011.report with input as graph([registry(["subnet/main.tf/s"]), subnet("AzureBastionSubnet", true)])
	count(findings) == 1
	some f in findings
	f.resource == "registry/main.tf/acr"
	f.attr == "vnet_rules"
	contains(f.message, `registry "myacr" has a virtual network rule for AzureBastionSubnet`)
}

test_external_bastion_subnet_named_by_its_id if {
	s := {
		"id": "external/subnet/x", "kind": "subnet", "name": "AzureBastionSubnet", "external": true, "subscription": "aaaa",
		"attrs": {"subscription": "aaaa"}, "unknown": [],
	}
	count(acr011.report) == 1 with input as graph([registry([]), endpoint({"subnet": "external/subnet/x"}), s])
}

test_ordinary_subnet if {
	count(acr011.report) == 0 with input as graph([registry(["subnet/main.tf/s"]), endpoint({}), subnet("snet-pe", false)])
}

test_endpoint_to_another_resource if {
	pe := endpoint({"connections": [{"resource": "external/storage/sa", "group_ids": ["blob"]}]})
	count(acr011.report) == 0 with input as graph([registry([]), pe, subnet("AzureBastionSubnet", true)])
}

test_unknown_subnet_is_silent if {
	pe := json.patch(endpoint({}), [
		{"op": "remove", "path": "/attrs/subnet"},
		{"op": "replace", "path": "/unknown", "value": ["subnet"]},
	])
	count(acr011.report) == 0 with input as graph([registry([]), pe, subnet("AzureBastionSubnet", true)])
}

test_unknown_subnet_name_is_silent if {
	s := {"id": "subnet/main.tf/s", "kind": "subnet", "external": false, "attrs": {"vnet": "vnet/main.tf/hub"}, "unknown": ["name"]}
	count(acr011.report) == 0 with input as graph([registry(["subnet/main.tf/s"]), endpoint({}), s])
}

test_external_subnet_without_name_is_silent if {
	s := {"id": "subnet/main.tf/s", "kind": "subnet", "external": true, "attrs": {}, "unknown": []}
	count(acr011.report) == 0 with input as graph([registry(["subnet/main.tf/s"]), endpoint({}), s])
}

test_unknown_connections_are_silent if {
	pe := json.patch(endpoint({}), [
		{"op": "remove", "path": "/attrs/connections"},
		{"op": "replace", "path": "/unknown", "value": ["connections"]},
	])
	count(acr011.report) == 0 with input as graph([registry([]), pe, subnet("AzureBastionSubnet", true)])
}

test_unknown_vnet_rules_are_silent if {
	reg := json.patch(registry([]), [
		{"op": "remove", "path": "/attrs/vnet_rules"},
		{"op": "replace", "path": "/unknown", "value": ["vnet_rules"]},
	])
	count(acr011.report) == 0 with input as graph([reg, subnet("AzureBastionSubnet", true)])
}
