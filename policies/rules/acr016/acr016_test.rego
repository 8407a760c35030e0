package acrlint.rules.acr016_test

import data.acrlint.rules.acr016

reg_id := "registry/main.tf/azurerm_container_registry.acr"

aks_id := "aks_cluster/main.tf/azurerm_kubernetes_cluster.aks"

subnet_id := "subnet/main.tf/azurerm_subnet.aks"

vnet_id := "vnet/main.tf/azurerm_virtual_network.spoke"

nsg_id := "nsg/main.tf/azurerm_network_security_group.aks"

rt_id := "route_table/main.tf/azurerm_route_table.aks"

pe_id := "private_endpoint/main.tf/azurerm_private_endpoint.acr"

pe_subnet_id := "subnet/main.tf/azurerm_subnet.pe"

zone_id := "private_dns_zone/main.tf/azurerm_private_dns_zone.acr"

node(id, kind, attrs) := {"id": id, "kind": kind, "name": attrs.name, "external": false, "attrs": attrs, "attr_lines": {}, "unknown": []}

registry(attrs) := object.union(
	node(reg_id, "registry", object.union(
		{
			"name": "myacr", "sku": "Premium", "login_server": "myacr.azurecr.io",
			"public_network_access": true, "default_action": "Allow", "restricted": false,
			"data_endpoint_enabled": true, "replica_locations": [],
			"data_endpoints": ["myacr.westeurope.data.azurecr.io"],
		},
		attrs,
	)),
	{"location": "westeurope"},
)

aks := node(aks_id, "aks_cluster", {"name": "aks-app", "outbound_type": "loadBalancer", "subnets": [subnet_id], "private_cluster": false, "pulls_from": [reg_id]})

subnet(attrs) := node(subnet_id, "subnet", object.union(
	{"name": "snet-aks", "vnet": vnet_id, "address_prefixes": ["10.1.0.0/22"], "service_endpoints": [], "nsg": nsg_id},
	attrs,
))

vnet := node(vnet_id, "vnet", {"name": "vnet-spoke", "address_space": ["10.1.0.0/16"], "dns_servers": []})

nsg(rules) := node(nsg_id, "nsg", {"name": "nsg-aks", "rules": rules})

rule(name, priority, access, destination, ports) := {
	"name": name, "priority": priority, "direction": "Outbound", "access": access,
	"protocol": "Tcp", "source": ["*"], "destination": destination, "ports": ports,
}

deny_internet := rule("DenyInternet", 4000, "Deny", ["Internet"], ["*"])

allow_acr := rule("AllowAcr", 100, "Allow", ["AzureContainerRegistry"], ["443"])

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

findings(nodes) := fs if {
	fs := acr016.report with input as graph(nodes)
}

public(reg, rules) := [reg, aks, subnet({}), vnet, nsg(rules)]

# A registry reached through a private endpoint in the hub, whose zone is
# linked to the spoke.
private(rules) := [
	registry({"public_network_access": false, "restricted": true}),
	aks, subnet({}), vnet, nsg(rules),
	node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": pe_subnet_id, "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]}),
	node(pe_subnet_id, "subnet", {"name": "snet-pe", "vnet": "vnet/main.tf/azurerm_virtual_network.hub", "address_prefixes": ["10.0.2.0/24"]}),
	node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": [vnet_id]}),
]

unknown(n, attr) := json.patch(n, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

external(n) := {"id": n.id, "kind": n.kind, "name": n.name, "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}

# Findings.

test_deny_internet_blocks_the_public_endpoint if {
	fs := findings(public(registry({}), [deny_internet]))
	count(fs) == 1
	some f in fs
	f.rule_id == "ACR016"
	f.severity == "error"
	f.resource == nsg_id
	f.attr == "rules"
	f.message == concat("", [
		`NSG "nsg-aks" on subnet "snet-aks" denies outbound HTTPS (TCP 443) to the registry's public endpoints `,
		`(service tag AzureContainerRegistry) with rule "DenyInternet" (priority 4000) before any rule allows it, `,
		`so AKS cluster "aks-app" cannot pull from registry "myacr": add an outbound rule allowing TCP 443 to `,
		`the AzureContainerRegistry service tag with a priority number below 4000`,
	])
	f.related == [
		{"resource": subnet_id, "attr": "nsg", "message": "the client subnet the NSG filters"},
		{"resource": aks_id, "attr": "subnets", "message": `AKS cluster "aks-app" pulls from the registry from this subnet`},
	]
}

test_storage_blocked_too if {
	some f in findings(public(registry({"data_endpoint_enabled": false}), [deny_internet]))
	contains(f.message, "to the registry's public endpoints (service tag AzureContainerRegistry) and the registry's storage accounts (service tag Storage) with rule")
	contains(f.message, "to the AzureContainerRegistry service tag and the Storage service tag with")
}

test_storage_blocked_after_registry_allowed if {
	fs := findings(public(registry({"data_endpoint_enabled": false}), [allow_acr, deny_internet]))
	count(fs) == 1
	some f in fs
	contains(f.message, "to the registry's storage accounts (service tag Storage) with rule \"DenyInternet\"")
}

test_deny_service_tag_port_range if {
	deny := object.union(rule("DenyAcr", 200, "Deny", ["AzureContainerRegistry"], ["400-500"]), {"protocol": "*"})
	some f in findings(public(registry({}), [deny]))
	contains(f.message, `with rule "DenyAcr" (priority 200)`)
}

test_deny_regional_tag_of_the_registry if {
	deny := rule("DenyAcrWeu", 200, "Deny", ["AzureContainerRegistry.WestEurope"], ["443"])
	count(findings(public(registry({}), [deny]))) == 1
}

test_deny_all_from_the_subnet_prefix if {
	deny := object.union(rule("DenyAll", 300, "Deny", ["*"], ["*"]), {"source": ["10.1.0.0/16"]})
	count(findings(public(registry({}), [deny]))) == 1
}

test_allow_virtual_network_without_routes_does_not_cover_public if {
	allow_vnet := rule("AllowVnet", 100, "Allow", ["VirtualNetwork"], ["*"])
	count(findings(public(registry({}), [allow_vnet, deny_internet]))) == 1
}

test_deny_to_the_private_endpoint if {
	deny := rule("DenyVnet", 200, "Deny", ["VirtualNetwork"], ["443"])
	fs := findings(private([deny]))
	count(fs) == 1
	some f in fs
	contains(f.message, `denies outbound HTTPS (TCP 443) to the registry's private endpoint (subnet 10.0.2.0/24) with rule "DenyVnet" (priority 200)`)
	contains(f.message, "add an outbound rule allowing TCP 443 to 10.0.2.0/24 (or VirtualNetwork) with a priority number below 200")
}

test_deny_to_the_endpoint_subnet_prefix if {
	deny := rule("DenyHub", 200, "Deny", ["10.0.0.0/16"], ["443"])
	count(findings(private([deny]))) == 1
}

test_web_app_and_container_group if {
	app := node("web_app/main.tf/azurerm_linux_web_app.app", "web_app", {"name": "app-web", "registry": reg_id, "subnet": subnet_id, "vnet_image_pull": true})
	group := node("container_group/main.tf/azurerm_container_group.ci", "container_group", {"name": "ci-job", "registries": [reg_id], "subnet": subnet_id})
	fs := findings([registry({}), app, group, subnet({}), vnet, nsg([deny_internet])])
	count(fs) == 2
}

# No findings.

test_no_rules if {
	count(findings(public(registry({}), []))) == 0
}

test_allowed_before_denied if {
	count(findings(public(registry({}), [allow_acr, deny_internet]))) == 0
}

test_allowed_storage_and_registry if {
	allow_storage := rule("AllowStorage", 110, "Allow", ["Storage"], ["443"])
	count(findings(public(registry({"data_endpoint_enabled": false}), [allow_acr, allow_storage, deny_internet]))) == 0
}

test_allow_any_https_first if {
	count(findings(public(registry({}), [rule("AllowHttps", 100, "Allow", ["*"], ["443"]), deny_internet]))) == 0
}

test_allow_port_range_first if {
	count(findings(public(registry({}), [rule("AllowWeb", 100, "Allow", ["Internet"], ["80", "440-450"]), deny_internet]))) == 0
}

test_deny_elsewhere if {
	rules := [
		rule("DenyHttp", 100, "Deny", ["Internet"], ["80"]),
		object.union(rule("DenyUdp", 110, "Deny", ["Internet"], ["*"]), {"protocol": "Udp"}),
		object.union(rule("DenyIn", 120, "Deny", ["*"], ["*"]), {"direction": "Inbound"}),
		rule("DenyOtherRegion", 130, "Deny", ["AzureContainerRegistry.NorthEurope"], ["443"]),
		rule("DenySql", 140, "Deny", ["Sql"], ["*"]),
		object.union(rule("DenyOtherSubnet", 150, "Deny", ["*"], ["*"]), {"source": ["10.9.0.0/16"]}),
		rule("DenyPrivate", 160, "Deny", ["10.0.0.0/8"], ["*"]),
	]
	count(findings(public(registry({}), rules))) == 0
}

test_allow_virtual_network_with_default_route if {
	rt := node(rt_id, "route_table", {"name": "rt-aks", "routes": [{"name": "default", "prefix": "0.0.0.0/0", "next_hop_type": "VirtualAppliance", "next_hop_ip": "10.0.1.4"}]})
	allow_vnet := rule("AllowVnet", 100, "Allow", ["VirtualNetwork"], ["*"])
	count(findings([registry({}), aks, subnet({"route_table": rt_id}), vnet, nsg([allow_vnet, deny_internet]), rt])) == 0
}

test_private_endpoint_allowed_before_denied if {
	allow := rule("AllowPe", 100, "Allow", ["10.0.2.0/24"], ["443"])
	deny := rule("DenyVnet", 200, "Deny", ["VirtualNetwork"], ["*"])
	count(findings(private([allow, deny]))) == 0
}

test_deny_internet_does_not_touch_the_private_endpoint if {
	count(findings(private([deny_internet]))) == 0
}

test_part_of_the_endpoint_subnet_is_silent if {
	allow := rule("AllowPeHalf", 100, "Allow", ["10.0.2.0/25"], ["443"])
	deny := rule("DenyVnet", 200, "Deny", ["VirtualNetwork"], ["*"])
	count(findings(private([allow, deny]))) == 0
}

test_part_of_the_client_subnet_is_silent if {
	deny := object.union(rule("DenyHalf", 200, "Deny", ["Internet"], ["*"]), {"source": ["10.1.0.0/23"]})
	count(findings(public(registry({}), [deny]))) == 0
}

test_web_app_pulling_over_the_platform if {
	app := node("web_app/main.tf/azurerm_linux_web_app.app", "web_app", {"name": "app-web", "registry": reg_id, "subnet": subnet_id, "vnet_image_pull": false})
	count(findings([registry({}), app, subnet({}), vnet, nsg([deny_internet])])) == 0
}

test_no_nsg if {
	count(findings([registry({}), aks, json.remove(subnet({}), ["attrs/nsg"]), vnet])) == 0
}

# Unknown values and external nodes.

test_unknown_protocol_ahead_is_silent if {
	allow := json.remove(rule("AllowSomething", 100, "Allow", ["Internet"], ["443"]), ["protocol"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_destination_not_shown_ahead_is_silent if {
	allow := rule("AllowAsg", 100, "Allow", [], ["443"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_unknown_priority_is_silent if {
	allow := json.remove(allow_acr, ["priority"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_unknown_direction_is_silent if {
	allow := json.remove(allow_acr, ["direction"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_unknown_access_of_the_deciding_rule_is_silent if {
	count(findings(public(registry({}), [json.remove(deny_internet, ["access"])]))) == 0
}

test_unknown_ports_are_silent if {
	allow := rule("AllowSomething", 100, "Allow", ["Internet"], ["${var.port}"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_public_prefix_ahead_is_silent if {
	allow := rule("AllowRange", 100, "Allow", ["20.0.0.0/8"], ["443"])
	count(findings(public(registry({}), [allow, deny_internet]))) == 0
}

test_regional_tag_of_a_replicated_registry_is_silent if {
	reg := registry({"replica_locations": ["northeurope"], "data_endpoints": ["myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io"]})
	deny := rule("DenyAcrWeu", 200, "Deny", ["AzureContainerRegistry.WestEurope"], ["443"])
	count(findings(public(reg, [deny]))) == 0
}

test_unknown_rules_are_silent if {
	count(findings([registry({}), aks, subnet({}), vnet, unknown(nsg([deny_internet]), "rules")])) == 0
}

test_unknown_subnet_nsg_is_silent if {
	count(findings([registry({}), aks, unknown(subnet({}), "nsg"), vnet, nsg([deny_internet])])) == 0
}

test_unknown_subnet_prefixes_are_silent if {
	deny := object.union(deny_internet, {"source": ["10.1.0.0/16"]})
	count(findings([registry({}), aks, unknown(subnet({}), "address_prefixes"), vnet, nsg([deny])])) == 0
}

test_unknown_route_table_is_silent if {
	allow_vnet := rule("AllowVnet", 100, "Allow", ["VirtualNetwork"], ["*"])
	count(findings([registry({}), aks, unknown(subnet({"route_table": rt_id}), "route_table"), vnet, nsg([allow_vnet, deny_internet])])) == 0
}

test_unknown_routes_are_silent if {
	rt := unknown(node(rt_id, "route_table", {"name": "rt-aks", "routes": []}), "routes")
	allow_vnet := rule("AllowVnet", 100, "Allow", ["VirtualNetwork"], ["*"])
	count(findings([registry({}), aks, subnet({"route_table": rt_id}), vnet, nsg([allow_vnet, deny_internet]), rt])) == 0
}

test_unknown_endpoint_prefixes_are_silent if {
	nodes := private([rule("DenyHub", 200, "Deny", ["10.0.0.0/16"], ["443"])])
	pe_subnet := unknown(node(pe_subnet_id, "subnet", {"name": "snet-pe", "vnet": "vnet/main.tf/azurerm_virtual_network.hub", "address_prefixes": []}), "address_prefixes")
	count(findings(array.concat([n | some n in nodes; n.id != pe_subnet_id], [pe_subnet]))) == 0
}

test_unknown_path_is_silent if {
	nodes := private([rule("DenyVnet", 200, "Deny", ["VirtualNetwork"], ["443"])])
	zone := unknown(node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": []}), "linked_vnets")
	count(findings(array.concat([n | some n in nodes; n.id != zone_id], [zone]))) == 0
}

test_unknown_public_access_is_silent if {
	count(findings(public(unknown(registry({}), "public_network_access"), [deny_internet]))) == 0
}

test_unknown_pulls_from_is_silent if {
	count(findings([registry({}), unknown(aks, "pulls_from"), subnet({}), vnet, nsg([deny_internet])])) == 0
}

test_external_nsg_is_silent if {
	count(findings([registry({}), aks, subnet({}), vnet, external(nsg([deny_internet]))])) == 0
}

test_external_subnet_is_silent if {
	count(findings([registry({}), aks, external(subnet({})), vnet, nsg([deny_internet])])) == 0
}

test_external_registry_is_silent if {
	count(findings(public(external(registry({})), [deny_internet]))) == 0
}

test_external_cluster_is_silent if {
	count(findings([registry({}), external(aks), subnet({}), vnet, nsg([deny_internet])])) == 0
}

test_regional_tag_with_unknown_replicas_is_silent if {
	deny := rule("DenyAcrWeu", 200, "Deny", ["AzureContainerRegistry.WestEurope"], ["443"])
	count(findings(public(unknown(registry({}), "replica_locations"), [deny]))) == 0
}
