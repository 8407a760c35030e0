package acrlint.rules.hub_only_test

import data.acrlint.rules.hub_only

# node builds a node of the graph as `acrlint graph --format json` prints it.
node(kind, name, attrs) := {
	"id": sprintf("%s/main.tf/%s", [kind, name]),
	"kind": kind,
	"name": name,
	"external": false,
	"source": {"format": "terraform", "file": "main.tf", "line": 1, "column": 1, "end_line": 1, "address": name},
	"attrs": object.union({"name": name}, attrs),
	"attr_lines": {},
	"unknown": [],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

hub := node("vnet", "vnet-hub", {"address_space": ["10.0.0.0/16"], "dns_servers": []})

spoke := node("vnet", "vnet-spoke", {"address_space": ["10.1.0.0/16"], "dns_servers": []})

hub_subnet := node("subnet", "snet-hub", {"vnet": hub.id, "address_prefixes": ["10.0.1.0/24"]})

spoke_subnet := node("subnet", "snet-spoke", {"vnet": spoke.id, "address_prefixes": ["10.1.1.0/24"]})

registry(attrs) := node("registry", "acrplatform", object.union(
	{
		"sku": "Premium", "public_network_access": false, "default_action": "Allow",
		"vnet_rules": [], "ip_rules": [], "restricted": true,
	},
	attrs,
))

endpoint(subnet) := node("private_endpoint", "pe-acr", {
	"subnet": subnet.id,
	"connections": [{"name": "acr", "resource": registry({}).id, "group_ids": ["registry"]}],
	"dns_zones": [],
	"custom_dns": [],
})

network := [hub, spoke, hub_subnet, spoke_subnet]

test_endpoint_in_spoke if {
	findings := hub_only.report with input as graph(array.concat(network, [registry({}), endpoint(spoke_subnet)]))
	count(findings) == 1
	some f in findings
	f.rule_id == "ORG101"
	f.severity == "error"
	f.resource == "private_endpoint/main.tf/pe-acr"
	f.attr == "subnet"
	f.message == `private endpoint "pe-acr" to registry "acrplatform" is in VNet "vnet-spoke", not in the hub (vnet-hub)`
	f.related == [
		{"resource": "registry/main.tf/acrplatform", "attr": "", "message": "the registry"},
		{"resource": spoke.id, "attr": "", "message": "the VNet of the endpoint"},
	]
}

test_endpoint_in_hub if {
	count(hub_only.report) == 0 with input as graph(array.concat(network, [registry({}), endpoint(hub_subnet)]))
}

test_vnet_rule_for_spoke if {
	reg := registry({"public_network_access": true, "default_action": "Deny", "vnet_rules": [hub_subnet.id, spoke_subnet.id]})
	findings := hub_only.report with input as graph(array.concat(network, [reg]))
	count(findings) == 1
	some f in findings
	f.attr == "vnet_rules"
	f.message == `registry "acrplatform" admits subnet "snet-spoke" of VNet "vnet-spoke", which is not the hub (vnet-hub)`
}

test_public_endpoint_open if {
	findings := hub_only.report with input as graph(array.concat(network, [registry({"public_network_access": true})]))
	count(findings) == 1
	some f in findings
	f.attr == "public_network_access"
}

test_public_endpoint_deny_by_default if {
	reg := registry({"public_network_access": true, "default_action": "Deny", "vnet_rules": [hub_subnet.id]})
	count(hub_only.report) == 0 with input as graph(array.concat(network, [reg]))
}

# Unknown values never make a finding: an endpoint whose subnet is only
# known after deployment, a VNet whose name is not known, a registry whose
# public access depends on a variable without a value.
test_unknown_subnet if {
	pe := json.patch(endpoint(spoke_subnet), [
		{"op": "remove", "path": "/attrs/subnet"},
		{"op": "replace", "path": "/unknown", "value": ["subnet"]},
	])
	count(hub_only.report) == 0 with input as graph(array.concat(network, [registry({}), pe]))
}

test_unknown_vnet_name if {
	unnamed := json.patch(spoke, [
		{"op": "remove", "path": "/attrs/name"},
		{"op": "replace", "path": "/unknown", "value": ["name"]},
	])
	count(hub_only.report) == 0 with input as graph([hub, unnamed, hub_subnet, spoke_subnet, registry({}), endpoint(spoke_subnet)])
}

test_unknown_public_access if {
	reg := json.patch(registry({}), [
		{"op": "remove", "path": "/attrs/public_network_access"},
		{"op": "replace", "path": "/unknown", "value": ["public_network_access"]},
	])
	count(hub_only.report) == 0 with input as graph(array.concat(network, [reg]))
}

# A subnet defined outside the scanned files is not judged.
test_external_subnet if {
	ext := {"id": "external/subnet/x", "kind": "subnet", "name": "snet-x", "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}
	count(hub_only.report) == 0 with input as graph(array.concat(network, [registry({}), ext, endpoint(ext)]))
}
