package acrlint.rules.acr007_test

import data.acrlint.rules.acr007

reg_id := "registry/main.tf/azurerm_container_registry.acr"

fw_id := "firewall/main.tf/azurerm_firewall.hub"

west := "myacr.westeurope.data.azurecr.io"

north := "myacr.northeurope.data.azurecr.io"

east := "myacr.eastus.data.azurecr.io"

node(id, kind, attrs) := {"id": id, "kind": kind, "name": attrs.name, "external": false, "attrs": attrs, "attr_lines": {}, "unknown": []}

registry(attrs) := node(reg_id, "registry", object.union(
	{
		"name": "myacr", "sku": "Premium", "login_server": "myacr.azurecr.io", "public_network_access": true,
		"data_endpoint_enabled": true, "replica_locations": ["northeurope", "eastus"],
		"data_endpoints": [west, north, east],
	},
	attrs,
))

firewall(app, net) := node(fw_id, "firewall", {"name": "fw-hub", "private_ip": "10.0.1.4", "application_rules": app, "network_rules": net})

app_rule(fqdns) := {"collection": "registry", "priority": 200, "action": "Allow", "name": "acr", "source": ["10.1.0.0/16"], "fqdns": fqdns, "fqdn_tags": []}

net_rule(tags) := {
	"collection": "registry-net", "priority": 100, "action": "Allow", "name": "acr", "source": ["10.1.0.0/16"],
	"destinations": [], "service_tags": tags, "fqdns": [], "ports": ["443"], "protocols": ["TCP"],
}

endpoint := node("private_endpoint/main.tf/azurerm_private_endpoint.acr", "private_endpoint", {
	"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe",
	"connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [],
})

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

findings(nodes) := fs if {
	fs := acr007.report with input as graph(nodes)
}

unknown(n, attr) := json.patch(n, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

external(n) := {"id": n.id, "kind": n.kind, "name": n.name, "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}

# Findings.

test_one_region_of_three if {
	fs := findings([registry({}), firewall([app_rule(["myacr.azurecr.io", west])], [])])
	count(fs) == 1
	some f in fs
	f.rule_id == "ACR007"
	f.severity == "error"
	f.resource == fw_id
	f.attr == "application_rules"
	f.message == concat("", [
		`firewall "fw-hub" allows data endpoint myacr.westeurope.data.azurecr.io of geo-replicated registry "myacr" `,
		`but not myacr.eastus.data.azurecr.io, myacr.northeurope.data.azurecr.io: pulls served from eastus, northeurope `,
		`are redirected there and blocked; add the missing endpoints to the firewall's application rules`,
	])
	f.related == [{"resource": reg_id, "attr": "replica_locations", "message": "serves from eastus, northeurope, westeurope"}]
}

test_two_regions_of_three_named_in_any_case if {
	some f in findings([registry({}), firewall([app_rule(["MyAcr.WestEurope.Data.AzureCR.io."]), app_rule([north])], [])])
	contains(f.message, "allows data endpoints myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io of")
	contains(f.message, "but not myacr.eastus.data.azurecr.io: pulls served from eastus are redirected there and blocked; add the missing endpoint to")
}

test_regional_tag_covers_one_region_only if {
	some f in findings([registry({}), firewall([app_rule([west])], [net_rule(["AzureContainerRegistry.NorthEurope"])])])
	contains(f.message, "but not myacr.eastus.data.azurecr.io:")
}

test_named_in_a_network_rule if {
	rule := object.union(net_rule([]), {"fqdns": [west]})
	count(findings([registry({}), firewall([], [rule])])) == 1
}

test_through_a_private_endpoint if {
	reg := registry({"data_endpoint_enabled": false})
	count(findings([reg, endpoint, firewall([app_rule([west])], [])])) == 1
}

# No findings.

test_all_regions_named if {
	count(findings([registry({}), firewall([app_rule([west, north, east])], [])])) == 0
}

test_none_named_is_left_to_acr006 if {
	count(findings([registry({}), firewall([app_rule(["myacr.azurecr.io"])], [])])) == 0
}

test_wildcard_covers_the_others if {
	count(findings([registry({}), firewall([app_rule([west, "*.data.azurecr.io"])], [])])) == 0
}

test_service_tag_covers_the_others if {
	count(findings([registry({}), firewall([app_rule([west])], [net_rule(["AzureContainerRegistry"])])])) == 0
}

test_regional_tags_cover_the_others if {
	tags := ["AzureContainerRegistry.NorthEurope", "AzureContainerRegistry.EastUS"]
	count(findings([registry({}), firewall([app_rule([west])], [net_rule(tags)])])) == 0
}

test_rule_targets_not_shown if {
	count(findings([registry({}), firewall([app_rule([west]), app_rule([])], [])])) == 0
}

test_deny_rule_does_not_name if {
	rule := object.union(app_rule([west]), {"action": "Deny"})
	count(findings([registry({}), firewall([rule], [])])) == 0
}

test_single_region if {
	reg := registry({"replica_locations": [], "data_endpoints": [west]})
	count(findings([reg, firewall([app_rule([west])], [])])) == 0
}

test_data_endpoints_not_in_use if {
	reg := registry({"data_endpoint_enabled": false})
	count(findings([reg, firewall([app_rule([west])], [])])) == 0
}

# Unknown values and external nodes.

test_unknown_data_endpoints_are_silent if {
	count(findings([unknown(registry({}), "data_endpoints"), firewall([app_rule([west])], [])])) == 0
}

test_unknown_data_endpoint_setting_is_silent if {
	count(findings([unknown(registry({}), "data_endpoint_enabled"), firewall([app_rule([west])], [])])) == 0
}

test_unknown_application_rules_are_silent if {
	count(findings([registry({}), unknown(firewall([app_rule([west])], []), "application_rules")])) == 0
}

test_unknown_network_rules_are_silent if {
	count(findings([registry({}), unknown(firewall([app_rule([west])], []), "network_rules")])) == 0
}

test_external_firewall_is_silent if {
	count(findings([registry({}), external(firewall([app_rule([west])], []))])) == 0
}

test_external_registry_is_silent if {
	count(findings([external(registry({})), firewall([app_rule([west])], [])])) == 0
}
