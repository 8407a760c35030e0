package acrlint.rules.acr006_test

import data.acrlint.rules.acr006

reg_id := "registry/main.tf/azurerm_container_registry.acr"

aks_id := "aks_cluster/main.tf/azurerm_kubernetes_cluster.aks"

subnet_id := "subnet/main.tf/azurerm_subnet.aks"

vnet_id := "vnet/main.tf/azurerm_virtual_network.spoke"

rt_id := "route_table/main.tf/azurerm_route_table.aks"

fw_id := "firewall/main.tf/azurerm_firewall.hub"

pe_id := "private_endpoint/main.tf/azurerm_private_endpoint.acr"

zone_id := "private_dns_zone/main.tf/azurerm_private_dns_zone.acr"

node(id, kind, attrs) := {"id": id, "kind": kind, "name": attrs.name, "external": false, "attrs": attrs, "attr_lines": {}, "unknown": []}

registry(attrs) := object.union(
	node(reg_id, "registry", object.union(
		{
			"name": "myacr", "sku": "Premium", "login_server": "myacr.azurecr.io",
			"public_network_access": true, "default_action": "Allow", "restricted": false,
			"data_endpoint_enabled": false, "replica_locations": [],
			"data_endpoints": ["myacr.westeurope.data.azurecr.io"],
		},
		attrs,
	)),
	{"location": "westeurope"},
)

geo := registry({
	"data_endpoint_enabled": true, "replica_locations": ["northeurope"],
	"data_endpoints": ["myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io"],
})

aks := node(aks_id, "aks_cluster", {"name": "aks-app", "outbound_type": "userDefinedRouting", "subnets": [subnet_id], "private_cluster": false, "pulls_from": [reg_id]})

subnet(attrs) := node(subnet_id, "subnet", object.union(
	{"name": "snet-aks", "vnet": vnet_id, "address_prefixes": ["10.1.0.0/22"], "service_endpoints": [], "route_table": rt_id},
	attrs,
))

vnet := node(vnet_id, "vnet", {"name": "vnet-spoke", "address_space": ["10.1.0.0/16"], "dns_servers": []})

route_table(routes) := node(rt_id, "route_table", {"name": "rt-aks", "routes": routes})

default_route := {"name": "to-firewall", "prefix": "0.0.0.0/0", "next_hop_type": "VirtualAppliance", "next_hop_ip": "10.0.1.4", "next_hop": fw_id}

firewall(app, net) := node(fw_id, "firewall", {
	"name": "fw-hub", "subnet": "subnet/main.tf/azurerm_subnet.fw", "private_ip": "10.0.1.4", "dns_proxy": false,
	"application_rules": app, "network_rules": net,
})

app_rule(fqdns) := {"collection": "aks", "priority": 200, "action": "Allow", "name": "registry", "source": ["10.1.0.0/16"], "fqdns": fqdns, "fqdn_tags": []}

aks_tag_rule := {"collection": "aks", "priority": 200, "action": "Allow", "name": "aks", "source": ["*"], "fqdns": [], "fqdn_tags": ["AzureKubernetesService"]}

net_rule(tags, ports) := {
	"collection": "aks-net", "priority": 100, "action": "Allow", "name": "registry", "source": ["10.1.0.0/16"],
	"destinations": [], "service_tags": tags, "fqdns": [], "ports": ports, "protocols": ["TCP"],
}

graph(nodes) := {"nodes": {n.id: n | some n in nodes}, "diagnostics": []}

base(reg, fw) := [reg, aks, subnet({}), vnet, route_table([default_route]), fw]

unknown(n, attr) := json.patch(n, [
	{"op": "remove", "path": sprintf("/attrs/%s", [attr])},
	{"op": "replace", "path": "/unknown", "value": [attr]},
])

external(n) := {"id": n.id, "kind": n.kind, "name": n.name, "external": true, "attrs": {}, "attr_lines": {}, "unknown": []}

findings(nodes) := fs if {
	fs := acr006.report with input as graph(nodes)
}

# Findings.

test_fqdn_tag_is_not_the_registry if {
	fs := findings(base(registry({}), firewall([aks_tag_rule], [])))
	count(fs) == 1
	some f in fs
	f.rule_id == "ACR006"
	f.severity == "error"
	f.resource == fw_id
	f.attr == "application_rules"
	f.message == concat("", [
		`AKS cluster "aks-app" pulls from registry "myacr" over its public endpoint from subnet "snet-aks", `,
		`whose route table "rt-aks" sends 0.0.0.0/0 through firewall "fw-hub", but no rule of the firewall allows HTTPS from the subnet `,
		`to *.blob.core.windows.net, myacr.azurecr.io: add application rules for them, or network rules for TCP 443 to the `,
		`AzureContainerRegistry and Storage service tags (without dedicated data endpoints, layers come from the registry's storage `,
		`accounts, whose names only the wildcard *.blob.core.windows.net covers)`,
	])
	f.related == [
		{"resource": aks_id, "attr": "subnets", "message": `AKS cluster "aks-app" pulls from the registry through the firewall`},
		{"resource": reg_id, "attr": "login_server", "message": "the registry"},
		{"resource": rt_id, "attr": "routes", "message": "sends the subnet's Internet traffic to the firewall"},
	]
}

test_firewall_without_rules if {
	count(findings(base(registry({}), firewall([], [])))) == 1
}

test_login_server_without_storage if {
	fs := findings(base(registry({}), firewall([app_rule(["myacr.azurecr.io"])], [])))
	count(fs) == 1
	some f in fs
	contains(f.message, "allows HTTPS from the subnet to *.blob.core.windows.net: add application rules for it, or network rules for TCP 443 to the Storage service tag (")
}

test_storage_without_login_server if {
	some f in findings(base(registry({}), firewall([app_rule(["*.blob.core.windows.net"])], [])))
	endswith(f.message, "to myacr.azurecr.io: add application rules for it, or network rules for TCP 443 to the AzureContainerRegistry service tag")
	not contains(f.message, "storage accounts")
}

test_missing_replica_data_endpoint if {
	rule := app_rule(["myacr.azurecr.io", "myacr.westeurope.data.azurecr.io"])
	some f in findings(base(geo, firewall([rule], [])))
	contains(f.message, "to myacr.northeurope.data.azurecr.io: add application rules for it")
}

test_data_endpoints_not_storage_when_dedicated if {
	rule := app_rule(["myacr.azurecr.io", "*.blob.core.windows.net"])
	some f in findings(base(geo, firewall([rule], [])))
	contains(f.message, "to myacr.northeurope.data.azurecr.io, myacr.westeurope.data.azurecr.io:")
}

test_service_tag_without_storage if {
	some f in findings(base(registry({}), firewall([], [net_rule(["AzureContainerRegistry"], ["443"])])))
	contains(f.message, "to *.blob.core.windows.net:")
}

test_network_rule_on_other_port if {
	some f in findings(base(registry({}), firewall([], [net_rule(["AzureContainerRegistry", "Storage"], ["80"])])))
	contains(f.message, "to *.blob.core.windows.net, myacr.azurecr.io:")
}

test_network_rule_over_udp if {
	rule := object.union(net_rule(["AzureContainerRegistry", "Storage"], ["443"]), {"protocols": ["UDP"]})
	count(findings(base(registry({}), firewall([], [rule])))) == 1
}

test_regional_tag_of_another_region if {
	rule := net_rule(["AzureContainerRegistry.EastUS", "Storage"], ["443"])
	some f in findings(base(registry({}), firewall([], [rule])))
	contains(f.message, "to myacr.azurecr.io:")
}

test_source_elsewhere if {
	rule := object.union(app_rule(["myacr.azurecr.io", "*.blob.core.windows.net"]), {"source": ["10.9.0.0/16"]})
	count(findings(base(registry({}), firewall([rule], [])))) == 1
}

test_deny_collection_does_not_allow if {
	rule := object.union(app_rule(["*"]), {"action": "Deny"})
	count(findings(base(registry({}), firewall([rule], [])))) == 1
}

test_private_endpoint_the_vnet_does_not_resolve if {
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": ["vnet/main.tf/azurerm_virtual_network.hub"]})
	count(findings(array.concat(base(registry({}), firewall([aks_tag_rule], [])), [pe, zone]))) == 1
}

test_web_app_pulling_over_its_integration if {
	app := node("web_app/main.tf/azurerm_linux_web_app.app", "web_app", {"name": "app-web", "registry": reg_id, "subnet": subnet_id, "vnet_image_pull": true})
	some f in findings([registry({}), app, subnet({}), vnet, route_table([default_route]), firewall([], [])])
	startswith(f.message, `App Service app "app-web" pulls from registry "myacr"`)
	f.related[0] == {"resource": "web_app/main.tf/azurerm_linux_web_app.app", "attr": "subnet", "message": `App Service app "app-web" pulls from the registry through the firewall`}
}

test_container_group if {
	group := node("container_group/main.tf/azurerm_container_group.ci", "container_group", {"name": "ci-job", "registries": [reg_id], "subnet": subnet_id})
	some f in findings([registry({}), group, subnet({}), vnet, route_table([default_route]), firewall([], [])])
	startswith(f.message, `container group "ci-job" pulls from registry "myacr"`)
}

test_only_login_server_when_data_endpoints_setting_unknown if {
	reg := unknown(registry({}), "data_endpoint_enabled")
	some f in findings(base(reg, firewall([], [])))
	contains(f.message, "to myacr.azurecr.io: add")
}

# No findings.

test_fqdns_and_storage_wildcard if {
	rule := app_rule(["MyAcr.AzureCR.io", "*.blob.core.windows.net"])
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_wildcards_cover_data_endpoints if {
	rule := app_rule(["*.azurecr.io"])
	count(findings(base(geo, firewall([rule], [])))) == 0
}

test_broader_storage_wildcard if {
	rule := app_rule(["myacr.azurecr.io", "*.core.windows.net"])
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_star_covers_everything if {
	rule := object.union(app_rule(["*"]), {"source": ["*"]})
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_explicit_data_endpoints if {
	rule := app_rule(["myacr.azurecr.io", "myacr.westeurope.data.azurecr.io", "myacr.northeurope.data.azurecr.io"])
	count(findings(base(geo, firewall([rule], [])))) == 0
}

test_service_tags if {
	count(findings(base(registry({}), firewall([], [net_rule(["AzureContainerRegistry", "Storage"], ["443"])])))) == 0
}

test_regional_service_tags if {
	rule := net_rule(["AzureContainerRegistry.WestEurope", "Storage.WestEurope"], ["443"])
	count(findings(base(registry({}), firewall([], [rule])))) == 0
}

test_service_tags_any_protocol_and_port_range if {
	rule := object.union(net_rule(["AzureContainerRegistry", "Storage"], ["1-1024"]), {"protocols": ["Any"]})
	count(findings(base(registry({}), firewall([], [rule])))) == 0
}

test_network_rule_to_any_destination if {
	rule := object.union(net_rule([], ["443"]), {"destinations": ["*"]})
	count(findings(base(registry({}), firewall([], [rule])))) == 0
}

test_tags_and_fqdns_mixed if {
	rule := net_rule(["Storage"], ["443"])
	count(findings(base(registry({}), firewall([app_rule(["myacr.azurecr.io"])], [rule])))) == 0
}

test_missing_action_allows if {
	rule := json.remove(app_rule(["*.azurecr.io", "*.blob.core.windows.net"]), ["action"])
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_private_endpoint_resolved if {
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": [vnet_id]})
	count(findings(array.concat(base(registry({}), firewall([], [])), [pe, zone]))) == 0
}

test_private_endpoint_resolved_through_firewall_dns_proxy if {
	hub_id := "vnet/main.tf/azurerm_virtual_network.hub"
	fw_subnet := node("subnet/main.tf/azurerm_subnet.fw", "subnet", {"name": "AzureFirewallSubnet", "vnet": hub_id, "address_prefixes": ["10.0.1.0/26"]})
	hub := node(hub_id, "vnet", {"name": "vnet-hub", "address_space": ["10.0.0.0/16"], "dns_servers": []})
	spoke := node(vnet_id, "vnet", {"name": "vnet-spoke", "address_space": ["10.1.0.0/16"], "dns_servers": ["10.0.1.4"]})
	fw := json.patch(firewall([], []), [{"op": "replace", "path": "/attrs/dns_proxy", "value": true}])
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": [hub_id]})
	count(findings([registry({}), aks, subnet({}), spoke, route_table([default_route]), fw, fw_subnet, hub, pe, zone])) == 0
}

test_public_access_disabled_is_left_to_other_rules if {
	count(findings(base(registry({"public_network_access": false, "restricted": true}), firewall([], [])))) == 0
}

test_no_route_table if {
	s := json.remove(subnet({}), ["attrs/route_table"])
	count(findings([registry({}), aks, s, vnet, firewall([], [])])) == 0
}

test_default_route_to_internet if {
	route := object.union(default_route, {"next_hop_type": "Internet"})
	count(findings([registry({}), aks, subnet({}), vnet, route_table([json.remove(route, ["next_hop"])]), firewall([], [])])) == 0
}

test_default_route_to_another_appliance if {
	route := json.remove(object.union(default_route, {"next_hop_ip": "10.0.9.4"}), ["next_hop"])
	count(findings([registry({}), aks, subnet({}), vnet, route_table([route]), firewall([], [])])) == 0
}

test_service_tag_route_around_the_firewall if {
	bypass := {"name": "acr", "prefix": "AzureContainerRegistry", "next_hop_type": "Internet"}
	count(findings([registry({}), aks, subnet({}), vnet, route_table([default_route, bypass]), firewall([], [])])) == 0
}

test_private_routes_keep_the_firewall if {
	hub := {"name": "hub", "prefix": "10.0.0.0/16", "next_hop_type": "VnetLocal"}
	count(findings([registry({}), aks, subnet({}), vnet, route_table([default_route, hub]), firewall([], [])])) == 1
}

test_service_endpoints_bypass_the_firewall if {
	s := subnet({"service_endpoints": ["Microsoft.ContainerRegistry", "Microsoft.Storage"]})
	count(findings([registry({}), aks, s, vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_web_app_pulling_over_the_platform if {
	app := node("web_app/main.tf/azurerm_linux_web_app.app", "web_app", {"name": "app-web", "registry": reg_id, "subnet": subnet_id, "vnet_image_pull": false})
	count(findings([registry({}), app, subnet({}), vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_rule_sources_not_shown if {
	rule := object.union(app_rule(["myacr.azurecr.io", "*.blob.core.windows.net"]), {"source": []})
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_rule_targets_not_shown if {
	rule := object.union(app_rule([]), {"source": ["*"]})
	count(findings(base(registry({}), firewall([rule], [])))) == 0
}

test_network_rule_destinations_not_shown if {
	count(findings(base(registry({}), firewall([], [net_rule([], ["443"])])))) == 0
}

test_network_rule_public_prefix_may_hold_the_registry if {
	rule := object.union(net_rule(["Storage"], ["443"]), {"destinations": ["20.0.0.0/8"]})
	count(findings(base(registry({}), firewall([], [rule])))) == 0
}

# Unknown values and external nodes.

test_unknown_application_rules_are_silent if {
	count(findings(base(registry({}), unknown(firewall([], []), "application_rules")))) == 0
}

test_unknown_network_rules_are_silent if {
	count(findings(base(registry({}), unknown(firewall([], []), "network_rules")))) == 0
}

test_unknown_routes_are_silent if {
	count(findings([registry({}), aks, subnet({}), vnet, unknown(route_table([default_route]), "routes"), firewall([], [])])) == 0
}

test_unknown_route_table_is_silent if {
	s := unknown(subnet({}), "route_table")
	count(findings([registry({}), aks, s, vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_unknown_subnet_prefixes_are_silent if {
	s := unknown(subnet({}), "address_prefixes")
	rule := object.union(app_rule(["myacr.azurecr.io", "*.blob.core.windows.net"]), {"source": ["10.9.0.0/16"]})
	count(findings([registry({}), aks, s, vnet, route_table([default_route]), firewall([rule], [])])) == 0
}

test_unknown_service_endpoints_are_silent if {
	s := unknown(subnet({}), "service_endpoints")
	count(findings([registry({}), aks, s, vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_unknown_subnet_vnet_is_silent if {
	s := unknown(subnet({}), "vnet")
	count(findings([registry({}), aks, s, vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_unknown_login_server_is_silent if {
	count(findings(base(unknown(registry({}), "login_server"), firewall([], [])))) == 0
}

test_unknown_data_endpoints_setting_with_login_server_allowed_is_silent if {
	reg := unknown(registry({}), "data_endpoint_enabled")
	count(findings(base(reg, firewall([app_rule(["myacr.azurecr.io"])], [])))) == 0
}

test_unknown_data_endpoints_are_silent if {
	reg := unknown(geo, "data_endpoints")
	count(findings(base(reg, firewall([app_rule(["myacr.azurecr.io"])], [])))) == 0
}

test_unknown_public_access_is_silent if {
	count(findings(base(unknown(registry({}), "public_network_access"), firewall([], [])))) == 0
}

test_unknown_pulls_from_is_silent if {
	a := unknown(aks, "pulls_from")
	count(findings([registry({}), a, subnet({}), vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_unknown_node_subnets_are_silent if {
	a := unknown(aks, "subnets")
	count(findings([registry({}), a, subnet({}), vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_unknown_endpoint_target_is_silent if {
	pe := unknown(node(pe_id, "private_endpoint", {"name": "pe-x", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [], "dns_zones": []}), "connections")
	count(findings(array.concat(base(registry({}), firewall([], [])), [pe]))) == 0
}

test_hidden_resources_are_silent if {
	g := object.union(graph(base(registry({}), firewall([], []))), {"diagnostics": [{"file": "main.tf", "line": 3, "severity": "note", "code": "incomplete", "message": "count not known"}]})
	count(acr006.report) == 0 with input as g
}

test_unknown_zone_links_are_silent if {
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := unknown(node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": []}), "linked_vnets")
	count(findings(array.concat(base(registry({}), firewall([], [])), [pe, zone]))) == 0
}

test_unknown_dns_servers_are_silent if {
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io", "records": {}, "linked_vnets": []})
	nodes := [registry({}), aks, subnet({}), unknown(vnet, "dns_servers"), route_table([default_route]), firewall([], []), pe, zone]
	count(findings(nodes)) == 0
}

test_external_zone_is_silent if {
	pe := node(pe_id, "private_endpoint", {"name": "pe-acr", "subnet": "subnet/main.tf/azurerm_subnet.pe", "connections": [{"resource": reg_id, "group_ids": ["registry"]}], "dns_zones": [zone_id]})
	zone := external(node(zone_id, "private_dns_zone", {"name": "privatelink.azurecr.io"}))
	count(findings(array.concat(base(registry({}), firewall([], [])), [pe, zone]))) == 0
}

test_external_firewall_is_silent if {
	count(findings(base(registry({}), external(firewall([], []))))) == 0
}

test_external_route_table_is_silent if {
	count(findings([registry({}), aks, subnet({}), vnet, external(route_table([default_route])), firewall([], [])])) == 0
}

test_external_subnet_is_silent if {
	count(findings([registry({}), aks, external(subnet({})), vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_external_registry_is_silent if {
	count(findings(base(external(registry({})), firewall([], [])))) == 0
}

test_external_cluster_is_silent if {
	count(findings([registry({}), external(aks), subnet({}), vnet, route_table([default_route]), firewall([], [])])) == 0
}

test_regional_tag_with_unknown_replicas_is_silent if {
	rule := net_rule(["AzureContainerRegistry.EastUS", "Storage"], ["443"])
	count(findings(base(unknown(registry({}), "replica_locations"), firewall([], [rule])))) == 0
}
